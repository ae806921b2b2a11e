"""haliref.progress: what a listener hears of a run, and that nothing is heard without one."""

from __future__ import annotations

from pathlib import Path

from haliref import caches, progress
from haliref.pipeline import parse_text

SEED = Path(__file__).parent.parent / "seeds" / "halliday-1999-export-of-revolution.txt"


def test_a_run_reports_its_lines_then_its_notes_then_its_works() -> None:
    heard: list[tuple[str, int, int]] = []
    caches.clear_all()  # the page reader's notes of this text may be kept from another test
    with progress.reporting(lambda *step: heard.append(step)):
        document = parse_text(SEED.read_text(encoding="utf-8"))
    lines = [step for step in heard if step[0] == "lines"]
    assert [done for _, done, _ in lines] == [*range(146), 145]  # counted by the labeller, one text at a time
    notes = [step for step in heard if step[0] == "notes"]
    assert notes == [("notes", k, len(document.notes)) for k in range(len(document.notes))]
    assert heard[-1] == ("works", 29, 29)


def test_ticks_outside_a_counted_stage_and_without_a_listener_are_nothing() -> None:
    progress.tick()
    progress.report("notes", 1, 2)
    heard: list[tuple[str, int, int]] = []
    with progress.reporting(lambda *step: heard.append(step)):
        progress.tick()
        with progress.counting("lines", 2):
            for _ in range(5):
                progress.tick()
    assert heard == [("lines", 0, 2), ("lines", 1, 2), ("lines", 2, 2), ("lines", 2, 2)]


def test_the_same_text_read_again_is_not_segmented_again() -> None:
    """The page re-sends its input with each correction: the page reader's notes are kept for it."""
    text = SEED.read_text(encoding="utf-8")
    caches.clear_all()
    runs: list[list[tuple[str, int, int]]] = []
    for undo in ((), ("dash-repair",)):
        heard: list[tuple[str, int, int]] = []
        with progress.reporting(lambda *step, into=heard: into.append(step)):
            document = parse_text(text, skip_rules=undo)
        runs.append([step for step in heard if step[0] == "lines"])
    assert len(runs[0]) == 147 and runs[1] == [("lines", 0, 145), ("lines", 145, 145)]
    assert len(document.notes) == 29 and document.works
