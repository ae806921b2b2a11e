"""The prefix reader's training examples, derived from the development pages' annotations and synthetic notes.

    python benchmarks/derived_prefixes.py OUT.tsv [--without PAGES.txt] [--synthetic N] [--train MODEL]

The annotation of every citation names the author's words before it (its prefix: "See", "On the harbour's
clerks, see also", or none). Each page is read with the splitter's cut alone (the prefix reader left out: its
calls are recorded and answered with the splitter's citations unchanged). For each citation haliref finds in a
note that the annotation pairs with (``shapes_accuracy.aligned_notes``; the note's citation count must agree),
whose prefix and body the prefix reader would read (:func:`haliref.parse.prefixes.recut_prefixes`), the example
is its words, the splitter's cut, and the annotated cut: the words up to the end of the annotated prefix, found
among them, are prose; with no annotated prefix, none is. A citation whose annotated prefix is not found among its
words is left out.

Real notes put few of some shapes before a citation (a topic and a comma: "On the harbour and the grain trade,
Ann Roe, …", "On Lisbon, Ann Roe, …", "Lisbon and Porto, Ann Roe, …"), and the development pages hold only what
they hold; so ``--synthetic N`` adds N synthetic notes, made with a fixed seed from the packaged training
references (AnyStyle's ``core.xml`` and ``humanities.xml``, never the bundled list), the synthetic pages' prose
(``data/training/prose.txt``) and the publishing places (``data/places.txt``), each a reference after one of
several kinds of lead-in (none, a cue word, a topic and a comma with or without "On" or "For" before it, a
sentence, a sentence and a cue), read by the pipeline the same way: the example's cut is where the lead-in ends.

``--without`` leaves the pages it lists out, so that the model is measured on pages it never saw: the shipped
``data/training/prefixes.tsv`` is this script's output ``--without notes_labeller_unseen.txt --synthetic 1000``,
without the pages the notes labeller never saw either, with the code of commit 95d36b0 (a later change to how
notes are read changes it). ``--train`` also trains a model on the examples (a few seconds)."""

from __future__ import annotations

import argparse
import collections
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from derived_labels import StageLeftOut, folded, paired_notes

from haliref import parse_text, resources
from haliref.parse.prefixes import PrefixExample, rereadable, train_prefix_reader
from haliref.read.synthetic import references

CORPUS = Path(__file__).resolve().parent / "devpages"
_HEADER = ("# The prefix reader's training examples: rules cut<TAB>annotated cut<TAB>the citation's words (prefix and\n"
           "# body). Derived from haliref's development pages (benchmarks/devpages, their sources in its SOURCES.md)\n"
           "# by benchmarks/derived_prefixes.py. Licence: see README.md.\n")


def annotated_cut(words: list[str], prefix: str) -> int | None:
    """Where the annotated prefix ends among the words (0 for none); None where it is not found before a word of
    the work."""
    wanted = [word for word in map(folded, prefix.split()) if word]
    if not wanted:
        return 0
    words_folded = [folded(word) for word in words]
    hits = [i for i in range(len(words_folded) - len(wanted)) if words_folded[i : i + len(wanted)] == wanted]
    return hits[0] + len(wanted) if hits else None


def derived(corpus: Path, without: set[str], counts: collections.Counter[str]) -> list[PrefixExample]:
    """The examples of the pages of ``corpus`` not in ``without``, in page and note order."""
    out: list[PrefixExample] = []
    with StageLeftOut("recut_prefixes") as recorder:  # the splitter's cut alone: what the model is given as a feature
        for _, _, cites, note in paired_notes(corpus, without, recorder):
            raws = recorder.seen.get(note.text) if note is not None else None
            if note is None or raws is None or not (len(cites) == len(note.citations) == len(raws)):
                counts["left out: a note's citations not found as annotated"] += len(cites)
                continue
            spaced = " ".join(note.text.split())
            for cite, raw in zip(cites, raws, strict=True):
                words = f"{raw.prefix} {raw.body}".split()
                if not rereadable(raw) or " ".join(words) not in spaced:
                    counts["left out: a citation the prefix reader does not read"] += 1
                    continue
                cut = annotated_cut(words, cite[1])
                if cut is None:
                    counts["left out: the annotated prefix not among its words"] += 1
                    continue
                counts["kept"] += 1
                out.append(PrefixExample(tuple(words), len(raw.prefix.split()), cut))
    return out


_SEED = 20261207


