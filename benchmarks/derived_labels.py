"""Labelled references derived from the development pages, to retrain the field labeller on real notes.

    python benchmarks/derived_labels.py OUT.xml [--without PAGES.txt] [--train MODEL]

The development pages' annotations name each citation's work and its fields (title, container, publisher,
place, year, first author's family name), not each token's label. For each citation haliref finds in a note
that the annotation pairs with (``shapes_accuracy.aligned_notes``; the note's citation count must agree), the
work's first citation is labelled by the shipped labeller, then corrected where the annotation locates a field
in it: the field's words, found once and only once, take its label; a year's token the date; the first
author's family name, and the names before it, the author. A citation is left out where one of its annotated
fields is not found, or where a found field's label is left on other tokens (the labeller read a longer title,
a second publisher): what those tokens are, the annotation does not say.

``--without`` leaves the pages it lists out (one name a line), so that a model trained on the rest is measured
on pages it never saw; ``--train`` trains a model on the packaged training data and these references
(``haliref.parse.training``, about six minutes). The sequences are written as AnyStyle XML. The notes labeller's
``data/training/notes.xml`` is this script's output ``--without notes_labeller_unseen.txt`` (README, "Twenty-third
session"); every note is read with the list labeller alone, so the notes labeller never labels its own data, and
with the splitter's cut between prefix and citation, as when the file was made (the prefix reader came after it).
The packaged file is this output with the code of commit 95d36b0: a later change to how notes are read changes it.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import shapes_accuracy

from haliref import parse_text, pipeline, resources
from haliref.model import Note
from haliref.parse.giant import to_xml
from haliref.parse.split import RawCitation
from haliref.parse.tagger import Tagger
from haliref.parse.training import LabelledSequence, packaged_training_data, parse_dataset, train

CORPUS = Path(__file__).resolve().parent / "devpages"
_CONTAINER_LABELS = frozenset({"journal", "container-title", "collection-title"})
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def folded(token: str) -> str:
    token = unicodedata.normalize("NFKC", token).casefold().replace("’", "'").replace("‘", "'")
    return _EDGES.sub("", token)


def _window(tokens: list[str], value: object, taken: list[bool]) -> tuple[int, int] | None:
    """Where the value's words stand among the (folded) tokens, if they stand there once and only once."""
    words = [word for word in map(folded, str(value).split()) if word]
    if not words:
        return None
    hits = [i for i in range(len(tokens) - len(words) + 1)
            if tokens[i : i + len(words)] == words and not any(taken[i : i + len(words)])]
    return (hits[0], hits[0] + len(words)) if len(hits) == 1 else None


def corrected(tokens: list[str], labels: list[str], work: dict, counts: collections.Counter[str]) -> list[str] | None:
    """The labels corrected where the work's annotated fields are found in the tokens; None where a found field's
    label is left on other tokens."""
    words = [folded(token) for token in tokens]
    labels = list(labels)
    taken = [False] * len(tokens)
    located: dict[str, tuple[int, int]] = {}
    for field, label in (("title", "title"), ("container-title", ""), ("publisher", "publisher"),
                         ("place", "location")):
        if not work.get(field) or (found := _window(words, work[field], taken)) is None:
            continue
        start, end = found
        if not label:  # the labeller's own container label where it read one, else the work's kind's
            read = collections.Counter(labels[start:end]).most_common(1)[0][0]
            article = str(work.get("type") or "").startswith("article")
            label = read if read in _CONTAINER_LABELS else "journal" if article else "container-title"
        counts[f"corrected {field}"] += sum(each != label for each in labels[start:end])
        labels[start:end] = [label] * (end - start)
        taken[start:end] = [True] * (end - start)
        located[label] = found
    year = str(work.get("year") or "")
    if year and len(hits := [i for i, token in enumerate(tokens) if year in token and not taken[i]]) == 1:
        labels[hits[0]], taken[hits[0]] = "date", True
        located["date"] = (hits[0], hits[0] + 1)
    if work.get("author") and (found := _window(words, work["author"], taken)) is not None:
        start, end = found
        label = labels[start] if labels[start] in ("author", "editor") else "author"
        first_field = min((begin for begin, _ in located.values()), default=len(tokens))
        if end <= first_field and all(labels[i] in ("author", "editor") or not taken[i] for i in range(start)):
            start = 0  # the given names before the family name
        for i in range(start, end):
            if not taken[i]:
                labels[i], taken[i] = label, True
        located[label] = (start, end)
    wanted = {"title": {"title"}, "container-title": _CONTAINER_LABELS, "publisher": {"publisher"},
              "place": {"location"}, "year": {"date"}, "author": {"author", "editor"}}
    if any(work.get(field) and not labels_of & located.keys() for field, labels_of in wanted.items()):
        counts["left out: an annotated field not found"] += 1
        return None
    if any(not taken[i] and label in located and label not in ("author", "editor", "date")
           for i, label in enumerate(labels)):
        counts["left out: a found field's label elsewhere"] += 1
        return None
    return labels


