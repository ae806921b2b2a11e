"""Text-level normalizers: unicode repair, typography, title structure.

Each class is one concern with its rule names; all work through ``Context.propose``
so that every change is a recorded, skippable :class:`~haliref.model.Correction`.
"""

from __future__ import annotations

import re

from haliref import resources
from haliref.caches import memo

from ._base import NAME_FIELDS, TITLE_FIELDS, Context, Record, strip_edges, strip_quotes
from .language import foreign_function_words

__all__ = [
    "BrokenWords", "DashRepair", "EmDashSpacing", "LeadingIn", "Mojibake", "PunctuationSpacing", "RangeDash",
    "SubtitleColon", "TitleJoin", "en_dash_ranges",
]

#: Fields where a number range may stand (years in titles, pages, dates, volumes).
RANGE_FIELDS = ("title", "container-title", "collection-title", "page", "locator", "issued", "volume", "issue", "note")
#: Fields holding numbers only, where a range takes its en dash in the data itself.
NUMBER_RANGE_FIELDS = ("page", "locator", "issued", "volume", "issue")


class Mojibake:
    """UTF-8 read as Latin-1/Windows-1252 ("PensÃ©e" -> "Pensée"), repaired by ftfy.fix_encoding."""

    name = "mojibake"
    confidence = 0.95

    def __call__(self, record: Record, ctx: Context) -> None:
        for key, value in list(record.fields.items()):
            if isinstance(value, str):
                record.fields[key] = ctx.propose(key, value, _fix_encoding(value), self.name, self.confidence)
            elif key in NAME_FIELDS and isinstance(value, list):
                record.fields[key] = [
                    ctx.propose(key, v, _fix_encoding(v), self.name, self.confidence) if isinstance(v, str) else v
                    for v in value
                ]


def _fix_encoding(text: str) -> str:
    """ftfy.fix_encoding, imported on first need: ASCII text has no mojibake (ftfy returns it as is)."""
    if text.isascii():
        return text
    import ftfy

    return ftfy.fix_encoding(text)


class OcrSlips:
    """What a PDF's text layer (OCR) made of a year or an initial: a year with a letter for a figure or a space
    inside ("I978", "l974", "197 4", "198 I", "I9O2": I and l for 1, O for 0), read as the year where nothing
    else in the date is one; "]." for the initial "J." (a bracket is no letter of a name)."""

    name = "ocr-slips"
    confidence = 0.85
    _year = re.compile(r"(?<![\w])([12Il](?: ?[\dIlO]){3})(?![\w])")
    _figures = str.maketrans("IlO", "110")
    _initial = re.compile(r"(?:(?<=^)|(?<=[\s,]))\]\.")
    _year_at_end = re.compile(r",\s*([12Il](?: ?[\dIlO]){3})\W*$")

    def _year_fixed(self, date: str) -> str:
        if re.search(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)", date):
            return date  # a year is there already

        def figures(m: re.Match[str]) -> str:
            year = m[1].replace(" ", "").translate(self._figures)
            real = sum(ch.isdigit() for ch in m[1])
            return year if real >= 2 and 1500 <= int(year) <= 2029 else m[0]

        return self._year.sub(figures, date)

    def __call__(self, record: Record, ctx: Context) -> None:
        date = record.get("issued")
        if date and (fixed := self._year_fixed(date)) != date:
            record.set("issued", ctx.propose("issued", date, fixed, self.name, self.confidence))
        for key in ("publisher-place", "publisher"):
            value = record.get(key)
            if record.get("issued") or not value or not (end := self._year_at_end.search(value)):
                continue
            year = self._year_fixed(end[1])  # "(Oxford, I978)": the year the labeller took for the place's
            if year != end[1] and ctx.propose("issued", "", year, self.name, self.confidence) == year:
                record.set(key, ctx.propose(key, value, value[: end.start()], self.name, self.confidence))
                record.set("issued", year)
        for key in NAME_FIELDS:
            names = record.fields.get(key)
            if not isinstance(names, list):
                continue
            record.fields[key] = [
                ctx.propose(key, v, self._initial.sub("J.", v), self.name, self.confidence)
                if isinstance(v, str) and "]." in v else v
                for v in names
            ]
        slips, misread = _word_slips()
        for key in TITLE_FIELDS:
            value = record.get(key)
            if value and (fixed := misread.sub(lambda m: slips[m[0]], value)) != value:
                record.set(key, ctx.propose(key, value, fixed, self.name, self.confidence))  # "Journal qf …"


