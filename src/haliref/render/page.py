"""The formatted parts laid out as one output: notes numbered, bibliography entries, an HTML page."""

from __future__ import annotations

from haliref.model import Note


def _mark(printed: str | None) -> str:
    """"12.", "iv."; a page key with the phrase it annotates ends with a colon: "p. 3 ‘at best …’:"."""
    if printed is None:
        return ""
    return f"{printed}:" if " " in printed.removeprefix("p. ") else f"{printed}."


def _wrap_notes(rows: list[tuple[Note, str]], fmt: str) -> str:
    lines = []
    for note, text in rows:
        num = _mark(note.printed)
        if fmt == "html":
            lines.append(f'<div class="csl-entry">{num + " " if num else ""}{text}</div>')
        elif fmt == "md":
            lines.append((num.replace(".", "\\.") + " " if num else "") + text)
        else:
            lines.append((num + " " if num else "") + text)
    if fmt == "html":
        return '<div class="csl-notes">\n' + "\n".join(lines) + "\n</div>"
    return ("\n\n" if fmt == "md" else "\n").join(lines)


def _wrap_bibliography(entries: list[str], fmt: str) -> str:
    if fmt == "html":
        return '<div class="csl-bib-body">\n' + "\n".join(
            f'<div class="csl-entry">{e}</div>' for e in entries) + "\n</div>"
    return ("\n\n" if fmt == "md" else "\n").join(entries)


#: the page's own small stylesheet: a readable column, bibliography entries with a
#: hanging indent (CMOS 17 14.60), notes numbered flush
_PAGE_CSS = """\
body { font-family: Georgia, "Times New Roman", serif; line-height: 1.5; max-width: 42em;
       margin: 2em auto; padding: 0 1em; color: #111; background: #fff; }
h2 { font-size: 1.2em; margin-top: 2em; }
.csl-entry { margin: 0 0 0.5em; }
.csl-bib-body .csl-entry { padding-left: 2em; text-indent: -2em; }
"""


def _html_page(blocks: list[tuple[str, str]], what: str) -> str:
    """A whole HTML page: doctype, charset, the stylesheet, one section per block."""
    title = " and ".join(t for t, _ in blocks) if what == "all" else blocks[0][0]
    body = "\n".join(f"<h2>{t}</h2>\n{b}" if what == "all" else b for t, b in blocks)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{title}</title>\n<style>\n{_PAGE_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
