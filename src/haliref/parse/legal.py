"""Legal citations: cases, codes and session laws, read by their shape as the law cites them.

Law reviews and legal history cite a case by its parties and its report
("Lum v. Rice, 275 U.S. 78 (1927)"), or by the report alone ("347 U.S. 483
(1954)"), then by a short form with the page pinned ("Brown, 347 U.S. at 495");
a code by title and section ("15 U.S.C. §703(a)"); session laws by volume and
page ("Act of June 16, 1933, c. 90, 48 Stat. 195, 196"). No field labeller
trained on books and articles reads these; the reports and codes are a data
file (``data/legal_reporters.tsv``), and a chunk that holds one becomes a CSL
``legal_case`` or ``legislation`` whose report is its container.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from haliref import resources as _data
from haliref.caches import memo

__all__ = ["LegalParts", "law_reports", "legal_parts"]

_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_PAGES = r"\d{1,5}(?:\s*[-–]\s*\d{1,5})?"
_MAX_NAME_WORDS = 14  # the parties' names are a few words; a longer run is the author's prose
#: a word of a case's parties: a capitalised word, or one of the small words inside names ("of", "&", "ex rel.")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w.&'’-]*,?|of|the|and|&|for|ex|rel\.|de|du|la|von|van|in|re)$")


@dataclass(frozen=True)
class LegalParts:
    """The fields of one legal citation, as printed; ``locator`` is the pinned page or subsection."""

    kind: str  # "legal_case" or "legislation"
    title: str = ""
    volume: str = ""
    reporter: str = ""
    page: str = ""
    court: str = ""
    date: str = ""
    locator: str = ""
    prefix: str = ""
    suffix: str = ""
    text: str = ""  # the citation's own words, from its name to its report or section

    def spans(self) -> list[tuple[str, str]]:
        """(label, text) pairs for the normalizers: the report is the container, the kind the CSL type."""
        pairs = [("type", self.kind), ("title", self.title), ("container-title", self.reporter),
                 ("volume", self.volume), ("pages", self.page), ("authority", self.court), ("date", self.date)]
        return [(label, text) for label, text in pairs if text]


@memo(None)
def law_reports() -> dict[str, str]:
    """``data/legal_reporters.tsv``: each law report's or code's abbreviation -> what it cites (case, code, statute)."""
    return dict(_data.table_rows("legal_reporters.tsv", 2))


@memo(None)
def _report_pattern() -> re.Pattern[str]:
    """"VOLUME REPORT PAGE" or "VOLUME CODE §SECTION", anywhere in a chunk (longest abbreviations first)."""
    names = sorted(law_reports(), key=len, reverse=True)
    reports = "|".join(_spelled(name) for name in names)
    return re.compile(
        rf"(?:(?<![\w.])(?P<volume>\d{{1,4}})|\[(?P<volume_year>{_YEAR})\](?:\s+(?P<part>\d{{1,2}}))?)"
        rf"\s+(?P<report>{reports})\s*"
        rf"(?:(?P<section>§{{1,2}}\s*[\w-]+(?:\.[\w-]+)*)(?P<sub>(?:\([\w]+\))*)|at\s+(?P<at>{_PAGES})"
        rf"|(?P<page>\d{{1,5}})(?:,\s*(?:at\s+)?(?:pp?\.\s*)?(?P<pin>{_PAGES}))?)"
        rf"(?:\s*\((?P<court>[^()]*?)\s*(?P<year>{_YEAR})\))?(?![\w])"
    )


#: A case named by its parties ("State v. Bell") before a report the data file does not hold, as older notes cite
#: a state's or a reporter's own volumes: "State v. Bell, 1872, 7 Baxter (Tenn.) 9", "Roe v. Poe, 76 N. C. 242".
_ANY_REPORT = re.compile(
    rf",\s+(?:(?P<year>{_YEAR}),\s+)?(?P<volume>\d{{1,4}})\s+"
    r"(?P<report>[A-Z][A-Za-z]*\.?(?:\s?[A-Z][A-Za-z]*\.?){0,3}?)\s+(?:\((?P<court>[^()\d]{1,20})\)\s+)?"
    rf"(?P<page>\d{{1,5}})(?:,\s*(?:at\s+)?(?:pp?\.\s*)?(?P<pin>{_PAGES}))?"
    rf"(?:\s*\((?P<court2>[^()]*?)\s*(?P<year2>{_YEAR})\))?(?![\w])"
)
_PARTIES = re.compile(r"\s(?:v|vs)\.\s+[A-Z]")
#: Session laws named by the state that made them: "Laws of Tex., 1866, p. 131", "Acts of Va., 1865–66, ch. 3".
_SESSION_LAWS = re.compile(
    rf"(?P<title>(?:(?:General|Public|Private|Session)\s+)?(?:Laws|Acts|Statutes)\s+of\s+[A-Z][\w.]*(?:\s[A-Z][\w.]*){{0,3}}),"
    rf"\s+(?P<year>{_YEAR})(?:[-–]\d{{2,4}})?(?:,\s+(?P<session>[^,;]{{1,30}}?sess\.))?"
    rf"(?:,\s+(?:pp?\.|ch\.|c\.|sec\.|§)\s*(?P<loc>{_PAGES}))?(?![\w])"
)


def _case_before_any_report(chunk: str) -> LegalParts | None:
    """A case whose parties ("… v. …") stand right before a volume, a report and a page."""
    for match in _ANY_REPORT.finditer(chunk):
        before = chunk[: match.start()]
        title, prefix = _named(before)
        if not _PARTIES.search(f" {title}"):
            continue
        return LegalParts(
            "legal_case", title=title, volume=match["volume"], reporter=match["report"].strip(),
            page=match["page"], court=(match["court"] or match["court2"] or "").strip(),
            date=match["year"] or match["year2"] or "", locator=match["pin"] or "", prefix=prefix.rstrip(" ,;"),
            suffix=chunk[match.end() :].strip(" .;,"), text=f"{title}{match.group()}",
        )
    return None


def _session_laws(chunk: str) -> LegalParts | None:
    match = _SESSION_LAWS.search(chunk)
    if match is None:
        return None
    return LegalParts("legislation", title=match["title"], date=match["year"], locator=match["loc"] or "",
                      prefix=chunk[: match.start()].strip(" ,;"), suffix=chunk[match.end() :].strip(" .;,"),
                      text=match.group())


def legal_parts(chunk: str) -> LegalParts | None:
    """The legal citation a note's chunk holds, with the author's words before and after it, or None."""
    match = _report_pattern().search(chunk)
    if match is None:
        return _case_before_any_report(chunk) or _session_laws(chunk)
    kind = law_reports()[_canonical(match["report"])]
    before = chunk[: match.start()].rstrip()
    after = chunk[match.end() :].strip(" .;,")
    report = _canonical(match["report"])
    volume = match["volume"] or match["part"] or ""
    dated = match["volume_year"] or ""  # "[1932] AC 562": the year is the volume's name (OSCOLA)
    if dated_before := re.search(rf"\(({_YEAR})\)$", before):  # "(1860) 8 HLC 369": the year before the report
        dated, before = dated_before.group(1), before[: dated_before.start()].rstrip()
    if match["section"]:
        section = re.sub(r"§\s*", "§", match["section"])
        return LegalParts("legislation", title=f"{volume} {report} {section}", locator=(match["sub"] or ""),
                          prefix=before.rstrip(" ,;"), suffix=after, text=match.group())
    title, prefix = _named(before)
    year = match["year"] or dated or ((found := re.search(rf"\b{_YEAR}\b", title)) and found.group()) or ""
    return LegalParts(
        "legislation" if kind == "statute" else "legal_case",
        title=title, volume=volume, reporter=report, page=match["page"] or "", court=(match["court"] or "").strip(),
        date=year, locator=match["at"] or match["pin"] or "", prefix=prefix, suffix=after,
        text=f"{before[len(prefix):].strip()} {match.group()}".strip(),
    )


def _spelled(name: str) -> str:
    """A report's abbreviation as a pattern: its spaces may be left out, and its stops where it has two or more
    ("H. L. C." also "H.L.C." and "HLC", "A.C." also "AC"; "P.", "Ch." and "Stat." keep theirs: "Ch 5" is a
    chapter)."""
    pattern = re.escape(name).replace(r"\ ", r"\s?")
    return pattern.replace(r"\.", r"\.?") if name.count(".") >= 2 else pattern


def _squeezed(report: str) -> str:
    return report.replace(" ", "").replace(".", "")


def _canonical(report: str) -> str:
    """The data file's spelling of a report written without its spaces or stops ("S.Ct." -> "S. Ct.", "AC" ->
    "A.C.")."""
    return _spellings().get(_squeezed(report), report)


@memo(None)
def _spellings() -> dict[str, str]:
    """Each report's letters -> its spelling in the data file (the longest, where two squeeze alike)."""
    found: dict[str, str] = {}
    for name in law_reports():
        if len(name) > len(found.get(_squeezed(name), "")):
            found[_squeezed(name)] = name
    return found


