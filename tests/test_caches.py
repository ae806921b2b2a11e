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


def test_a_bounded_dict_forgets_its_oldest_entries_and_reports_its_bound() -> None:
    cache = caches.bounded_dict(f"{__name__}.squares", 3)
    for n in range(5):
        cache[n] = n * n
    cache[4] = 16  # a key already there takes no room
    assert list(cache.items()) == [(2, 4), (3, 9), (4, 16)]
    assert caches.stats()[f"{__name__}.squares"] == caches.CacheStats(None, None, 3, 3)
    caches.clear_all()
    assert not cache


def test_every_cache_is_declared_in_caches_and_no_hidden_state_is_kept() -> None:
    """No lru_cache/functools.cache outside caches.py (its per-tagger caches aside), no atexit, no
    exec or eval, no module-level `global` rebinding: what the process keeps is what caches.stats() shows."""
    import re
    from importlib import resources

    root = resources.files("haliref")
    sources = {str(p): p.read_text(encoding="utf-8") for p in _python_files(root)}
    assert len(sources) > 40
    for path, text in sources.items():
        if path.endswith("caches.py"):
            continue
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
        assert not re.search(r"\bimport atexit\b|\batexit\.", code), path
        assert not re.search(r"(?<![\w.])(?:exec|eval)\(", code), path
        assert not re.search(r"^\s*global\s", code, re.MULTILINE), path
        assert not re.search(r"@(?:functools\.)?cache\b|\bfunctools\.cache\(", code), path
        # Tagger._labelled and Tagger._known_info are the lru_caches made outside caches.py: per instance, they
        # die with their tagger
        assert code.count("lru_cache(") == (2 if path.endswith("tagger.py") else 0), path


def _python_files(folder):
    for entry in folder.iterdir():
        if entry.is_dir():
            yield from _python_files(entry)
        elif entry.name.endswith(".py"):
            yield entry


def test_the_xpath_cache_of_the_renderer_is_bounded() -> None:
    haliref.to_chicago(haliref.parse_text("1. Ann Roe, A Book (London: Verso, 1990), p. 4."))
    xpath = caches.stats()["haliref.render.engine._XPATH_CACHE"]
    assert xpath.maxsize == 1 << 15 and 0 < xpath.currsize <= xpath.maxsize
