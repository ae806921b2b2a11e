"""The bridge to citeproc-py: a vendored style loaded once with haliref's element classes, the
items converted to what citeproc-py reads, and ``_Engine``, which renders one style's cites and
bibliography entries as intermediate representation."""

from __future__ import annotations

import warnings
from typing import Any

import citeproc as _citeproc
from citeproc import model as _m
from citeproc.frontend import CitationStylesStyle
from citeproc.source import Citation as _CpCitation
from citeproc.source import CitationItem as _CpCitationItem
from citeproc.source import Locator as _CpLocator
from citeproc.source import VariableError
from citeproc.source.json import CiteProcJSON
from lxml import etree

from haliref.caches import bounded_dict, memo
from haliref.render.elements import _GIVENNAME, _OVERRIDES, _Element
from haliref.render.fixes import _item_fixes
from haliref.render.imprint import _season_date
from haliref.render.markup import _I_OFF, _I_ON, _markup_to_ir
from haliref.render.names import _NAME_VARS, _givenname_table
from haliref.render.positions import _Cite
from haliref.render.styles import _CSL_NS, STYLES, style_path

# citeproc-py 0.11 parses only eleven name variables as names and keeps the others
# (reviewed-author, compiler, guest, ...) as strings, on which cs:name crashes: its
# (shared, module-level) list is completed once with CSL 1.0.2's name variables.
for _var in sorted(_NAME_VARS):
    if _var.replace("-", "_") not in _citeproc.NAMES:
        _citeproc.NAMES.append(_var.replace("-", "_"))


class _MarkerFormatter:
    """A citeproc-py formatter emitting the intermediate representation."""

    @staticmethod
    def preformat(text):
        return text

    @staticmethod
    def Italic(text):
        return _I_ON + str(text) + _I_OFF

    Oblique = Italic

    @staticmethod
    def _plain(text):
        return str(text)

    Bold = Light = Underline = Superscript = Subscript = SmallCaps = _plain


_XPATH_CACHE = bounded_dict("haliref.render.engine._XPATH_CACHE", 1 << 15)


class _CachedXPath(_Element):
    """Memoised XPath look-ups on the (static) style tree: citeproc-py spends most
    of its time re-running the same ancestor and macro queries for every entry.
    The cache holds the element proxies, so lxml keeps returning the same ones."""

    def xpath_search(self, expression):
        key = (self, expression)
        found = _XPATH_CACHE.get(key)
        if found is None:
            found = _XPATH_CACHE[key] = self.xpath(expression, namespaces=self.nsmap)
        return found

    def calls_variable(self):
        key = (self, None)
        found = _XPATH_CACHE.get(key)
        if found is None:
            found = _XPATH_CACHE[key] = super().calls_variable()
        return found


@memo(None)
def _element_classes() -> dict[str, type]:
    classes = {}
    for cls in _m.CitationStylesElement.__subclasses__():
        name = cls.__name__.replace("_", "-").lower()
        base = _OVERRIDES.get(name, cls)
        classes[name] = type("_Cached" + cls.__name__, (_CachedXPath, base), {})
    for name, base in _OVERRIDES.items():
        classes.setdefault(name, type("_Cached" + base.__name__, (_CachedXPath, base), {}))
    return classes


@memo(16)
def _load_style(filename: str) -> CitationStylesStyle:
    """Parse a vendored style once per process (cached), with haliref's element classes."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(_CSL_NS)
    namespace[None] = _m.CitationStylesElement
    namespace.update(_element_classes())
    parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
    parser.set_element_class_lookup(lookup)
    data = style_path(filename).read_bytes()
    style = CitationStylesStyle.__new__(CitationStylesStyle)
    style.parser = parser
    style.xml = etree.ElementTree(etree.fromstring(data, parser))
    style.root = style.xml.getroot()
    style.root.set_locale_list(style.root.get("default-locale", "en-US"), validate=False)
    style.root.formatter = _MarkerFormatter
    return style


def _to_citeproc(item: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in item.items():
        if isinstance(value, str) and key not in ("id", "type", "language"):
            value = _markup_to_ir(value)
        elif isinstance(value, dict):
            value = _season_date(value)
        out[key] = value
    return out


class _Engine:
    """One style, one set of works: renders cites and bibliography entries as IR."""

    def __init__(self, style_name: str, ibid: bool, items: list[dict[str, Any]]):
        self.style_name = style_name
        self.style = _load_style(STYLES[style_name][1 if ibid else 0])
        self.items = {it["id"]: it for it in items}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.source = CiteProcJSON([_to_citeproc(it) for it in items])
        self.root = self.style.root
        self.root.formatter = _MarkerFormatter
        self.keys = [str(it["id"]).lower() for it in items]
        self.by_key = {str(it["id"]).lower(): it for it in items}
        self.author_date = style_name == "author-date"
        rule = self.root.citation.get("givenname-disambiguation-rule", "by-cite")
        self.givenname = _givenname_table(items) if rule.startswith("primary-name") else {}

    # -- citations
    def _citation(self, cites: list[_CpCitationItem]) -> list[str | None]:
        citation = _CpCitation(cites)
        citation.bibliography = self   # CitationItem.reference reads .source/.keys
        layout = self.root.citation.layout
        return layout.render_citation(citation, None)

    @property
    def formatter(self):
        return _MarkerFormatter

    def cite(self, cite: _Cite) -> str:
        kwargs = {}
        if cite.locator is not None:
            kwargs["locator"] = _CpLocator(cite.locator[0], cite.locator[1])
        item = _CpCitationItem(cite.work, **kwargs)
        item["haliref_position"] = cite.position
        item["haliref_near"] = cite.near
        named = _GIVENNAME.set(dict(self.givenname))
        try:
            (text,) = self._citation([item])
        finally:
            _GIVENNAME.reset(named)
        out = str(text or "")
        item_data = self.by_key.get(str(cite.work).lower())
        return _item_fixes(item_data, out, False, self.author_date) if item_data and out else out

    # -- bibliography
    def entry(self, key: str) -> str | None:
        item = _CpCitationItem(key)
        _CpCitation([item]).bibliography = self
        layout = self.root.bibliography.layout
        layout.repressed = {}
        text = layout.render_children(item)
        if text is None:
            return None
        return _item_fixes(self.by_key[key], str(layout.format(layout.wrap(text))), True, self.author_date)

    def names_part(self, key: str) -> str:
        """The rendered leading names of a bibliography entry (for the 3-em dash)."""
        item = _CpCitationItem(key)
        _CpCitation([item]).bibliography = self
        layout = self.root.bibliography.layout
        layout.repressed = {}
        for macro in ("author-bib", "contributors-bib", "author"):
            try:
                element = self.root.get_macro(macro)
            except IndexError:
                continue
            try:
                text = element.render(item, context=layout)
            except VariableError:
                text = None
            return str(text or "")
        return ""
