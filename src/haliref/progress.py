"""How far a long run has got, for whoever asks (the page's progress bar): a no-op unless someone listens.

The pipeline says where it is (:func:`report`: a stage, how many done of how
many); the field labeller ticks once for each text it labels (:func:`tick`), which
is how the page reader's work on a page's lines is counted without the reader
knowing of it. A listener is installed for one run with :func:`reporting`; it is
context-local, so runs in other threads are not heard, and with no listener
each call costs one context-variable look-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

__all__ = ["bound", "counting", "report", "reporting", "tick"]

Listener = Callable[[str, int, int], None]


@dataclass
class _Run:
    listener: Listener
    counted: str = ""  # the stage tick() counts, if any
    done: int = 0
    total: int = 0


_RUN: ContextVar[_Run | None] = ContextVar("haliref_progress", default=None)


@contextmanager
def reporting(listener: Listener) -> Iterator[None]:
    """Call ``listener(stage, done, total)`` as this context's runs progress."""
    token = _RUN.set(_Run(listener))
    try:
        yield
    finally:
        _RUN.reset(token)


def report(stage: str, done: int, total: int) -> None:
    """The run is at ``done`` of ``total`` in ``stage``."""
    run = _RUN.get()
    if run is not None:
        run.listener(stage, done, total)


@contextmanager
def counting(stage: str, total: int) -> Iterator[None]:
    """A stage counted by :func:`tick` (at most ``total``)."""
    run = _RUN.get()
    if run is None:
        yield
        return
    run.counted, run.done, run.total = stage, 0, total
    report(stage, 0, total)
    try:
        yield
    finally:
        run.counted = ""
        report(stage, total, total)


def tick() -> None:
    """One more unit of the counted stage done (nothing outside one)."""
    run = _RUN.get()
    if run is not None and run.counted and run.done < run.total:
        run.done += 1
        run.listener(run.counted, run.done, run.total)


def _nobody(stage: str, done: int, total: int) -> None:
    return None


def bound() -> Listener:
    """:func:`report` as this context sees it, for work handed to other threads (a pool's workers)."""
    run = _RUN.get()
    return run.listener if run is not None else _nobody
