"""The package's data files (word lists, patterns, gazetteers, the normalizers' tables), each read once.

Every list lives in ``haliref/data``; nothing of it is spelled out in code, and
this module is the one place that reads them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from haliref.caches import memo


def model_path(name: str) -> Path:
    """A shipped model file (``data/model/NAME``) as a path: crfsuite opens its models by file name, so
    haliref is installed as files (as pip installs it), never run from a zip archive."""
    return Path(str(resources.files("haliref").joinpath("data", "model", name)))


def read_text(name: str) -> str:
    return resources.files("haliref").joinpath("data", name).read_text(encoding="utf-8")


def _content_lines(name: str) -> list[str]:
    lines = []
    for line in read_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            lines.append(line.rstrip("\n"))
    return lines


@memo(64)
def word_list(name: str) -> tuple[str, ...]:
    """A one-entry-per-line list, comments (#) and blank lines skipped."""
    return tuple(line.strip() for line in _content_lines(name))


@memo(64)
def lower_set(name: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in word_list(name))


def alternation(name: str) -> str:
    """A word list as the alternatives of a pattern, in the file's order: each entry escaped, a trailing
    ``*`` standing for any word ending (``universit*`` -> ``universit\\w*``). The pattern keeps the words
    in the data file, not in code."""
    return "|".join(
        re.escape(word[:-1]) + r"\w*" if word.endswith("*") else re.escape(word) for word in word_list(name)
    )


@memo(None)
def first_names() -> frozenset[str]:
    names: set[str] = set()
    for name in ("anystyle/firstnames_male.txt", "anystyle/firstnames_female.txt"):
        names.update(lower_set(name))
    return frozenset(names)


@memo(None)
def page_furniture() -> tuple[tuple[re.Pattern[str], str], ...]:
    """``data/page_furniture.tsv``: (pattern, reason) of each line shape that is page chrome."""
    return tuple((pattern, reason) for pattern, reason, _ in _furniture_rows())


@memo(None)
def always_chrome() -> tuple[re.Pattern[str], ...]:
    """The patterns of ``data/page_furniture.tsv`` marked ``always``: chrome whatever the page reader reads in the
    line (a document-sharing site's title and preview, a contact address)."""
    return tuple(pattern for pattern, _, always in _furniture_rows() if always)


@memo(None)
def _furniture_rows() -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    """Each row of ``data/page_furniture.tsv``: its pattern (compiled once), its reason, whether it is ``always``."""
    rows = []
    for line in _content_lines("page_furniture.tsv"):
        pattern, reason, *flags = line.split("\t")
        rows.append((re.compile(pattern, re.IGNORECASE), reason, flags == ["always"]))
    return tuple(rows)


def data_lines(name: str) -> list[str]:
    """Non-blank, non-comment lines of a data file (missing file: empty list)."""
    try:
        text = resources.files("haliref").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return []
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def table_rows(name: str, width: int) -> list[list[str]]:
    """The first ``width`` tab-separated cells of each line: a shorter row is a broken data file, said at load."""
    rows = []
    for line in data_lines(name):
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) < width:
            raise ValueError(f"data/{name}: expected {width} tab-separated cells in {line!r}")
        rows.append(cells[:width])
    return rows


@memo(1 << 16)  # pure, and called for every place/publisher test (issue 8)
def comparison_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key ("&" counts as "and")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("&", " and ").replace("+", " and ")
    text = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text)
    return " ".join(text.split())


_NOT_KEY_CHAR = re.compile(r"[^\w\s]|_")  # \w is isalnum() plus "_"; \s is isspace()


def comparison_keys(texts: list[str]) -> list[str]:
    """``[comparison_key(t) for t in texts]`` computed on the joined text at once (load-time speed).

    Valid because NFKD, casefold and the character class map each line on its own;
    ``texts`` must not contain line breaks.
    """
    text = unicodedata.normalize("NFKD", "\n".join(texts))
    marks = "".join(sorted(ch for ch in set(text) if unicodedata.combining(ch)))
    if marks:
        text = re.sub(f"[{re.escape(marks)}]+", "", text)
    text = text.casefold().replace("&", " and ").replace("+", " and ")
    text = _NOT_KEY_CHAR.sub(" ", text)
    return [" ".join(line.split()) for line in text.split("\n")]


