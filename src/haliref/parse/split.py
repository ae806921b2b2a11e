"""Split a note into its citations, keeping the author's prose and the cited locator apart.

A note is first cut into chunks at top-level semicolons and at sentence ends that
close a citation ("… pp. 164–5. For the background, see …"). In each chunk the
citation is found between its *start* (an author-like name followed by a comma,
or an opening quote, at the chunk start or after a comma or a cue word such as
"see" or "in") and its *anchor* (a parenthesised imprint with a year, a comma
imprint "Munich: Beck, 1969", or a short form's locator). What precedes the start
is the prefix; what follows the anchor is the locator and, if anything is left, a
suffix. A parenthesis that holds a whole citation inside prose ("… came to nothing
(Title, Munich: Beck, 1969, pp. 111–13).") is a citation of its own, with the
prose as its prefix and, when it names no author, the prose's leading name as an
author hint.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate, pairwise

from haliref import resources as _data
from haliref.caches import memo
from haliref.normalize.imprint import is_known_place, is_known_publisher
from haliref.normalize.names import NAME_SUFFIXES
from haliref.parse.archival import ArchivalParts, archival_parts
from haliref.parse.classical import ClassicalParts, classical_parts
from haliref.parse.dated import DatedSource, dated_sources
from haliref.parse.debates import DebatesParts, debates_parts
from haliref.parse.documents import documents_source
from haliref.parse.interviews import interview_parts
from haliref.parse.legal import LegalParts, legal_parts

__all__ = ["RawCitation", "split_note"]

_YEAR = r"(?:1[4-9]\d\d|20\d\d)"
#: the quotation marks a quoted title opens with
OPEN_QUOTES = "‘“\"'«„"
_NUMBER = r"[\dIVXLCDMivxlcdm]+"
# "±": a PDF's text layer for the en dash ("240±1"); "--": TeX's and a typewriter's ("52--9")
_RANGE = rf"{_NUMBER}(?:\s*(?:--|[-–—’±])\s*{_NUMBER})?"
# German "S.", Spanish "pág." and Italian "pag.", "pagg." before digits only ("S. Vogel" is a name); the pages
# that follow ("ff.", "et seq.", "sqq.", Italian "e seg.", "e seguenti")
_PAGES = (rf"(?:(?:pp?\.|pages?|fol\.|fols\.|at)\s*|(?:S|págs?|pagg?)\.\s*(?=\d))"
          rf"{_RANGE}(?:(?:\s*(?:,|and|&)\s*|\s*;\s*(?=\d)){_RANGE})*"
          r"(?:\s*(?:ff?\.|passim|n\.\s*\d+|et\s+seq\.?|sqq?\.|e\s+seg(?:g\.|uenti|\.)))?")
# (a year after "2 vols." is the edition's, not a volume: "3 vols. 1922"; a book's, a part's or a chapter's
# word may be capitalised: "Book IV"; a capitalised "Vol. III" after a short form is the work's, the pages after it
# the locator)
_VOLUME = (rf"(?:vols?\.|volume|[Bb]ook|[Bb]k\.|[Pp]art|[Pp]t\.|[Cc]h\.|[Cc]haps?\.)"
           rf"\s*(?!1[5-9]\d\d\b|20\d\d\b){_NUMBER}"
           rf"(?:\s*(?:,|and|&)\s*\d+)*")
# Chicago's volume and page ("2:114") and a page's note ("15n4", "15 n. 4")
_CITED_PAGES = rf"(?:\d{{1,3}}:\s?)?{_RANGE}(?:\s*n\.?\s*\d+|ff?\b)?"  # "34ff": and the pages after it
# a volume in lower-case roman numerals before the pages, as older notes give it: "vi. pp. 83–4", "iii., 218",
# "iii, p. 46"
_ROMAN_VOLUME_PAGES = r"[ivxl]{1,5}(?:\.,?|,)\s*(?:pp?\.\s*)?\d{1,4}(?:\s*[-–]\s*\d{1,4})?"
# "passim" alone: the work cited throughout ("Roe, Harbours, passim")
_LOCATOR = rf"(?:{_VOLUME}(?:[.,:]?\s*{_PAGES})?|{_PAGES}|{_ROMAN_VOLUME_PAGES}|passim\b)"
# Possessive quantifiers around optional punctuation: a whitespace run is read once, never re-split.
_LOCATOR_AFTER_ANCHOR = re.compile(
    rf"^\s*+[,:]?+\s*+(?P<loc>{_LOCATOR}|{_CITED_PAGES}(?:\s*(?:,|and)\s*{_CITED_PAGES})*"
    rf"(?=\s*+[.;]?+\s*+$|\s*+[.;]\s|,\s+(?:and\s+)?[A-Z“‘\"]|\s+and\s+[“‘\"]))\s*"
)  # "…, 21–39 and ‘Another Title’, …": the author's next work after "and"
#: The name a note gives a work for later notes, in brackets between its imprint and its pages: "(hereafter Roe,
#: Life), 45", "(thereafter …)", "(henceforth …)", "(cited below as …)".
_HEREAFTER_BEFORE_PAGES = re.compile(
    r"^\s*\((?P<remark>(?:hereafter|thereafter|henceforth|cited (?:hereafter|below) as)\b[^()]{1,120})\)\s*,?\s*(?=\S)",
    re.IGNORECASE,
)
# Cited pages after the imprint, then the author's words in the same sentence: "(Oxford, 2004), 45, who argues …"
_PAGES_THEN_WORDS = re.compile(rf"^\s*+,?+\s*+(?P<loc>{_CITED_PAGES}),\s+(?=(?P<word>[a-z]{{3,}})\b)")
# An article's or chapter's own range, then the cited page after "at": "pp. 787-809 at pp. 803, 809", "1-36, at 3"
_RANGE_THEN_AT = re.compile(
    rf"^\s*+[,:]?+\s*+(?P<range>(?:pp\.\s*)?\d+\s*[-–]\s*\d+)\s*,?\s*at\s+"
    rf"(?P<loc>{_PAGES}|{_RANGE}(?:\s*(?:,|and)\s*{_RANGE})*)\s*+[.;]?+\s*+$"
)
# A match may start at a comma, or at whitespace that does not follow whitespace: starting
# again inside a run of spaces could only repeat the same attempt (quadratic on long runs).
_TRAILING_LOCATOR = re.compile(rf"(?:,|(?<!\s)\s)\s*(?P<loc>{_LOCATOR})\s*+[.;]?+\s*+$")
#: a journal's date alone in brackets, which an article's page range follows: "91 (1961)", "(April 1980)",
#: "(Oct., 1951)", "(May, 1957)" (a month and a comma; "(London, 1954)" is an imprint: :func:`_an_articles_date`)
_DATE_ONLY_PAREN = re.compile(rf"\((?:(?P<word>[A-Z][a-z]+)\.?(?P<comma>,)?\s+)?(?:\d{{1,2}}\s+)?{_YEAR}\)\s*$")
#: the journal's volume before that date ("91 (1961)", "IV (1967)"; not a title's years, "1880–1914 (1982)")
_VOLUME_BEFORE_DATE = re.compile(rf"(?:(?<!\d)\d{{1,3}}|\b[IVXLCivxlc]+),?\s*{_DATE_ONLY_PAREN.pattern}")
#: A publisher after the bracketed year, perhaps after the edition, closing a reading list's entry: "(2011),
#: Palgrave Foundations", "(2006) 3rd edn, Palgrave Macmillan"
_PUBLISHER_AFTER_YEAR = re.compile(
    r",?\s*(?:(?P<edition>\d{1,2}(?:st|nd|rd|th)\s+(?:edn|ed|edition)\.?),\s*)?(?P<publisher>[A-Z][^,;()]{1,60}?)\s*[.;]?\s*")
_ARTICLE_RANGE = re.compile(r"(?:pp\.\s*)?(?P<range>\d+\s*(?:--|[-–])\s*\d+)(?:\s*,\s*|$)")
_COMMA_IMPRINT = re.compile(rf",\s*[A-Z][^,:;()]{{1,40}}:\s*[^:;()]{{1,80}}?,\s*{_YEAR}\b(?![-–]\d)")  # not "1461-85"
_EMBEDDED = re.compile(
    rf"^(?P<head>.*\S),\s*(?P<place>[^,:;()]{{2,40}}):\s*(?P<publisher>[^:;()]+?),\s*{_YEAR}\b(?P<tail>.*)$",
    re.S,
)
# "Ibid.", "Idem", "Id." (the law's ibid.), "op. cit.", "loc. cit."; "Id." by its period (or alone, its period cut
# off with the locator), as no word boundary follows it; "Same, p. 693." (older American notes' ibid., capitalised
# and closed by a comma or stop: "the same author" is prose); older English notes' "Ib." with its stop
SHORT_FORM = re.compile(r"(?:(?:ibid|ibidem|idem|op\.?\s*cit|loc\.?\s*cit)\b|id(?:\.|$)|(?-i:Same)(?=[,.]|$)"
                        r"|(?-i:Ib)(?:\.(?=[\s,]|$)|$))\.?", re.IGNORECASE)
_BARE_PAGES = r"\d{1,4}(?:\s*[-–]\s*\d{1,4})?"
#: a short form's bare page, perhaps after its volume (Chicago's "2:57", "2: 57"), and the note on it: "118 n.64",
#: "41 n. 3"; or a preface's page in lower-case roman figures ("xvii")
_BARE_PAGES_NOTE = rf"(?:(?:\d{{1,3}}:\s?)?{_BARE_PAGES}(?:\s*n\.\s*\d{{1,4}})?|[ivxlc]{{2,6}}\b)"
#: a short form's author: a surname, or two ("Lawson and Payne"), or the first and "et al." ("Roe et al."), perhaps
#: the editors' ("Carney and Way, eds.", "Beschloss, ed.,", "Roe and Poe, eds,")
_SHORT_AUTHORS = r"[A-Z][\w’'-]+(?:\s+(?:and|&)\s+[A-Z][\w’'-]+|\s+et\s+al\.)?(?:,\s*eds?(?:\.|(?=,)))?"
#: A short form's closing pages, a locator or a list of bare pages ("60", "3:118, 240-52"; no year), before its stop
_SHORT_FORM_PAGES_END = rf"(?P<loc>{_LOCATOR}|(?!{_YEAR}\b){_BARE_PAGES_NOTE}(?:,\s*{_BARE_PAGES_NOTE})*)\s*[.;]?$"
# "Hunt, p. 60." / "Hunt, Politics, Culture, and Class, 60.": surname, optional short title, locator
_SURNAME_SHORT_FORM = re.compile(
    rf"^(?P<body>{_SHORT_AUTHORS}(?:,\s*[^()]{{1,200}}?)?)(?:,\s*(?:(?:op|loc)\.?\s*cit\.?|work cited))?,\s*"
    rf"{_SHORT_FORM_PAGES_END}"
)
# "op. cit.", "loc. cit.", "cit." alone as Italian, Spanish and French notes write it ("Preston, Franco, cit."),
# the law's "supra note 1" ("Ackerman, supra note 1, at 133"), or English "work cited" ("Roe, work cited, p. 9")
_OP_CIT = re.compile(r"(?:,|(?<!\s))\s*\b(?:op|loc)\.?\s*cit\.?|,\s*cit\b\.?|,\s*supra(?:,?\s+note\s+\d+)?\b"
                     # "Roe, Ibid": Roe's work cited before, as "Roe, op. cit."
                     r"|,\s*work cited\b|(?<=[^\W\d_]),\s*ibid(?:em)?\b\.?", re.IGNORECASE)
#: A parenthesis that closes a chunk, with what it holds; a cited page's word; a volume's figure closing a short form.
_CLOSING_PARENTHESIS = re.compile(r"\s\((?P<inner>[^()]{3,120})\)\s*\.?$")
PAGE_WORD = re.compile(r"pp?\.\s*(?:\d|[ivxlc]+\b)")  # "p. 45", "pp. vii–x": a page in figures or a preface's numerals
#: "Roe, A. M., " opening a citation: a surname, its initials, a comma (a compact reference's author)
_SURNAME_INITIALS_COMMA = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'-]+,\s*(?:[A-ZÀ-ÖØ-Þ]\.\s*){1,3},\s")
_SENTENCE_STOP = re.compile(r"[^\W\d_]{2}\.\s")
_TRAILING_VOLUME = re.compile(r",\s*(?P<volume>\d{1,3})$")
#: an ibid. and the pages before the last one it cites ("Ibid., 61–64" of "Ibid., 61–64, 70")
_IBID_PAGE_LIST = re.compile(
    rf"(?P<ibid>[^,]+?),\s*(?P<pages>(?!{_YEAR}\b){_BARE_PAGES}(?:,\s*(?!{_YEAR}\b){_BARE_PAGES})*)")
# A page number with no "p." after a short form ("Ibid., 110.", "Roe, Storm, 410;" before the note's next
# citation, "Roe, Storm, 1968, 69 ff."); a year is not one.
_TRAILING_BARE_PAGES = re.compile(rf",\s*(?P<loc>(?!{_YEAR}\b){_BARE_PAGES}(?:\s*ff?\.)?)\s*+[.;]?+\s*+$")
# "Surname, op. cit., p. 9." / "Surname, Short Title, 60." / "Surname, Short Title, p. 60." / "Surname, loc. cit."
_SURNAME_CIT = re.compile(
    rf"^(?P<body>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?),\s*(?:op|loc)\.?\s*cit\.?"
    rf"(?:,?\s*(?P<loc>{_LOCATOR}|(?!{_YEAR}\b){_BARE_PAGES_NOTE}))?\s*\.?$",
    re.IGNORECASE,
)
#: "Roe 8: 108", "(Dunn 2:57)": a surname and the volume and page of a work in volumes, no comma between
#: them (the MLA's reference to a multi-volume work); a colon between the figures, as no year nor title has.
_SURNAME_VOLUME_PAGE = re.compile(
    rf"^(?P<body>{_SHORT_AUTHORS})\s+(?P<loc>\d{{1,3}}:\s?{_BARE_PAGES}(?:\s*n\.\s*\d{{1,4}})?)\s*\.?$")
#: bare pages, several perhaps ("41, 57-8, 112"), none of them a year
_BARE_PAGE_LIST = rf"(?!{_YEAR}\b){_BARE_PAGES_NOTE}(?:,\s*(?!{_YEAR}\b)(?:\d{{1,3}}:\s?)?{_BARE_PAGES}\b)*"
_SURNAME_TITLE_PAGES = re.compile(
    rf"^(?P<body>{_SHORT_AUTHORS},\s*[^,()]+?(?:,\s*[IVXLC]{{1,6}})?),\s*(?P<loc>{_LOCATOR}|{_BARE_PAGE_LIST})"
    rf"\s*\.?$"
)  # a roman volume may follow the short title ("Zugazagoitia, Guerra, I, pp. 189-202")
# "Roe, “Short Title, with Commas,” 60.": a quoted short title may hold commas
_SURNAME_QUOTED_TITLE_PAGES = re.compile(
    rf"^(?P<body>{_SHORT_AUTHORS},\s*[“\"‘][^“”\"()]{{1,200}}?[”\"’]),?\s*"
    rf"{_SHORT_FORM_PAGES_END}"
)
#: The same, its pages perhaps left out, as a cue in brackets gives it: "(see Roe, “Short Title”)"
_SURNAME_QUOTED_TITLE_MAYBE_PAGES = re.compile(
    rf"^(?P<body>{_SHORT_AUTHORS},\s*[“‘][^“”‘’()]{{1,200}}?[”’])(?:,?\s*(?P<loc>{_LOCATOR}|(?!{_YEAR}\b){_BARE_PAGES_NOTE}))?"
    rf"\s*\.?$"
)
# "Pryme's “Recollections,” p. 114.", "Timbs' “Anecdotal Biography,” vol. i. p. 234.": a possessive author and a
# quoted short title (nineteenth-century notes)
#: A name (up to four words) and its possessive, as a work named by its author's opens: "John Adams's ", "Timbs' ".
POSSESSIVE_NAME = r"[A-ZÀ-ÖØ-Þ][\w.-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w.-]*){0,3}(?:[’']s|(?<=s)[’'])\s+"
#: A work named by its author's possessive before its title and imprint: "David West’s Reading Horace (".
POSSESSIVE_OPENING = re.compile(rf"{POSSESSIVE_NAME}[A-ZÀ-ÖØ-Þ][^()]*\(")
_POSSESSIVE_QUOTED_TITLE_PAGES = re.compile(
    rf"^(?P<body>(?:[A-Z][\w.’'-]*\s+){{0,3}}[A-Z][\w’'-]*?(?:[’']s|s[’'])\s+[“\"‘][^“”\"()]{{1,200}}?[”\"’]),?\s*"
    rf"(?P<loc>{_LOCATOR}|(?!{_YEAR}\b){_BARE_PAGES})\s*\.?$"
)
# An inverted personal name opening a citation: "Smith, John A.", "Holm, L.", "van Dyke, Ann".
# Used with .match at a word's start; the look-behind keeps a search from re-reading one long word.
_INVERTED_FAMILY = (
    r"(?<![\w’'-])(?:(?:van|von|de|du|da|di|le|la|del|della|ter|ten)\s+)?[A-Z][\w’'-]+(?:[ -][A-Z][\w’'-]+)?"
)
_INVERTED_NAME = re.compile(
    rf"{_INVERTED_FAMILY},\s+(?P<given>(?:[A-Z]\.){{2,}}|[A-Z][\w’'-]*\.?)(?:[ -]+(?:[A-Z][a-z’'-]+|(?:[A-Z]\.)+))*"
)
_INVERTED_HEAD = re.compile(rf"{_INVERTED_FAMILY},\s+")
_STOPPED_INITIALS = re.compile(r"(?:[A-Z]\.-?)+")  # "G.", "E.C.", "J.-P."
_MAX_GIVEN = 4


@dataclass(frozen=True)
class TitleOnly:
    """A work a note cites by its title alone, as an online encyclopedia's notes give a linked page ("3. ^ Storia
    di Milano."): the title is all there is to read."""

    title: str

    def spans(self) -> list[tuple[str, str]]:
        return [("title", self.title)]


