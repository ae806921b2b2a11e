"""Parse time against list size: many notes, and many works by one author (issue 19, items 14 and 15).

Synthetic lists, made up here (no work or author of a real list):

* ``notes N``: N numbered notes (1 … N, so five-digit note numbers from 10,000 on),
  a fifth of them distinct books by many authors, the rest short forms and ibid.;
* ``one-author N``: N numbered notes, each a different book by the same author.

Each size is parsed with :func:`haliref.parse_text` (the whole pipeline: read,
parse, normalize, merge, check) and timed, in wall-clock and in CPU seconds (on
a loaded machine the CPU seconds show the growth, the wall clock the waiting);
the ratio of CPU seconds to the size before shows the growth (2.0 per doubling
is linear).

    python benchmarks/scaling.py                      # the README's figures (several minutes)
    python benchmarks/scaling.py --quick              # small sizes only
    python benchmarks/scaling.py --profile one-author 2000   # cProfile of one run, the top functions
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time

import haliref

_ADJECTIVES = ("Early", "Hidden", "Northern", "Quiet", "Broken", "Silver", "Distant", "Open", "Second", "Long",
               "Narrow", "Golden", "Lower", "Common", "Bright", "Rural", "Urban", "Modern", "Ancient", "Pale")
_NOUNS = ("Harbour", "Ledger", "Orchard", "Frontier", "Furnace", "Courtyard", "Compass", "Lantern", "Meadow",
          "Quarry", "Parish", "Granary", "Workshop", "Estuary", "Crossing", "Garrison", "Market", "Mill", "Forge",
          "Chapel")
_THEMES = ("Trade", "Faith", "Labour", "Empire", "Memory", "Reform", "Credit", "Drought", "Exile", "Kinship",
           "Famine", "Print", "Canals", "Guilds", "Tariffs", "Schools", "Ports", "Rivers", "Roads", "Wages",
           "Courts", "Coins", "Salt", "Grain", "Wool")
_GIVEN = ("Ada", "Bram", "Celia", "Dov", "Edda", "Fenn", "Greta", "Hal", "Ilse", "Joss", "Kira", "Lorne", "Mira",
          "Nils", "Orla", "Piet", "Quinn", "Rhea", "Sven", "Tova")
_FAMILY = ("Ashdown", "Brackley", "Corrigan", "Dunmore", "Elsworth", "Fairhurst", "Galbraith", "Hollins",
           "Ingleby", "Jessop", "Kettering", "Lindqvist", "Marchbank", "Northcote", "Oakes", "Pendry", "Quarles",
           "Rendell", "Stroud", "Thursby", "Upton", "Varley", "Whitlock", "Yardley", "Zetland")
_PLACES = ("London", "Oxford", "Chicago", "Boston", "Toronto", "Leiden")
_PRESSES = ("Harbour Press", "Quarry Books", "Meridian", "Lantern House", "Compass Press", "Orchard Books")


def title(k: int) -> str:
    """The k-th made-up title: four words drawn by a fixed mixing of k, so that two titles share little."""
    words = (*_ADJECTIVES, *_NOUNS, *_THEMES)
    mixed = (k * 2_654_435_761 + 12_345) % 2**32
    picks = []
    for _ in range(4):
        picks.append(words[mixed % len(words)])
        mixed = (mixed * 1_103_515_245 + 12_345) % 2**31
    return f"The {picks[0]} of {picks[1]}: {picks[2]} and {picks[3]} in the Record"


def author(k: int) -> tuple[str, str]:
    return _GIVEN[k % len(_GIVEN)], _FAMILY[k // len(_GIVEN) % len(_FAMILY)]


def book(given: str, family: str, k: int) -> str:
    year = 1900 + k % 120
    return (f"{given} {family}, {title(k)} ({_PLACES[k % len(_PLACES)]}: {_PRESSES[k // 7 % len(_PRESSES)]}, "
            f"{year}), p. {k % 300 + 1}.")


def notes_list(n: int) -> str:
    """N notes: every fifth a new book (by one of 500 authors), the others a short form or ibid."""
    lines = []
    for number in range(1, n + 1):
        work = (number - 1) // 5
        given, family = author(work)
        if number % 5 == 1:
            text = book(given, family, work)
        elif number % 5 == 2:
            text = f"Ibid., p. {number % 200 + 1}."
        else:
            earlier = (work * 7 + number) % max(work, 1)
            text = f"{author(earlier)[1]}, {title(earlier).split(':')[0]}, p. {number % 250 + 1}."
        lines.append(f"{number}. {text}")
    return "\n".join(lines) + "\n"


def one_author_list(n: int) -> str:
    """N notes, each a different book by the same made-up author."""
    return "\n".join(f"{k + 1}. {book('Ada', 'Ashdown', k)}" for k in range(n)) + "\n"


KINDS = {"notes": notes_list, "one-author": one_author_list}
SIZES = {
    "notes": (1_250, 2_500, 5_000, 10_000, 20_000, 50_000, 100_000),
    "one-author": (1_250, 2_500, 5_000, 10_000),
}
QUICK = {"notes": (500, 1_000, 2_000), "one-author": (500, 1_000, 2_000)}


def measure(kind: str, n: int) -> tuple[float, float, int, int]:
    """Wall-clock and CPU seconds of parsing the list, its notes and works."""
    text = KINDS[kind](n)
    start, start_cpu = time.perf_counter(), time.process_time()
    document = haliref.parse_text(text)
    return time.perf_counter() - start, time.process_time() - start_cpu, len(document.notes), len(document.works)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only")
    parser.add_argument("--kind", choices=sorted(KINDS), action="append", help="only this kind (repeatable)")
    parser.add_argument("--sizes", type=lambda text: tuple(int(n) for n in text.split(",")),
                        help="these sizes (comma-separated) instead of the kind's own")
    parser.add_argument("--profile", nargs=2, metavar=("KIND", "N"), help="profile one run and print the top")
    args = parser.parse_args()
    if args.profile:
        kind, n = args.profile[0], int(args.profile[1])
        text = KINDS[kind](n)
        profile = cProfile.Profile()
        profile.runcall(haliref.parse_text, text)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
        return
    sizes = QUICK if args.quick else SIZES
    haliref.parse_text(one_author_list(5))  # load the models first
    print("| list | notes | notes read | works | wall (s) | CPU (s) | CPU ms per note | CPU × the size before |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for kind in args.kind or ("notes", "one-author"):
        before: float | None = None
        for n in args.sizes or sizes[kind]:
            wall, cpu, notes, works = measure(kind, n)
            ratio = f"{cpu / before:.2f}" if before else "–"
            figures = f"{wall:.1f} | {cpu:.1f} | {1e3 * cpu / n:.2f} | {ratio}"
            print(f"| {kind} | {n:,} | {notes:,} | {works:,} | {figures} |")
            sys.stdout.flush()
            before = cpu


if __name__ == "__main__":
    main()
