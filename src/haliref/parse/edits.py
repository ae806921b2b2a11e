"""A user's own cuts of a note into citations: split a citation, join two, mark words as prose.

The page (``haliref serve``) lets a user correct where the note reader cut a
note, not only how it labelled the words. Each edit names the citation it
applies to by its words (whitespace tokens of the citation's text, as the
relabelled citations of :mod:`haliref.parse.relabel` are named), so the edits
need no note numbers, survive other edits and are applied wherever those
citations occur:

* ``{"op": "split", "words": [...], "at": i}``: the citation becomes two, the
  second beginning at word ``i``; each part is read again as the splitter reads
  a chunk of a note (its cue, locator, short form), the first keeping the
  citation's prefix, the second its locator and suffix;
* ``{"op": "join", "words": [...], "next": [...]}``: the citation and the one
  after it in the same note (whose words are ``next``) become one, spanning the
  note's text from the first's start to the second's end;
* ``{"op": "prose", "words": [...], "prose": [i, ...]}``: those words are not
  part of the citation; words before the first kept word join its prefix, the
  others its suffix (nothing is lost). All words prose: the citation goes, its
  text joining the prose of the citation before or after it.

Edits are applied in order after the note reader (:func:`apply_edits`), so the
citation and everything downstream (labelling, merge, keys, flags, rendering,
downloads) are rebuilt from them. They are saved as JSON (:func:`edits_json`);
``--edits FILE`` applies them on the command line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from haliref.files import InputError
from haliref.parse.split import RawCitation, split_note

__all__ = ["Edit", "apply_edits", "edits_json", "parse_edits", "read_edits"]

_WORD = re.compile(r"\S+")
OPS = ("split", "join", "prose")


@dataclass(frozen=True)
class Edit:
    """One edit: ``op`` on the citation whose words are ``words``."""

    op: str
    words: tuple[str, ...]
    at: int = 0
    next: tuple[str, ...] = ()
    prose: tuple[int, ...] = ()

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op, "words": list(self.words)}
        if self.op == "split":
            out["at"] = self.at
        elif self.op == "join":
            out["next"] = list(self.next)
        else:
            out["prose"] = list(self.prose)
        return out


def _words(value: Any, where: str, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.split() == [w] for w in value):
        raise InputError(f"{where}{what} must be a list of words without spaces")
    return tuple(value)


def parse_edits(raw: Any, where: str = "") -> list[Edit]:
    """The edits of a JSON value (a list of edit objects), every field checked (one-line InputError)."""
    at = f"{where}: " if where else ""
    if not isinstance(raw, list):
        raise InputError(f"{at}edits must be a list of {{op, words, …}}")
    edits: list[Edit] = []
    for item in raw:
        if not isinstance(item, dict) or item.get("op") not in OPS:
            raise InputError(f"{at}each edit needs an op: {', '.join(OPS)}")
        words = _words(item.get("words"), at, "an edit's words")
        op = item["op"]
        if op == "split":
            cut = item.get("at")
            if not isinstance(cut, int) or isinstance(cut, bool) or not 0 < cut < len(words):
                raise InputError(f"{at}a split needs a word to begin the second citation (at: 1 to {len(words) - 1})")
            edits.append(Edit(op, words, at=cut))
        elif op == "join":
            edits.append(Edit(op, words, next=_words(item.get("next"), at, "a join's next")))
        else:
            marked = item.get("prose")
            if (
                not isinstance(marked, list)
                or not marked
                or not all(isinstance(k, int) and not isinstance(k, bool) and 0 <= k < len(words) for k in marked)
            ):
                raise InputError(f"{at}prose needs the indexes of the words that are prose (0 to {len(words) - 1})")
            edits.append(Edit(op, words, prose=tuple(sorted(set(marked)))))
    return edits


def edits_json(edits: Iterable[Edit]) -> str:
    """The edits as JSON (the file ``--edits`` reads), deterministic."""
    return json.dumps([edit.as_json() for edit in edits], ensure_ascii=False, indent=1) + "\n"


def read_edits(path: str | Path) -> list[Edit]:
    """The edits of a JSON file (``--edits FILE``)."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"no such file: {path}")
    try:
        raw = json.loads(file.read_bytes())
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    except ValueError:
        raise InputError(f"{path}: not JSON (the page's 'my edits' download is)") from None
    return parse_edits(raw, str(path))


