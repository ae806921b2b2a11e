"""The join reader's training examples, derived from the development pages' annotations and synthetic notes.

    python benchmarks/derived_joins.py OUT.tsv [--without PAGES.txt] [--synthetic N] [--train MODEL]

Each page is read with the join reader left out (its calls are recorded, with the labeller the note was read
with, and answered with the splitter's citations unchanged). For each note that the annotation pairs with
(``shapes_accuracy.aligned_notes``), every annotated citation after the first is found where it begins: at a
word where a citation may begin (after a full stop, a semicolon, a dash or a joining word) or where the splitter
began one, after the previous citation's start: the first such word at which its annotated prefix begins (when
it has one), or, without a prefix, the nearest such word, not after an initial, at or up to six words before the
first place its work's author, title or container is named or "Ibid." stands. A note where one is not found is
left out. Every citation body the splitter gave that note, which the join reader would read
(:func:`haliref.parse.joins.splits_joined`), is an example: its words, the labeller's label of each, and the
words inside it at which an annotated citation begins.

``--synthetic N`` adds N synthetic notes, made with a fixed seed from the packaged training references
(AnyStyle's ``core.xml`` and ``humanities.xml``, never the bundled list): two references, the first perhaps with a
cited page, joined by a full stop, a semicolon or "and", the second perhaps after a lead-in made as the prefix
reader's are, or one reference alone; read the same way, the first word after the join is where a citation
begins.

``--without`` leaves the pages it lists out, so that the model is measured on pages it never saw: the shipped
``data/training/joins.tsv`` is this script's output ``--without notes_labeller_unseen.txt --synthetic 1500``.
``--train`` also trains a model on the examples (a few seconds)."""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from derived_labels import StageLeftOut, folded, paired_notes
from derived_prefixes import author_lead_in

from haliref import parse_text, resources
from haliref.parse.joins import JoinExample, may_begin, read_again, train_join_reader, word_labels
from haliref.parse.split import RawCitation
from haliref.parse.tagger import Tagger
from haliref.read.synthetic import references

CORPUS = Path(__file__).resolve().parent / "devpages"
_HEADER = ("# The join reader's training examples: word indexes where a citation begins<TAB>the labeller's label of\n"
           "# each word<TAB>the words of a citation's body. Derived from haliref's development pages (benchmarks/\n"
           "# devpages, their sources in its SOURCES.md) by benchmarks/derived_joins.py. Licence: see README.md.\n")
_IBID = frozenset({"ibid", "id", "idem", "ib"})


def _named_at(words: list[str], after: int, cite: list, work: dict) -> int | None:
    """The first word after ``after`` at which the annotated citation ``cite`` of ``work`` shows: its annotated
    prefix's first words, "Ibid.", or its work's author, title or container named."""
    folded_words = [folded(word) for word in words]
    prefix = [word for word in map(folded, str(cite[1]).split()) if word][:3]
    if prefix:
        return next((at for at in range(after + 1, len(words)) if folded_words[at : at + len(prefix)] == prefix), None)
    author = [word for word in map(folded, str(work.get("author") or "").split()) if word][-1:]
    named = [author] + [[word for word in map(folded, str(work.get(field) or "").split()) if word][:2]
                        for field in ("title", "container-title")]
    for at in range(after + 1, len(words)):
        if folded_words[at] in _IBID or any(each and folded_words[at : at + len(each)] == each for each in named):
            return at
    return None


_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.)+")
_NEAR = 6  # a citation's author or title stands within this many words of its first word


def _starts(note_words: list[str], raw_starts: set[int], cites: list, works: list) -> list[int] | None:
    """Where each annotated citation after the first begins, in the note's words: the nearest word before where it
    shows at which a citation may begin (with a prefix, that word itself); None where one is not found."""
    places = sorted(raw_starts | {i for i in range(len(note_words)) if may_begin(note_words, i)})
    found: list[int] = []
    for cite in cites[1:]:
        after = found[-1] if found else 0
        shows = _named_at(note_words, after, cite, works[cite[0]])
        reach = 0 if str(cite[1]).strip() else _NEAR
        near = [at for at in places if after < at and shows is not None and shows - reach <= at <= shows]
        # where the splitter began one, or at a word after no initial ("Robert E. | Sherwood" is one name)
        hit = max((at for at in near if at in raw_starts or not _INITIALS.fullmatch(note_words[at - 1])),
                  default=None)
        if hit is None:
            return None
        found.append(hit)
    return found


