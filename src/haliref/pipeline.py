"""The pipeline: read (segment → split → parse → normalize) → merge → keys → offsets → flag, as pure functions.

:func:`read` is the front (the notes reader, or the prose reader in front of the same stages);
:func:`finish` is the one tail; :func:`parse_text` is both. The streamed path
(:mod:`haliref.scale.stream`) runs :func:`read` on each block and the same merge stage
(:func:`work_indexes`) across all blocks, its works kept on disk.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection

from haliref import progress, resources
from haliref.caches import memo
from haliref.check.flags import flag_document
from haliref.collector import young_collections_spaced
from haliref.merge.works import Cited, MemoryWorks, Merger, assign_keys
from haliref.model import Citation, Correction, Document, Dropped, Note, SpanRecord, Work, csl_item
from haliref.normalize import normalize
from haliref.normalize.imprint import is_known_place, is_known_publisher
from haliref.parse.abbreviations import LIST_ABBREVIATION, Abbreviations
from haliref.parse.dated import dated_sources
from haliref.parse.edits import Edit, apply_edits
from haliref.parse.joins import splits_joined
from haliref.parse.labellers import notes_labeller
from haliref.parse.notes import read_note
from haliref.parse.prefixes import recut_prefixes
from haliref.parse.repair import repair
from haliref.parse.split import POSSESSIVE_NAME, SAME_AUTHOR_DASHES, RawCitation, TitleOnly
from haliref.parse.tagger import Span, Tagger, default_tagger, spans_of
from haliref.read.offsets import Locator
from haliref.read.prose import is_prose, read_prose
from haliref.read.reading import Pending, Reading
from haliref.read.segment import RawNote, Segmentation, chapter_heading, clean_line, segment

__all__ = ["finish", "is_running_prose", "parse_text", "read", "read_list", "work_indexes"]

AUTHOR_FROM_PROSE = "author-from-prose"
REPEATED_AUTHOR = "repeated-author"
GIVEN_NAME_FIRST = "given-name-first"
_REPEAT_MARK = re.compile(rf"{SAME_AUTHOR_DASHES}\.?")  # the author a citation's parse gives for the mark
_CITED_PAGE_TYPES = frozenset({"book", "article-newspaper"})
#: A part of a larger work: in a numbered note, one page after its title and container is the page cited, as
#: CMOS 14.171 cites an article's page in a note ("Lisbon Studies 2 (1922), 48"); its own range is a range
#: ("41–60"), and the sciences' short style, with no title, gives its first page ("Appl. Opt. 2011, 14, 2207").
_PARTS = frozenset({"article-journal", "article-magazine", "chapter"})
_ONE_PAGE = re.compile(r"\d{1,5}|[ivxlc]{1,8}", re.IGNORECASE)
#: A book's place named by a locator's word other than a page's ("ch. 3, 44", "par. 12"): where a note cites
#: it, never the book's own pages.
_WORDED_PLACE = re.compile(r"(?!pp?\.)[^\W\d]{1,5}\.\s*(?:\d|[IVXLCivxlc]+\b)")


def _short_form_spans(body: str) -> list[tuple[str, str]]:
    """A short form has a fixed shape, "Author" or "Author, Short Title", maybe with its volume after a comma
    ("Roe, Annals, Vol. III"), or, as a reading list's short entries, its year and perhaps a known publisher or
    place before it ("Roe A., Title, Hachette, 1992"): no labeller needed. A possessive alone ("Elliott's
    Debates") is a title, which the normalizers may read as its author's (rule ``possessive-author``), and so
    is a quoted title alone."""
    if not body or body.casefold().startswith(("ibid", "idem", "id.")):
        return []
    if dated := _AUTHOR_DATE.fullmatch(body):  # "Picot (1990)", "Laux/Liermann 1987": author-date, no title
        return [("author", dated["author"] or dated["bare_author"]), ("date", dated["date"] or dated["bare_date"])]
    body, comma, last = body.rpartition(", ")
    volume = last if comma and (_is_volume(last) or _BARE_ROMAN.fullmatch(last)) else ""  # "Guerra, I"
    year = last.rstrip(".") if comma and ", " in body and _SHORT_FORM_YEAR.fullmatch(last.rstrip(".")) else ""
    if not volume and not year:
        body = f"{body}{comma}{last}"
    imprint: list[tuple[str, str]] = []
    if year:  # "Roe, Title, Hachette, 1992", "Roe, Title, Londres, 1954": a known publisher or place before it
        rest, comma, last = body.rpartition(", ")
        label = "publisher" if is_known_publisher(last) else "location" if is_known_place(last) else ""
        if label and ", " in rest:
            body, imprint = rest, [(label, last)]
    author, _, title = body.partition(", ")
    if not year and (dated := _QUOTED_TITLE_AND_YEAR.fullmatch(title)):  # "Roe, “The Crisis,” 1963"
        title, year = dated["title"], dated["year"]
    if not title and (_POSSESSIVE.match(author) or author[:1] in _OPENING_QUOTES):
        author, title = "", author  # "Roe's Annals", or a quoted title alone ("“Quarterly Review,”")
    role = "author"
    if marker := _EDITORS_MARK.match(title):  # "Carney and Way, eds., Politics 1964": the editors'
        role, title = "editor", title[marker.end() :]
    spans = ([(role, author)] if author else []) + ([("title", title)] if title else [])
    return spans + ([("volume", volume)] if volume else []) + imprint + ([("date", year)] if year else [])


#: Names without a comma, then a year, in brackets or bare (perhaps after a comma: "Pardo, 1976"), with a letter
#: telling works of one year apart.
_AUTHOR_DATE = re.compile(
    r"(?P<author>[^\W\d_][^,()\d]*?(?:,\s*(?:[^\W\d_]\.\s*)+)?)\s*(?P<date>\(\d{4}[a-z]?\))"
    r"|(?P<bare_author>[^\W\d_][^,()\d]*?),?\s+(?P<bare_date>\d{4}[a-z]?)"
)


_EDITORS_MARK = re.compile(r"eds?\.,\s*")


#: A name's possessive and a capitalised or quoted word: "Elliott's Debates", "John Adams's Works", "Timbs' “Life”".
_POSSESSIVE = re.compile(rf"^{POSSESSIVE_NAME}[“\"‘]?[A-ZÀ-ÖØ-Þ]")


_OPENING_QUOTES = "“\"‘«„"


def _is_volume(text: str) -> bool:
    """"Vol. III", "t. 2", "Bd. 4": a volume word of the labeller's keywords and a number."""
    word, _, number = text.partition(" ")
    return bool(_VOLUME_NUMBER.fullmatch(number)) and bool(resources.labeller_keyword("volume").match(word.rstrip(".")))


_VOLUME_NUMBER = re.compile(r"(?:\d{1,4}|[IVXLC]{1,7})\.?", re.IGNORECASE)
#: A year closing an author's and a title's short entry, as a reading list gives it ("Roe A., Title, 1992",
#: "…, 1986/93").
_SHORT_FORM_YEAR = re.compile(r"1[5-9]\d\d|20\d\d(?:[/–-]\d{2,4})?|1[5-9]\d\d[/–-]\d{2,4}")
#: A quoted short title and the year after its closing quote, which holds the title's comma ("“The Crisis,” 1963").
_QUOTED_TITLE_AND_YEAR = re.compile(
    rf"(?P<title>[{_OPENING_QUOTES}][^”\"’»]+[”\"’»])\s*(?P<year>{_SHORT_FORM_YEAR.pattern})\.?")
_BARE_ROMAN = re.compile(r"[IVXLC]{1,7}")  # a volume in capitals, no word before it ("Zugazagoitia, Guerra, I")


def _parse_citation(
    raw: RawCitation, tagger: Tagger, corrections: bool, skip_rules: frozenset[str]
) -> tuple[Cited, list[SpanRecord], str]:
    """The citation's work as parsed, its labelled spans, and the pages the labeller found in its body that the
    normalizers kept out of the work (a single page after an article, a book's pages)."""
    use_hint = bool(raw.author_hint) and corrections and AUTHOR_FROM_PROSE not in skip_rules
    body = raw.body if use_hint or not raw.author_hint else raw.body[len(raw.author_hint) + 2 :]
    repairs: list[Correction] = []
    tagged: list[Span] = []
    if raw.shaped is not None:
        spans = raw.shaped.spans()
    elif raw.short_form:
        spans = _short_form_spans(body)
    else:
        labelled = tagger.label_tokens(body)
        if corrections and not tagger.corrected([token.text for token, _, _ in labelled]):
            tagged, repairs = repair(body, labelled, skip_rules)
        else:
            tagged = spans_of(body, labelled)
        spans = [(span.label, span.text) for span in tagged]
    result = normalize(spans, apply_corrections=corrections, skip_rules=skip_rules)
    found = repairs + list(result.corrections)
    if use_hint:
        found.insert(0, Correction("author", "", raw.author_hint, AUTHOR_FROM_PROSE, 0.8))
    cited = Cited(
        csl=dict(result.csl),
        corrections=found,
        flags=list(result.flags),
        short_form=raw.short_form,
        ibid=raw.ibid,
    )
    records: list[SpanRecord] = [
        {"label": span.label, "text": span.text, "confidence": round(span.confidence, 3)} for span in tagged
    ]
    return cited, records, result.locator


@memo(2)
def _segmented(text: str) -> Segmentation:
    """The page reader's notes of a text, kept for the last two texts: the page sends the whole input again
    with each correction, and the reader's work (most of a long list's time) does not depend on them."""
    with young_collections_spaced():
        return segment(text)


def read_list(
    text: str, tagger: Tagger, *, corrections: bool = True, skip_rules: frozenset[str] = frozenset()
) -> Reading:
    """The notes reader: segment the page into notes, split and parse their citations, normalize each.

    ``tagger`` labels the citations of unnumbered entries (a reference list's), its :func:`notes_labeller` those
    of numbered notes (:mod:`haliref.parse.labellers`). The page reader's line features come from the shipped
    list labeller, whose labels it learnt."""
    in_notes = notes_labeller(tagger)
    lines = sum(1 for line in text.splitlines() if line.strip())
    with progress.counting("lines", 2 * lines - 1):  # the page reader labels each line and each line break
        segmentation = _segmented(text)
    reading = Reading(dropped=list(segmentation.dropped))
    page_lines = text.splitlines()
    numbers = {(note.run, note.number) for note in segmentation.notes if note.number is not None}
    edits: tuple[Edit, ...] = getattr(tagger, "edits", ())  # the user's splits, joins and prose words
    abbreviations = Abbreviations()
    expand = corrections and LIST_ABBREVIATION not in skip_rules
    repeat = corrections and REPEATED_AUTHOR not in skip_rules
    above: list[dict[str, str]] = []  # the authors of the last citation that named its own
    for done, raw_note in enumerate(segmentation.notes):
        progress.report("notes", done, len(segmentation.notes))
        taken = _heading_lines(raw_note, page_lines)
        heading = (NUMBERED_HEADING if _numbered_heading(raw_note, numbers)
                   else NUMBERED_TITLE if _numbered_title(raw_note, numbers, taken) else None)
        if heading is not None:
            under = _under_heading(raw_note, taken)
            # a heading with nothing under it: all its lines go to the report, none is lost
            heading_lines = raw_note.lines[:taken] if under.items else raw_note.lines
            reading.dropped.extend(Dropped(line=line, text=page_lines[line - 1].strip(), reason=heading)
                                   for line in heading_lines)
            if not under.items:
                continue
            raw_note = under
        labeller = tagger if raw_note.number is None else in_notes
        raw_citations, _prose_only = read_note(raw_note.item_texts, labeller)
        if not raw_citations and raw_note.number is not None and (title := _title_alone(raw_note.text)):
            raw_citations = [RawCitation(body=title, shaped=TitleOnly(title))]  # "3. ^ Storia di Lecco."
        raw_citations = recut_prefixes(splits_joined(raw_citations, raw_note.text, labeller), raw_note.text)
        if edits:
            raw_citations = apply_edits(edits, raw_citations, raw_note.text)
        elif raw_note.number is None and raw_note.label is None and (not raw_citations or (
                not any(raw.short_form or raw.locator or raw.ibid for raw in raw_citations)
                and _undated_before_note_one(raw_note, segmentation.notes[done + 1 : done + 2]))):
            _drop_uncited(raw_note, page_lines, reading.dropped)
            continue
        entries = _entries_in_a_row(raw_note, raw_citations, numbered_page=bool(numbers)) if not edits else None
        for text, citations in entries or [(raw_note.text, raw_citations)]:
            note = Note(
                number=raw_note.number,
                list_items=list(raw_note.list_items),
                text=text,
                lines=list(raw_note.lines),
                run=raw_note.run,
                label=raw_note.label,
            )
            reading.notes.append(note)
            above = _read_citations(reading, note, citations, _CitationReading(
                labeller, abbreviations, numbered=raw_note.number is not None, expand=expand, repeat=repeat,
                corrections=corrections, skip_rules=skip_rules), above)
    if corrections and GIVEN_NAME_FIRST not in skip_rules:
        _given_names_first([pending.cited for pending in reading.pending if pending.cited is not None])
    reading.dropped.sort(key=lambda d: (d.line, d.reason != "blank line"))
    return reading


def _entries_in_a_row(raw_note: RawNote, raw_citations: list[RawCitation], *, numbered_page: bool,
                      ) -> list[tuple[str, list[RawCitation]]] | None:
    """An unnumbered paragraph that is nothing but whole references one after the other (a bibliography pasted
    from a PDF, its entries run together: "Roe, A., The Harbour Clerks (London, 1964). Poe, B. R., Quays and
    Ledgers (Cambridge, 1972)."): one entry each, as a list's lines are; None for a note, whose citations have
    the author's words, pages cited or short forms, and on a page of numbered notes (where an unnumbered paragraph
    is a note whose number a scrape garbled: "I. A. Roe, Harbours (Leeds, 1984); B. Poe, Quays …")."""
    if numbered_page or raw_note.number is not None or raw_note.label is not None or len(raw_citations) < 2 or any(
            raw.prefix or raw.locator or raw.short_form or raw.ibid or raw.parenthetical for raw in raw_citations):
        return None
    starts = []
    at = 0
    for previous, raw in zip([None, *raw_citations], raw_citations, strict=False):
        body = raw.body
        if raw.author_hint:  # "-Studies in …": the same author as the entry before, whose name it was given
            if previous is None or not previous.body.startswith(raw.author_hint):
                return None
            body = body[len(raw.author_hint) + 2 :]
        found = raw_note.text.find(body, at)
        if found < 0:
            return None
        starts.append(found)
        at = found + len(body)
    ends = [*starts[1:], len(raw_note.text)]
    starts[0] = 0
    pieces = zip(starts, ends, raw_citations, strict=True)
    return [(raw_note.text[start:end].strip(), [raw]) for start, end, raw in pieces]


@dataclasses.dataclass(frozen=True)
class _CitationReading:
    """How a note's citations are read: its labeller, the page's abbreviations, and the switches."""

    labeller: Tagger
    abbreviations: Abbreviations
    numbered: bool
    expand: bool
    repeat: bool
    corrections: bool
    skip_rules: frozenset[str]


def _read_citations(reading: Reading, note: Note, raw_citations: list[RawCitation], how: _CitationReading,
                    above: list[dict[str, str]]) -> list[dict[str, str]]:
    """Parse and normalize one note's citations, each pending its work; the authors above, for the next note."""
    abbreviations = how.abbreviations
    for raw in raw_citations:
        read, defines = abbreviations.defined(raw)
        body, expansion = abbreviations.expanded(read.body) if how.expand else (read.body, None)
        if expansion is not None:  # "DBFP, vol. XX, no. 35": the title it stands for, read as a reference
            issue = dated_sources(body)  # "SND, 5 February 1948": the newspaper's issue of that day
            shaped = issue[0] if issue and len(issue) == 1 else read.shaped
            read = dataclasses.replace(read, body=body, short_form=False, ibid=False, shaped=shaped)
        cited, spans, pages = _parse_citation(read, how.labeller, how.corrections, how.skip_rules)
        if expansion is not None:
            cited.corrections.insert(0, expansion)
        if how.repeat:
            above = _same_author_as_above(cited, above)
        if defines:
            authors = cited.csl.get("author") or [{}]
            # a newspaper cited by its name and a date has no title: its name is what the short one stands for
            field = "title" if cited.csl.get("title") or not cited.csl.get("container-title") else "container-title"
            family = str(authors[0].get("family") or "")
            abbreviations.learn(defines, str(cited.csl.get(field) or ""), family, field)
        locator = raw.locator
        cited_types = _CITED_PAGE_TYPES if not how.numbered or not cited.csl.get("title") else (
            _CITED_PAGE_TYPES | _PARTS)
        if (pages and not locator and cited.csl.get("type") in cited_types
                and (_ONE_PAGE.fullmatch(pages) or _WORDED_PLACE.match(pages))):
            locator = pages  # one page after a book ("History of England, Vol. II. p. 623."), a newspaper's
            # date ("New York Times, May 3, 1950, 4.") or, in a note, an article: the cited one; a chapter or
            # paragraph of a book
        elif pages and "page" not in cited.csl:
            # pages the labeller read inside the body, where the splitter saw no cited locator: a
            # list's style ("Nano Lett. 2010, 10, 1082", "Vol. 2, pp. 711–1150"), the work's own pages
            cited.csl["page"] = pages
        citation = Citation(
            work="",
            text=raw.body,
            prefix=raw.prefix,
            locator=locator,
            suffix=raw.suffix,
            short_form=raw.short_form,
            parenthetical=raw.parenthetical,
            spans=spans,
        )
        if raw.author_hint:  # the author came from the prose: placed from that name on
            reading.pending.append(
                Pending(note, citation, cited, raw.body[len(raw.author_hint) + 2 :], lead=raw.author_hint)
            )
        else:
            reading.pending.append(Pending(note, citation, cited, raw.body))
    return above


def _given_names_first(citeds: list[Cited]) -> None:
    """A page that prints its authors "Forename, Surname," (Cambridge Core's older notes: "Dorothy, Thompson,
    ‘Title’"): a name read as family "Dorothy", given "Thompson", where the given word is a family name the page
    gives elsewhere and the family word a first name (no gazetteer surname) it never gives as one, is given
    "Dorothy", family "Thompson"; only where the page does so for two names or more, and for one name in ten of
    its names (one such name may be a true "Thomas, Keith"; a long list holds a few by chance)."""
    names = [(cited, key, position, name) for cited in citeds for key in ("author", "editor")
             for position, name in enumerate(cited.csl.get(key) or [])]
    families = {str(name.get("family") or name.get("literal")) for *_, name in names
                if name.get("family") or name.get("literal")}
    # a first name the page also gives as a family with initials ("Thomas, K.") is a family name there
    initialled = {str(name.get("family")) for *_, name in names if str(name.get("given") or "").endswith(".")}
    first = _first_names_only()
    swaps: list[tuple[Cited, str, int]] = []
    for cited, key, position, name in names:
        family, given = str(name.get("family") or ""), str(name.get("given") or "")
        if (" " not in family and " " not in given and given[:1].isupper() and len(given) > 2
                and not given.endswith(".") and given in families and family.casefold() in first
                and family not in initialled):
            swaps.append((cited, key, position))
    persons = sum(1 for *_, name in names if name.get("family"))
    distinct = len({(str(cited.csl[key][at]["family"]), str(cited.csl[key][at]["given"])) for cited, key, at in swaps})
    if distinct < _GIVEN_FIRST_NAMES or len(swaps) * _GIVEN_FIRST_SHARE < persons:
        return  # the page's habit: two such names at least, and one name in ten of the page's
    for cited, key, at in swaps:
        name = cited.csl[key][at]
        before = f"{name['family']}, {name['given']}"
        cited.csl[key][at] = {**name, "family": name["given"], "given": name["family"]}
        cited.corrections.append(Correction(key, before, f"{name['given']}, {name['family']}", GIVEN_NAME_FIRST, 0.8))


_GIVEN_FIRST_NAMES = 2  # names so printed before the page's habit is taken for one
_GIVEN_FIRST_SHARE = 10  # … and one name in this many of the page's


@memo(None)
def _first_names_only() -> frozenset[str]:
    """The gazetteer's first names that its surname lists do not hold ("Dorothy", not "Mitchell": the first-name
    list has both), lower case."""
    surnames = (resources.lower_set("anystyle/surnames_european.txt")
                | resources.lower_set("anystyle/surnames_american_commonest.txt"))
    return frozenset(resources.first_names() - surnames)


def _same_author_as_above(cited: Cited, above: list[dict[str, str]]) -> list[dict[str, str]]:
    """A citation whose author is the mark for the same author ("——— Great Contemporaries. London, 1932.")
    gets the authors of the citation above that named its own; returns the authors the next one would get."""
    authors = cited.csl.get("author") or []
    if not authors:
        return above
    if not _REPEAT_MARK.fullmatch(str(authors[0].get("literal", ""))):
        return [dict(name) for name in authors]
    if above:
        cited.csl["author"] = [dict(name) for name in above] + authors[1:]
        names = "; ".join(name.get("literal") or ", ".join(filter(None, (name.get("family"), name.get("given"))))
                          for name in above)
        cited.corrections.append(Correction("author", str(authors[0]["literal"]), names, REPEATED_AUTHOR, 0.95))
    return above


#: A note that is a title alone, as an online encyclopedia's notes give a linked page ("Storia di Lecco.",
#: "Roberto da Lecco."): a few words, an optional "^" (its back link) and a full stop.
_TITLE_ALONE = re.compile(r"\^?\s*(?P<title>[A-ZÀ-Þ][^;:!?()\d]*?)\.?")
_TITLE_ALONE_WORDS = 8


def _title_alone(text: str) -> str:
    """The title a numbered note that cites nothing else is made of, or "": capitalised words and the small words
    of titles and names between them (``data/headline_words.tsv``, ``data/name_particles.tsv``); a name alone
    ("Roe.") or a word is no title, nor is a sentence (it has words in lower case that are no small words)."""
    found = _TITLE_ALONE.fullmatch(text.strip())
    words = found["title"].split() if found else []
    if not 2 <= len(words) <= _TITLE_ALONE_WORDS or not words[-1][:1].isupper():
        return ""
    small = resources.title_small_words().union(*(particle.split() for particle in resources.name_particles()))
    return found["title"] if found and all(word[:1].isupper() or word in small for word in words) else ""


def _undated_before_note_one(raw_note: RawNote, following: list[RawNote]) -> bool:
    """A paragraph right before a list's note 1, with no year in it ("CONSTITUTION. The Harbour Board
    consists of …"), is the page's text above the list, whatever the rules read in it as a reference: an author's
    own note there cites a dated work ("… dedicated to Ann Roe (Harbours (Leeds, 2000), 13)"); the source of an
    epigraph there is a short form or cites its pages ("The epigraph is from Roe, Harbours, 12"), and stays."""
    text = raw_note.text.strip()
    return (bool(following) and following[0].number == 1 and not _A_YEAR.search(text)
            and not _CITED_PAGE_AT_END.search(text))


_CITED_PAGE_AT_END = re.compile(r"(?:,|\bpp?\.)\s*\d{1,4}(?:\s*[-–]\s*\d{1,4})?\s*[.;]?$")  # "…, Quays, 13."
_A_YEAR = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)")


