"""The note reader: where a note's citations are, decided with the field labeller's reading of the note.

The splitter (:mod:`haliref.parse.split`) proposes citations from the note's
punctuation, cue words and name shapes. Where its rules find no citation, or
read a whole item as a short form ("Surname, Title, 45"), the field labeller
reads the item as a whole: when it sees a full reference there (a title and at
least two imprint fields: date, place, publisher, journal, volume …), the item
is one citation, whatever the rules said. So a plain bibliography line
("Pate, C. Marvin. What Does the Future Hold? … Grand Rapids: Baker, 2010.")
or a reference with many initials is not dropped as prose nor cut into a
short form: no cut is made that the labeller cannot see. Where the rules found
nothing and the labeller reads a compact note as citation fields only (a short
form of a work cited in another chapter, an author-date citation, a law report),
that note is one citation too, its closing pages the cited ones.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

from haliref import resources
from haliref.parse.archival import YEAR_WORD
from haliref.parse.documents import SourceNoteParts
from haliref.parse.split import (
    PAGE_WORD,
    POSSESSIVE_OPENING,
    RawCitation,
    cited_pages_in_brackets,
    cites_back,
    closed_inverted_end,
    cross_reference,
    cue_then_aside,
    ends_with_cue,
    in_edited_book,
    inverted_author_end,
    is_author_date_cite,
    leading_author_end,
    leading_cue,
    names_end,
    opens_like_a_full_reference,
    split_note,
)
from haliref.parse.tagger import Tagger, Token

__all__ = ["CITATION_FIELDS", "IMPRINT_FIELDS", "prose_then_reference", "read_note", "reads_as_reference",
           "reads_as_short_citation", "reference_then_prose", "references_in_a_row", "references_in_prose"]

#: Fields that only a full reference has (a short form has at most a title and pages).
IMPRINT_FIELDS = frozenset(
    {"date", "publisher", "location", "journal", "container-title", "volume", "doi", "url", "isbn", "edition"}
)


def reads_as_reference(text: str, tagger: Tagger) -> bool:
    """The labeller reads ``text`` as one full reference: a title, and two imprint fields or more."""
    labels = {label for _, label, _ in tagger.label_tokens(text)}
    return "title" in labels and len(labels & IMPRINT_FIELDS) >= 2


_BRACKETED_YEAR_END = re.compile(r"\(\d{4}\)$")


def _second_work_after_dated_one(citation: RawCitation, tagger: Tagger) -> bool:
    """A work cited by its author, title and bracketed year alone, as British notes cite books, then "and" and
    the words of another ("Ann Roe, The Harbour Ledger (1990), and ‘Grain’, in …"): the labeller reads those
    three fields in the body and no others."""
    first = citation.suffix.split(maxsplit=1)[0].casefold() if citation.suffix.strip() else ""
    return (first in resources.lower_set("and_words.txt") and _BRACKETED_YEAR_END.search(citation.body) is not None
            and {label for _, label, _ in tagger.label_tokens(citation.body)} == {"author", "title", "date"})


def _reads_as_titleless_reference(text: str, tagger: Tagger) -> bool:
    """The sciences' short style, a whole note or entry: "E. Roe, P. Lee, Nano Lett. 2010, 10, 1082" —
    names first, then a journal and two more imprint fields, no title."""
    labelled = tagger.label_tokens(text)
    imprint = {label for _, label, _ in labelled} & IMPRINT_FIELDS
    return _opens_with_names(labelled) and "journal" in imprint and len(imprint) >= 3


#: Fields a short citation is made of ("Roe, Origines, 45", "Holl 1974, 12", "[1990] 2 AC 45").
CITATION_FIELDS = IMPRINT_FIELDS | {"author", "editor", "title", "pages"}
_SHORT_CITATION_TOKENS = 16  # a short form or an author-date citation is compact; prose runs longer


def reads_as_short_citation(text: str, tagger: Tagger) -> bool:
    """The labeller reads ``text`` as a compact citation: two kinds of citation field or more, and no prose.

    Every token is labelled with a citation field, of at least two kinds that are
    not title alone (a sentence of prose is read as one long title), within a
    short-form's length.
    """
    labelled = tagger.label_tokens(text)
    if not 2 <= len(labelled) <= _SHORT_CITATION_TOKENS:
        return False
    labels = [label for _, label, _ in labelled]
    kinds = set(labels)
    return kinds <= CITATION_FIELDS and len(kinds - {"title"}) >= 1 and len(kinds) >= 2


def _short_citation(item: str, tagger: Tagger) -> RawCitation:
    """A compact citation the rules missed; a page range at its end, after a short form, is the cited locator."""
    labelled = tagger.label_tokens(item)
    kinds = {label for _, label, _ in labelled}
    cue = leading_cue(item)
    end = len(item)
    locator = ""
    # author, title, year and pages only: a short form, whose closing pages are the cited ones
    if not kinds & (IMPRINT_FIELDS - {"date"}) and labelled[-1][1] == "pages" and kinds != {"pages"}:
        first = next(i for i in range(len(labelled) - 1, -1, -1) if labelled[i][1] != "pages") + 1
        end = labelled[first][0].start
        locator = item[end:].strip().rstrip(".;").removeprefix("pp.").removeprefix("p.").strip()
    body = item[cue:end].strip().rstrip(",;").strip()
    return RawCitation(body=body or item[cue:].strip(), prefix=item[:cue].strip(), locator=locator,
                       short_form=bool(locator))


#: Fields a reference ends on; where the next token is an author, the next reference may begin.
_CLOSING_FIELDS = frozenset({"date", "publisher", "pages", "location", "journal", "volume", "doi", "url", "isbn"})
_MIN_ROW_TOKENS = 30  # shorter than two full references together: never cut


def references_in_a_row(item: str, tagger: Tagger) -> list[str]:
    """Whole references pasted one after another without numbers or line breaks, cut where the labeller reads one
    closing (a year, pages, a publisher after a full stop) and a capitalised name, or words it cannot place, next.

    Every piece must read as a full reference on its own; otherwise nothing is cut.
    """
    if len(item.split()) < _MIN_ROW_TOKENS:  # the labeller's tokens, counted before it is asked: never cut
        return []
    labelled = tagger.label_tokens(item)
    starts = [0]
    for i in range(1, len(labelled)):
        (before, closing, _), (token, label, _) = labelled[i - 1], labelled[i]
        if (closing in _CLOSING_FIELDS and label in ("author", "editor", "note") and before.text[-1:] in ".)"
                and token.text[:1].isupper() and i - starts[-1] >= 6):
            starts.append(i)
    if len(starts) < 2:
        return []
    offsets = [labelled[i][0].start for i in starts] + [len(item)]
    pieces = [item[a:b].strip() for a, b in itertools.pairwise(offsets)]
    return pieces if all(reads_as_reference(piece, tagger) for piece in pieces) else []


#: A sentence ends (".", ")" or "]", not after an initial) and the next begins with a capital.
_SENTENCE_END = re.compile(r"(?<![\s.][^\W\d_]\.)(?<=[.)\]])\s+(?=[\"“‘(]?[^\W\d_])")
#: The letters before a full stop, in the text read backwards: a search forwards for the word that ends at the
#: stop tries every letter of the text before it.
_LAST_WORD_BACKWARDS = re.compile(r"\.([^\W\d_]+)")
_MIN_COMMENT_WORDS = 5
#: A capitalised word after a lower-case one, inside a sentence: where a name may begin.
_NAME_AFTER_PROSE = re.compile(r"(?<=[^\W\d_A-Z]),? +(?=[^\W\d_])")


def _bracket_balance(text: str, start: int, end: int) -> int:
    """Round and square brackets opened in ``text[start:end]`` less those closed there."""
    return (text.count("(", start, end) + text.count("[", start, end)
            - text.count(")", start, end) - text.count("]", start, end))


def _word_before_stop(backwards: str, stop_end: int) -> str:
    """The letters just before the full stop that ends at ``stop_end`` of a text ('' if there are none), read in
    ``backwards``, the text reversed."""
    found = _LAST_WORD_BACKWARDS.match(backwards, len(backwards) - stop_end)
    return found.group(1)[::-1] if found else ""


def _sentence_ends(text: str) -> list[re.Match[str]]:
    """Full stops that end a sentence: outside brackets ("(Roe, China and Yemen. A Report, 1985)"), and not
    after an abbreviation that never ends one ("ed.", "cf.", "vol.")."""
    not_an_end = resources.abbreviations("not-a-sentence-end")
    ends = []
    backwards = text[::-1]
    depth = counted = 0  # brackets opened less those closed in text[:counted]: each stretch counted once
    for end in _SENTENCE_END.finditer(text):
        depth += _bracket_balance(text, counted, end.start())
        counted = end.start()
        if depth > 0:
            continue
        last = _word_before_stop(backwards, end.start())
        if not (last and last.casefold() in not_an_end):
            ends.append(end)
    return ends


def _reads_as_prose(text: str, min_words: int = _MIN_COMMENT_WORDS) -> bool:
    """A sentence of someone's own words: five words or more, most of them starting lower case."""
    words = [word for word in text.split() if word[:1].isalpha()]
    return len(words) >= min_words and 2 * sum(word[:1].islower() for word in words) > len(words)


