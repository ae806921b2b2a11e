"""Several inputs, one bibliography: the same work cited in different files is one work.

Works are matched across inputs the way repeats are matched inside one list
(same first author or editor, near-identical title or one a short form of the
other; works without a person by their title, newspaper items by paper and
date). The fuller record is kept and its gaps are filled from the other, each
fill recorded as a correction; flags that the other input answered (no imprint,
a missing field, a short form whose full citation was elsewhere) are dropped,
and differing fields are flagged. Keys are those of first appearance, made
unique across inputs with ``-2``, ``-3``…
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from haliref.merge.works import VARIANTS_NAMED, _as_text, _differences, _family, _same_title, _title_words, fold
from haliref.model import Correction, Flag, Work, csl_fields, csl_item

if TYPE_CHECKING:
    from haliref.scale.shelf import SpilledShelf

__all__ = ["Combiner"]

FILL_RULE = "merge-fill-from-other-input"
_IMPRINT = ("publisher", "publisher-place", "issued")


def _same_work(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    if a == b:
        return True
    family_a, family_b = _family(a), _family(b)
    title_a, title_b = a.get("title", ""), b.get("title", "")
    if family_a or family_b:
        return family_a == family_b and bool(title_a and title_b) and _same_title(title_a, title_b)
    if title_a or title_b:
        return bool(title_a and title_b) and fold(title_a) == fold(title_b)
    return bool(a.get("container-title")) and (
        (a.get("container-title"), a.get("issued")) == (b.get("container-title"), b.get("issued"))
    )


def _answered(flag: Flag, csl: dict[str, Any], other_is_full: bool) -> bool:
    """A flag the merged record no longer deserves."""
    if flag.code == "missing-field":
        return bool(flag.field and flag.field in csl)
    if flag.code == "incomplete-prose-citation":
        return any(key in csl for key in _IMPRINT)
    if flag.code == "short-form-unresolved":
        return other_is_full
    return False


def _full(work: Work) -> bool:
    return not any(flag.code == "short-form-unresolved" for flag in work.flags)


def _absorb(kept: Work, other: Work) -> Work:
    """One work from two records of it: the fuller one's fields, gaps filled from the other."""
    base, extra = (kept, other) if len(kept.csl) >= len(other.csl) else (other, kept)
    csl = dict(base.csl)
    corrections = list(base.corrections)
    for key, value in extra.csl.items():
        if key not in csl:
            csl[key] = value
            corrections.append(Correction(key, "", _as_text(value), FILL_RULE, 0.9))
    flags: list[Flag] = []
    for work, partner in ((base, extra), (extra, base)):
        for flag in work.flags:
            if flag not in flags and not _answered(flag, csl, _full(partner)):
                flags.append(flag)
    for key in _differences(base.csl, extra.csl):
        variant = Flag(
            "variant-citation", key, "cited in another input with a different " + key,
            f"{_as_text(csl_fields(base.csl)[key])!r} vs {_as_text(csl_fields(extra.csl)[key])!r}",
        )
        named = sum(1 for flag in flags if flag.code == "variant-citation" and flag.field == key)
        if variant not in flags and named < VARIANTS_NAMED:
            flags.append(variant)
    checks = list(kept.checks) + [check for check in other.checks if check not in kept.checks]
    return Work(id=kept.id, csl=csl_item(csl), corrections=corrections, flags=flags, checks=checks)


def _bucket(csl: Mapping[str, Any]) -> tuple[str, str]:
    """Works that can match share the first person's family and the first significant title word
    (the paper's, for an unsigned newspaper item): a look-up, not a scan of every work."""
    words = _title_words(csl.get("title", "")) or _title_words(csl.get("container-title", ""))
    return _family(csl), words[0] if words else ""


class Combiner:
    """Adds the works of one input after another; the same work already seen absorbs the new record.

    The works are kept on a :class:`haliref.scale.shelf.SpilledShelf` (on disk), which finds
    a bucket's works, replaces or appends one, and knows the keys taken.
    """

    def __init__(self, shelf: SpilledShelf) -> None:
        self.shelf = shelf

    def add(self, group: Sequence[Work]) -> dict[str, str]:
        """Add one input's works; returns its keys → the combined keys."""
        rename: dict[str, str] = {}
        for work in group:
            bucket = _bucket(work.csl)
            # the latest match, as a repeat inside one list goes to the latest earlier citation
            match = next(
                ((i, seen) for i, seen in self.shelf.candidates(bucket) if _same_work(seen.csl, work.csl)), None
            )
            if match is not None:
                index, seen = match
                self.shelf.replace(index, _absorb(seen, work))
                rename[work.id] = seen.id
                continue
            key, n = work.id, 1
            while self.shelf.has_id(key.lower()):
                n += 1
                key = f"{work.id}-{n}"
            self.shelf.append(work if key == work.id else dataclasses.replace(work, id=key), bucket)
            rename[work.id] = key
        return rename
