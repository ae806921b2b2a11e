"""Ancient and medieval works cited by abbreviated author and title and a passage, as classicists and
historians of the church cite them.

    Jul. Or. 7.22 (227D); Caes. 335B, 336A.
    Zos. 2.8.2, 9.2.
    cf. Aur. Vict. Caes. 40.15.
    Amm. 21.10.8 claims Julian also criticized Constantine …

The passage is a chain of numbers with stops ("7.22", "2.32.1–33.1"), or a
page of an old edition with its column letter ("328D–329D"), perhaps with the
edition's page in brackets after it ("7.22 (227D)"). Before it stand one to
three abbreviations: one is the author ("Zos."), two are author and title
("Jul. Or."), three with a lower-case word are a title ("Ep. ad Ath."), three
capitalised are a two-word author and a title ("Aur. Vict. Caes."). A title
alone after a work of a named author in the same note is that author's ("Jul.
Or. 7.22; Caes. 335B": Julian's Caesars). The abbreviations are kept as
printed: which author "Jul." is, no rule here knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ClassicalParts", "classical_parts"]

_ABBREVIATION = r"[A-Z][A-Za-z]{0,11}\.?"
_SHORT_ABBREVIATION = 4  # "HE", "VC", "CTh": letters without a stop
_PASSAGE = (r"(?:\d{1,4}(?:\.\d{1,4}[a-z]?)+|\d{1,4}[A-E])"
            r"(?:\s*[–-]\s*(?:\d{1,4}(?:\.\d{1,4}[a-z]?)*[A-E]?|[A-E]))?(?:\s*\(\d{1,4}[A-E](?:[–-][A-E])?\))?")
_CLASSICAL = re.compile(
    rf"^(?P<lead>[^:;()]{{1,40}}:\s+)?(?P<names>{_ABBREVIATION}(?:\s+(?:ad\s+)?{_ABBREVIATION}){{0,2}})\s+"
    rf"(?P<passages>{_PASSAGE}(?:,\s*(?:\d{{1,4}}(?:\.\d{{1,4}}[a-z]?)*[A-E]?(?:[–-]\S+)?))*)"
    rf"(?P<rest>[.,;]?\s.*|[.,;]?)$"
)


@dataclass(frozen=True)
class ClassicalParts:
    """One passage of an ancient or medieval work, as printed."""

    author: str = ""
    title: str = ""
    passage: str = ""
    lead: str = ""  # "Bastardy:": the author's heading for the passages that follow
    rest: str = ""  # the author's words after the passage

    def spans(self) -> list[tuple[str, str]]:
        """(label, text) pairs for the normalizers: its author and title as printed (a book, as by default)."""
        pairs = [("author", self.author), ("title", self.title)]
        return [(label, text) for label, text in pairs if text]


def classical_parts(chunk: str, previous: ClassicalParts | None = None) -> ClassicalParts | None:
    """The passage a note's chunk cites, or None; ``previous``: the note's last such citation, whose author a
    title alone is by."""
    match = _CLASSICAL.match(chunk.strip())
    if match is None:
        return None
    rest = match["rest"].strip()
    if (rest[:1] == "," and rest[1:].strip()[:1].isupper()) or rest[:1].isdigit():
        return None  # a title going on after a comma ("Roe, Life 2.3, Part Two"), or more figures
    rest = rest.strip(" .,;")
    names = match["names"].split()
    if not any(name.endswith(".") or len(name) <= _SHORT_ABBREVIATION for name in names):
        return None  # "Abschnitt 2.1.3.3": a word and a section's number, no abbreviated author or title
    author, title = _author_and_title(names, previous)
    return ClassicalParts(author=author, title=title, passage=match["passages"].strip(" .,"),
                          lead=(match["lead"] or "").strip(), rest=rest)


def _author_and_title(names: list[str], previous: ClassicalParts | None) -> tuple[str, str]:
    if "ad" in names or (len(names) == 1 and previous is not None and previous.title):
        return (previous.author if previous else ""), " ".join(names)  # "Ep. ad Ath.", "Caes." after "Jul. Or."
    if len(names) == 1:
        return names[0], ""
    if len(names) == 2:
        return names[0], names[1]
    return " ".join(names[:2]), names[2]
