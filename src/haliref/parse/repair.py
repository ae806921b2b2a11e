"""Check the labeller's output against the citation's visible structure.

The CRF sometimes lets one field run into the next: an author span into the
title ("Ann Roe, The Rise and Fall of" | "Lin"), an imprint's place into the
title ("… Warfare (Ann Arbor:"), a journal into the quoted article title
("‘An Essay’, Journal"), a container into the editors ("in Collected Works, ed.
A. Lee"). Each repair below fires only on unambiguous punctuation or name
evidence, relabels whole tokens, and is recorded as a correction with its rule,
so ``--undo RULE`` or ``--no-corrections`` gives the labeller's own output.
"""

from __future__ import annotations

import re

from haliref.caches import memo
from haliref.model import Correction
from haliref.normalize.imprint import is_known_place
from haliref.normalize.names import ET_AL
from haliref.parse.split import NAME_JOINERS, inverted_author_end, law_journal_end, leading_author_end, names_end
from haliref.parse.tagger import Span, Token, spans_of
from haliref.resources import (
    abbreviations,
    first_names,
    institution_words,
    labeller_keyword,
    lower_set,
    name_like_markers,
    name_roles,
    word_list,
)

__all__ = ["REPAIR_RULES", "repair"]

AUTHOR_BOUNDARY = "author-boundary"
IMPRINT_BOUNDARY = "imprint-boundary"
QUOTED_TITLE_BOUNDARY = "quoted-title-boundary"
CONTAINER_EDITOR_BOUNDARY = "container-editor-boundary"
PSEUDONYM_AUTHOR = "pseudonym-author"
TITLE_BY_AUTHOR = "title-by-author"
TITLE_RUN_ON = "title-run-on"
EDITED_BOOK_TITLE = "edited-book-title"
TITLE_IN_CONTAINER = "title-in-container"
ROLE_IN_TITLE = "role-in-title"
PLACE_AFTER_TITLE = "place-after-title"
LAW_JOURNAL_ARTICLE = "law-journal-article"
TITLE_READ_AS_PUBLISHER = "title-read-as-publisher"
TITLE_ENDS_ON_ITS_YEARS = "title-ends-on-its-years"
SUBTITLE_READ_AS_JOURNAL = "subtitle-read-as-journal"
YEAR_OPENS_TITLE = "year-opens-title"
CONTAINER_ENDS_ON_ITS_YEARS = "container-ends-on-its-years"
CONTAINER_READ_AS_JOURNAL = "container-read-as-journal"
PUBLISHER_BEFORE_PLACE = "publisher-before-place"
LOCATOR_AFTER_IMPRINT = "locator-after-imprint"
VOLUME_BEFORE_ITS_DATE = "volume-before-its-date"
THESIS_KIND = "thesis-kind"
REGNAL_NUMBER = "regnal-number"
_CONFIDENCE = 0.85

Labelled = list[tuple[Token, str, float]]
_OPEN_QUOTES = "‘“\"'"
_CLOSE_QUOTE = re.compile(r"[’”\"'][,.:;]?$")
_CLOSERS = {"“": "”", "‘": "’", '"': '"”', "'": "'’"}  # the quotes that close each opening one


def _relabel(labelled: Labelled, indexes: range | list[int], label: str) -> Labelled:
    result = list(labelled)
    for i in indexes:
        token, _, p = result[i]
        result[i] = (token, label, p)
    return result


def _author_boundary(text: str, labelled: Labelled) -> Labelled:
    """Names that open the citation and end in a comma are the author, and only they (with the given names
    after them when the names are a family name inverted: "Del Rey, Lester."); with an editor's marker after
    them ("eds.", "(ed.)"), the editors."""
    end = leading_author_end(text)
    if not end and _INVERTED_QUOTED.match(text):
        end = inverted_author_end(text)  # "Ottmann, Henning ‘Hegels …’": the comma before the title lost
    if not end:
        return labelled
    role = "author"
    if marker := _editor_marker().match(text, end):  # "Ann Roe and Bob Poe, eds., Title", "Roe (ed.), Title"
        role, end = "editor", marker.end()  # the names and their marker are the editors', nothing after them
    inverted = inverted_author_end(text)  # "Del Rey, Lester. Title": the given name is the author's too
    if role == "author" and inverted > end and _label_after(labelled, inverted) != "author":
        end = inverted  # where the labeller reads more names after it, the names run on ("Ann Roe, Bob M. Lee")
    inside = [i for i, (token, _, _) in enumerate(labelled) if token.end <= end + 1]
    if not inside or labelled[inside[-1]][0].end < end:
        return labelled
    after = range(inside[-1] + 1, len(labelled))
    follow = next((labelled[i][1] for i in after if labelled[i][1] != role), "title")
    if follow not in _TITLE_LABELS and not any(labelled[i][1] == "title" for i in after):
        follow = "title"  # "Thomas Trout, Aryans and British India (1997)": no title but what runs on before the date
    run_on = []
    for i in after:
        if labelled[i][1] != role:
            break
        run_on.append(i)
    if role == "author" and run_on and _names_only(text[labelled[run_on[0]][0].start : labelled[run_on[-1]][0].end]):
        run_on = []  # "Roe J, Poe K, Lee M.": the labeller read more names, and names is all they are
    return _relabel(_relabel(labelled, inside, role), run_on, follow)


_TITLE_LABELS = frozenset({"title", "container-title", "journal"})
#: An inverted name that runs straight into a quoted title, as a scrape that lost the comma writes it.
_INVERTED_QUOTED = re.compile(r"[^\s,]+,\s+[^‘“,.]+?\s+[‘“]")


@memo(None)
def _editor_marker() -> re.Pattern[str]:
    """", eds.," / " (ed.)" right after names (the editors' markers of ``data/name_roles.tsv``)."""
    markers = sorted((marker for marker, role in name_roles() if role == "editor"), key=len, reverse=True)
    return re.compile(rf"\s*,?\s*\(?(?:{'|'.join(map(re.escape, markers))})(?![^\W\d_])\)?,?", re.IGNORECASE)



def _label_after(labelled: Labelled, offset: int) -> str:
    """The label of the first token starting at ``offset`` or later ('' at the end)."""
    return next((label for token, label, _ in labelled if token.start >= offset), "")


