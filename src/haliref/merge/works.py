"""Merge citations into distinct works and give each work a stable, readable key.

A repeated full citation (same first author, near-identical title) and a short
form (author + locator, author + short title, ibid., idem, op. cit.) point to the
work cited before; a short form with no full citation earlier in the list stays
a work of its own, flagged. Keys look like ``pipes1992russian``: first author's
(or editor's) family name without particles, year, first significant title word,
ASCII only, made unique by a letter suffix in order of first appearance.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from rapidfuzz import fuzz, process

from haliref import resources
from haliref.caches import memo
from haliref.model import Correction, Flag

__all__ = ["Cited", "MemoryWorks", "MergedWork", "Merger", "WorkStore", "citation_key", "merge"]

_SAME_TITLE = 90.0
#: variant-citation flags kept per field: a work cited a thousand times with a thousand different
#: years keeps a bounded record (a streamed input rewrites it on disk at each citation)
VARIANTS_NAMED = 3


@dataclass
class Cited:
    """A parsed citation waiting to be assigned to a work."""

    csl: dict[str, Any]
    corrections: list[Correction]
    flags: list[Flag]
    short_form: bool = False
    ibid: bool = False


@dataclass
class MergedWork:
    csl: dict[str, Any]
    corrections: list[Correction] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    short_form_only: bool = True

    def family(self) -> str:
        """How merge files it: the folded family name of its first author, editor or translator, or for a
        work with no one named, its whole description (:func:`_filing_family`)."""
        return _filing_family(self.csl)


@memo(1 << 15)
def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only, for comparisons and keys."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9 ]+", " ", ascii_text.casefold()).strip()


def _first_person(csl: Mapping[str, Any]) -> dict[str, Any] | None:
    for role in ("author", "editor", "translator"):
        people = csl.get(role) or []
        if people:
            return people[0]
    return None


def _family(csl: Mapping[str, Any]) -> str:
    person = _first_person(csl)
    if not person:
        return ""
    return fold(person.get("family") or person.get("literal") or "")


def _filing_family(csl: Mapping[str, Any]) -> str:
    """The first family, or for a work that names no one ("Pim Papers", "CAB 16/11") the folded text of all
    its fields after a mark no family has: citations of an anonymous work are one work only when they
    describe it alike, since there is no name to find a shorter citation of it by; a case, by its report and
    volume, among which its parties' names find it."""
    if _first_person(csl) is not None:
        return _family(csl)
    if csl.get("type") == "legal_case" and csl.get("container-title") and csl.get("volume"):
        # a case is filed by its report's volume, where its short form points ("Roe, 410 U.S. at 153")
        return "§" + fold(f"{csl['container-title']} {csl['volume']}")
    return "=" + fold(" ".join(f"{key} {_as_text(value)}" for key, value in sorted(csl.items())))


@memo(1)
def _articles() -> frozenset[str]:
    """Every article of ``data/articles.tsv``, folded as titles are ("l'" -> "l")."""
    return frozenset(fold(article) for article in resources.all_articles())


def _title_words(title: str) -> list[str]:
    words = fold(title).split()
    articles = _articles()
    while words and words[0] in articles:
        words = words[1:]
    return words


def filed_title(title: str) -> str:
    """A title as the merge files it: its folded words without a leading article, one space between."""
    return " ".join(_title_words(title))


def _same_title(short: str, full: str, short_form: bool = False) -> bool:
    """Near-identical titles, or ``short`` a short form (leading words) of ``full``; a short form's title may
    also be key words of the full one, in order (CMOS 14.30: "Storm" for "The Gathering Storm")."""
    return _same_title_words(filed_title(short), filed_title(full), short_form)


def _same_title_words(a: str, b: str, short_form: bool = False) -> bool:
    """:func:`_same_title` on titles already reduced to their words (folded, no leading article)."""
    if not a or not b:
        return False
    if a == b or b.startswith(a + " ") or a.startswith(b + " "):
        return True
    return fuzz.ratio(a, b) >= _SAME_TITLE or (short_form and _key_words_of(a, b))


_KEY_WORD_LETTERS = 4  # a short title's key word is a word, not "of" or "the"


def _key_words_of(short: str, full: str) -> bool:
    """Every word of ``short`` is a word of ``full``, in the same order, and one of them is a key word."""
    words = iter(full.split(" "))
    shorts = short.split(" ")
    return (len(shorts) < len(full.split(" ")) and any(len(word) >= _KEY_WORD_LETTERS for word in shorts)
            and all(word in words for word in shorts))


