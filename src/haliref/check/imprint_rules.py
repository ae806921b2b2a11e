"""Flag rules on the imprint: a place that is not the publisher's seat, or not its usual first one; a publisher
or place close to, but not, a known name."""

from __future__ import annotations

import re

from haliref import resources
from haliref.caches import memo
from haliref.check.codes import new_flag
from haliref.check.context import FlagContext
from haliref.model import Flag, Work
from haliref.normalize.imprint import first_place, fuzzy_match, is_known_place, publisher_seats, split_places
from haliref.normalize.imprint import place_keys as _place_choices
from haliref.normalize.imprint import publisher_keys as _publisher_choices

__all__ = ["rule_place_seat", "rule_place_secondary_seat", "rule_suspect_imprint"]


#: an institutional press (data/institutional_press_words.txt: university, college, académie …)
_UNIVERSITY = re.compile(rf"\b(?:{resources.alternation('institutional_press_words.txt')})\b", re.IGNORECASE)


@memo(None)
def _seats_by_core() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Publisher keys without generic words ("clarendon") -> (name, seats), only when unambiguous."""
    generic = resources.lower_set("publisher_generic_words.txt")
    found: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, seats in resources.publishers().items():
        core = " ".join(w for w in resources.comparison_key(name).split() if w not in generic)
        if core:
            found.setdefault(core, []).append((name, seats))
    return {core: hits[0] for core, hits in found.items() if len({h[1] for h in hits}) == 1}


@memo(1 << 12)
def _known_seats(publisher: str) -> tuple[str, tuple[str, ...]]:
    seats = publisher_seats(publisher)
    if seats:
        return publisher, seats
    generic = resources.lower_set("publisher_generic_words.txt")
    core = " ".join(w for w in resources.comparison_key(publisher).split() if w not in generic)
    return _seats_by_core().get(core, (publisher, ()))


@memo(1 << 12)  # every work with a known publisher asks for its seats' keys again
def _place_keys(place: str) -> frozenset[str]:
    """"Cambridge, Mass." -> {"cambridge mass", "cambridge"}."""
    keys = {resources.comparison_key(place)}
    head = place.split(",")[0]
    keys.add(resources.comparison_key(head))
    return frozenset(k for k in keys if k)


@memo(1 << 12)
def _seat_keys(seats: tuple[str, ...]) -> frozenset[str]:
    """The place keys of all a publisher's seats."""
    return frozenset(key for seat in seats for part in split_places(seat) for key in _place_keys(part))


def rule_place_seat(work: Work, ctx: FlagContext) -> list[Flag]:
    """Place not among the publisher's known seats: a warning for institutional presses, else info."""
    publisher, place = work.csl.get("publisher", ""), work.csl.get("publisher-place", "")
    if not publisher or not place:
        return []
    name, seats = _known_seats(publisher)
    if not seats:
        return []
    seat_keys = _seat_keys(seats)
    # an unknown place is a typo or a gap in the gazetteer (place-suspect), not a seat question
    strange = [p for p in split_places(place) if is_known_place(p) and not (_place_keys(p) & seat_keys)]
    if not strange:
        return []
    code = "place-not-seat" if _UNIVERSITY.search(name) else "place-unusual-seat"
    shown = " / ".join(strange)
    return [
        new_flag(
            code,
            "publisher-place",
            f"{place!r} with {publisher!r}; known seats: {' | '.join(seats)}",
            place=shown,
            publisher=name,
            seats=", ".join(seats),
        )
    ]


def rule_place_secondary_seat(work: Work, ctx: FlagContext) -> list[Flag]:
    """First city cited is one of the publisher's seats but not its usual first one (CMOS 14.135): info."""
    publisher, place = work.csl.get("publisher", ""), work.csl.get("publisher-place", "")
    if not publisher or not place:
        return []
    name, seats = _known_seats(publisher)
    if len(seats) < 2:
        return []
    cited, usual = first_place(place), first_place(seats[0])
    if not cited or not usual:
        return []
    first_keys = _place_keys(cited)
    names = resources.place_names()
    first_keys |= frozenset(alias for key in first_keys for alias in names.get(key, ()))
    all_keys = frozenset(key for seat in seats for key in _place_keys(first_place(seat)))
    all_keys |= _seat_keys(seats)
    firsts = (usual, *resources.publisher_first_cities().get(name, ()))
    if any(first_keys & _place_keys(city) for city in firsts) or not first_keys & all_keys:
        return []  # the usual first city, or not a seat at all (place-not-seat's business)
    return [
        new_flag(
            "place-secondary-seat",
            "publisher-place",
            f"{place!r} with {publisher!r}; first city cited {cited!r}; known seats: {' | '.join(seats)}",
            place=cited,
            publisher=name,
            usual=usual,
        )
    ]


def rule_suspect_imprint(work: Work, ctx: FlagContext) -> list[Flag]:
    """A publisher or place still close to, but not, a known name (e.g. corrections were undone)."""
    flags = []
    for key, code, noun, choices in (
        ("publisher", "publisher-suspect", "publisher", _publisher_choices()),
        ("publisher-place", "place-suspect", "place", _place_choices()),
    ):
        value = work.csl.get(key)
        if not isinstance(value, str) or not value:
            continue
        if any(f.code == code and f.field == key for f in work.flags):
            continue
        parts = split_places(value) if key == "publisher-place" else [value]
        for part in parts:
            if key == "publisher-place" and is_known_place(part):
                continue
            match = fuzzy_match(part, choices)
            if match is None:
                continue
            evidence = f"{part!r} ~ {match.target!r}: similarity {match.score}, {match.edits} edit(s)"
            flags.append(new_flag(code, key, evidence, detail=f"close to known {noun} '{match.target}'"))
    return flags