@memo(None)
def _word_slips() -> tuple[dict[str, str], re.Pattern[str]]:
    """``data/ocr_word_slips.tsv``: each misread word and the word it stands for, and a pattern of them whole."""
    slips = dict(resources.table_rows("ocr_word_slips.tsv", 2))
    return slips, re.compile(rf"(?<![\w'’-])(?:{'|'.join(map(re.escape, sorted(slips)))})(?![\w'’-])")


class BrokenWords:
    """Words a PDF's text broke, rejoined where the whole is an English word and its parts are not: a
    line-end hyphen left with a space ("de- velopment", "Associ- ates", and a capitalised word's "Scot- tish"),
    or printed as a bullet ("Navi• gation", always joined),
    and a ligature set apart ("scienti fi c", "re fl ection"). "pre- and post-war" and "nineteenth- century"
    stay: "preand" is no word, "century" is. In a name, every such break is one ("S. Marsh- man")."""

    name = "broken-word"
    confidence = 0.9
    _hyphen_space = re.compile(r"\b([^\W\d_]+)([-•]) ([a-z]+)\b")
    _ligatures = frozenset({"ff", "fi", "fl", "ffi", "ffl"})
    _ligature_alone = re.compile(r"(?:^|\s)(?:ffi|ffl|ff|fi|fl)(?=\s|$)")  # the word list is read only then
    _fields = (*TITLE_FIELDS, "publisher")

    def _fix(self, text: str) -> str:
        words = resources.lower_set("english_common_words.txt")

        def hyphen(m: re.Match[str]) -> str:
            joined = m[1] + m[3]
            if m[2] == "•":
                return joined  # a PDF's line-end hyphen printed as a bullet ("Navi• gation"): never a real one
            if m[3] in words:
                return m[0]
            # a proper adjective the word list lacks ("Scot- tish", "Vic- torian"); not a combining form
            # ("Anglo- american", "Franco- prussian"), which keeps its hyphen
            proper = m[1][:1].isupper() and m[1][1:].islower() and not m[1].endswith("o") and len(m[3]) > 1
            return joined if joined.lower() in words or proper else m[0]

        return self._ligature_gaps(self._hyphen_space.sub(hyphen, text), words)

    def _ligature_gaps(self, text: str, words: frozenset[str]) -> str:
        """Each ligature standing alone joined to its neighbours: both ("scienti fi c"), the next ("fl ow",
        "of fi ce"), or the one before, the first of these that makes a word."""
        tokens = text.split(" ")
        out: list[str] = []
        position = 0
        while position < len(tokens):
            token = tokens[position]
            after = tokens[position + 1] if position + 1 < len(tokens) else ""
            before = out[-1] if out else ""
            if token not in self._ligatures:
                out.append(token)
            elif before.isalpha() and after.isalpha() and (before + token + after).lower() in words and not (
                    before.lower() in words and after in words):
                out[-1] = before + token + after
                position += 1
            elif after.isalpha() and (token + after).lower() in words and (after not in words or len(after) < 3):
                out.append(token + after)
                position += 1
            elif before.isalpha() and (before + token).lower() in words and before.lower() not in words:
                out[-1] = before + token
            else:
                out.append(token)
            position += 1
        return " ".join(out)

    _english = frozenset({"the", "of", "and", "in", "to", "for", "on", "a", "an", "with", "from", "by"})
    _closing = ",.;:!?’”'\")"

    def _syllable_gaps(self, text: str, words: frozenset[str]) -> str:
        """A word a PDF's text set apart at its hyphenation points, rejoined where the whole is an English word
        and a part is not ("The His tory of a Con ti nent", "Ed u ca tion"), the later parts in lower case; only in
        an English text (two of its words English function words) or one with two such fragments ("Cam bridge
        Uni ver sity Press")."""
        tokens = text.split(" ")
        foreign = foreign_function_words()  # "Les quais de la mer": "de", "la" are words, not pieces
        fragments = sum(token.isalpha() and token.islower() and len(token) <= 4 and token not in words
                        and token not in foreign for token in tokens)
        if fragments < 2 and sum(token.casefold() in self._english for token in tokens) < 2:
            return text
        out: list[str] = []
        position = 0
        while position < len(tokens):
            joined = None
            for end in range(min(len(tokens), position + _MAX_SYLLABLES), position + 1, -1):
                parts = tokens[position:end]
                closing = parts[-1][len(parts[-1].rstrip(self._closing)) :]
                parts = [*parts[:-1], parts[-1][: len(parts[-1]) - len(closing)]]
                if (all(part.isalpha() for part in parts) and all(part.islower() for part in parts[1:])
                        and "".join(parts).lower() in words and any(part.lower() not in words for part in parts)):
                    joined, position = "".join(parts) + closing, end
                    break
            if joined is None:
                joined = tokens[position]
                position += 1
            out.append(joined)
        return " ".join(out)

    def __call__(self, record: Record, ctx: Context) -> None:
        for key in self._fields:
            value = record.get(key)
            if not value:
                continue
            fixed = value
            if self._hyphen_space.search(value) or self._ligature_alone.search(value):
                fixed = self._fix(value)
            fixed = self._syllable_gaps(fixed, resources.lower_set("english_common_words.txt"))
            record.set(key, ctx.propose(key, value, fixed, self.name, self.confidence))
        for key in NAME_FIELDS:  # a name goes on in lower case after its hyphen only where a line broke it
            names = record.fields.get(key)
            if isinstance(names, list) and any(isinstance(n, str) and self._hyphen_space.search(n) for n in names):
                record.fields[key] = [
                    ctx.propose(key, n, self._hyphen_space.sub(r"\1\3", n), self.name, self.confidence)
                    if isinstance(n, str) else n
                    for n in names
                ]