#: a near-identical title (neither the same nor the leading words of the other) is looked for among this
#: many latest works of the author: one author with 10,000 works made the pass over all of them quadratic
NEAR_WINDOW = 512


class _Node:
    __slots__ = ("children", "ends", "through")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.through: list[int] = []  # the works whose title words pass through (or end at) this node
        self.ends: list[int] = []  # the works whose title words end here


class _Family:
    """One family's works with a full citation, in list order, and a trie of their title words."""

    def __init__(self) -> None:
        self.works: list[int] = []
        self.words: list[str] = []  # the title words of each of ``works``
        self.trie = _Node()

    def add(self, index: int, words: str) -> None:
        at = bisect.bisect_left(self.works, index)
        if at < len(self.works) and self.works[at] == index:
            self.words[at] = words
        else:
            self.works.insert(at, index)
            self.words.insert(at, words)

    def remove(self, index: int) -> None:
        at = bisect.bisect_left(self.works, index)
        del self.works[at], self.words[at]


def _file_sorted(indexes: list[int], index: int) -> None:
    """Keep ``indexes`` in list order (a new work goes at the end: amortised O(1))."""
    if not indexes or indexes[-1] < index:
        indexes.append(index)
    else:
        at = bisect.bisect_left(indexes, index)
        if at == len(indexes) or indexes[at] != index:
            indexes.insert(at, index)


class _FullWorks:
    """The works with a full citation, by first family name and by title words, in list order.

    A citation's antecedent is the latest earlier work of its family whose title is
    the same, the leading words of the other, or near-identical (``fuzz.ratio`` ≥ 90).
    The first two are look-ups in a trie of each family's title words, whose nodes
    list the works passing through them and those ending there; a near-identical
    title is looked for among the family's ``NEAR_WINDOW`` latest works, in one
    call of rapidfuzz. So a citation costs the same however many works its author
    has (one author with 10,000 works made the pass over all of them quadratic).

    A repeat can change a work's family or fill its title, so the work is filed
    again; what it was filed under before is skipped as stale.
    """

    def __init__(self) -> None:
        self.families: dict[str, _Family] = {}
        self.filed: dict[int, tuple[str, str]] = {}  # work -> (family, title words) it is filed under

    def file(self, index: int, work: MergedWork, family: str | None = None) -> None:
        """File ``work`` under its first family, or under ``family`` when given (one for all works)."""
        family = work.family() if family is None else family
        words = filed_title(work.csl.get("title", ""))
        old = self.filed.get(index)
        if old == (family, words):
            return
        if old is not None and old[0] != family:
            self.families[old[0]].remove(index)
        self.filed[index] = (family, words)
        group = self.families.setdefault(family, _Family())
        group.add(index, words)
        if not words:
            return
        node = group.trie
        for word in words.split(" "):
            child = node.children.get(word)
            if child is None:
                child = node.children[word] = _Node()
            node = child
            _file_sorted(node.through, index)
        _file_sorted(node.ends, index)

    def latest(self, family: str) -> int | None:
        """The latest work of ``family``."""
        group = self.families.get(family) if family else None
        return group.works[-1] if group and group.works else None

    def latest_leading(self, family: str, words: str) -> int | None:
        """The latest work of ``family`` whose title is ``words`` or begins with them."""
        node = self.families[family].trie if family in self.families and words else None
        for word in words.split(" ") if node else ():
            node = node.children.get(word) if node else None
        for index in reversed(node.through if node else []):
            filed_family, filed_words = self.filed[index]
            if filed_family == family and (filed_words == words or filed_words.startswith(words + " ")):
                return index
        return None

    def latest_same_title(self, family: str, words: str, short_form: bool = False) -> int | None:
        """The latest work of ``family`` whose title is the same as ``words`` (see :func:`_same_title`)."""
        group = self.families.get(family) if family else None
        if group is None or not words:
            return None
        best = -1

        def consider(indexes: list[int]) -> None:
            nonlocal best
            for index in reversed(indexes):  # latest first; stop at the first that holds
                if index <= best:
                    return
                filed_family, filed_words = self.filed[index]
                if filed_family == family and _same_title_words(words, filed_words):
                    best = index
                    return

        node = group.trie
        for word in words.split(" "):
            child = node.children.get(word)
            if child is None:
                break
            node = child
            consider(node.ends)  # a title that is the leading words of this one (or the same)
        else:
            consider(node.through)  # the same title, or one this one is the leading words of
        recent, titles = group.works[-NEAR_WINDOW:], group.words[-NEAR_WINDOW:]
        if recent and recent[-1] > best:
            best = max(best, latest_near_identical(words, recent, titles, short_form))
        return best if best >= 0 else None