#: What only an imprint holds: a comment's sentences read as a book's or journal's name ("A plain survey of
#: …") are still a comment; a place, a publisher or a date after them make the words part of the reference.
_PUBLISHED_BY = frozenset({"date", "publisher", "location", "doi", "url", "isbn", "edition"})


def reference_then_prose(item: str, tagger: Tagger) -> tuple[str, str] | None:
    """A full reference followed by sentences of comment (an annotated reading list, a note that goes on to
    discuss the work): the reference and the comment, cut at the first sentence end after which the labeller
    reads a full reference before and the words after read as prose, with no citation of their own."""
    ends = _sentence_ends(item)
    if not ends:
        return None
    labelled: list[tuple[Token, str, float]] | None = None  # labelled only once some tail reads as prose
    for end in ends:
        head, tail = item[: end.start()].strip(), item[end.end() :].strip()
        if PAGE_WORD.match(tail) or not _reads_as_prose(tail):
            continue  # "(Leeds, 1971) p. 88. Cited below as …": the pages cited go on the reference
        if labelled is None:
            labelled = tagger.label_tokens(item)
        if any(token.start >= end.end() and label in _PUBLISHED_BY for token, label, _ in labelled):
            continue  # an imprint after the words ("In two parts. London: printed for the author"): one reference
        if not split_note([tail])[0] and reads_as_reference(head, tagger) and not reads_as_reference(tail, tagger):
            return head, tail
    return None


def prose_then_reference(item: str, tagger: Tagger) -> tuple[str, str] | None:
    """Sentences of the author's own words, then a full reference ("This was first argued in 1921. See …"):
    the prose and the rest, cut at the last sentence end before which the words read as prose and after
    which the labeller reads a full reference, where the words before hold no citation of their own ("Ibid.").
    """
    # the sentence ends after words that read as prose, found before the labeller is asked anything
    ends = [end for end in reversed(_sentence_ends(item)) if _reads_as_prose(item[: end.start()].strip())]
    if not ends or tagger.label_tokens(item)[0][1] in ("author", "editor"):
        return None  # a reference that starts with its author has no words of the note's author before it
    for end in ends:
        head, tail = item[: end.start()].strip(), item[end.end() :].strip()
        if not split_note([head])[0] and reads_as_reference(tail, tagger) and not reads_as_reference(head, tagger):
            return head, tail
    return None


#: Words before a name that opens a reference in the same sentence: "The standard work is Ann Roe, …".
_MIN_LEAD_WORDS = 3


def _prose_lead(item: str, tagger: Tagger) -> int:
    """Where a full reference begins after the author's words inside one sentence ("On the census of 1931,
    the best account remains Ann Roe, …"): a capitalised name after lower-case prose, from which the labeller
    reads a name first and a full reference; 0 when the labeller reads the note's first words as no title,
    unless they are a cue and an aside ("See, on this point, the remarks of Ann Roe, …")."""
    labelled = tagger.label_tokens(item)
    if not labelled or (labelled[0][1] != "title" and not cue_then_aside(item)):
        return 0
    for start in _NAME_AFTER_PROSE.finditer(item):
        head, tail = item[: start.start()].strip(), item[start.end() :]
        if not tail[:1].isupper() or head.split()[-1][:1].isupper():
            continue  # the name starts after the author's words: "remains Ann Roe", never inside it ("Ann | Roe")
        if _sentence_ends(head) or head[-1:] in ".;:":
            return 0  # only inside the first sentence
        if not _reads_as_prose(head, _MIN_LEAD_WORDS):
            continue
        opening = tagger.label_tokens(tail)
        if opening and opening[0][1] in ("author", "editor") and reads_as_reference(tail, tagger):
            return start.end()
    return 0


def read_note(items: list[str], tagger: Tagger) -> tuple[list[RawCitation], str]:
    """The citations of a note (its list items' texts), and prose that belongs to none: a pointer to another
    place in the same book ("Supra, p. 131.") is the author's words, whoever read it as a citation."""
    if len(items) == 1 and _only_names(items[0]):
        return [], items[0].strip()  # "Ann Roe, Peter Marsh, Jan de Vries, …": the page's people, no work
    if len(items) == 1 and _PAGES_OF_THE_WORK_DISCUSSED.match(items[0].strip()):
        return [], items[0].strip()  # "P. 45.", "Pp. 84–5: ‘…’": a review's pointer into the book it reviews
    citations, leftover = _read_note(items, tagger)
    if len(citations) == 1 and _people_thanked(citations[0], text := " ".join(item.strip() for item in items), tagger):
        return [], text
    citations = [_author_named_before_in(citation) for citation in citations]
    if not any(cross_reference(citation.body) for citation in citations):
        return citations, leftover
    kept = [citation for citation in citations if not cross_reference(citation.body)]
    if not kept:
        return [], " ".join(item.strip() for item in items)
    pointers = [" ".join(part for part in (c.prefix, c.body, c.locator) if part)
                for c in citations if cross_reference(c.body)]
    return kept, " ".join(part for part in (leftover, *pointers) if part)


