"""Person and institution names -> CSL name dicts.

Parsing (always applied, not a correction): role markers ("ed.", "(eds)", "edited by",
"hrsg. v.", "trans.") and a leading "In" removed, names split on "and", "&", "et",
"und", ";" and commas, inverted "Family, Given" recognised, particles split off by
``data/name_particles.tsv``, institutions and single words kept as ``literal``,
a quoted pseudonym ("‘Nemo’ (pseudonym of ...)") made a literal with its
parenthesis moved to the note.

Correction (rule ``initials``): given-name initials dotted and spaced
("K.S." -> "K. S.", 0.95; "J" -> "J.", 0.9; "KS" -> "K. S." when clearly initials, 0.8).
"""

from __future__ import annotations

import re
from typing import Any

from haliref import resources as _data
from haliref.caches import memo

from ._base import NAME_FIELDS, Context, Record, strip_edges

__all__ = ["ET_AL", "Names", "parse_name_list"]

#: A name's suffixes, lower case ("Jr.", "III"), as the name lists write them after the family name.
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_QUOTED = re.compile(r"^[‘'“\"«]\s*(?P<name>[^‘’'“”\"«»]+?)\s*[’'”\"»](?:\s*\((?P<paren>[^()]*)\))?$")
# Linear on long runs of spaces and commas: a match never starts inside such a run
# (one starting at the run's first character always comes first), so the lookbehinds
# stop the engine from re-reading the run from each of its characters.
ET_AL = re.compile(r"(?:,|(?<![\s,]))\s*(?:\bet\s*al\b\.?|\band\s+others\b|\bu\.\s*a\.)", re.IGNORECASE)
_AND = _data.alternation("and_words.txt")  # and, &, et, und
# "Laux/Liermann", "Borowski, P./B. Vogel": a slash between names, as German lists join co-authors, splits too.
_SPLIT_AND = re.compile(rf"(?:(?<!\s)\s+)?(?:;|\s(?:{_AND})\s|&|(?<=[^\W\d_.]|\.)/(?=\s?[^\W\d_]))\s*")
# The trailing "and" right after a leading one ("and ,and") is read with it: the
# lookbehind would hide it there.
_DANGLING_AND = re.compile(
    rf"^(?:{_AND})\s+(?:,[,\s]*(?:{_AND})$)?|(?<![,\s])[,\s]+(?:{_AND})$"
)
#: The chapter's "in" before its book's editors, in the languages notes are written in ("in", "dans", "nella":
#: data/container_words.txt)
_LEADING_IN = re.compile(rf"^(?i:{_data.alternation('container_words.txt')})\s*:?\s+(?=[^\s])")
# "Title by Ann Roe", a review's "Title. By Ann Roe.", "Titre, par Anne Roe": the author after a title
_LEADING_BY = re.compile(rf"^(?i:{_data.alternation('title_then_author_words.txt')})\s+(?=[A-ZÀ-ÖØ-Þ])")
_INITIAL = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ]\.)+$|^[A-ZÀ-ÖØ-Þ]\.?-[A-ZÀ-ÖØ-Þ]\.?$")
_ONE_INITIAL = re.compile(r"[A-ZÀ-ÖØ-Þ]\.?")  # "T." or a scrape's "T"


def _role_regex() -> re.Pattern[str]:
    markers = [m for m, _ in _data.name_roles()]
    alts = "|".join(re.escape(m) for m in markers)
    # a bracketed marker may be glued to the name before it ("Roe(ed.)")
    return re.compile(rf"(?:\(\s*|(?<![\w.]))(?:{alts})(?![\w])\s*\)?\.?", re.IGNORECASE)


@memo(None)
def _roles() -> re.Pattern[str]:
    return _role_regex()


@memo(None)
def _leading_agent_word() -> re.Pattern[str]:
    """The word (by, von, par …) opening what a role marker left ("ed. by Ann Roe"): data/role_agent_words.txt."""
    return re.compile(rf"^(?:{'|'.join(map(re.escape, _data.word_list('role_agent_words.txt')))})\s+")


def _marker_role(marker: str) -> str | None:
    key = marker.strip(" ().").casefold()
    for m, role in _data.name_roles():
        if m.strip(".").casefold() == key:
            return role
    return None


