"""Works kept on disk: merged works, their cited locators and final keys.

A streamed input (:mod:`haliref.scale.stream`, :class:`ShelvedWorks`: the merge stage's works)
or a shelf of files (:mod:`haliref.scale.batch`, :class:`SpilledShelf`: the combined works)
can hold hundreds of thousands of distinct works; in Python objects they would
outgrow any memory bound. Here they live in a private temporary SQLite database
(``sqlite3.connect("")``: on disk, deleted when closed, with SQLite's own small
page cache), one row per work in order of first appearance, the work as JSON
(:meth:`Work.to_dict`). Rows are read back a page at a time, so exporting needs
no more memory than a page of entries.
"""

from __future__ import annotations

import json
import sqlite3
from collections import deque
from collections.abc import Iterator, Mapping

from haliref.merge.works import (
    NEAR_WINDOW,
    MergedWork,
    citation_key,
    filed_title,
    latest_near_identical,
    suffixed_keys,
)
from haliref.model import Work, csl_fields, csl_item

__all__ = ["ShelvedWorks", "SpilledShelf"]

_SCHEMA = """
CREATE TABLE works (n INTEGER PRIMARY KEY, id TEXT NOT NULL, folded TEXT NOT NULL UNIQUE,
                    family TEXT NOT NULL, word TEXT NOT NULL, work TEXT NOT NULL, base TEXT NOT NULL,
                    key TEXT UNIQUE);
CREATE INDEX works_bucket ON works (family, word);
CREATE INDEX works_base ON works (base);
CREATE TABLE cited (seq INTEGER PRIMARY KEY, n INTEGER NOT NULL, locator TEXT NOT NULL, UNIQUE (n, locator));
"""


_PAGE = 1000
_LEADING_WORDS = 64


def _dump(work: Work) -> str:
    return json.dumps(work.to_dict(), ensure_ascii=False, separators=(",", ":"))


def _load(text: str, key: str | None = None) -> Work:
    data = json.loads(text)
    return Work.from_dict({**data, "id": key} if key is not None else data)


def _keyed_pages(db: sqlite3.Connection, table: str, columns: str) -> Iterator[tuple]:
    """``(n, *columns)`` of every row of ``table`` in order, read a page at a time, so the caller
    may write to the database between rows (no statement stays open)."""
    last = -1
    query = f"SELECT n, {columns} FROM {table} WHERE n > ? ORDER BY n LIMIT {_PAGE}"
    while rows := db.execute(query, (last,)).fetchall():
        yield from rows
        last = rows[-1][0]


def _assign_keys(db: sqlite3.Connection, table: str) -> None:
    """Final keys for all rows of ``table`` from their ``base`` column, as
    :func:`haliref.merge.works.assign_keys` gives one list's works."""

    def count(base: str) -> int:
        return db.execute(f"SELECT COUNT(*) FROM {table} WHERE base = ?", (base,)).fetchone()[0]

    pending: deque[int] = deque()  # the row whose base suffixed_keys has just read

    def bases() -> Iterator[str]:
        for n, base in _keyed_pages(db, table, "base"):
            pending.append(n)
            yield base

    for key in suffixed_keys(bases(), count):
        db.execute(f"UPDATE {table} SET key = ? WHERE n = ?", (key, pending.popleft()))


_MERGED_SCHEMA = """
CREATE TABLE merged (n INTEGER PRIMARY KEY, family TEXT NOT NULL, full INTEGER NOT NULL, words TEXT NOT NULL,
                     work TEXT NOT NULL, base TEXT NOT NULL, key TEXT UNIQUE);
CREATE INDEX merged_full ON merged (family, full, n);
CREATE INDEX merged_words ON merged (family, full, words);
CREATE INDEX merged_base ON merged (base);
CREATE INDEX merged_titles ON merged (full, words);
CREATE TABLE cited (seq INTEGER PRIMARY KEY, n INTEGER NOT NULL, locator TEXT NOT NULL, UNIQUE (n, locator));
"""