def author_lead_in(rng: random.Random, cues: tuple[str, ...], prose: tuple[str, ...]) -> str:
    """The author's words before a synthetic citation, "" for none."""
    def noun() -> str:
        words = [w.strip(",.:;“”\"'‘’()") for w in rng.choice(references()).title_words]
        words = [w for w in words if len(w) > 3 and w.isalpha()]
        word = rng.choice(words) if words else "question"
        return word if rng.random() < 0.4 else word.lower()

    def sentence() -> str:
        text = rng.choice(prose)
        for slot, fill in (("{N}", noun), ("{Y}", lambda: str(rng.randint(1600, 2020))),
                           ("{S}", lambda: rng.choice(references()).surname or "Roe"),
                           ("{P}", lambda: str(rng.randint(2, 400)))):
            while slot in text:
                text = text.replace(slot, fill(), 1)
        return text

    cue = rng.choice(cues)
    cue = cue[:1].upper() + cue[1:]
    shape = rng.random()
    if shape < 0.3:
        return ""
    if shape < 0.55:
        return cue
    if shape < 0.75:
        joined = rng.choice(["and", "in", "of", "and the", "in the"])
        opening = rng.choice(["On", "For", "On the", "For the", "", "", "", ""])
        subject = f"{noun()} {joined} {noun()}" if rng.random() < 0.5 else noun()
        if rng.random() < 0.5:  # a place as the topic ("On Lisbon,", "On Alsace-Lorraine,", "Lisbon and Porto,")
            places = [rng.choice(resources.places()) for _ in range(2)]
            shape = rng.random()
            subject = places[0] if shape < 0.5 else "-".join(places) if shape < 0.7 else " and ".join(places)
        topic = f"{opening} {subject}".strip()
        return f"{topic[:1].upper()}{topic[1:]},"
    if shape < 0.87:
        return f"{sentence()} {cue}"
    if shape < 0.95:
        return sentence()
    return f"{rng.choice(['For a fuller account of', 'On the background to', 'For the'])} the {noun()}, {cue.lower()}"


def synthetic(count: int, counts: collections.Counter[str]) -> list[PrefixExample]:
    """``count`` synthetic notes' examples (fewer where the pipeline does not read one citation in a note)."""
    rng = random.Random(_SEED)
    cues = resources.word_list("citation_cues.txt")
    prose = resources.word_list("training/prose.txt")
    out: list[PrefixExample] = []
    with StageLeftOut("recut_prefixes") as recorder:
        for number in range(count):
            lead = author_lead_in(rng, cues, prose)
            reference = rng.choice(references()).text.rstrip(" .;,")
            if rng.random() < 0.4:
                reference += f", {rng.randint(1, 600)}"
            words = f"{lead} {reference}.".split()
            recorder.clear()
            parse_text(f"{number + 1}. {' '.join(words)}\n")
            raws = [raw for found in recorder.seen.values() for raw in found]
            if len(raws) != 1 or not rereadable(raws[0]):
                counts["synthetic left out: not one citation the prefix reader reads"] += 1
                continue
            mine = f"{raws[0].prefix} {raws[0].body}".split()
            head = mine[:-1]  # the body's last word may have lost the comma before a cited page
            starts = [i for i in range(len(words) - len(mine) + 1) if words[i : i + len(head)] == head]
            cut = max(0, len(lead.split()) - starts[0]) if starts else -1
            if not 0 <= cut < len(mine):
                counts["synthetic left out: the lead-in's end not among its words"] += 1
                continue
            counts["synthetic kept"] += 1
            out.append(PrefixExample(tuple(mine), len(raws[0].prefix.split()), cut))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the examples, as the packaged prefixes.tsv holds them")
    parser.add_argument("--without", type=Path, help="a file of page names to leave out, one a line")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="also N synthetic notes' examples")
    parser.add_argument("--train", type=Path, metavar="MODEL", help="also train a prefix reader on them")
    args = parser.parse_args(argv)
    without = set(args.without.read_text(encoding="utf-8").split()) if args.without else set()
    counts: collections.Counter[str] = collections.Counter()
    examples = derived(CORPUS, without, counts) + synthetic(args.synthetic, counts)
    rows = "".join(f"{e.rules_cut}\t{e.cut}\t{' '.join(e.words)}\n" for e in examples)
    args.out.write_text(_HEADER + rows, encoding="utf-8")
    for key, value in sorted(counts.items()):
        print(f"{key}: {value}")
    print(f"the splitter's cut right: {sum(e.rules_cut == e.cut for e in examples)} of {len(examples)}")
    if args.train:
        train_prefix_reader(examples, args.train)
        print(f"trained {args.train}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