def strip_roles(text: str) -> tuple[str, str | None]:
    """Remove role markers; return the text left and the role they named (if any).

    A marker without a period that could be a name ("Ed", "Dir") counts only inside
    brackets or at the very end, never before a name.
    """
    role: str | None = None
    out = []
    pos = 0
    for m in _roles().finditer(text):
        marker = m.group(0)
        bare = marker.strip(" ()").casefold()
        parenthesized = "(" in marker and ")" in marker
        at_end = not text[m.end():].strip(" ,;.)")
        # a word such as "Ed" or "Dir" (no period) before a name may be a name, not a marker
        if bare in _data.name_like_markers() and not (parenthesized or at_end):
            continue
        # "Insel, TR.", "Roe, ED": a short marker in capitals after a surname's comma is its initials
        word = marker.strip(" ().")
        if len(word) <= 3 and word.isupper() and not parenthesized and text[: m.start()].rstrip().endswith(","):
            continue
        out.append(text[pos : m.start()])
        pos = m.end()
        role = role or _marker_role(bare)
    out.append(text[pos:])
    left = " ".join("".join(out).split())
    left = re.sub(r"\s+([,;])", r"\1", left)
    left = _leading_agent_word().sub("", left) if role else left
    return strip_edges(left.strip(" ,;:")), role


def _is_institution(text: str) -> bool:
    words = {w.casefold() for w in re.findall(r"[\w'’-]+", text)}
    if words & _data.institution_words():
        return True
    tokens = text.split()
    # an acronym like "UNESCO", "CIA" (three capitals or more, no dots)
    return len(tokens) == 1 and len(text) >= 3 and text.isupper() and text.isalpha()


def _is_initial(token: str) -> bool:
    return bool(_INITIAL.match(token))


def _looks_given(part: str) -> bool:
    tokens = part.split()
    particles = _data.name_particles()
    while len(tokens) > 1 and tokens[-1] in particles:  # "Alexander von"
        tokens.pop()
    return bool(tokens) and all(t[:1].isupper() or _is_initial(t) for t in tokens)


def _two_natural_names(part: str, following: str) -> bool:
    """"Alexander Hamilton, John Jay": two names in natural order, each a known first name and a surname, no
    initial, as a list of authors writes them; not a compound family name and its given name ("Lloyd George,
    David", whose given part is one word)."""
    names = _data.first_names()
    pairs = [piece.split() for piece in (part, following)]
    return all(len(words) == 2 and words[0].casefold() in names and not any(_is_initial(w) for w in words)
               for words in pairs)


def _two_names_in_full(part: str, following: str) -> bool:
    """"Toru Kasai, Hiroki Arimura": two words, then two words or more, none an initial nor a particle, are two
    names in natural order, not a family name of two words and its given names; unless the first are an
    Iberian double surname ("García Márquez, Gabriel José")."""
    words, given = part.split(), following.split()
    particles = _data.name_particles()
    return (len(words) == 2 and len(given) >= 2
            and not any(_is_initial(w) or len(w.rstrip(".")) == 1 or w.casefold() in particles for w in words + given)
            and not any(w.casefold() in _data.iberian_surnames() for w in words))


def _looks_family(part: str) -> bool:
    tokens = part.split()
    if not tokens or any(_is_initial(t) or len(t.rstrip(".")) == 1 for t in tokens):
        return False
    particles = _data.name_particles()
    core = [t for t in tokens if t.casefold() not in particles]
    return 1 <= len(core) <= 2 and len(core) == len([t for t in tokens if t[:1].isupper()]) and len(tokens) <= 4


@memo(None)
def _particle_words() -> tuple[tuple[str, str, list[str]], ...]:
    """(particle, kind, its words), longest first: split once, not at every look-up."""
    return tuple((particle, kind, particle.split()) for particle, kind in _data.name_particles().items())


def _match_particle(tokens: list[str], start: int) -> tuple[str, str, int] | None:
    """Longest particle starting at tokens[start] (lower case as written): (particle, kind, length)."""
    for particle, kind, words in _particle_words():  # longest first
        if tokens[start : start + len(words)] == words:
            return particle, kind, len(words)
    # elided "d'Estaing", "l'Ouverture" written as one token
    tok = tokens[start] if start < len(tokens) else ""
    for particle, kind, _ in _particle_words():
        if particle.endswith("'") and tok.startswith(particle) and len(tok) > len(particle):
            return particle, kind, 0
    return None