_NAME_SEPARATOR = re.compile(r"[\s,;]*(?:(?:and|&|et|und)\s+)?")


_JOINED = re.compile(rf"\s(?:{'|'.join(map(re.escape, NAME_JOINERS))})\s")  # one run of names for names_end
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.|[A-Z]{1,3}(?![\w.]))")  # "J.", "MM", "JA", "T"


def _names_only(text: str) -> bool:
    """Whether ``text`` is a list of personal names and nothing else (commas, "and", a closing stop): two
    names or more ("Wolfgang Jantzen, Jan Steffens"), or names with initials ("Lohmüller T", "C. W.
    Scherer"), perhaps closed by "et al." ("Yen JM, Kuo TC, et al."); one full name alone may be a title
    ("Thomas Munro: The Origins …")."""
    position, text = 0, ET_AL.sub("", text.rstrip(" .,:;")).rstrip(" .,:;")
    names = with_initials = known = segments = 0
    while position < len(text):
        if separator := _NAME_SEPARATOR.match(text, position):  # it always matches, perhaps empty
            position = separator.end()
        length = names_end(text[position:])
        if not length:
            return False
        names += 1 + len(_JOINED.findall(text, position, position + length))  # "Ann Roe and Bob Poe": two
        with_initials += bool(_INITIALS.search(text, position, position + length))
        known += any(part.split()[0].casefold() in first_names()  # "Ann Roe and Bob Poe": "ann", "bob"
                     for part in _JOINED.split(text[position : position + length]) if part.split())
        position += length
        segments += 1
    if names == 2 and segments == 1 and "," not in text and not with_initials and not known:
        return False  # "Disraelian Conservatism and Social Reform": two names joined by "and", no given name known
    return names >= 2 or with_initials == names


def _imprint_boundary(text: str, labelled: Labelled) -> Labelled:
    """"(Ann Arbor:" just before a publisher is a place, whatever it was labelled (all of it: "(Chapel" read as the
    place and "Hill:" as the publisher's first word); so is "Ann Arbor:" after the title's full stop, as a
    bibliography's entry gives its imprint, its words capitalised."""
    for i, (token, _, _) in enumerate(labelled):
        before = labelled[i - 1][0].text if i else ""
        after_stop = (before.endswith(".") and not _AN_INITIAL.fullmatch(before) and token.text[:1].isupper()
                      and before.rstrip(".").casefold() not in abbreviations("not-a-sentence-end"))  # "vol. II:"
        if not token.text.startswith("(") and not after_stop:
            continue
        for j in range(i, min(i + 4, len(labelled))):
            word = labelled[j][0].text
            if after_stop and (not word[:1].isupper() or (word[-1:] in ".,;" and not word.endswith(":"))):
                break  # "Harbour Docks. Leeds:": the title's words, then the place
            if labelled[j][0].text.endswith(":"):
                nxt = labelled[j + 1][1] if j + 1 < len(labelled) else ""
                if (nxt == "publisher" and ")" not in "".join(t.text for t, _, _ in labelled[i : j + 1])
                        and any(label != "location" for _, label, _ in labelled[i : j + 1])):
                    return _relabel(labelled, range(i, j + 1), "location")
                break
    return labelled


_AN_INITIAL = re.compile(r"[A-Z]\.")  # "Ann B. Roe": a stop that ends no title
_MAX_PUBLISHER_WORDS = 4


def _publisher_before_place(text: str, labelled: Labelled) -> Labelled:
    """"Harbours (Poe Press, Leeds 1961)": a bracket that opens on a few words and a comma, read as the title's,
    then the place and the year: the words are the publisher (British notes put it before the place)."""
    for i, (token, label, _) in enumerate(labelled):
        if not token.text.startswith("(") or label != "title" or i == 0 or labelled[i - 1][1] != "title":
            continue
        comma = next((j for j in range(i, min(i + _MAX_PUBLISHER_WORDS, len(labelled)))
                      if labelled[j][0].text.endswith(",") or ")" in labelled[j][0].text), None)
        if comma is None or not labelled[comma][0].text.endswith(",") or comma + 1 >= len(labelled):
            return labelled
        words = [token.text for token, _, _ in labelled[i : comma + 1]]
        rest = [label for _, label, _ in labelled[comma + 1 : comma + 4]]
        if (any(label != "title" for _, label, _ in labelled[i : comma + 1]) or rest[:1] != ["location"]
                or "date" not in rest or any(")" in word for word in words) or not words[0][1:2].isupper()):
            return labelled  # not a bracket closed before the comma ("… in Leeds (1921-1936), Paris, …")
        return _relabel(labelled, range(i, comma + 1), "publisher")
    return labelled


def _quoted_title_boundary(text: str, labelled: Labelled) -> Labelled:
    """"‘An Essay’, Journal" in one title span: the journal starts after the closing quote."""
    title = [i for i, (_, label, _) in enumerate(labelled) if label == "title"]
    if not title or labelled[title[0]][0].text[:1] not in _OPEN_QUOTES:
        return labelled
    closers = _CLOSERS[labelled[title[0]][0].text[0]]  # “‘Le Trouvère’: Verdi’s …”: the ’ closes no “
    for i in title:
        close = _CLOSE_QUOTE.search(labelled[i][0].text)
        if close and close.group()[0] in closers and not labelled[i][0].text[-2:-1].isalnum():
            rest = [j for j in title if j > i]
            if not rest or rest != list(range(i + 1, rest[-1] + 1)):
                return labelled
            if labelled[rest[0]][0].text.lower() in ("in", "in:"):
                return _relabel(labelled, rest, "container-title")
            labels = {label for _, label, _ in labelled}
            kind = "journal" if labels & {"volume", "pages"} and "editor" not in labels else "container-title"
            return _relabel(labelled, rest, kind)
    return labelled


def _container_editor_boundary(text: str, labelled: Labelled) -> Labelled:
    """"in Collected Works, ed. A. Lee" labelled editor: the book title is the container."""
    editor = [i for i, (_, label, _) in enumerate(labelled) if label == "editor"]
    if not editor or labelled[editor[0]][0].text.lower() not in ("in", "in:"):
        return labelled
    for i in editor[1:]:
        if labelled[i][0].text.lower() in ("ed.", "eds.", "eds", "edited") and labelled[i - 1][0].text.endswith(","):
            return _relabel(labelled, range(editor[0], i), "container-title")
    return labelled


