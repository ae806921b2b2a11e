"""Where the tests find the project's files, wherever in tests/ a test module sits."""

from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent
ROOT_DIR = TESTS_DIR.parent