def _people_thanked(citation: RawCitation, text: str, tagger: Tagger) -> bool:
    """An author's note of thanks ("I would like to thank Ann Roe, Bob Poe, Carl Moe, and the editors for their
    help"): the words of an author's own note (``data/author_note_words.txt``) before what the rules took for a
    citation, which the labeller reads as a list of people's names, then words in lower case, without a figure:
    people, no work ("I owe thanks to Roe, Poe and Moe, Harbours" is a short form thanked for, and stays)."""
    before = text[: max(text.find(citation.body), 0)] or citation.prefix
    if not resources.authors_note_words().search(before.casefold()) or any(c.isdigit() for c in citation.body):
        return False
    labelled = tagger.label_tokens(citation.body)
    if not {label for _, label, _ in labelled} <= {"author", "editor", "title"}:
        return False
    names = [token.text for token, _, _ in itertools.takewhile(lambda each: each[1] in ("author", "editor"), labelled)]
    if names and names[-1].casefold() in resources.lower_set("and_words.txt"):
        names.pop()  # "Ann Roe, Bob Poe, and | the editors …": the list's last "and" goes with what follows
    rest = " ".join(token.text for token, _, _ in labelled[len(names) :])
    return bool(names) and _only_names(" ".join(names).rstrip(",")) and len(_PROSE_WORD.findall(rest)) >= 2


#: A note that is only pages, or pages and the words quoted from them ("P. 45.", "Pp. 84–5: ‘The winter …’",
#: "P. 31, n. 2: “…”"): a review article's or a commentary's pointer into the work it discusses, no work cited.
_PAGES_OF_THE_WORK_DISCUSSED = re.compile(
    r"^(?:pp?|pages?)\.?\s*(?:\d+|[ivxlc]+\b)(?:\s*(?:--|[-–])\s*(?:\d+|[ivxlc]+\b))?(?:ff?\.?)?"
    r"(?:,\s*n\.\s*\d+)?(?:\.?\s*$|:\s*[‘“\"«'])", re.IGNORECASE)
_LIST_OF_NAMES = 3  # "Roe, Poe" may be a short form's author and title; three names and more are a list


def _only_names(text: str, at_least: int = _LIST_OF_NAMES) -> bool:
    """``text`` is a list of personal names and nothing else ("Russell Roe, Ann Poe, R.V. Marsh, and Jan de
    Vries")."""
    pieces = [piece.strip() for piece in _BETWEEN_NAMES.split(text.strip().rstrip("."))]
    return len(pieces) >= at_least and all(piece and names_end(piece) == len(piece) for piece in pieces)


_BETWEEN_NAMES = re.compile(r",\s*(?:and|&)\s+|,|\band\b|&")  # the serial comma's ", and" is one separator


def _read_note(items: list[str], tagger: Tagger) -> tuple[list[RawCitation], str]:
    if len(items) == 1 and (parts := reference_then_prose(items[0].strip(), tagger)):
        head, comment = parts
        citations, leftover = read_note([head], tagger)
        return citations, " ".join(part for part in (leftover, comment) if part)
    if len(items) == 1 and (parts := prose_then_reference(items[0].strip(), tagger)):
        lead, rest = parts
        citations, leftover = read_note([rest], tagger)
        if not citations:
            return citations, " ".join(part for part in (lead, leftover) if part)
        first = citations[0]  # the author's words before a citation are its prefix, as a cue is
        citations[0] = dataclasses.replace(first, prefix=" ".join(part for part in (lead, first.prefix) if part))
        return citations, leftover
    citations, leftover = _with_references_in_suffixes(*split_note(items, lambda chunk: _listed(chunk, items, tagger)),
                                                       tagger)
    if len(citations) == 1:  # (several pieces of one reference are joined below: _one_reference_cut_apart)
        citations = [_with_its_title(citations[0], tagger)]
    citations = [_full_not_short(_with_its_author(_volume_and_pages_cited(citation), tagger), tagger,
                                 among_others=len(citations) > 1) for citation in citations]
    citations = _same_author_after_semicolons(citations, " ".join(items), tagger)
    if len(items) != 1:
        return citations, leftover
    item = items[0].strip()
    if len(citations) == 1 and _cued_reference(citations[0], tagger):
        return [dataclasses.replace(citations[0], short_form=False)], leftover
    unsure = not citations or (len(citations) == 1 and not citations[0].ibid and not citations[0].shaped
                               and not _after_the_authors_cue(citations[0]) and not _author_dated(citations[0])
                               and not (citations[0].parenthetical and citations[0].locator) and (
        citations[0].short_form or _cut_short(citations[0], item, tagger)))
    if (row := references_in_a_row(item, tagger)) and len(row) >= len(citations):
        return [RawCitation(body=piece.rstrip(";")) for piece in row], ""
    if len(_IMPRINT.findall(item)) > len(citations):
        in_prose, rest = references_in_prose(item, tagger)
        if len(in_prose) > len(citations):
            return in_prose, rest
    if _one_reference_cut_apart(citations, item, tagger):
        return [_full_citation(item, tagger)], ""
    if not unsure:
        return citations, leftover
    if not citations and (after_cue := _short_form_after_cue(item)) is not None:
        return [after_cue], ""
    if not citations and not reads_as_reference(item, tagger) and reads_as_short_citation(item, tagger):
        return [_short_citation(item, tagger)], ""
    if (not reads_as_reference(item, tagger) and not _reads_as_titleless_reference(item, tagger)
            and not _reads_as_bibliography_entry(item, tagger)):
        if len(citations) == 1 and _A_SENTENCE_ABOUT_THE_NAMED.match(citations[0].body):
            return [], item  # "Ann Roe, a retired harbour master, is a historian …": an author's biography
        return [_not_short(citation, item) for citation in citations], leftover
    return [_full_citation(item, tagger)], ""


#: A person named, then a sentence about them: "Ann Roe, a retired harbour master, is a historian and …", "Bob Poe,
#: who was born in Leeds, wrote …" — an article or a relative word in lower case after the name's comma, and a
#: verb further on; a title is capitalised and has no such verb.
_A_SENTENCE_ABOUT_THE_NAMED = re.compile(
    r"^[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,3},\s(?:a|an|the|who|whose)\s.*\b(?:is|was|has|had|are|were)\s")


