"""Does the labeller gain from the synthetic references rendered through CSL styles (GIANT)?

Trains a candidate model on the packaged training data plus the first N references
of ``data/training/giant.xml`` (the shipped model is not touched), then compares it
with the shipped model on AnyStyle's gold set minus core.xml (as
``parser_accuracy.py``) and on synthetic references of another seed, never trained on.

    python benchmarks/giant_training.py [--count N] [--model OUT] [--heldout-seed S]

Training takes minutes (about 10-15 on this machine for N = 1,500). The pipeline
figures with a candidate model are measured by copying it over
``src/haliref/data/model/parser.crfsuite`` and running ``gold_lines.py`` and
``accuracy.py`` (then ``git checkout`` the shipped model).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.resources
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import parser_accuracy

from haliref.parse import giant
from haliref.parse.training import TRAINING_FILES, parse_dataset, train


def _row(name: str, res: dict) -> str:
    return (f"| {name} | {res['micro_span_f1']:.4f} | {res['token_accuracy']:.4f} | "
            f"{res['whole_reference_accuracy']:.4f} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=giant.DEFAULT_COUNT, help="synthetic references added")
    ap.add_argument("--model", default=None, help="where to keep the candidate model (default: a temporary file)")
    ap.add_argument("--heldout-seed", type=int, default=99)
    ap.add_argument("--heldout-count", type=int, default=500)
    args = ap.parse_args(argv)
    base = importlib.resources.files("haliref") / "data" / "training"
    data = [seq for name in TRAINING_FILES for seq in parse_dataset((base / name).read_bytes())]
    data += parse_dataset((base / "giant.xml").read_bytes())[: args.count]
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(args.model or Path(tmp) / "candidate.crfsuite")
        started = time.perf_counter()
        train(data, model)
        minutes = (time.perf_counter() - started) / 60
        digest = hashlib.sha256(model.read_bytes()).hexdigest()
        heldout = Path(tmp) / "heldout.xml"
        heldout.write_bytes(giant.to_xml(giant.generate(args.heldout_count, seed=args.heldout_seed)))
        print(f"candidate: {len(data)} training references ({args.count} synthetic), "
              f"trained in {minutes:.1f} min, sha256 {digest}")
        print("| model | span-F1 | token accuracy | whole reference |")
        print("|---|---:|---:|---:|")
        for name, path in (("shipped", None), ("candidate", str(model))):
            print(_row(f"{name}, AnyStyle gold minus core", parser_accuracy.measure(model=path)))
            print(_row(f"{name}, synthetic seed {args.heldout_seed}", parser_accuracy.measure(heldout, path)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
