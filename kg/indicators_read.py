"""Reading and validating ontology/indicators.ttl into Indicator records (kg.indicators).

Split from kg/indicators.py to keep modules small; IndicatorScheme.load calls
``_read_indicators``. Every problem is a DataError naming the file.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from .errors import DataError
from .indicators import (
    _ALLOWED, _INDICATOR, _NOTATION_FORM, _P, MEASURE_TYPES, POLARITIES, SCHEME, Indicator, label_key,
)


def _read_indicators(by_subject: dict[str, list[ox.Quad]], where: str) -> list[Indicator]:
    raw = {s: _read_concept(s, qs, where) for s, qs in sorted(by_subject.items())
           if any(q.predicate.value == _P["type"] and q.object.value == _INDICATOR for q in qs)}
    stray = [s for s, qs in by_subject.items() if s not in raw and any(
        q.predicate.value == _P["inScheme"] and q.object.value == SCHEME for q in qs)]
    if stray:
        raise DataError(f"<{sorted(stray)[0]}> is in the indicator scheme but not a kg:Indicator", path=where)
    if not raw:
        raise DataError("no kg:Indicator in the file", path=where)
    notation = {s: r["notation"] for s, r in raw.items()}
    seen: dict[str, str] = {}
    for s, r in raw.items():
        if r["notation"] in seen:
            raise DataError(f"notation {r['notation']!r} is used by <{seen[r['notation']]}> and <{s}>", path=where)
        seen[r["notation"]] = s
        for field in ("broader", "numerator", "denominator", "related"):
            for ref in (r[field] if field == "related" else [r[field]] if r[field] else []):
                if ref not in notation:
                    raise DataError(f"{r['notation']}: {field} <{ref}> is not an indicator of the file", path=where)
    out = [Indicator(iri=s, notation=r["notation"], pref_label=r["pref"], alt_labels=r["alt"],
                     default_unit=r["unit"], broader=notation.get(r["broader"]), measure_types=r["types"],
                     related=tuple(sorted(notation[x] for x in r["related"])), definition=r["definition"],
                     hidden_labels=r["hidden"], numerator=notation.get(r["numerator"]),
                     denominator=notation.get(r["denominator"]), polarity=r["polarity"]) for s, r in raw.items()]
    _check_labels(out, where)
    return out


def _read_concept(subject: str, quads: list[ox.Quad], where: str) -> dict:
    values: dict[str, list] = defaultdict(list)
    for q in quads:
        if q.predicate.value not in _ALLOWED:
            raise DataError(f"<{subject}>: unknown property <{q.predicate.value}>", path=where)
        values[q.predicate.value].append(q.object)

    def one(name: str, required: bool):
        found = values.get(_P[name], [])
        if len(found) > 1 or (required and not found):
            raise DataError(f"<{subject}>: expected {'exactly' if required else 'at most'} one skos/kg:{name}, "
                            f"found {len(found)}", path=where)
        return found[0] if found else None

    def english(name: str) -> list[str]:
        found = values.get(_P[name], [])
        bad = [o for o in found if not isinstance(o, ox.Literal) or o.language != "en" or not o.value.strip()]
        if bad:
            raise DataError(f"<{subject}>: skos:{name} {bad[0]} is not a non-empty @en literal", path=where)
        return [o.value for o in found]

    pref = english("prefLabel")
    if len(pref) != 1:
        raise DataError(f"<{subject}>: expected exactly one @en skos:prefLabel, found {len(pref)}", path=where)
    notation = one("notation", True).value
    if not _NOTATION_FORM.fullmatch(notation):
        raise DataError(f"<{subject}>: notation {notation!r} is not snake_case", path=where)
    types = tuple(one("measureTypes", False).value.split()) if _P["measureTypes"] in values else ()
    if set(types) - set(MEASURE_TYPES):
        raise DataError(f"{notation}: measure types {types} not among {MEASURE_TYPES}", path=where)
    polarity = one("polarity", False).value if _P["polarity"] in values else "up"
    if polarity not in POLARITIES:
        raise DataError(f"{notation}: polarity {polarity!r} is not one of {POLARITIES}", path=where)
    ref = lambda name: (lambda o: o.value if o is not None else None)(one(name, False))  # noqa: E731
    definition = english("definition")
    return {"notation": notation, "pref": pref[0], "alt": tuple(sorted(english("altLabel"))),
            "hidden": tuple(sorted(english("hiddenLabel"))), "types": types, "unit": ref("defaultUnit"),
            "broader": ref("broader"), "numerator": ref("numerator"), "denominator": ref("denominator"),
            "related": sorted(o.value for o in values.get(_P["related"], [])), "polarity": polarity,
            "definition": definition[0] if definition else ""}


def _check_labels(indicators: list[Indicator], where: str) -> None:
    """No label may match the words of another concept's label (the matcher could not choose)."""
    owner: dict[str, tuple[Indicator, str]] = {}
    for ind in sorted(indicators, key=lambda i: i.notation):
        if len(set(ind.labels)) != len(ind.labels):
            raise DataError(f"{ind.notation}: a label is listed twice", path=where)
        for label in ind.labels:
            key = label_key(label)
            if not key:
                raise DataError(f"{ind.notation}: label {label!r} has no words", path=where)
            other = owner.setdefault(key, (ind, label))
            if other[0] is not ind:
                raise DataError(f"label {label!r} of {ind.notation} matches the same words as "
                                f"{other[1]!r} of {other[0].notation}", path=where)