_PSEUDONYM = re.compile(r"^\S+[’”'\"]?\s+\((?:pseudonym|pseud\.|i\.e\.)[^)]*\),")


def _pseudonym_author(text: str, labelled: Labelled) -> Labelled:
    """"‘Name’ (pseudonym of Real Name)," opening a citation is its author."""
    match = _PSEUDONYM.match(text)
    if not match:
        return labelled
    inside = [i for i, (token, _, _) in enumerate(labelled) if token.end <= match.end()]
    return _relabel(labelled, inside, "author")


_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ]\.)+,?$|^[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ’']+(?:-[A-ZÀ-ÖØ-Þ]?[a-zà-öø-ÿ’']+)*[.,]?$")
_NAME_JOINER = frozenset({"and", "&"})  # "by Aleksandr Fursenko and Timothy Naftali"
_MAX_NAME_WORDS = 9


def _by(token: Token) -> bool:
    """The word between a title and its author ("by", French "par"): ``data/title_then_author_words.txt``."""
    return token.text.casefold() in lower_set("title_then_author_words.txt")


_INITIALS_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ]\.)+,?$")


def _initials_after(labelled: Labelled, names: list[int]) -> list[int]:
    """The initials after a family name closed by a comma ("by Roe, A. B."), as a review's header inverts the
    author's name, or none."""
    if len(names) != 1 or not labelled[names[0]][0].text.endswith(",") or not labelled[names[0]][0].text[0].isupper():
        return []
    initials: list[int] = []
    for j in range(names[0] + 1, min(names[0] + 4, len(labelled))):
        if labelled[j][1] != "title" or not _INITIALS_WORD.match(labelled[j][0].text):
            break
        initials.append(j)
    return initials


def _names_after_by(labelled: Labelled) -> Labelled | None:
    """A review's header read with "by" inside other names: "Title. | By A. Roe. |" labelled a translator (no
    "translated" before "By"), "Title, by Ann B. | Roe |" labelled the author then a title of name words, or
    "Title, by Roe, A. B. | Oxford: |" the author then the place as the title. The words before "by" are the
    title, the names after it the author (and the place the place); None when no such shape is there."""
    author, translator, title = ([i for i, (_, lab, _) in enumerate(labelled) if lab == label]
                                 for label in ("author", "translator", "title"))
    if not author and translator and translator == list(range(translator[0], translator[-1] + 1)) and \
            _by(labelled[translator[0]][0]) and title and title[-1] < translator[0]:
        return _relabel(labelled, translator, "author")
    if not author or author[0] != 0 or not title or author != list(range(author[-1] + 1)):
        return None
    by = next((i for i in author[1:] if _by(labelled[i][0])), None)
    names = [i for i in title if i > author[-1]]
    if by is None or names != title or names != list(range(author[-1] + 1, author[-1] + 1 + len(names))):
        return None
    after = names[-1] + 1
    if (labelled[names[-1]][0].text.endswith(":") and after < len(labelled) and labelled[after][1] == "publisher"
            and all(_NAME_WORD.match(labelled[i][0].text) for i in range(by + 1, author[-1] + 1))):
        # "Title, by Roe, A. B. | Oxford: | Clarendon Press": the place before the publisher read as the title
        fixed = _relabel(_relabel(labelled, range(by), "title"), range(by, author[-1] + 1), "author")
        return _relabel(fixed, names, "location")
    if len(names) > 2 or not all(_NAME_WORD.match(labelled[i][0].text) for i in names):
        return None
    return _relabel(_relabel(labelled, range(by), "title"), range(by, names[-1] + 1), "author")


def _title_by_author(text: str, labelled: Labelled) -> Labelled:
    """"Lord Hailsham: A Life by Geoffrey Lewis. Cape, 1997": a name after "by" closing the title is the
    author (a review's header, a reading list), when the citation has no author of its own; so is an inverted
    name with initials ("The Idea of Law, by Roe, A. B. Oxford: …")."""
    for i in range(1, len(labelled) - 1):  # the labeller read the names but left their "by" to the title
        if (labelled[i][0].text in ("by", "By") and labelled[i][1] == "title" and labelled[i + 1][1] == "author"
                and labelled[i - 1][1] == "title"):
            return _relabel(labelled, [i], "author")
    if by_names := _names_after_by(labelled):
        return by_names
    if any(label == "author" for _, label, _ in labelled[1:]) and labelled[0][1] != "author":
        return labelled
    for i, (token, label, _) in enumerate(labelled):
        if not _by(token) or label != "title" or i == 0:
            continue
        names: list[int] = []
        for j in range(i + 1, min(i + 1 + _MAX_NAME_WORDS, len(labelled))):
            word = labelled[j][0].text
            if labelled[j][1] != "title" or not (_NAME_WORD.match(word) or (word in _NAME_JOINER and names)):
                break
            names.append(j)
            if word[-1] in ".,":
                break
        while names and labelled[names[-1]][0].text in _NAME_JOINER:
            names.pop()
        inverted = _initials_after(labelled, names)
        names += inverted
        ends_title = names and (names[-1] + 1 == len(labelled) or labelled[names[-1] + 1][1] != "title"
                                or labelled[names[-1]][0].text[-1] in ".,")
        if len(names) >= 2 and ends_title and (inverted or first_names() & {labelled[names[0]][0].text.casefold()}):
            head = [k for k in range(i) if labelled[k][1] == "author"]
            fixed = _relabel(labelled, head, "title") if head and head[0] == 0 else labelled
            return _relabel(fixed, [i, *names], "author")
    return labelled


def _title_run_on(text: str, labelled: Labelled) -> Labelled:
    """"The Era of the" | "American Revolution" read as a journal: a title does not end on "the", "of" or "and"
    (``data/title_end_words.txt``, no stop nor comma after it); the journal or book after it is the title's end.
    So too a year or a place read as the imprint's right before the bracketed imprint itself ("The Crisis of" |
    "1922" | "(1973)", "The Struggle for" | "London" | "(1967)")."""
    for i in range(len(labelled) - 1):
        token, label, _ = labelled[i]
        after = labelled[i + 1][1]
        if label != "title" or token.text.casefold() not in lower_set("title_end_words.txt"):
            continue
        end = i + 1
        while end < len(labelled) and labelled[end][1] == after and not (
                after == "date" and labelled[end][0].text.startswith("(")):
            end += 1
        if after in ("journal", "container-title"):
            return _relabel(labelled, range(i + 1, end), "title")
        if (after in ("date", "location") and end - i - 1 <= _MAX_PLACE_TOKENS and end < len(labelled)
                and labelled[end][0].text.startswith("(") and not labelled[end - 1][0].text.endswith((",", ".", ":"))):
            return _relabel(labelled, range(i + 1, end), "title")
    return labelled