def _particle_fields(particle: str, kind: str) -> dict[str, str]:
    if kind == "non-dropping":
        return {"non-dropping-particle": particle}
    if kind == "dropping":
        return {"dropping-particle": particle}
    first, _, rest = particle.partition(" ")
    if not rest:
        return {"dropping-particle": first}
    return {"dropping-particle": first, "non-dropping-particle": rest}


def _ordered(name: dict[str, str]) -> dict[str, str]:
    order = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
    return {k: name[k] for k in order if name.get(k)}


def _split_family(family: str) -> tuple[dict[str, str], str]:
    """Leading lower-case particles of an inverted family part: "van Doorn" -> particle van."""
    tokens = family.split()
    i = 0
    found: tuple[str, str] | None = None
    if len(tokens) > 1:
        hit = _match_particle(tokens, 0)
        if hit and hit[2] and hit[2] < len(tokens):
            found = (hit[0], hit[1])
            i = hit[2]
    if found:
        return _particle_fields(*found), " ".join(tokens[i:])
    return {}, family


def _parse_direct(text: str) -> dict[str, str]:
    """"Given [particles] Family [suffix]"."""
    tokens = text.split()
    suffix = ""
    if len(tokens) > 2 and tokens[-1].casefold() in NAME_SUFFIXES:
        suffix = tokens.pop()
    if len(tokens) == 1:
        return _ordered({"literal": tokens[0], "suffix": suffix})
    name: dict[str, str] = {}
    particle_at = None
    for i in range(len(tokens) - 1):
        if tokens[i][:1].islower():
            hit = _match_particle(tokens, i)
            if hit and hit[2] and i + hit[2] < len(tokens):
                particle_at = (i, hit)
                break
    if particle_at:
        i, (particle, kind, length) = particle_at
        name.update(_particle_fields(particle, kind))
        given, family = tokens[:i], tokens[i + length :]
    else:
        cut = len(tokens) - 1
        particles = _data.name_particles()
        # Spanish/Catalan compound family joined by "y"/"i": "José Ortega y Gasset"
        if len(tokens) >= 4 and tokens[-2] in _data.lower_set("name_connectors.txt"):
            cut = len(tokens) - 3
        # capitalised particle before the last word belongs to the family: "Martin Van Buren", and a family name
        # alone that opens with one ("Du Roe, Quays, 12": a short form's author) is all family, unless the
        # particle is a given name too ("Ben Roe", "Van Poe")
        if (cut >= 1 and tokens[cut - 1].casefold() in particles and tokens[cut - 1][:1].isupper()
                and (cut >= 2 or tokens[0].casefold() not in _data.first_names())):
            cut -= 1
        given, family = tokens[:cut], tokens[cut:]
    name["family"] = " ".join(family)
    name["given"] = " ".join(given)
    name["suffix"] = suffix
    return _ordered(name)


def _parse_inverted(family: str, given: str, suffix: str = "") -> dict[str, str]:
    name, family = _split_family(family)
    gtokens = given.split()
    # trailing particle of the given part: "Humboldt, Alexander von"
    for n in (3, 2, 1):
        if len(gtokens) > n:
            tail = gtokens[-n:]
            hit = _match_particle(tail, 0)
            if hit and hit[2] == n and all(t[:1].islower() for t in tail):
                name.update(_particle_fields(hit[0], hit[1]))
                gtokens = gtokens[:-n]
                break
    name.update({"family": family, "given": " ".join(gtokens), "suffix": suffix})
    return _ordered(name)


_INITIALS_AFTER = re.compile(r"^(?P<family>[^\W\d_][\w’'-]*(?: [\w’'-]+){0,3}) (?P<initials>[A-ZÀ-ÖØ-Þ]{1,3})$")


