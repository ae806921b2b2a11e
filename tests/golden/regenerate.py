"""Rewrite the golden files from the current code (a developer tool, never run by the tests).

Run it, then read every changed entry against the scrape before committing:
the golden files are only worth anything if a person checked them (see CHECKED.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))

from golden_cases import CASES, outputs  # noqa: E402


def main() -> None:
    for name in CASES:
        for filename, text in outputs(name).items():
            (HERE / filename).write_text(text, encoding="utf-8")
            print("wrote", filename)


if __name__ == "__main__":
    main()