def _reads_as_bibliography_entry(text: str, tagger: Tagger) -> bool:
    """"Roe, Ann. A Title : Its Subtitle. Paris, 1978. [A remark.]": an entry opening with an inverted name closed
    by a full stop, as only a bibliography's entries open, with a title and a date the labeller reads (the
    place it may have taken into the title); or opening with its authors' full names, two or more, closed by a
    full stop, before a title ("Ann Roe, Bob Poe, and Jan Lee. A Title. Technical report."): a short form
    names one author, or two by their surnames before a comma."""
    if _opens_with_authors_named_in_full(text, tagger):
        return True
    if not closed_inverted_end(text):
        return False
    labels = {label for _, label, _ in tagger.label_tokens(text)}
    return {"title", "date"} <= labels


def _opens_with_authors_named_in_full(text: str, tagger: Tagger) -> bool:
    """The labeller reads names, then a title; the names end in a full stop and are two people or more."""
    labelled = tagger.label_tokens(text)
    names = list(itertools.takewhile(lambda each: each[1] == "author", labelled))
    if not names or len(names) == len(labelled) or labelled[len(names)][1] != "title":
        return False
    closing = names[-1][0]
    return closing.text.endswith(".") and _only_names(text[: closing.end], at_least=2)


_WORD_GAP = re.compile(r"(?<=[^\W\d_]|[.,:])\s+(?=[A-Z])")
_MAX_CUED_NOTE = 400  # a note of the author's words around one short form is short; longer ones are not searched


def _short_form_after_cue(item: str) -> RawCitation | None:
    """The author's words, a cue, and a short form that ends the note ("His diary entry for 17 June 1936, quoted
    in Feiling, Chamberlain, p. 296."): the rules find a short form only at a note's or a semicolon's start."""
    if len(item) > _MAX_CUED_NOTE:
        return None
    for gap in _WORD_GAP.finditer(item):
        if not ends_with_cue(item[: gap.start()].split(",")[-1]):
            continue
        found, leftover = split_note([item[gap.end() :]])
        if len(found) == 1 and found[0].short_form and not found[0].prefix and not leftover:
            return dataclasses.replace(found[0], prefix=item[: gap.start()].strip())
    return None


def _not_short(citation: RawCitation, item: str) -> RawCitation:
    """A citation the rules read as a short form that names its author in full ("Roe, J. K., “Title,” 1990"), as
    no short form does (or opens with a bibliography's same-author rule, "———."), is a full reference the
    labeller reads (a short form's fixed shape would take the given name for its title); not where it says it is
    a short form ("op. cit.", "cit."), as the short forms of styles that give initials do ("J. Roe, Tides, cit.,
    p. 4")."""
    if (citation.short_form and not citation.ibid and not cites_back(item)
            and opens_like_a_full_reference(citation.body)):
        return dataclasses.replace(citation, short_form=False)
    return citation


#: A parenthesised imprint with a year, which closes a reference written in a sentence ("(London, 2000)"), or the
#: year alone (see ``_YEAR_ALONE``).
_IMPRINT = re.compile(r"\((?=[^()]*[^\W\d_]{3})[^()]*?\b(?:1[5-9]\d\d|20\d\d)\b[^()]*\)|\((?:1[5-9]\d\d|20\d\d)\)")
#: A year alone in brackets after a work's title: all the imprint a bibliographic essay gives ("Ann Roe, Harbours
#: (1999), explores …").
_YEAR_ALONE = re.compile(r"\((?:1[5-9]\d\d|20\d\d)\)$")
_PAGES_AFTER = re.compile(r"^,\s*(?:pp?\.\s*)?(\d+(?:\s*[-–]\s*\d+)?)(?=[\s.;,]|$)")
_MAX_STARTS = 12  # capitalised words tried before one imprint, the nearest: a reference is short
#: A word after the note's own words or punctuation, where a name may begin.
_WORD_START = re.compile(r"(?<=[^\W\d_]|[,;:)])\s+(?=\w)")


def _opens_with_names(labelled: list[tuple[Token, str, float]]) -> bool:
    """The labeller reads names first, and they look like names: no lower-case word longer than a
    particle or a connector ("and", "de", "van", "ed."), as a sentence's words would have."""
    names = list(itertools.takewhile(lambda each: each[1] in ("author", "editor"), labelled))
    return bool(names) and all(
        token.text[:1].isupper() or not token.text[:1].isalpha() or len(token.text.strip(".,;:()")) <= 3
        for token, _, _ in names
    )


def _names_then_title_and_year(labelled: list[tuple[Token, str, float]]) -> bool:
    """"Ann Roe, Harbours of the North (1999)": names closed by a comma, then a title opening with a capital, then
    the year alone, all as the labeller reads them; not "… of Roe (1999)", an author-date citation in a sentence."""
    names = list(itertools.takewhile(lambda each: each[1] in ("author", "editor"), labelled))
    rest = labelled[len(names):]
    return (_opens_with_names(labelled) and names[-1][0].text.endswith(",") and bool(rest)
            and rest[0][1] == "title" and rest[0][0].text[:1].isupper() and rest[-1][1] == "date"
            and {label for _, label, _ in rest} <= {"title", "date"})


def _reference_start(segment: str, tagger: Tagger) -> int | None:
    """Where, in the words before an imprint, the reference begins: the first capitalised word after the
    note's own words from which the labeller reads a full reference, its author first where it can."""
    names = [match.end() for match in _WORD_START.finditer(segment) if segment[match.end()].isupper()]
    # the word right after the stop that closed the work before ("…, 1964). Roe, A. B., A Long Title …") stays a
    # candidate however many capitalised words the title after it has
    opening = len(segment) - len(segment.lstrip(" .;,"))
    first = [opening] if 0 < opening < len(segment) and segment[opening].isupper() else []
    starts = [0, *first, *(start for start in names[-_MAX_STARTS:] if start not in first)]
    title_first = None
    year_alone = _YEAR_ALONE.search(segment.rstrip()) is not None
    for start in starts:
        tail = segment[start:]
        if not tail[:1].isupper():
            continue
        if year_alone:  # names, a comma, a title and the year: the named work of an essay's sentence
            if _names_then_title_and_year(tagger.label_tokens(tail)):
                return start
            continue
        if not reads_as_reference(tail, tagger):
            continue
        if _opens_with_names(tagger.label_tokens(tail)):
            return start
        if title_first is None and (not start or _reads_as_prose(segment[:start])):
            title_first = start
    if title_first is None:
        # "… but David West’s Reading Horace (Edinburgh, 1967)": a work named by its author's possessive
        return next((start for start in starts if POSSESSIVE_OPENING.match(segment, start)), None)
    return title_first


def references_in_prose(item: str, tagger: Tagger) -> tuple[list[RawCitation], str]:
    """Works named in the note's sentences, each closed by its parenthesised imprint ("… include Ann Roe,
    Life (London, 2000) and Bob Holl, Town (Paris, 1995)"): one citation per imprint, its prefix the words
    before its name; an imprint with no reference the labeller can read before it is left to the prose."""
    anchors = list(_IMPRINT.finditer(item))
    if len(anchors) < 2:
        return [], ""
    citations: list[RawCitation] = []
    prose: list[str] = []
    done = 0
    for anchor in anchors:
        segment = item[done : anchor.end()]
        begin = _reference_start(segment, tagger)
        if begin is None:  # no reference before this imprint: its words are prose
            prose.append(segment.strip())
            done = anchor.end()
            continue
        pages = _PAGES_AFTER.match(item[anchor.end() :])
        citations.append(RawCitation(body=segment[begin:].strip(), prefix=segment[:begin].strip(" ,;."),
                                     locator=pages.group(1) if pages else ""))
        done = anchor.end() + (pages.end() if pages else 0)
    return citations, " ".join([*prose, item[done:].strip(" .;,")]).strip()


