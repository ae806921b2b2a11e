"""The one place for memo caches: every memoised function in haliref is declared through it.

``@memo(maxsize)`` is :func:`functools.lru_cache` with an explicit bound that
also registers the cache under the function's qualified name, so the state the
process keeps is visible (:func:`stats`) and can be dropped (:func:`clear_all`,
e.g. between tests or after a large batch). A dict cache that cannot be an
``lru_cache`` (the XPath look-ups on citeproc-py's style tree, keyed by its
elements) is made by :func:`bounded_dict`. Every cached function is pure: clearing or evicting only
costs time, never changes a result.

How each cache is bounded (``None`` only for loaders that take no argument:
they hold one value, the parsed data file):

======================================  =========  ================================================
cache                                   maxsize    why
======================================  =========  ================================================
data-file loaders without arguments     None       one value each (a parsed file), loaded once
(resources, flags, names, imprint,
split and prefix cues, segment, prose, tagger
dictionary, render element classes,
export field map, synthetic pages'
word lists; the six shipped models:
``default_tagger``, ``notes_tagger``,
``default_finder``,
``default_runon_reader``,
``default_prefix_reader``,
``default_join_reader``; the notes
labeller with its second opinion)
``resources.word_list``,                64         keyed by data-file name: ~30 files ship
``resources.lower_set``
``export.bibtex._bibtex_rows``          128        keyed by entry type and dialect (~30 used)
``render.engine._load_style``           16         keyed by style file: 5 styles ship
``pipeline._segmented``                 2          the last two inputs' notes: the page re-sends its
                                                   input with each correction (issue 18)
``parse.tagger._renamed_model``         4          per labeller model file (path, modification time,
                                                   size): the model with short attribute names that
                                                   crfsuite is given (``parse/crfmodel.py``, about
                                                   0.7 MB and 5,361 names for the shipped one), so
                                                   that a tagger made per request renames none again
``resources.comparison_key``            65536      pure, per place/publisher string (issue 8)
``normalize.language._token_scores``    65536      per token; tokens repeat across a list
``merge.works.fold``,                   32768      per title/name string of a list
``check.context.fold``,
``check.context.title_key``
``parse.prefixes._word``                4096       per word: the prefix reader's feature strings of a
                                                   word (about 1.9 KB each, about 8 MB full); words
                                                   repeat across a list's citations
``parse.tagger._token_info``            16384      full: about 35 MB of feature strings (issue 9);
                                                   for ``features()`` (training, tests) only
``check.imprint_rules`` seat look-ups  4096       per publisher (a few hundred per list)
``parse.repair._repair_cached``,        4096       lists repeat citations; inputs are immutable
``normalize._pipeline._normalize_cached``
``render.engine`` XPath dict            32768      one entry per (style element, expression): about
                                                   2,000 per loaded style, 16 styles kept
``Tagger._labelled`` (per tagger)       4096       not registered: per instance, dies with its tagger;
                                                   the page reader's line-break windows are not kept
                                                   (``label_once``): its lines stay for the note reader
``Tagger._known_info`` (per tagger)     32768      not registered: per instance; each token's record
                                                   with the features its model knows, as bytes: about
                                                   42 MB when full (1.3 KB a token, tracemalloc; the
                                                   tagger keeps no ``_token_info``); a 2,000-note paste
                                                   has 18,072 distinct tokens
======================================  =========  ================================================
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NamedTuple, ParamSpec, TypeVar

__all__ = ["BoundedDict", "CacheStats", "bounded_dict", "clear_all", "memo", "stats"]

_P = ParamSpec("_P")
_R = TypeVar("_R")

_LRU: dict[str, Any] = {}
_DICTS: dict[str, BoundedDict] = {}


class CacheStats(NamedTuple):
    """One cache's counters (``hits``/``misses`` are None for a bounded dict)."""

    hits: int | None
    misses: int | None
    maxsize: int | None
    currsize: int


def memo(maxsize: int | None) -> Callable[[Callable[_P, _R]], Callable[_P, _R]]:
    """``functools.lru_cache(maxsize)``, registered under the function's module and name.

    The bound must be given: ``None`` (unbounded) is for functions without
    arguments only, which hold a single value.
    """

    def decorate(function: Callable[_P, _R]) -> Callable[_P, _R]:
        wrapped = functools.lru_cache(maxsize=maxsize)(function)
        _LRU[f"{function.__module__}.{function.__qualname__}"] = wrapped
        return wrapped  # type: ignore[return-value]  # the lru_cache wrapper keeps the signature

    return decorate


class BoundedDict(dict[Any, Any]):
    """A dict that forgets its oldest entry when a new one would pass ``maxsize``: look-ups stay
    plain dict look-ups (the hot path), and the memory it holds has a bound."""

    def __init__(self, maxsize: int) -> None:
        super().__init__()
        self.maxsize = maxsize

    def __setitem__(self, key: Any, value: Any) -> None:
        if key not in self and len(self) >= self.maxsize:
            del self[next(iter(self))]
        super().__setitem__(key, value)


def bounded_dict(name: str, maxsize: int) -> BoundedDict:
    """A new :class:`BoundedDict` cache, registered under ``name`` for :func:`clear_all` and :func:`stats`."""
    cache = _DICTS[name] = BoundedDict(maxsize)
    return cache


def clear_all() -> None:
    """Empty every registered cache."""
    for wrapped in _LRU.values():
        wrapped.cache_clear()
    for cache in _DICTS.values():
        cache.clear()


def stats() -> dict[str, CacheStats]:
    """Every registered cache by name, with its counters and current size."""
    result = {}
    for name, wrapped in sorted(_LRU.items()):
        info = wrapped.cache_info()
        result[name] = CacheStats(info.hits, info.misses, info.maxsize, info.currsize)
    for name, cache in sorted(_DICTS.items()):
        result[name] = CacheStats(None, None, cache.maxsize, len(cache))
    return result
