"""Notes keyed to the pages of the text they annotate, as trade books print their endnotes.

    p. 3. ‘at best circumstantial . . .’, Ferguson, Civilization, p. 29.
    283
    “The New Yorker's movie critic”:
    Dwight MacDonald, Dwight MacDonald on Movies (Englewood Cliffs, N.J., 1969), 289-92.
    283 For McNamara's advice, see …

Each note opens with the page it annotates, then often the phrase it annotates
(a quotation, or words and a colon on a line of their own): neither is a note
number nor the author's words before a citation. The page's evidence: at least
three lines open with a page, the pages never go back, and several notes share
a page (a quarter of the steps at least), which numbered notes never do; or
every such line writes its page with "p.".
"""

from __future__ import annotations

import itertools
import re

__all__ = ["keyed_lines", "leading_phrase", "split_keys_inside"]

#: "p. 3.", "page 12", "283": a bare page has no stop after it ("12." is a note's number, as lists print them);
#: a manual's chapter and page, with perhaps the paragraph's number after it ("1-4", "1-3      1-10.")
_KEY = re.compile(
    # an older journal's footnote keyed to its page in the preface's numerals or in figures and lettered on it
    # ("page ix note a", "page 12 note b"; numbered ones, "page 12 note 2", are labelled notes)
    r"^[ \t\u00a0]*(?P<key>(?:page[ \t\u00a0]+(?P<lettered>\d{1,4}|[ivxlc]{1,6})[ \t\u00a0]+note[ \t\u00a0]+[a-z]"
    r"|(?P<paged>pp?\.|page)[ \t\u00a0]*(?P<page>\d{1,4})\.?|(?P<bare>\d{1,4})"
    r"|(?P<chapter>\d{1,2})-(?P<chapter_page>\d{1,3})(?:[ \t\u00a0]+\d{1,2}-\d{1,3}\.)?)(?=\s|$))"
    r"[ \t\u00a0]*"
)
_MIN_KEYED_LINES = 3
_SHARED_PAGES = 0.25  # at least this share of steps from one keyed line to the next stays on the same page


def _page(key: re.Match[str]) -> int:
    if lettered := key["lettered"]:
        from haliref.read.segment import roman_value  # (segment reads keyed notes with this module)

        return int(lettered) if lettered.isdigit() else roman_value(lettered) or 0
    return int(key["page"] or key["bare"] or key["chapter_page"])


def keyed_lines(lines: list[str]) -> dict[int, tuple[str, str]]:
    """Line index -> (its page key as printed, the rest of the line), when the page's notes are keyed to pages;
    {} otherwise."""
    # no page is numbered 0: a "0" alone on its lines is a count the page shows ("0 / Views / 0 / Citations")
    found = {index: match for index, line in enumerate(lines) if (match := _KEY.match(line)) and _page(match)}
    if len(found) < _MIN_KEYED_LINES:
        return {}
    pages = [(int(match["chapter"] or 0), _page(match)) for match in found.values()]
    if any(after < before for before, after in itertools.pairwise(pages)):
        return {}
    shared = sum(before == after for before, after in itertools.pairwise(pages))
    paged = all(match["paged"] or match["chapter"] or match["lettered"] for match in found.values())  # "p. 3", "1-4"
    if not paged and shared < _SHARED_PAGES * (len(pages) - 1):
        return {}
    return {index: (match["key"], lines[index][match.end() :].strip()) for index, match in found.items()}


#: A later key inside a keyed note's text, where a paste ran two notes together: " p. 7. ‘even more …".
_KEY_INSIDE = re.compile(r"(?<=\s)(?P<key>pp?\.\s*\d{1,4}\.)\s+(?=[‘“\"'])")


def split_keys_inside(text: str) -> list[tuple[str, str]]:
    """(key, text) of each note keyed with "p." inside ``text`` after its first, as a paste runs them on; the
    first is ("", its text)."""
    pieces: list[tuple[str, str]] = []
    key, done = "", 0
    for match in _KEY_INSIDE.finditer(text):
        pieces.append((key, text[done : match.start()].strip()))
        key, done = match["key"], match.end()
    pieces.append((key, text[done:].strip()))
    return pieces


#: The phrase a note annotates, quoted: "‘the oceans of . . .’,", "“The New Yorker's movie critic”:"; a quotation
#: left open ends at its ellipsis ("‘However, the complexity of . . Secret Report …").
_QUOTED_PHRASE = re.compile(r"^(?P<phrase>[‘“\"][^‘“”\"]{1,200}?(?:’(?!\w)|”|\"))[\s,:;.]*")
_OPEN_PHRASE = re.compile(r"^(?P<phrase>[‘“][^‘“”’\"]{1,200}?(?:\.\s?){2,3})(?=\s)\s*")
_MAX_PHRASE_WORDS = 15


def leading_phrase(first_line: str, text: str) -> int:
    """Where the note proper begins after the phrase it annotates (0 if none): a quotation, or the note's
    whole first line when it is a few words ending with a colon ("There usually followed the spectacle:")."""
    if match := _QUOTED_PHRASE.match(text) or _OPEN_PHRASE.match(text):
        return match.end()
    line = first_line.strip()
    if line.endswith(":") and len(line.split()) <= _MAX_PHRASE_WORDS and text.startswith(line):
        return len(text) - len(text[len(line) :].lstrip())
    return 0
