"""Which field labeller reads a citation.

Two models label fields: the list labeller (``parser.crfsuite``), trained on AnyStyle's references and
haliref's footnote-style ones, and the notes labeller (``notes.crfsuite``), trained on those and on references
derived from real notes (``data/training/notes.xml``). The notes labeller reads numbered notes better and
reference lists worse (README, "Twenty-third session"), so :func:`haliref.pipeline.read_list` gives a list's
entries to the first and numbered notes to the second, with the first's second opinion where the second is
unsure of a word ("Cf. Roe 1990, 109.": a name alone before a year it has mostly seen as a journal's).
"""

from __future__ import annotations

from haliref.caches import memo
from haliref.parse.relabel import RelabellingTagger
from haliref.parse.tagger import Tagger, Token, default_tagger, notes_tagger

__all__ = ["UNSURE", "SecondOpinion", "notes_labeller"]

#: Below this marginal on any word, the notes labeller's reading is compared with the list labeller's. Of
#: 0.6, 0.8 and always, 0.6 kept the most of the notes labeller's gain on pages neither learnt from.
UNSURE = 0.6


class SecondOpinion(Tagger):
    """``first``'s reading of a citation, unless it is unsure of a word and ``second`` is surer of its own
    least sure word than ``first`` is. A :class:`Tagger` so that the user's own labels can ride over it; the
    note reader and the field parse ask it only :meth:`label_tokens` (the page reader keeps the list labeller)."""

    def __init__(self, first: Tagger, second: Tagger):
        super().__init__(first.model_path)
        self.first, self.second = first, second

    def label_tokens(self, text: str) -> list[tuple[Token, str, float]]:
        mine = self.first.label_tokens(text)
        least = min((p for _, _, p in mine), default=1.0)
        if least >= UNSURE:
            return mine
        other = self.second.label_tokens(text)
        return other if min((p for _, _, p in other), default=1.0) > least else mine


@memo(None)
def _shipped_notes_labeller() -> SecondOpinion:
    """The notes labeller with the list labeller's second opinion, made once."""
    return SecondOpinion(notes_tagger(), default_tagger())


def notes_labeller(tagger: Tagger) -> Tagger:
    """The labeller of a numbered note's citations where ``tagger`` labels a list's: under the shipped list
    labeller (with or without the user's own labels over it), the notes labeller with its second opinion (and
    the same labels of the user's over it); a model of the user's own (``--model``) labels every citation."""
    if tagger is default_tagger():
        return _shipped_notes_labeller()
    if isinstance(tagger, RelabellingTagger) and tagger.base is default_tagger():
        return tagger.over(_shipped_notes_labeller())
    return tagger
