"""Metrics: every number a report states, as an Observation (kg.model).

For each sentence: the number grammar (numbers.py) finds the quantities; this module and its
helpers decide, from the language around each one and the report's metadata and sections,
whether it states a figure at all, what it measures (a concept of indicators.ttl, else a local
indicator named by the phrase of its sentence), its measure type, unit, period, status, area
and comparator.

1. numbers that state no figure are skipped (metrics_skip: parts of units, definite references,
   names, thresholds, durations, counts inside another figure's subject);
2. the indicator (metrics_assign: ranks, "respectively" lists, dependent figures, counts and
   the thing counted, the scheme's choice among the mentions whose unit fits, local phrases);
3. the unit: the number grammar's, else the counted noun's ("733 more hectares" -> HA);
4. measure type from the quantity's kind, the indicator and the words around it;
5. status from the section (review: actual; targets, tasks: target) and cues;
6. period: an explicit period in the sentence, else the review period for actual/estimated and
   the plan period for targets;
7. area: the place a list item names, else a place of the jurisdiction named before the number
   in its clause, else the jurisdiction.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import Observation, ReportMetadata, Segmented, Span
from .metrics_assign import Assigner, Assignment
from .metrics_context import period_from_cues, status_for
from .metrics_cues import cues
from .metrics_phrases import Words
from .metrics_scheme import SchemeView
from .metrics_skip import excluded
from .numbers import Quantity, find_quantities

# "N% of ...", also after the rest of a list: "163% and 138% of the annual plans"
_PERCENT_OF = re.compile(r"^(?:\s*,?\s*(?:and\s+)?\d[\d.,]*\s*(?:%|percent))*\s*(?:of|in)\b", re.I)


def extract_observations(seg: Segmented, meta: ReportMetadata, scheme, gazetteer) -> list[Observation]:
    """All observations of a report, in text order."""
    text = seg.document.text
    out: list[Observation] = []
    for section in seg.sections:
        for paragraph in section.paragraphs:
            for sentence in paragraph.sentences:
                out.extend(sentence_observations(text, sentence.start, sentence.end, section.kind, meta, scheme,
                                                 gazetteer))
    return out


def sentence_observations(text, s_start, s_end, section_kind, meta, scheme, gazetteer) -> list[Observation]:
    """The observations of the sentence text[s_start:s_end] of a section of kind ``section_kind``."""
    if meta.jurisdiction is None:
        return []
    sentence = text[s_start:s_end]
    quantities = [q for q in find_quantities(sentence) if not q.attributive]
    if not quantities:
        return []
    words = Words(sentence)
    skipped = set()
    for i in range(len(quantities)):
        if excluded(words, quantities, i, skipped):
            skipped.add(i)
    view = SchemeView(scheme, gazetteer, meta.jurisdiction, sentence)
    kept = [q for i, q in enumerate(quantities) if i not in skipped]
    assigned = Assigner(words, kept, view).run()
    results = []
    for a in assigned:
        obs = build_observation(text, s_start, s_end, sentence, a, section_kind, meta, gazetteer, view)
        if obs is not None:
            results.append(obs)
    return results


def _review_year(meta: ReportMetadata) -> int | None:
    period = meta.review_period
    if period:
        return int(period[-4:] if "/" in period and "-" not in period else period[:4])
    return meta.report_year - 1 if meta.report_year else None


def _plan_year(meta: ReportMetadata) -> int | None:
    if meta.plan_period:
        return int(meta.plan_period[:4])
    return meta.report_year


def _default_period(meta: ReportMetadata, status: str) -> str | None:
    if status == "target":
        return meta.plan_period or (str(meta.report_year) if meta.report_year else None)
    period = meta.review_period
    if period and "-" in period:  # a part of a year (Jan-Nov): a figure without its own period is the year's
        return period[:4]
    return period or (str(meta.report_year - 1) if meta.report_year else None)


def build_observation(text, s_start, s_end, sentence, a: Assignment, section_kind, meta, gazetteer, view):
    q = a.q
    c_start = view.clause_start(sentence, q.start)
    clause = sentence[c_start : view.clause_end(sentence, q.end)]
    status = status_for(section_kind, sentence[c_start : q.start], clause, sentence[: q.start])
    year = _review_year(meta) if status != "target" else _plan_year(meta)
    period = (period_from_cues(sentence[: q.start], year) or period_from_cues(clause, year)
              or _default_period(meta, status))
    if period is None:
        return None
    unit = q.unit or a.unit or "NUM"
    mtype = measure_type(sentence, a, unit)
    value, value_max = _values(q, mtype)
    if value is None:
        return None
    if a.indicator is not None:
        indicator, label = a.indicator.notation, a.indicator.pref_label
    else:
        label = a.label or "unspecified"
        indicator = f"local:{label}"
    ind_span = Span(s_start + a.span[0], s_start + a.span[1]) if a.span else None
    scope = (_scope(q) or "unspecified") if mtype == "rank" else None
    comparator = a.comparator or (q.comparator if q.comparator != "range" else "eq")
    if value_max is not None:
        comparator = "range"
    return Observation(
        start=s_start + q.start, end=s_start + q.end, sentence=Span(s_start, s_end),
        indicator=indicator, indicator_label=label, measure_type=mtype,
        value=value, value_max=value_max, unit=unit if mtype != "rank" else "NUM",
        comparator=comparator,
        period=period, status=status, area=a.area or _area(sentence, c_start, q.start, meta, gazetteer),
        rank_scope=scope, indicator_span=ind_span, rule="metric",
    )


def measure_type(sentence: str, a: Assignment, unit: str) -> str:
    """level, count, growth_rate, pp_change, share, rate, ratio or rank (docs/gold.md)."""
    q = a.q
    if q.kind == "rank":
        return "rank"
    if q.kind == "points":
        return "pp_change"
    if q.kind in ("multiple", "ratio"):
        return "share" if unit == "FRACTION" and _PERCENT_OF.match(sentence[q.end :]) else "ratio"
    if q.kind == "percent":
        return _percent_type(sentence, a)
    if q.kind == "amount" or unit in cues().level_units:
        return "level"
    return "count"


def _percent_type(sentence: str, a: Assignment) -> str:
    """growth, share or rate: the direction of the number, the words around it, then the indicator."""
    q, c = a.q, cues()
    left = sentence[max(0, q.start - 40) : q.start]
    words = set(re.findall(r"[a-z]+", (a.label or "").lower()))
    if c.any(c.level_to, left):
        return "share" if words & c.words["share_word"] else _declared(a) or "rate"
    if q.direction:
        return "growth_rate"
    of_whole = _PERCENT_OF.match(sentence[q.end :]) and not _is_ratio(a)
    if c.any(c.share, left) or of_whole or words & c.words["share_word"]:
        return "rate" if _is_ratio(a) else "share"
    if c.growth.search(sentence[max(0, q.start - 25) : q.start]) or c.growth.search(" ".join(words)):
        return "growth_rate"
    return _declared(a) or ("rate" if words & c.words["rate_word"] or not words else "growth_rate")


def _is_ratio(a: Assignment) -> bool:
    ind = a.indicator
    return ind is not None and (ind.numerator is not None or (ind.default_unit or "").endswith("/PERCENT"))


def _declared(a: Assignment) -> str | None:
    """What a bare percent of a scheme concept is, from the concept (kg:measureTypes): the first of
    rate, share, growth_rate it lists ("GDP is around 6%" is a growth rate, "the unemployment rate
    below 5%" the rate itself, "CPI below 3%" a growth rate of prices)."""
    ind = a.indicator
    if ind is None:
        return None
    return next((t for t in ("rate", "share", "growth_rate") if t in ind.measure_types), None)


def _values(q: Quantity, mtype: str) -> tuple[Decimal | None, Decimal | None]:
    low = q.value if q.value is not None else q.value_min
    high = q.value_max if q.value is None else None
    if low is None:
        return None, None
    if q.direction == "down" and mtype in ("growth_rate", "pp_change"):
        low = -low
        high = -high if high is not None else None
        if high is not None:
            low, high = min(low, high), max(low, high)
    return _plain(low), _plain(high) if high is not None else None


def _plain(value: Decimal) -> Decimal:
    """No exponent, no trailing zeros after the point: 673950000000, 2.5."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return Decimal(text)


def _scope(q: Quantity) -> str | None:
    if not q.scope:
        return None
    scope = q.scope.strip()
    for prefix in ("in ", "among ", "of ", "across "):
        if scope.lower().startswith(prefix):
            scope = scope[len(prefix) :]
            break
    return scope.strip() or None


def _area(sentence: str, c_start: int, q_start: int, meta: ReportMetadata, gazetteer) -> str:
    home = meta.jurisdiction
    left = sentence[c_start:q_start]
    try:
        found = gazetteer.find(left, within=home.code)
    except TypeError:
        found = gazetteer.find(left)
    for start, end, place in reversed(found):
        if place.code == home.code or not _is_within(gazetteer, place, home):
            continue
        tail = left[end : end + 12]
        if start == 0 or tail.startswith(_PLACE_TAILS):
            return place.code
    return home.code


_PLACE_TAILS = ("'s", "’s", " County", " District", " City", " achieved", " reached", " saw")


def _is_within(gazetteer, place, home) -> bool:
    if home.level == "country":
        return True
    return any(a.code == home.code for a in gazetteer.ancestors(place))