#: A family name (one or two capitalised words) and its comma closing the words before a quoted title, after a
#: lower-case word ("include", "see") or at the prefix's start.
_NAME_BEFORE_QUOTED = re.compile(r"(?:^|(?<=[^\W\d_A-Z] ))(?P<name>[A-Z][^\W\d_]+(?:[-'’ ][A-Z][^\W\d_]+)?),$")


def _with_its_author(citation: RawCitation, tagger: Tagger) -> RawCitation:
    """A citation whose author the rules took for part of its prefix (a short form's "See | Tsang, | Democracy
    Shelved, p. 212", an entry's "Alexander, Donald. | “Bioregionalism.” Environmental Ethics 12": the name
    read as no inverted one): the words at the prefix's end that the labeller reads as names, before a title,
    are the citation's."""
    prefix = citation.prefix
    if not prefix.endswith((",", ".")):
        return citation
    if citation.body[:1] in "‘“\"" and (named := _NAME_BEFORE_QUOTED.search(prefix)):
        # "… landmarks include Roe, ‘Harbour Wives’": a family name after the note's lower-case words, then
        # a quoted short title, is its author, whatever the labeller reads in the sentence
        return dataclasses.replace(citation, body=f"{prefix[named.start('name'):]} {citation.body}",
                                   prefix=prefix[: named.start("name")].strip())
    joined = f"{prefix} {citation.body}"
    labelled = tagger.label_tokens(joined)
    words = len(prefix.split())
    if len(labelled) <= words:
        return citation
    if labelled[words][1] in ("author", "editor"):
        # "Marsh, | Peter T, Ann B. Lowe, and …": the rules cut inside the authors (an initial without its period
        # looked like a new name), where the labeller reads the prefix and the body's first words as one list
        # of names: the prefix is the first author's family name
        names = all(label == labelled[words][1] for _, label, _ in labelled[:words])
        whole = names and _names_only(prefix) and not ends_with_cue(prefix)
        return dataclasses.replace(citation, body=joined, prefix="") if whole else citation
    first = words
    while first and labelled[first - 1][1] in ("author", "editor") and _opens_with_names(labelled[first - 1 : first]):
        first -= 1
    cue = leading_cue(joined)  # the cue read in its sentence: a prefix that is only "Cf." is one too
    while first < words and (not labelled[first][0].text[:1].isupper() or labelled[first][0].start < cue):
        first += 1  # a name opens with a capital, not with "and" or "de", and after any cue ("Cf.")
    start = labelled[first][0].start if first < words else len(joined)
    if first == words or not joined[start:start + 1].isupper() or not _opens_with_names(labelled[first:words]):
        return citation
    return dataclasses.replace(citation, body=joined[start:], prefix=joined[:start].strip())


def _names_only(prefix: str) -> bool:
    """``prefix`` can only be names: one family name and its comma ("Marsh,", "van Dijk,"), an inverted name and
    its comma ("Roe, Ann B.,"), or names closed by an initial ("Roe P. & Poe C."): capitalised words, initials,
    the words that join names and their particles; never a small word of titles nor a place. The author's words
    ("On Spain and Italy,", "Ports and Docks,"), which the labeller may read as names too, are not."""
    initial = _INITIAL_AT_END.search(prefix.rstrip(","))
    if not ((initial and initial.group().isupper()) or (prefix.endswith(",") and len(prefix.split()) == 1)
            or _PARTICLE_AND_FAMILY.fullmatch(prefix) or _INVERTED_AND_COMMA.fullmatch(prefix)):
        return False
    joiners = resources.lower_set("and_words.txt") | {word for particle in resources.name_particles()
                                                      for word in particle.casefold().split()}
    small = resources.title_small_words()
    places = resources.place_words()
    for word in prefix.split():
        bare = word.strip(".,")
        folded = bare.casefold()
        if folded in joiners:
            continue
        if not bare[:1].isupper() or folded in small or folded in places:
            return False
    return True


_INITIAL_AT_END = re.compile(r"(?<![^\s.])[^\W\d_]\.$")  # "M.", or an OCR's Greek capital: upper case only
_PARTICLE_AND_FAMILY = re.compile(r"[a-z]{1,3}\s[A-ZÀ-ÖØ-Þ]\S*,")  # "van Dijk,", "de Vries,"
#: "Roe, Ann B.,": an inverted name and its comma
_INVERTED_AND_COMMA = re.compile(r"[A-ZÀ-ÖØ-Þ][^\s,]*,\s[A-ZÀ-ÖØ-Þ][^\s,]*(?:\s[A-ZÀ-ÖØ-Þ][^\s,]*)?,")


def _volume_and_pages_cited(citation: RawCitation) -> RawCitation:
    """A citation the rules read whole that ends on a volume and its pages after a comma ("Roe, Harbour Towns:
    The Lean Years, 3:118, 240-52": a name that looked like an inverted author's hid the short form): the volume
    and pages are the ones cited. Not in a dated reference, where they are a journal's volume or issue and the
    article's pages ("Roe, A. 1984. ‘Quays’, Harbour Studies, 17: 203–19")."""
    if citation.locator or citation.ibid or citation.shaped or YEAR_WORD.search(citation.body):
        return citation
    cited = _VOLUME_AND_PAGES_AT_END.search(citation.body)
    if cited is None:
        return citation
    return dataclasses.replace(citation, body=citation.body[: cited.start()].rstrip(), locator=cited["pages"])


_VOLUME_AND_PAGES_AT_END = re.compile(
    r",\s*(?P<pages>\d{1,3}:\s?\d+(?:\s*[-–]\s*\d+)?(?:,\s*\d+(?:\s*[-–]\s*\d+)?)*)\s*\.?$")


def _with_its_title(citation: RawCitation, tagger: Tagger) -> RawCitation:
    """A note's one citation, a reference the rules cut between its title and its journal or imprint ("F. W. Roe
    The Tolls of the Quays, | Harbour Review, vol. 3, page 12-29 (May 1879)": no comma after the names, so no
    name they know opens it): where the labeller, reading the whole, reads the prefix as names and then the
    title, and the body as opening on neither, the prefix is the reference's own beginning, not the note
    author's words."""
    prefix = citation.prefix
    if (not prefix or not prefix[:1].isupper() or citation.ibid or citation.shaped or leading_cue(prefix)
            or ends_with_cue(prefix)):
        return citation
    labelled = tagger.label_tokens(f"{prefix} {citation.body}")
    words = len(prefix.split())
    if len(labelled) <= words or labelled[words][1] in _OPENING_FIELDS:
        return citation
    opening = [label for _, label, _ in labelled[:words]]
    names = len(list(itertools.takewhile(lambda label: label in ("author", "editor"), opening)))
    if (names and names < words and all(label == "title" for label in opening[names:])
            and _opens_with_names(labelled[:names])):
        return dataclasses.replace(citation, body=f"{prefix} {citation.body}", prefix="")
    return citation


