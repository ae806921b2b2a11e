"""Accuracy of the shipped citation labeller on AnyStyle's gold set.

Evaluates ``haliref/data/model/parser.crfsuite`` (trains nothing) on
``benchmarks/data/gold.xml`` minus the references that also occur in the
training file ``core.xml`` (compared on whitespace-normalised text).

Reports: number of references, token accuracy, micro span-F1 (a span is a
maximal same-label token run; exact match = same label and same token
boundaries), per-label precision/recall/F1, whole-reference accuracy and speed.

    python benchmarks/parser_accuracy.py [--gold PATH] [--model PATH] [--json]
"""

from __future__ import annotations

import argparse
import importlib.resources
import json
import sys
import time
from collections import Counter
from pathlib import Path

from haliref.parse.tagger import Tagger, default_tagger
from haliref.parse.training import load_dataset

HERE = Path(__file__).resolve().parent


def _spans(labels: list[str]) -> set[tuple[int, int, str]]:
    out: set[tuple[int, int, str]] = set()
    start = 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i] != labels[start]:
            out.add((start, i, labels[start]))
            start = i
    return out


def _key(seq: list[tuple[str, str]]) -> str:
    return " ".join(tok for tok, _ in seq)


def evaluate(tagger: Tagger, gold: list[list[tuple[str, str]]]) -> dict:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    ok_tok = n_tok = whole = 0
    t0 = time.perf_counter()
    predicted = [[lab for lab, _ in tagger.tag_tokens([t for t, _ in seq])] for seq in gold]
    elapsed = time.perf_counter() - t0
    for seq, pred in zip(gold, predicted, strict=False):
        ref = [lab for _, lab in seq]
        ok_tok += sum(a == b for a, b in zip(ref, pred, strict=False))
        n_tok += len(ref)
        whole += ref == pred
        g, p = _spans(ref), _spans(pred)
        for s in g & p:
            tp[s[2]] += 1
        for s in p - g:
            fp[s[2]] += 1
        for s in g - p:
            fn[s[2]] += 1

    def prf(t: int, f_p: int, f_n: int) -> tuple[float, float, float]:
        pr = t / (t + f_p) if t + f_p else 0.0
        rc = t / (t + f_n) if t + f_n else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

    per_label = {}
    for lab in sorted(set(tp) | set(fp) | set(fn)):
        pr, rc, f1 = prf(tp[lab], fp[lab], fn[lab])
        per_label[lab] = {"precision": pr, "recall": rc, "f1": f1,
                          "support": tp[lab] + fn[lab]}
    pr, rc, f1 = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return {
        "references": len(gold),
        "tokens": n_tok,
        "token_accuracy": ok_tok / n_tok if n_tok else 0.0,
        "micro_precision": pr,
        "micro_recall": rc,
        "micro_span_f1": f1,
        "whole_reference_accuracy": whole / len(gold) if gold else 0.0,
        "refs_per_second": len(gold) / elapsed if elapsed else 0.0,
        "per_label": per_label,
    }


def core_path() -> Path:
    """The training file, as a path on disk."""
    return Path(str(importlib.resources.files("haliref") / "data" / "training" / "core.xml"))


def measure(gold_path: str | Path = HERE / "data" / "gold.xml", model: str | None = None) -> dict:
    """The labeller's figures on the gold references that are not in the training file."""
    core_res = importlib.resources.files("haliref") / "data" / "training" / "core.xml"
    with importlib.resources.as_file(core_res) as core_path:
        train_keys = {_key(s) for s in load_dataset(core_path)}
    gold_all = load_dataset(gold_path)
    gold = [s for s in gold_all if _key(s) not in train_keys]
    tagger = Tagger(model) if model else default_tagger()
    tagger.tag_tokens(["warm", "up"])
    res = evaluate(tagger, gold)
    res["gold_total"] = len(gold_all)
    res["dropped_overlap"] = len(gold_all) - len(gold)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(HERE / "data" / "gold.xml"))
    ap.add_argument("--model", default=None, help="model file (default: the shipped one)")
    ap.add_argument("--json", action="store_true", help="print results as JSON")
    args = ap.parse_args(argv)
    res = measure(args.gold, args.model)
    if args.json:
        json.dump(res, sys.stdout, indent=2)
        print()
        return 0
    print(f"references      {res['references']}  (gold {res['gold_total']}, "
          f"{res['dropped_overlap']} dropped as in core.xml)")
    print(f"tokens          {res['tokens']}")
    print(f"token accuracy  {res['token_accuracy']:.4f}")
    print(f"micro span P/R  {res['micro_precision']:.4f} / {res['micro_recall']:.4f}")
    print(f"micro span F1   {res['micro_span_f1']:.4f}")
    print(f"whole-ref acc   {res['whole_reference_accuracy']:.4f}")
    print(f"refs/s          {res['refs_per_second']:.0f}")
    print()
    print(f"{'label':18} {'P':>6} {'R':>6} {'F1':>6} {'n':>6}")
    for lab, d in sorted(res["per_label"].items(), key=lambda kv: -kv[1]["support"]):
        print(f"{lab:18} {d['precision']:6.3f} {d['recall']:6.3f} {d['f1']:6.3f} {d['support']:6d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
