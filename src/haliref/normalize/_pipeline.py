"""The normalize stage: labelled spans of one citation -> a clean CSL-JSON item.

``normalize(spans)`` runs three steps:

1. **Assemble** (trivial, never recorded; the raw parse): spans go to their CSL
   variable by label; white space collapsed (NFC, invisible characters dropped);
   surrounding punctuation and unbalanced/wrapping brackets stripped
   (:func:`strip_edges`); quotes wrapping a whole title removed; several spans of
   one label joined with a space (names: one list per span); label words
   stripped ("pp.", "vol.", "no." -> issue, "ISBN", "doi:", "URL:");
   citation numbers dropped; unknown labels appended to the note; a title span
   after an "in"-marked editor, or starting with "in", becomes the container.
2. **Normalizers** (:data:`PIPELINE`, in order): every non-trivial change is a
   :class:`~haliref.model.Correction` made through ``Context.propose``, so
   ``apply_corrections=False`` (no rule applied) gives the raw parse and
   ``skip_rules`` leaves out the named rules only. Name parsing itself (people,
   particles, literals, role markers) is structural and always runs.
3. **Build**: CSL type inferred (article-journal for a journal, chapter for a
   container, else book), dates parsed to date-parts, keys written in a fixed
   order. (Already in step 1, pages of a book and a single cited page go to
   :attr:`Normalized.locator` instead of ``page``: they are the cited pages,
   not the work's own range.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from haliref.caches import memo
from haliref.model import Correction, Flag

from ._base import NAME_FIELDS, TITLE_FIELDS, Context, Normalizer, Record, clean_space, strip_edges, strip_quotes
from .imprint import (
    BookInVolumes,
    CommaImprint,
    JournalImprint,
    PlaceFuzzy,
    PlacePublisherSplit,
    PlaceReadAsPublisher,
    PublisherAbbreviation,
    PublisherFuzzy,
    PublisherMisread,
    PublisherReadAsPlace,
    ReprintYear,
    is_newspaper_name,
)
from .language import LanguageDetect
from .names import COMPOUND_SURNAME, FAMILY_IN_CAPITALS, FAMILY_IN_LOWER_CASE, Names
from .numbers import Edition, PageRange, parse_date, split_volume, strip_page_label
from .text import (
    BrokenWords,
    DashRepair,
    EmDashSpacing,
    LeadingIn,
    LostSpaces,
    Mojibake,
    OcrSlips,
    PossessiveAuthor,
    PunctuationSpacing,
    RangeDash,
    SubtitleColon,
    TitleJoin,
)

__all__ = ["CSL_ORDER", "LABELS", "PIPELINE", "RULES", "Normalized", "assemble", "normalize"]

#: AnyStyle label -> CSL variable.
LABELS: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "title": "title",
    "journal": "container-title",
    "container-title": "container-title",
    "collection-title": "collection-title",
    "location": "publisher-place",
    "publisher": "publisher",
    "date": "issued",
    "volume": "volume",
    "pages": "page",
    "edition": "edition",
    "genre": "genre",
    "doi": "DOI",
    "url": "URL",
    "isbn": "ISBN",
    "note": "note",
    "medium": "medium",
    "language": "language",
    "archive": "archive",
    "archive_location": "archive_location",
    "authority": "authority",  # a case's court
    "type": "type",  # the CSL type a citation read by its shape says it is (a case, a statute)
}
_DROP_LABELS = frozenset({"citation-number", "citation_number"})

#: The normalizers, in order (one concern each).
PIPELINE: tuple[Normalizer, ...] = (
    TitleJoin(),
    Mojibake(),
    OcrSlips(),
    BrokenWords(),
    LostSpaces(),
    DashRepair(),
    RangeDash(),
    EmDashSpacing(),
    PunctuationSpacing(),
    LeadingIn(),
    PossessiveAuthor(),
    SubtitleColon(),
    Names(),
    ReprintYear(),
    JournalImprint(),
    BookInVolumes(),
    PlacePublisherSplit(),
    CommaImprint(),
    PublisherMisread(),
    PlaceReadAsPublisher(),
    PublisherReadAsPlace(),
    PublisherAbbreviation(),
    PublisherFuzzy(),
    PlaceFuzzy(),
    Edition(),
    PageRange(),
    LanguageDetect(),
)

#: Every rule name a Correction can carry.
RULES: tuple[str, ...] = (*tuple(n.name for n in PIPELINE), COMPOUND_SURNAME, FAMILY_IN_CAPITALS,
                          FAMILY_IN_LOWER_CASE)

CSL_ORDER = (
    "type",
    "author",
    "editor",
    "translator",
    "title",
    "title-short",
    "container-title",
    "collection-title",
    "edition",
    "volume",
    "number-of-volumes",
    "number-of-pages",
    "issue",
    "page",
    "publisher-place",
    "publisher",
    "archive",
    "archive_location",
    "issued",
    "original-date",
    "genre",
    "medium",
    "language",
    "DOI",
    "ISBN",
    "URL",
    "note",
)


@dataclass(frozen=True)
class Normalized:
    """The clean CSL item (without id), the corrections that produced it, the flags raised.

    ``locator`` holds pages found in the spans that are not the work's own range
    (the cited page(s) of a book, or a single cited page), for the citation.
    """

    csl: dict[str, Any]
    corrections: tuple[Correction, ...] = ()
    flags: tuple[Flag, ...] = ()
    locator: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "csl": self.csl,
            "corrections": [c.to_dict() for c in self.corrections],
            "flags": [f.to_dict() for f in self.flags],
            "locator": self.locator,
        }


_IN_MARK = re.compile(r"^\s*(?:in|In|IN|dans|im)\b\s*:?")
_DOI = re.compile(r"^(?:doi\s*:?\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
_ISBN = re.compile(r"^isbn(?:-1[03])?\s*:?\s*", re.IGNORECASE)
_URL = re.compile(r"^(?:url\s*:\s*|available\s+(?:at|from)\s*:?\s*|<)|>$", re.IGNORECASE)


def _append(parts: dict[str, list[str]], key: str, text: str) -> None:
    parts.setdefault(key, []).append(text)


def assemble(spans: Iterable[tuple[str, str]]) -> Record:
    """The raw parse (step 1): only trivial cleanups, nothing recorded."""
    record = Record()
    parts: dict[str, list[str]] = {}
    in_editor = False
    for label, text in spans:
        label = (label or "").strip().casefold()
        text = clean_space(text or "")
        if not text or label in _DROP_LABELS:
            continue
        key = LABELS.get(label)
        if key is None:
            _append(parts, "note", text)
            continue
        if label == "journal":
            record.journal = True
        if key in NAME_FIELDS:
            if key == "editor" and _IN_MARK.match(text):
                in_editor = True
                record.chapter = True
            record.fields.setdefault(key, []).append(text)
            continue
        if (
            key == "title"
            and parts.get("title")
            and "container-title" not in parts
            and (in_editor or _IN_MARK.match(text))
        ):
                key = "container-title"  # "‘Chapter’, in A. Editor (ed.), Book"
                record.chapter = True
        if key == "container-title" and _IN_MARK.match(text):
            record.chapter = True
        _append(parts, key, text)
    for key, texts in parts.items():
        if key in TITLE_FIELDS:
            record.parts[key] = list(texts)
            record.set(key, strip_quotes(strip_edges(" ".join(texts))))
        elif key == "volume":
            for text in texts:
                for k, v in split_volume(text).items():
                    record.set(k, " ".join(x for x in (record.get(k), v) if x))
        elif key == "page":
            record.set(key, ", ".join(p for p in (strip_page_label(t) for t in texts) if p))
        elif key == "note":
            record.set(key, "; ".join(p for p in (strip_edges(t) for t in texts) if p))
        else:
            value = strip_edges(" ".join(texts))
            if key == "DOI":
                value = _DOI.sub("", value)
            elif key == "ISBN":
                value = _ISBN.sub("", value)
            elif key == "URL":
                value = _URL.sub("", value).strip()
            record.set(key, value)
    if record.journal and record.get("volume").isdigit() and _a_newspaper_issue(record):
        record.set("page", record.get("page") or record.get("volume"))  # "New York Times, May 3, 1950, 4."
        record.set("volume", "")
    _pagination_and_price(record)
    page = record.get("page")
    if page and (_csl_type(record) == "book" or not _is_range(page)):
        # cited page(s), not the work's own range: a pseudo-field until the build
        record.set("locator", page)
        record.set("page", "")
    return record


#: A book's pagination as a review's header or a list of books received prints it, perhaps with its price:
#: "xxvi + 339", "x and 263 pp., 21s.", "395 p.", "Pp. xi + 268", "XI, 274 S.", "312 pp., $6.00".
_PAGINATION = re.compile(
    r"^(?:(?P<format>in-(?:fol|folio|4|8|12|16|18|32)[°º]?\.?),?\s*)?"  # the French lists' format: "In-8°, 300 p."
    r"(?:pp?\.\s*)?(?P<count>(?:(?P<front>[xivlc]+)\s*(?:\+|and|,)\s*)?\d{1,4}(?:\s*\+\s*\d{1,4})?)"
    r"\s*(?P<word>pp?\.|pages|S\.)?"
    r"(?:[.,;]?\s*(?P<price>(?:[$£€]\s*\d+(?:[.,]\d\d)?|\d+\s*s\.?(?:\s*\d+\s*d\.?)?|(?:DM|Gld\.|fr\.|Fr\.)\s*\d+(?:[.,]\d\d)?)"
    r"(?:\s+net)?))?\.?$",
    re.IGNORECASE,
)
#: a volume holding pages: the labeller cut a pagination in two
_SPILT_PAGINATION = re.compile(r"\bpp?\.|\+", re.IGNORECASE)
#: the front matter's count and its joiner left as a volume by the labeller: "x and", "xxvi +"
_FRONT_MATTER = re.compile(r"^[xivlc]+\s*(?:\+|and)$", re.IGNORECASE)


def _pagination_and_price(record: Record) -> None:
    """A book's pages in all and its price, read from what the labeller left as its pages (and, for the front
    matter's count, its volume): the number of pages, and the price as a note. Only with a sign it is no cited
    page: the front matter's count, "pp." after the number, or a price."""
    page, volume = record.get("page"), record.get("volume")
    if not page or record.get("container-title") or _csl_type(record) != "book":
        return
    if volume and _FRONT_MATTER.match(volume) and page[:1].isdigit():
        page = f"{volume} {page}"
    elif _SPILT_PAGINATION.search(volume):
        return  # "2 vols. Pp. xi + 268, vii +" | "352": two volumes' pages, read apart
    match = _PAGINATION.match(page.strip())
    if match is None or not (match["front"] or (match["word"] and not page.lower().startswith("p"))
                             or match["price"] or match["format"]):
        return
    if page != record.get("page"):
        record.set("volume", "")
    record.set("page", "")
    record.set("number-of-pages", match["count"])
    if match["format"]:
        record.set("note", "; ".join(part for part in (record.get("note"), match["format"]) if part))
    if match["price"]:
        price = match["price"].rstrip(".")
        if price.endswith(("s", "d")):
            price += "."  # "18s.", "2s. 6d.": shillings and pence keep their stop, "$7.50" has none
        record.set("note", "; ".join(part for part in (record.get("note"), price) if part))


