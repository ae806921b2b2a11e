"""The memo caches: all declared through haliref.caches, bounded, visible and clearable."""

from __future__ import annotations

import haliref
from haliref import caches


def test_every_cache_with_arguments_is_bounded() -> None:
    haliref.parse_text("1. Ann Roe, A Book (London: Verso, 1990), p. 4.")
    import inspect

    for name, wrapped in caches._LRU.items():
        takes_arguments = bool(inspect.signature(wrapped.__wrapped__).parameters)
        if takes_arguments:
            assert wrapped.cache_info().maxsize is not None, name


def test_memo_bounds_and_registers() -> None:
    @caches.memo(2)
    def square(n: int) -> int:
        return n * n

    for n in range(5):
        assert square(n) == n * n
    name = f"{__name__}.{square.__qualname__}"
    assert caches.stats()[name].currsize == 2
    assert caches.stats()[name].maxsize == 2


def test_clear_all_clears_and_stats_report() -> None:
    haliref.parse_text("1. Ann Roe, A Book (London: Verso, 1990), p. 4.")
    before = caches.stats()
    assert sum(s.currsize for s in before.values()) > 0
    assert "haliref.resources.word_list" in before
    caches.clear_all()
    assert all(s.currsize == 0 for s in caches.stats().values())
    # and everything works again, with the same result
    first = haliref.parse_text("1. Ann Roe, A Book (London: Verso, 1990), p. 4.").to_dict()
    caches.clear_all()
    assert haliref.parse_text("1. Ann Roe, A Book (London: Verso, 1990), p. 4.").to_dict() == first