def _drop_uncited(raw_note: RawNote, page_lines: list[str], dropped: list[Dropped]) -> None:
    """An entry with no number that cites nothing (a wrapped sidebar, a sentence between a list's sections) is no
    note: its lines are reported dropped, as the author's text. A numbered note citing nothing stays a note."""
    if len(raw_note.lines) == 1:  # perhaps a part of its line (the text before a run's note 1)
        dropped.append(Dropped(line=raw_note.lines[0], text=raw_note.text, reason=UNCITED))
        return
    dropped.extend(Dropped(line=line, text=page_lines[line - 1].strip(), reason=UNCITED) for line in raw_note.lines)


def _alone_in_its_numbering(raw_note: RawNote, numbers: set[tuple[int, int]]) -> bool:
    """A numbered note with no note numbered one less or one more on its page: perhaps a heading's number."""
    number = raw_note.number
    return (number is not None and raw_note.label is None and bool(raw_note.lines)
            and not {(raw_note.run, number - 1), (raw_note.run, number + 1)} & numbers)


def _first_text(raw_note: RawNote) -> str:
    return raw_note.items[0][0] if raw_note.items and raw_note.items[0] else ""


def _numbered_heading(raw_note: RawNote, numbers: set[tuple[int, int]]) -> bool:
    """A note whose numbered line is in capitals, with no note numbered one less or one more, is a section's
    heading ("11. RACE IN THE OCEANIC REPUBLIC OF LETTERS" above a reading list's entries)."""
    return _alone_in_its_numbering(raw_note, numbers) and chapter_heading(_first_text(raw_note))


