"""A user's own labels for some citations, and the AnyStyle XML that keeps them.

A user who corrects a citation's fields (on the page, ``haliref serve``) gives
each of its whitespace tokens a label. Those labelled sequences are

* applied by :class:`RelabellingTagger`: a labeller that answers with the user's
  labels for a citation whose tokens are exactly those of a corrected one, and
  with the model's otherwise, so the citation is rebuilt from the corrected
  labels and everything downstream (normalizers, merge, keys, flags, rendering)
  follows; the structural repairs, which second-guess the model's labels, leave
  the user's alone; ``--labels FILE`` does the same on the command line;
* saved as AnyStyle XML (:func:`examples_xml`), the format of the training
  data, so ``haliref train --add FILE`` builds a model that has learnt them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.etree.ElementTree import ParseError
from xml.sax.saxutils import escape

from haliref.files import InputError
from haliref.parse.edits import Edit
from haliref.parse.tagger import LABELS, Tagger, Token, tokenize
from haliref.parse.training import LabelledSequence, parse_dataset

__all__ = ["RelabellingTagger", "examples_xml", "merged", "parse_examples", "read_examples", "validate_sequence"]


def validate_sequence(tokens: Sequence[str], labels: Sequence[str], where: str = "") -> LabelledSequence:
    """(token, label) pairs, or a one-line InputError (unknown label, tokens with spaces, lengths)."""
    at = f"{where}: " if where else ""
    if not tokens or len(tokens) != len(labels):
        raise InputError(f"{at}a corrected citation needs one label for each of its tokens")
    for token in tokens:
        if not isinstance(token, str) or not token or token.split() != [token]:
            raise InputError(f"{at}a token must be one word without spaces, not {str(token)[:40]!r}")
    for label in labels:
        if label not in LABELS:
            raise InputError(f"{at}unknown field {str(label)[:40]!r} (the fields are: {', '.join(LABELS)})")
    return list(zip(tokens, labels, strict=True))


def _key(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(tokens)


class RelabellingTagger(Tagger):
    """The ``base`` labeller, except for citations whose tokens are those of a corrected sequence.

    Those get the user's labels, each with confidence 1.0. A later sequence with
    the same tokens replaces an earlier one. The user's edits of where citations
    begin and end ride along (``edits``): the pipeline applies them to each note.
    """

    def __init__(self, base: Tagger, sequences: Iterable[LabelledSequence], edits: Sequence[Edit] = ()):
        super().__init__(base.model_path)
        self.base = base
        #: the user's splits, joins and prose words (:mod:`haliref.parse.edits`), applied after the note reader
        self.edits: tuple[Edit, ...] = tuple(edits)
        self.overrides: dict[tuple[str, ...], tuple[str, ...]] = {}
        for sequence in sequences:
            self.overrides[_key(token for token, _ in sequence)] = tuple(label for _, label in sequence)

    def over(self, base: Tagger) -> RelabellingTagger:
        """The same labels and edits of the user's over another labeller (the notes labeller)."""
        relabelling = RelabellingTagger(base, (), self.edits)
        relabelling.overrides = self.overrides
        return relabelling

    def label_tokens(self, text: str) -> list[tuple[Token, str, float]]:
        tokens = tokenize(text)
        labels = self.overrides.get(_key(t.text for t in tokens))
        if labels is None:
            return self.base.label_tokens(text)
        return [(token, label, 1.0) for token, label in zip(tokens, labels, strict=True)]

    def corrected(self, tokens: Sequence[str]) -> bool:
        return _key(tokens) in self.overrides


def examples_xml(sequences: Iterable[LabelledSequence]) -> str:
    """The sequences as an AnyStyle XML dataset (runs of one label in one element), deterministic."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<dataset>"]
    for sequence in sequences:
        out.append("  <sequence>")
        run: list[str] = []
        label = ""
        for token, token_label in [*sequence, ("", "")]:
            if run and token_label != label:
                out.append(f"    <{label}>{escape(' '.join(run))}</{label}>")
                run = []
            run.append(token)
            label = token_label
        out.append("  </sequence>")
    out.append("</dataset>")
    return "\n".join(out) + "\n"


def parse_examples(xml_text: str | bytes, where: str) -> list[LabelledSequence]:
    """The labelled sequences of AnyStyle XML, every label checked (one-line errors)."""
    try:
        sequences = parse_dataset(xml_text)
    except ParseError as error:
        raise InputError(f"{where}: not AnyStyle XML ({error})") from None
    for sequence in sequences:
        validate_sequence([t for t, _ in sequence], [label for _, label in sequence], where)
    return sequences


def read_examples(path: str | Path) -> list[LabelledSequence]:
    """The labelled sequences of an AnyStyle XML file (``--labels``, ``train --add``)."""
    file = Path(path)
    if not file.is_file():
        raise InputError(f"no such file: {path}")
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    return parse_examples(data, str(path))


def merged(sequences: Iterable[LabelledSequence]) -> list[LabelledSequence]:
    """One sequence per token list (the last given wins), in order of first appearance."""
    kept: dict[tuple[str, ...], LabelledSequence] = {}
    for sequence in sequences:
        kept[_key(t for t, _ in sequence)] = list(sequence)
    return list(kept.values())