#: "Aron R.", "Azéma J.-P.", "Roe J. K.": the family name, then dotted initials (a family name is never an initial).
_DOTTED_INITIALS_AFTER = re.compile(
    r"^(?P<family>[^\W\d_][\w’'-]*(?: [\w’'-]+){0,3})"
    r" (?P<initials>[A-ZÀ-ÖØ-Þ]\.(?:-?[A-ZÀ-ÖØ-Þ]\.| [A-ZÀ-ÖØ-Þ]\.){0,2})$"
)


def _family_then_initials(part: str) -> dict[str, str] | None:
    """"Halvorsen K", "Okonkwo-Reyes DA": the family name, then undotted initials (Vancouver, Springer); "Aron R.",
    "Azéma J.-P.": then dotted ones (Springer's reference lists)."""
    if (dotted := _DOTTED_INITIALS_AFTER.match(part)) and _cased_like_a_family(dotted.group("family")):
        name = _parse_inverted(dotted.group("family"), dotted.group("initials"))
        return name if name.get("family") else None
    match = _INITIALS_AFTER.match(part)
    if (not match or match.group("initials").casefold() in NAME_SUFFIXES
            or not _cased_like_a_family(match.group("family"))):
        return None
    name = _parse_inverted(match.group("family"), " ".join(f"{letter}." for letter in match.group("initials")))
    return name if name.get("family") else None


def _cased_like_a_family(words: str) -> bool:
    """Capitalised words of two letters or more, lower-case ones only as a leading particle ("van der Berg")."""
    cased = [word[:1].isupper() for word in words.split()]
    return cased[-1] and len(words.split()[-1]) > 1 and all(cased[cased.index(True) :])


#: "DUPONT (Jean)", "Roe (Ann-Marie)": the family name, then the given names in brackets (French lists of books
#: received and bibliographies)
_GIVEN_IN_BRACKETS = re.compile(r"(?P<family>[^\W\d_][^\W\d_'’ -]*(?:[ -][^\W\d_][^\W\d_'’-]*)?)\s*"
                                r"\((?P<given>[^\W\d_][^()]{0,40})\)\.?")
#: A dash after the names, before the title (French lists: "DUPONT (Jean). — Le droit …")
_DASH_AFTER_NAMES = re.compile(r"(?<=[\w.)])\s+[—–]\s*$")  # not a repeated author's own dashes ("———")


def _parse_chunk(chunk: str) -> list[dict[str, str]]:
    parts = [p.strip() for p in chunk.split(",") if p.strip()]
    if not parts:
        return []
    names: list[dict[str, str]] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        if (vancouver := _family_then_initials(part)) is not None:
            names.append(vancouver)
            i += 1
            continue
        if bracketed := _GIVEN_IN_BRACKETS.fullmatch(part):  # "DUPONT (Jean)": French lists' family, then given
            names.append(_ordered({"family": bracketed["family"], "given": bracketed["given"].strip()}))
            i += 1
            continue
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        suffix = ""
        if nxt is not None and nxt.casefold() in NAME_SUFFIXES:
            suffix, nxt = nxt, (parts[i + 2] if i + 2 < len(parts) else None)
            if " " in part:  # "John Smith, Jr."
                name = _parse_direct(part)
                name["suffix"] = suffix
                names.append(_ordered(name))
                i += 2
                continue
        step = 2 if not suffix else 3
        inverted = (
            nxt is not None
            and _looks_family(part)
            and _looks_given(nxt)
            # given names that end on an initial ("Peter T.", "Anna K") are never a name written in full
            and (len(parts) == 2 or all(_is_initial(t) for t in nxt.split()) or len(nxt.split()) == 1
                 or _ONE_INITIAL.fullmatch(nxt.split()[-1]) is not None)
            and not _two_natural_names(part, nxt)
            and not _two_names_in_full(part, nxt)
        )
        if inverted and nxt is not None:
            names.append(_parse_inverted(part, nxt, suffix))
            i += step
        else:
            names.append(_parse_direct(part))
            i += 1
    return names


#: An initial glued to the family name by a scrape or a typist ("D.Roe", "A.B.Poe"): a space after its period.
_GLUED_INITIAL = re.compile(r"\b([A-ZÀ-ÖØ-Þ]\.)(?=[A-ZÀ-ÖØ-Þ][a-zà-ÿ])")
_POSSESSIVE = re.compile(r"(?<=\w)[’']s$")  # "Martineau’s History of the Peace": the author's name, not "Martineau’s"