def _edited_book_title(text: str, labelled: Labelled) -> Labelled:
    """"Ann Roe and Bob Poe, ed. The First Revolutions (Oxford, 1989)" read as the editors of a book the citation
    is a chapter of: with no author, no title of its own and no "in" before it, the book is the work cited."""
    labels = [label for _, label, _ in labelled]
    if not labels or labels[0] != "editor" or "title" in labels or "author" in labels or "journal" in labels:
        return labelled
    start = next((i for i, label in enumerate(labels) if label != "editor"), len(labels))
    if start == len(labels) or labels[start] != "container-title" or labelled[start][0].text.casefold() in (
            "in", "in:"):
        return labelled
    end = start
    while end < len(labels) and labels[end] == "container-title":
        end += 1
    if "container-title" in labels[end:]:
        return labelled
    return _relabel(labelled, range(start, end), "title")


def _title_in_container(text: str, labelled: Labelled) -> Labelled:
    """"Il cantiere altomedievale, in Cantieri antichi, …" read as one title: with no journal nor book read
    elsewhere, ", in" ("dans", "nella": ``data/container_words.txt``) and a capital inside the title open the
    book or journal the chapter is in."""
    labels = [label for _, label, _ in labelled]
    if "container-title" in labels or "journal" in labels:
        return labelled
    for i in range(2, len(labelled) - 1):
        token, label, _ = labelled[i]
        if (label == "title" and token.text in lower_set("container_words.txt") and labelled[i - 1][1] == "title"
                and labelled[i - 1][0].text.endswith(",") and labelled[i + 1][1] == "title"
                and labelled[i + 1][0].text[:1].isupper()):
            end = i
            while end < len(labelled) and labelled[end][1] == "title":
                end += 1
            return _relabel(labelled, range(i, end), "container-title")
    return labelled


@memo(None)
def _roles() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """By their first word, (words, label) of each role that may follow a title and a comma, longest first: an
    editor's or a translator's (``data/name_roles.tsv``, those that are never a name), a prefacer's
    (``data/preface_roles.txt``, read as the work's note)."""
    roles = [(marker, role) for marker, role in name_roles() if role in ("editor", "translator")
             and marker.strip(".").casefold() not in name_like_markers()]
    roles += [(words, "note") for words in word_list("preface_roles.txt")]
    found = {tuple(marker.casefold().split()): label for marker, label in roles}
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, label in sorted(found.items(), key=lambda item: -len(item[0])):
        by_first.setdefault(words[0], []).append((words, label))
    return {first: tuple(found_roles) for first, found_roles in by_first.items()}


def _role_at(labelled: Labelled, at: int) -> tuple[int, str] | None:
    """(first token after the role's words, the label they give) where a role's words start at ``at``."""
    for words, label in _roles().get(labelled[at][0].text.casefold(), ()):
        end = at + len(words)
        if end <= len(labelled) and tuple(t.text.casefold() for t, _, _ in labelled[at:end]) == words:
            return end, label
    return None


def _role_in_title(text: str, labelled: Labelled) -> Labelled:
    """"Lettres de Paul Roe, présentées par Claire Poe et Marc Doe, préface de Louis Moe, Paris, …", "Storia dei
    porti, a cura di L. Poe, Milano, …" read as one title (or book): after a comma, a role's words and names
    up to the next comma are the editors (translators, or the work's note for a preface), not the title's."""
    fixed = labelled
    at = 1
    after_role = -1  # the token after the last role read: a second role may follow it ("…, préface de …")
    while at < len(fixed) - 1:
        label = fixed[at][1]
        role = _role_at(fixed, at) if label in ("title", "container-title") else None
        if (role is None or (fixed[at - 1][1] != label and at != after_role)
                or not fixed[at - 1][0].text.endswith(",")):
            at += 1
            continue
        names, new_label = role
        end = names
        while end < len(fixed) and fixed[end][1] == label and not fixed[end][0].text.endswith(","):
            end += 1
        if end == len(fixed) or fixed[end][1] != label or not fixed[names][0].text[:1].isupper():
            at += 1
            continue
        fixed = _relabel(fixed, range(at, end + 1), new_label)
        at = after_role = end + 1
    return fixed


_MAX_PLACE_TOKENS = 3


def _place_after_title(text: str, labelled: Labelled) -> Labelled:
    """"My Mission to Spain, Londres, 1954": a known place after the title's last comma, right before the date,
    in a citation with no place read elsewhere, is the imprint's place (``data/places.txt``, ``place_names.tsv``)."""
    labels = [label for _, label, _ in labelled]
    if "location" in labels or "publisher" in labels:
        return labelled
    for end in range(1, len(labelled)):
        if labels[end] != "date" or labels[end - 1] != "title":
            continue
        for start in range(max(1, end - _MAX_PLACE_TOKENS), end):
            if labels[start - 1] != "title" or not labelled[start - 1][0].text.endswith(","):
                continue
            place = text[labelled[start][0].start : labelled[end - 1][0].end].rstrip(",.;: ")
            if all(label == "title" for label in labels[start:end]) and is_known_place(place):
                return _relabel(labelled, range(start, end), "location")
        if (imprint := _place_and_publisher(text, labelled, end)) is not None:
            place_tokens, publisher_tokens = imprint
            return _relabel(_relabel(labelled, place_tokens, "location"), publisher_tokens, "publisher")
    return labelled


_MAX_PUBLISHER_TOKENS = 5