@dataclass(frozen=True)
class RawCitation:
    """A citation cut out of a note, not yet parsed.

    ``body`` is what the field labeller sees: the citation without prefix,
    locator and suffix, with ``author_hint`` prepended when the author stood in
    the prose.
    """

    body: str
    prefix: str = ""
    locator: str = ""
    suffix: str = ""
    author_hint: str = ""
    short_form: bool = False
    ibid: bool = False
    parenthetical: bool = False
    #: a letter or file in an archive, a case or a statute, a dated source: its fields read by its shape, so the
    #: field labeller is not asked
    shaped: ArchivalParts | LegalParts | DatedSource | ClassicalParts | DebatesParts | TitleOnly | None = None


#: A chapter's own range runs to this many pages at least; a shorter range after one is the cited passage.
_CHAPTER_PAGES = 8


def _pages_spanned(pages: str) -> int:
    """Pages in a range, its abbreviated end written out ("159–80": 22)."""
    first, last = re.split(r"\s*[-–]\s*", pages)
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return int(last) - int(first) + 1


@memo(None)
def _in_edited_book() -> re.Pattern[str]:
    """ "…’, in J. Roe (ed.), Title" / "in: Roe (Hrsg.)": a chapter in an edited book (the editors' markers of
    ``data/name_roles.tsv``), whose page range after the imprint is the chapter's own."""
    markers = sorted((m for m, role in _data.name_roles() if role == "editor"), key=len, reverse=True)
    alternatives = "|".join(re.escape(marker) for marker in markers)
    pattern = rf"(?:^|[\s,’”'\"])in:?\s[^;]{{0,120}}?(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])"
    return re.compile(pattern, re.IGNORECASE)


def in_edited_book(text: str) -> bool:
    """``text`` names a chapter's edited book: "…’, in J. Roe (ed.), Title"."""
    return bool(_in_edited_book().search(text))


@memo(None)
def _cues() -> tuple[str, ...]:
    """The cues of ``citation_cues.txt`` and the splitter's own, longest first (the models read only the first)."""
    cues = _data.word_list("citation_cues.txt") + _data.word_list("citation_cues_splitter_only.txt")
    return tuple(sorted(cues, key=len, reverse=True))


@memo(None)
def _cue_set() -> frozenset[str]:
    return frozenset(_cues())


@memo(None)
def _cue_endings() -> tuple[str, ...]:
    """" see", " quoted in" …: a text ending with one ends with a cue word (one str.endswith call)."""
    return tuple(" " + cue for cue in _cues())


_BRACKET = re.compile(r"[()\[\]]")


def _depths(text: str) -> list[int]:
    """Bracket depth at each character, so splits happen only at the top level.

    Built run by run between brackets (found by one regex scan), not character by
    character: notes are mostly text between a few brackets.
    """
    depth, depths, done = 0, [], 0
    for match in _BRACKET.finditer(text):
        bracket = match.start()
        depths.extend([depth] * (bracket - done))
        if text[bracket] in "([":
            depth += 1
        depths.append(depth)
        if text[bracket] in ")]" and depth:
            depth -= 1
        done = bracket + 1
    depths.extend([depth] * (len(text) - done))
    return depths


def paren_groups(text: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level bracket group, end exclusive."""
    groups, depth, start = [], 0, 0
    for match in _BRACKET.finditer(text):
        index = match.start()
        if text[index] in "([":
            if depth == 0:
                start = index
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                groups.append((start, index + 1))
    return groups


def _is_word(token: str) -> bool:
    return bool(token) and token[0].isupper() and any(map(str.isalpha, token))


_INITIAL = re.compile(r"(?:[A-Z][a-z]?\.-?){1,4}")


def _is_initial(token: str) -> bool:
    return bool(_INITIAL.fullmatch(token))


#: Initials written without stops, as the sciences' lists write them ("Roe A,", "Lee JD."): one to three capitals.
_BARE_INITIALS = re.compile(r"[A-Z]{1,3}")


def _person_length(tokens: list[str]) -> int:
    """Number of tokens from the start that form a personal name (0 if none)."""
    prose = _data.lower_set("prose_words.txt")
    if family_first := _family_then_stopped_initials(tokens):
        return family_first
    particles = _data.name_words()
    count, surnames = 0, 0
    for index, token in enumerate(tokens[:6]):
        bare = token.rstrip(",;:")
        folded = bare.casefold()
        if count == 0 and (folded in prose or folded in _cue_set()):
            return 0
        closing = bare != token.rstrip(".") or index == len(tokens) - 1  # punctuation or the text's end follows
        if _is_initial(bare) or (bare in particles and count):
            pass
        elif surnames and closing and _BARE_INITIALS.fullmatch(bare.rstrip(".")):
            pass  # "Reader A,": initials after the family name, not the article "A"
        elif _is_word(bare) and folded not in prose:
            surnames += 1
        else:
            break
        count += 1
        if bare != token or (count >= 2 and token.endswith(".") and not _is_initial(token)
                             and folded.rstrip(".") not in _data.abbreviations("not-a-sentence-end")):
            break  # a comma, or a full stop after a whole word ("Ann Roe. Title"; not "Col."), ends the name
    if count < 2 or surnames == 0 or not _is_word(tokens[count - 1].rstrip(",;:")):
        return 0
    return count


def _family_then_stopped_initials(tokens: list[str]) -> int:
    """"Roe M.E. Harbours and Docks …", as a scrape of a publisher's reference markup runs a family name, its
    initials and the title together: the name is the family name and its initials (2 tokens, or more for spaced
    initials) when the first word is no first name and a common word follows the initials; else 0."""
    first = tokens[0] if len(tokens) >= 3 else ""
    if not first[-1:].isalpha() or not _is_word(first) or first.casefold() in _data.first_names():
        return 0
    after = 1
    while after < min(len(tokens), 4) and _STOPPED_INITIALS.fullmatch(tokens[after]):
        after += 1
    if after == 1 or after == len(tokens):
        return 0
    following = tokens[after].rstrip(",;:.")
    common = (len(following) > 2 and following[:1].isupper()
              and following.casefold() in _data.lower_set("english_common_words.txt"))
    return after if common else 0


#: The words names_end reads two names joined by, as one run of names ("Ann Roe and Bob Poe", "Roe H. et Poe M.";
#: ``data/and_words.txt``).
NAME_JOINERS = _data.word_list("and_words.txt")


class _Words:
    """The space-separated tokens of a text, for reading names from any offset.

    Each name chain ("Ann Roe and Bob Poe and …") is followed once: the end it
    reaches is remembered for every token on the way, so asking again from any
    later offset costs nothing (linear, not quadratic, on long runs of names).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = list(accumulate([len(token) + 1 for token in text.split(" ")[:-1]], initial=0))
        self.chains: dict[int, int] = {}

    def _end(self, index: int) -> int:
        """Offset just after token ``index``."""
        return self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)

    def _token(self, index: int) -> str:
        return self.text[self.starts[index] : self._end(index)]

    def _tokens(self, first: int, count: int) -> list[str]:
        """Tokens ``first`` to ``first + count - 1`` (fewer at the text's end), cut by one split."""
        last = min(first + count, len(self.starts)) - 1
        return self.text[self.starts[first] : self._end(last)].split(" ") if last >= first else []

    def _name_end(self, last: str, end: int) -> int:
        return end - (len(last) - len(last.rstrip(",;:")))

    def _chain(self, index: int, end: int) -> int:
        """End of the names from token ``index`` on (after an "and"), given ``end`` so far; 0 if one fails."""
        visited = []
        while index not in self.chains:
            if index >= len(self.starts):
                break
            tokens = self._tokens(index, 6)
            length = _person_length(tokens)
            if not length:
                end = 0
                break
            visited.append(index)
            end = self._name_end(tokens[length - 1], self._end(index + length - 1))
            index += length
            if not self._joins_names(index):
                break
            index += 1
        else:
            end = self.chains[index]
        for seen in visited:
            self.chains[seen] = end
        return end

    def names_end(self, position: int) -> int:
        """End (relative to ``position``) of one or more personal names starting there, or 0."""
        space = self.text.find(" ", position)
        first_end = len(self.text) if space == -1 else space
        after = bisect.bisect_left(self.starts, first_end + 1)  # the global token after the first
        tokens = [self.text[position:first_end], *self._tokens(after, 5)]
        length = _person_length(tokens)
        if not length:
            return 0
        last_end = first_end if length == 1 else self._end(after + length - 2)
        end = self._name_end(tokens[length - 1], last_end)
        following = after + length - 1
        if self._joins_names(following):
            end = self._chain(following + 1, end)
        return end - position if end else 0

    def _joins_names(self, index: int) -> bool:
        """The token at ``index`` joins two names ("and", "&", "et": ``data/and_words.txt``), but not the "et"
        of "et al.", after which no name comes."""
        if index >= len(self.starts) or self._token(index) not in NAME_JOINERS:
            return False
        return not (self._token(index) == "et" and index + 1 < len(self.starts)
                    and self._token(index + 1).startswith("al"))


def names_end(text: str) -> int:
    """End offset of one or more personal names at the start of ``text``, or 0."""
    return _Words(text).names_end(0)


# Used with .match right after a name; the look-behind keeps a search from re-reading whitespace runs.
_FOLLOWERS = re.compile(r"(?<!\s)(?:,|\s*\((?:ed|eds|hrsg|dir)\b|\s+in\s+(?=[A-Z“‘\"'])|\s+eds?\.,?\s|\s+eds,?\s"
                        r"|(?<=[A-Z]\.)\s+(?=[A-Z][a-z]))")  # "Roe M.E. Harbours": initials after the family name
