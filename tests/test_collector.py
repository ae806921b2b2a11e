"""The collector's youngest generation spaced while the pipeline reads (haliref.collector)."""

from __future__ import annotations

import gc
import threading

from haliref import pipeline
from haliref.collector import YOUNG_COLLECTED_AFTER, young_collections_spaced


def test_the_thresholds_are_spaced_inside_and_restored_by_the_last_to_leave():
    before = gc.get_threshold()
    with young_collections_spaced():
        assert gc.get_threshold() == (YOUNG_COLLECTED_AFTER, *before[1:])
        with young_collections_spaced():
            assert gc.get_threshold()[0] == YOUNG_COLLECTED_AFTER
        assert gc.get_threshold()[0] == YOUNG_COLLECTED_AFTER  # the outer use is still inside
    assert gc.get_threshold() == before


def test_threads_share_one_setting_and_restore_it_once():
    before = gc.get_threshold()
    inside, leave = threading.Barrier(3), threading.Event()

    def work() -> None:
        with young_collections_spaced():
            inside.wait()
            leave.wait()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()
    assert gc.get_threshold()[0] == YOUNG_COLLECTED_AFTER
    leave.set()
    for thread in threads:
        thread.join()
    assert gc.get_threshold() == before


def test_the_pipeline_reads_with_the_youngest_generation_spaced_and_restores_it():
    seen = []
    before = gc.get_threshold()
    real = pipeline.segment

    def spy(text: str):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold()[0])
        return real(text)

    pipeline.segment = spy  # type: ignore[assignment]
    try:
        pipeline._segmented.cache_clear()
        pipeline.parse_text("1. Eric Hobsbawm, The Age of Extremes (London: Michael Joseph, 1994), 12.\n2. Ibid.\n")
    finally:
        pipeline.segment = real
        pipeline._segmented.cache_clear()
    assert seen and all(threshold == YOUNG_COLLECTED_AFTER for threshold in seen)
    assert gc.get_threshold() == before