def _place_and_publisher(text: str, labelled: Labelled, end: int) -> tuple[range, range] | None:
    """"Dictionnaire des ports. Paris, J.-B. Roe et fils, 1857": after the title's full stop, a known place, a
    comma and a few words closed by a comma right before the date are the place and the publisher."""
    for start in range(max(1, end - _MAX_PLACE_TOKENS - _MAX_PUBLISHER_TOKENS), end - 1):
        if labelled[start - 1][1] != "title" or not labelled[start - 1][0].text.endswith("."):
            continue
        for comma in range(start, min(end - 1, start + _MAX_PLACE_TOKENS)):
            place = text[labelled[start][0].start : labelled[comma][0].end]
            if (place.endswith(",") and end - comma - 1 <= _MAX_PUBLISHER_TOKENS
                    and labelled[end - 1][0].text.endswith(",") and is_known_place(place.rstrip(","))
                    and all(label == "title" for _, label, _ in labelled[start:end])):
                return range(start, comma + 1), range(comma + 1, end)
    return None


_YEAR_RANGE = re.compile(r"^(1[1-9]\d\d|20\d\d)[-–±](1[1-9]\d\d|20\d\d|\d\d)[,.]?$")  # "±": a PDF's en dash
_BRACKETED_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)\)")
_NOT_A_TITLE = frozenset({"author", "editor", "translator", "volume", "issue", "journal"})


def _title_ends_on_its_years(text: str, labelled: Labelled) -> Labelled:
    """"Ladies Elect: Women in English Local Government, 1865-1914 (1987)", "Respectable Rebel: Selina Cooper
    1864-1946 (1984)": the span of years right before the bracketed imprint, whose year is not before the
    span's start, ends the title; the words the labeller read between the title and it (a container, a
    publisher, pages, a date) are the title's too."""
    opening = _imprint_opening(labelled)
    if opening is None or opening < 2:
        return _years_before_an_unbracketed_imprint(labelled)
    if not _YEAR_RANGE.match(labelled[opening - 1][0].text):
        return _volume_after_its_years(text, labelled, opening)
    if not _years_before_imprint(text, labelled, opening):
        return labelled
    labels = [label for _, label, _ in labelled]
    if "title" not in labels:
        return _titled_as_a_periodical(labelled, labels, opening)
    if "title" not in labels[:opening]:
        return labelled
    last_title = max(i for i in range(opening) if labels[i] == "title")
    run = range(last_title + 1, opening)
    # a journal read there is the title's too where no volume, issue nor pages make the work an article (the
    # span of years itself, read as a volume, makes none: "Gavani. Severnye porty … 1921–1925 (Leeds, 2004)")
    # (only where the brackets name a place or a publisher: "Harbour Review, 1864–1870 (1993)" is a journal's)
    booked = bool({"location", "publisher"} & set(labels[opening:]))
    others = [label for i, label in enumerate(labels) if i != opening - 1 or not booked]
    not_title = _NOT_A_TITLE - {"journal"} if not _ARTICLE_PARTS & set(others) else _NOT_A_TITLE
    if not run or any(labels[i] in not_title for i in run[:-1]):
        return labelled
    return _relabel(labelled, run, "title")


def _years_before_an_unbracketed_imprint(labelled: Labelled) -> Labelled:
    """"Roe, Ann. Harbours and Society, 1461-85. 2nd ed. London: Poe, 2003.": a span of years read as pages right
    after the title's comma, then only an edition, place, publisher and the year of an imprint that is not before
    the span's start: the span ends the title."""
    labels = [label for _, label, _ in labelled]
    at = next((i for i in range(1, len(labelled)) if labels[i] == "pages" and labels[i - 1] == "title"
               and labelled[i - 1][0].text.endswith(",")), None)
    if at is None or not (years := _YEAR_RANGE.match(labelled[at][0].text)):
        return labelled
    after = labels[at + 1 :]
    dates = [int(found[1]) for token, label, _ in labelled[at + 1 :]
             if label == "date" and (found := _YEAR.search(token.text))]
    if not dates or max(dates) < int(years[1]) or not set(after) <= _IMPRINT_LABELS:
        return labelled
    return _relabel(labelled, [at], "title")


_IMPRINT_LABELS = frozenset({"edition", "location", "publisher", "date"})


def _container_ends_on_its_years(text: str, labelled: Labelled) -> Labelled:
    """"in A. Roe (ed.), The Harbour Towns, 1964–1970 (1993)": the span of years right after the book's title,
    read as its volume or date, before the bracketed imprint whose year is not before the span's start, ends the
    book's title (a title after its editors read as a journal's is the book's too)."""
    opening = _imprint_opening(labelled)
    if opening is None or opening < 2 or labelled[opening - 1][1] not in ("volume", "date"):
        return labelled
    start = opening - 1
    while start > 0 and labelled[start - 1][1] in ("container-title", "journal"):
        start -= 1
    book = start < opening - 1 and (labelled[start][1] == "container-title"
                                    or (start > 0 and labelled[start - 1][1] == "editor"))
    if not book or not _years_before_imprint(text, labelled, opening):
        return labelled
    return _relabel(labelled, range(start, opening), "container-title")


def _imprint_opening(labelled: Labelled) -> int | None:
    """The first token that opens a bracket and is no name's ("(Leeds,", not an editor's "(ed.)"), or None."""
    return next((i for i, (token, label, _) in enumerate(labelled)
                 if token.text.startswith("(") and label not in ("author", "editor")), None)


def _years_before_imprint(text: str, labelled: Labelled, opening: int) -> bool:
    """The token before the bracket at ``opening`` is a span of years, and the bracket's year is not before the
    span's start ("1865-1914 (1987)"; not "1865-1914 (1801)")."""
    years = _YEAR_RANGE.match(labelled[opening - 1][0].text)
    imprint = _BRACKETED_YEAR.search(text, labelled[opening][0].start)
    return years is not None and imprint is not None and int(imprint[1]) >= int(years[1])


def _titled_as_a_periodical(labelled: Labelled, labels: list[str], opening: int) -> Labelled:
    """"J. Roe, A. Poe, La Flandre maritime, 1815–1870 (1975)" read with no title, the title as a journal and its
    span of years as the volume: right after the names, the words and the span are the title."""
    start = opening - 1
    while start > 0 and labels[start - 1] in ("journal", "container-title"):
        start -= 1
    if start == opening - 1 or labels[start - 1] not in ("author", "editor"):
        return labelled
    return _relabel(labelled, range(start, opening), "title")