#: types a citation read by its shape gives (parse/legal.py, parse/dated.py, parse/archival.py)
_SHAPED_TYPES = frozenset({"legal_case", "legislation", "article-newspaper", "document", "manuscript", "interview"})


def _a_newspaper_issue(record: Record) -> bool:
    """A periodical named as newspapers are, dated to the day ("May 3, 1950"): a number after its date is
    the page, not a volume."""
    issued = parse_date(record.get("issued")) or {}
    parts = issued.get("date-parts", [[]])[0]
    return len(parts) == _DAY_PARTS and is_newspaper_name(record.get("container-title")) and not record.get("issue")


_DAY_PARTS = 3


def _a_newspaper(record: Record) -> bool:
    """A periodical named by a newspaper's word ("New York Times", "Daily Mail"), with no volume nor issue: an
    article of a newspaper, not of a journal."""
    return is_newspaper_name(record.get("container-title")) and not record.get("volume") and not record.get("issue")


#: A title that names the work a report ("Report of the Committee on …", "Final Report on …", "Annual Report …")
_REPORT_TITLE = re.compile(
    r"^(?:(?:First|Second|Third|Final|Interim|Annual|Special)\s+)?Report\s+(?:of|on|to|by|for)\b")


def _csl_type(record: Record) -> str:
    if record.get("type") in _SHAPED_TYPES:
        return record.get("type")
    genre = record.get("genre").casefold()
    if record.get("archive") or record.get("archive_location"):
        return "manuscript"
    if record.journal:
        return "article-newspaper" if _a_newspaper(record) else "article-journal"
    if any(w in genre for w in ("thesis", "dissertation", "thèse", "doctoral")) or re.search(r"\bdiss\b", genre):
        return "thesis"
    if record.get("container-title") or record.chapter:
        return "chapter"
    if "report" in genre or "working paper" in genre or _REPORT_TITLE.match(record.get("title")):
        return "report"
    if _quoted_title_alone(record):
        return "article-journal"
    return "book"


