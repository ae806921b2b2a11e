"""The title-language detector: its cost per title, and how often it still calls lingua.

    python benchmarks/language_speed.py [--rounds 3]

Titles: every title and journal/book title span of the AnyStyle gold set
(benchmarks/data/gold.xml), distinct, cleaned of edge punctuation. Each is
decided by ``haliref.normalize.language.title_language`` with its caches
cleared (``__wrapped__``: nothing memoised between titles, the per-token cache
emptied first), against lingua alone on every title (what the detector did
before: ``compute_language_confidence_values``, the same seven languages).
Best of ``--rounds`` timings; the machine is shared, so compare the two
figures of one run, not runs of different days.
"""

from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

from haliref.normalize import language
from haliref.parse.training import load_dataset

GOLD = Path(__file__).resolve().parent / "data" / "gold.xml"


def gold_titles() -> list[str]:
    titles: set[str] = set()
    for seq in load_dataset(GOLD):
        spans: list[tuple[str, list[str]]] = []
        for token, label in seq:
            if spans and spans[-1][0] == label:
                spans[-1][1].append(token)
            else:
                spans.append((label, [token]))
        for label, tokens in spans:
            if label in ("title", "journal", "container-title"):
                text = " ".join(tokens).strip(" .,;:()[]\"'“”")
                if text:
                    titles.add(text)
    return sorted(titles)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    titles = gold_titles()
    detector = language._detector()
    detector.compute_language_confidence_values("warm up the models")
    calls = 0
    lingua = language._lingua

    def counting(*a, **k):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return lingua(*a, **k)

    best_old = best_new = float("inf")
    answers: list[str | None] = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for t in titles:
            detector.compute_language_confidence_values(t)
        best_old = min(best_old, time.perf_counter() - start)
        language._token_scores.cache_clear()
        language._lingua = counting
        calls = 0
        start = time.perf_counter()
        answers = [language.title_language.__wrapped__(t)[0] for t in titles]
        best_new = min(best_new, time.perf_counter() - start)
        language._lingua = lingua
    n = len(titles)
    print(f"{n} distinct gold titles")
    print(f"lingua on every title:      {1000 * best_old / n:.3f} ms/title ({best_old:.2f} s)")
    print(f"words first, lingua if not: {1000 * best_new / n:.3f} ms/title ({best_new:.2f} s); "
          f"lingua called for {calls} ({100 * calls / n:.1f} %)")
    print("answers:", dict(collections.Counter(str(a) for a in answers).most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
