"""Where a citation stands in the input: character offsets, found after the fact.

The segmenter cleans lines (zero-width characters, runs of spaces, link noise,
line-break hyphens) before the splitter cuts citations, so a citation's text is
not always a plain substring of the input. Rather than thread an offset map
through every stage, the offsets are recovered here: inside the lines a note
came from, the citation is found exactly, else ignoring whitespace and
invisible characters, else by its first and last characters (a removed hyphen
or noise word inside it). A citation that cannot be placed gets None: never a
guess.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["Locator", "line_starts"]

_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_EDGE = 12  # characters matched at each end by the tolerant search


def line_starts(text: str) -> list[int]:
    """The offset of each line as ``str.splitlines`` counts lines (plus the end of the text)."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def _compact(text: str, base: int = 0) -> tuple[str, list[int]]:
    """The visible characters of ``text`` and the offset of each (plus ``base``)."""
    chars: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        if not char.isspace() and char not in _INVISIBLE:
            chars.append(char)
            positions.append(base + index)
    return "".join(chars), positions


class Locator:
    """Finds citations in one input text, each after the previous one of the same note."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = line_starts(text)
        self._cursors: dict[tuple[int, ...], int] = {}  # lines of a note → end of its last placed citation

    def region(self, lines: Sequence[int]) -> tuple[int, int]:
        """The offsets spanned by 1-based input lines (empty when there are none)."""
        if not lines:
            return 0, 0
        first, last = min(lines), max(lines)
        return self._starts[first - 1], self._starts[min(last, len(self._starts) - 1)]

    def place(self, needle: str, lines: Sequence[int], *, lead: str = "") -> tuple[int, int] | None:
        """``needle`` in the given input lines, after what was last placed in them.

        With ``lead`` (a name taken from the prose before a bracketed citation),
        the span starts at the last occurrence of that name before ``needle``.
        """
        begin, end = self.region(lines)
        begin = self._cursors.get(tuple(lines), begin)
        found = self.find(needle, begin, end)
        if found and lead:
            named = self.find_last(lead, begin, found[0])
            found = (named[0] if named else found[0]), found[1]
        if found:
            self._cursors[tuple(lines)] = found[1]
        return found

    def find_last(self, needle: str, begin: int, end: int) -> tuple[int, int] | None:
        """The last exact occurrence of ``needle`` within ``text[begin:end]``."""
        at = self._text.rfind(needle, begin, end) if needle else -1
        return (at, at + len(needle)) if at >= 0 else None

    def find(self, needle: str, begin: int, end: int) -> tuple[int, int] | None:
        """``(start, end)`` of ``needle`` within ``text[begin:end]``, or None when it is not there."""
        needle = needle.strip()
        if not needle or begin >= end:
            return None
        at = self._text.find(needle, begin, end)
        if at >= 0:
            return at, at + len(needle)
        compact_needle, _ = _compact(needle)
        if not compact_needle:
            return None
        compact_region, positions = _compact(self._text[begin:end], begin)
        at = compact_region.find(compact_needle)
        if at >= 0:
            return positions[at], positions[at + len(compact_needle) - 1] + 1
        if len(compact_needle) < 2 * _EDGE:
            return None
        head, tail = compact_needle[:_EDGE], compact_needle[-_EDGE:]
        first = compact_region.find(head)
        if first < 0:
            return None
        last = compact_region.find(tail, first + _EDGE)
        # the citation lost a few characters inside (a line-break hyphen, a noise word), not half of itself
        if last < 0 or last + _EDGE - first > 2 * len(compact_needle):
            return None
        return positions[first], positions[last + _EDGE - 1] + 1
