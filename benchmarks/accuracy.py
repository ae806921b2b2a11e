"""One accuracy table: the hand-checked shape corpus, end to end, and the labeller on AnyStyle's gold.

    python benchmarks/accuracy.py [-v]

Rows: every input of tests/data/shapes/ (the corpus written while the rules
were built: it measures coverage) and of tests/data/heldout/ (written by
someone who had not read the code, and never tuned on before its first run:
it measures generalization), each with its hand-written
``NAME.expected.json``, through the whole pipeline: segmentation (citations
found and matched against the expected ones) and field accuracy (every
expected field, note number, prefix, locator and dropped line counted once; see
benchmarks/shapes_accuracy.py). Last row: the shipped CRF on the AnyStyle gold
references not in its training file (token accuracy, micro span-F1,
whole-reference accuracy; see benchmarks/parser_accuracy.py). ``-v`` lists
every failed field check on stderr. Prints Markdown, for the README.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import parser_accuracy
import shapes_accuracy

HELDOUT = shapes_accuracy.CORPUS.parent / "heldout"


def _corpus(kind: str, corpus: Path, house_conventions: bool) -> None:
    all_ok = all_n = seg_ok = seg_n = 0
    names = shapes_accuracy.shapes(corpus)
    for name in names:
        checks, (matched, total) = shapes_accuracy.compare(name, corpus, house_conventions=house_conventions)
        ok = sum(1 for check in checks if check[1])
        all_ok, all_n, seg_ok, seg_n = all_ok + ok, all_n + len(checks), seg_ok + matched, seg_n + total
        print(f"| {name} | {kind} | {matched}/{total} | {100 * matched / max(total, 1):.1f} % "
              f"| {ok}/{len(checks)} | {100 * ok / len(checks):.1f} % |")
        if "-v" in sys.argv:
            for label, good, want, got in checks:
                if not good:
                    print(f"  {name}: {label}: expected {want!r}, got {got!r}", file=sys.stderr)
    print(f"| **{kind}, {len(names)} inputs** | | {seg_ok}/{seg_n} | {100 * seg_ok / max(seg_n, 1):.1f} % "
          f"| {all_ok}/{all_n} | {100 * all_ok / all_n:.1f} % |")


def main() -> int:
    print("| input | corpus | citations found | segmentation | fields correct | field accuracy |")
    print("|---|---|---:|---:|---:|---:|")
    _corpus("own corpus", shapes_accuracy.CORPUS, True)
    _corpus("held-out", HELDOUT, False)
    gold = parser_accuracy.measure()
    print(f"| AnyStyle gold minus core ({gold['references']} refs, {gold['tokens']} tokens) | labeller "
          f"| token accuracy {100 * gold['token_accuracy']:.1f} % | span-F1 {100 * gold['micro_span_f1']:.1f} % "
          f"| whole reference | {100 * gold['whole_reference_accuracy']:.1f} % |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