def _volume_after_its_years(text: str, labelled: Labelled, opening: int) -> Labelled:
    """"Foreign Relations of Leeds, 1961-1963, vol. 5, Harbour Affairs (Leeds: HMSO, 1998)": a
    span of years read as the date right after the title, then a volume and its own title before the bracketed
    imprint, whose year is not before the span's start: the span ends the series' title, the volume's title is
    the title's too, and the date is the imprint's."""
    span = next((i for i in range(1, opening) if labelled[i][1] == "date" and labelled[i - 1][1] == "title"
                 and _YEAR_RANGE.match(labelled[i][0].text.rstrip(","))), None)
    if span is None or not (years := _YEAR_RANGE.match(labelled[span][0].text.rstrip(","))):
        return labelled
    imprint = _BRACKETED_YEAR.search(text, labelled[opening][0].start)
    between = [label for _, label, _ in labelled[span + 1 : opening]]
    if imprint is None or int(imprint[1]) < int(years[1]) or "volume" not in between:
        return labelled
    if any(label not in ("volume", "publisher", "title") for label in between):
        return labelled
    words = [i for i in range(span + 1, opening) if labelled[i][1] == "publisher"]
    return _relabel(labelled, [span, *words], "title")


_TITLE_YEARS = re.compile(r"^(1[0-9]\d\d|20\d\d)(?:[-–/](?:1[0-9]\d\d|20\d\d|\d\d))?:$")
_YEAR = re.compile(r"(?<!\d)(1[0-9]\d\d|20\d\d)(?!\d)")


def _year_opens_title(text: str, labelled: Labelled) -> Labelled:
    """"Roe, Ann, 1851: The Rise of Rain (Leeds: Poe, 1990)": a year or span of years with a colon read as the date
    right after the names and before the title, where the imprint gives its own, later year, opens the title (an
    author-date list's "Roe, A. 1981: Title. Leeds: Poe." has no year of its own after it)."""
    labels = [label for _, label, _ in labelled]
    at = next((i for i, label in enumerate(labels) if label == "date"), None)
    if at is None or at + 1 >= len(labelled) or labels[at + 1] != "title":
        return labelled
    if not (years := _TITLE_YEARS.match(labelled[at][0].text)):
        return labelled
    if any(label not in ("author", "editor") for label in labels[:at]):
        return labelled
    later = [int(year) for i in range(at + 2, len(labelled)) if labels[i] == "date"
             for year in _YEAR.findall(labelled[i][0].text)]
    imprint = any(label in ("location", "publisher") for label in labels[at + 2 :])
    if not later or not imprint or max(later) < int(years[1]):
        return labelled
    return _relabel(labelled, [at], "title")


def _title_read_as_publisher(text: str, labelled: Labelled) -> Labelled:
    """"Grosby, Steven. Nationalism, Oxford, Oxford University Press, 2005." read with no title, its title, place
    and publisher all as the publisher: the words before a known place between commas are the title, the place
    the imprint's, the rest the publisher's (only where the names, or nothing, come before them)."""
    labels = [label for _, label, _ in labelled]
    if "title" in labels or "publisher" not in labels:
        return labelled
    first = labels.index("publisher")
    if first and labels[first - 1] not in ("author", "editor"):
        return labelled
    last = first
    while last + 1 < len(labels) and labels[last + 1] == "publisher":
        last += 1
    ends = [i for i in range(first, last) if labelled[i][0].text.endswith(",")]  # each comma closes a group
    for group, end in enumerate(ends[:-1]):
        place_end = ends[group + 1]
        place = text[labelled[end + 1][0].start : labelled[place_end][0].end].rstrip(",")
        if is_known_place(place):
            return _relabel(_relabel(labelled, range(first, end + 1), "title"), range(end + 1, place_end + 1),
                            "location")
    return labelled


_ARTICLE_PARTS = frozenset({"volume", "pages", "issue"})
_JOURNAL_WORD = re.compile(labeller_keyword("journal").pattern, re.IGNORECASE)  # Journal, Review, bulletin …
_BARE_YEAR = re.compile(r"^[(\[]?(?:1[5-9]\d\d|20\d\d)[)\]]?[.,;]?$")


def _abbreviated(words: list[str]) -> bool:
    """A journal's abbreviated name ("J Mar Hist", "Ann. Surg."): a letter alone (not the article "A"), or
    only short words."""
    letters = [re.sub(r"[\W\d_]", "", word) for word in words]
    return any(len(part) == 1 and part != "A" for part in letters) or all(len(part) <= 4 for part in letters)


def _subtitle_read_as_journal(text: str, labelled: Labelled) -> Labelled:
    """"William Ewart Poe. Faith and Politics in Victorian Leeds (1993)", "Harbour Theory. An
    Introduction, 1999": words the labeller read as a journal right after an unquoted title's full stop, in a
    citation with no volume, issue nor pages, are the title's subtitle: a journal is cited with its volume or
    pages, a book's subtitle is not."""
    labels = [label for _, label, _ in labelled]
    if "journal" not in labels or _ARTICLE_PARTS & set(labels) or "container-title" in labels:
        return labelled
    first = labels.index("journal")
    last = first
    while last + 1 < len(labels) and labels[last + 1] == "journal":
        last += 1
    before = labelled[first - 1][0].text if first else ""
    if (not first or labels[first - 1] != "title" or not before.endswith(".") or before.endswith(").")
            or _CLOSE_QUOTE.search(before)
            or "journal" in labels[last + 1 :] or not labelled[first][0].text[:1].isupper()
            or any(token.text[:1].isdigit() or _JOURNAL_WORD.match(token.text)
                   for token, _, _ in labelled[first : last + 1])
            or _abbreviated([token.text for token, _, _ in labelled[first : last + 1]])):
        return labelled  # "Journal of …", "… Review", "J Mar Hist": a periodical's own words
    after = labelled[last + 1 :]
    if any(label != "date" for _, label, _ in after) or not all(_BARE_YEAR.match(t.text) for t, _, _ in after):
        return labelled  # a place or a publisher after it, or a day's date ("Asahi Shinbun 31 December")
    return _relabel(labelled, range(first, last + 1), "title")


#: Labels a book's chapter has and a journal's article has not: its editors, imprint, edition, ISBN.
_BOOK_PARTS = frozenset({"editor", "translator", "publisher", "location", "edition", "isbn"})


