"""citeproc-py's CSL elements with haliref's fixes (defects 1, 3, 4, 5, 6, 8, 12, 13 of
:mod:`haliref.render.chicago`): the classes the style tree is built of (``_OVERRIDES``).

What a ``cs:substitute`` rendered is recorded in context variables, so that two renderings in two
threads (the page's downloads) do not share it.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from citeproc import model as _m
from citeproc.source import VariableError

from haliref.render.locators import _abbreviate_last, _format_ranges
from haliref.render.names import _space_initials
from haliref.render.parts import _CONTAINER_ROLES, _unsigned_part
from haliref.render.titles import _HEADLINE_VARS

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
