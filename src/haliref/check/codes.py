"""Flag codes: their severities, titles, legends and message templates (``data/flags.tsv``), made into flags."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from haliref import resources
from haliref.caches import memo
from haliref.model import Flag

__all__ = ["FlagSpec", "describe", "flag_spec", "flag_specs", "flag_title", "message", "new_flag", "plain_field",
           "severity"]


@dataclass(frozen=True)
class FlagSpec:
    """One row of ``data/flags.tsv``."""

    code: str
    severity: str
    message: str
    #: what the text and HTML reports call the flag (the code stays in JSON)
    title: str = ""
    #: what the flag means, in plain words without placeholders (the HTML report's table of flags)
    legend: str = ""


@memo(None)
def flag_specs() -> dict[str, FlagSpec]:
    """code -> spec, in file order."""
    text = resources.read_text("flags.tsv")
    out: dict[str, FlagSpec] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) not in (3, 5) or cells[1] not in ("error", "warning", "info"):
            raise ValueError(f"data/flags.tsv: expected code, severity, message, title, legend in {line!r}")
        out[cells[0]] = FlagSpec(*cells)
    return out


def flag_spec(code: str) -> FlagSpec:
    """The spec of a code; an unknown code (a stage added one without data) is a warning."""
    return flag_specs().get(code) or FlagSpec(code, "warning", code.replace("-", " "))


def describe(code: str) -> str:
    """What the code means, for a legend: its plain-words legend (no placeholders); a code
    without one gives its message with the placeholders left out."""
    spec = flag_spec(code)
    return spec.legend or message(code)


def flag_title(code: str) -> str:
    """The flag's name in plain words (the code itself when ``data/flags.tsv`` gives none)."""
    return flag_spec(code).title or code


def severity(code: str) -> str:
    return flag_spec(code).severity


@memo(None)
def _field_names() -> dict[str, str]:
    rows = (line.split("\t") for line in resources.read_text("field_names.tsv").splitlines())
    return {row[0].strip(): row[1].strip() for row in rows if len(row) == 2 and not row[0].startswith("#")}


def plain_field(key: str) -> str:
    """A field's name in plain words ("publisher-place" -> "place of publication"), from
    ``data/field_names.tsv``; an unknown field keeps its name."""
    return _field_names().get(key, key)


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def message(code: str, **values: Any) -> str:
    text = flag_spec(code).message.format_map(_Blank({k: str(v) for k, v in values.items()}))
    return re.sub(r"\s*(?:\(\)|: $)", "", text).strip()


def new_flag(code: str, field_name: str, evidence: str = "", **values: Any) -> Flag:
    values.setdefault("field", field_name)
    return Flag(code=code, field=field_name, reason=message(code, **values), evidence=evidence)