class ShelvedWorks:
    """The merge stage's works on disk (a :class:`haliref.merge.works.WorkStore`): a streamed input's
    :class:`haliref.merge.works.Merger` keeps them here, with the locators cited for each, and the
    keys are assigned once all blocks are in. Memory does not grow with the number of works."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("")
        self._db.executescript(_MERGED_SCHEMA)
        self._count = 0

    def close(self) -> None:
        self._db.close()

    def __len__(self) -> int:
        return self._count

    # --- what the Merger asks ---------------------------------------------------------------
    def get(self, index: int) -> MergedWork:
        (text, full) = self._db.execute("SELECT work, full FROM merged WHERE n = ?", (index,)).fetchone()
        work = _load(text)
        return MergedWork(
            csl=csl_fields(work.csl), corrections=work.corrections, flags=work.flags, short_form_only=not full
        )

    def _row(self, work: MergedWork) -> tuple[str, int, str, str, str]:
        dumped = _dump(Work(id="", csl=csl_item(work.csl), corrections=work.corrections, flags=work.flags))
        words = filed_title(work.csl.get("title", ""))
        return work.family(), int(not work.short_form_only), words, dumped, citation_key(work.csl)

    def put(self, index: int, work: MergedWork) -> None:
        self._db.execute(
            "UPDATE merged SET family = ?, full = ?, words = ?, work = ?, base = ? WHERE n = ?",
            (*self._row(work), index),
        )

    def add(self, work: MergedWork) -> int:
        index = self._count
        self._db.execute(
            "INSERT INTO merged (n, family, full, words, work, base) VALUES (?, ?, ?, ?, ?, ?)",
            (index, *self._row(work)),
        )
        self._count += 1
        return index

    def _latest(self, condition: str, parameters: tuple[str, ...]) -> int:
        query = f"SELECT MAX(n) FROM merged WHERE family = ? AND full = 1{condition}"
        found = self._db.execute(query, parameters).fetchone()[0]
        return -1 if found is None else found

    def antecedent(self, family: str, title: str, short_form: bool = False) -> int | None:
        """See :class:`haliref.merge.works.WorkStore`: the same answer as the in-memory store's trie, by
        look-ups in the index of (family, title words), so a citation costs the same however many works
        its author has (it was a pass over all of them, latest first).

        A filed title that is the leading words of this one is looked up by each of the title's first
        ``_LEADING_WORDS`` word prefixes (a longer one is an exact look-up only).
        """
        if not title:
            latest = self._latest("", (family,))
            return latest if latest >= 0 else None
        words = filed_title(title)
        if not words:
            return None
        split = words.split(" ")
        leading = [" ".join(split[:count]) for count in range(1, min(len(split), _LEADING_WORDS) + 1)]
        leading.append(words)
        best = max(
            self._latest(f" AND words IN ({', '.join('?' * len(leading))})", (family, *leading)),
            # the title, then a space: every title this one is the leading words of (words are letters and digits)
            self._latest(" AND words >= ? AND words < ?", (family, words + " ", words + "!")),
        )
        recent = self._db.execute(
            "SELECT n, words FROM merged WHERE family = ? AND full = 1 ORDER BY n DESC LIMIT ?", (family, NEAR_WINDOW)
        ).fetchall()
        if recent and recent[0][0] > best:
            recent.reverse()  # oldest first, as the in-memory store lists them
            best = max(best, latest_near_identical(words, [n for n, _ in recent], [seen for _, seen in recent],
                                                   short_form))
        return best if best >= 0 else None

    def short_form_twin(self, family: str, words: str) -> int | None:
        """See :meth:`haliref.merge.works.WorkStore.short_form_twin`."""
        found = self._db.execute(
            "SELECT MAX(n) FROM merged WHERE family = ? AND full = 0 AND words = ?", (family, words)
        ).fetchone()[0]
        return None if found is None else int(found)

    def titled(self, words: str) -> int | None:
        """See :meth:`haliref.merge.works.WorkStore.titled`."""
        found = self._db.execute(
            "SELECT MAX(n) FROM merged WHERE full = 1 AND (words = ? OR (words >= ? AND words < ?))",
            (words, words + " ", words + "!"),
        ).fetchone()[0]
        return None if found is None else int(found)

    # --- what streaming keeps besides -------------------------------------------------------
    def cite(self, index: int, locator: str) -> None:
        """Remember a locator cited for a work (each once, in order of first citation)."""
        self._db.execute("INSERT OR IGNORE INTO cited (n, locator) VALUES (?, ?)", (index, locator))

    def assign_keys(self) -> None:
        """The keys of all works, once, as :func:`haliref.merge.works.assign_keys` gives one list's."""
        _assign_keys(self._db, "merged")

    def keyed_works(self) -> Iterator[Work]:
        """The works under their keys, in order of first citation."""
        for _, key, text in _keyed_pages(self._db, "merged", "key, work"):
            yield _load(text, key)

    def locators(self) -> Mapping[str, list[str]]:
        return _CitedLocators(self._db, "merged")