def _container_read_as_journal(text: str, labelled: Labelled) -> Labelled:
    """"Ann Roe, “Harbour Songs,” Studies in the Baroque, IX (Sept., 1961), 41–59": words read as a book's
    title right after a quoted title's closing quote, with no "in" before them, then only a volume, a date and
    pages, and no editor, place, publisher nor edition anywhere, are a journal's name: a chapter is cited in its
    book, with the book's imprint."""
    labels = [label for _, label, _ in labelled]
    if "container-title" not in labels or _BOOK_PARTS & set(labels):
        return labelled
    first = labels.index("container-title")
    last = first
    while last + 1 < len(labels) and labels[last + 1] == "container-title":
        last += 1
    volume_read_inside = last > first and _VOLUME_FIGURE.fullmatch(labelled[last][0].text) is not None
    after = ["volume"] * volume_read_inside + labels[last + 1 :]
    if (not first or labels[first - 1] != "title" or not _CLOSE_QUOTE.search(labelled[first - 1][0].text)
            or not labelled[first][0].text[:1].isupper() or not after or after[0] != "volume" or "date" not in after
            or not set(after) <= {"volume", "issue", "date", "pages"}):
        return labelled
    journal = _relabel(labelled, range(first, last + 1 - volume_read_inside), "journal")
    return _relabel(journal, range(last, last + 1), "volume") if volume_read_inside else journal


_VOLUME_FIGURE = re.compile(r"(?:[IVXLC]{1,6}|\d{1,4}),?")  # "VII," "32": a volume the labeller kept in the name
_THESIS_WORD = re.compile(r"(?i)(?:thesis|dissertation|diss\.?|thèse)[,.;)]?")
_DEGREE_WORD = re.compile(r"(?i)\(?(?:ph\.?\s?d\.?|d\.\s?phil\.?|dphil|m\.\s?phil\.?|mphil|m\.?a\.?|m\.?litt\.?"
                          r"|b\.?litt\.?|doctoral|unpublished|master[’']?s)[,.]?")


def _thesis_kind(text: str, labelled: Labelled) -> Labelled:
    """"…, Leeds, D.Phil. thesis, 1971": a thesis's kind (a degree's words, then "thesis", "dissertation",
    "diss.") read as a journal, a place or the title's end is its genre, which makes the work a thesis; a place
    read right before it, or a known place or a university's name (``data/institution_words.txt``) closing the
    title, is the university that granted it."""
    for at, (token, _, _) in enumerate(labelled):
        if not _THESIS_WORD.fullmatch(token.text):
            continue
        first = at
        while first and _DEGREE_WORD.fullmatch(labelled[first - 1][0].text):
            first -= 1
        if first == at or not first or not labelled[first - 1][0].text.endswith(","):
            return labelled  # "thesis" alone is a title's word ("A Thesis on Ports"), not the kind
        fixed = _relabel(labelled, range(first, at + 1), "genre")
        located = first
        while located and labelled[located - 1][1] == "location":
            located -= 1
        if located < first and "publisher" not in {label for _, label, _ in labelled}:
            return _relabel(fixed, range(located, first), "publisher")  # "Oxford," read as the place: the university
        place = first - 1
        while place and labelled[place - 1][1] == "title" and not labelled[place - 1][0].text.endswith(","):
            place -= 1
        named = text[labelled[place][0].start : labelled[first - 1][0].end].rstrip(",")
        if (place and labelled[place - 1][0].text.endswith(",") and labelled[place][1] == "title"
                and (is_known_place(named) or institution_words() & set(named.casefold().split()))):
            fixed = _relabel(fixed, range(place, first), "publisher")
        return fixed
    return labelled


_VOLUME_ALONE = re.compile(r"(?:\d{1,3}|[IVXLC]{1,6}),?")


def _volume_before_its_date(text: str, labelled: Labelled) -> Labelled:
    """"Harbour Review, 23 (March 1984): 211–29": a figure between a journal's name and its date in brackets,
    read as the date's, is the volume (a day is never printed outside the brackets that hold its month)."""
    for at in range(1, len(labelled) - 1):
        token, label, _ = labelled[at]
        if (label == "date" and labelled[at - 1][1] == "journal" and _VOLUME_ALONE.fullmatch(token.text)
                and labelled[at + 1][1] == "date" and labelled[at + 1][0].text.startswith("(")):
            return _relabel(labelled, range(at, at + 1), "volume")
    return labelled


_LOCATOR_FIGURE = re.compile(r"(?:[IVXLCivxlc]{1,6}|\d{1,5}[a-z]?)(?:[-–]\d{1,5})?[,.;:]?")  # "12," "iv", "12–14."
_IMPRINT_CLOSED = re.compile(r"\)[,.;:]?$")


def _locator_after_imprint(text: str, labelled: Labelled) -> Labelled:
    """"Ann Roe, Harbours (Leeds: Tide Press, 1952), ch. 3, 44": after a book's imprint in brackets, a
    locator's word ("ch.", "par.", "sec.", "fol.") and its figures that the labeller read as a journal's name
    and volume, and what the labeller read as pages after them ("par. 12, remark, 44"), are where the note cites
    the book: a periodical is never cited after a publisher's imprint."""
    labels = [label for _, label, _ in labelled]
    for at in range(1, len(labelled)):
        if labels[at] != "journal" or labels[at - 1] not in _IMPRINT_LABELS:
            continue
        closed = labelled[at - 1][0].text
        word = labelled[at][0].text
        if (not _IMPRINT_CLOSED.search(closed) or not {"location", "publisher"} & set(labels[:at])
                or not word.endswith(".") or word[:-1].lower() not in lower_set("locator_words.txt")):
            return labelled
        rest = labelled[at + 1 :]
        if (not rest or any(label not in ("volume", "issue", "pages") for _, label, _ in rest)
                or not _LOCATOR_FIGURE.fullmatch(rest[0][0].text)):
            return labelled
        return _relabel(labelled, range(at, len(labelled)), "pages")
    return labelled


_REGNAL = re.compile(r"[IVX]{1,5}\.?,?")  # "XIV,", "III.", "XIV.,"