@memo(None)
def publishers() -> dict[str, tuple[str, ...]]:
    """Canonical publisher name -> its usual seats (file order kept)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, seats in table_rows("publishers.tsv", 2):
        out[name] = tuple(s.strip() for s in seats.split("|") if s.strip())
    return out


@memo(None)
def publisher_first_cities() -> dict[str, tuple[str, ...]]:
    """Canonical publisher name -> seats other than its first that also head its imprints."""
    return {
        name: tuple(c.strip() for c in cities.split("|") if c.strip())
        for name, cities in table_rows("publisher_first_cities.tsv", 2)
    }


@memo(None)
def place_names() -> dict[str, frozenset[str]]:
    """Comparison key of a city's name -> the keys of all its names (``place_names.tsv``)."""
    out: dict[str, frozenset[str]] = {}
    for line in data_lines("place_names.tsv"):
        keys = frozenset(k for k in (comparison_key(n) for n in line.split("|")) if k)
        for key in keys:
            out[key] = out.get(key, frozenset()) | keys
    return out


@memo(None)
def authors_note_words() -> re.Pattern[str]:
    """The words of an author's own note (``author_note_words.txt``: thanks, a dedication), each at a word's
    start, case folded: search a folded text with it."""
    return re.compile("|".join(rf"\b{re.escape(word)}" for word in word_list("author_note_words.txt")))


@memo(None)
def place_words() -> frozenset[str]:
    """Every word of the gazetteer's places (:func:`places`), folded: a word that names a place, not a person."""
    return frozenset(word.casefold() for place in places() for word in place.split())


@memo(None)
def places() -> tuple[str, ...]:
    """Publishing places of ``places.txt`` plus every seat named in ``publishers.tsv``."""
    seen: dict[str, None] = {}
    for line in data_lines("places.txt"):
        seen.setdefault(line.strip(), None)
    for seats in publishers().values():
        for seat in seats:
            seen.setdefault(seat, None)
    return tuple(seen)


@memo(None)
def gazetteer_places() -> frozenset[str]:
    """Comparison keys of the big AnyStyle places gazetteer, if the tagger copied it (else empty).

    Only used to check that a word is a real place elsewhere, never as a correction target.
    """
    keys = comparison_keys([line.split("\t")[0] for line in data_lines("anystyle/places_gazetteer.txt")])
    return frozenset(key for key in keys if key)


@memo(None)
def publisher_abbreviations() -> tuple[tuple[str, str, str], ...]:
    """(abbreviation, expansion, scope) rows, longest abbreviation first."""
    rows = [(a, e, s) for a, e, s in table_rows("publisher_abbreviations.tsv", 3)]
    for _, _, scope in rows:
        if scope not in {"whole", "word"}:
            raise ValueError(f"data/publisher_abbreviations.tsv: bad scope {scope!r}")
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0])))


@memo(None)
def name_particles() -> dict[str, str]:
    """Particle (as written, lower case) -> kind, longest particle first."""
    rows = table_rows("name_particles.tsv", 2)
    for _, kind in rows:
        if kind not in {"dropping", "non-dropping", "dropping+non-dropping"}:
            raise ValueError(f"data/name_particles.tsv: bad kind {kind!r}")
    rows.sort(key=lambda r: (-len(r[0].split()), -len(r[0]), r[0]))
    return dict(rows)


@memo(4)  # one entry per kind
def abbreviations(kind: str) -> frozenset[str]:
    """``data/abbreviations.tsv``: the abbreviations of one kind (``period``, ``not-a-sentence-end``)."""
    rows = table_rows("abbreviations.tsv", 2)
    kinds = {row[0] for row in rows}
    if kind not in kinds or kinds - {"period", "not-a-sentence-end"}:
        raise ValueError(f"data/abbreviations.tsv: no kind {kind!r} (or an unknown kind in {sorted(kinds)})")
    return frozenset(word.casefold() for found, items in rows if found == kind for word in items.split())


