"""Hypothesis profiles for the property suite (tests/test_properties.py).

* ``default`` (CI): few examples, no deadline (the first parse loads the tagger
  model), so the whole property suite stays well under a minute on two cores.
* ``long``: 10,000 examples per property, for a one-off soak run:
  ``pytest tests/test_properties.py --hypothesis-profile=long``.
"""

from __future__ import annotations

try:
    from hypothesis import HealthCheck, settings
except ImportError:  # hypothesis is in the "test" extra; without it the property tests skip
    pass
else:
    _COMMON = {
        "deadline": None,
        "derandomize": False,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
        "print_blob": True,
    }
    settings.register_profile("default", max_examples=40, **_COMMON)
    settings.register_profile("long", max_examples=10_000, **_COMMON)
    settings.load_profile("default")