_IMPRINT_KEYS = ("publisher", "publisher-place", "issued", "volume", "edition", "ISBN")


def _quoted_title_alone(record: Record) -> bool:
    """A title in quotation marks with no imprint (a short form's "Roe, ‘Civil Society’"): an article's or a
    chapter's, as CMOS quotes them (a book's is in italics); an article is the likelier."""
    title = strip_edges(" ".join(record.parts.get("title", ())))
    return title != strip_quotes(title) and not any(record.get(key) for key in _IMPRINT_KEYS)


def _is_range(page: str) -> bool:
    """A range of pages, its dash perhaps lost to a space between two pages, the second the later ("337 342")."""
    if spaced := re.fullmatch(r"(\d{1,5}) (\d{1,5})", page):
        return int(spaced[1]) < int(spaced[2])
    return bool(re.search(r"\d\s*(?:[–\-’'?\ufffd]|â€.)\s*\d|[ivxlc]\s*[–-]\s*[ivxlc]", page, re.IGNORECASE))


def _build(record: Record) -> dict[str, Any]:
    csl: dict[str, Any] = {"type": _csl_type(record)}
    fields = dict(record.fields)
    fields.pop("type", None)
    record.locator = fields.pop("locator", "")
    issued = fields.pop("issued", "")
    if isinstance(issued, str) and issued:
        date = parse_date(issued)
        if date:
            original = date.pop("original-date", None)
            if date:
                fields["issued"] = date
            if original:
                fields["original-date"] = original
    for key in CSL_ORDER:
        if key in fields and fields[key] not in ("", [], None):
            csl[key] = fields[key]
    for key in sorted(set(fields) - set(CSL_ORDER)):
        if fields[key] not in ("", [], None):
            csl[key] = fields[key]
    return csl


