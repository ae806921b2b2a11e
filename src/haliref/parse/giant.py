"""Synthetic labelled references rendered through many CSL styles (the GIANT method).

Grennan, Schibel and Beel (2019) trained reference parsers on references they
rendered themselves from structured records: since the record is known, so is
the field of every word.  This module does the same for the field labeller:

1. **Items.**  CSL-JSON items (books, chapters, journal articles, newspaper
   articles, theses) are assembled, with a seeded ``random.Random``, from the
   field values of the labelled training references (``core.xml`` and
   ``humanities.xml``: their titles, journals, containers, publishers and
   places), the package's gazetteers (first names, surnames, publishers and
   their seats, places) and invented numbers, editions and dates.
2. **Rendering.**  Each item goes through one of the styles of
   ``data/training/styles/styles.tsv`` (Chicago, MHRA, Oxford, OSCOLA, MLA, APA,
   Harvard, IEEE, Vancouver, German, French, Italian and Spanish styles) with
   citeproc-py, as a full first note with a cited page or as a bibliography entry.
3. **Labels recovered.**  Every string value carries an invisible marker
   (a private-use character naming its field before it, one closing it after);
   numbers are found by their value (the item's year, volume, issue, pages,
   cited page), given names and initials by the item's names.  A word the
   style added (``In``, ``pp.``, ``ed. by``, ``vol.``) goes with the field it
   introduces; a role word after names (``(ed.)``, ``Hrsg.``) and the
   ``and`` between them go with the names.  A rendering in which a word mixes
   two fields that the labels cannot tell apart is dropped, never guessed.

The fields map to the labeller's labels (AnyStyle's): a journal article's or a
newspaper's container is ``journal``, a chapter's ``container-title``, the issue
``volume``, the cited page ``pages``, a thesis's kind ``genre``, its university
``publisher``.

``python -m haliref.parse.giant OUT [--count N] [--seed S]`` writes the
references in AnyStyle's XML, the same bytes for the same count and seed
(``data/training/giant.xml`` is ``--count 1500 --seed 15``).
"""

from __future__ import annotations

import argparse
import importlib.resources
import random
import re
import sys
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from haliref import resources
from haliref.caches import memo

__all__ = [
    "DEFAULT_COUNT", "DEFAULT_SEED", "Rendering", "Style", "generate", "label_rendering", "renderings", "styles",
    "to_xml",
]

DEFAULT_COUNT = 1500
DEFAULT_SEED = 15

LabelledSequence = list[tuple[str, str]]

# The labels a marked string field becomes (CSL variable -> AnyStyle label).
_STRING_LABELS = ("title", "journal", "container-title", "publisher", "location", "edition", "genre",
                  "collection-title", "doi", "url", "author", "editor", "translator")
_NAME_LABELS = ("author", "editor", "translator")
_CLOSE = "\ue0ff"
_OPEN = {label: chr(0xE100 + i) for i, label in enumerate(_STRING_LABELS)}
_OPEN_LABEL = {ch: label for label, ch in _OPEN.items()}
_STRIP = " .,;:()[]{}“”\"'‘’«»„‚/"
_CITATION_NUMBER = re.compile(r"\A(\[\d+\]|\d+\.)(?=\S)")
_ROMAN = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _mark(label: str, value: str) -> str:
    return f"{_OPEN[label]}{value}{_CLOSE}"


def _roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


# --------------------------------------------------------------------------- sources
@dataclass(frozen=True)
class _Pools:
    titles: tuple[str, ...]
    journals: tuple[str, ...]
    containers: tuple[str, ...]
    publishers: tuple[tuple[str, tuple[str, ...]], ...]
    places: tuple[str, ...]
    given: tuple[str, ...]
    family: tuple[str, ...]
    words: dict[tuple[str, str], tuple[str, ...]]


def _clean(value: str) -> str:
    value = " ".join(value.split()).strip(_STRIP)
    value = re.sub(r"^(in|en|dans|in:)\s+", "", value, flags=re.IGNORECASE)
    return value.strip(_STRIP)


