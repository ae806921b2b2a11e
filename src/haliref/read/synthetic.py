"""Synthetic pages for training the readers: every line's role and every token's part known.

Pages are composed, with a seeded generator (same seed, same pages), from the
labelled references of the packaged training files (AnyStyle's ``core.xml`` and
``humanities.xml``; never the bundled list), prose sentences
(``data/training/prose.txt``) and page chrome (``data/training/page_chrome.tsv``,
``data/link_noise.tsv``), in the layouts scraped pages come in: numbered notes
("1.", "1", "[1]", "1)", a number glued to the text, SpringerLink's list number
above the printed note number), unnumbered entries one per line or one per
paragraph, bullets, hanging indents, hard line breaks and end-of-line hyphens
as PDFs make them, notes numbered per chapter under headings, annotation
paragraphs after entries, link text on lines of its own or glued to entries,
running heads and page numbers between notes, prose and chrome above and below.
Notes hold prose before and after their citations, several citations, short
forms, "Ibid." and cited pages.

Each page is (lines, labels), one label per line (``None`` for a blank line),
with the page reader's labels (:data:`haliref.read.finder.LABELS`).
"""

from __future__ import annotations

import importlib.resources
import random
from collections.abc import Iterator
from dataclasses import dataclass

from haliref import resources
from haliref.caches import memo
from haliref.parse.training import TRAINING_FILES, parse_dataset

__all__ = ["Reference", "lead_in", "link_text", "note_texts", "references", "synthetic_pages"]

Line = tuple[str, str | None]


@dataclass(frozen=True)
class Reference:
    """A labelled training reference: its text and its first author's family name and title words."""

    text: str
    surname: str
    title_words: tuple[str, ...]


@memo(None)
def references() -> tuple[Reference, ...]:
    """The packaged training references, in file order."""
    base = importlib.resources.files("haliref") / "data" / "training"
    found: list[Reference] = []
    for name in TRAINING_FILES:
        for sequence in parse_dataset((base / name).read_bytes()):
            tokens = [token for token, label in sequence if label != "citation-number"]
            if len(tokens) < 4:
                continue
            authors = [token for token, label in sequence if label == "author"]
            surname = next((t.strip(",.;:") for t in authors if len(t.strip(",.;:")) > 2), "")
            title = tuple(token for token, label in sequence if label == "title")
            found.append(Reference(" ".join(tokens), surname, title))
    return tuple(found)


@memo(None)
def _prose() -> tuple[str, ...]:
    return resources.word_list("training/prose.txt")


@memo(None)
def _chrome() -> dict[str, tuple[str, ...]]:
    kinds: dict[str, list[str]] = {}
    for line in resources.word_list("training/page_chrome.tsv"):
        kind, text = line.split("\t")
        kinds.setdefault(kind, []).append(text)
    return {kind: tuple(texts) for kind, texts in kinds.items()}


@memo(None)
def _links() -> tuple[str, ...]:
    return tuple(line.split("\t")[0] for line in resources.word_list("link_noise.tsv"))


def _fill(rng: random.Random, template: str) -> str:
    refs = references()
    while "{N}" in template or "{Y}" in template or "{S}" in template or "{P}" in template:
        ref = refs[rng.randrange(len(refs))]
        nouns = [w.strip(",.:;“”\"'") for w in ref.title_words if len(w) > 4 and w.isalpha()]
        template = template.replace("{N}", (rng.choice(nouns) if nouns else "question").lower(), 1)
        template = template.replace("{Y}", str(rng.randint(1600, 2020)), 1)
        template = template.replace("{S}", ref.surname or "Smith", 1)
        template = template.replace("{P}", str(rng.randint(2, 400)), 1)
    return template


def _sentence(rng: random.Random) -> str:
    return _fill(rng, rng.choice(_prose()))


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _locator(rng: random.Random) -> str:
    page = rng.randint(1, 600)
    shape = rng.random()
    if shape < 0.5:
        return str(page)
    if shape < 0.7:
        return f"p. {page}"
    if shape < 0.85:
        return f"pp. {page}–{page + rng.randint(1, 20)}"
    return f"{page}–{(page + rng.randint(1, 9)) % 100}"