@memo(None)
def articles() -> dict[tuple[str, str], tuple[str, ...]]:
    """``data/articles.tsv``: (language, definite|indefinite) -> the articles, as written."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for lang, kind, items in table_rows("articles.tsv", 3):
        if kind not in {"definite", "indefinite"}:
            raise ValueError(f"data/articles.tsv: bad kind {kind!r}")
        out[(lang, kind)] = out.get((lang, kind), ()) + tuple(items.split())
    return out


@memo(None)
def all_articles() -> frozenset[str]:
    """Every article of ``data/articles.tsv`` as written (lower case), whatever its language and kind."""
    return frozenset(article for found in articles().values() for article in found)


@memo(None)
def particle_words() -> frozenset[str]:
    """Every word of the particles in ``data/name_particles.tsv``, as written ("de", "van", "der")."""
    return frozenset(word for particle in name_particles() for word in particle.split())


@memo(None)
def name_words() -> frozenset[str]:
    """Every word of the particles in ``data/name_particles.tsv`` (as written) and the connectors of
    ``data/name_connectors.txt``: the lower-case words a personal name may hold between its names."""
    return particle_words() | lower_set("name_connectors.txt")


@memo(None)
def name_roles() -> tuple[tuple[str, str], ...]:
    """(marker, role) rows, longest marker first."""
    rows = [(m, r) for m, r in table_rows("name_roles.tsv", 2)]
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0])))


@memo(None)
def name_like_markers() -> frozenset[str]:
    """The markers marked ``may-be-a-name`` in ``data/name_roles.tsv``, without their period, lower case."""
    return frozenset(
        cells[0].strip(".").casefold()
        for cells in (line.split("\t") for line in data_lines("name_roles.tsv"))
        if len(cells) > 2 and cells[2].strip() == "may-be-a-name"
    )


@memo(None)
def institution_words() -> frozenset[str]:
    return frozenset(line.strip().casefold() for line in data_lines("institution_words.txt"))


@memo(None)
def ordinals() -> dict[str, int]:
    return {w.casefold(): int(n) for w, n in table_rows("ordinals.tsv", 2)}


@memo(None)
def labeller_keywords() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(keyword, pattern) in order: the field labeller's keyword feature (the first pattern to match names it)."""
    return tuple((keyword, re.compile(pattern, re.IGNORECASE if case == "i" else 0))
                 for keyword, case, pattern in table_rows("labeller_keywords.tsv", 3))


def labeller_keyword(name: str) -> re.Pattern[str]:
    """The pattern of one of the labeller's keywords ("volume", "edition"): the words that name that field."""
    return next(pattern for keyword, pattern in labeller_keywords() if keyword == name)


@memo(None)
def months() -> dict[str, int]:
    return {w.casefold(): int(n) for w, n in table_rows("months.tsv", 2)}


@dataclass(frozen=True)
class LanguageHints:
    """Per language: function words, other common words, word endings, characteristic letters."""

    words: dict[str, frozenset[str]]
    common: dict[str, frozenset[str]]
    suffixes: dict[str, tuple[str, ...]]
    chars: dict[str, frozenset[str]]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.words) | set(self.common) | set(self.suffixes) | set(self.chars)))


@memo(None)
def language_hints() -> LanguageHints:
    words: dict[str, set[str]] = {}
    common: dict[str, set[str]] = {}
    suffixes: dict[str, list[str]] = {}
    chars: dict[str, set[str]] = {}
    for lang, kind, items in table_rows("language_stopwords.tsv", 3):
        values = items.casefold().split()
        if kind == "word":
            words.setdefault(lang, set()).update(values)
        elif kind == "common":
            common.setdefault(lang, set()).update(values)
        elif kind == "suffix":
            suffixes.setdefault(lang, []).extend(values)
        elif kind == "char":
            chars.setdefault(lang, set()).update(values)
        else:
            raise ValueError(f"data/language_stopwords.tsv: bad kind {kind!r}")
    return LanguageHints(
        words={k: frozenset(v) for k, v in words.items()},
        common={k: frozenset(v) for k, v in common.items()},
        suffixes={k: tuple(sorted(set(v), key=lambda s: (-len(s), s))) for k, v in suffixes.items()},
        chars={k: frozenset(v) for k, v in chars.items()},
    )


@memo(None)
def iberian_surnames() -> frozenset[str]:
    """Surnames that start a compound Spanish/Portuguese family name."""
    return frozenset(line.strip().casefold() for line in data_lines("surnames_iberian.txt"))


@memo(None)
def title_small_words() -> frozenset[str]:
    """The small words a title's or a name's capitalised words may have between them (articles, prepositions,
    conjunctions, in English and other languages: ``data/headline_words.tsv``)."""
    kinds = ("article", "preposition", "conjunction", "foreign_article", "foreign")
    return frozenset().union(*(headline_words().get(kind, frozenset()) for kind in kinds))


@memo(None)
def headline_words() -> dict[str, frozenset[str]]:
    """``data/headline_words.tsv``: word class (article, preposition, ...) -> words (CMOS 17 8.159, 14.30)."""
    out: dict[str, frozenset[str]] = {}
    for kind, items in table_rows("headline_words.tsv", 2):
        out[kind] = out.get(kind, frozenset()) | frozenset(items.split())
    return out