def parse_name_list(text: str, field: str = "author") -> tuple[list[dict[str, str]], str | None, str, bool]:
    """Parse one name span: (names, role named by a marker, note text, et-al seen).

    A leading "In"/"in:" (the chapter's "in") is dropped from an editor span, or
    from any span that also carries an editor marker ("In O. Card (Ed.)").
    """
    text = _LEADING_BY.sub("", strip_edges(_DASH_AFTER_NAMES.sub("", text)))
    without_in = _LEADING_IN.sub("", text)
    if without_in != text and (field == "editor" or strip_roles(without_in)[1] == "editor"):
        text = without_in
    note = ""
    quoted = _QUOTED.match(text)
    if quoted:
        paren = (quoted.group("paren") or "").strip()
        return [{"literal": quoted.group("name").strip()}], None, paren, False
    text, role = strip_roles(text)
    text = _GLUED_INITIAL.sub(r"\1 ", _DANGLING_AND.sub("", _POSSESSIVE.sub("", text)))
    et_al = bool(ET_AL.search(text))
    text = strip_edges(ET_AL.sub("", text))
    if not text:
        return [], role, note, et_al
    if _is_institution(text):
        return [{"literal": text}], role, note, et_al
    names: list[dict[str, str]] = []
    for chunk in _SPLIT_AND.split(text):
        chunk = strip_edges(chunk)
        if not chunk:
            continue
        if _is_institution(chunk):
            names.append({"literal": chunk})
            continue
        names.extend(_parse_chunk(chunk))
    return names, role, note, et_al


_DOTTED_RUN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][a-z]{0,2}\.){2,}$")  # "K.S.", "J.-P." not, "Th.M."
_UNDOTTED = re.compile(r"^[A-ZÀ-ÖØ-Þ]{2,3}$")


def fix_initials(given: str, family: str) -> tuple[str, float]:
    """Initials dotted and spaced; returns the new given name and the rule's confidence."""
    out = []
    confidence = 1.0
    for token in given.split():
        if _DOTTED_RUN.match(token):
            out.append(" ".join(re.findall(r"[A-ZÀ-ÖØ-Þ][a-z]{0,2}\.", token)))
            confidence = min(confidence, 0.95)
        elif len(token) == 1 and token.isalpha() and token.isupper():
            out.append(token + ".")
            confidence = min(confidence, 0.9)
        elif _UNDOTTED.match(token) and not family.isupper() and len(given.split()) == 1:
            out.append(" ".join(ch + "." for ch in token))
            confidence = min(confidence, 0.8)
        else:
            out.append(token)
    return " ".join(out), confidence


@memo(None)
def _prose_words() -> frozenset[str]:
    """English function words that are not name particles (built once, not for every name)."""
    return _data.language_hints().words.get("en", frozenset()) - set(_data.name_particles())


def _looks_like_prose(name: dict[str, str]) -> bool:
    """English function words ("The", "of", "and") inside a person's name point to a tagging error."""
    words = _prose_words()
    tokens = f"{name.get('given', '')} {name.get('family', '')}".casefold().split()
    return "literal" not in name and (any(t in words for t in tokens) or len(tokens) > 5)


COMPOUND_SURNAME = "compound-surname"


def _compound_surname(name: dict[str, Any], field: str, ctx: Context) -> dict[str, Any]:
    """"Gabriel García Marquez": an Iberian first surname joins the family name."""
    given = name.get("given", "").split()
    family = name.get("family", "")
    if len(given) < 2 or not family or _is_initial(given[0]) or name.get("non-dropping-particle"):
        return name
    if given[-1].casefold() not in _data.iberian_surnames():
        return name
    before = f"{name['given']} | {family}"
    after = f"{' '.join(given[:-1])} | {given[-1]} {family}"
    if ctx.propose(field, before, after, COMPOUND_SURNAME, 0.8) != after:
        return name
    return _ordered({**name, "given": " ".join(given[:-1]), "family": f"{given[-1]} {family}"})