#: After an inverted name: a comma, or the editor's role ("Roe, A. M. (ed.), Title").
_AFTER_INVERTED = re.compile(r"\.?,\s|\s*\((?:eds?|hrsg|dir)\b")
#: A family name alone before the editor's role, its forenames lost by the page ("Roe, (ed.), Title").
_FAMILY_THEN_ROLE = re.compile(r"[A-Z][^\W\d_]+(?:[-'’][A-Z][^\W\d_]+)?,?\s*\((?:eds?|hrsg|dir)\.?\),?\s")


def _inverted_end(text: str, position: int = 0) -> int:
    """End (relative to ``position``) of an inverted name ("Smith, John A.") starting there, or 0.

    The given part must be an initial or a known first name, so that a short
    form "Author, Short Title" is not taken for one.
    """
    match = _INVERTED_NAME.match(text, position)
    if not match:
        return 0
    names = _data.first_names()
    given = text[match.start("given") : match.end()]
    for token in re.split(r"[ -]+", given):
        if not (_is_initial(token) or re.fullmatch(r"(?:[A-Z]\.)+", token) or token.rstrip(".").casefold() in names):
            return 0
    return match.end() - position


def closed_inverted_end(text: str) -> int:
    """End of an inverted personal name closed by a full stop that opens ``text``, as a bibliography's entries
    open ("Roe, Ann. Title …", "Roe, Ann B. Title …", "Goethe, Johann Wolfgang von. Title …"), or 0.

    Each given name must be an initial, a known first name or (after one) a particle; the name ends at the
    first full name with a stop, or at an initial with a stop that no given name follows.
    """
    head = _INVERTED_HEAD.match(text)
    if not head:
        return 0
    names, particles = _data.first_names(), _data.name_words()
    closed = 0
    for given, token in enumerate(re.finditer(r"\S+", text[head.end() :]), start=1):
        word = token.group()
        bare = word.rstrip(".")
        initial = _is_initial(word) or bool(_STOPPED_INITIALS.fullmatch(word))
        if not (initial or (bare[:1].isupper() and bare.casefold() in names) or (given > 1 and bare in particles)):
            return closed
        if given > _MAX_GIVEN:
            return 0
        closed = 0
        if word.endswith("."):
            closed = head.end() + token.end()
            if not initial:
                return closed
    return 0  # the text ends inside the name: nothing after it to be the entry


def inverted_author_end(text: str) -> int:
    """End of an inverted personal name opening ``text`` and closed by a stop or a comma ("Roe, Ann. Title",
    "Del Rey, Lester. Title", "Della Roe, Ann, “Title”"), or 0."""
    if closed := closed_inverted_end(text):
        return closed
    end = _inverted_end(text)
    if end and _AFTER_INVERTED.match(text, end):
        return end
    before_quote = _INVERTED_BEFORE_QUOTE.match(text)  # "Ottmann, Henning ‘Hegels …’": given names, then the title
    return before_quote.end("names") if before_quote else 0


#: An inverted name whose given names (capitalised words or initials, whatever their spelling) run straight into
#: a quoted title, as a scrape that lost the comma writes it: "Ottmann, Henning ‘Hegels Rechtsphilosophie …’".
_INVERTED_BEFORE_QUOTE = re.compile(
    rf"(?P<names>{_INVERTED_FAMILY},\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){{0,2}})\s+[‘“]"
)


_GAP = re.compile(r"(?:[,;:.]\s+|\s+)")


_SHORT_CUE = 2  # "in", "cf": a cue this short is read as one only where names follow it
_INITIALS_GIVEN = re.compile(r",\s+(?:[A-Z]\.\s*)+,?$")  # an inverted name's given names all initials
_CUE_WITH_WORDS = 80  # a cue and the words it takes are read in the text's first characters


class _Starts:
    """Where citations may begin in one text: every top-level gap after punctuation or a cue word.

    Whether a citation starts at an offset does not depend on where the search
    began, so each offset is judged once and the next good one is remembered:
    searching from every semicolon of a long note stays linear.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = _Words(text)
        self.cue_reach = max(map(len, _cues()), default=0) + 1
        self.cue_ends: dict[int, int] = {}
        self.starting: dict[int, bool] = {}
        self.next_good: dict[int, int | None] = {}

    @cached_property
    def gaps(self) -> list[tuple[int, int, bool]]:
        """(start, end, after punctuation) of each top-level gap; read only when the text's start is not one."""
        depths = _depths(self.text)
        return [(m.start(), m.end(), self.text[m.start()] in ",;:.") for m in _GAP.finditer(self.text)
                if not depths[m.start()]]

    @cached_property
    def gap_starts(self) -> list[int]:
        """The gaps' start offsets, for bisecting."""
        return [start for start, _, _ in self.gaps]

    def starts_citation(self, position: int) -> bool:
        if position not in self.starting:
            self.starting[position] = self._starts_citation(position)
        return self.starting[position]

    def _starts_citation(self, position: int) -> bool:
        text = self.text
        if position >= len(text):
            return False
        if text[position] in OPEN_QUOTES or SHORT_FORM.match(text, position):
            return True
        end = self.words.names_end(position)
        if end and _FOLLOWERS.match(text, position + end):
            return True
        # "…, among other works, Greenblatt, Stephen, Hamlet …": after the author's words and a comma or colon ("For
        # example: Roe, Ann B., Title"; not after a title's colon, "Moho: Bodin, T., …", nor in a list of names,
        # "Bodin, T., Salmon, M., …")
        # or right after a cue and the words it takes ("… asked before: see, e.g. Roe, A. B., Title …"; after "in", a
        # name given with initials: "made in Roe, A., Title", not "the war in Spain, Hugh Lane, Title")
        inverted = _inverted_end(text, position)
        if not inverted or not _AFTER_INVERTED.match(text, position + inverted):
            return False
        word_before = _WORD_AND_COMMA.search(text, max(0, position - _LONGEST_WORD), position)
        if word_before and word_before[1][:1].islower():
            return True
        cue = self._cue_ends_before(position)
        return cue > _SHORT_CUE or (cue > 0 and bool(_INITIALS_GIVEN.search(text, position, position + inverted)))

    def _cue_ends_before(self, position: int) -> int:
        """The length of a cue and the words it takes that open the text or follow one of its gaps and end right
        before ``position`` (the longest), or 0."""
        first = bisect.bisect_left(self.gap_starts, position - _CUE_WITH_WORDS)
        opening = [0, *(end for _, end, _ in self.gaps[first:] if end < position)]
        return max((cue for begin in opening
                    if (cue := self.cue_end(begin)) and not self.text[begin + cue : position].strip()), default=0)

    def _initials_after_prose(self, gap_start: int, position: int) -> bool:
        """A name given with initials right after a word of the author's in lower case, its reference's bracketed
        imprint further on ("What I know of the docks comes from G. Roe, Harbour Towns (Leeds, 1940)", a
        bibliographic essay's sentence): the reference begins at the name, as after a cue."""
        if _INITIALS_OPEN.match(self.text, position) is None:  # (read at every gap: the rarest test first)
            return False
        word = _WORD_BEFORE.search(self.text, max(0, gap_start - _LONGEST_WORD), gap_start)
        if word is None or not word[1].islower() or len(word[1]) < 2:
            return False
        if word[1] in NAME_JOINERS and self.text[: word.start()].rstrip()[-1:].isalpha():
            return False  # "Roe and J. Poe, …": one list of names; not "… (Leeds, 1965) and J. Poe, …"
        return _anchor_end(self.text, position) is not None

    def _titled_work(self, begin: int, gap_start: int, position: int) -> bool:
        """A work cited by its title after a cue that sends the reader to it ("see", "cf.", not "in" nor
        "reprinted in", which a place or a reprint follows): a capital, and the imprint's bracketed year further
        on ("see Documents on Foreign Policy, vol. XIII (HMSO, 1973)")."""
        return (self.text[position : position + 1].isupper() and self._after_cue(begin, gap_start)
                and not self.text[:gap_start].casefold().endswith("in")
                and _anchor_end(self.text, position) is not None)

    def _after_cue(self, begin: int, gap_start: int) -> bool:
        """The text from ``begin`` to a gap ends with a cue word ("see", "quoted in"), or is a cue and the words it
        takes ("See also her ‘Title’", "See, e.g., Title")."""
        before = self.text[max(begin, gap_start - self.cue_reach) : gap_start].casefold()
        whole = gap_start - begin < self.cue_reach
        if before.endswith(_cue_endings()) or (whole and before in _cue_set()):
            return True
        # the cue and its words end where the gap starts, or with the gap's comma ("See, for example, Roe, …")
        cue = self.cue_end(begin)
        return cue > 0 and cue - (gap_start - begin) in (0, 1)

    def cue_end(self, begin: int) -> int:
        """Where the cue and the words it takes that open the text at ``begin`` end (relative), or 0; read once."""
        if begin not in self.cue_ends:
            self.cue_ends[begin] = leading_cue(self.text[begin : begin + _CUE_WITH_WORDS])
        return self.cue_ends[begin]

    def _good_from(self, index: int) -> int | None:
        """The first gap from ``index`` on (read from the text's start) after which a citation starts."""
        visited = []
        found: int | None = None
        while index < len(self.gaps):
            if index in self.next_good:
                found = self.next_good[index]
                break
            visited.append(index)
            start, end, punctuated = self.gaps[index]
            if (punctuated or self._after_cue(0, start) or self._initials_after_prose(start, end)) and (
                    self.starts_citation(end)):
                found = end
                break
            if self._titled_work(0, start, end):
                found = end
                break
            index += 1
        for seen in visited:
            self.next_good[seen] = found
        return found

    def citation_start(self, begin: int = 0) -> int | None:
        """Offset where the citation begins in the text from ``begin`` (a top-level offset), or None."""
        inverted = _inverted_end(self.text, begin)
        if inverted and _AFTER_INVERTED.match(self.text, begin + inverted):
            return begin
        if _FAMILY_THEN_ROLE.match(self.text, begin):
            return begin
        if self.starts_citation(begin):
            return begin
        if joined := _AND_BEFORE_QUOTE.match(self.text, begin):
            return joined.end()  # "and ‘Title’, in Roe (ed.), …": a second work by the author named before
        index = bisect.bisect_left(self.gap_starts, begin)
        # near ``begin`` a cue word is read from ``begin``, not from the text's start
        reach = max(self.cue_reach, self.cue_end(begin) + 1)  # a cue's words ("See, for example,") reach further
        while index < len(self.gaps) and self.gaps[index][0] < begin + reach:
            start, end, punctuated = self.gaps[index]
            if (punctuated or self._after_cue(begin, start) or self._initials_after_prose(start, end)) and (
                    self.starts_citation(end)):
                return end
            if self._titled_work(begin, start, end):
                return end
            index += 1
        return self._good_from(index)


_WORD_BEFORE = re.compile(r"(\w+)$")  # the word that ends right before a gap
#: "G. Roe,", "A.B. Poe,", "Ann B. Roe,": a name with its initials (a given name before them perhaps), and its comma
_INITIALS_OPEN = re.compile(r"(?:[A-Z][a-z]+\s)?(?:[A-Z]\.\s?){1,3}[A-Z][^\W\d_]+(?:[-’'][A-Z][^\W\d_]+)?,")
_AND_BEFORE_QUOTE = re.compile(rf"(?:{_data.alternation('and_words.txt')})\s+(?=[“‘\"'])")
_WORD_AND_COMMA = re.compile(r"(\S+)[,:]\s*$")  # the word and its comma (or colon) just before an offset
_LONGEST_WORD = 40


def _citation_start(text: str) -> int | None:
    """Offset where the citation begins in a chunk (after any prose), or None; a name found at its second
    initial ("… some examples are H. | E. Roe, Title") begins at its first ("H. E. Roe, Title")."""
    start = _Starts(text).citation_start()
    if not start or not (text[start : start + 1].isupper() and text[start + 1 : start + 2] == "."):
        return start
    initials = _INITIALS_BEFORE.search(text, max(0, start - _INITIALS_REACH), start)
    return initials.start() if initials else start


#: Initials right before an offset, after a space or the text's start ("… are H. " before "E. Roe"): three at most
_INITIALS_BEFORE = re.compile(r"(?<!\S)(?:[A-Z]\.\s?){1,3}$")
_INITIALS_REACH = 9


_YEAR_WORD = re.compile(rf"\b{_YEAR}\b")


#: A bracket closing on a span of years, as titles give the years they cover: "(1848-1852)", "(tome II,
#: 1848-1879)"; with a year after it, it is no imprint.
_YEAR_SPAN = re.compile(rf"[(\[][^()\[\]]*?{_YEAR}\s*[-–]\s*(?:{_YEAR}|\d\d)\s*[)\]]")

#: A year alone in brackets, then a volume, a journal's words and its first page, as law journals cite an article
#: ("“Title” (1996) 112 L.Q.R. 22", "(1995) 3 Journal of Law and Medicine 112"): the imprint ends at that page.
_YEAR_ALONE = re.compile(rf"[(\[]{_YEAR}[)\]]")
_JOURNAL_PAGE_WORDS = r"\s+(?:[A-Z][\w'’&.]*|of|and|the|&)(?:\s+(?:[A-Z][\w'’&.]*|of|and|the|&)){0,7}\s+[A-Z]?\d{1,5}\b"
_VOLUME_JOURNAL_PAGE = re.compile(rf"\s+\d{{1,4}}{_JOURNAL_PAGE_WORDS}")
#: A year in square brackets is the volume itself ("[1999] Camb. L.J. 87")
_JOURNAL_PAGE = re.compile(_JOURNAL_PAGE_WORDS)