def _short_form(rng: random.Random, ref: Reference) -> str:
    words = [w.strip(",.:;") for w in ref.title_words[: rng.randint(1, 4)]]
    surname = ref.surname or "Anon."
    if words and rng.random() < 0.7:
        return f"{surname}, {' '.join(words)}, {_locator(rng)}."
    return f"{surname}, op. cit., {_locator(rng)}."


def _short_reference(rng: random.Random) -> str:
    """A reference reduced to author, a few title words and a year, as short lists have them."""
    ref = rng.choice(references())
    words = " ".join(w.strip(",.:;") for w in ref.title_words[: rng.randint(1, 5)]) or "Untitled"
    given = rng.choice(["Ann", "J.", "Peter", "M.", "Karl", "Li"])
    year = rng.randint(1700, 2024)
    return rng.choice([f"{given} {ref.surname or 'Roe'}, {words} ({year}).",
                       f"{ref.surname or 'Roe'}, {given} {words}. {year}.",
                       f"{ref.surname or 'Roe'}, {given} ({year}) {words}."])


def _citation(rng: random.Random, cited: list[Reference]) -> str:
    """A full citation, or a short form or "Ibid." of one cited before in the page."""
    shape = rng.random()
    if cited and shape < 0.12:
        return rng.choice(["Ibid.", f"Ibid., {_locator(rng)}.", f"Ibid., {_locator(rng)}.", "Idem."])
    if cited and shape < 0.25:
        return _short_form(rng, rng.choice(cited))
    if shape < 0.32:
        return _short_reference(rng)
    ref = rng.choice(references())
    cited.append(ref)
    text = ref.text.rstrip(" .;,")
    if rng.random() < 0.4:
        text = f"{text}, {_locator(rng)}"
    return text + "."


def note_texts(rng: random.Random, count: int, notes: bool) -> list[str]:
    """The texts of ``count`` notes (prose around one or more citations) or, if not ``notes``, list entries."""
    cited: list[Reference] = []
    texts = []
    cues = resources.word_list("citation_cues.txt")
    for _ in range(count):
        if not notes:
            texts.append(_short_reference(rng) if rng.random() < 0.1 else rng.choice(references()).text)
            continue
        shape = rng.random()
        if shape < 0.08:
            texts.append(_paragraph(rng, rng.randint(1, 3)))
            continue
        parts = [_citation(rng, cited) for _ in range(1 if rng.random() < 0.7 else rng.randint(2, 4))]
        text = "; ".join(part.rstrip(".") for part in parts[:-1]) + ("; " if len(parts) > 1 else "") + parts[-1]
        if rng.random() < 0.3:
            cue = rng.choice(cues)
            text = f"{cue[:1].upper()}{cue[1:]} {text}"
        if rng.random() < 0.15:
            text = f"{_sentence(rng)} {text}"
        if rng.random() < 0.1:
            text = f"{text} {_sentence(rng)}"
        texts.append(text)
    return texts