def _with_references_in_suffixes(
    citations: list[RawCitation], leftover: str, tagger: Tagger
) -> tuple[list[RawCitation], str]:
    """A full reference the rules left in the words after a citation ("Ibid., 45. In his memoir … See Roe,
    Life (London, 1990), 12."), or a short form after a cue, is a citation of its own, the words before it its
    prefix."""
    found: list[RawCitation] = []
    for citation in citations:
        if isinstance(citation.shaped, SourceNoteParts) or len(citation.suffix.split()) < _MIN_COMMENT_WORDS or not (
            citation.ibid or citation.shaped or (citation.short_form and citation.locator)
            or reads_as_reference(citation.body, tagger) or _second_work_after_dated_one(citation, tagger)
        ):  # the body is labelled only where the words after it are long enough to hold a reference
            found.append(citation)  # a citation the rules cut short keeps its words for the labeller
            continue
        inner, rest = read_note([citation.suffix], tagger)
        if not any(reads_as_reference(each.body, tagger) or _cued_short_form(each) for each in inner):
            found.append(citation)
            continue
        found.append(dataclasses.replace(citation, suffix=""))
        found.extend(_same_author(inner, citation, tagger))
        leftover = " ".join(part for part in (leftover, rest) if part)
    return found, leftover


def _author_named_before_in(citation: RawCitation) -> RawCitation:
    """A quoted title whose author the note's words name just before "in" ("… the outlook of Norman Etherington
    in “Missionaries and …,” Itinerario 7 (1983)"): the name is its author hint (rule author-from-prose,
    undoable)."""
    words = citation.prefix.split()
    if (len(words) < 2 or words[-1] != "in" or citation.author_hint or citation.shaped
            or citation.body[:1] not in "“‘\""):
        return citation
    for start in range(max(0, len(words) - 5), len(words) - 2):
        name = " ".join(words[start:-1])
        if name[:1].isupper() and names_end(name) == len(name) and (start == 0 or words[start - 1][:1].islower()):
            return dataclasses.replace(citation, body=f"{name}, {citation.body}", author_hint=name)
    return citation


def _same_author(inner: list[RawCitation], before: RawCitation, tagger: Tagger) -> list[RawCitation]:
    """A second work after a comma that the labeller reads as opening with its title ("Greenblatt, Stephen,
    Hamlet in Purgatory (Princeton, 2001), Will in the World (New York, 2003)", "…, 45, and The Age of
    Revolution (London, 1995)") is by the author of the work before it: the names are its author hint (rule
    author-from-prose, undoable); a leading "and" is its prefix."""
    if not inner or inner[0].shaped or inner[0].short_form:
        return inner
    first = inner[0]
    body, prefix = first.body, first.prefix
    if not prefix and body.startswith("and "):
        body, prefix = body[4:].lstrip(), "and"
    named = inverted_author_end(before.body) or leading_author_end(before.body) or _labelled_author_end(before.body,
                                                                                                      tagger)
    if (prefix not in ("", "and") or not named or names_end(body) or inverted_author_end(body)
            or ((labelled := tagger.label_tokens(body)) and labelled[0][1] != "title")):
        return [dataclasses.replace(first, body=body, prefix=prefix), *inner[1:]]
    if more := _MORE_INITIALS.match(before.body, named):  # "Roe, A. B., ‘Title’": the name read to "A." goes on
        named = more.end()
    author = before.body[:named].strip().rstrip(",")
    return [dataclasses.replace(first, body=f"{author}, {body}", prefix=prefix, author_hint=author), *inner[1:]]


_MORE_INITIALS = re.compile(r"(?:\s*[A-Z]\.)+(?=,)")


def _same_author_after_semicolons(citations: list[RawCitation], text: str, tagger: Tagger) -> list[RawCitation]:
    """"Ann Roe, Harbour Lives (London, 1931); Grain and Empire (Leeds, 1938); and Quays (Leeds, 1940)": a book
    cited by its title and its bracketed imprint right after a semicolon (and an "and") that closes a work by a
    named author is by that author (Chicago's notes drop the repeated name), its name the author hint (rule
    author-from-prose, undoable). An unsigned article ("‘Obituary’, The Times, 14 Nov. 1996") has no imprint in
    brackets: it is no one's."""
    found = list(citations)
    for index in range(1, len(found)):
        citation, before = found[index], found[index - 1]
        joined = citation.prefix in resources.lower_set("and_words.txt")  # "…; and Quays (Leeds, 1940)"
        if ((citation.prefix and not joined) or citation.author_hint or citation.short_form or citation.ibid
                or citation.shaped or not _after_semicolon(text, (f"{citation.prefix} " * joined) + citation.body)
                or not _IMPRINT.search(citation.body)
                or not reads_as_reference(citation.body, tagger)):
            continue
        found[index] = _same_author([citation], before, tagger)[0]
    return found


def _after_semicolon(text: str, body: str) -> bool:
    """The body follows a semicolon in the note's text."""
    at = text.find(body)
    return at > 0 and text[:at].rstrip().endswith(";")


def _labelled_author_end(body: str, tagger: Tagger) -> int:
    """End of the names the labeller reads opening the body, closed by a comma ("Roe, Empire: …": a family name
    alone, which the name rules do not take for an author), or 0."""
    labelled = tagger.label_tokens(body)
    count = 0
    while count < len(labelled) and labelled[count][1] == "author":
        count += 1
    if not count or count == len(labelled) or not labelled[count - 1][0].text.endswith(","):
        return 0
    return labelled[count - 1][0].end


def _after_the_authors_cue(citation: RawCitation) -> bool:
    """A short form with its pages after the author's words and a lower-case cue ("… testimony is in Carney and
    Way, eds., Politics 1964, 296-304"): the rules' reading stands (a reference's capitalised "In" is no cue,
    nor a title's "in": "Models in Prehistory, edited by …")."""
    words = citation.prefix.split()
    lower_case = all(word[:1].islower() for word in words[-2:])  # not a title's "Models in Prehistory"
    return _cued_short_form(citation) and lower_case


def _author_dated(citation: RawCitation) -> bool:
    """An author-date citation after the author's words or with its pages ("The figures are taken from Roe and Poe
    (1992)", "Roe (2009: 755)"): the rules' reading stands, the year in brackets being no imprint."""
    return citation.short_form and bool(citation.prefix or citation.locator) and is_author_date_cite(citation.body)