_MAX_SYLLABLES = 5  # "Ed u ca tion": a word set apart in up to five pieces


class LostSpaces:
    """A space a scrape lost after a short English word, put back where the parts are words and the whole is
    not: "bythe Nazis", "tocarry out", "Memoirs ofPascal Paoli". Only after of, in, to, by, on, at, and, the,
    for, with, from, only in a word all in lower case (or lower case then a capitalised word), and only in an
    English text (two of its other words English function words): "often", "into", "theory", "McDonald" and
    Italian "in onore" stay."""

    name = "lost-space"
    confidence = 0.9
    _short = "of|in|to|by|on|at|and|the|for|with|from"
    _before_capital = re.compile(rf"(?<![\w'’-])({_short})(?=[A-Z][a-z])")
    _glued = re.compile(rf"(?<![\w'’-])({_short})([a-z]{{3,}})(?![\w'’-])")
    _fields = (*TITLE_FIELDS, "publisher")
    _english = frozenset({"the", "of", "and", "to", "by", "with", "from", "for", "an", "on", "at", "as"})
    _glued_the = re.compile(rf"(?:{_short})the")

    def _fix(self, text: str) -> str:
        # "ofthe" is English however few other words are ("Report ofthe Congress")
        if sum(word in self._english or bool(self._glued_the.fullmatch(word)) for word in text.casefold().split()) < 2:
            return text
        words = resources.lower_set("english_common_words.txt")

        def glued(m: re.Match[str]) -> str:
            whole = m[0]
            return whole if whole in words or m[2] not in words else f"{m[1]} {m[2]}"

        return self._glued.sub(glued, self._before_capital.sub(r"\1 ", text))

    def __call__(self, record: Record, ctx: Context) -> None:
        for key in self._fields:
            value = record.get(key)
            if value and (self._before_capital.search(value) or self._glued.search(value)):
                record.set(key, ctx.propose(key, value, self._fix(value), self.name, self.confidence))


class DashRepair:
    """A scraped en dash turned into ’ ' ? U+FFFD, a PDF text layer's ± (or left as mojibake "â€“"), or typed as
    TeX's and a typewriter's "--", between the numbers of a range.

    Years: two 4-digit years, the second not before the first (0.9), or a 4-digit
    year and a 1-2 digit abbreviated end that is later (0.85). In the page field
    any two numbers (0.9).
    """

    name = "dash-repair"
    _junk = "(?:--|[’'?\ufffd±]|â€“|â€”|â€™|â€)"
    _years = re.compile(rf"(?<![\d\w])(\d{{4}}){_junk}(\d{{4}}|\d{{1,2}})(?![\d\w’'])")
    _pages = re.compile(rf"(?<![\d\w])(\d+){_junk}(\d+)(?![\d\w])")

    def __call__(self, record: Record, ctx: Context) -> None:
        for key in RANGE_FIELDS:
            value = record.get(key)
            if not value:
                continue
            if key in ("page", "locator"):
                after = self._pages.sub(lambda m: f"{m[1]}–{m[2]}", value)
                record.set(key, ctx.propose(key, value, after, self.name, 0.9))
                continue
            confidences: list[float] = []

            def repl(m: re.Match[str], confidences: list[float] = confidences) -> str:
                first, second = m[1], m[2]
                if len(second) == 4:
                    if int(second) < int(first):
                        return m[0]
                    confidences.append(0.9)
                else:
                    if int(first[: 4 - len(second)] + second) <= int(first):
                        return m[0]
                    confidences.append(0.85)
                return f"{first}–{second}"

            after = self._years.sub(repl, value)
            if confidences:
                record.set(key, ctx.propose(key, value, after, self.name, min(confidences)))