def law_journal_end(text: str, begin: int, end: int) -> int | None:
    """Where a law journal's article ends, its first page, when ``text[begin:end]`` is a year alone in brackets
    followed by a volume (none after square brackets), the journal's words and that page; else None."""
    if not _YEAR_ALONE.fullmatch(text, begin, end):
        return None
    article = _VOLUME_JOURNAL_PAGE.match(text, end) or (_JOURNAL_PAGE.match(text, end) if text[begin] == "[" else None)
    return article.end() if article else None


def _anchor_end(text: str, start: int) -> int | None:
    """End of the citation's imprint after ``start``: a bracketed year or a comma imprint. A bracketed span of
    years with a year after it is part of the title ("Roe, La République (1848-1852), Paris, Seuil, 1992")."""
    for begin, end in paren_groups(text):
        # searched in place, not in a slice: the group's edges are brackets, so \b reads the same
        if begin >= start and _YEAR_WORD.search(text, begin, end):
            if _YEAR_SPAN.fullmatch(text, begin, end) and _YEAR_WORD.search(text, end):
                continue  # the imprint's year comes later
            return law_journal_end(text, begin, end) or end
    match = _COMMA_IMPRINT.search(text, start)
    if match:
        return match.end()
    if _SENTENCE_STOP.search(text, 0, start):
        return None  # after a sentence of the reference ("Roe. Title. Proceedings of …, Munich, Germany, 2010")
    for place_year in _COMMA_PLACE_YEAR.finditer(text, start):
        if is_known_place(place_year["place"]):
            return place_year.end()  # "…, London, 1924, pp. 21-34": an older note's imprint, place and year only
    return None


#: ", London, 1924" closing a title: a place and a year between commas (the place checked against the gazetteer)
_COMMA_PLACE_YEAR = re.compile(rf",\s*(?P<place>[A-ZÀ-Þ][^\W\d_]+(?:[ -][A-ZÀ-Þ][^\W\d_]+)?),\s*{_YEAR}\b(?![-–]\d)")


# The period comes before the look-behinds that qualify it: every match starts with ";" or ".", so
# the search skips straight to those characters instead of trying four look-behinds everywhere. A stop and an
# em dash (".—") after a page, a year or a bracket part an older note's works ("Roe, Quays, t. I, p. 72.—Poe,
# Docks, p. 9."; after words it may part the author's sentence from a work, or a title from its journal); the
# dash goes with neither.
#: a lower-case roman page before the stop ("… Grain Trade, xxiv. Roe noted …"), one look-behind per length; two
#: letters at least ("Roe v. Poe" is a case, "c. 1850" a date)
_ROMAN_PAGE_BEHIND = "|".join(rf"(?<=\s[ivxlc]{{{n}}}\.)" for n in range(2, 6))
_CHUNK_BOUNDARY = re.compile(
    rf"(?:;(?:\s+|(?=[A-Z]))|\.(?:(?<=\)\.)|(?<=\d\.)|(?<=\d\s\.)|(?<=\bibid\.)|(?<=\bIbid\.)|{_ROMAN_PAGE_BEHIND})"
    rf"\s+(?=[A-Z{OPEN_QUOTES}])|(?P<quoted>\.[”\"’]\s+(?=[A-Z]))|(?<=[\d)])\.—\s*(?=[A-Z{OPEN_QUOTES}]))"
)
#: The author's words opening a sentence: two words in lower case of four letters or more before its first comma
#: ("On the harbour trade at large, see …"), as a journal's or a book's capitalised name has none
_PROSE_OPENING = re.compile(r"[^,;:.()]*?\b[a-z]{4,}\b[^,;:.()]*?\b[a-z]{4,}\b")


#: A title in curly quotation marks: “…”, or ‘…’ opened before a word and closed before no letter (an apostrophe,
#: "Churchill’s", closes nothing); no bracket inside, as an imprint has (a quote mark left open runs on).
_QUOTED_TITLE = re.compile(r"“[^“”()]{1,300}”|(?<!\w)‘(?=\w)[^‘()]{1,300}?’(?!\w)")


#: A title in straight single quotation marks, closed before no letter ("'Great history, little England',"; the
#: apostrophe of "Britain's" closes nothing).
_STRAIGHT_QUOTED_TITLE = re.compile(r"(?<!\w)'(?=\w)[^']{1,300}?(?<=[\w.?!])'(?!\w)")


def _chunks(text: str) -> list[str]:
    """Cut at top-level semicolons (also one glued to a capital, where a scrape lost the space:
    "pp. 237-38;Verity Burgmann") and at sentence ends that close a citation."""
    depths = _depths(text)
    starts: _Starts | None = None  # built at the first top-level semicolon: most notes have none
    cuts = [0]
    quoted: list[tuple[int, int]] | None = None  # found at the first boundary: most notes have none
    for match in _CHUNK_BOUNDARY.finditer(text):
        if depths[match.start()]:
            continue
        if match["quoted"] and not _PROSE_OPENING.match(text, match.end()):
            continue  # "Roe, “Docks.” Harbour Review 5": a quoted title's own period ("… On the trade …, see": an end)
        if text[match.start() - 1 : match.start()].isdigit() and _edition_word(text, match.end()):
            continue  # "9. Aufl. 2003": an edition's number, not a sentence's end
        if match.group().startswith(".") and _title_years_then_subtitle(text, cuts[-1], match.start(), match.end()):
            continue  # "Roe H., The Quays 1721-1740. A Study of …, Leeds, Tide, 1986": the title's years
        quoted = quoted if quoted is not None else [m.span() for m in _QUOTED_TITLE.finditer(text)]
        if (text[match.end() : match.end() + 1].islower() and not leading_cue(text[match.end() :])
                and any(begin < match.start() < end for begin, end in quoted)):
            continue  # "‘The Hijacking of a Pact; the Formation of …’": inside a quoted title, which goes on
        if _inside_double_quotes(text, match.start()):
            continue  # "“Lean Years (1650–1690); Some Later Studies,”": curly quotes say where a title ends
        if match.group().startswith(";") and (starts := starts or _Starts(text)).citation_start(match.end()) is None:
            # a short form ("Roe, Short Title, 60") up to the next semicolon is a citation too
            stop = text.find(";", match.end())
            while stop != -1 and depths[stop]:
                stop = text.find(";", stop + 1)
            following = text[match.end() : stop if stop != -1 else len(text)].strip()
            if remark := _REMARK_AFTER_PAGES.search(following):  # "Roe, Title, 9 (second quotation)"
                following = following[: remark.start()]
            before = text[cuts[-1] : match.start()]
            if (_surname_short_form(following) is None and _cued_pages(following) is None
                    and not _TITLE_AND_IMPRINT.fullmatch(following)
                    and archival_parts(following) is None
                    and legal_parts(following) is None and dated_sources(before) is None
                    and debates_parts(before) is None and debates_parts(following) is None
                    and dated_sources(following) is None and classical_parts(before) is None
                    and classical_parts(following[leading_cue(following) :]) is None):
                continue
        cuts.append(match.end())
    # a piece cut off by a boundary ends in its punctuation; only the stop and em dash leave a dash, which goes
    pieces = [text[a:b].strip().removesuffix("—") for a, b in pairwise(cuts)]
    pieces.append(text[cuts[-1] :].strip())
    return [piece for piece in pieces if piece]


#: A book named by its title and its bracketed imprint alone after a semicolon ("…; Grain and Empire (Leeds: Tide,
#: 1938)", "…; and Quays (Leeds, 1940)."): the same author's next work, which the notes reader gives that author
_TITLE_AND_IMPRINT = re.compile(
    rf"(?:(?:{_data.alternation('and_words.txt')})\s+)?[A-Z][^;()]{{2,200}}\s\([^()]{{0,80}}\b{_YEAR}\)[.,]?")
_QUOTE_REACH = 300  # characters: a quoted title is no longer (as _QUOTED_TITLE reads one)

#: A title's year or span of years closing its sentence right after a word ("The Quays 1721-1740.", "Since
#: 1870."; an imprint's year follows a comma: "London, 1990.")
_YEARS_CLOSING = re.compile(rf"(?<=[^\W\d_])\s+{_YEAR}(?:\s*[-–]\s*\d{{2,4}})?$")


def _title_years_then_subtitle(text: str, begin: int, stop: int, after: int) -> bool:
    """A period after the years that close a title, not a citation ("Roe H., The Quays 1721-1740. A Study
    of …, Leeds, Tide, 1986;"): no other year before it since the last cut, and the sentence after it, to the
    next semicolon, dated: the imprint is still to come, so the words after the period are the subtitle."""
    before = text[begin:stop]
    span = _YEARS_CLOSING.search(before)
    if span is None or _YEAR_WORD.search(before, 0, span.start()):
        return False
    word = before[: span.start()].split()[-1:]
    if word and (word[0].casefold() in _data.months() or word[0].casefold() in _data.place_words()):
        return False  # "…, April 1962. …", "… Leipzig 1984. …": a date, an imprint's place and year
    end = text.find(";", after)
    following = text[after : end if end != -1 else len(text)].lstrip()
    # not "… 1721-1740. Moe, The Docks, 1990", "… 1984. Vgl. auch …": a second citation
    return (bool(_YEAR_WORD.search(following)) and not following.startswith(tuple(OPEN_QUOTES))
            and not names_end(following) and not leading_cue(following))


def _inside_double_quotes(text: str, at: int) -> bool:
    """``at`` is inside a title in curly double quotes: a “ opens before it and its ” closes after it, no other
    curly double quote between (they say which way they face, as straight and single quotes do not)."""
    before = text[max(0, at - _QUOTE_REACH) : at]
    after = text[at : at + _QUOTE_REACH]
    opened = max(before.rfind("“"), before.rfind("”"))
    closes = min((i for i in (after.find("“"), after.find("”")) if i != -1), default=-1)
    return opened != -1 and before[opened] == "“" and closes != -1 and after[closes] == "”"


def _edition_word(text: str, start: int) -> bool:
    """The word at ``start`` names an edition ("Aufl.", "Auflage", "edn": the labeller's edition keywords)."""
    word = re.match(r"[^\W\d_]+", text[start:])
    return bool(word and _data.labeller_keyword("edition").match(word.group()))


def _embedded(chunk: str) -> tuple[int, int, re.Match[str]] | None:
    """A parenthesis that holds a whole citation inside prose."""
    for begin, end in paren_groups(chunk):
        if begin == 0:
            continue
        match = _EMBEDDED.match(chunk[begin + 1 : end - 1])
        if match and len(match.group("head").split()) >= 3:
            return begin, end, match
    return None


def _own_imprint(chunk: str, start: int | None, anchor: int | None, embedded: tuple[int, int, re.Match[str]]) -> bool:
    """The brackets that seemed to hold a whole citation close the imprint of the one that starts before them
    with its author ("Thomas Hobbes, Leviathan (1651; repr., Indianapolis, IN: Bobbs, 1958)"): no name opens
    them."""
    begin, end, _ = embedded
    return (start is not None and start < begin and anchor == end and bool(leading_author_end(chunk[start:]))
            and not names_end(chunk[begin + 1 : end]))


def _leading_name(prose: str) -> str:
    """A personal name that opens the prose ("Jane Roe argues …"), or ''."""
    end = names_end(prose)
    if not end:
        return ""
    rest = prose[end:]
    return prose[:end].rstrip(",") if re.match(r"^\s+[a-z]", rest) else ""


#: the page cited in brackets after the work's own pages, as Taylor & Francis print a note's reference ("Harbour
#: Review 1982 73 337 342 (p. 341)", "…, 14–31 (pp. 16–17).")
_BRACKETED_CITED_PAGES = re.compile(r"(?<=\d)\s+\((?P<loc>pp?\.\s*\d+(?:\s*[-–]\s*\d+)?)\)\s*[.;]?\s*$")


#: The pages cited right after a book's title and before its bracketed imprint, as the Bluebook cites a book:
#: "Title 41, 42 (Leeds Press 2007)", a publisher's words and the year with no comma between them.
_PIN_BEFORE_IMPRINT = re.compile(
    r"(?<=[^\W\d_]) (?P<loc>\d{1,3}(?:[-–]\d{1,3})?(?:, \d{1,3}(?:[-–]\d{1,3})?)*)"
    rf" \((?P<imprint>[^\W\d_][^(),]* [^(),]*[^\W\d_]) {_YEAR}\)$"
)


def _pin_before_imprint(body: str) -> re.Match[str] | None:
    """:data:`_PIN_BEFORE_IMPRINT` in ``body`` (two words at least before the year: not a journal issue's "Review 12
    (Fall 1990)"), unless the word before the number names a volume, part or chapter ("Part 2")."""
    pin = _PIN_BEFORE_IMPRINT.search(body)
    if pin is None:
        return None
    word = body[: pin.start()].rsplit(None, 1)[-1].casefold().rstrip(".")
    return None if word in _data.lower_set("locator_words.txt") or word == "part" else pin


def cited_pages_in_brackets(body: str) -> tuple[str, str] | None:
    """(the body, the page cited) where the body ends on the page cited in brackets after the work's own
    pages ("Harbour Review 1982 73 337 342 (p. 341)"), else None."""
    bracketed = _BRACKETED_CITED_PAGES.search(body)
    return (body[: bracketed.start()].rstrip(" ,;."), bracketed.group("loc")) if bracketed else None


def split_locator(body: str) -> tuple[str, str]:
    """The body and its closing locator ("…, vol. ii. p. 76", "…, pp. 45–6", "… 337 342 (p. 341)"), or the body
    and ""."""
    if bracketed := cited_pages_in_brackets(body):
        return bracketed
    match = _TRAILING_LOCATOR.search(body)
    if not match:
        return body, ""
    return body[: match.start()].rstrip(" ,;."), match.group("loc")


def _pages_then_words(rest: str) -> re.Match[str] | None:
    """Cited pages the note's words go on from ("45, who argues …"), not a page list ("45, passim", "45, n. 3")."""
    match = _PAGES_THEN_WORDS.match(rest)
    if match is None or match["word"] in _NOT_WORDS_AFTER_PAGES or match["word"] in _data.lower_set(
            "locator_words.txt"):
        return None
    return match