#: A chapter's title in a reading guide: a few words, each capitalised but the small ones, no comma nor figure.
_HEADLINE_WORD = re.compile(r"\(?(?:[A-Z][^\s,;:\d]*|[a-z]{1,4})\)?|&|[-–—]")
_MAX_TITLE_WORDS = 12


def _heading_lines(raw_note: RawNote, page_lines: list[str]) -> int:
    """How many of a numbered note's lines its first text takes: two where the number stands alone on its line
    ("4." above "Chapter"), else one."""
    if len(raw_note.lines) > 1 and _BARE_NUMBER.fullmatch(clean_line(page_lines[raw_note.lines[0] - 1])):
        return 2
    return 1


_BARE_NUMBER = re.compile(r"[\[(]?\d{1,6}[.)\]]?\.?")


def _numbered_title(raw_note: RawNote, numbers: set[tuple[int, int]], taken: int) -> bool:
    """A note whose numbered line is a chapter's title in headline case (no figure, comma nor closing stop: no
    citation), with no note numbered one less or one more: a section's heading ("1. Augustan Poetry and Society
    (By Ann Roe)") above a reading guide's paragraphs, not a note."""
    first = _first_text(raw_note)
    words = first.split()
    lines = raw_note.lines[taken - 1 :]  # from the line with the title's text
    # a blank line under it: a documents edition's title has its source right under it ("Source: …")
    apart = len(lines) <= 1 or lines[1] > lines[0] + 1
    return (_alone_in_its_numbering(raw_note, numbers) and apart
            and 0 < len(words) <= _MAX_TITLE_WORDS and words[0][:1].isupper()
            and all(_HEADLINE_WORD.fullmatch(word) for word in words)
            and not first.endswith("."))  # "1. Ibid.", "1. Op. Cit.": a citation, or a sentence