_NUMBER_RANGE = re.compile(r"(?<![\w\-–/.])(\d{1,4})-(\d{1,4})(?![\w\-–/])")
_ROMAN_END = r"[IVXLC]+(?:e|er|ème|th|st|nd|rd)?"
_CENTURY_RANGE = re.compile(rf"(?<![\w\-–])({_ROMAN_END})-({_ROMAN_END})(?![\w\-–])")


def en_dash_ranges(text: str) -> str:
    """A hyphen between the two ends of a range -> en dash (CMOS 6.78): 1959-1966, 195-6, XVIIe-XXe, 3-4."""
    text = _NUMBER_RANGE.sub(lambda m: f"{m[1]}–{m[2]}", text)

    def roman(m: re.Match[str]) -> str:
        a, b = m[1], m[2]
        if len(a) + len(b) < 3 or not (a[-1].islower() or b[-1].islower() or len(a) > 1 or len(b) > 1):
            return m[0]
        return f"{a}–{b}"

    return _CENTURY_RANGE.sub(roman, text)


class RangeDash:
    """A hyphen between the two ends of a number range -> en dash, in the numbers' own fields (pages, dates,
    volumes). Titles keep the hyphen they were printed with: the export is the source's text, and the
    Chicago renderer sets the dash (``render.prepare``)."""

    name = "range-dash"
    confidence = 0.9

    def __call__(self, record: Record, ctx: Context) -> None:
        for key in NUMBER_RANGE_FIELDS:
            value = record.get(key)
            if value:
                record.set(key, ctx.propose(key, value, en_dash_ranges(value), self.name, self.confidence))


class _TitleSpacing:
    """A spacing in titles closed up: every match of ``_spaced`` becomes ``_closed``."""

    name: str
    confidence = 0.95
    _spaced: re.Pattern[str]
    _closed: str

    def __call__(self, record: Record, ctx: Context) -> None:
        for key in TITLE_FIELDS:
            value = record.get(key)
            if value and self._spaced.search(value):
                record.set(key, ctx.propose(key, value, self._spaced.sub(self._closed, value), self.name,
                                            self.confidence))


class EmDashSpacing(_TitleSpacing):
    """Spaces around an em dash in a title closed up (CMOS 6.85: "Society—the Case")."""

    name = "em-dash-spacing"
    _spaced = re.compile(r"(?<=\w)\s+—\s+(?=\w)|(?<=\w)\s+—(?=\w)|(?<=\w)—\s+(?=\w)")
    _closed = "—"


class PunctuationSpacing(_TitleSpacing):
    """A space before a comma, semicolon, colon, question or exclamation mark in a title closed up: a PDF's
    justified line ("Postcolonial Theory , India"), French typography ("La Révolution : une histoire")."""

    name = "punctuation-spacing"
    _spaced = re.compile(r"(?<=\w[\w’”'\".)])\s+(?=[,;:?!](?:\s|$))")
    _closed = ""


class TitleJoin:
    """Two spans of one title field: joined with ": " when the second starts a subtitle.

    The raw record joins the spans with a space, keeping their punctuation
    ("After the War, The Second Republic"); this rule makes the first span's
    final comma/period a colon when the next span starts with a capital or a digit.
    """

    name = "title-join"
    confidence = 0.8

    def __call__(self, record: Record, ctx: Context) -> None:
        for key in TITLE_FIELDS:
            parts = [strip_quotes(strip_edges(p)) for p in record.parts.get(key, [])]
            parts = [p for p in parts if p]
            if len(parts) < 2 or not record.get(key):
                continue
            joined = parts[0]
            for part in parts[1:]:
                if joined[-1] in "?!:" or not (part[0].isupper() or part[0].isdigit()):
                    joined = f"{joined} {part}"
                else:
                    joined = f"{joined}: {part}"
            record.set(key, ctx.propose(key, record.get(key), joined, self.name, self.confidence))