def normalize(
    spans: Sequence[tuple[str, str]],
    *,
    apply_corrections: bool = True,
    skip_rules: frozenset[str] | set[str] = frozenset(),
) -> Normalized:
    """Normalize the labelled spans of ONE citation.

    ``apply_corrections=False`` applies no rule: the raw parse (trivial cleanups
    only, see the module docstring). ``skip_rules`` names rules (see :data:`RULES`)
    to leave out; the others still apply. Names of other stages' rules are
    ignored, so the whole pipeline can pass one set. Flags are raised either way.

    Lists repeat citations, so results are cached (bounded); each call gets its
    own copy of the CSL item, which later stages may change.
    """
    key = tuple((label, text) for label, text in spans)
    result = _normalize_cached(key, apply_corrections, frozenset(skip_rules))
    return replace(result, csl=_copy(result.csl))


def _copy(value: Any) -> Any:
    """A copy of a CSL value down to its strings and numbers (faster than copy.deepcopy for JSON-like data).

    Leaves (most values) are kept without a call each.
    """
    if isinstance(value, dict):
        return {k: _copy(v) if isinstance(v, dict | list) else v for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) if isinstance(v, dict | list) else v for v in value]
    return value


@memo(4096)
def _normalize_cached(
    spans: tuple[tuple[str, str], ...], apply_corrections: bool, skip_rules: frozenset[str]
) -> Normalized:
    record = assemble(spans)
    ctx = Context(skip_rules=skip_rules, apply_all=apply_corrections)
    for step in PIPELINE:
        step(record, ctx)
    csl = _build(record)
    return Normalized(csl=csl, corrections=tuple(ctx.corrections), flags=tuple(ctx.flags), locator=record.locator)