def _under_heading(raw_note: RawNote, taken: int) -> RawNote:
    """What a numbered heading's note held under its ``taken`` lines: an unnumbered entry of its own (or none)."""
    items = [rest for rest in (raw_note.items[0][1:], *raw_note.items[1:]) if rest]
    return RawNote(number=None, lines=raw_note.lines[taken:], items=items, run=raw_note.run)


UNCITED = "prose: an unnumbered entry that cites nothing"
NUMBERED_HEADING = "heading: numbered, in capitals, no note beside it"
NUMBERED_TITLE = "heading: numbered, a title in headline case that cites nothing, no note beside it"


def _notes_after_prose(text: str) -> bool:
    """Long paragraphs, but a run of numbered notes holds a third of the text or more: a notes page after a
    chapter's last paragraphs (or with each note a long line), not running prose with a short numbered list."""
    numbered = [note for note in _segmented(text).notes if note.number is not None]
    return len(numbered) >= 2 and 3 * sum(len(note.text) for note in numbered) >= len("".join(text.split()))


@young_collections_spaced()  # a long list's labellings make millions of short-lived containers
def read(
    text: str,
    *,
    corrections: bool = True,
    skip_rules: Collection[str] = (),
    tagger: Tagger | None = None,
    prose: bool | None = None,
) -> Reading:
    """The front of the pipeline: the prose reader or the notes reader, as the text (or ``prose``) says."""
    if prose or (prose is None and _looks_like_running_prose(text)):  # issue 7: running prose
        reading = read_prose(text)
        if prose or reading.pending:
            return reading  # long lines in which the prose reader finds no citation may be a list's entries
    return read_list(text, tagger or default_tagger(), corrections=corrections, skip_rules=frozenset(skip_rules))