def _wrap(rng: random.Random, text: str, width: int, hyphenate: bool) -> list[str]:
    """Hard line breaks at about ``width`` characters, some words hyphenated across the break."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            if hyphenate and len(word) > 7 and word.isalpha() and rng.random() < 0.3:
                cut = rng.randint(3, len(word) - 3)
                lines.append(f"{current} {word[:cut]}-")
                current = word[cut:]
                continue
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def _chrome_line(rng: random.Random, kind: str) -> str:
    line = rng.choice(_chrome()[kind]).replace("{N}", str(rng.randint(1, 400)))
    return line.replace("{Y}", str(rng.randint(1990, 2024)))


def _link_line(rng: random.Random) -> str:
    links = _links()
    picked = [rng.choice(links) for _ in range(rng.randint(1, 3))]
    return rng.choice(["", " ", "\u00a0"]).join(picked) if rng.random() < 0.5 else " ".join(picked)


@dataclass
class _Layout:
    marker: str  # dot, space, bracket, paren, glued, double, alone, bullet, none
    wrap: int  # 0: one line per entry
    hyphenate: bool
    hanging: bool
    blank_between: bool
    links_glued: float
    links_alone: float
    running_heads: float
    annotations: float
    chapters: bool
    notes: bool
    indent: str  # before each entry's first line (web lists indent their numbers)


def _layout(rng: random.Random) -> _Layout:
    marker = rng.choice(["dot", "dot", "dot", "space", "bracket", "paren", "glued", "double", "double",
                         "alone", "alone", "bullet", "none", "none", "none"])
    wrap = 0 if rng.random() < 0.45 else rng.randint(45, 110)
    return _Layout(
        marker=marker,
        wrap=wrap,
        hyphenate=bool(wrap) and rng.random() < 0.5,
        hanging=bool(wrap) and rng.random() < 0.3,
        blank_between=rng.random() < (0.7 if marker == "none" and wrap else 0.3),
        links_glued=rng.choice([0.0, 0.0, 0.5, 0.9]),
        links_alone=rng.choice([0.0, 0.0, 0.3]),
        running_heads=rng.choice([0.0, 0.1, 0.2]) if wrap else 0.0,
        annotations=0.5 if rng.random() < 0.1 else 0.0,
        chapters=marker in ("dot", "space", "glued") and rng.random() < 0.15,
        notes=rng.random() < 0.6,
        indent=rng.choice(["", "", "", "  ", "    "]) if marker not in ("none", "glued") else "",
    )


def _number_prefix(layout: _Layout, number: int, item: int) -> str:
    return {
        "dot": f"{number}. ",
        "space": f"{number} ",
        "bracket": f"[{number}] ",
        "paren": f"{number}) ",
        "glued": f"{number}",
        "bullet": "• ",
        "none": "",
    }.get(layout.marker, "")


def _entry_lines(rng: random.Random, layout: _Layout, text: str, number: int, item: int) -> list[Line]:
    """The lines of one entry: its first line B, the rest I."""
    if layout.links_glued and rng.random() < layout.links_glued:
        text = text + rng.choice(["", " "]) + _link_line(rng)
    if layout.marker in ("double", "alone"):
        # SpringerLink: the list number above the printed one, or the printed number alone on its line
        out: list[Line] = [(f"  {item}. {number}." if layout.marker == "double" else f"{number}.", "B")]
        body = _wrap(rng, text, layout.wrap, layout.hyphenate) if layout.wrap else [text]
        out.extend((f"    {line}", "I") for line in body)
        return out
    prefix = layout.indent + _number_prefix(layout, number, item)
    if layout.marker == "glued" and text[:1].islower():
        prefix = f"{number} "
    body = _wrap(rng, prefix + text, layout.wrap, layout.hyphenate) if layout.wrap else [prefix + text]
    indent = "    " if layout.hanging else ""
    lines: list[Line] = [(body[0], "B")]
    lines.extend((indent + line, "I") for line in body[1:])
    return lines


def _page(rng: random.Random) -> list[Line]:
    layout = _layout(rng)
    page: list[Line] = []
    if rng.random() < 0.3:  # a bare list, as a user pastes it: no title, heading or footer
        return _entries(rng, layout)
    # above the list: the page's title and authors, widgets, some of the author's prose
    if rng.random() < 0.4:
        title = rng.choice(references()).title_words
        page.append((" ".join(title).strip(" .,") or "Introduction", "X"))
        if rng.random() < 0.5:
            page.append((f"  • {rng.choice(references()).surname}", "X"))
        page.append(("", None))
    if rng.random() < 0.3:
        for _ in range(rng.randint(1, 3)):
            body = _paragraph(rng, rng.randint(2, 5))
            page.extend((line, "P") for line in (_wrap(rng, body, layout.wrap, False) if layout.wrap else [body]))
            page.append(("", None))
    if rng.random() < 0.25:
        page.append((_chrome_line(rng, "navigation"), "X"))
    if rng.random() < 0.75:
        page.append((_chrome_line(rng, "heading"), "X"))
        if rng.random() < 0.5:
            page.append(("", None))
    page.extend(_entries(rng, layout))
    if rng.random() < 0.4:
        page.append(("", None))
        for _ in range(rng.randint(1, 3)):
            page.append((_chrome_line(rng, rng.choice(["navigation", "copyright"])), "X"))
    if rng.random() < 0.2:
        page.extend(_affiliations(rng))
    if rng.random() < 0.1:
        page.append(("", None))
        page.append((_paragraph(rng, rng.randint(2, 4)), "P"))
    return page


def _affiliations(rng: random.Random) -> list[Line]:
    """A publisher page's authors-and-affiliations block: names, then numbered addresses."""
    heading = rng.choice(["Authors and Affiliations", "Author information", "Affiliations"])
    block: list[Line] = [("", None), (heading, "X")]
    for number in range(1, rng.randint(2, 3)):
        block.append((f"  • {rng.choice(references()).surname or 'Roe'}", "X"))
        if rng.random() < 0.5:
            block.append((f"    • {number}", "X"))
        place = rng.choice(["LondonUK", "Department of History, University of Leeds, Leeds, UK", "ParisFrance",
                            "Institute of Social Studies, The Hague, Netherlands", "New YorkUSA"])
        block.append((rng.choice([f"  {number}. {number}.{place}", f"{number}.{place}", f"{number} {place}"]), "X"))
    return block