def _title_case(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


@memo(1)
def _pools() -> _Pools:
    from haliref.parse.training import TRAINING_FILES, parse_dataset

    base = importlib.resources.files("haliref") / "data" / "training"
    spans: dict[str, set[str]] = {"title": set(), "journal": set(), "container-title": set(),
                                  "publisher": set(), "location": set()}
    for name in TRAINING_FILES:
        for sequence in parse_dataset((base / name).read_bytes()):
            run: list[str] = []
            label = ""
            for token, tag in [*sequence, ("", "")]:
                if tag != label and run:
                    if label in spans:
                        spans[label].add(_clean(" ".join(run)))
                    run = []
                label = tag
                run.append(token)

    def fit(values: set[str], low: int, high: int) -> tuple[str, ...]:
        kept = (v for v in values if low <= len(v.split()) <= high and re.search(r"[^\W\d_]{3}", v)
                and "http" not in v and not re.search(r"\d{3}", v))
        return tuple(sorted(kept))

    def names(*files: str) -> tuple[str, ...]:
        out = set()
        for file in files:
            for word in resources.word_list(f"anystyle/{file}"):
                word = word.split("\t")[0].strip()
                if word.isalpha() and len(word) > 2:
                    out.add(_title_case(word))
        return tuple(sorted(out))

    words: dict[tuple[str, str], list[str]] = {}
    for kind, language, value in resources.table_rows("training/giant_words.tsv", 3):
        words.setdefault((kind, language), []).append(value)
    publishers = tuple(sorted(resources.publishers().items()))
    places = tuple(sorted(set(resources.places()) | set(fit(spans["location"], 1, 3))))
    return _Pools(
        titles=fit(spans["title"], 2, 22),
        journals=fit(spans["journal"], 1, 8),
        containers=fit(spans["container-title"], 2, 16),
        publishers=publishers + tuple((p, ()) for p in fit(spans["publisher"], 1, 5)),
        places=places,
        given=names("firstnames_male.txt", "firstnames_female.txt"),
        family=names("surnames_european.txt", "surnames_american_commonest.txt"),
        words={key: tuple(values) for key, values in words.items()},
    )


@dataclass(frozen=True)
class Style:
    path: str
    language: str
    forms: tuple[str, ...]


@memo(1)
def styles() -> tuple[Style, ...]:
    """The styles of ``data/training/styles/styles.tsv``, in file order."""
    return tuple(Style(path, language, tuple(forms.split("|")))
                 for path, language, forms in resources.table_rows("training/styles/styles.tsv", 3))


@memo(32)
def _csl_style(path: str) -> Any:
    from citeproc import CitationStylesStyle

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return CitationStylesStyle(str(importlib.resources.files("haliref") / "data" / path), validate=False)


# --------------------------------------------------------------------------- items
@dataclass
class _Item:
    csl: dict[str, object]
    numbers: dict[str, str] = field(default_factory=dict)       # digits -> label
    words: dict[str, str] = field(default_factory=dict)         # roman volume etc. -> label
    given: dict[str, list[str]] = field(default_factory=dict)   # name label -> given names


def _person(rng: random.Random, pools: _Pools, label: str, item: _Item) -> dict[str, str]:
    given = rng.choice(pools.given)
    if rng.random() < 0.3:
        given += " " + rng.choice(pools.given)
    item.given.setdefault(label, []).append(given)
    return {"family": _mark(label, rng.choice(pools.family)), "given": given}


def _people(rng: random.Random, pools: _Pools, label: str, item: _Item, most: int) -> list[dict[str, str]]:
    count = rng.choice((1, 1, 1, 1, 2, 2, 3, most))
    return [_person(rng, pools, label, item) for _ in range(count)]


def _numbers(rng: random.Random, year: int) -> tuple[int, int, int, int]:
    """Volume, issue, first and last page, all different from each other and the year."""
    taken = {year}
    picks = []
    for low, high in ((1, 80), (1, 12), (100, 900)):
        n = rng.randint(low, high)
        while n in taken:
            n += 1
        taken.add(n)
        picks.append(n)
    last = picks[2] + rng.randint(8, 40)
    cited = rng.randint(picks[2] + 1, last - 1)
    return picks[0], picks[1], picks[2], last if cited != last else last + 1


def _make_item(rng: random.Random, pools: _Pools, index: int, language: str) -> tuple[_Item, int]:
    kind = rng.choices(("book", "chapter", "article-journal", "article-newspaper", "thesis"),
                       weights=(30, 20, 30, 8, 7))[0]
    year = rng.randint(1890, 2023)
    volume, issue, first, last = _numbers(rng, year)
    cited = rng.randint(first + 1, last - 1)
    item = _Item({"id": f"i{index}", "type": kind, "title": _mark("title", rng.choice(pools.titles)),
                  "issued": {"date-parts": [[year]]}})
    csl = item.csl
    item.numbers[str(year)] = "date"
    item.numbers[str(cited)] = "pages"
    if kind != "article-newspaper" or rng.random() < 0.5:
        csl["author"] = _people(rng, pools, "author", item, 4)
    if kind in ("book", "chapter", "thesis"):
        publisher, seats = rng.choice(pools.publishers)
        place = rng.choice(seats) if seats and rng.random() < 0.7 else rng.choice(pools.places)
        if kind == "thesis":
            csl["genre"] = _mark("genre", rng.choice(_words(pools, "thesis", language)))
            publisher = f"{rng.choice(_words(pools, 'university', language))} {rng.choice(pools.places)}"
        csl["publisher"] = _mark("publisher", publisher)
        if rng.random() < 0.85:
            csl["publisher-place"] = _mark("location", place)
    if kind == "book":
        if rng.random() < 0.2:
            role = "editor" if "author" not in csl or rng.random() < 0.5 else "translator"
            csl[role] = _people(rng, pools, role, item, 2)
        if rng.random() < 0.15:
            csl["edition"] = _mark("edition", rng.choice(_words(pools, "edition", language)))
        if rng.random() < 0.1:
            csl["volume"] = str(volume)
            item.numbers[str(volume)] = "volume"
            item.words[_roman(volume)] = "volume"
    if kind == "chapter":
        csl["container-title"] = _mark("container-title", rng.choice(pools.containers or pools.titles))
        csl["editor"] = _people(rng, pools, "editor", item, 3)
        if rng.random() < 0.1:
            csl["translator"] = _people(rng, pools, "translator", item, 1)
        csl["page"] = f"{first}-{last}"
    if kind == "article-journal":
        csl["container-title"] = _mark("journal", rng.choice(pools.journals))
        csl["volume"] = str(volume)
        item.numbers[str(volume)] = "volume"
        item.words[_roman(volume)] = "volume"
        if rng.random() < 0.6:
            csl["issue"] = str(issue)
            item.numbers[str(issue)] = "volume"
        csl["page"] = f"{first}-{last}"
        if rng.random() < 0.3:
            month = rng.randint(1, 12)
            csl["issued"] = {"date-parts": [[year, month]]}
        if rng.random() < 0.08:
            csl["DOI"] = _mark("doi", f"10.{rng.randint(1000, 9999)}/{rng.randint(100000, 999999)}")
    if kind == "article-newspaper":
        csl["container-title"] = _mark("journal", rng.choice(pools.journals))
        day = rng.randint(13, 28)
        item.numbers[str(day)] = "date"
        csl["issued"] = {"date-parts": [[year, rng.randint(1, 12), day]]}
    for key in ("page",):
        if key in csl:
            item.numbers[str(first)] = "pages"
            item.numbers[str(last)] = "pages"
    return item, cited


def _words(pools: _Pools, kind: str, language: str) -> tuple[str, ...]:
    return pools.words.get((kind, language)) or pools.words[(kind, "en")]


# --------------------------------------------------------------------------- rendering
@dataclass(frozen=True)
class Rendering:
    """A rendered reference: its text with field markers, and what the item knows."""

    text: str
    numbers: dict[str, str]
    words: dict[str, str]
    given: dict[str, list[str]]


def _render(style: Style, item: _Item, form: str, cited: int) -> str:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON([item.csl])
        bibliography = CitationStylesBibliography(_csl_style(style.path), source, formatter.plain)
        key = str(item.csl["id"])
        if form == "note":
            citation = Citation([CitationItem(key, locator=Locator("page", str(cited)))])
            bibliography.register(citation)
            return str(bibliography.cite(citation, lambda _item: None))
        bibliography.register(Citation([CitationItem(key)]))
        return str(bibliography.bibliography()[0])


# --------------------------------------------------------------------------- labels
def _char_labels(text: str) -> tuple[str, list[str | None]]:
    out: list[str] = []
    labels: list[str | None] = []
    current: str | None = None
    for ch in text:
        if ch in _OPEN_LABEL:
            current = _OPEN_LABEL[ch]
        elif ch == _CLOSE:
            current = None
        else:
            out.append(ch)
            labels.append(current)
    return "".join(out), labels


def _initials(given: str) -> set[str]:
    letters = [part[:1] for part in re.split(r"[\s-]+", given) if part]
    return {"".join(letters), "".join(letters).upper(), letters[0]} if letters else set()


def _name_forms(given: list[str]) -> set[str]:
    forms: set[str] = set()
    for name in given:
        forms.update(name.split())
        forms.update(_initials(name))
        forms.update(letter for part in name.split() for letter in part[:1])
    return {f.casefold() for f in forms}


@memo(1)
def _after_words() -> dict[str, frozenset[str]]:
    """Words that stay with the field before them: role words after names ("ed.", "Hrsg.",
    from ``name_roles.tsv``) and the ``after-<label>`` words of ``giant_words.tsv``."""
    out: dict[str, set[str]] = {}
    for marker, role in resources.name_roles():
        for word in marker.split():
            out.setdefault(role, set()).add(word.strip(_STRIP).casefold())
    for (kind, _language), values in _pools().words.items():
        if kind.startswith("after-"):
            for value in values:
                out.setdefault(kind.removeprefix("after-"), set()).update(
                    w.strip(_STRIP).casefold() for w in value.split())
    return {label: frozenset(words) for label, words in out.items()}


def label_rendering(rendering: Rendering) -> LabelledSequence | None:
    """The words of a rendering with their labels, or None where a word mixes fields."""
    text, chars = _char_labels(rendering.text)
    glued = _CITATION_NUMBER.match(text)
    if glued:  # numeric styles glue "[1]" to the entry in plain text
        text = text[: glued.end()] + " " + text[glued.end():]
        chars = [*chars[: glued.end()], None, *chars[glued.end():]]
    number = re.match(r"\A(\[\d+\]|\d+\.)\s", text)
    if number:
        for i in range(number.end(1)):
            chars[i] = "citation-number"
    for match in re.finditer(r"\d+", text):
        if all(c is None for c in chars[match.start():match.end()]):
            label = rendering.numbers.get(match.group())
            before = text[max(0, match.start() - 1)]
            if label is None and before in "–-" and match.start() >= 2 and chars[match.start() - 2] == "pages":
                label = "pages"  # an abbreviated page range ("145–67")
            if label:
                for i in range(match.start(), match.end()):
                    chars[i] = label
    tokens: list[str] = []
    labels: list[str | None] = []
    for match in re.finditer(r"\S+", text):
        found = {c for c in chars[match.start():match.end()] if c}
        if len(found) > 1:
            found.discard("date")
        if len(found) > 1:
            return None
        tokens.append(match.group())
        labels.append(found.pop() if found else None)
    if any(label is None and token.strip(_STRIP).casefold() == "edition" for token, label in zip(
            tokens, labels, strict=True)):
        return None  # citeproc-py prints the edition's term for items without one
    _resolve(tokens, labels, rendering)
    if not tokens or "title" not in labels or any(label is None for label in labels):
        return None
    return [(token, str(label)) for token, label in zip(tokens, labels, strict=True)]


def _resolve(tokens: list[str], labels: list[str | None], rendering: Rendering) -> None:
    months = resources.months()
    after_words = _after_words()
    forms = {label: _name_forms(given) for label, given in rendering.given.items()}
    for i, token in enumerate(tokens):
        if labels[i] is not None:
            continue
        bare = token.strip(_STRIP).casefold()
        if bare in rendering.words:
            labels[i] = rendering.words[bare]
        elif bare.rstrip(".") in months and "date" in labels:
            labels[i] = "date"
    # given names and initials beside their names (both neighbours looked at)
    for i, token in enumerate(tokens):
        if labels[i] is not None:
            continue
        bare = token.strip(_STRIP).casefold()
        parts = [p for p in re.split(r"[.\-]+", bare) if p] or [bare]
        near = [labels[j] for j in (i - 1, i + 1) if 0 <= j < len(tokens)]
        near += [labels[j] for j in (i - 2, i + 2) if 0 <= j < len(tokens)]
        for label in near:
            if label in forms and (bare in forms[label] or all(p in forms[label] for p in parts)):
                labels[i] = label
                break
    # runs of words the style added
    i = 0
    while i < len(tokens):
        if labels[i] is not None:
            i += 1
            continue
        j = i
        while j < len(tokens) and labels[j] is None:
            j += 1
        before = labels[i - 1] if i > 0 else None
        after = labels[j] if j < len(tokens) else None
        # closing punctuation stays with the field before, opening punctuation goes with the next
        while before and i < j and not _alnum(tokens[i]) and not _opening(tokens[i]):
            labels[i] = before
            i += 1
        while after and i < j and not _alnum(tokens[j - 1]) and _opening(tokens[j - 1]):
            labels[j - 1] = after
            j -= 1
        while before and i < j and tokens[i].strip(_STRIP).casefold() in after_words.get(before, ()):
            labels[i] = before  # "et al.", "(eds.)", "Aufl." after their field
            i += 1
        run = tokens[i:j]
        words = [t.strip(_STRIP).casefold() for t in run]
        if before is None:
            chosen = after
        elif after is None or before == after or not _alnum("".join(run)):
            chosen = before
        elif after in ("url", "doi") and any(w.isalpha() and len(w) > 3 for w in words):
            chosen = "note"
        else:
            chosen = after
        for k in range(i, j):
            labels[k] = chosen
        i = j


def _alnum(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _opening(token: str) -> bool:
    return token[-1:] in "«“„‘([{‚" or token in ("«", "“", "„", "‘", "(")


# --------------------------------------------------------------------------- generation
def renderings(seed: int = DEFAULT_SEED) -> Iterator[tuple[Style, str, Rendering]]:
    """Endless renderings (style, form, rendering), the styles and forms taken in turn."""
    rng = random.Random(seed)
    pools = _pools()
    forms = [(style, form) for style in styles() for form in style.forms]
    index = 0
    while True:
        style, form = forms[index % len(forms)]
        item, cited = _make_item(rng, pools, index, style.language)
        index += 1
        try:
            text = _render(style, item, form, cited)
        except Exception:  # citeproc-py fails on some style and item pairs: those are skipped
            continue
        yield style, form, Rendering(" ".join(text.split()), item.numbers, item.words, item.given)


def generate(count: int = DEFAULT_COUNT, seed: int = DEFAULT_SEED) -> list[LabelledSequence]:
    """``count`` labelled references, the same for the same seed (renderings whose labels
    cannot be recovered are skipped)."""
    sequences: list[LabelledSequence] = []
    for _style, _form, rendering in renderings(seed):
        if len(sequences) >= count:
            break
        labelled = label_rendering(rendering)
        if labelled:
            sequences.append(labelled)
    return sequences


_ABOUT = ("Synthetic references rendered through CSL styles by haliref.parse.giant (GIANT method);\n"
          "     regenerate with: python -m haliref.parse.giant OUT. Licence: as haliref (MIT).")


def to_xml(sequences: Sequence[LabelledSequence], about: str = _ABOUT) -> bytes:
    """AnyStyle's XML (as ``core.xml``): one element per run of one label, under a comment saying where the
    sequences come from."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<!-- {about} -->", "<dataset>"]
    for sequence in sequences:
        lines.append("  <sequence>")
        run: list[str] = []
        label = ""
        for token, tag in [*sequence, ("", "")]:
            if tag != label and run:
                lines.append(f"    <{label}>{escape(' '.join(run))}</{label}>")
                run = []
            label = tag
            run.append(token)
        lines.append("  </sequence>")
    lines.append("</dataset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m haliref.parse.giant",
                                     description="write synthetic labelled references as AnyStyle XML")
    parser.add_argument("output")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    data = to_xml(generate(args.count, args.seed))
    out = Path(args.output)
    temporary = out.with_name(out.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(out)
    print(f"{out}: {data.count(b'<sequence>')} references", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