class LeadingIn:
    """Leading "in", "In:", "in his/her/their" removed from the container (or a lone title)."""

    name = "leading-in"
    confidence = 0.9
    _lead = re.compile(r"^(?:in|dans|im)(?:\s+(?:his|her|their|its|my|our)\b|\s*:)?\s*(?=\S)", re.IGNORECASE)

    def __call__(self, record: Record, ctx: Context) -> None:
        keys = ["container-title"] if record.get("container-title") else ["title"]
        for key in keys:
            value = record.get(key)
            m = self._lead.match(value)
            if not m or m.end() == 0 or (not value[m.end() - 1 : m.end()].isspace() and value[m.end() - 1] != ":"):
                continue
            rest = value[m.end() :]
            marker = value[: m.end()].strip()
            if not (rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "‘“«\"'"):
                continue
            # A title may itself start with "In" ("In Search of Lost Time"): for a lone title
            # only a lower-case "in", "In:" or "in his/her/..." is taken as the marker.
            if key == "title" and not (marker[0].islower() or marker.endswith(":") or " " in marker):
                continue
            new = strip_quotes(strip_edges(rest))
            possessive = " " in marker  # "in his …": the author's own book, not a container
            if key == "container-title" and possessive and not record.get("title") and not record.fields.get("editor"):
                if ctx.propose("title", value, new, self.name, self.confidence) == new:
                    record.set("container-title", "")
                    record.set("title", new)
                    record.chapter = False
                continue
            record.set(key, ctx.propose(key, value, new, self.name, self.confidence))


class PossessiveAuthor:
    """A title written as its author's possessive ("Trevelyan’s “Life of Macaulay,”", "Macaulay’s History of
    England", as nineteenth-century notes cite): the name is the author, the words after it the title. Only
    where the citation has no author or editor; surer before quotation marks (0.85) than before a capitalised
    word (0.75: "Gray’s Anatomy" is read as Gray's book "Anatomy", which it is)."""

    name = "possessive-author"
    _quoted = re.compile(
        r"^(?P<name>[A-ZÀ-ÖØ-Þ][\w.-]*?(?:\s+[A-ZÀ-ÖØ-Þ][\w.-]*?){0,3})(?:[’']s|(?<=s)[’'])\s+[“\"‘](?P<title>[^”\"’]+?)[,.]?[”\"’][,.]?$"
    )
    _plain = re.compile(
        r"^(?P<name>[A-ZÀ-ÖØ-Þ][\w.-]*?(?:\s+[A-ZÀ-ÖØ-Þ][\w.-]*?){0,3})(?:[’']s|(?<=s)[’'])\s+(?P<title>[A-ZÀ-ÖØ-Þ][^“”\"]*)$"
    )

    _initials = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ]\.\s?)+$")

    def __call__(self, record: Record, ctx: Context) -> None:
        title = record.get("title")
        authors = record.fields.get("author") or []
        initials = ""  # "E. | Fraenkel’s Horace": the labeller took the initials alone for the author
        if len(authors) == 1 and isinstance(authors[0], str) and self._initials.match(authors[0].strip()):
            initials = authors[0].strip()
        elif authors or record.fields.get("editor"):
            return
        match, confidence = self._quoted.match(title), 0.85
        if not match:
            match, confidence = self._plain.match(title), 0.75
        if not match or match.group("name").split()[0].casefold() in resources.all_articles():
            return  # "The Nation’s Other Story" is a title
        new = match.group("title").strip()
        if ctx.propose("title", title, new, self.name, confidence) == new:
            record.set("title", new)
            author = f"{initials} {match.group('name')}".strip()
            ctx.propose("author", initials, author, self.name, confidence)
            record.fields["author"] = [author]


class SubtitleColon:
    """A run-in subtitle after ". " -> ": " ("The Rites of Kings. Ritual in Modern Society").

    Only the first such break, only when the part before has at least two words
    and does not end with an abbreviation or initial, and the part after starts
    with a capital.
    """

    name = "subtitle-colon"
    confidence = 0.8
    _break = re.compile(r"(?<=[^\s.])\. (?=[A-ZÀ-ÖØ-Þ])")

    def __call__(self, record: Record, ctx: Context) -> None:
        for key in ("title", "container-title"):
            value = record.get(key)
            if not value or ". " not in value:
                continue
            for m in self._break.finditer(value):
                head = value[: m.start()]
                words = head.split()
                last = words[-1].strip("‘“'\"(") if words else ""
                abbreviation = last.casefold() in resources.abbreviations("not-a-sentence-end")
                if len(words) < 2 or len(last) <= 1 or abbreviation or "." in last:
                    continue
                after = f"{head}: {value[m.end():]}"
                record.set(key, ctx.propose(key, value, after, self.name, self.confidence))
                break