#: Lower-case words that go on a page list, not the note's own words.
_NOT_WORDS_AFTER_PAGES = frozenset({"passim", "esp", "especially", "and", "seq", "sqq", "ibid", "cited", "quoted"})


def _from_embedded(chunk: str, begin: int, end: int, match: re.Match[str]) -> RawCitation:
    inner = chunk[begin + 1 : end - 1]
    body, locator = split_locator(inner)
    head_end = names_end(body)
    hint = ""
    if not (head_end and body[head_end : head_end + 1] == ","):
        hint = _leading_name(chunk[:begin])
    suffix = chunk[end:].strip(" .;,")
    return RawCitation(
        body=f"{hint}, {body}" if hint else body,
        prefix=chunk[:begin].rstrip(),
        locator=locator,
        suffix=suffix,
        author_hint=hint,
        parenthetical=True,
    )


def _pages_ascend(locator: str) -> bool:
    """A list of cited pages runs forward ("41, 57-8, 112"); "7, 1–19" is a volume and a range, not pages."""
    starts = [int(first) for first in re.findall(r"(?:^|,)\s*(\d+)", locator)]
    return all(later > earlier for earlier, later in pairwise(starts))


def _surname_short_form(chunk: str) -> RawCitation | None:
    """A whole chunk that is a surname short form: "Roe, op. cit., p. 9.", "Roe, Short Title, 60.", "Roe's
    “Title,” p. 9.", "Roe 8: 108."."""
    if _anchor_end(chunk, 0) is not None:
        return None
    cue = leading_cue(chunk)
    rest = chunk[cue:].strip().removesuffix(";").rstrip()
    match = (
        _SURNAME_CIT.match(rest) or _SURNAME_TITLE_PAGES.match(rest) or _SURNAME_QUOTED_TITLE_PAGES.match(rest)
        or _POSSESSIVE_QUOTED_TITLE_PAGES.match(rest) or _SURNAME_VOLUME_PAGE.match(rest)
    )
    if not match or _inverted_end(rest) or SHORT_FORM.fullmatch(match.group("body")):
        return None  # "Same, p. 693": an ibid., no surname
    if not _pages_ascend(match.group("loc") or ""):
        return None  # "‘… England’, J Warburg Inst, 7, 1–19": a journal's volume and an article's range
    body = _OP_CIT.sub("", match.group("body")).strip(" ,") or match.group("body")  # "Roe, supra note 1"
    return RawCitation(body=body, prefix=chunk[:cue].strip(), locator=match.group("loc") or "", short_form=True)


def leading_cue(chunk: str) -> int:
    """End of a citation cue opening the chunk ("Quoted in", "see also", "cf."), or 0."""
    folded = chunk.casefold()
    for cue in _cues():
        if not folded.startswith(cue):
            continue
        end = len(cue)
        if filler := _cue_filler().match(folded, end):
            end = filler.end()  # "See, e.g., Roe …": the words a cue takes are the prefix's too
        if chunk[end : end + 1].isspace():
            if len(cue) <= _SHORT_CUE and not _names_follow(chunk, end):
                return 0  # "In Search of the Past": a title's first word, not "In Roe (ed.), …"
            return end
    return 0


def cue_then_aside(text: str) -> bool:
    """``text`` opens with a cue, a comma and the author's words: "See, on this point, the remarks of …"."""
    folded = text.casefold()
    return any(folded.startswith(cue) and re.match(r",\s+[^\W\d_]", folded[len(cue) :]) and
               folded[len(cue) + 1 :].lstrip()[:1].islower() for cue in _cues())


@memo(None)
def _cue_filler() -> re.Pattern[str]:
    """", e.g.," after a cue (``data/cue_fillers.txt``)."""
    words = "|".join(re.escape(word) for word in sorted(_data.word_list("cue_fillers.txt"), key=len, reverse=True))
    return re.compile(rf",?\s*(?:{words}),?")


def _names_follow(text: str, position: int) -> bool:
    """Personal names (natural order or inverted) begin after the spaces at ``position``."""
    rest = text[position:].lstrip()
    return bool(names_end(rest) or _inverted_end(rest))


def ends_with_cue(text: str) -> bool:
    """``text`` ends with a citation cue word ("… see", "Cf."), as the words before a cited work do."""
    folded = text.strip().casefold()
    return folded in _cue_set() or folded.endswith(_cue_endings())


def _classical(chunk: str, previous: ClassicalParts | None) -> RawCitation | None:
    """A passage of an ancient or medieval work ("Jul. Or. 7.22 (227D)", "cf. Aur. Vict. Caes. 40.15", "Bastardy:
    Zos. 2.8.2, 9.2"), read by its shape (parse/classical.py); not a chapter, table or section of this book
    ("Chapter 3.2")."""
    cue = leading_cue(chunk)
    parts = classical_parts(chunk[cue:], previous)
    if parts is None or cross_reference(chunk[cue:]):
        return None
    first = (parts.author or parts.title).split()[0].rstrip(".").casefold()
    if first in _data.lower_set("locator_words.txt"):
        return None
    prefix = " ".join(part for part in (chunk[:cue].strip(), parts.lead) if part)
    text = chunk[cue:].strip()[len(parts.lead) :]
    body = text[: text.find(parts.passage)].strip()  # the names as printed: "Jul. Or.", "Caes."
    return RawCitation(body=body, prefix=prefix, locator=parts.passage, suffix=parts.rest, shaped=parts)


#: A work named by its author's possessive and its title in title case, in the author's prose ("Luchaire's
#: Institutions Monarchiques de la France (987-1180) includes …", "Stephen's Hildebrand and his Times"): the
#: title runs to a comma, a bracket or a sentence's end.
_POSSESSIVE_WORK = re.compile(
    r"(?<![\w’'])(?P<author>[A-ZÀ-ÖØ-Þ][\w-]+)[’']s\s+(?P<title>[A-ZÀ-ÖØ-Þ][^,;()\[\]]*?)(?=\s*[,;(\[]|\.\s+[a-z]|\.?\s*$)"
)
_ELIDED = re.compile(r"^[ldLD][’']")  # "l’Histoire", "d’Italie": the article before the word
_PROSE_WORD = re.compile(r"\b[a-z]{4,}\b")  # the author's words around the works ("gives", "with", "besides")


def _title_case(title: str) -> bool:
    """Two words at least, every word of four letters or more capitalised but a title's small words."""
    words = re.findall(r"[^\W\d_][\w’'-]*", title)
    small = _data.lower_set("title_end_words.txt")
    return len(words) >= 2 and all(
        len(word) < 4 or word.casefold() in small or _ELIDED.sub("", word)[:1].isupper() for word in words)


def _possessive_works(chunk: str) -> list[RawCitation] | None:
    """The works a prose chunk names by their authors' possessives and their titles ("Moeller's Church History
    (translated from the German), gives …; Gieseler's Church History (also translated) …"): one short form each,
    the author's words before it its prefix; None where there is none."""
    if not _PROSE_WORD.search(_POSSESSIVE_WORK.sub("", chunk)):
        return None  # "Gray's Anatomy of the Cat, p. 4.", "Roe's History, Vol. II. p. 623.": a reference, read whole
    found: list[RawCitation] = []
    done = 0
    for match in _POSSESSIVE_WORK.finditer(chunk):
        title = match["title"].rstrip(" .")
        if not _title_case(title) or any(char.isdigit() for char in title):
            continue  # "Webster's American Biographies 680 (1984)": a reference the labeller reads whole
        prefix = chunk[done : match.start()].strip(" ,;.")
        found.append(RawCitation(body=f"{match['author']}, {title}", prefix=prefix, author_hint=match["author"],
                                 short_form=True))
        done = match.end()
    return found or None


def _letter_quoted_in(chunk: str) -> list[RawCitation] | None:
    """A letter and the work that quotes it ("Thomas Gladstone to his son John, 31 March 1787, cit. in S. G.
    Checkland, The Gladstones (1971), p. 408."): two citations, the letter a manuscript read by its shape (its
    writer, its words as title, its date), the work after the cue with the cue as its prefix."""
    letter = _LETTER_THEN_CUE.match(chunk)
    if letter is None:
        return None
    rest_at = len(chunk) - len(chunk[letter.end("date") :].lstrip(" ,"))
    if leading_cue(chunk[rest_at:]) <= len("in"):
        return None  # "quoted in", "cited in", "cit. in": a bare "in" is a chapter's book
    quoting = _from_chunk(chunk[rest_at:])
    if quoting is None:
        return None
    parts = ArchivalParts(author=letter["writer"], title=letter["letter"], date=letter["date"])
    return [RawCitation(body=chunk[: letter.end("date")], shaped=parts), quoting]


#: "Thomas Gladstone to his son John, 31 March 1787," / "Roe to Poe, May 3, 1940,": a letter's writer, reader and date
_LETTER_THEN_CUE = re.compile(
    r"(?P<letter>(?P<writer>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})\s+to\s+[^,;()]{2,60}?),\s+"
    r"(?P<date>\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})"
)


def _cited_after_names(chunk: str) -> int:
    """Where the cited work's author begins after the names that open ``chunk`` and a cue ("Charles Roe, quoted
    in Ann Poe, …": at "Ann"), or 0; a bare "in" after names is a chapter's book, not a cue."""
    named = names_end(chunk)
    comma = re.match(r",\s*", chunk[named:]) if named else None
    if comma is None:
        return 0
    at = named + comma.end()
    cue = leading_cue(chunk[at:])
    if cue <= len("in"):
        return 0
    after = at + cue + len(chunk[at + cue :]) - len(chunk[at + cue :].lstrip())
    return after if _names_follow(chunk, after) else 0


def _legal(chunk: str) -> RawCitation | None:
    """A chunk that cites a case, a code's section or a session law ("See Roe v. Wade, 410 U.S. 113 (1973)")."""
    cue = leading_cue(chunk)
    parts = legal_parts(chunk[cue:])
    if parts is None:
        return None
    prefix = " ".join(part for part in (chunk[:cue].strip(), parts.prefix) if part)
    pinned_only = bool(parts.locator) and not parts.page and parts.kind == "legal_case"  # "Roe, 410 U.S. at 153"
    return RawCitation(body=parts.text, prefix=prefix, locator=parts.locator, suffix=parts.suffix,
                       short_form=pinned_only, shaped=parts)


def _archival(chunk: str) -> RawCitation | None:
    """A chunk that cites an archival document or file ("See CAB 128/28", "Roe to Poe, 3 May 1940, X Papers")."""
    cue = leading_cue(chunk)
    body = chunk[cue:].strip().rstrip(".;").strip()
    parts = archival_parts(body)
    return None if parts is None else RawCitation(body=body, prefix=chunk[:cue].strip(), shaped=parts)


def _interview(chunk: str) -> RawCitation | None:
    """A chunk that cites an interview ("Interview with Ann Roe, Leeds, 1964", "See Ann Roe, interview with
    author")."""
    if "nterview" not in chunk:  # asked of every chunk: the word before the cue's search
        return None
    cue = leading_cue(chunk)
    found = interview_parts(chunk[cue:])
    if found is None:
        return None
    parts, words = found
    body = chunk[cue:].strip().rstrip(".;").strip()[len(words) :].strip()
    return RawCitation(body=body, prefix=" ".join(part for part in (chunk[:cue].strip(), words) if part),
                       shaped=parts)


def _inverted_pair_end(text: str) -> int:
    """Where two inverted names joined by "and" (``data/and_words.txt``: "et", "und") that open ``text`` end
    ("Hall, Arthur Pell and Moss, Henry Carver, Title", as older Cambridge notes print a book's two authors),
    or 0: one of the names' given names opens with a known first name or an initial (the gazetteer lacks some;
    the others may be family names)."""
    pair = _INVERTED_PAIR.match(text)
    if pair is None:
        return 0
    names = _data.first_names()
    openings = [given.split()[0] for given in (pair["first"], pair["second"])]
    known = [_is_initial(word) or re.fullmatch(r"(?:[A-Z]\.)+", word) or word.casefold() in names for word in openings]
    return pair.end("second") if any(known) else 0


_GIVEN_WORDS = r"(?:[A-ZÀ-Þ][\w’'-]*\.?)(?:\s(?:[A-ZÀ-Þ][\w’'-]*\.?)){0,2}"
_INVERTED_PAIR = re.compile(
    rf"[A-ZÀ-Þ][\w’'-]+,\s(?P<first>{_GIVEN_WORDS})\s(?:{_data.alternation('and_words.txt')})\s[A-ZÀ-Þ][\w’'-]+,"
    rf"\s(?P<second>{_GIVEN_WORDS}),\s")


def _only_an_inverted_name(text: str) -> bool:
    """ "Wells, Christopher." / "Roe, J. K." / "Moeller, Bernd:": one inverted personal name and its full stop (or
    the colon German lists close it with), nothing else."""
    text = text.strip()
    if _COLON_CLOSED_NAME.fullmatch(text):
        return True  # the colon closes a name whatever the given name ("Moeller, Bernd:")
    end = _inverted_end(text)
    return bool(end) and not text[end:].strip(" .")


_COLON_CLOSED_NAME = re.compile(
    r"[A-ZÀ-Þ][^\W\d_]+(?:[-'’][A-ZÀ-Þ]?[^\W\d_]+)?,\s+[A-ZÀ-Þ][^\W\d_]+(?:[ -][A-ZÀ-Þ][^\W\d_]+)?:")


_CITED = re.compile(r"(?<![^\W\d_])cit\.?(?![^\W\d_])", re.IGNORECASE)


def cites_back(text: str) -> bool:
    """``text`` says it cites a work given before ("op. cit.", "loc. cit.", "art. cit.", Italian "cit.")."""
    return bool(_CITED.search(text))


