"""An on-disk cache of online look-ups: sqlite3 from the standard library, keyed by request URL.

Only successful answers (HTTP 200 with a JSON body that the source's
validation accepted) are stored, so a re-run
repeats no request that succeeded and retries those that failed.  The
contact address travels in the User-Agent header, not in the URL, so the cache
does not depend on it.  Entries do not expire (bibliographic records rarely
change); clear the cache with :func:`clear_cache` or by deleting the file.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path

__all__ = ["CacheError", "ResponseCache", "clear_cache", "default_cache_path"]

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


class CacheError(Exception):
    """The cache file cannot be used (a folder, not an SQLite file, unreadable): said in one line."""


class ResponseCache:
    """A thread-safe URL -> (status, content type, body) store.

    ``path=None`` keeps the cache in memory (for tests, or ``--no-cache``).
    ``read_only`` (offline runs) creates nothing: a missing file is an empty cache.
    A file that is not an SQLite database raises :class:`CacheError`; one that
    fails later (damaged pages) is given up: every look-up misses, nothing is
    stored, and :attr:`failure` says why (the caller warns once).
    """

    def __init__(
        self, path: str | os.PathLike[str] | None, *, read_only: bool = False, create_folder: bool = True
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.failure: str | None = None
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        where = str(self.path)
        try:
            if self.path is None:
                self._db = sqlite3.connect(":memory:", check_same_thread=False)
                self._db.execute(_SCHEMA)
                return
            if self.path.is_dir():
                raise CacheError(f"the cache {where} is a folder, not a file")
            if read_only:
                if not self.path.exists():
                    return  # nothing cached yet: every look-up misses, nothing is created
                uri = self.path.resolve().as_uri() + "?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
                self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return
            if create_folder:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(where, check_same_thread=False, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
            self._db.commit()
        except sqlite3.Error as error:
            if self._db is not None:
                self._db.close()
            raise CacheError(f"the cache {where} is not usable ({error})") from None
        except OSError as error:
            raise CacheError(f"the cache {where} is not usable ({error.strerror or error})") from None

    def _give_up(self, error: sqlite3.Error) -> None:
        """Damaged pages found in use: stop using the file (never delete it: it may not be ours)."""
        if self.failure is None:
            self.failure = f"the cache {self.path} is damaged ({error})"
        db, self._db = self._db, None
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def get(self, url: str) -> tuple[int, str, str] | None:
        with self._lock:
            if self._db is None:
                return None
            try:
                row = self._db.execute(
                    "SELECT status, content_type, body FROM responses WHERE url = ?", (url,)
                ).fetchone()
            except sqlite3.OperationalError as error:
                if "no such table" in str(error):  # an SQLite file that is not (yet) a cache
                    return None
                self._give_up(error)
                return None
            except sqlite3.Error as error:
                self._give_up(error)
                return None
        return (int(row[0]), str(row[1]), str(row[2])) if row else None

    def put(self, url: str, status: int, content_type: str, body: str) -> None:
        with self._lock:
            if self._db is None:
                return
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO responses (url, status, content_type, body, fetched_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (url, status, content_type, body, time.time()),
                )
                self._db.commit()
            except sqlite3.Error as error:
                self._give_up(error)

    def forget(self, url: str) -> None:
        """Remove one entry (an answer that no longer passes validation)."""
        with self._lock:
            if self._db is None:
                return
            try:
                self._db.execute("DELETE FROM responses WHERE url = ?", (url,))
                self._db.commit()
            except sqlite3.Error as error:
                self._give_up(error)

    def __len__(self) -> int:
        with self._lock:
            if self._db is None:
                return 0
            return int(self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def __enter__(self) -> ResponseCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
