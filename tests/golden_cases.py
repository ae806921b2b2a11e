"""The inputs that have golden files, and how each output is produced from them."""

from __future__ import annotations

import json
from pathlib import Path

from haliref import parse_text, to_bibtex, to_csl_json, to_ris
from haliref.render.chicago import render_golden
from haliref.report import report_text

ROOT = Path(__file__).parent.parent
TODAY_YEAR = 2026  # fixed, so the golden files do not age
CASES = {
    "halliday": ROOT / "seeds" / "halliday-1999-export-of-revolution.txt",
    "springer-new-layout": Path(__file__).parent / "data" / "springer-new-layout.txt",
    "cambridge-style-notes": Path(__file__).parent / "data" / "cambridge-style-notes.txt",
}


def outputs(name: str) -> dict[str, str]:
    document = parse_text(CASES[name].read_text(encoding="utf-8"), today_year=TODAY_YEAR)
    locators = document.cited_locators()
    files = {
        f"{name}.json": json.dumps(document.to_dict(), ensure_ascii=False, indent=2) + "\n",
        f"{name}.bib": to_bibtex(document.works, locators=locators),
        f"{name}.csl.json": to_csl_json(document.works),
        f"{name}.ris": to_ris(document.works, locators=locators),
    }
    files[f"{name}.check.txt"] = report_text(document, color=False, width=120)
    if name == "halliday":
        files.update({f"{name}.render.{key}": text for key, text in render_golden(document).items()})
    return files