_PUBLIC_LAW = re.compile(r",?\s*Pub\.\s*L\.(?:\s*No\.)?\s*\d+[-–]\d+\s*,?$")


def _named(before: str) -> tuple[str, str]:
    """The name before a report ("Lum v. Rice,", "Act of June 16, 1933, c. 90,", "Brown,") and the author's words
    before that name: the name is the run of name-shaped words before the report, back to a sentence's end."""
    text = re.sub(r",?\s*c\.\s*\d+\s*,?$", "", before).rstrip(" ,")  # a session law's chapter ("c. 90")
    text = _PUBLIC_LAW.sub("", text).rstrip(" ,")  # a statute's public law number ("Pub. L. No. 12-345")
    words = text.split()
    start = len(words)
    while start > 0 and len(words) - start < _MAX_NAME_WORDS:
        word = words[start - 1]
        if not (_NAME_WORD.match(word) or re.fullmatch(r"v\.?|vs\.?|\d{1,4},?", word) or word.endswith(",")):
            break
        if (word.endswith(".") and start < len(words) and not re.fullmatch(r"vs?\.|[A-Z]\.|(?:[A-Z]\.)+|rel\.", word)
                and word.casefold() not in _data.lower_set("case_name_abbreviations.txt")):
            break  # a sentence ends before the name ("Inc." in "Motel Inc. v. Roe" ends none)
        start -= 1
    while start < len(words) and not words[start][:1].isupper():
        start += 1  # a name opens with a capital
    return " ".join(words[start:]).rstrip(","), " ".join(words[:start])
