"""CSL-JSON out: the hub format every work already carries, written with sorted keys and no nulls."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from haliref.export.fields import batched, works_and_locators
from haliref.model import Document, Work, csl_fields
from haliref.normalize.titles import with_short_title

__all__ = ["csl_json_chunks", "to_csl_json"]


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _sorted(value[k]) for k in sorted(value) if value[k] is not None}
    if isinstance(value, (list, tuple)):
        return [_sorted(v) for v in value]
    return value


def to_csl_json(works: Document | Sequence[Work]) -> str:
    """The works as a CSL-JSON array: ``"id"`` (the work id) first, then the item's keys sorted.

    Nested objects have sorted keys too and ``None`` values are dropped (CSL-JSON has
    no null).  UTF-8 text is kept (``ensure_ascii=False``), indent 2, trailing newline.
    """
    return "".join(csl_json_chunks(works_and_locators(works, None)[0]))


def csl_json_chunks(works: Iterable[Work]) -> Iterator[str]:
    """:func:`to_csl_json` a few hundred works at a time: for more works than memory holds."""
    opened = False
    for chunk in batched(works):
        items = []
        for work in chunk:
            body = _sorted({k: v for k, v in with_short_title(csl_fields(work.csl)).items() if k != "id"})
            # an item's own lines, indented one level as inside the array (json escapes line breaks)
            items.append("  " + json.dumps({"id": work.id, **body}, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        yield ("," if opened else "[") + "\n" + ",\n".join(items)
        opened = True
    yield "\n]\n" if opened else "[]\n"