class SpilledShelf:
    """Where a :class:`haliref.merge.combine.Combiner` keeps its works, plus what streaming needs
    after combining: the locators cited for each work and the keys assigned once all works are in."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    # --- what the Combiner asks ----------------------------------------------------------
    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM works").fetchone()[0]

    def __iter__(self) -> Iterator[Work]:
        for _, work in self._pages("work"):
            yield _load(work)

    def _pages(self, columns: str) -> Iterator[tuple]:
        return _keyed_pages(self._db, "works", columns)

    def candidates(self, bucket: tuple[str, str]) -> Iterator[tuple[int, Work]]:
        """The works of a bucket, latest first."""
        rows = self._db.execute(
            "SELECT n, work FROM works WHERE family = ? AND word = ? ORDER BY n DESC", bucket
        ).fetchall()
        return ((n, _load(work)) for n, work in rows)

    def replace(self, index: int, work: Work) -> None:
        self._db.execute(
            "UPDATE works SET work = ?, base = ? WHERE n = ?", (_dump(work), citation_key(work.csl), index)
        )

    def append(self, work: Work, bucket: tuple[str, str]) -> None:
        self._db.execute(
            "INSERT INTO works (id, folded, family, word, work, base) VALUES (?, ?, ?, ?, ?, ?)",
            (work.id, work.id.lower(), *bucket, _dump(work), citation_key(work.csl)),
        )

    def has_id(self, folded: str) -> bool:
        return self._db.execute("SELECT 1 FROM works WHERE folded = ?", (folded,)).fetchone() is not None

    # --- after combining ------------------------------------------------------------------
    def cite(self, work_id: str, locator: str) -> None:
        """Remember a locator cited for a work (each once, in order of first citation)."""
        self._db.execute(
            "INSERT OR IGNORE INTO cited (n, locator) SELECT n, ? FROM works WHERE folded = ?",
            (locator, work_id.lower()),
        )

    def assign_keys(self) -> None:
        """Final keys for all works, as :func:`haliref.merge.works.assign_keys` gives one list's works."""
        _assign_keys(self._db, "works")

    def keep_keys(self) -> None:
        """Final keys = the works' own ids (first appearance, made unique by the Combiner)."""
        self._db.execute("UPDATE works SET key = id")

    def keyed_works(self) -> Iterator[Work]:
        """The works under their final keys, in order of first appearance."""
        for _, key, work in self._pages("key, work"):
            yield _load(work, key)

    def locators(self) -> Mapping[str, list[str]]:
        return _CitedLocators(self._db, "works")


class _CitedLocators(Mapping[str, list[str]]):
    """Final key → locators cited, read from the shelf on demand (works never cited are absent)."""

    def __init__(self, db: sqlite3.Connection, table: str) -> None:
        self._db = db
        self._table = table

    def __getitem__(self, key: str) -> list[str]:
        found = [row[0] for row in self._db.execute(
            f"SELECT locator FROM cited JOIN {self._table} USING (n) WHERE {self._table}.key = ? ORDER BY seq", (key,)
        )]
        if not found:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter([row[0] for row in self._db.execute(
            f"SELECT key FROM {self._table} WHERE n IN (SELECT n FROM cited) ORDER BY n"
        )])

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(DISTINCT n) FROM cited").fetchone()[0]
