"""Hostile inputs against every regex on untrusted text, and against the whole pipeline.

    python benchmarks/hostile_inputs.py [--size 2000] [--budget 1.0] [--only regex|pipeline]

Part 1 (regexes and scanners): every compiled pattern haliref keeps (module
globals, class attributes, the cached page-furniture and role patterns) is
searched in pathological strings built from one repeated unit ("(" * n, "a " * n,
"p. 1, " * n, "CrossRef " * n …), at n and 2n; so are the hand-written scanners
that replaced backtracking patterns (link-noise stripping, name reading, the
imprint-in-prose check …). A linear pattern roughly doubles its time;
a quadratic one quadruples it. A pattern is reported SUPERLINEAR when the
ratio is above 3 and the 2n time is above 5 ms (below that the noise wins).

Part 2 (pipeline): segment, split, parse_text, to_bibtex and render on hostile
families (deep nesting, 10,000-character lines, thousands of identical markers,
BibTeX specials everywhere …) at growing sizes, with the time of each step and
a doubling ratio, against a per-step time budget (printed, not asserted).

This is a measurement, not a test: it always exits 0 and prints a table.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import time
from collections.abc import Callable
from functools import partial

import haliref

UNITS = [
    "a", "A", " ", "\u00a0", "1", "(", ")", "[", "]", "{", "\\", '"', "'", "“", "’", "«", ",", ".", "-", "–",
    "a ", "a.", "A.", "A. ", "1-", "1 ", "1,", ", ", ". ", "a, ", "p. 1, ", "pp. ", "1(", "ivx ", " and ",
    "\u200b", "CrossRef ", "Google Scholar ", "In: ", "ed. ", "(a", "a)", "((", "“a", "â€", "’ ", "&", "<i>",
    "<", "a:", ": ", "1990 ", "19–", "\\{", "%", "Ã©",
]


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    skip = (
        "haliref.check.online", "haliref.check.crossref", "haliref.check.openlibrary", "haliref.check.cache",
        "haliref.parse.training",
    )
    for info in pkgutil.walk_packages(haliref.__path__, "haliref."):
        if info.name.startswith(skip):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[id(value)] = (f"{info.name}.{name}", value)
            elif isinstance(value, type) and value.__module__ == module.__name__:
                for attr, inner in vars(value).items():
                    if isinstance(inner, re.Pattern):
                        found[id(inner)] = (f"{info.name}.{name}.{attr}", inner)
    # patterns built at run time from the data files
    from haliref import resources as _data
    from haliref.normalize import names

    for index, (pattern, _reason) in enumerate(_data.page_furniture()):
        found[id(pattern)] = (f"haliref.resources.page_furniture[{index}]", pattern)
    for name in dir(names):
        value = getattr(names, name)
        if callable(value) and hasattr(value, "cache_info") and getattr(value, "__code__", None) is not None:
            try:
                result = value() if value.__code__.co_argcount == 0 else None
            except Exception:
                result = None
            if isinstance(result, re.Pattern):
                found[id(result)] = (f"haliref.normalize.names.{name}()", result)
    return sorted(found.values(), key=lambda item: item[0])


def _functions() -> list[tuple[str, Callable[[str], object]]]:
    """Hand-written scanners that replaced backtracking patterns: measured like the patterns."""
    from haliref.check import list_rules as _list_rules
    from haliref.parse import split as _split
    from haliref.read import segment as _segment

    return [
        ("haliref.read.segment.strip_link_noise()", _segment.strip_link_noise),
        ("haliref.read.segment.clean_line()", _segment.clean_line),
        ("haliref.read.segment.longest_run()", lambda text: _segment.longest_run(list(enumerate(map(ord, text))))),
        ("haliref.parse.split.names_end()", _split.names_end),
        ("haliref.parse.split.split_note()", lambda text: _split.split_note([text])),
        ("haliref.check.list_rules._has_imprint()", _list_rules._has_imprint),
    ]


def _time(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def scan_regexes(size: int) -> None:
    patterns = [(n, p) for n, p in _patterns() if isinstance(p.pattern, str)]
    scanners: list[tuple[str, Callable[[str], object]]] = [
        (name, lambda text, p=pattern: (p.search(text), p.findall(text))) for name, pattern in patterns
    ] + _functions()
    print(f"## {len(patterns)} regexes (search, then findall) and {len(scanners) - len(patterns)} scanning "
          f"functions × {len(UNITS)} units, n={size} and 2n")
    worst: list[tuple[float, float, str, str]] = []
    total = time.perf_counter()
    for name, scan in scanners:
        for unit in UNITS:
            for tail in ("", "\x00!"):
                # a cheap probe first: a cubic pattern at 2n could run for minutes
                probe = unit * (size // 8) + tail
                t0 = _time(partial(scan, probe))
                if t0 > 0.05:
                    worst.append(
                        (t0, float("inf"), name, repr(unit) + ("+tail" if tail else "") + f" at n/8={size // 8}")
                    )
                    continue
                small = unit * size + tail
                large = unit * (2 * size) + tail
                t1 = _time(partial(scan, small))
                t2 = _time(partial(scan, large))
                worst.append((t2, t2 / max(t1, 1e-9), name, repr(unit) + ("+tail" if tail else "")))
    worst.sort(reverse=True)
    print(f"{'2n time':>9} {'ratio':>6}  pattern / unit   (ratio inf: over 50 ms already at n/8, not run larger)")
    flagged = [w for w in worst if w[1] > 3 and w[0] > 0.005]
    for t2, ratio, name, unit in worst[:15]:
        mark = "  SUPERLINEAR" if (t2, ratio, name, unit) in flagged else ""
        print(f"{t2 * 1000:8.1f}ms {ratio:6.1f}  {name} / {unit}{mark}")
    print(f"superlinear cases (ratio > 3 and > 5 ms): {len(flagged)}")
    for t2, ratio, name, unit in flagged:
        print(f"  {name} / {unit}: {t2 * 1000:.1f} ms at 2n, ratio {ratio:.1f}")
    print(f"scan took {time.perf_counter() - total:.1f}s\n")


def _families() -> dict[str, Callable[[int], str]]:
    entry = "Ann Roe, Life and Times (London: Faber, 1990), 12."
    return {
        "nested (((": lambda n: "1. Ann Roe, " + "(" * n + "Life" + ")" * n + " (London, 1990).",
        "unbalanced ((( ": lambda n: "1. Ann Roe, " + "(" * n + " Life (London, 1990).",
        "nested [{“«": lambda n: "1. " + "[{“«‘" * n + "Life" + "’»”}]" * n + ", 1990.",
        "quotes \"'": lambda n: "1. " + "\"'" * n + " Ann Roe, Life, 1990.",
        "one long line": lambda n: "1. " + ("Ann Roe, Life, " * (n // 3)) + "1990.",
        "long spaces": lambda n: "1. Ann Roe," + " " * (10 * n) + "Life, 1990.\n2. Ibid.",
        "long nbsp/zw": lambda n: "1. Ann Roe," + "\u00a0\u200b" * (5 * n) + "Life, 1990.\n2. Ibid.",
        "same marker": lambda n: "\n".join("1. " + entry for _ in range(n // 10)),
        "list 1..N": lambda n: "\n".join(
            f"{i}. Ann Roe{i}, Life {i} (London: Faber, 1990), {i}." for i in range(1, n // 10 + 1)
        ),
        "commas": lambda n: "1. " + "a, " * n + "1990.",
        "locators": lambda n: "1. Ann Roe, Life, pp. " + "1, " * n + "2.",
        "colons": lambda n: "1. " + "a: b, " * n + "1990.",
        "link noise": lambda n: "1. " + entry + " " + "CrossRef Google Scholar " * (n // 4),
        "bibtex specials": lambda n: "1. " + "{ } % # \\ ~ ^ $ & " * (n // 10) + entry,
        "latex injection": lambda n: "1. Ann Roe, \\input{/etc/passwd}\\write18{id} " * (n // 20) + "(London, 1990).",
        "ibid chain": lambda n: "\n".join([f"1. {entry}"] + [f"{i}. Ibid., {i}." for i in range(2, n // 10)]),
        "names and": lambda n: "1. " + "Ann Roe and " * (n // 5) + "Bob Poe, Life (London, 1990).",
        "initials": lambda n: "1. " + "A. " * n + "Roe, Life, 1990.",
        "digits": lambda n: "1. " + "1" * n + ", Life, 1990.",
        "dashes": lambda n: "1. Ann Roe, Life, 1990, " + "1–" * n + "2.",
        "mojibake": lambda n: "1. Ann Roe, " + "Ã©â€“" * n + " Life, 1990.",
    }


def _steps() -> list[tuple[str, Callable[[str], object]]]:
    from haliref import parse_text, to_bibtex
    from haliref.parse.split import split_note
    from haliref.read.segment import segment
    from haliref.render.chicago import render

    return [
        ("segment", segment),
        ("split", lambda text: [split_note(note.item_texts) for note in segment(text).notes]),
        ("parse", parse_text),
        ("bib", lambda text: to_bibtex(parse_text(text).works)),
        ("render", lambda text: render(parse_text(text), fmt="html")),
    ]


def scan_pipeline(size: int, budget: float) -> None:
    print(
        f"## pipeline on hostile families, n = {size // 4}, {size // 2}, {size}, {2 * size} (budget {budget}s per step)"
    )
    print(
        f"{'family':<18} {'step':<8} "
        + " ".join(f"{'n=' + str(s):>10}" for s in (size // 4, size // 2, size, 2 * size))
        + "  last ratio"
    )
    haliref.parse_text("1. Ann Roe, Life (London, 1990).")  # load the model once
    over: list[str] = []
    for family, build in _families().items():
        for step, run in _steps():
            times: list[float] = []
            for n in (size // 4, size // 2, size, 2 * size):
                text = build(n)
                elapsed = _time(partial(run, text))
                times.append(elapsed)
                if elapsed > budget:
                    break
            cells = " ".join(f"{t * 1000:9.1f}ms" for t in times) + " " * 11 * (4 - len(times))
            ratio = times[-1] / max(times[-2], 1e-9) if len(times) > 1 else float("nan")
            flag = (
                "  OVER BUDGET" if times[-1] > budget else ("  superlinear?" if ratio > 3 and times[-1] > 0.05 else "")
            )
            if flag:
                over.append(f"{family}/{step}{flag}")
            print(f"{family:<18} {step:<8} {cells} {ratio:6.1f}{flag}")
    print(f"\nflagged: {len(over)}")
    for line in over:
        print("  " + line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="the unit count n (default 1000)")
    parser.add_argument("--budget", type=float, default=1.0, help="seconds per pipeline step (default 1)")
    parser.add_argument("--only", choices=["regex", "pipeline"])
    args = parser.parse_args()
    if args.only != "pipeline":
        scan_regexes(args.size)
    if args.only != "regex":
        scan_pipeline(args.size, args.budget)


if __name__ == "__main__":
    main()