def _cued_reference(citation: RawCitation, tagger: Tagger) -> bool:
    """A whole reference the rules took for a short form (no imprint they know: "Roe M.E. Title, 1790–1840
    University of Leeds 1968 PhD dissertation") after the author's words and a lower-case cue ("… this gap;
    see"): the labeller reads the body as a full reference, so the cue, not the note's first words, opens it.
    The cue may follow a clause closed by its comma ("On Spain, see", "Sur le Japon, voir"), unless it is "in",
    which a title's or a container's words take as well."""
    words = citation.prefix.split()
    after_clause = len(words) > 1 and words[-2].endswith(",") and words[-1].islower() and words[-1] != "in"
    return (citation.short_form and not citation.ibid and not citation.locator and len(words) > 1
            and (all(word[:1].islower() for word in words[-2:])  # not a title's "Advances in Harbour …"
                 or after_clause)
            and ends_with_cue(citation.prefix) and reads_as_reference(citation.body, tagger))


def _cued_short_form(citation: RawCitation) -> bool:
    """A short form with its pages after the author's words and a cue ("The phrase is cited in Roe, Life, p. 34")."""
    return citation.short_form and bool(citation.locator) and ends_with_cue(citation.prefix)


#: A word of the note author's own (lower case, not an initial or a particle such as "de", "van").
_PROSE_WORD = re.compile(r"(?<![^\s(])[a-z]{4,}\b")


def _one_reference_cut_apart(citations: list[RawCitation], item: str, tagger: Tagger) -> bool:
    """The rules cut one reference into several citations (at its year: "Lowe K (2004) | Title. Journal 12:
    34–56") where no piece reads as a full reference, the whole item does, and nothing before or between the
    pieces is the note author's: no prose before the first, no cue word ("see", "cf.") opening another. A
    piece that reads as a reference alone is still the first one's tail where, read in the whole item, it
    holds no name nor title (:func:`_only_its_imprint_after`: "Roe, A., On Craters (in Russian). | Zemlya,
    v. 5, pp. 31-36. 1971", the journal, volume, pages and year of the title before it)."""
    if len(citations) < 2 or any(each.ibid or each.shaped for each in citations):
        return False
    if sum(bool(PAGE_WORD.match(each.locator)) for each in citations) >= 2:
        return False  # "Roe, Harbours, p. 81; Poe, Ports, pp. 212–29": one reference cites its pages once
    if all(each.short_form and each.locator for each in citations) and item.count(";") >= len(citations) - 1:
        return False  # "Roe, Harbours, 17 (first quotation); Poe, Ports, 9": short forms, each its pages
    if all(each.short_form and each.locator for each in citations) and len(_CITED_BEFORE.findall(item)) >= len(
            citations):
        return False  # "Roe, op. cit., 62–68. Poe and Lowe, op. cit., 93": each an "op. cit." with its pages
    if any(each.prefix == "and" and each.author_hint for each in citations[1:]):
        return False  # "Roe, ‘Harbours’, Journal, 3 (1980), 1–9 and ‘Ports’, …": the same author's next work
    if _PROSE_WORD.search(citations[0].prefix):
        return False
    if any(leading_cue(each.prefix) or ends_with_cue(each.prefix) for each in citations if each.prefix):
        return False
    if _lists_references(item, tagger) or (any(reads_as_reference(each.body, tagger) for each in citations)
                                           and not _only_its_imprint_after(citations, item, tagger)):
        return False
    return reads_as_reference(item, tagger)


_CITED_BEFORE = re.compile(r"\b(?:op|loc)\.\s*cit\b", re.IGNORECASE)  # "op. cit.", "loc. cit.": a work cited above
_OPENING_FIELDS = frozenset({"author", "editor", "title"})  # what opens a reference, not its imprint
_PUBLISHING = frozenset({"publisher", "location"})


def _only_its_imprint_after(citations: list[RawCitation], item: str, tagger: Tagger) -> bool:
    """The rules cut at a sentence's end (no semicolon, no cited page after), and the labeller, reading the whole
    item, finds no name nor title after the first citation's body, and either the first reads as no reference
    alone or its place and publisher are only after it ("Roe, Ann. Title, 1850–1920. | Stanford, CA: Stanford
    University Press, 2005": the rules cut at the title's closing dates)."""
    first = citations[0]
    end = item.find(first.body) + len(first.body)
    if end < len(first.body) or ";" in item[end:] or any(each.locator for each in citations[1:]):
        return False
    labelled = tagger.label_tokens(item)
    after = {label for token, label, _ in labelled if token.start >= end}
    if after & _OPENING_FIELDS:
        return False
    within = {label for token, label, _ in labelled if token.start < end}
    return not reads_as_reference(first.body, tagger) or bool(after & _PUBLISHING and not within & _PUBLISHING)


def _lists_references(item: str, tagger: Tagger) -> bool:
    """The labeller reads a reference closing at a semicolon (on a date, pages, a journal …) and a capital
    after it: a note's list of sources ("The Times, 12 March 1939; Daily Telegraph, …"), not one reference."""
    labelled = tagger.label_tokens(item)
    return any(_closes_at_semicolon(labelled, index) for index in range(len(labelled)))


#: Fields that continue an imprint after a semicolon ("London: Macmillan; New York: St. Martin's, 2000").
_IMPRINT_GOES_ON = frozenset({"location", "publisher", "date", "pages", "volume"})


def _closes_at_semicolon(labelled: list[tuple[Token, str, float]], index: int) -> bool:
    """The labeller reads a reference closing on the token at ``index``, at a semicolon (on a date, pages, a
    journal …), and another beginning with a capital after it (not the imprint going on)."""
    if index + 1 >= len(labelled):
        return False
    (token, label, _), (after, following, _) = labelled[index], labelled[index + 1]
    return (token.text.endswith(";") and label in _CLOSING_FIELDS and after.text[:1].isupper()
            and following not in _IMPRINT_GOES_ON)


_LISTING_SEMICOLONS = 3  # a note listing four citations or more


def _listed(chunk: str, items: list[str], tagger: Tagger) -> RawCitation | None:
    """A piece of a note's list of citations the rules read no citation in ("The Times, 12 March 1939;"): a
    citation where the piece alone reads as a full reference or a compact citation, and either holds a date
    or, in the labeller's reading of the whole note, a reference closes at its semicolon (on a date, pages, a
    journal …; not on names, "Roe, Ann; Lee, Bo;", nor inside a title, "Art, Music; Cage in …"). In a note
    that lists four citations or more between its semicolons, a piece the labeller reads as a compact citation
    is one, with no date nor pages ("…; Roe and Poe, The Changing South; Lee, Restructured Resistance; …")."""
    item = next((item for item in items if chunk in item), "")
    end = item.find(chunk) + len(chunk)
    labelled = tagger.label_tokens(item)
    closing = next((index for index, (token, _, _) in enumerate(labelled) if token.end == end), None)
    piece = chunk.rstrip(";").rstrip()
    kinds = {label for _, label, _ in tagger.label_tokens(piece)}
    if not (closing is not None and _closes_at_semicolon(labelled, closing)) and "date" not in kinds:
        listing = item.count(";") >= _LISTING_SEMICOLONS and "title" in kinds  # a title: not "Roe, A. B.;"
        return _short_citation(piece, tagger) if listing and reads_as_short_citation(piece, tagger) else None
    if reads_as_reference(piece, tagger):
        return _full_citation(piece, tagger)
    if reads_as_short_citation(piece, tagger):
        return _short_citation(piece, tagger)
    return None