def opens_like_a_full_reference(body: str) -> bool:
    """The body opens with a personal name given in full, as a full reference gives it and a short form never
    does ("Roe, Title, 45"; "Roe and Poe, Title"): inverted with given names or initials ("Roe, J. K., “Title,”
    1990"), or in natural order ("J. K. Roe, …", "Ann Roe, Bob Poe, and …"); or with the rule for the entry
    above's author ("———. Title"), which only a bibliography's entries open with."""
    if inverted_author_end(body) or _SAME_AUTHOR.match(body):
        return True
    end = names_end(body)
    if not end or not _FOLLOWERS.match(body, end):
        return False
    words = body[:end].split()
    first = words[0].rstrip(",")
    # "Roe M.E. Title …": a family name and its initials, as no short form gives them
    return (_is_initial(first) or first.casefold() in _data.first_names()
            or _family_then_stopped_initials(body.split(maxsplit=5)[:5]) == len(words))


#: A bibliography's rule for "the same author as the entry above" opening an entry ("———.", "_____,").
#: A bibliography's mark for "the same author as above" (CMOS 14.67: a 3-em dash), as scrapes write it.
SAME_AUTHOR_DASHES = r"[—–_-]{2,}"
_SAME_AUTHOR = re.compile(rf"{SAME_AUTHOR_DASHES}\s*[.,]\s")


#: "in" (or a cue) before a work's title: "… notably in The Tories and the People (Oxford, 1985)"
_IN_BEFORE_TITLE = re.compile(r"(?<=\s)(?:in|see)\s+(?=[A-ZÀ-Þ“‘\"«])")


def _named_then_words(chunk: str) -> RawCitation | None:
    """A note that names the author, then says something of the work before citing it: "Martin Pugh has been
    instrumental in detailing …, notably in The Tories and the People (Oxford, 1985).": the words up to the last
    "in" or "see" before the imprint are the prefix, the name the author hint (rule author-from-prose)."""
    name = _leading_name(chunk)
    if not name or _names_go_on(chunk[len(name) :].split(maxsplit=1)[0]):
        return None
    found = [(cue.end(), anchor) for cue in _IN_BEFORE_TITLE.finditer(chunk, len(name))
             if (anchor := _anchor_end(chunk, cue.end())) is not None]
    if not found:
        return None
    start, anchor = found[-1]
    if len(chunk[len(name) : start].split()) < _WORDS_SAID + 1:
        return None  # "John Reed in Ten Days …": the author and his book, nothing said between
    if _IN_BEFORE_TITLE.search(chunk, start, anchor):
        return None  # a later "in" inside the title itself, or a chapter in a book: the labeller's reading
    rest = chunk[anchor:]
    match = _LOCATOR_AFTER_ANCHOR.match(rest) or _pages_then_words(rest)
    return RawCitation(body=f"{name}, {chunk[start:anchor].strip()}", prefix=chunk[:start].strip(),
                       locator=match.group("loc") if match else "",
                       suffix=(rest[match.end() :] if match else rest).strip(" .;,"), author_hint=name)


_WORDS_SAID = 2  # "argues this": the fewest words the note says of the work between its author and "in"


def _names_go_on(word: str) -> bool:
    """``word`` after a name joins another name or gives their role, not the note's own words ("Ann Roe and
    Bob Poe", "Ann Roe ed.": ``data/and_words.txt``, the first words of ``data/name_roles.tsv``)."""
    bare = word.casefold().rstrip(",.;:")
    return bare in _data.lower_set("and_words.txt") or any(
        marker.casefold().split()[0].rstrip(".") == bare for marker, _ in _data.name_roles())


def _an_articles_date(body: str) -> bool:
    """The body ends on a journal's date alone in brackets, after its volume or an article's quoted title ("91
    (1961)", "‘Race Matters’, Modern Asian Studies (2007)"): the range after it is the article's own; after a
    book's title it is the cited pages ("La France Impériale, 1880–1914 (1982) pp. 168–9")."""
    date = _DATE_ONLY_PAREN.search(body)
    if date is None or (date["comma"] and date["word"].casefold() not in _data.months()):
        return False
    return (
        _VOLUME_BEFORE_DATE.search(body) is not None or _QUOTED_TITLE.search(body) is not None
        or _STRAIGHT_QUOTED_TITLE.search(body) is not None or '"' in body)


def _from_chunk(chunk: str) -> RawCitation | None:
    if (remark := _REMARK_AFTER_PAGES.search(chunk)) and not _YEAR_WORD.search(remark.group("remark")):
        cited = _from_chunk(chunk[: remark.start()])  # "Roe, Life, 28–44 (Chapter 3: …).": cited pages, a remark
        if cited is not None and cited.locator and not cited.suffix:
            return dataclasses.replace(cited, suffix=remark.group("remark"))
    if quoted := _QUOTATION_AFTER_PAGES.search(chunk):
        cited = _from_chunk(chunk[: quoted.start()])  # "Roe, Storia, p. 34: «Essendosi scoperto …»": the words
        if cited is not None and cited.locator and not cited.suffix:  # quoted from the pages cited
            return dataclasses.replace(cited, suffix=quoted.group("quotation"))
    if (legal := _legal(chunk)) is not None:
        return legal
    if (debates := debates_parts(chunk)) is not None:  # "HC Deb 5th Series Volume 412 Columns 1204, 1209, …"
        return RawCitation(body=debates.text, prefix=debates.prefix, locator=debates.columns, shaped=debates)
    closing = _CLOSING_PARENTHESIS.search(chunk)
    # a cue and a name open the brackets ("… and often later (see Roe, A., Title, 1968, 69 ff.)."): a citation,
    # year and all, as no imprint opens so
    cued = closing is not None and bool(cue := leading_cue(closing["inner"])) and _names_follow(closing["inner"], cue)
    if closing and closing.start() > 0 and (cued or not _YEAR_WORD.search(closing["inner"])):
        cited = _from_chunk(closing["inner"])  # "Letter to Sarpi, 16 October 1604 (Opere, 10, p. 115).": the note's
        if cited is not None and (cued or (cited.short_form and (PAGE_WORD.match(cited.locator) or (
                cited.locator and (_SURNAME_TITLE_PAGES.match(inner := closing["inner"].strip())
                                   or _SURNAME_VOLUME_PAGE.match(inner)))))):
            # words, then the work and its place in brackets (and a cue: "He said so (see Roe, Life, p. 4).")
            prefix = " ".join(part for part in (chunk[: closing.start()].strip(), cited.prefix) if part)
            return dataclasses.replace(cited, prefix=prefix, parenthetical=True)
    if closing and closing.start() > 0 and (cue := leading_cue(closing["inner"])) and (
            short := _SURNAME_QUOTED_TITLE_MAYBE_PAGES.match(closing["inner"][cue:].strip())):
        # "… doubted by others (see Roe, “Ships Lost in the Gale”)": a cue, a surname and a quoted title
        return RawCitation(body=short["body"], prefix=f"{chunk[: closing.start()].strip()} {closing['inner'][:cue]}"
                           .strip(), locator=short["loc"] or "", short_form=True, parenthetical=True)
    if (interview := _interview(chunk)) is not None:
        return interview
    if (archival := _archival(chunk)) is not None:
        return archival
    surname_form = _surname_short_form(chunk)
    if surname_form is not None:
        return surname_form
    embedded = _embedded(chunk)
    start = _citation_start(chunk)
    if start is None and (cue := leading_cue(chunk)) and _names_follow(chunk, cue):
        start = 0  # "See, e.g. Roe, Ann, Title …": an inverted name after a cue and its words (the cue goes below)
    if start and (_only_an_inverted_name(chunk[:start]) or closed_inverted_end(chunk) or _SAME_AUTHOR.match(chunk)
                  or _inverted_pair_end(chunk) > start):
        start = 0  # "Wells, Christopher. “Word of Love …”", "Roe, Ann. Title …", "———. Title …": the author, not prose
    if start == 0 and (quoted_by := _cited_after_names(chunk)):
        start = quoted_by  # "Charles Roe, quoted in Ann Poe, Title (Paris, 1990)": the quoted man is the note's words
    if start is not None and (cue := leading_cue(chunk[start:])):
        after = start + cue + len(chunk[start + cue :]) - len(chunk[start + cue :].lstrip())
        if _names_follow(chunk, after):
            start = after  # "See Roe, Ann, …": a cue, then the author's names, not a name "See Roe"
    anchor = None if start is None else _anchor_end(chunk, start)
    if (start is None or start == 0) and (spoken := _named_then_words(chunk)) is not None:
        return spoken
    if embedded and _own_imprint(chunk, start, anchor, embedded):
        embedded = None
    if embedded and (start is None or start > embedded[0] or anchor is None or anchor >= embedded[1]):
        return _from_embedded(chunk, *embedded)
    if start is None:
        match = _SURNAME_SHORT_FORM.match(chunk)
        if not match:
            return None
        return RawCitation(body=match.group("body"), locator=match.group("loc"), short_form=True)
    prefix = chunk[:start].rstrip()
    if anchor is not None and (imprint := _PUBLISHER_AFTER_YEAR.fullmatch(chunk, anchor)) and is_known_publisher(
            imprint["publisher"]):
        anchor = imprint.end("publisher")  # "'Harbour Politics' (2009), Palgrave": a reading list's publisher
    if anchor is not None:
        body = chunk[start:anchor]
        rest = chunk[anchor:]
        named_as = ""
        if named := _HEREAFTER_BEFORE_PAGES.match(rest):  # "(London, 1976) (hereafter Gilbert, Prophet), p. 12"
            named_as, rest = named["remark"], rest[named.end() :]
        if cited_within := _RANGE_THEN_AT.match(rest):
            return RawCitation(body=chunk[start : anchor + cited_within.end("range")].strip(), prefix=prefix,
                               locator=cited_within["loc"])
        match = _LOCATOR_AFTER_ANCHOR.match(rest) or _pages_then_words(rest)
        locator = match.group("loc") if match else ""
        if not match and (pin := _pin_before_imprint(body)):  # "Title 12 (Leeds Press 2002)": the Bluebook's
            body, locator = body[: pin.start()] + body[pin.end("loc") :], pin["loc"]
        article = _ARTICLE_RANGE.match(locator) if match else None
        if match and article and (_an_articles_date(body)
                        or (_in_edited_book().search(body) and _pages_spanned(article["range"]) >= _CHAPTER_PAGES)):
            # "Journal 91 (1961), 97–123", "in Roe (ed.), Title (Leeds, 1988), pp. 159–80": the article's or
            # chapter's own range, then perhaps the cited page ("57–79, 64")
            body = chunk[start : anchor + match.start("loc") + article.end("range")]
            locator = locator[article.end() :]
        rest = rest[match.end() :] if match else rest
        suffix = " ".join(part for part in (named_as, rest.strip(" .;,")) if part)
        return RawCitation(body=body.strip(), prefix=prefix, locator=locator, suffix=suffix)
    body, locator = split_locator(chunk[start:])
    if not locator and (bare := _TRAILING_BARE_PAGES.search(body)):
        body, locator = body[: bare.start()], bare.group("loc")
        if SHORT_FORM.match(body) and (more := _IBID_PAGE_LIST.fullmatch(body)) and _pages_ascend(
                pages := f"{more['pages']}, {locator}"):
            body, locator = more["ibid"], pages  # "Ibid., 61–64, 70.": every page cited
    ibid = bool(SHORT_FORM.match(body)) and not _OP_CIT.match(body)
    long_form = not locator and len(body.split()) > _MAX_SHORT_FORM_WORDS
    if long_form and body[:1] in OPEN_QUOTES:
        return None  # a paragraph that opens with a quotation: the author's words, no short form
    body = body.rstrip(" .;,")
    # a quoted title and a dated source after it ("Walter Lippmann, “Cassandra Speaking,” The Washington Post,
    # April 5, 1947") is a full reference the labeller reads, not an author and a short title
    quoted = _QUOTED_TITLE.search(body) or _STRAIGHT_QUOTED_TITLE.search(body)
    dated_article = not locator and not ibid and quoted and _FULL_DATE.search(body)
    # "…, 9. Aufl. 2003", "…, Wien 2005": a German imprint, an edition or a place before the year, ends a full one
    imprint = _EDITION_OR_PLACE_YEAR.search(body) if not locator and not ibid and not prefix else None
    imprinted = imprint is not None and (_edition_word(body, imprint.start("word")) if imprint["edition"]
                                         else is_known_place(imprint["word"]))
    # "Roe, A. M., Title, 1968": an inverted name with its initials, a title and a year, all between commas, a
    # compact full reference
    compact = (_YEAR_WORD.search(body) is not None and _SURNAME_INITIALS_COMMA.match(body) is not None
               and not _SENTENCE_STOP.search(body))
    return RawCitation(
        body=_OP_CIT.sub("", body).strip(" ,.") or body,
        prefix=prefix,
        locator=locator,
        # forty words without pages: a full imprint the rules missed
        short_form=not long_form and not dated_article and not imprinted and not compact,
        ibid=ibid and (body.casefold().startswith(("ibid", "idem", "id")) or body.startswith(("Same", "Ib"))),
    )


#: The words that join two surnames in an author-date citation ("Roe and Poe", "Laux und Liermann", "Roe y Poe").
_SURNAMES_AND = r"(?:and|und|&|et|e|y)"
#: A surname, perhaps with its initials after a comma ("Kolbeck, R."), as author-date citations name authors.
_CITED_SURNAME = r"[A-ZÀ-ÖØ-Þ][\w’'-]+(?:,\s*(?:[A-ZÀ-ÖØ-Þ]\.\s*){1,3})?"
#: An author-date citation in a note: surnames joined by "/", "and", "und", "&" …, a year in brackets, perhaps
#: its pages, after the bracket or inside it: "Picot (1990) S. 109", "Laux/Liermann (1987), pp. 64–66", "Roe and Poe
#: (1991a): 12", "Roe and Poe (2009: 755)".
_AUTHOR_DATE_CITE = re.compile(
    rf"(?P<body>{_CITED_SURNAME}(?:(?:\s*/\s*|\s+{_SURNAMES_AND}\s+){_CITED_SURNAME})*(?:\s+et\s+al\.)?"
    rf"\s*\((?P<year>{_YEAR}[a-z]?)(?:[,:]\s*(?P<inner_loc>{_PAGES}|{_RANGE}))?\))"
    rf"(?:[,:]?\s*(?P<loc>{_PAGES}|{_BARE_PAGES})(?![\w]))?"
)