def latest_near_identical(words: str, recent: Sequence[int], titles: Sequence[str], short_form: bool = False) -> int:
    """The latest of the works ``recent`` whose filed title (``titles``) is near-identical to ``words``
    (``fuzz.ratio`` ≥ 90), or for a short form holds its words in order: -1 if none."""
    near = process.extract(words, titles, scorer=fuzz.ratio, score_cutoff=_SAME_TITLE, limit=None)
    latest = max((recent[position] for _, _, position in near), default=-1)
    if short_form:
        keyed = (index for index, title in zip(reversed(recent), reversed(titles), strict=True)
                 if index > latest and _key_words_of(words, title))
        latest = next(keyed, latest)
    return latest


def _find_antecedent(cited: Cited, store: WorkStore) -> int | None:
    """The latest full work with the citation's first family and the same (or a longer) title; a short form
    that names no one, or whose name is a title no work's author has, the latest full work whose title begins
    with its title; a short form without a title takes the latest full work of the family, and a short form with
    no full work the latest short form of its family with the same title (one work, however often cited). A work
    that names no one is found by its whole description (:func:`_filing_family`)."""
    family = _filing_family(cited.csl)
    title = cited.csl.get("title", "")
    if cited.short_form and _first_person(cited.csl) is None and (titled := _by_title_alone(title, store)) is not None:
        return titled  # "Old Revolutionaries", "‘Managing the Americans’": a title alone, the author named in the prose
    if not family or not (title or cited.short_form or family.startswith("=")):
        return None
    found = store.antecedent(family, title, cited.short_form)
    if found is None and cited.short_form and not title and (person := _first_person(cited.csl)):
        # "Old Revolutionaries, 20": a short title the labeller read as a name, when no work has that name
        named = " ".join(person.get(part) or "" for part in ("given", "family", "literal"))
        if (titled := _by_title_alone(named, store)) is not None:
            return titled
    if found is None and cited.short_form:
        found = store.short_form_twin(family, filed_title(title))
    if found is not None and cited.short_form and not title and _another_year(cited.csl, store.get(found).csl):
        return None  # "Roe (1992)" after "Roe (2009)": an author-date citation names its work by the year
    if found is not None and not cited.short_form and (_another_document(cited.csl, store.get(found).csl)
                                                        or _another_work_begun_alike(cited.csl, store.get(found).csl)):
        return None
    return found


def _year(csl: Mapping[str, Any]) -> Any:
    return (csl.get("issued") or {}).get("date-parts", [[None]])[0][0]


def _another_year(csl: Mapping[str, Any], earlier: Mapping[str, Any]) -> bool:
    """Both dated, in different years."""
    return None not in (_year(csl), _year(earlier)) and _year(csl) != _year(earlier)


def _another_work_begun_alike(csl: Mapping[str, Any], earlier: Mapping[str, Any]) -> bool:
    """Two full citations of one author whose titles differ, one the other's leading words, and whose years
    differ ("Roe, Ann. 1985. Grain." and "1988. Grain as Lexical Organization."): two works, not a short form of
    one; the same title in another year is the same work's other edition or reprint."""
    years = [_year(item) for item in (csl, earlier)]
    titles = [filed_title(item.get("title", "")) for item in (csl, earlier)]
    return None not in years and years[0] != years[1] and titles[0] != titles[1]


def _by_title_alone(title: str, store: WorkStore) -> int | None:
    """The latest full work whose title is ``title`` or begins with it, whoever wrote it, when ``title`` can stand
    for one work (:func:`_key_title`)."""
    return store.titled(filed_title(title)) if _key_title(title) else None


def _key_title(title: str) -> bool:
    """A short title that can stand for one work: a word of ``_KEY_WORD_LETTERS`` letters or more in it."""
    return any(len(word) >= _KEY_WORD_LETTERS for word in filed_title(title).split(" "))


def _another_document(csl: Mapping[str, Any], earlier: Mapping[str, Any]) -> bool:
    """Two letters from one writer to one reader, dated apart ("Kennan to Acheson, January 31, 1947" and
    "…, January 3, 1949"), or two telegrams of one title filed apart ("Central Files, POL 16" and "POL 17"):
    unpublished documents are told apart by their dates and their places in the archive, not their titles."""
    if csl.get("type") != "manuscript":
        return False
    return any(key in csl and key in earlier and csl[key] != earlier[key] for key in ("issued", "archive_location"))