# --------------------------------------------------------------------------- applying
def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _reread(text: str) -> RawCitation:
    """A part of a split citation, read as the splitter reads a chunk of a note (or as it stands)."""
    found, leftover = split_note([text])
    if len(found) == 1 and not leftover:
        return found[0]
    return RawCitation(body=text)


def _split(citation: RawCitation, at: int) -> list[RawCitation]:
    starts = [match.start() for match in _WORD.finditer(citation.body)]
    head, tail = citation.body[: starts[at]].rstrip(), citation.body[starts[at] :]
    first, second = _reread(head), _reread(tail)
    hint = citation.author_hint if head.startswith(citation.author_hint + ", ") else ""
    first = replace(first, prefix=_join(citation.prefix, first.prefix), author_hint=hint)
    second = replace(
        second, locator=second.locator or citation.locator, suffix=_join(second.suffix, citation.suffix)
    )
    return [first, second]


def _joined(first: RawCitation, second: RawCitation, note_text: str) -> RawCitation:
    start = note_text.find(first.body) if not first.author_hint else -1
    end = note_text.find(second.body, start + len(first.body)) if start >= 0 else -1
    if start >= 0 and end >= 0:
        body = note_text[start : end + len(second.body)]
    else:
        body = _join(first.body, first.locator, first.suffix, second.prefix, second.body)
    return RawCitation(
        body=body,
        prefix=first.prefix,
        locator=second.locator,
        suffix=second.suffix,
        author_hint=first.author_hint,
        parenthetical=first.parenthetical,
    )


def _without_prose(citation: RawCitation, marked: Sequence[int]) -> RawCitation | None:
    words = citation.body.split()
    kept = [k for k in range(len(words)) if k not in marked]
    if not kept:
        return None
    before = [words[k] for k in marked if k < kept[0]]
    after = [words[k] for k in marked if k > kept[0]]
    body = " ".join(words[k] for k in kept)
    hint = citation.author_hint if body.startswith(citation.author_hint + ", ") else ""
    return replace(
        citation,
        body=body,
        prefix=_join(citation.prefix, *before),
        suffix=_join(*after, citation.suffix),
        author_hint=hint,
    )


def _text(citation: RawCitation) -> str:
    return _join(citation.prefix, citation.body, citation.locator, citation.suffix)


def _apply(edit: Edit, citations: list[RawCitation], note_text: str) -> list[RawCitation]:
    out: list[RawCitation] = []
    k = 0
    while k < len(citations):
        citation = citations[k]
        if tuple(citation.body.split()) != edit.words:
            out.append(citation)
        elif edit.op == "split":
            out.extend(_split(citation, edit.at))
        elif edit.op == "join":
            if k + 1 < len(citations) and tuple(citations[k + 1].body.split()) == edit.next:
                out.append(_joined(citation, citations[k + 1], note_text))
                k += 1
            else:
                out.append(citation)
        else:
            kept = _without_prose(citation, edit.prose)
            if kept is not None:
                out.append(kept)
            elif out:  # all prose: its text joins the prose around the citation before
                out[-1] = replace(out[-1], suffix=_join(out[-1].suffix, _text(citation)))
            elif k + 1 < len(citations):  # … or after it
                following = citations[k + 1]
                citations = [*citations[: k + 1], replace(following, prefix=_join(_text(citation), following.prefix))]
        k += 1
    return out


def apply_edits(edits: Sequence[Edit], citations: list[RawCitation], note_text: str) -> list[RawCitation]:
    """The note's citations after the user's edits, applied in order."""
    for edit in edits:
        if any(tuple(c.body.split()) == edit.words for c in citations):
            citations = _apply(edit, citations, note_text)
    return citations
