"""Headless Debian Chromium for the browser tests (the report page, the web page), or a clean skip."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest

# what the machine's closed network needs: no background connections, no component updates
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def start_chromium(window: str, downloads: Path | None = None) -> tuple[Any, str]:
    """(a Selenium driver, its fresh profile folder); skips the test with a one-line reason if it cannot."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install selenium) — browser test skipped")
    binary = os.environ.get("HALIREF_CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
    )
    driver_path = os.environ.get("HALIREF_CHROMEDRIVER") or shutil.which("chromedriver")
    if not binary or not driver_path:
        pytest.skip("no chromium/chromedriver (apt-get install chromium chromium-driver) — browser test skipped")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*CHROMIUM_FLAGS, f"--window-size={window}"):
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="haliref-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    if downloads is not None:
        options.add_experimental_option(
            "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
        )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    try:
        driver = webdriver.Chrome(service=Service(driver_path), options=options)
    except Exception as error:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"chromium could not be started: {str(error).splitlines()[0]}")
    return driver, profile