def _entries(rng: random.Random, layout: _Layout) -> list[Line]:
    """The notes or entries of a page, with what scrapes put between them."""
    page: list[Line] = []
    count = rng.randint(1, 4) if rng.random() < 0.3 else rng.randint(2, 30)
    texts = note_texts(rng, count, layout.notes)
    number = 1 if rng.random() < 0.6 else rng.randint(2, 80)
    item = 1
    for position, text in enumerate(texts):
        if layout.chapters and position and rng.random() < 0.15 and rng.random() < 0.3:
            number = 1  # a new chapter's notes, with no heading between (its heading was not copied)
        elif layout.chapters and position and rng.random() < 0.15:
            if rng.random() < 0.5:
                page.append(("", None))
            heading = _chrome_line(rng, "heading")
            if rng.random() < 0.5:
                heading = f"{heading}: {' '.join(rng.choice(references()).title_words[:4]).strip(' .,:')}"
            page.append((heading, "X"))
            for _ in range(rng.choice([0, 0, 0, 1, 2])):
                page.append((rng.choice([_chrome_line(rng, "heading"), _link_line(rng)]), "X"))
            number = 1
        page.extend(_entry_lines(rng, layout, text, number, item))
        if layout.marker == "double" and rng.random() < 0.08:
            # SpringerLink: a list item without printed number continues the note
            extra = rng.choice(references()).text
            page.append((f"  {item + 1}. {extra}", "I"))
            item += 1
        if layout.annotations and rng.random() < layout.annotations:
            body = _paragraph(rng, rng.randint(1, 4))
            if layout.blank_between:
                page.append(("", None))
            page.extend((line, "I") for line in (_wrap(rng, body, layout.wrap, False) if layout.wrap else [body]))
        if layout.notes and layout.marker != "none" and rng.random() < 0.05:
            page.append((_sentence(rng), "I"))  # the note goes on below, on a line of its own
        if layout.notes and layout.marker != "none" and rng.random() < 0.03:
            # an enumeration inside the note, on lines of its own: "1) a first point;"
            style = rng.choice(["{}) ", "({}) ", "{}. "])
            for point in range(1, rng.randint(2, 4)):
                page.append((style.format(point) + _sentence(rng).rstrip(".").lower() + ";", "I"))
        if layout.links_alone and rng.random() < layout.links_alone:
            page.append((_link_line(rng), "X"))
        if layout.running_heads and rng.random() < layout.running_heads:
            blank = rng.random() < 0.5
            if blank:
                page.append(("", None))
            page.append((_chrome_line(rng, "running"), "X"))
            if rng.random() < 0.5:
                title = " ".join(rng.choice(references()).title_words[:6]).strip(" .,:")
                page.append((title.upper() if rng.random() < 0.6 else title, "X" if title else None))
            if blank:
                page.append(("", None))
        if layout.blank_between:
            page.append(("", None))
        number += 1 if rng.random() < 0.9 else rng.randint(2, 4)
        item += 1
    return page


def synthetic_pages(count: int, seed: int) -> Iterator[tuple[list[str], list[str | None]]]:
    """``count`` pages as (lines, labels), the same for the same seed."""
    rng = random.Random(seed)
    for _ in range(count):
        page = _page(rng)
        yield [line for line, _ in page], [label for _, label in page]


def lead_in(rng: random.Random) -> str:
    """What a paste may hold before its first note: a heading, the end of the text, or a note's tail."""
    shape = rng.random()
    if shape < 0.4:
        return _chrome_line(rng, "heading")
    if shape < 0.7:
        return _sentence(rng)
    return rng.choice(references()).text.split(". ", 1)[-1]


def link_text(rng: random.Random) -> str:
    """Link words as scrapes glue them to a note ("Google Scholar", "CrossRef")."""
    return _link_line(rng)
