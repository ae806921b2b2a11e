"""The intermediate representation every rendering goes through: CSL-JSON rich text in, plain
text with private-use markers for italics through citeproc-py, and ``_finish`` out to text, HTML or
Markdown (the only escaping point). The punctuation fixes (defects 2 and 7) are made here, once."""

from __future__ import annotations

import html as _html
import re

from haliref.render.styles import FORMATS

# private-use markers of the intermediate representation
_I_ON, _I_OFF = "\ue000", "\ue001"          # italics
_NC_ON, _NC_OFF = '<span class="nocase">', "</span>"
_MARKERS = _I_ON + _I_OFF


def _markup_free(s: str) -> str:
    return re.sub(r"<[^>]+>", "", s)


def _smart_quotes(s: str) -> str:
    """Straight quotes -> typographic (as citeproc-js does)."""
    if "'" not in s and '"' not in s:
        return s
    s = re.sub(r"(?<=\w)'|'(?=\d0s)", "\u2019", s)          # it's, D'Holbach, '60s
    s = re.sub(r"'(?=\w)", "\u2018", s)
    s = s.replace("'", "\u2019")
    s = re.sub(r'(^|[\s(\[\u2014\u2013/-])"', "\\1\u201c", s)
    return s.replace('"', "\u201d")


def _markup_to_ir(s: str) -> str:
    """Rich-text in CSL-JSON fields (<i>, <b>, <sup>, nocase spans) -> citeproc input.

    Italic spans become markers *and* nocase: a title inside a title keeps its
    own capitalisation (CMOS 17 8.171).
    """
    if "<" not in s:
        return s
    s = re.sub(r"<i>(.*?)</i>", lambda m: _NC_ON + _I_ON + m.group(1) + _I_OFF + _NC_OFF, s, flags=re.S | re.I)
    s = re.sub(r"</?(?:b|sup|sub)>", "", s, flags=re.I)
    return s


_PUNCT_IN_QUOTE_RE = re.compile(r"((?:\u201d|\ue011)[" + _MARKERS + r"\u201d\ue011]*)([.,])")


def _flip_quotes(s: str) -> str:
    """Nested double quotes become single (CMOS 6.9); inner closers are marked \\ue011."""
    out, depth = [], 0
    for ch in s:
        if ch == "\u201c":
            out.append("\u201c" if depth % 2 == 0 else "\u2018")
            depth += 1
        elif ch == "\u201d" and depth > 0:
            depth -= 1
            out.append("\u201d" if depth % 2 == 0 else "\ue011")
        else:
            out.append(ch)
    return "".join(out)


def _fix_punctuation(s: str) -> str:
    s = _flip_quotes(s)
    # periods and commas go inside closing quotes (defect 2)
    s = _PUNCT_IN_QUOTE_RE.sub(lambda m: m.group(2) + m.group(1), s)
    s = s.replace("\ue011", "\u2019")
    # "?." / "!." / ".." -> keep the first mark (defect 7); ".," after an abbreviation stays
    s = re.sub(r"([?!])([" + _MARKERS + r"\u201d\u2019]*)\.", r"\1\2", s)
    s = re.sub(r"(?<!\.)\.([" + _MARKERS + r"\u201d\u2019]*)\.(?!\.)", r".\1", s)
    s = re.sub(r" {2,}", " ", s)
    return s


def _italic_spans(s: str, on: str, off: str, roman_on: str, roman_off: str) -> str:
    """Markers -> markup, flip-flopping nested italics to roman."""
    out, depth = [], 0
    for ch in s:
        if ch == _I_ON:
            out.append(on if depth % 2 == 0 else roman_on)
            depth += 1
        elif ch == _I_OFF:
            depth = max(depth - 1, 0)
            out.append(off if depth % 2 == 0 else roman_off)
        else:
            out.append(ch)
    return "".join(out)


def _markdown_runs(s: str) -> str:
    """Markers -> *emphasis*, nested italics as roman, spaces kept outside the stars."""
    runs: list[list] = []
    depth = 0
    for ch in s:
        if ch == _I_ON:
            depth += 1
        elif ch == _I_OFF:
            depth = max(depth - 1, 0)
        else:
            italic = depth % 2 == 1
            if runs and runs[-1][1] == italic:
                runs[-1][0] += ch
            else:
                runs.append([ch, italic])
    out = []
    for text, italic in runs:
        core = text.strip()
        if italic and core:
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            out.append(f"{lead}*{core}*{trail}")
        else:
            out.append(text)
    return "".join(out)


_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]<>#|])")


def _finish(ir: str, fmt: str) -> str:
    """Intermediate representation -> the output format (the only escaping point)."""
    s = _fix_punctuation(ir)
    if fmt == "text":
        return s.replace(_I_ON, "").replace(_I_OFF, "")
    if fmt == "html":
        s = _html.escape(s, quote=False)
        s = _italic_spans(s, "<i>", "</i>", '<span style="font-style:normal;">', "</span>")
        return s.replace("<i></i>", "")
    if fmt == "md":
        s = _MD_SPECIAL_RE.sub(r"\\\1", s)
        return _markdown_runs(s)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