def _regnal_number(text: str, labelled: Labelled) -> Labelled:
    """"… sous Henri | IV, Paris, …": a capital roman numeral right after a title's last word, a
    capitalised name, that the labeller read as the first word of the place, is the name's number (a king's, a
    pope's); no place opens with one."""
    for at in range(1, len(labelled) - 1):
        token, label, _ = labelled[at]
        before = labelled[at - 1]
        if (label == "location" and before[1] == "title" and _REGNAL.fullmatch(token.text)
                and before[0].text[:1].isupper() and before[0].text.isalpha()
                and labelled[at + 1][1] in ("location", "publisher")):
            return _relabel(labelled, range(at, at + 1), "title")
    return labelled


_PINPOINT = re.compile(r"^(?:at|p\.|pp\.|[A-Z]?\d{1,5}(?:[–-]\d{1,5})?[,.;]?)$")


def _title_before(labelled: Labelled, at: int) -> int | None:
    """The first token to read as the title that ends right before token ``at``: the one before ``at`` when the
    labeller read it so, or a quoted title's opening word when its closing quote ends there however its words
    were read ("“… Page v. | Smith” |" read as a journal); None when no title ends there."""
    before = labelled[at - 1]
    if before[1] == "title":
        return at - 1
    if not _CLOSE_QUOTE.search(before[0].text):
        return None
    for i in range(at - 1, -1, -1):
        if labelled[i][0].text[:1] in _OPEN_QUOTES:
            return i if labelled[i][1] == "title" else None
    return None


def _law_journal_article(text: str, labelled: Labelled) -> Labelled:
    """"‘Title’ (1996) 112 L.Q.R. 22, 25": after a title, a year alone in brackets, then the volume, the
    journal's words and the first page (OSCOLA, AGLC; the shape is the splitter's, :func:`law_journal_end`),
    whatever the labeller read them as; only pages after."""
    for at, (token, _, _) in enumerate(labelled):
        year = token.text.rstrip(",")
        bracketed_year = len(year) == 6 and year[0] in "([" and year[1:5].isdigit() and year[5] in ")]"
        opening = _title_before(labelled, at) if at and bracketed_year else None
        if opening is None:
            continue
        stop = law_journal_end(text, token.start, token.start + len(year))
        if stop is None:
            return labelled  # the first year in brackets after a title is the citation's
        start = at + 1
        page = max(i for i in range(start, len(labelled)) if labelled[i][0].start < stop)
        volume = [start] if labelled[start][0].text.isdigit() and start < page else []
        if not all(_PINPOINT.match(labelled[i][0].text) for i in range(page + 1, len(labelled))):
            return labelled
        wanted = {**dict.fromkeys(range(opening, at), "title"), **dict.fromkeys(volume, "volume"),
                  **dict.fromkeys(range(start + len(volume), page), "journal"),
                  **dict.fromkeys(range(page, len(labelled)), "pages")}
        if all(labelled[i][1] == label for i, label in wanted.items()):
            return labelled
        fixed = list(labelled)
        for i, label in wanted.items():
            fixed[i] = (labelled[i][0], label, labelled[i][2])
        return fixed
    return labelled


REPAIR_RULES = (
    (PSEUDONYM_AUTHOR, "author", _pseudonym_author),
    (AUTHOR_BOUNDARY, "author", _author_boundary),
    (IMPRINT_BOUNDARY, "publisher-place", _imprint_boundary),
    (PUBLISHER_BEFORE_PLACE, "publisher", _publisher_before_place),
    (QUOTED_TITLE_BOUNDARY, "title", _quoted_title_boundary),
    (CONTAINER_EDITOR_BOUNDARY, "container-title", _container_editor_boundary),
    (ROLE_IN_TITLE, "editor", _role_in_title),  # before "by" and a name: "…, with an introduction by Roe"
    (TITLE_BY_AUTHOR, "author", _title_by_author),
    (TITLE_RUN_ON, "title", _title_run_on),
    (EDITED_BOOK_TITLE, "title", _edited_book_title),
    (TITLE_IN_CONTAINER, "container-title", _title_in_container),
    (PLACE_AFTER_TITLE, "publisher-place", _place_after_title),
    (LAW_JOURNAL_ARTICLE, "container-title", _law_journal_article),
    (TITLE_READ_AS_PUBLISHER, "title", _title_read_as_publisher),
    (SUBTITLE_READ_AS_JOURNAL, "title", _subtitle_read_as_journal),
    (TITLE_ENDS_ON_ITS_YEARS, "title", _title_ends_on_its_years),
    (YEAR_OPENS_TITLE, "title", _year_opens_title),
    (CONTAINER_ENDS_ON_ITS_YEARS, "container-title", _container_ends_on_its_years),
    (CONTAINER_READ_AS_JOURNAL, "container-title", _container_read_as_journal),
    (LOCATOR_AFTER_IMPRINT, "page", _locator_after_imprint),
    (VOLUME_BEFORE_ITS_DATE, "volume", _volume_before_its_date),
    (THESIS_KIND, "genre", _thesis_kind),
    (REGNAL_NUMBER, "title", _regnal_number),
)


def _described(labelled: Labelled, changed: set[int]) -> str:
    return " ".join(f"{labelled[i][0].text}/{labelled[i][1]}" for i in sorted(changed))


def repair(
    text: str, labelled: Labelled, skip_rules: frozenset[str] = frozenset()
) -> tuple[list[Span], list[Correction]]:
    """The labeller's spans after the structural repairs, and one correction per repair made."""
    spans, corrections = _repair_cached(text, tuple(labelled), frozenset(skip_rules))
    return list(spans), list(corrections)


@memo(4096)  # lists repeat citations; spans and corrections are immutable
def _repair_cached(
    text: str, labelled: tuple[tuple[Token, str, float], ...], skip_rules: frozenset[str]
) -> tuple[tuple[Span, ...], tuple[Correction, ...]]:
    current: Labelled = list(labelled)
    corrections = []
    for rule, field, fix in REPAIR_RULES:
        if rule in skip_rules:
            continue
        fixed = fix(text, current)
        if fixed is current:  # the rule did not fire (each returns its input unchanged then)
            continue
        changed = {i for i, (a, b) in enumerate(zip(current, fixed, strict=False)) if a[1] != b[1]}
        if changed:
            corrections.append(
                Correction(field, _described(current, changed), _described(fixed, changed), rule, _CONFIDENCE)
            )
            current = fixed
    return tuple(spans_of(text, current)), tuple(corrections)