_LONGEST_CUE_WORDS = 2  # "see also", "quoted in"


def _cue_at_most(prefix: str) -> bool:
    """No words before a citation but a cue ("See", "see also"): the rules found where it begins."""
    return not prefix or (ends_with_cue(prefix) and len(prefix.split()) <= _LONGEST_CUE_WORDS)


def _its_own_range(citation: RawCitation) -> RawCitation:
    """A full citation of an article or chapter: a page range the rules took for its locator is its own."""
    if not _PAGE_RANGE.fullmatch(citation.locator):
        return dataclasses.replace(citation, short_form=False)
    return dataclasses.replace(citation, body=f"{citation.body}, {citation.locator}", locator="", short_form=False)


def _full_not_short(citation: RawCitation, tagger: Tagger, among_others: bool) -> RawCitation:
    """A citation the rules took for a short form because they found no imprint they know is a full one where
    the labeller reads a full reference in it: a book's ending on its year ("Roe, Vida, Planeta, Barcelona,
    1977, p. 199"), whose pages after it are the cited ones, or an article's or a chapter's ("« Titre »,
    Revue, n° 35, 1977, p. 506-520, p. 512") among the note's other citations, whose page range the rules
    took for the locator is its own (a single page after it stays the cited one). A note that is one
    citation is read whole by the labeller where the rules were unsure (:func:`_full_citation`). A chapter
    cited with its edited book ("Roe, ‘Tolls’, in Poe (ed.), Ports, p. 33") is never a short form."""
    if (citation.short_form and not citation.ibid and not citation.suffix and _cue_at_most(citation.prefix)
            and in_edited_book(citation.body)):
        return _its_own_range(citation)  # "Roe, ‘Tolls’, in Poe (ed.), Ports, p. 33": nothing of it left around it
    if not citation.short_form or citation.ibid or (not citation.locator and not among_others):
        return citation  # (a short form without pages alone in its note stays one: no labelling needed)
    if not reads_as_reference(citation.body, tagger):
        return citation
    labelled = tagger.label_tokens(citation.body)
    if not citation.locator:
        # "Roe, J., ‘Quais et marchés’, Annales des Ports, 1981 no. 2" after another reference in the note: a dated
        # reference longer than a short form, no page cited, is a full one (a short form is a name and a title)
        labels = {label for _, label, _ in labelled}
        whole = among_others and len(labelled) >= _FULL_WITHOUT_PAGES and {"date", "title"} <= labels
        return dataclasses.replace(citation, short_form=False) if whole else citation
    if {label for _, label, _ in labelled} & _IN_A_SERIAL_OR_BOOK:
        return _its_own_range(citation) if among_others else citation
    if labelled[-1][1] != "date":
        return citation
    return dataclasses.replace(citation, short_form=False)


_FULL_WITHOUT_PAGES = 8  # words at least in a dated reference the rules took for a short form without pages


#: Fields of an article's or a chapter's reference, whose page range after the year is the work's own.
_IN_A_SERIAL_OR_BOOK = frozenset({"journal", "container-title", "volume", "editor"})
_PAGE_RANGE = re.compile(r"(?:pp?\.\s*)?\d+\s*(?:--|[-–])\s*\d+")


def _cut_short(citation: RawCitation, item: str, tagger: Tagger) -> bool:
    """The rules took part of one reference for the whole (an author and a year, "Roe M (1990)", the rest
    left behind as a suffix or prose) where the labeller reads the part as no full reference."""
    return len(citation.body) < len(item) / 2 and not reads_as_reference(citation.body, tagger)


#: The author's words after a bracketed imprint closes the reference: "(Boston: Little, Brown, 1962), and has
#: since been widely accepted." (three words at least in lower case, no figure nor bracket: not pages,
#: "passim", a volume, nor a second title: "…, 1978), followed by Culture and Imperialism")
_REMARK_AFTER_IMPRINT = re.compile(r"(?<=\d\)),\s+(?P<remark>[a-z][^\W\d_]*(?:\s+[^\d\sA-Z()]+){2,}\s*)$")


def _full_citation(item: str, tagger: Tagger) -> RawCitation:
    """A note the labeller reads as one full reference; pages after its parenthesised imprint
    ("(London: Faber, 1990), 45") are the cited ones, an article's or a chapter's range ("32 (1980): 45–67",
    "in Roe, ed., Life (London, 1990), 59–73") is the work's."""
    cue = leading_cue(item) or _prose_lead(item, tagger)
    body = item[cue:].strip().rstrip(";")
    if remark := _REMARK_AFTER_IMPRINT.search(body):  # "(Boston: Little, Brown, 1962), and has since been …"
        cited = _full_citation(item[: cue + len(item[cue:]) - len(item[cue:].lstrip()) + remark.start()], tagger)
        return dataclasses.replace(cited, suffix=remark["remark"].rstrip("."))
    if bracketed := cited_pages_in_brackets(body):  # "Review 1982 73 337 342 (p. 341)": the page cited
        return RawCitation(body=bracketed[0], prefix=item[:cue].strip(), locator=bracketed[1])
    labelled = tagger.label_tokens(body)
    first = len(labelled)
    while first and labelled[first - 1][1] == "pages":
        first -= 1
    if 0 < first < len(labelled) and labelled[first - 1][0].text.rstrip(",").endswith(")"):
        opening = max((i for i in range(first) if labelled[i][0].text.startswith("(")), default=first)
        end = labelled[first][0].start
        locator = body[end:].strip().rstrip(".;").removeprefix("pp.").removeprefix("p.").strip()
        in_a_book = any(label in ("editor", "container-title") for _, label, _ in labelled[:first])
        if ({label for _, label, _ in labelled[opening:first]} & {"publisher", "location"}
                and not (in_a_book and re.search(r"\d\s*[-–]\s*\d", locator))):  # a chapter's own range
            return RawCitation(body=body[:end].rstrip().rstrip(",").strip(), prefix=item[:cue].strip(),
                               locator=locator)
    if 0 < first < len(labelled) and (page := _ONE_PAGE_CITED.fullmatch(body[labelled[first][0].start :].strip())):
        # "…, Vol. 41, No. 162, p. 208.": one page after an article's issue, its word before it, is the one
        # cited (an article's own pages are a range)
        return RawCitation(body=body[: labelled[first][0].start].rstrip().rstrip(",").strip(),
                           prefix=item[:cue].strip(), locator=page["page"])
    return RawCitation(body=body, prefix=item[:cue].strip())


_ONE_PAGE_CITED = re.compile(r"p\.\s*(?P<page>\d{1,5})\s*[.;]?")