FAMILY_IN_CAPITALS = "family-in-capitals"
_CAPITALISED_PART = re.compile(r"(?<![^\W\d_])([^\W\d_])([^\W\d_]*)")


def _family_in_capitals(name: dict[str, Any], field: str, ctx: Context) -> dict[str, Any]:
    """"Maurice AGULHON", "F. FRANCO SALGADO": French, Spanish and other bibliographies print the family name
    in (small) capitals; the name is "Agulhon", "Franco Salgado" (every word in capitals after the given name
    is the family's). Only beside a given name in ordinary case or in initials, so an acronym ("UNESCO") is
    never touched."""
    family, given = name.get("family", ""), name.get("given", "")
    words = given.split()
    first_capitals = len(words)
    while first_capitals and _in_capitals(words[first_capitals - 1]) and not _is_initial(words[first_capitals - 1]):
        first_capitals -= 1  # "P.G." is initials run together, not a family name in capitals
    kept = words[:first_capitals]
    if not _in_capitals(family) or not kept or not (
            any(ch.islower() for ch in given) or all(_is_initial(word) for word in kept)):
        return name
    before = f"{given} | {family}" if first_capitals < len(words) else family
    whole = " ".join([*words[first_capitals:], family])
    cased = _CAPITALISED_PART.sub(lambda m: m.group(1) + m.group(2).lower(), whole)
    after = f"{' '.join(kept)} | {cased}" if first_capitals < len(words) else cased
    if ctx.propose(field, before, after, FAMILY_IN_CAPITALS, 0.9) != after:
        return name
    return {**name, "given": " ".join(kept), "family": cased}


FAMILY_IN_LOWER_CASE = "family-in-lower-case"


def _family_in_lower_case(name: dict[str, Any], field: str, ctx: Context) -> dict[str, Any]:
    """"Harry S. stout": a PDF's text layer writes a family name set in small capitals in lower case; beside a
    capitalised given name, a lower-case family name of one word (no particle: "de", "van") opens with its
    capital, "Stout"."""
    family, given = name.get("family", ""), name.get("given", "")
    if (len(family) < 3 or not family.isalpha() or not family.islower() or family in _data.name_particles()
            or not given[:1].isupper()):
        return name
    after = family[0].upper() + family[1:]
    if ctx.propose(field, family, after, FAMILY_IN_LOWER_CASE, 0.85) != after:
        return name
    return {**name, "family": after}


def _in_capitals(word: str) -> bool:
    """A word of two letters or more, all in capitals ("AGULHON", "KINDELÁN"; not an initial "F.")."""
    return sum(1 for ch in word if ch.isalpha()) >= 2 and word.isupper()


class Names:
    """Name spans -> CSL name lists; records the ``initials`` corrections."""

    name = "initials"

    def __call__(self, record: Record, ctx: Context) -> None:
        parsed: dict[str, list[dict[str, Any]]] = {}
        for key in NAME_FIELDS:
            spans = record.fields.get(key)
            if not isinstance(spans, list):
                continue
            for span in spans:
                if isinstance(span, dict):
                    parsed.setdefault(key, []).append(span)
                    continue
                names, role, note, et_al = parse_name_list(span, key)
                target = key
                if role and role != key and key == "author" and role in NAME_FIELDS:
                    target = role  # "Stephen Doe and Andrew Poe (eds)" tagged as author
                if note:
                    record.set("note", "; ".join(x for x in (record.get("note"), note) if x))
                if et_al:
                    ctx.flag("names-truncated", target, "the source lists more names (et al.)", span)
                for name in names:
                    if _looks_like_prose(name):
                        ctx.flag("name-suspect", target, "name contains title words; the span may be mislabelled", span)
                    name = _family_in_capitals(_compound_surname(name, target, ctx), target, ctx)
                    name = _family_in_lower_case(name, target, ctx)
                    if "given" in name:
                        fixed, conf = fix_initials(name["given"], name.get("family", ""))
                        new = ctx.propose(target, name["given"], fixed, self.name, conf)
                        name = _ordered({**name, "given": new})
                    parsed.setdefault(target, []).append(name)
        for key in NAME_FIELDS:
            if parsed.get(key):
                record.fields[key] = parsed[key]
            else:
                record.fields.pop(key, None)
