"""Which labeller reads a citation: the notes labeller a numbered note's, with the list labeller's second opinion."""

from haliref.parse.edits import Edit
from haliref.parse.labellers import UNSURE, SecondOpinion, notes_labeller
from haliref.parse.relabel import RelabellingTagger
from haliref.parse.tagger import Tagger, Token, default_tagger, notes_tagger, tokenize
from haliref.resources import model_path


class Fixed(Tagger):
    """A labeller that reads every word with one label and one marginal, and counts what it is asked."""

    def __init__(self, label: str, marginal: float) -> None:
        super().__init__(model_path("parser.crfsuite"))
        self.label, self.marginal, self.asked = label, marginal, 0

    def label_tokens(self, text: str) -> list[tuple[Token, str, float]]:
        self.asked += 1
        return [(token, self.label, self.marginal) for token in tokenize(text)]


def test_a_sure_reading_stands_and_the_second_labeller_is_not_asked():
    first, second = Fixed("author", UNSURE), Fixed("title", 1.0)
    assert {label for _, label, _ in SecondOpinion(first, second).label_tokens("Roe 1990, 109.")} == {"author"}
    assert second.asked == 0


def test_an_unsure_reading_gives_way_to_a_surer_one_only():
    unsure = Fixed("journal", UNSURE - 0.1)
    surer, no_surer = Fixed("author", UNSURE), Fixed("title", UNSURE - 0.1)
    assert {label for _, label, _ in SecondOpinion(unsure, surer).label_tokens("Roe 1990, 109.")} == {"author"}
    assert {label for _, label, _ in SecondOpinion(unsure, no_surer).label_tokens("Roe 1990, 109.")} == {"journal"}
    assert SecondOpinion(unsure, surer).label_tokens("") == []


def test_the_shipped_notes_labeller_reads_an_author_date_short_form_with_the_lists_second_opinion():
    """The notes labeller alone takes a lone name before a year for a journal's (it has seen "Journal 1990,
    109" in notes), unsure of it; the list labeller is sure it is an author."""
    text = "Roe 1990, 109."
    alone = notes_tagger().label_tokens(text)
    assert alone[0][1] == "journal" and alone[0][2] < UNSURE
    assert [label for _, label, _ in notes_labeller(default_tagger()).label_tokens(text)] == ["author", "date", "pages"]


def test_a_model_of_the_users_labels_every_note_and_the_users_labels_ride_over_the_notes_labeller():
    own = Tagger(model_path("parser.crfsuite"))  # --model: the user's, even if built from the same data
    assert notes_labeller(own) is own
    shipped = notes_labeller(default_tagger())
    assert isinstance(shipped, SecondOpinion) and shipped.first is notes_tagger() and shipped.second is default_tagger()
    split = Edit("split", ("Ann", "Roe,", "Bob", "Poe,"), at=2)
    relabelling = RelabellingTagger(default_tagger(), [[("Ann", "title"), ("Roe,", "title")]], [split])
    over = notes_labeller(relabelling)
    assert isinstance(over, RelabellingTagger) and over.base is shipped and over.edits == (split,)
    assert [label for _, label, _ in over.label_tokens("Ann Roe,")] == ["title", "title"]
    mine = RelabellingTagger(own, [])
    assert notes_labeller(mine) is mine
