"""Flag rules on the text of an entry: damaged characters, a surname that lost its accents, a title that looks
truncated or has another title run into it."""

from __future__ import annotations

import re

from haliref import resources
from haliref.caches import memo
from haliref.check.codes import new_flag
from haliref.check.context import FlagContext, fold, quote, strings_of
from haliref.model import Flag, Work, csl_fields

__all__ = ["rule_char_damage", "rule_name_accents", "rule_title_shape"]


#: The characters Windows-1252 puts in 0x80-0x9F: the second byte of UTF-8 read as cp1252.
_CP1252 = (
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_DAMAGE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("replacement character U+FFFD", re.compile("\ufffd|ï¿½")),
    ("mojibake (UTF-8 read as Latin-1/Windows-1252)",
     re.compile(f"[ÃÂ][\u0080-\u00bf{_CP1252}]|â€[\u0080-\u00bf{_CP1252}]?|Å[\u00a0-\u00bf{_CP1252}]|Ä[\u00a0-\u00bf]")),
    ("a quote mark or ? where a dash belongs", re.compile(r"\d\s?[’‘'´`?]\s?\d")),
    ("control character", re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")),
)


#: A character every damage match holds (U+FFFD or "ï", a mojibake lead, a quote mark or "?", a control
#: character): texts without one, most of them, are cleared by one character-class scan.
_DAMAGE_CHAR = re.compile("[\ufffdïÃÂâÅÄ’‘'´`?\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")


def _damage_in(text: str) -> list[tuple[str, str]]:
    found = []
    for label, pattern in _DAMAGE:
        m = pattern.search(text)
        if m:
            lo, hi = max(0, m.start() - 15), min(len(text), m.end() + 15)
            found.append((label, text[lo:hi]))
    return found


def rule_char_damage(work: Work, ctx: FlagContext) -> list[Flag]:
    """Mojibake, U+FFFD, control characters, a quote mark between digits — in any field or locator."""
    flags = []
    texts = list(strings_of(work.csl))
    texts += [("locator", c.locator) for _, c in ctx.citations.get(work.id, ()) if c.locator]
    if not _DAMAGE_CHAR.search("".join(text for _, text in texts)):
        return []
    for key, text in texts:
        for label, snippet in _damage_in(text):
            flags.append(new_flag("char-damage", key, f"…{snippet}…", detail=label))
    return flags


@memo(None)
def _accented_surnames() -> dict[str, str]:
    """Surnames usually written with diacritics, keyed by their unaccented form."""
    names = {}
    for name in resources.word_list("surnames_iberian.txt"):
        if fold(name) != name.casefold():
            names[fold(name)] = name
    return names


def rule_name_accents(work: Work, ctx: FlagContext) -> list[Flag]:
    """"Marquez" for "Márquez": a surname that is usually accented, written without its accents."""
    flags = []
    for role in ("author", "editor", "translator"):
        for person in csl_fields(work.csl).get(role) or []:
            for word in (person.get("family") or "").split():
                usual = _accented_surnames().get(fold(word))
                if usual and word.isascii():
                    flags.append(
                        new_flag("name-accents", role, f"{word!r} in {person.get('family')!r}", usual=usual, word=word)
                    )
    return flags


@memo(None)
def _title_end_words() -> frozenset[str]:
    return resources.lower_set("title_end_words.txt")


_OPENERS = {"(": ")", "[": "]", "“": "”", "«": "»", "‘": "’"}
_CLOSING_APOSTROPHE = re.compile(r"’(?!\w)|(?<!\w)’")


def _unclosed(title: str) -> str | None:
    for opener, closer in _OPENERS.items():
        opened = title.count(opener)
        if not opened:
            continue
        # the closer doubles as an apostrophe: count only closers not inside a word
        closed = len(_CLOSING_APOSTROPHE.findall(title)) if closer == "’" else title.count(closer)
        if opened > closed:
            return opener
    return None


_LETTERS = re.compile(r"[^\W\d_]+")


def _truncation(title: str) -> str | None:
    stripped = title.rstrip()
    if stripped.endswith(("…", "...")):
        return "it ends with an ellipsis"
    if stripped.endswith((",", ";", ":", "-", "–", "—")):
        return f"it ends with {stripped[-1]!r}"
    # the last word, if the title ends with a letter: read from the end (no scan of the whole title)
    last = _LETTERS.match(stripped[::-1])
    word = last.group()[::-1] if last else ""
    if word and word.casefold() in _title_end_words() and len(_LETTERS.findall(stripped)) > 1:
        return f"it ends with {word!r}"
    opener = _unclosed(stripped)
    if opener:
        return f"{opener!r} is never closed"
    return None


_RUN_IN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a title closed by a quote or bracket, then more after a comma",
     re.compile(r"[’”»)\]]\s*,\s+(?=[A-ZÀ-Þ])\S+(?:\s+\S+){0,3}")),
    ("“, The …” inside the title",
     re.compile(rf",\s+(?:{resources.alternation('run_in_articles.txt')})\s+[A-ZÀ-Þ]\w+(?:\s+\S+){{0,3}}")),
)

_SENTENCE_BREAK = re.compile(r"\b([A-Za-zÀ-ÿ][a-zß-ÿ]{2,})\.\s+([A-ZÀ-Þ][a-zß-ÿ]+(?:\s+\S+){0,3})")


def _sentence_break(title: str) -> str | None:
    for m in _SENTENCE_BREAK.finditer(title):
        if m[1].casefold() not in resources.abbreviations("not-a-sentence-end"):
            return m.group()
    return None


def rule_title_shape(work: Work, ctx: FlagContext) -> list[Flag]:
    """A title that looks truncated, or has a subtitle (or another title) run in without a colon."""
    flags = []
    for key in ("title", "container-title"):
        title = work.csl.get(key)
        if not isinstance(title, str) or not title:
            continue
        why = _truncation(title)
        if why:
            flags.append(new_flag("title-truncated", key, quote(title), detail=why))
        hits = [(label, m.group()) for label, pattern in _RUN_IN if (m := pattern.search(title))]
        broken = _sentence_break(title)
        if broken:
            hits.append(("a sentence break inside the title", broken))
        if hits:
            label, snippet = hits[0]
            flags.append(new_flag("title-run-in", key, f"…{snippet.strip()}… in {quote(title)}", detail=label))
    return flags
