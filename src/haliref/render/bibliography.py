"""The bibliography assembler: entries in order, repeated names as the 3-em dash (CMOS 17 14.67)."""

from __future__ import annotations

import re
from typing import Any

from haliref.render.engine import _Engine
from haliref.render.order import _contributor_key, _sort_key

_ROLE_LABEL_RE = re.compile(r", (?:eds?|trans|comps?|ed\. and trans)\.$")


def _bibliography_ir(engine: _Engine, prepared: list[dict[str, Any]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    prev_key: tuple = ()
    by_date = engine.style_name == "author-date"
    for item in sorted(prepared, key=lambda it: _sort_key(it, by_date)):
        key = str(item["id"]).lower()
        text = engine.entry(key)
        if not text:
            continue
        contributors = _contributor_key(item)[1:]     # the names, whatever their role
        if contributors and contributors == prev_key:
            # "Carr, E. H., ed." then "Carr, E. H.": the dash stands for the names only (CMOS 17 14.67)
            names = _ROLE_LABEL_RE.sub("", engine.names_part(key))
            if names and text.startswith(names):
                # CMOS 17 14.67: the 3-em dash replaces repeated names
                rest = text[len(names):]
                if names.endswith(".") and rest.startswith(" "):
                    rest = "." + rest  # "Carr, E. H. A History" shared one period
                text = "\u2014\u2014\u2014" + rest
        prev_key = contributors
        out.append((str(item["id"]), text))
    return out