_TITLE_AFTER_YEAR = re.compile(rf"\s*[.:]?\s*[^\W\d_]*[A-ZÀ-ÖØ-Þ{OPEN_QUOTES}]")
_SURNAMES_JOINED = rf"\s*/\s*|,?\s+{_SURNAMES_AND}\s+"
_CITED_SURNAMES = rf"{_CITED_SURNAME}(?:(?:{_SURNAMES_JOINED}){_CITED_SURNAME})*(?:\s+et\s+al\.)?"
#: One author-date citation of a bracketed list (after its cue, :func:`leading_cue`), the pages perhaps after a
#: colon, as the social sciences cite in notes: "Pardo, 1976: 64", "Roe and Poe 1995, 12", "Poe, 2011c: ix–x".
_IN_BRACKETS = re.compile(rf"(?P<body>{_CITED_SURNAMES},?\s+{_YEAR}[a-z]?)(?:[,:]\s*(?P<loc>{_PAGES}|{_RANGE}))?")
_BRACKETED = re.compile(r"\((?P<inner>[^()]{6,300})\)")


def _cited_from_another(chunk: str) -> list[RawCitation] | None:
    """A work cited from another ("Harbour Board, Quays and Ledgers (London, 1960), p. 1, cited in Roe,
    ‘Opposition’, p. 94"; the words of ``data/cited_from.txt``): two citations, the second's prefix those words.
    Only where the words before them are a citation with a year or its pages (a person quoted in a work, "Charles
    Roe, quoted in Ann Poe, Title", is the note's words) and each side reads as citations, nothing left over."""
    folded = chunk.casefold()
    if not any(word in folded for word in _data.lower_set("cited_from.txt")):
        return None  # most chunks hold none of the words: the pattern is not tried at every space
    cue = _cited_from().search(chunk)
    if cue is None or not (_YEAR_WORD.search(chunk, 0, cue.start())
                           or _CITED_PAGE_BEFORE.search(chunk, 0, cue.start())):
        return None
    first, first_left = split_note([chunk[: cue.start()]])
    second, second_left = split_note([chunk[cue.end() :]])
    if (not first or not second or first_left or second_left
            or not (first[-1].locator or _YEAR_WORD.search(first[-1].body))):
        return None
    second[0] = dataclasses.replace(second[0], prefix=" ".join(part for part in (cue["cue"], second[0].prefix) if part))
    return [*first, *second]


@memo(1)
def _cited_from() -> re.Pattern[str]:
    # from a comma, or from the first of a run of spaces (never again from inside the run: linear on long runs)
    return re.compile(rf"(?:,\s*+|(?<!\s)\s++)(?P<cue>(?:{_data.alternation('cited_from.txt')}))\s+", re.IGNORECASE)


_CITED_PAGE_BEFORE = re.compile(r"\d\s*$|\d,\s*$")


def is_author_date_cite(body: str) -> bool:
    """``body`` is an author-date citation's, names and a year in brackets ("Roe and Poe (1992)")."""
    return _AUTHOR_DATE_CITE.fullmatch(body) is not None


def _author_date_cites(chunk: str, in_a_row: bool = False) -> list[RawCitation] | None:
    """A chunk made of author-date citations and the author's words between them ("Vgl. Picot (1990) S. 109
    oder die Diskussion bei Laux/Liermann (1987) S. 64–66 sowie Frese (1988)"): one short form each, the words
    before it its prefix; None when any words between are not the author's (a capitalised word past the
    first, a bracket or a quotation mark: "The Politics of Europe (1990)" is a title and its year). A citation
    alone, with no words, is one only ``in_a_row``: after a chunk of them ("… voir Roe (1998) ; Poe (2008).")."""
    cites = list(_AUTHOR_DATE_CITE.finditer(chunk))
    if not cites:
        return None
    found: list[RawCitation] = []
    done = 0
    for cite in cites:
        if _TITLE_AFTER_YEAR.match(chunk, cite.end()):
            return None  # "Roe, A. (1990) Title …", "Roe (1990): Title": a reference list's entry, not a citation
        gap = chunk[done : cite.start()]
        particle = _particles_ending(gap)  # "voir de | Vries (2010)": the particle is the name's
        gap, body = gap[:particle], gap[particle:] + cite["body"]
        if not _only_the_authors_words(gap, first=not found):
            return None
        prefix = gap.strip().lstrip(",;. ").rstrip(" :")  # "…, p. 109; and the discussion in", "voir :": the words
        locator = cite["loc"] or cite["inner_loc"] or ""
        if cite["inner_loc"]:  # "Roe (2009: 755)": the work is "Roe (2009)", the pages its locator
            body = f"{body[: body.rindex('(') + 1]}{cite['year']})"
        found.append(RawCitation(body=body, prefix=prefix, locator=locator, short_form=True))
        done = cite.end()
    tail = chunk[done:].strip(" .;,")
    if tail and not _only_the_authors_words(tail, first=False) and not _SENTENCE_GOES_ON.match(tail):
        return None  # (but "Roe (2009: 755) pointed out that in the 1950s …": the author's sentence goes on)
    if len(found) == 1 and not (found[0].prefix or found[0].locator or tail or in_a_row):
        return None  # "Roe, A. (1990)." alone: perhaps a list entry's head, its title in the next chunk
    found[-1] = dataclasses.replace(found[-1], suffix=tail)
    return found


def _bracketed_author_dates(chunk: str) -> list[RawCitation] | None:
    """Author-date citations in brackets inside the author's sentence ("… (Pardo, 1976: 64).", "… Lowe
    (Poe, 2011c: ix–x), but …", "(Roe 1990; Poe and Pardo 1992, 4)"): one short form each, the words before the
    first its prefix and those after the last its suffix. The brackets say they are citations whatever words
    are around; a publisher or a place before the year is an imprint's ("Life (Faber, 1990)"), not one."""
    found: list[RawCitation] = []
    done = 0
    for bracket in _BRACKETED.finditer(chunk):
        texts = [piece.strip() for piece in bracket["inner"].split(";")]
        cues = [leading_cue(text) for text in texts]
        pieces = [_IN_BRACKETS.fullmatch(text[cue:].strip()) for text, cue in zip(texts, cues, strict=True)]
        words = chunk[done : bracket.start()].strip().lstrip(",;. ")
        if (not all(pieces) or any(_imprint_name(piece["body"]) for piece in pieces if piece)
                or _PAGES_AFTER_BRACKET.match(chunk, bracket.end()) or _author_and_comma(words)):
            continue  # "A. Roe, Harbours (Chatto, 1932), 45": an author, a title and its imprint, then pages
        matched = [piece for piece in pieces if piece is not None]  # all of them, as checked above
        for index, (text, cue, piece) in enumerate(zip(texts, cues, matched, strict=True)):
            prefix = " ".join(part for part in (words if not index else "", text[:cue].strip()) if part)
            found.append(RawCitation(body=piece["body"], prefix=prefix, locator=piece["loc"] or "", short_form=True,
                                     parenthetical=True))
        done = bracket.end()
    if not found:
        return None
    found[-1] = dataclasses.replace(found[-1], suffix=chunk[done:].strip(" .;,"))
    return found


_PAGES_AFTER_BRACKET = re.compile(rf"\s*,?\s*(?:{_PAGES}|\d)")


def _author_and_comma(words: str) -> bool:
    """``words`` open on a personal name and its comma, as a reference does ("A. Roe, Harbours"), not a sentence."""
    end = names_end(words)
    return bool(end) and words[end : end + 1] == ","


def _imprint_name(body: str) -> bool:
    """A name before the year is a publisher's or a place's ("Faber, 1990", "Leiden 2004", "Leeds & York, 1983")."""
    names = _NAMES_JOINED.split(re.split(r",?\s+(?=\d)", body)[0])
    return any(is_known_publisher(name) or is_known_place(name) for name in names)


_NAMES_JOINED = re.compile(_SURNAMES_JOINED)


_ELISION = re.compile(r"(?<=[^\W\d_])['’](?=[^\W\d_])")
_SENTENCE_WORDS = 4
_SENTENCE_GOES_ON = re.compile(r"[^\W\d_A-ZÀ-ÖØ-Þ]{2,}\s+[^\W\d_A-ZÀ-ÖØ-Þ]")  # two lower-case words


def _particles_ending(gap: str) -> int:
    """Where the lower-case name particles that end ``gap`` begin ("… see de " → at "de"; ``len(gap)`` if none)."""
    words = gap.rstrip().split(" ")
    start = len(gap)
    while words and words[-1].islower() and words[-1] in _data.particle_words():
        start = gap.rfind(words.pop(), 0, start)
    return start if start < len(gap) and (not start or gap[start - 1].isspace()) else len(gap)


def _cued_short_forms(chunk: str) -> list[RawCitation] | None:
    """The author's words, a cue and short forms with their pages joined by ", and" ("For a full discussion,
    see Lawson, Crossroads, 11, and Cowger and Markham, Johnson Remembered, 3–18."): one citation each, the
    words before the first its prefix. None unless every piece after the cue is such a short form."""
    if leading_cue(chunk) or _surname_short_form(chunk) is not None:
        return None  # a chunk that opens with its citation is read as one
    text = chunk.rstrip(" .;")
    for cue in _CUE_BEFORE_NAME.finditer(text):
        before = text[: cue.end()].rstrip()
        if not ends_with_cue(before) or not before.split()[-1][:1].islower():
            continue  # "… suffix arrays. In In Proceedings, 23rd ICMP, pages 929–936": a reference's "In"
        pieces = _AND_BETWEEN_SHORT_FORMS.split(text[cue.end() :])
        found = [_surname_short_form(piece) for piece in pieces]
        if all(found) and all(each.locator for each in found if each):
            return [dataclasses.replace(each, prefix=text[: cue.end()].strip() if not index else "and")
                    for index, each in enumerate(found) if each]
    return None


_CUE_BEFORE_NAME = re.compile(r"(?<=\s)[^\W\d_]+\.?\s+(?=[A-Z])")
_AND_BETWEEN_SHORT_FORMS = re.compile(r"(?<=\d),\s+and\s+(?=[A-Z])")


def _short_forms_without_pages(note: str) -> list[RawCitation] | None:
    """A whole note listing works by their short forms, perhaps after the note's words and a cue ("See e.g.
    Dickens, English Reformation; Elton, Reform and Reformation; and Scarisbrick, Henry VIII", "On the text, see
    esp. Pasquali; Barnes, “Panegyric”; Cameron and Hall, Eusebius, pp. 1–53"): one citation each; None unless
    there are two at least, every piece is a surname with a short title (plain or quoted) or, after a cue, a
    surname alone, and one at least has a title (not a list of people: "Roe; Poe"); or one alone, as
    :func:`_one_short_form_without_pages` reads it."""
    cue = leading_cue(note)
    pieces = [piece.strip() for piece in note[cue:].strip().rstrip(".").split(";")]
    if len(pieces) == 1:
        return (_two_short_forms_joined(note[:cue].strip(), pieces[0])
                or _one_short_form_without_pages(note[:cue].strip(), pieces[0]))
    found = [_listed_short_form(piece) for piece in pieces]
    if not all(found) or not any(title for _, _, _, title in (each for each in found if each)):
        return None
    if any(_inverted_end(body) == len(body) for _, body, _, _ in (each for each in found if each)):
        return None  # "Roe, Ann; Poe, Bob": names, not works (but "Scarisbrick, Henry VIII" is one)
    return [RawCitation(body=body, prefix=" ".join(part for part in (note[:cue].strip() if not index else "", lead)
                                                   if part), locator=locator, short_form=True)
            for index, (lead, body, locator, _) in enumerate(each for each in found if each)]


def _two_short_forms_joined(cue: str, piece: str) -> list[RawCitation] | None:
    """A cue, then two short forms without pages joined by "and" ("… see especially Roe, Harbours and Poe,
    Ports."): each a surname that names no place and a short title; one word is title enough after a cue."""
    halves = _AND_BETWEEN.split(piece)
    if len(halves) != 2:
        return None
    first = _listed_short_form(halves[0])
    second = _LISTED_SHORT_FORM.fullmatch(halves[1])
    if first is None or second is None or not (first[3] and second["title"]) or first[2] or second["loc"]:
        return None
    lead = " ".join(part for part in (cue, first[0]) if part)
    bodies = (first[1], second["body"].rstrip())
    if (not ends_with_cue(_EMPHASIS.sub("", lead)) or _NOT_WORDS_ALONE.search(lead)
            or any(is_known_place(body.partition(",")[0]) for body in bodies)):
        return None  # a cue after the author's words alone (no other citation's year or imprint before it)
    return [RawCitation(body=bodies[0], prefix=lead, short_form=True),
            RawCitation(body=bodies[1], prefix="and", short_form=True)]


_AND_BETWEEN = re.compile(r",?\s+and\s+(?=[A-Z])")
_NOT_WORDS_ALONE = re.compile(r"[\d()]")