def derived(corpus: Path, without: set[str], counts: collections.Counter[str]) -> list[LabelledSequence]:
    """The corrected labelling of each work's first citation on the pages of ``corpus`` not in ``without``, each
    citation cut from its prefix by the splitter alone, as when ``notes.xml`` was made (the prefix reader came
    after it)."""
    with StageLeftOut("recut_prefixes"):
        return _derived(corpus, without, counts)


class StageLeftOut:
    """Pages read, inside a ``with`` block, with one of the pipeline's note stages (``pipeline.<stage>``: the
    prefix reader's ``recut_prefixes``, the join reader's ``splits_joined``) left out: the citations it would have
    been given are kept by the note's text (``seen``), with the labeller it would have read them with where it takes
    one (``taggers``), and passed on unchanged."""

    def __init__(self, stage: str) -> None:
        self.stage = stage
        self.seen: dict[str, list[RawCitation]] = {}
        self.taggers: dict[str, Tagger] = {}

    def __call__(self, citations: list[RawCitation], note_text: str, tagger: Tagger | None = None) -> list[RawCitation]:
        self.seen[note_text] = list(citations)
        if tagger is not None:
            self.taggers[note_text] = tagger
        return citations

    def clear(self) -> None:
        self.seen.clear()
        self.taggers.clear()

    def __enter__(self) -> StageLeftOut:
        self._shipped = getattr(pipeline, self.stage)
        setattr(pipeline, self.stage, self)
        return self

    def __exit__(self, *exception: object) -> None:
        setattr(pipeline, self.stage, self._shipped)


def paired_notes(corpus: Path, without: set[str], recorder: StageLeftOut | None = None,
                 tagger: Tagger | None = None) -> Iterator[tuple[str, dict, list, Note | None]]:
    """Each annotated note of the pages of ``corpus`` not in ``without``, in page and note order, with the note
    haliref reads it as (``shapes_accuracy.aligned_notes``; None where it reads none): (the page's name, its
    annotation, the note's annotated citations, the note). Each page is read whole (with ``tagger`` where given)
    before its notes are given, ``recorder`` emptied first."""
    for path in sorted(corpus.glob("*.expected.json")):
        name = path.name.removesuffix(".expected.json")
        if name in without:
            continue
        expected = json.loads(path.read_text(encoding="utf-8"))
        if recorder is not None:
            recorder.clear()
        text = (corpus / f"{name}.txt").read_text(encoding="utf-8")
        document = parse_text(text, tagger=tagger) if tagger is not None else parse_text(text)
        notes = [n for n in document.notes if n.citations] if expected.get("skip_empty") else document.notes
        for (_, cites), note in zip(expected["notes"], shapes_accuracy.aligned_notes(expected, notes), strict=True):
            yield name, expected, cites, note


def _derived(corpus: Path, without: set[str], counts: collections.Counter[str]) -> list[LabelledSequence]:
    out: list[LabelledSequence] = []
    # the list labeller for every note, numbered or not: a tagger of its own on the shipped list model (the
    # shipped tagger hands numbered notes to the notes labeller, which learns from this file)
    tagger = Tagger(resources.model_path("parser.crfsuite"))
    seen: set[int] = set()  # the works of the page whose first citation was taken
    page = ""
    for name, expected, cites, note in paired_notes(corpus, without, tagger=tagger):
        if name != page:
            page, seen = name, set()
        if note is None or len(cites) != len(note.citations):
            counts["left out: a note's citations not found as annotated"] += len(cites)
            continue
        for cite, citation in zip(cites, note.citations, strict=True):
            if cite[0] in seen or citation.short_form or not citation.spans:
                continue  # a work cited before, a short form, or a shape the rules read (no labeller's fields)
            seen.add(cite[0])
            labelled = tagger.label_tokens(citation.text)
            tokens = [token.text for token, _, _ in labelled]
            if tokens != citation.text.split():
                counts["left out: words the labeller cuts apart"] += 1
                continue
            labels = corrected(tokens, [label for _, label, _ in labelled], expected["works"][cite[0]], counts)
            if labels is not None:
                counts["kept"] += 1
                out.append(list(zip(tokens, labels, strict=True)))
    return out


_ABOUT = ("References derived from the notes and lists of haliref's development pages (benchmarks/devpages, their\n"
          "     sources in its SOURCES.md) by benchmarks/derived_labels.py: each work's first citation as the list\n"
          "     labeller labels it, corrected where the pages' annotation finds a field. Licence: see README.md.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the derived references, as AnyStyle XML")
    parser.add_argument("--without", type=Path, help="a file of page names to leave out, one a line")
    parser.add_argument("--train", type=Path, metavar="MODEL",
                        help="also train a labeller on them and the packaged training data")
    args = parser.parse_args(argv)
    without = set(args.without.read_text(encoding="utf-8").split()) if args.without else set()
    counts: collections.Counter[str] = collections.Counter()
    sequences = derived(CORPUS, without, counts)
    args.out.write_bytes(to_xml(sequences, _ABOUT))
    for key, value in sorted(counts.items()):
        print(f"{key}: {value}")
    if args.train:
        train(packaged_training_data() + parse_dataset(args.out.read_bytes()), args.train)
        print(f"trained {args.train}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
