"""Render a Document in Chicago style (CMOS 17): notes, short notes, ibid., bibliography.

The renderer is citeproc-py driven by vendored copies of the CSL project's
17th-edition Chicago styles (``data/styles``; provenance and edits in
``styles/README.md`` at the repository root).  citeproc-py 0.11 gets CMOS 17
wrong in a number of places; each known defect is fixed here, in the cleanest
place for it:

1. given names shortened to initials
       -> ``_Name``: ``initialize="false"`` honoured (citeproc-py ignores it and
          applied the root ``initialize-with``); typed initials spaced ("E. H.").
          The vendored styles are unedited.
2. periods and commas left outside closing quotes
       -> post-processing (``_move_punct_into_quotes``): the en-US locale says
          ``punctuation-in-quote``, citeproc-py never applies it.
3. an anonymous work's title printed twice
       -> ``_Substitute``/``_Text``/``_Number``/``_Date``/``_Names``: the variables
          a ``cs:substitute`` rendered are recorded and suppressed in the rest of
          the entry and later in the substitution itself, with their labels (an
          unsigned dictionary entry names the dictionary and edition once, 14.232).
4. short notes polluted with "ed. X", "trans. X", "2nd ed.", "edition"
       -> ``_If``: ``disambiguate="true"`` tests false (haliref never needs
          disambiguation), citeproc-py rendered those branches unconditionally.
5. edited volumes rendered "E. Hobsbawm, T. Ranger. Title. Edited by ..."
       -> ``_Names``: a bare ``cs:names`` anywhere inside ``cs:substitute``
          inherits the parent's ``cs:name``/``cs:label`` (CSL spec), and a
          substituted name variable is not rendered again ("Edited by").
6. page ranges and locators not abbreviated per CMOS 17 9.61
       -> ``_FormatNumber._format_last_page`` implements CMOS 16/17 (no more
          CMOS 15 four-digit rule; "45-6" is expanded to 45-46 first);
          locators go through the same rule (``_format_ranges``).
7. "?." after a title ending in "?"; nested double quotes not flipped; HTML
   specials not escaped
       -> post-processing: duplicate/terminal punctuation is collapsed, quotes
          are flip-flopped, and escaping happens in exactly one place (the
          final formatter; citeproc-py itself runs on an unescaped marker
          format).
8. "ibid., 12." lower-case at note start; a second cite in one note reordered
       -> positions (first/subsequent/ibid/ibid-with-locator/near-note) are
          computed here from the document's notes (``_positions``) and
          handed to ``_If``; ``_Layout`` keeps the cites of a note in the
          author's order; "ibid." opening a note is capitalised.
9. non-English titles title-cased
       -> data preparation: ``language`` is guessed when missing
          (``normalize.language``: the title's function words, endings and
          letters, lingua when they are not enough); headline style only for
          a title given as English or confidently English, never for an
          undecided one; the English ``original-title`` of a foreign
          item is title-cased here (citeproc-py skips all title-casing when
          the item is not English); ``<i>`` spans keep their own case.
10. bibliography sort
       -> sorted here (``_sort_key``): an initial article (A, An, The; Le, La,
          Les, L' in French; Der, Die, Das in German) is ignored, accents are
          folded; repeated authors get the 3-em dash (CMOS 17 14.67), as the
          style's ``subsequent-author-substitute`` asks (citeproc-py ignores it).
11. author-date (CMOS 17 15.17-15.21, 15.29)
       -> one author's works by date (``_sort_key``), 1974a/1974b by title;
          ``givenname-disambiguation-rule="primary-name"`` (``_Name``,
          ``_givenname_table``); one author's works in one citation run
          together (``_notes_ir``).
12. issue 16 items 5-6
       -> ``_Label``: no label for an empty variable (stray "Edition"), "3 vols."
          (14.116); ``_Names``: an unsigned part's editors never in the author
          slot (14.107, ``_unsigned_part``); the 3-em dash for the names whatever
          their role (14.67); ``_item_fixes``: "repr." (14.114), a newspaper's
          section after its date (14.191); ``_real_name_of_pseudonym`` and
          ``_Name``: "Twain, Mark [Samuel Langhorne Clemens]" (14.81); a note
          opens with a capital, "Van Dam" (8.5).
13. issue 16, the held-out set
       -> ``_season_date``: a season given by name or as CSL month 13-16/21-24 becomes
          the number citeproc-py renders ("Winter 1959", 14.171); ``_Text``/``_Label``:
          a cite renders its locator once; ``_item_fixes``: "s.v." kept in a later note
          of an unsigned dictionary entry with a locator (14.232), an online one's
          too, its work named first (14.233), none in a signed entry's (14.234);
          ``prepare_item``: a title in another language opens title and subtitle with a
          capital (8.158, 11.27).

Everything citeproc-py produces goes through one intermediate representation:
plain text with private-use markers for italics, which ``_finish`` turns into
plain text, HTML or Markdown.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import citeproc as _citeproc
from citeproc import model as _m
from citeproc.frontend import CitationStylesStyle
from citeproc.source import Citation as _CpCitation
from citeproc.source import CitationItem as _CpCitationItem
from citeproc.source import Locator as _CpLocator
from citeproc.source import VariableError
from citeproc.source.json import CiteProcJSON
from lxml import etree

from haliref import resources as _data
from haliref.caches import bounded_dict, memo
from haliref.model import Document, Note, Work
from haliref.normalize.language import detect_language, title_language
from haliref.normalize.titles import headline_case, sentence_starts, short_title

__all__ = [
    "FORMATS", "STYLES", "WHATS", "Rendered", "prepare_item", "render", "render_entries", "render_golden",
    "render_items", "style_path",
]

# ---------------------------------------------------------------------------
# styles

#: style name -> (CSL file without ibid, CSL file with ibid)
STYLES: dict[str, tuple[str, str]] = {
    "notes-bibliography": (
        "chicago-notes-bibliography-17th-edition.csl",
        "chicago-notes-bibliography-subsequent-ibid-17th-edition.csl",
    ),
    "shortened-notes-bibliography": (
        "chicago-shortened-notes-bibliography-17th-edition.csl",
        "chicago-shortened-notes-bibliography-subsequent-ibid-17th-edition.csl",
    ),
    "author-date": (
        "chicago-author-date-17th-edition.csl",
        "chicago-author-date-17th-edition.csl",
    ),
}
_STYLE_ALIASES = {
    "notes": "notes-bibliography",
    "note": "notes-bibliography",
    "shortened-notes": "shortened-notes-bibliography",
    "shortened": "shortened-notes-bibliography",
}
FORMATS = ("text", "html", "md")
WHATS = ("all", "notes", "bibliography")

_CSL_NS = "http://purl.org/net/xbiblio/csl"

# private-use markers of the intermediate representation
_I_ON, _I_OFF = "\ue000", "\ue001"          # italics
_NC_ON, _NC_OFF = '<span class="nocase">', "</span>"
_MARKERS = _I_ON + _I_OFF


def _canonical_style(style: str) -> str:
    style = _STYLE_ALIASES.get(style, style)
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; choose one of {', '.join(STYLES)}")
    return style


def style_path(filename: str):
    """The runtime copy of a vendored CSL file (a Traversable inside the package)."""
    return resources.files("haliref").joinpath("data", "styles", filename)


# ---------------------------------------------------------------------------
# citeproc-py extensions (each documented in the module docstring)

#: the variables rendered inside each active cs:substitute, innermost last; a context variable, so
#: that renderings in two threads (the page's downloads) do not share it
_RECORDING: ContextVar[tuple[list[str], ...]] = ContextVar("haliref_substituted", default=())


def _base_var(variable: str) -> str:
    return variable[:-6] if variable.endswith("-short") else variable


def _suppressed(context) -> set[str]:
    try:
        return context.get_layout().repressed.setdefault("_haliref", set())
    except (AttributeError, IndexError):
        return set()


def _skipped(context) -> set[str]:
    """Numbers left out because a substitution rendered them: their labels go too."""
    try:
        return context.get_layout().repressed.setdefault("_haliref_skipped", set())
    except (AttributeError, IndexError):
        return set()


if TYPE_CHECKING:
    # The mixins below are only ever combined with citeproc-py's element classes
    # (untyped, so Any to mypy); at run time they derive from object alone.
    _Element = Any
else:
    _Element = object


class _FormatNumberMixin(_Element):
    """CMOS 16/17 9.61 page ranges (defect 6)."""

    def _format_last_page(self, first, last):
        range_format = self.get_root().get_option("page-range-format")
        return _abbreviate_last(str(first), str(last), range_format)


class _Text(_FormatNumberMixin, _m.Text):
    def case(self, text, language=None):
        # titles arrive in headline style from ``prepare_item`` (CMOS 17 8.159-8.161);
        # citeproc-py's title case would capitalise "without" and miss "Self-Determination"
        if self.get("text-case") == "title" and self.get("variable") in _HEADLINE_VARS:
            return text
        return super().case(text, language)

    def _variable(self, item, context):
        variable = self.get("variable")
        if _already_rendered(variable, context):
            return None
        if variable == "locator":
            if _LOCATOR_DONE in _suppressed(context):
                return None     # the cited place once per cite (an archived interview's "12")
            text = _format_ranges(str(item.locator.identifier))
            _suppressed(context).add(_LOCATOR_DONE)
        else:
            text = super()._variable(item, context)
        _record(variable, text)
        return text


#: recorded among a cite's suppressed variables once its locator is rendered
_LOCATOR_DONE = "\0locator"


def _already_rendered(variable: str, context) -> bool:
    """A variable a substitution rendered is not rendered again, in the rest of the cite nor
    later in the same substitution (CSL 1.0.2 "Substitution"; defect 3)."""
    base = _base_var(variable)
    return base in _suppressed(context) or any(base in level for level in _RECORDING.get())


def _record(variable: str, text: Any) -> None:
    recording = _RECORDING.get()
    if text and recording and variable != "locator":
        recording[-1].append(_base_var(variable))


class _Number(_FormatNumberMixin, _m.Number):
    """cs:number: suppressed and recorded like cs:text (the edition of an unsigned dictionary
    entry printed once, CMOS 17 14.232)."""

    def process(self, item, context=None, **kwargs):
        variable = self.get("variable")
        skipped = _skipped(context if context is not None else self)
        if _already_rendered(variable, context if context is not None else self):
            skipped.add(variable)
            return None
        skipped.discard(variable)
        text = super().process(item, context=context, **kwargs)
        _record(variable, text)
        return text


class _Date(_m.Date):
    """cs:date in a style (not a locale's): suppressed and recorded like cs:text."""

    def process(self, item, variable=None, show_parts=None, context=None, **kwargs):
        if variable is not None:        # a locale's date form, called by the style's date
            return super().process(item, variable, show_parts, context, **kwargs)
        name = self.get("variable")
        if _already_rendered(name, context if context is not None else self):
            return None
        text = super().process(item, variable, show_parts, context, **kwargs)
        _record(name, text)
        return text


class _Names(_m.Names):
    """cs:names with substitution done right (defects 3 and 5).

    A bare ``cs:names`` anywhere inside ``cs:substitute`` (even nested in
    ``cs:choose``) inherits the parent's ``cs:name`` and ``cs:label``; a name
    variable already rendered by a substitution is not rendered again.
    (Body adapted from citeproc-py 0.11 ``Names.process``, BSD licence.)
    """

    def process(self, item, names_context=None, context=None, **kwargs):
        if context is None:
            context = self
        if names_context is None and self.name is None:
            parents = self.xpath_search("./ancestor::cs:substitute[1]/parent::cs:names")
            if parents:
                names_context = parents[0]
        if names_context is None:
            names_context = self
        done = _suppressed(context)
        roles = [r for r in self.get("variable").split() if r not in done]
        if _unsigned_part(item.reference) and self.xpath_search("./ancestor::cs:substitute"):
            # CMOS 17 14.107: an unsigned part goes under its title; the book's editors stay
            # in "edited by", never in the author slot
            roles = [r for r in roles if r not in _CONTAINER_ROLES]
        try:
            ed_trans = (set(roles) == {"editor", "translator"}
                        and item.reference.editor == item.reference.translator
                        and self.get_term("editortranslator").getchildren())
            if ed_trans:
                roles = ["editor"]
        except VariableError:
            ed_trans = False
        output, rendered = [], []
        for role in roles:
            key = role.replace("-", "_")
            if key not in item.reference:
                continue
            name_elem = names_context.name
            if name_elem is None:
                name_elem = _m.Name()
                names_context.insert(0, name_elem)
            text = name_elem.render(item, key, context=context, **kwargs)
            plural = len(item.reference[key]) > 1
            label_element = names_context.label
            if label_element is not None:
                label = label_element.render(item, "editortranslator" if ed_trans else role, plural, **kwargs)
                if label is not None:
                    text = label + text if label_element is names_context.getchildren()[0] else text + label
            output.append(text)
            rendered.append(role)
        if output:
            if all(isinstance(o, int) for o in output):      # form="count"
                total = sum(output)
                text = str(total) if total > 0 else None
            else:
                text = self.join(output, self.get_parent_delimiter(context))
            recording = _RECORDING.get()
            if text and recording:
                recording[-1].extend(rendered)
            return text
        substitute = self.substitute()
        if substitute is not None:
            return substitute.render(item, context=context, **kwargs)
        raise VariableError


_INITIAL_RE = re.compile(r"^(?:[A-Z\u00c0-\u00de]\.?)+$")


def _space_initials(given: str, mark: str) -> str:
    """CSL ``initialize="false"``: given names kept, typed initials punctuated and spaced
    ("E.H." -> "E. H.", "James T" -> "James T."; CMOS 17 10.12)."""
    out = []
    for token in given.split():
        if _INITIAL_RE.match(token) and any(c.isalpha() for c in token):
            out.append(mark.join(c for c in token if c != ".") + mark.rstrip())
        else:
            out.append(token)
    return " ".join(out)


#: family names that need given names in short citations, and how (set by ``_Engine.cite`` for one cite)
_GIVENNAME: ContextVar[Mapping[str, str] | None] = ContextVar("haliref_givenname", default=None)


class _Name(_m.Name):
    """cs:name with ``initialize="false"`` honoured (citeproc-py initialises anyway) and
    givenname disambiguation of short names (CMOS 17 15.21: "F. Halliday 1990",
    "J. Halliday 1993")."""

    def initialize(self, given, mark, context):
        if self.get("initialize") == "false":
            return _space_initials(given, mark)
        return super().initialize(given, mark, context)

    def process(self, item, variable, context=None, sort_options=None, **kwargs):
        text = super().process(item, variable, context=context, sort_options=sort_options, **kwargs)
        if isinstance(text, str) and sort_options is None:
            for name in item.reference.get(variable, []):
                suffix = name.get("suffix")
                if suffix and str(suffix).startswith("["):
                    # a real name in brackets follows the pseudonym, no comma (CMOS 17 14.81)
                    text = text.replace(", " + str(suffix), " " + str(suffix))
        givenname = _GIVENNAME.get()
        if not givenname or not isinstance(text, str) or sort_options is not None:
            return text
        if self.get_option("form", context) != "short":
            return text
        names = item.reference.get(variable, [])
        if not names or "literal" in names[0]:
            return text
        given, family, _dp, ndp, _suffix = names[0].parts()
        family = " ".join(n for n in (ndp, family) if n)
        how = givenname.get(family)
        if not given or how is None or not text.startswith(family):
            return text
        if how == "initials":
            mark = self.get_option("initialize-with", context) or ". "
            given = _m.Name.initialize(self, given, mark, context).strip()
        return given + " " + text


class _Label(_m.Label):
    """cs:label as CSL 1.0.2 has it: nothing for an empty or suppressed variable (no stray
    "Edition" in a newspaper entry, no second "ed." in a dictionary entry), and
    ``number-of-volumes`` labelled with the term "volume", plural above one ("3 vols.",
    CMOS 17 14.116)."""

    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        if variable is None and self.get("variable") == "locator" and _LOCATOR_DONE in _suppressed(
                context if context is not None else self):
            return None         # no label for a locator rendered already
        if variable is None:
            name = self.get("variable")
            if name and name != "locator":
                try:
                    value = item.reference[name.replace("-", "_")]
                except VariableError:
                    return None
                if name in _skipped(context if context is not None else self):
                    return None     # its number was suppressed: no label of a missing number
                if name == "number-of-volumes":
                    many = not str(value).strip().isdigit() or int(str(value).strip()) > 1
                    form = self.get("form", "long")
                    getter = self.get_plural_term if many else self.get_single_term
                    return getter(name="volume", form=form if form != "long" else None)
        return super().process(item, variable=variable, plural=plural, context=context, **kwargs)


_PART_TYPES = frozenset({"chapter", "paper-conference"})  # reference entries: the style (CMOS 14.130)
_CONTAINER_ROLES = frozenset({"editor", "translator", "editor-translator", "collection-editor", "compiler",
                              "editorial-director"})


def _unsigned_part(ref: Any) -> bool:
    """A chapter (or paper, entry) in a titled book with no author of its own (CMOS 17 14.107).

    ``ref`` is a CSL-JSON dict or a citeproc-py Reference (whose keys use underscores).
    """
    def has(key: str) -> bool:
        return bool(ref.get(key) or ref.get(key.replace("-", "_")))
    return ref.get("type") in _PART_TYPES and not has("author") and has("container-title")


class _Substitute(_m.Substitute):
    def render(self, item, context=None, **kwargs):
        for child in self.getchildren():
            outer = _RECORDING.get()
            started = _RECORDING.set((*outer, []))
            try:
                if isinstance(child, _m.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                text = None
            finally:
                rendered = _RECORDING.get()[-1]
                _RECORDING.reset(started)
            if text:
                # the substituted variables are not rendered again (defect 3)
                _suppressed(context if context is not None else self).update(rendered)
                if outer:
                    outer[-1].extend(rendered)
                return text
        return None


class _If(_m.If):
    def render(self, item, context=None, delimiter="", **kwargs):
        results = []
        if "type" in self.attrib:
            results += self._type(item)
        if "variable" in self.attrib:
            results += self._variable(item)
        if "is-numeric" in self.attrib:
            results += self._is_numeric(item)
        if "is-uncertain-date" in self.attrib:
            results += self._is_uncertain_date(item)
        if "locator" in self.attrib:
            results += self._locator(item)
        if "position" in self.attrib:
            results += self._position(item, context)
        if "disambiguate" in self.attrib:
            # haliref never needs disambiguation: the test is false (defect 4);
            # citeproc-py ignored it and rendered the branch unconditionally
            results.append(False)
        match = self.get("match")
        if match == "any":
            ok = any(results)
        elif match == "none":
            ok = not any(results)
        else:
            ok = all(results)
        if not ok:
            raise _m.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def _position(self, item, context):
        if context is None:
            context = self
        if context.xpath_search("./ancestor::*[self::cs:bibliography]"):
            return [False]
        pos = item.get("haliref_position", "first") if isinstance(item, dict) else "first"
        near = item.get("haliref_near", False) if isinstance(item, dict) else False
        out = []
        for test in self.get("position").split():
            if test == "first":
                out.append(pos == "first")
            elif test == "subsequent":
                out.append(pos != "first")
            elif test == "ibid":
                out.append(pos in ("ibid", "ibid-with-locator"))
            elif test == "ibid-with-locator":
                out.append(pos == "ibid-with-locator")
            elif test == "near-note":
                out.append(pos != "first" and near)
            else:
                out.append(False)
        return out


class _Else_If(_If):
    pass


class _Layout(_m.Layout):
    def render_citation(self, citation, callback):
        """One rendered cite per item, in the given order, without the layout's affixes."""
        out = []
        for item in citation.cites:
            self.repressed = {}
            text = self.render_children(item)
            out.append(self.format(text) if text is not None else None)
        return out


_OVERRIDES = {
    "text": _Text,
    "number": _Number,
    "date": _Date,
    "names": _Names,
    "name": _Name,
    "label": _Label,
    "substitute": _Substitute,
    "if": _If,
    "else-if": _Else_If,
    "layout": _Layout,
}


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


_XPATH_CACHE = bounded_dict("haliref.render.chicago._XPATH_CACHE", 1 << 15)


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


# ---------------------------------------------------------------------------
# page ranges (defect 6)

def _abbreviate_last(first: str, last: str, range_format: str | None = "chicago-16") -> str:
    """The last number of a range, abbreviated per CMOS 17 9.61 (``chicago-16``)."""
    if not (first.isdigit() and last.isdigit()):
        return last
    if len(last) < len(first):           # "45-6" means 45-46
        last = first[: len(first) - len(last)] + last
    if int(last) <= int(first) or range_format is None or range_format == "expanded":
        return last
    common = 0
    for a, b in zip(first, last, strict=False):
        if a != b:
            break
        common += 1
    if range_format == "minimal":
        return last[common:]
    if range_format == "minimal-two":
        return last[min(common, len(first) - 2):] if len(first) >= 2 else last
    if range_format in ("chicago", "chicago-15", "chicago-16"):
        n = int(first)
        if len(first) != len(last) or n < 100 or n % 100 == 0:
            return last
        if range_format == "chicago-15" and len(first) >= 4 and common < 2:
            return last
        if n % 100 < 10:
            return last[common:]
        return last[min(common, len(first) - 2):]
    return last


_RANGE_RE = re.compile(r"(?<![\d.])(\d+)\s*[-\u2013\u2012\u2014]+\s*(\d+)(?![\d.])")
_ROMAN_RANGE_RE = re.compile(r"\b([ivxlcdm]+)\s*[-\u2013]\s*([ivxlcdm]+)\b", re.I)


def _format_ranges(text: str, range_format: str = "chicago-16") -> str:
    """Abbreviate every numeric range of a locator, with an en dash."""
    text = _RANGE_RE.sub(
        lambda m: m.group(1) + "\u2013" + _abbreviate_last(m.group(1), m.group(2), range_format), text
    )
    return _ROMAN_RANGE_RE.sub(lambda m: m.group(1) + "\u2013" + m.group(2), text)


# ---------------------------------------------------------------------------
# data preparation

# the languages whose articles (data/articles.tsv: English's all, the others' definite) a title loses when sorted
_SORT_ARTICLE_LANGUAGES = ("en", "fr", "de")


def _sort_articles(lang: str) -> tuple[str, ...]:
    if lang not in _SORT_ARTICLE_LANGUAGES:
        return ()
    found = _data.articles()
    kinds = ("definite", "indefinite") if lang == "en" else ("definite",)
    return tuple(article for kind in kinds for article in found.get((lang, kind), ()))
_NAME_VARS = {
    "author", "editor", "translator", "collection-editor", "composer", "container-author",
    "director", "editorial-director", "illustrator", "interviewer", "original-author",
    "recipient", "reviewed-author", "compiler", "contributor", "curator", "editor-translator",
    "executive-producer", "guest", "host", "narrator", "organizer", "performer", "producer",
    "script-writer", "series-creator", "chair",
}
#: variables in headline style when the item is English (an English original-title always)
_HEADLINE_VARS = ("title", "title-short", "container-title", "container-title-short", "collection-title",
                  "volume-title", "part-title", "reviewed-title", "original-title")
_TITLE_VARS = ("title", "title-short", "container-title", "container-title-short",
               "collection-title", "volume-title", "original-title", "part-title")


def guess_language(title: str) -> str | None:
    """The title's language when it is clearly not English (CMOS 17 8.171, 11.27), else None."""
    return detect_language(_markup_free(title))[0]


def is_english(title: str) -> bool:
    """True only when the title is confidently English: nothing else is put in headline style."""
    return title_language(_markup_free(title))[0] == "en"


def _markup_free(s: str) -> str:
    return re.sub(r"<[^>]+>", "", s)


def _lang(item: dict[str, Any]) -> str:
    return str(item.get("language") or "en")[:2].lower()


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


def _strip_article(title: str, lang: str | None = None) -> str:
    low = title.lower()
    arts = (
        _sort_articles(lang) + _sort_articles("en")
        if lang
        else tuple(a for language in _SORT_ARTICLE_LANGUAGES for a in _sort_articles(language))
    )
    for art in sorted(arts, key=len, reverse=True):
        if art.endswith(("'", "\u2019")):
            if low.startswith(art) and len(title) > len(art):
                return title[len(art):]
        elif low.startswith(art + " ") and len(title) > len(art) + 1:
            return title[len(art) + 1:]
    return title


def prepare_item(item_id: str, csl: Mapping[str, Any]) -> dict[str, Any]:
    """A work's CSL-JSON as haliref hands it to citeproc (and to citeproc-js in the benchmark).

    Adds ``title-short`` (CMOS 14.29-14.31) when the item has none, the
    ``language`` of a clearly non-English title (lingua), typographic quotes;
    English titles in headline style (CMOS 8.159-8.161).
    """
    item: dict[str, Any] = {"id": item_id}
    for key, value in csl.items():
        if key == "id":
            continue
        if key in _NAME_VARS and isinstance(value, list):
            item[key] = [
                {k: _smart_quotes(v) if isinstance(v, str) else v for k, v in name.items()}
                for name in value if isinstance(name, dict)
            ]
        elif isinstance(value, str) and key not in ("type", "language", "URL", "DOI", "ISBN", "ISSN"):
            item[key] = _smart_quotes(value)
        else:
            item[key] = value
    item.setdefault("type", "book")
    _archival_title(item)
    given = str(item.get("language") or "")
    title = item.get("title")
    if isinstance(title, str) and title:
        if not given:
            guessed = guess_language(title)
            if guessed:
                item["language"] = guessed
        if not item.get("title-short"):
            item["title-short"] = short_title(title, item.get("language"))
    _real_name_of_pseudonym(item)
    # headline style (CMOS 17 8.159-8.161) done here, once, raising case only, and only for
    # English: the language given, else a title confidently English (8.171, 11.27: a title
    # in another language, or one that cannot be told, keeps its case as printed);
    # citeproc-py's own title-casing is switched off (``_Text.case``)
    english = given[:2].lower() == "en" if given else isinstance(title, str) and bool(title) and is_english(title)
    foreign = _lang(item) != "en"       # the language given, or guessed above
    for var in _HEADLINE_VARS:
        value = item.get(var)
        if not isinstance(value, str):
            continue
        if var in ("title", "title-short"):
            headline, other = english, foreign
        elif var == "original-title":
            own = title_language(_markup_free(value))[0]
            headline, other = own == "en", own not in (None, "en")
        else:   # a container, series or part: its own language when its words tell, else the item's
            own = title_language(_markup_free(value))[0]
            headline = own == "en" or (own is None and english)
            other = own not in (None, "en") or (own is None and foreign)
        if headline:
            item[var] = headline_case(value)
        elif other:     # sentence style: the first word of title and subtitle capitalised (8.158, 11.27)
            item[var] = sentence_starts(value)
    return item


def _named_by_its_file(item: Mapping[str, Any]) -> bool:
    """A document with a title and nothing else: an archival file named by its call number or collection."""
    return item.get("type") == "document" and bool(item.get("title")) and not any(
        item.get(k) for k in ("author", "editor", "issued", "container-title", "publisher", "archive", "URL"))


def _letter_heading(item: Mapping[str, Any]) -> tuple[str, str] | None:
    """(writer as rendered, title) of an archival letter whose title names its writer ("Avery to Lund")."""
    authors, title = item.get("author") or [], item.get("title")
    if item.get("type") != "manuscript" or len(authors) != 1 or not isinstance(title, str):
        return None
    writer = authors[0].get("family") or authors[0].get("literal") or ""
    if not writer or not title.startswith(f"{writer} to "):
        return None
    return _markup_to_ir(writer), _markup_to_ir(title)


def _archival_title(item: dict[str, Any]) -> None:
    """A file cited by its call number or collection alone ("FO 800/310", "Hatton Papers") is named by it, as
    CMOS 14.238 cites a file, and is a document: without a title the style would call it an "unpublished
    manuscript" (twice, as title and description)."""
    if item["type"] != "manuscript" or item.get("title") or item.get("genre"):
        return
    for variable in ("archive_location", "archive"):
        if item.get(variable):
            item["title"] = item.pop(variable)
            item["type"] = "document"
            return


_PSEUDONYM_NOTE_RE = re.compile(r"^\s*(?:pseudonym|pseud\.?)\s+of\s+(.+?)\s*$", re.I)


def _real_name_of_pseudonym(item: dict[str, Any]) -> None:
    """A pseudonym's real name, kept by normalize in the note, goes in brackets after it
    ("Tomás [Luis Ortega Vidal]", CMOS 17 14.81); the note loses that part."""
    authors = item.get("author")
    note = item.get("note")
    if not (isinstance(authors, list) and authors and isinstance(note, str) and "literal" in authors[0]):
        return
    parts = [p.strip() for p in note.split(";")]
    for i, part in enumerate(parts):
        m = _PSEUDONYM_NOTE_RE.match(part)
        if m:
            # a family name with the real name as a bracketed suffix: the short forms
            # ("Tomás 1991", "Tomás, Une vie") keep the pseudonym alone
            authors[0] = {"family": authors[0]["literal"], "suffix": f"[{m.group(1)}]"}
            rest = "; ".join(parts[:i] + parts[i + 1:])
            if rest:
                item["note"] = rest
            else:
                item.pop("note")
            return


def _unsigned_entry(item: Mapping[str, Any]) -> bool:
    """An unsigned entry of a dictionary or encyclopedia, printed or online: cited "s.v." under
    the work's title (CMOS 17 14.232, 14.233)."""
    return (item.get("type") in ("entry-dictionary", "entry-encyclopedia") and not item.get("author")
            and bool(item.get("container-title")) and bool(item.get("title")))


def _signed_entry(item: Mapping[str, Any]) -> bool:
    """An entry of a dictionary or encyclopedia with an author of its own (CMOS 17 14.234)."""
    return (item.get("type") in ("entry-dictionary", "entry-encyclopedia") and bool(item.get("author"))
            and bool(item.get("title")))


def _item_fixes(item: dict[str, Any], text: str, bib: bool, author_date: bool) -> str:
    """Fixes that need the item, on one rendered entry or cite (IR text).

    - reprints (CMOS 17 14.114): "1923. Reprint, New York: Dover, 1970." in the
      bibliography, "(1923; repr., New York: Dover, 1970)" in a note; in author-date the
      original year is in the date already, "(1923) 1970. ... Reprint, New York: Dover."
    - a newspaper's section after its name and date, "Times, May 20, 1968, Foreign News
      section" (CMOS 17 14.191); the style put it before the name.
    - "s.v." kept in a later note of an unsigned dictionary entry cited with a locator
      (CMOS 17 14.232), and given to an online one, its work named first (14.233); none
      before a signed entry's title, cited like a chapter (14.234).
    """
    orig = _year({"issued": item.get("original-date")}) if item.get("original-date") else ""
    if orig and item.get("issued"):
        if bib and author_date:
            text = re.sub(rf"(?<=\. ){orig}; ", "Reprint, ", text, count=1)
        elif bib:
            text = text.replace(f"{orig}; ", f"{orig}. Reprint, ", 1)
        else:
            text = text.replace(f"({orig}; ", f"({orig}; repr., ", 1)
    if not bib and _signed_entry(item):
        # a signed entry is cited like a chapter, by its title, in a short note too (CMOS 17
        # 14.234: "Shanin, “Peasantry,” 13."); the style wrote "Shanin, s.v. “Peasantry,” 13."
        title = _markup_to_ir(str(item["title"]))
        text = text.replace(f"s.v. \u201c{title}", f"\u201c{title}", 1)
    if not bib and not author_date and _unsigned_entry(item) and "s.v." not in text:
        # "s.v." before the entry's word in every note, whatever the locator (CMOS 17 14.232:
        # "Oxford English Dictionary, s.v. “sansculotte,” 12."), an online work's too, named first
        # (14.233: "Merriam-Webster.com Dictionary, s.v. “Chartism,” accessed …"); the style
        # drops it with a locator, and leads an online entry with its title, as CMOS 18 does
        title = _markup_to_ir(str(item["title"]))
        container = _I_ON + _markup_to_ir(str(item["container-title"])) + _I_OFF
        lead = f"\u201c{title}\u201d, {container}"
        if text.startswith(lead):
            text = f"{container}, \u201c{title}\u201d" + text[len(lead):]
        text = text.replace(f"{_I_OFF}, \u201c{title}", f"{_I_OFF}, s.v. \u201c{title}", 1)
    if _named_by_its_file(item):
        # "FO 800/310", "Hatton Papers": the file's name as printed, not a quoted title "n.d." (CMOS 14.238)
        name = _markup_to_ir(str(item["title"]))
        if bib:
            return name + "."
        quoted = rf"\u201c{re.escape(name)}([,.]?)\u201d"
        text = re.sub(quoted + r"[,.]?\s*n\.d\.", name, text, count=1)
        text = re.sub(quoted, lambda m: name + m[1], text, count=1)
    if (letter := _letter_heading(item)) is not None:
        # "Avery to Lund, March 3, 1951, …, Lund Papers": a letter is named by writer and recipient,
        # unquoted, its writer not printed twice (CMOS 14.224, 14.232)
        author, title = letter
        text = re.sub(rf"^{re.escape(author)}(?:\.|,)? \u201c{re.escape(title)}([,.]?)\u201d",
                      lambda m: title + m[1], text, count=1)
    section = item.get("section")
    if item.get("type") == "article-newspaper" and isinstance(section, str) and section.strip():
        section = section.strip()
        year = _year(item)
        for sep in (". ", ", "):
            if section + sep in text and year:
                text = text.replace(section + sep, "", 1)
                at = text.rfind(year)
                if at >= 0:
                    label = section if section.lower().endswith("section") else section + " section"
                    text = text[: at + len(year)] + ", " + label + text[at + len(year):]
                break
    return text


# citeproc-py 0.11 parses only eleven name variables as names and keeps the others
# (reviewed-author, compiler, guest, ...) as strings, on which cs:name crashes: its
# (shared, module-level) list is completed once with CSL 1.0.2's name variables.
for _var in sorted(_NAME_VARS):
    if _var.replace("-", "_") not in _citeproc.NAMES:
        _citeproc.NAMES.append(_var.replace("-", "_"))


#: CSL's season numbers (the locale's terms season-01 ... season-04)
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


def _season_date(value: Any) -> Any:
    """A date's season as citeproc-py reads it: a number 1-4 (CMOS 17 14.171, "Winter 1959").

    CSL-JSON gives a season by name (``"season": "Winter"``) or as a month 13-16 or 21-24 of
    ``date-parts``; citeproc-py renders only the number and drops the rest silently.
    """
    if not isinstance(value, dict) or not isinstance(value.get("date-parts"), list):
        return value
    out = dict(value)
    season = out.get("season")
    if isinstance(season, str) and season.strip().casefold() in _SEASONS:
        out["season"] = _SEASONS[season.strip().casefold()]
    parts = out["date-parts"]
    if parts and isinstance(parts[0], list) and len(parts[0]) == 2 and str(parts[0][1]).isdigit():
        month = int(parts[0][1])
        if 13 <= month <= 16 or 21 <= month <= 24:
            out["season"] = month - 12 if month <= 16 else month - 20
            out["date-parts"] = [[parts[0][0]], *parts[1:]]
    return out


def _to_citeproc(item: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in item.items():
        if isinstance(value, str) and key not in ("id", "type", "language"):
            value = _markup_to_ir(value)
        elif isinstance(value, dict):
            value = _season_date(value)
        out[key] = value
    return out


# ---------------------------------------------------------------------------
# post-processing: intermediate representation -> text / html / md

_CLOSERS = "\u201d\u2019" + _I_OFF
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


# ---------------------------------------------------------------------------
# positions (defect 8)

@dataclass
class _Cite:
    note_index: int
    work: str
    locator: tuple[str, str] | None
    position: str = "first"
    near: bool = False


_LOCATOR_LABELS = [
    (r"pp?\.?|pages?|pgs?\.", "page"),
    (r"nn?\.|notes?", "note"),
    (r"chaps?\.|chapters?|ch\.", "chapter"),
    (r"secs?\.|sections?|\u00a7\u00a7?", "section"),
    (r"figs?\.|figures?", "figure"),
    (r"paras?\.|paragraphs?|\u00b6\u00b6?", "paragraph"),
    (r"ll?\.|lines?", "line"),
    (r"fols?\.|folios?", "folio"),
    (r"cols?\.|columns?", "column"),
    (r"bk\.|books?", "book"),
    (r"pts?\.|parts?", "part"),
]


def parse_locator(locator: str, work_volume: str | None = None) -> tuple[str, str] | None:
    """'p. 341' -> ('page', '341'); 'vol. 3, pp. 303-4' -> ('page', '3:303-4')."""
    loc = (locator or "").strip().rstrip(".,;").strip()
    if not loc:
        return None
    m = re.match(r"^vols?\.?\s*([\dIVXLCivxlc]+)\s*[,:]?\s*(?:pp?\.?\s*)?(.*)$", loc)
    if m:
        vol, rest = m.group(1), m.group(2).strip()
        if not rest:
            return ("volume", vol)
        if work_volume and str(work_volume).strip() == vol:
            return ("page", rest)
        return ("page", f"{vol}:{rest}")
    for pattern, label in _LOCATOR_LABELS:
        m = re.match(rf"^(?:{pattern})\s*(.+)$", loc, re.I)
        if m:
            return (label, m.group(1).strip())
    return ("page", loc)


def _positions(cites_by_note: list[list[_Cite]], near_note_distance: int = 5) -> None:
    """CSL positions computed over the document's notes (a note without cites breaks ibid)."""
    last_note_of: dict[str, int] = {}
    prev_note: list[_Cite] = []
    for note in cites_by_note:
        for i, cite in enumerate(note):
            if cite.work not in last_note_of:
                cite.position = "first"
            else:
                if i > 0:
                    before = note[i - 1] if note[i - 1].work == cite.work else None
                else:
                    before = prev_note[0] if len(prev_note) == 1 and prev_note[0].work == cite.work else None
                if before is None:
                    cite.position = "subsequent"
                elif cite.locator is None:
                    cite.position = "ibid" if before.locator is None else "subsequent"
                elif before.locator is None or before.locator != cite.locator:
                    cite.position = "ibid-with-locator"
                else:
                    cite.position = "ibid"
                cite.near = cite.note_index - last_note_of[cite.work] <= near_note_distance
            last_note_of[cite.work] = cite.note_index
        prev_note = note


# ---------------------------------------------------------------------------
# the engine

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


def _primary_name(item: dict[str, Any]) -> dict[str, Any] | None:
    for role in () if _unsigned_part(item) else _SORT_ROLES:
        names = item.get(role)
        if names:
            first = names[0]
            return first if isinstance(first, dict) and "family" in first else None
    return None


def _givenname_table(items: list[dict[str, Any]]) -> dict[str, str]:
    """Family name -> "initials" or "full" where two people share it (CMOS 17 15.21).

    citeproc-js's ``givenname-disambiguation-rule="primary-name"``: initials when they
    tell the people apart, else the given names in full.
    """
    givens: dict[str, set[str]] = {}
    for item in items:
        name = _primary_name(item)
        if name is None:
            continue
        family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
        givens.setdefault(family, set()).add(str(name.get("given", "")).strip())
    table = {}
    for family, names in givens.items():
        if len(names) > 1:
            initials = {"".join(w[:1] for w in re.split(r"[\s.]+", g) if w) for g in names}
            table[family] = "initials" if len(initials) == len(names) else "full"
    return table


def _fold(s: str) -> str:
    s = re.sub(r"<[^>]+>|[" + _MARKERS + "]", "", s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[\u2018\u2019\u201c\u201d\"'\u2014\u2013\-\[\]().,:;!?]", " ", s)
    return " ".join(s.casefold().split())


def _names_sort(names: list[dict[str, Any]]) -> str:
    parts = []
    for n in names:
        if "literal" in n:
            parts.append(_fold(str(n["literal"])))
        else:
            # demote-non-dropping-particle="display-and-sort": "Dam, Hendrik van"
            parts.append(
                _fold(
                    " ".join(
                        str(n.get(k, "")) for k in ("family", "given", "dropping-particle", "non-dropping-particle")
                    )
                )
            )
    return " ; ".join(parts)


_SORT_ROLES = ("author", "editor", "translator", "collection-editor", "compiler")


def _sort_key(item: dict[str, Any], by_date: bool = False) -> tuple:
    """Bibliography order: names (or title), then title (CMOS 17 14.68), or, in author-date,
    dated works by year, then "n.d.", then forthcoming, one year's works by title
    (CMOS 17 15.17-15.19)."""
    lang = _lang(item)
    title = _fold(_strip_article(str(item.get("title", "")), lang))
    names = ""
    for role in () if _unsigned_part(item) else _SORT_ROLES:
        if item.get(role):
            names = _names_sort(item[role])
            break
    head = names or title
    issued = item.get("issued") or {}
    try:
        year = int(issued.get("date-parts", [[0]])[0][0])
    except (TypeError, ValueError, IndexError):
        year = 0
    if by_date:
        group = 0 if year else (2 if item.get("status") else 1)
        return (head, group, year, title, str(item.get("volume", "")), str(item.get("id")))
    return (head, title, str(item.get("volume", "")), year, str(item.get("id")))


def _year(item: dict[str, Any]) -> str:
    try:
        return str(item["issued"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError):
        return ""


def _add_year_suffixes(prepared: list[dict[str, Any]]) -> None:
    """Author-date: same names and year -> 1953a, 1953b in bibliography order (CMOS 17 15.19)."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for item in sorted(prepared, key=lambda it: _sort_key(it, by_date=True)):
        item.pop("year-suffix", None)
        # "n.d." and forthcoming works are two groups, never lettered together
        key = (_contributor_key(item) or (_fold(_strip_article(str(item.get("title", "")), _lang(item))),),
               _year(item), bool(item.get("status")))
        groups.setdefault(key, []).append(item)
    for group in groups.values():
        if len(group) > 1:
            for n, item in enumerate(group):
                item["year-suffix"] = chr(ord("a") + n) if n < 26 else f"a{n}"


def _contributor_key(item: dict[str, Any]) -> tuple:
    for role in () if _unsigned_part(item) else _SORT_ROLES:
        if item.get(role):
            return (role, _names_sort(item[role]))
    return ()


# ---------------------------------------------------------------------------
# public API

def render_items(
    items: Iterable[dict[str, Any]],
    *,
    style: str = "notes-bibliography",
    fmt: str = "text",
) -> list[tuple[str, str]]:
    """(id, bibliography entry) for CSL-JSON items (each with an "id"), sorted, formatted."""
    style = _canonical_style(style)
    prepared = [prepare_item(str(it["id"]), it) for it in items]
    if style == "author-date":
        _add_year_suffixes(prepared)
    engine = _Engine(style, False, prepared)
    return [(i, _finish(e, fmt)) for i, e in _bibliography_ir(engine, prepared)]


_ROLE_LABEL_RE = re.compile(r", (?:eds?|trans|comps?|ed\. and trans)\.$")


def _bibliography_ir(engine: _Engine, prepared: list[dict[str, Any]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    prev_key: tuple = ()
    by_date = engine.style_name == "author-date"
    for item in sorted(prepared, key=lambda it: _sort_key(it, by_date)):
        key = str(item["id"]).lower()
        text = engine.entry(key)
        if not text:
            continue
        contributors = _contributor_key(item)[1:]     # the names, whatever their role
        if contributors and contributors == prev_key:
            # "Carr, E. H., ed." then "Carr, E. H.": the dash stands for the names only (CMOS 17 14.67)
            names = _ROLE_LABEL_RE.sub("", engine.names_part(key))
            if names and text.startswith(names):
                # CMOS 17 14.67: the 3-em dash replaces repeated names
                rest = text[len(names):]
                if names.endswith(".") and rest.startswith(" "):
                    rest = "." + rest  # "Carr, E. H. A History" shared one period
                text = "\u2014\u2014\u2014" + rest
        prev_key = contributors
        out.append((str(item["id"]), text))
    return out


def _note_cites(document: Document, works: dict[str, Work]) -> list[list[_Cite]]:
    cites_by_note = []
    for n, note in enumerate(document.notes):
        cites = []
        for c in note.citations:
            if c.work not in works:
                continue
            vol = works[c.work].csl.get("volume")
            cites.append(_Cite(n, c.work, parse_locator(c.locator, vol)))
        cites_by_note.append(cites)
    return cites_by_note


def _join_note(parts: list[str]) -> str:
    """Citations joined by "; ", or by ". " where the author's prose opens a new sentence.

    A part that starts a sentence is marked by a leading NUL (see ``_notes_ir``).
    """
    text = ""
    for part in (p for p in parts if p):
        sentence = part.startswith("\0")
        part = part.lstrip("\0")
        if part.startswith("\1"):        # the same author's next work (CMOS 17 15.29)
            text += part[1:]
            continue
        if not text:
            text = part
        elif sentence:
            text = text.rstrip(".") + ". " + part
        else:
            text += "; " + part
    if text and not text.endswith("."):
        text += "."  # after "?" or a closing quote, _fix_punctuation drops or moves it
    return text


def _cite_names(engine: _Engine, work: str) -> str:
    """The names part of an author-date cite ("Halliday" of "Halliday 1980"), "" if none."""
    text = _strip_parens(engine.cite(_Cite(0, work, None)).rstrip())
    m = re.match(r"^(.*?),? (\S+)$", text)
    return m.group(1) if m else ""


def _strip_parens(s: str) -> str:
    if s.startswith("(") and s.endswith(")"):
        return s[1:-1]
    return s


def _notes_ir(engine: _Engine, document: Document, works: dict[str, Work]) -> list[tuple[Note, str]]:
    cites_by_note = _note_cites(document, works)
    near = int(engine.root.citation.get("near-note-distance", 5))
    _positions(cites_by_note, near)
    author_date = engine.style_name == "author-date"
    out = []
    for note, cites in zip(document.notes, cites_by_note, strict=False):
        parts: list[str] = []
        it = iter(cites)
        prev: tuple[str, bool] | None = None     # (names, had a locator) of the last bare cite
        for c in note.citations:
            if c.work not in works:
                parts.append(((c.prefix + " ") if c.prefix else "") + c.text.strip().rstrip("."))
                prev = None
                continue
            cite = next(it)
            text = engine.cite(cite).rstrip()
            if author_date:
                text = _strip_parens(text)
                bare = not c.prefix.strip() and not c.suffix and not c.parenthetical
                names = _cite_names(engine, cite.work) if bare else ""
                if bare and prev and names and prev[0] == names and text.startswith(names + " "):
                    # CMOS 17 15.29: one author's works run together, "Halliday 1980, 1990"
                    parts.append("\1" + ("; " if prev[1] else ", ") + text[len(names) + 1:])
                    prev = (names, cite.locator is not None)
                    continue
                prev = (names, cite.locator is not None) if bare else None
            prefix = c.prefix.strip()
            if c.parenthetical:  # CMOS 6.97: parentheses within parentheses become brackets
                text = "(" + text.rstrip(".").replace("(", "[").replace(")", "]") + ")"
            if prefix:
                sentence = prefix[:1].isupper() and not prefix.endswith(",")
                text = ("\0" if sentence else "") + prefix + " " + text
            elif not parts and text[:1].islower():
                # "Ibid.", a particle ("van Dam" → "Van Dam"): a note opens with a capital (CMOS 17 8.5, 14.34)
                text = text[0].upper() + text[1:]
            if c.suffix:
                text = text.rstrip(".") + (". " if c.suffix[:1].isupper() else ", ") + c.suffix
            parts.append(text)
        if not note.citations:
            parts.append(note.text.strip())
        out.append((note, _join_note(parts)))
    return out


def _wrap_notes(rows: list[tuple[Note, str]], fmt: str) -> str:
    lines = []
    for note, text in rows:
        num = f"{note.printed}." if note.printed is not None else ""
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


@dataclass
class Rendered:
    """The parts of a rendering, already formatted: (note, text) pairs and (work id, entry) pairs."""

    notes: list[tuple[Note, str]]
    bibliography: list[tuple[str, str]]


def render_entries(
    document: Document,
    *,
    style: str = "notes-bibliography",
    fmt: str = "text",
    ibid: bool = True,
    notes: bool = True,
    bibliography: bool = True,
) -> Rendered:
    """The formatted notes and bibliography entries of a document, unwrapped (see ``render``)."""
    style = _canonical_style(style)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    works = {w.id: w for w in document.works}
    prepared = [prepare_item(w.id, w.csl) for w in document.works]
    if style == "author-date":
        _add_year_suffixes(prepared)
    engine = _Engine(style, ibid, prepared)
    rows: list[tuple[Note, str]] = []
    entries: list[tuple[str, str]] = []
    if notes:
        rows = [(n, _finish(t, fmt)) for n, t in _notes_ir(engine, document, works)]
    if bibliography:
        entries = [(i, _finish(e, fmt)) for i, e in _bibliography_ir(engine, prepared)]
    return Rendered(rows, entries)


def render(
    document: Document,
    *,
    style: str = "notes-bibliography",
    what: str = "all",
    fmt: str = "text",
    ibid: bool = True,
) -> str:
    """Render a document's notes and/or bibliography in Chicago style (CMOS 17).

    style: "notes-bibliography" (default; alias "notes"), "shortened-notes-bibliography"
    (alias "shortened-notes"), "author-date".  what: "all", "notes", "bibliography".
    fmt: "text", "html" (a whole page: doctype, charset, its own stylesheet with a
    hanging indent for the bibliography), "md".  ibid: "Ibid." for a cite of the same work as the
    previous note (which cites only it); False gives CMOS 17's preferred short form
    ("Roe, 13.").  The result ends with a newline.
    """
    style = _canonical_style(style)
    if what not in WHATS:
        raise ValueError(f"unknown part {what!r}; choose one of {', '.join(WHATS)}")
    parts = render_entries(
        document, style=style, fmt=fmt, ibid=ibid,
        notes=what in ("all", "notes"), bibliography=what in ("all", "bibliography"),
    )
    blocks: list[tuple[str, str]] = []
    if what in ("all", "notes") and (document.notes or what == "notes"):
        blocks.append(("Notes", _wrap_notes(parts.notes, fmt)))
    if what in ("all", "bibliography"):
        title = "References" if style == "author-date" else "Bibliography"
        blocks.append((title, _wrap_bibliography([e for _, e in parts.bibliography], fmt)))
    if fmt == "html":
        return _html_page(blocks, what)
    if what != "all":
        return blocks[0][1] + "\n"
    out = []
    for title, body in blocks:
        if fmt == "html":
            out.append(f"<h2>{title}</h2>\n{body}")
        elif fmt == "md":
            out.append(f"## {title}\n\n{body}")
        else:
            out.append(f"{title}\n\n{body}")
    return "\n\n".join(out) + "\n"


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


def render_golden(document: Document) -> dict[str, str]:
    """Every output the golden files pin, keyed by a file name (for the lead's golden tests).

    Keys: "<style>.<what>.<ext>" for the three styles, what in notes/bibliography
    (notes only for the two notes styles plus author-date), ext in txt/html/md,
    plus "notes-bibliography.notes-noibid.txt".
    """
    ext = {"text": "txt", "html": "html", "md": "md"}
    out = {}
    for style in STYLES:
        for what in ("notes", "bibliography"):
            for fmt in FORMATS:
                out[f"{style}.{what}.{ext[fmt]}"] = render(document, style=style, what=what, fmt=fmt)
    out["notes-bibliography.notes-noibid.txt"] = render(document, what="notes", ibid=False)
    return out