def _examples(note_text: str, raws: list[RawCitation], tagger: Tagger,
              starts: list[int] | None, counts: collections.Counter[str]) -> list[JoinExample]:
    note = " ".join(note_text.split())
    out = []
    for _, raw, begin, _ in read_again(raws, note):
        if begin and note[begin - 1] != " ":
            counts["left out: a body that does not begin a word"] += 1
            continue
        first = note[:begin].count(" ")
        words = raw.body.split()
        inside = frozenset(at - first for at in (starts or []) if first < at < first + len(words))
        counts["kept, with a start inside" if inside else "kept"] += 1
        out.append(JoinExample(tuple(words), tuple(word_labels(words, tagger)), inside))
    return out


def derived(corpus: Path, without: set[str], counts: collections.Counter[str]) -> list[JoinExample]:
    """The examples of the pages of ``corpus`` not in ``without``, in page and note order."""
    out: list[JoinExample] = []
    with StageLeftOut("splits_joined") as recorder:
        for _, expected, cites, note in paired_notes(corpus, without, recorder):
            raws = recorder.seen.get(note.text) if note is not None else None
            if note is None or raws is None or not cites:
                counts["left out: a note not read or citing nothing"] += 1
                continue
            note_words = " ".join(note.text.split()).split()
            raw_starts = set()
            searched = 0
            joined = " ".join(note_words)
            for raw in raws:
                whole = " ".join(f"{raw.prefix} {raw.body}".split())
                found = joined.find(whole, searched)
                if found >= 0 and (not found or joined[found - 1] == " "):
                    raw_starts.add(joined[:found].count(" "))
                    searched = found + len(whole)
            starts = _starts(note_words, raw_starts, cites, expected["works"])
            if starts is None:
                counts["left out: a note whose citations' starts are not all found"] += 1
                continue
            out += _examples(note.text, raws, recorder.taggers[note.text], starts, counts)
    return out


_SEED = 20261207


def synthetic(count: int, counts: collections.Counter[str]) -> list[JoinExample]:
    """``count`` synthetic notes' examples."""
    rng = random.Random(_SEED)
    cues = resources.word_list("citation_cues.txt")
    prose = resources.word_list("training/prose.txt")
    out: list[JoinExample] = []
    synthetic_counts: collections.Counter[str] = collections.Counter()
    with StageLeftOut("splits_joined") as recorder:
        for number in range(count):
            first = rng.choice(references()).text.rstrip(" .;,")
            if rng.random() < 0.3:
                first += f", {rng.randint(1, 600)}"
            joined = rng.random() < 0.75
            if joined:
                second = rng.choice(references()).text.rstrip(" .;,")
                joint = rng.choice([".", ".", ".", ";", ";", ", and", " and"])
                lead = author_lead_in(rng, cues, prose) if joint in ".;" and rng.random() < 0.4 else ""
                head = f"{first}{joint}"
                text = f"{head} {lead} {second}." if lead else f"{head} {second}."
                begins = len(head.split())
            else:
                text, begins = f"{first}.", -1
            recorder.clear()
            parse_text(f"{number + 1}. {text}\n")
            note_words = text.split()
            for note_text, raws in recorder.seen.items():
                if " ".join(note_text.split()) != " ".join(note_words):
                    synthetic_counts["left out: the note not read as written"] += 1
                    continue
                out += _examples(note_text, raws, recorder.taggers[note_text], [begins] if joined else [],
                                 synthetic_counts)
    counts.update({f"synthetic {key}": value for key, value in synthetic_counts.items()})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the examples, as the packaged joins.tsv holds them")
    parser.add_argument("--without", type=Path, help="a file of page names to leave out, one a line")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="also N synthetic notes' examples")
    parser.add_argument("--train", type=Path, metavar="MODEL", help="also train a join reader on them")
    args = parser.parse_args(argv)
    without = set(args.without.read_text(encoding="utf-8").split()) if args.without else set()
    counts: collections.Counter[str] = collections.Counter()
    examples = derived(CORPUS, without, counts) + synthetic(args.synthetic, counts)
    rows = "".join(f"{','.join(map(str, sorted(e.starts)))}\t{' '.join(e.labels)}\t{' '.join(e.words)}\n"
                   for e in examples)
    args.out.write_text(_HEADER + rows, encoding="utf-8")
    for key, value in sorted(counts.items()):
        print(f"{key}: {value}")
    print(f"examples: {len(examples)}, starts inside: {sum(len(e.starts) for e in examples)}")
    if args.train:
        train_join_reader(examples, args.train)
        print(f"trained {args.train}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
