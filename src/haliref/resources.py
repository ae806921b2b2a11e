"""Access to the package's data files (word lists, patterns, gazetteers), read once."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def read_text(name: str) -> str:
    return resources.files("haliref").joinpath("data", name).read_text(encoding="utf-8")


def _content_lines(name: str) -> list[str]:
    lines = []
    for line in read_text(name).splitlines():
        if line.strip() and not line.startswith("#"):
            lines.append(line.rstrip("\n"))
    return lines


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A one-entry-per-line list, comments (#) and blank lines skipped."""
    return tuple(line.strip() for line in _content_lines(name))


@cache
def lower_set(name: str) -> frozenset[str]:
    return frozenset(word.casefold() for word in word_list(name))


@cache
def first_names() -> frozenset[str]:
    names: set[str] = set()
    for name in ("anystyle/firstnames_male.txt", "anystyle/firstnames_female.txt"):
        names.update(lower_set(name))
    return frozenset(names)


@cache
def page_furniture() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = []
    for line in _content_lines("page_furniture.tsv"):
        pattern, reason = line.split("\t")
        rules.append((re.compile(pattern, re.IGNORECASE), reason))
    return tuple(rules)
