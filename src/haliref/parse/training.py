"""Training the citation sequence labeller (deterministic, reproducible).

Training data are AnyStyle-format XML files::

    <dataset><sequence><author>Heidegger M.,</author><date>1927,</date>...</sequence></dataset>

``build_model(out)`` trains on the packaged ``data/training/core.xml`` (AnyStyle,
BSD-2) plus ``data/training/humanities.xml`` (footnote-style references written
for haliref) and writes the crfsuite model.  L-BFGS with fixed parameters and no
time-dependent stopping is deterministic: rebuilding gives a byte-identical file.

Run ``python -m haliref.parse.training OUT`` to rebuild the model.

The notes labeller (``data/model/notes.crfsuite``, ``build_notes_model(out)`` or
``haliref train --notes -o OUT``) learns from the same files and ``data/training/notes.xml``:
references derived from the development pages' notes, so that it reads the way notes cite.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pycrfsuite

from haliref.parse.tagger import features

__all__ = [
    "DEFAULT_PARAMS",
    "NOTES_TRAINING_FILES",
    "TRAINING_FILES",
    "build_model",
    "build_notes_model",
    "load_dataset",
    "parse_dataset",
    "train",
    "train_crf",
]

#: Fixed training parameters (tuned on a held-out split of core.xml).
DEFAULT_PARAMS: dict[str, object] = {
    "c1": 0.05,
    "c2": 0.01,
    "max_iterations": 600,
    "feature.possible_transitions": True,
}

TRAINING_FILES = ("core.xml", "humanities.xml")
#: The notes labeller's: the references of real notes as well (``notes.xml``; see the training data's README).
NOTES_TRAINING_FILES = (*TRAINING_FILES, "notes.xml")

LabelledSequence = list[tuple[str, str]]


def parse_dataset(xml_text: str | bytes) -> list[LabelledSequence]:
    """Parse AnyStyle XML text into sequences of (token, label)."""
    root = ET.fromstring(xml_text)
    out: list[LabelledSequence] = []
    for seq in root.iter("sequence"):
        items: LabelledSequence = []
        for el in seq:
            text = "".join(el.itertext())
            items.extend((tok, el.tag) for tok in text.split())
        if items:
            out.append(items)
    return out


def load_dataset(path: str | Path) -> list[LabelledSequence]:
    """Load an AnyStyle XML file into sequences of (token, label)."""
    return parse_dataset(Path(path).read_bytes())


def train_crf(
    sequences: Iterable[tuple[Sequence[Sequence[str]], Sequence[str]]], params: Mapping[str, object],
    model_path: str | Path,
) -> Path:
    """Train a linear-chain CRF on (features, labels) sequences with fixed L-BFGS parameters, which make it
    deterministic: the same sequences give the same model, byte for byte. Every haliref model is trained so."""
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for features_of, labels in sequences:
        trainer.append(features_of, labels)
    trainer.set_params(dict(params))
    model_path = Path(model_path)
    trainer.train(str(model_path))
    return model_path


def train(
    sequences: Iterable[Sequence[tuple[str, str]]],
    model_path: str | Path,
    *,
    params: Mapping[str, object] | None = None,
) -> Path:
    """Train the field labeller on (token, label) sequences and write it to ``model_path``."""
    Path(model_path).parent.mkdir(parents=True, exist_ok=True)
    return train_crf(((features([w for w, _ in seq]), [lab for _, lab in seq]) for seq in sequences if seq),
                     {**DEFAULT_PARAMS, **(params or {})}, model_path)


def packaged_training_data(files: Sequence[str] = TRAINING_FILES) -> list[LabelledSequence]:
    """The packaged training sequences of ``files`` (the list labeller's by default), in a fixed order."""
    base = importlib.resources.files("haliref") / "data" / "training"
    data: list[LabelledSequence] = []
    for name in files:
        data.extend(parse_dataset((base / name).read_bytes()))
    return data


def build_model(out_path: str | Path, *, params: Mapping[str, object] | None = None) -> Path:
    """Train the shipped model from the packaged training data."""
    return train(packaged_training_data(), out_path, params=params)


def build_notes_model(out_path: str | Path) -> Path:
    """Train the shipped notes labeller from its packaged training data."""
    return train(packaged_training_data(NOTES_TRAINING_FILES), out_path)


def _main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m haliref.parse.training OUT_MODEL", file=sys.stderr)
        return 2
    out = build_model(argv[0])
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    print(f"{out}  {out.stat().st_size} bytes  sha256 {digest}")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
