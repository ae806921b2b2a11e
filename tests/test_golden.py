"""Golden files: the outputs for hand-checked inputs, compared byte for byte.

The expected files in tests/golden/ were read entry by entry against the scrape
(see tests/golden/CHECKED.md); regenerate them only with golden/regenerate.py and
a fresh reading.
"""

from pathlib import Path

import pytest
from golden_cases import CASES, outputs

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("name", sorted(CASES))
def test_outputs_match_the_checked_golden_files(name):
    produced = outputs(name)
    assert produced, name
    for filename, text in produced.items():
        expected = (GOLDEN / filename).read_text(encoding="utf-8")
        assert text == expected, f"{filename} differs from the checked golden file"