def _differences(kept: Mapping[str, Any], other: Mapping[str, Any]) -> list[str]:
    differing: list[str] = []
    for key in ("title", "publisher", "publisher-place", "issued", "edition", "container-title"):
        if key in kept and key in other and kept[key] != other[key]:
            differing.append(key)
    return differing


def _absorb(work: MergedWork, cited: Cited) -> None:
    """A repeated full citation: fill gaps in the kept fields, flag the differences.

    The repeat's own flags (a suspect publisher, say) are kept too.
    """
    for flag in cited.flags:
        if flag not in work.flags:
            work.flags.append(flag)
    for key, value in cited.csl.items():
        if key not in work.csl:
            work.csl[key] = value
            work.corrections.append(
                Correction(key, "", _as_text(value), "merge-fill-from-repeat", 0.9)
            )
    for key in _differences(work.csl, cited.csl):
        variant = Flag(
            "variant-citation",
            key,
            "cited again with a different " + key,
            f"{_as_text(work.csl[key])!r} vs {_as_text(cited.csl[key])!r}",
        )
        named = sum(1 for flag in work.flags if flag.code == "variant-citation" and flag.field == key)
        if variant not in work.flags and named < VARIANTS_NAMED:
            work.flags.append(variant)


def _short_form_title(work: MergedWork, cited: Cited) -> None:
    """The author's own short title wins over the computed one (CMOS 17 14.29): the
    first short form in the notes that is shorter than the title becomes ``title-short``."""
    short, title = cited.csl.get("title", ""), work.csl.get("title", "")
    if not short or not title or fold(short) == fold(title) or len(short) >= len(title):
        return
    if any(c.rule == SHORT_FROM_NOTES for c in work.corrections):
        return
    before = str(work.csl.get("title-short", ""))
    if before == short:
        return
    work.csl["title-short"] = short
    work.corrections.append(Correction("title-short", before, short, SHORT_FROM_NOTES, 0.9))


#: rule name of a short title taken from the notes
SHORT_FROM_NOTES = "short-title-from-notes"


def _as_text(value: Any) -> str:
    if isinstance(value, dict) and "date-parts" in value:
        return "-".join(str(part) for part in value["date-parts"][0])
    return str(value)


class WorkStore(Protocol):
    """Where the merge stage keeps its works: in memory (:class:`MemoryWorks`, one list) or on
    disk (:class:`haliref.scale.shelf.ShelvedWorks`, a streamed input of any size)."""

    def get(self, index: int) -> MergedWork: ...

    def put(self, index: int, work: MergedWork) -> None:
        """Keep the changed work at ``index`` (a repeat may have changed its first family)."""

    def add(self, work: MergedWork) -> int:
        """Keep a new work; returns its index (0, 1, 2 … in order of first citation)."""

    def antecedent(self, family: str, title: str, short_form: bool = False) -> int | None:
        """The latest work with a full citation whose first family is ``family`` and whose title is the same
        as ``title`` (see :func:`_same_title`; near-identical, or for a short form its key words, among the
        family's ``NEAR_WINDOW`` latest), or with no ``title``, the family's latest; by look-ups, not a pass
        over the family's works."""

    def short_form_twin(self, family: str, words: str) -> int | None:
        """The latest work known only by short forms whose first family is ``family`` and whose filed title
        is ``words`` (see :func:`filed_title`)."""

    def titled(self, words: str) -> int | None:
        """The latest work with a full citation, whoever its author, whose filed title is ``words`` or begins
        with them (see :func:`filed_title`): what a short form that gives only a title cites."""