def _looks_like_running_prose(text: str) -> bool:
    return is_prose(text) and not _notes_after_prose(text)


def is_running_prose(text: str) -> bool:
    """The prose reader is the one for ``text`` (as :func:`read` decides): it looks like running prose and the
    prose reader finds citations in it; a streamed input's first block decides so for all its blocks."""
    return _looks_like_running_prose(text) and bool(read_prose(text).pending)


def work_indexes(reading: Reading, merger: Merger) -> list[int]:
    """The merge stage over a reading: each pending citation's work index in ``merger``'s store."""
    indexes: list[int] = []
    for pending in reading.pending:
        if pending.same_as is not None:
            indexes.append(indexes[pending.same_as])
        else:
            assert pending.cited is not None  # a reader gives one or the other
            indexes.append(merger.add(pending.cited))
    return indexes


@young_collections_spaced()
def finish(text: str, reading: Reading, *, today_year: int | None = None) -> Document:
    """The one tail of every reader: merge → keys → offsets → build → flags."""
    progress.report("works", len(reading.notes), len(reading.notes))
    store = MemoryWorks()
    indexes = work_indexes(reading, Merger(store))
    keys = assign_keys(store.works)
    locator = Locator(text)
    for pending, index in zip(reading.pending, indexes, strict=True):
        found = locator.place(pending.body, pending.note.lines, lead=pending.lead)
        citation = pending.citation
        citation.work = keys[index]
        citation.start, citation.end = found if found else (None, None)
        pending.note.citations.append(citation)
    works = [
        Work(id=key, csl=csl_item(work.csl), corrections=work.corrections, flags=work.flags)
        for key, work in zip(keys, store.works, strict=True)
    ]
    return flag_document(
        Document(notes=reading.notes, works=works, dropped=reading.dropped), today_year=today_year, copy_document=False
    )


def parse_text(
    text: str,
    *,
    corrections: bool = True,
    skip_rules: Collection[str] = (),
    tagger: Tagger | None = None,
    today_year: int | None = None,
    prose: bool | None = None,
) -> Document:
    """Run the whole pipeline on the text of one input: read → parse → normalize → merge → keys → flag.

    ``corrections=False`` gives the raw parse; ``skip_rules`` undoes the named
    correction rules only. ``today_year`` enables the "year in the future" flag
    (the pipeline never reads the clock itself, so its output stays reproducible).
    """
    reading = read(text, corrections=corrections, skip_rules=skip_rules, tagger=tagger, prose=prose)
    return finish(text, reading, today_year=today_year)
