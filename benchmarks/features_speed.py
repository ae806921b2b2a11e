"""Speed of the CRF feature function and of ``parse_text`` around it.

    python benchmarks/features_speed.py [--runs 5]

* ``features, cold``: ``haliref.parse.tagger.features`` on every token sequence
  of the training data (core.xml, humanities.xml), the per-token cache cleared
  first: every distinct token computed once.
* ``features, warm``: the same sequences again with the per-token cache full
  (their 15,627 distinct tokens fit in it): the cost of the per-sequence part
  (context slots, neighbour features).
* ``parse_text, halliday x20``: the bundled list parsed 20 times (one document
  each), caches and tagger fresh before the 20: repeats hit the caches as in a
  real batch of similar lists.
* ``parse_text, gold``: the gold references as numbered lists of 100, each list
  once, caches and tagger fresh: every reference unseen.

Best of ``--runs`` wall-clock times; compare figures from one machine as ratios.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "halliday-1999-export-of-revolution.txt"
GOLD = ROOT / "benchmarks" / "data" / "gold.xml"


def best(runs: int, setup: Callable[[], None], body: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        setup()
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)

    from haliref import caches, parse_text
    from haliref.parse import tagger as tagger_module
    from haliref.parse.training import load_dataset, packaged_training_data

    sequences = [[w for w, _ in seq] for seq in packaged_training_data()]
    tokens = sum(map(len, sequences))
    tagger_module.features(["warm", "up"])  # the gazetteers: loaded once, not measured

    def all_features() -> None:
        for words in sequences:
            tagger_module.features(words)

    cold = best(args.runs, tagger_module._token_info.cache_clear, all_features)
    warm = best(args.runs, lambda: None, all_features)

    seed = SEED.read_text(encoding="utf-8")
    refs = [" ".join(w for w, _ in seq) for seq in load_dataset(GOLD)]
    gold_lists = ["\n".join(f"{i + 1}. {r}" for i, r in enumerate(refs[s : s + 100])) + "\n"
                  for s in range(0, len(refs), 100)]
    parse_text(seed)  # the model and the data files: loaded once, not measured

    def fresh() -> None:
        caches.clear_all()  # default_tagger's too: a new tagger, with an empty labelling cache
        tagger_module.features(["warm", "up"])

    halliday = best(args.runs, fresh, lambda: [parse_text(seed, today_year=2026) for _ in range(20)])
    gold = best(args.runs, fresh, lambda: [parse_text(text, today_year=2026) for text in gold_lists])

    print(f"{'features, cold':28} {cold:8.3f} s  {tokens / cold:10,.0f} tokens/s  ({len(sequences)} sequences)")
    print(f"{'features, warm':28} {warm:8.3f} s  {tokens / warm:10,.0f} tokens/s")
    print(f"{'parse_text, halliday x20':28} {halliday:8.3f} s")
    print(f"{'parse_text, gold':28} {gold:8.3f} s  {len(refs) / gold:10,.0f} references/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