def _one_short_form_without_pages(cue: str, piece: str) -> list[RawCitation] | None:
    """A whole note that is one short form without pages, perhaps after the note's words and a cue ("Kotz,
    Judgment Days.", "On his career, see Hoopes and Brinkley, Driven Patriot."): a surname that names no place,
    then a title of two words at least whose long words all open with a capital; None otherwise ("Paris,
    Rive Gauche", "Smith, however, disagrees", an inverted name alone: "Lipe, William D.")."""
    found = _listed_short_form(piece)
    if found is None:
        return None
    lead, body, locator, titled = found
    author, _, title = body.partition(",")
    long_words = [word for word in title.split() if len(word) > 3]
    if (not titled or locator or len(title.split()) < 2 or is_known_place(author.strip())
            or _inverted_end(body + ".") >= len(body)  # "Lipe, William D.": a name, no work
            or not all(word[:1].isupper() or word[:1] in OPEN_QUOTES for word in long_words)):
        return None
    return [RawCitation(body=body, prefix=" ".join(part for part in (cue, lead) if part), short_form=True)]


def _listed_short_form(piece: str) -> tuple[str, str, str, bool] | None:
    """(the words before it, the short form, its pages, whether it has a title) of one piece of a list of short
    forms: "and Elton, Reform", "Barnes, “Panegyric”", "Cameron and Hall, Eusebius, pp. 1–53", or a surname
    alone after the note's words and a cue ("… see esp. Pasquali", "cf. Singh"), or None."""
    match = _LISTED_SHORT_FORM.fullmatch(piece)
    if match and (match["title"] or (match["joiner"] is None and match["loc"])):
        return match["joiner"] or "", match["body"].rstrip(), match["loc"] or "", bool(match["title"])
    for gap in _WORD_GAP_BEFORE_CAPITAL.finditer(piece):
        lead = piece[: gap.start()]
        opens = ends_with_cue(_EMPHASIS.sub("", lead)) or _opens_a_list(lead)
        match = _LISTED_SHORT_FORM.fullmatch(piece, gap.end()) if opens else None
        if match and match["joiner"] is None:
            return lead.strip(), match["body"].rstrip(), match["loc"] or "", bool(match["title"])
    return None


def _opens_a_list(words: str) -> bool:
    """The author's words end on one that opens a list of works ("Older studies include"; the words of
    ``data/list_openers.txt``)."""
    folded = words.casefold().rstrip(" :")
    return any(folded == opener or folded.endswith(f" {opener}") for opener in _data.lower_set("list_openers.txt"))


_LISTED_SHORT_FORM = re.compile(
    rf"(?:(?P<joiner>and)\s+)?(?P<body>(?:[A-Z][a-z]{{0,2}}\.\s+){{0,3}}{_SHORT_AUTHORS}(?:,\s*(?P<title>[A-Z][^;()\d“”]{{1,80}}"
    rf"|[“\"‘][^“”\"]{{1,160}}?\s?[”\"’]\.?))?)(?:,\s*(?P<loc>{_LOCATOR}))?"
)
_WORD_GAP_BEFORE_CAPITAL = re.compile(r"\s+(?=[A-Z])")
_EMPHASIS = re.compile(r"\s+(?:esp\.|especially|e\.g\.|notably)$")  # "see esp." is "see"


def _dated_citations(chunk: str) -> list[RawCitation] | None:
    """"NYT 8/20/14, 9/4/39": a source cited by its name and dates, one citation for each date."""
    cue = leading_cue(chunk)
    found = dated_sources(chunk[cue:])
    if found is None:
        return None
    return [RawCitation(body=each.text, prefix=chunk[:cue].strip() if not index else "",
                        locator=each.page, shaped=each) for index, each in enumerate(found)]


def _only_the_authors_words(gap: str, first: bool) -> bool:
    """No bracket, quotation mark or figure; before the first citation nothing but a cue or lower-case words
    ("Vgl.", "see the discussion in"; "Roe, Life (1990)" is a short title and its year after its author), the
    first word of a sentence of four words or more capitalised ("The figures are taken from"), or a sentence that
    ends in a cue ("For a recent survey of the trade, see")."""
    unquoted = _ELISION.sub("", gap)  # "l’histoire", "d'ensemble": an apostrophe inside a word quotes nothing
    if any(char in unquoted for char in "()[]" + OPEN_QUOTES + "”’") or any(char.isdigit() for char in gap):
        return False
    if not first:
        return True  # German capitalises its nouns: "oder die Diskussion bei Laux (1987)"
    if gap.strip().casefold() in ("in", "in:"):
        return False  # "Remarks. In Roe and Poe (1970), 184–221": a chapter's book, listed on its own
    rest = gap.lstrip()[leading_cue(gap.lstrip()) :]
    # a sentence of the author's that ends in a cue ("For a recent survey of the trade, see", "…, voir :"), not a
    # short one ("… met in Lisbon (1910)", "Remarks. In Roe and Poe (1970)")
    closing = gap.rstrip(" :")
    words = rest.split()
    if len(words) >= _SENTENCE_WORDS:
        words = words[1:]  # a sentence's first word ("In their restatement of the thesis, Roe (2009)"), not a name's
    return not any(word[:1].isupper() for word in words) or (
        ends_with_cue(closing) and len(closing.split()[-1]) > _SHORT_CUE)


#: a periodical's date written out: "April 5, 1947", "5 April 1947", "July 1998"
_FULL_DATE = re.compile(
    rf"\b(?:[A-Z][a-z]{{2,8}}\.?\s+(?:\d{{1,2}},\s+)?{_YEAR}|\d{{1,2}}\s+[A-Z][a-z]{{2,8}}\.?\s+{_YEAR})\b"
)
#: An edition's number and word, or a place, then the year, closing a body: "…, 9. Aufl. 2003", "…, Wien 2005".
_EDITION_OR_PLACE_YEAR = re.compile(
    rf",\s*(?:(?P<edition>\d{{1,2}}\.)\s*)?(?P<word>[^\W\d_][^\W\d_.]*(?:[ /-][A-ZÀ-Þ][^\W\d_]+)?)\.?,?\s+{_YEAR}$"
)
_MAX_SHORT_FORM_WORDS = 40  # a short form without pages is a name and a short title, never a paragraph
#: Words in brackets after a short form's pages, which end the note: the author's remark on them ("Roe, Life,
#: 28–44 (Chapter 3: The Early Years).", "Roe, Life, 5-19. (Small pages.)"), not an imprint (no year).
_REMARK_AFTER_PAGES = re.compile(r"(?<=\d)\.?\s*\((?P<remark>[^()]{2,200})\)\s*[.;]?\s*$")
#: A quotation closing a note after the cited pages and a colon: "p. 34: «Essendosi scoperto …».", "45: “…”"
_QUOTATION_AFTER_PAGES = re.compile(r"(?<=\d)\s*:\s*(?P<quotation>[«“„\"][^«»“”\"]{2,500}[»”\"])\s*\.?\s*$")


@memo(1)
def _cross_references() -> frozenset[str]:
    return _data.lower_set("cross_references.txt")


def cross_reference(body: str) -> bool:
    """The whole of a citation's body points to another place in the same book ("Supra", "see above")."""
    return body.strip(" .,;:").casefold() in _cross_references()


def is_author_date_entry(text: str) -> bool:
    """A reference-list entry: inverted name(s), then the year ("Roe, Ann. 1983. Title …")."""
    end = _inverted_end(text)
    if not end:
        return False
    return bool(_AUTHOR_DATE_YEAR.match(text[end:]))


def _inverted_after_semicolon(text: str) -> bool:
    """A semicolon, then an inverted name opening another reference ("…, 131–43; Nordhaus, William D., …"):
    a note listing its works as a bibliography writes them, not one entry."""
    chunks = _chunks(text)
    return any(before.endswith(";") and inverted_author_end(after) for before, after in pairwise(chunks))


#: The year after the names, nothing quoted before it: "(1971)," after a quoted title closes a note's article.
_AUTHOR_DATE_YEAR = re.compile(
    rf"^[^()“‘\"]{{0,160}}?[.,]?\s+\(?{_YEAR}[a-z]?\)?[.,]\s+\S"
    rf"|^[^()“‘\"]{{0,160}}?[.,]?\s+\((?:n\.\s?d\.|{_YEAR}[a-z]?)\)[.,]?\s+\S"
)


def split_note(
    items: list[str], listed: Callable[[str], RawCitation | None] | None = None
) -> tuple[list[RawCitation], str]:
    """The citations of a note (given as its list items' texts), and prose that belongs to none.

    An author-date reference-list entry is one citation as it stands: no prefix,
    no locator. ``listed`` is asked about a piece (as it stands in its item) the rules find no citation in that
    a semicolon closes, as a note lists its citations ("The Times, 12 March 1939; Roe, Life, 45"): its
    citation, or None.
    """
    if len(items) == 1 and is_author_date_entry(items[0]) and not _inverted_after_semicolon(items[0]):
        return [RawCitation(body=items[0].strip().rstrip(";"))], ""
    if len(items) == 1 and (listed_forms := _short_forms_without_pages(items[0])) is not None:
        return listed_forms, ""
    if documented := documents_source(" ".join(item.strip() for item in items)):
        parts, cited, remarks = documented  # "Telegram From … Source: Department of State, Central Files, …"
        return [RawCitation(body=cited, suffix=remarks, shaped=parts)], ""
    citations: list[RawCitation] = []
    pending_prose: list[str] = []
    previous_classical: ClassicalParts | None = None
    in_a_row = False  # the chunk before was author-date citations ("… voir Roe (1998) ; Poe (2008).")
    for whole in (chunk for item in items for chunk in _chunks(item)):
        after_author_dates, in_a_row = in_a_row, False
        if (classical := _classical(whole, previous_classical)) is not None:
            previous_classical = classical.shaped if isinstance(classical.shaped, ClassicalParts) else None
            if pending_prose:
                classical = dataclasses.replace(classical, prefix=" ".join([*pending_prose, classical.prefix]).strip())
                pending_prose = []
            citations.append(classical)
            continue
        author_dated = _author_date_cites(whole, after_author_dates) or _bracketed_author_dates(whole)
        if (cites := author_dated or _letter_quoted_in(whole) or _cited_from_another(whole)
                or _dated_citations(whole) or _cued_short_forms(whole)) is not None:
            if pending_prose:
                cites[0] = dataclasses.replace(cites[0], prefix=" ".join([*pending_prose, cites[0].prefix]).strip())
                pending_prose = []
            citations.extend(cites)
            in_a_row = author_dated is not None
            continue
        chunk = whole
        citation = _from_chunk(chunk)
        if citation is not None and cross_reference(citation.body):
            citation = None  # "Supra, p. 131.": a place in the same book, the author's words
        if (citation is not None and citation.short_form and PAGE_WORD.match(citation.locator)
                and (volume := _TRAILING_VOLUME.search(citation.body)) and volume.start() > 0):
            # "Roe, Opere, 19, p. 606": the volume of a work in several is part of the place cited, not of its title
            citation = dataclasses.replace(citation, body=citation.body[: volume.start()],
                                           locator=f"{volume['volume']}, {citation.locator}")
        if citation is not None and citation.locator.startswith("at "):
            citation = dataclasses.replace(citation, locator=citation.locator[3:])  # the law's "Id. at 551": page 551
        if citation is None and listed is not None and chunk.endswith(";"):
            citation = listed(chunk)
        if citation is None and (owned := _possessive_works(chunk)) is not None:
            if pending_prose:
                owned[0] = dataclasses.replace(owned[0], prefix=" ".join([*pending_prose, owned[0].prefix]).strip())
                pending_prose = []
            citations.extend(owned)
            continue
        if citation is None:
            pending_prose.append(chunk)
            continue
        if pending_prose:
            prefix = " ".join(pending_prose + ([citation.prefix] if citation.prefix else []))
            citation = RawCitation(**{**citation.__dict__, "prefix": prefix})
            pending_prose = []
        citations.append(citation)
    leftover = " ".join(pending_prose)
    if leftover and citations:
        last = citations[-1]
        suffix = " ".join(part for part in (last.suffix, leftover) if part)
        citations[-1] = RawCitation(**{**last.__dict__, "suffix": suffix})
        leftover = ""
    return [each for citation in citations for each in _with_pages_compared(citation)], leftover


def _cued_pages(text: str) -> tuple[str, str] | None:
    """(the cue, the pages) of a text that is only a cue and pages ("cf. pp. 68."), or None."""
    cue = leading_cue(text)
    pages = _CUED_PAGES.fullmatch(text[cue:].strip()) if cue else None
    return (text[:cue].strip(), pages["loc"]) if pages else None


_CUED_PAGES = re.compile(rf"(?P<loc>{_PAGES})\s*[.;]?")


def _with_pages_compared(citation: RawCitation) -> list[RawCitation]:
    """A citation whose words after it are a cue and other pages of the same work ("Roe, Resolves (London,
    1661), p. 6; cf. pp. 68.") and a second citation of that work with them."""
    compared = _cued_pages(citation.suffix) if citation.suffix else None
    if compared is None:
        return [citation]
    cue, pages = compared
    return [dataclasses.replace(citation, suffix=""),
            dataclasses.replace(citation, prefix=cue, locator=pages, suffix="", parenthetical=False)]


def leading_author_end(body: str) -> int:
    """End offset of the personal names that open a citation ("Ann Roe, Title …"), or 0.

    Only names followed by a comma, "(ed.)" or " in " count: that is the
    structural evidence the field labeller's author span can be checked against.
    """
    end = names_end(body)
    suffix = _NAME_SUFFIX.match(body, end) if end else None
    if suffix and suffix["suffix"][0].isupper() and suffix["suffix"].casefold() in NAME_SUFFIXES:
        end = suffix.end()  # "Ann B. Roe, Jr., “Title”": the suffix is the name's
    return end if end and _FOLLOWERS.match(body, end) else 0


#: A word after the names' comma, before the comma that ends them: a name's suffix if names.py knows it ("Jr.", "III").
_NAME_SUFFIX = re.compile(r",\s*(?P<suffix>[A-Za-z]{2,3}\.?)(?=,)")
