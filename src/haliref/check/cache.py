"""An on-disk cache of online look-ups: sqlite3 from the standard library, keyed by request URL.

Only successful answers (HTTP 200 with a JSON body) are stored, so a re-run
repeats no request that succeeded and retries those that failed.  The
contact address travels in the User-Agent header, not in the URL, so the cache
does not depend on it.  Entries do not expire (bibliographic records rarely
change); clear the cache with :func:`clear_cache` or by deleting the file.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
from pathlib import Path

__all__ = ["ResponseCache", "clear_cache", "default_cache_path"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    url TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    body TEXT NOT NULL,
    fetched_at REAL NOT NULL
)
"""


def default_cache_path() -> Path:
    """``$HALIREF_CACHE_DIR/online.sqlite3``, else the platform's user cache directory.

    Linux: ``$XDG_CACHE_HOME/haliref`` (``~/.cache/haliref``); macOS:
    ``~/Library/Caches/haliref``; Windows: ``%LOCALAPPDATA%\\haliref\\Cache``.
    """
    override = os.environ.get("HALIREF_CACHE_DIR")
    if override:
        return Path(override).expanduser() / "online.sqlite3"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "haliref" / "Cache" / "online.sqlite3"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "haliref" / "online.sqlite3"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "haliref" / "online.sqlite3"


def clear_cache(path: str | os.PathLike[str] | None = None) -> bool:
    """Delete the cache file (default location if None); True if there was one."""
    target = Path(path) if path is not None else default_cache_path()
    existed = False
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = target.with_name(target.name + suffix)
        if candidate.exists():
            candidate.unlink()
            existed = existed or suffix == ""
    return existed


class ResponseCache:
    """A thread-safe URL -> (status, content type, body) store.

    ``path=None`` keeps the cache in memory (for tests, or ``--no-cache``).
    """

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(
            str(self.path) if self.path is not None else ":memory:", check_same_thread=False, timeout=30
        )
        with self._lock:
            if self.path is not None:
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
            self._db.commit()

    def get(self, url: str) -> tuple[int, str, str] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT status, content_type, body FROM responses WHERE url = ?", (url,)
            ).fetchone()
        return (int(row[0]), str(row[1]), str(row[2])) if row else None

    def put(self, url: str, status: int, content_type: str, body: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO responses (url, status, content_type, body, fetched_at) VALUES (?, ?, ?, ?, ?)",
                (url, status, content_type, body, time.time()),
            )
            self._db.commit()

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ResponseCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