class MemoryWorks:
    """The works of one list in memory, with the full works filed by family (:class:`_FullWorks`)."""

    def __init__(self) -> None:
        self.works: list[MergedWork] = []
        self._full = _FullWorks()
        self._titles = _FullWorks()  # every full work under one family: found by its title alone
        self._short_only: dict[tuple[str, str], int] = {}  # (family, title words) -> latest such work

    def get(self, index: int) -> MergedWork:
        return self.works[index]

    def _file(self, index: int, work: MergedWork) -> None:
        if work.short_form_only:
            twin = (work.family(), filed_title(work.csl.get("title", "")))
            self._short_only[twin] = max(index, self._short_only.get(twin, -1))
        else:
            self._full.file(index, work)
            self._titles.file(index, work, family="")

    def put(self, index: int, work: MergedWork) -> None:
        self.works[index] = work
        self._file(index, work)

    def add(self, work: MergedWork) -> int:
        self.works.append(work)
        index = len(self.works) - 1
        self._file(index, work)
        return index

    def antecedent(self, family: str, title: str, short_form: bool = False) -> int | None:
        """See :meth:`WorkStore.antecedent`: look-ups in the index of the full works."""
        if title:
            return self._full.latest_same_title(family, filed_title(title), short_form)
        return self._full.latest(family)

    def short_form_twin(self, family: str, words: str) -> int | None:
        """See :meth:`WorkStore.short_form_twin`."""
        return self._short_only.get((family, words))

    def titled(self, words: str) -> int | None:
        """See :meth:`WorkStore.titled`."""
        return self._titles.latest_leading("", words)


class Merger:
    """The merge stage, one citation at a time: each citation's work index, new works kept in ``store``.

    The same merger takes the blocks of a streamed input one after another, so an
    ibid. or a short form finds its work in an earlier block as it would in one list.
    """

    def __init__(self, store: WorkStore | None = None) -> None:
        self.store: WorkStore = store if store is not None else MemoryWorks()
        self._last: int | None = None

    def add(self, cited: Cited) -> int:
        if cited.ibid and self._last is not None:
            return self._last
        index = None if cited.ibid else _find_antecedent(cited, self.store)
        if index is None:
            work = MergedWork(
                csl=dict(cited.csl),
                corrections=list(cited.corrections),
                flags=list(cited.flags),
                short_form_only=cited.short_form,
            )
            if cited.ibid:
                work.flags.append(Flag("ibid-without-antecedent", "", "ibid. with no earlier citation in the list"))
            elif cited.short_form:
                work.flags.append(
                    Flag(
                        "short-form-unresolved",
                        "",
                        "short form (no imprint) whose full citation is not in the list",
                    )
                )
            index = self.store.add(work)
        else:
            work = self.store.get(index)
            if cited.short_form:
                _short_form_title(work, cited)
            else:
                _absorb(work, cited)
            self.store.put(index, work)
        self._last = index
        return index


def merge(citations: list[Cited]) -> tuple[list[MergedWork], list[int]]:
    """Distinct works in order of first citation, and each citation's work index."""
    store = MemoryWorks()
    merger = Merger(store)
    assignment = [merger.add(cited) for cited in citations]
    return store.works, assignment


def citation_key(csl: Mapping[str, Any]) -> str:
    """``familyYEARword``: readable, ASCII, stable for the same fields."""
    person = _first_person(csl)
    name = ""
    if person:
        name = fold(person.get("family") or person.get("literal") or "").replace(" ", "")
    words = [w for w in _title_words(csl.get("title", "")) if len(w) > 2 or w.isdigit()]
    if not name and not words:  # an unsigned newspaper item: named by its paper
        container = [w for w in _title_words(csl.get("container-title", "")) if len(w) > 2]
        name = container[0] if container else ""
    if not name:
        name = words[0] if words else "anon"
        words = words[1:]
    year = ""
    issued = csl.get("issued")
    if issued and issued.get("date-parts"):
        year = str(issued["date-parts"][0][0])
    return f"{name}{year}{words[0] if words else ''}"


def assign_keys(works: list[MergedWork]) -> list[str]:
    """Unique keys in order of appearance: a clash gets a, b, c … suffixes."""
    bases = [citation_key(work.csl) for work in works]
    return list(suffixed_keys(bases, Counter(bases).__getitem__))


def suffixed_keys(bases: Iterable[str], count: Callable[[str], int]) -> Iterator[str]:
    """The key of each base in turn: the base itself when ``count(base)`` (how many works
    share it) is 1, else the base with the next a, b, c … suffix that no other work has.

    Only the suffixed keys are remembered, so the works themselves may live on disk
    (:mod:`haliref.scale.shelf`) with ``count`` a query.
    """
    assigned: set[str] = set()
    next_suffix: dict[str, int] = {}
    for base in bases:
        if count(base) == 1:
            yield base
            continue
        key = base
        while key == base or key in assigned or count(key) == 1:
            next_suffix[base] = next_suffix.get(base, 0) + 1
            key = base + _letters(next_suffix[base] - 1)
        assigned.add(key)
        yield key


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters
