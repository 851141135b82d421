"""Metrics: every number a report states, as an Observation (kg.model).

For each sentence: the number grammar (numbers.py) finds the quantities; this
module decides, from the language around each one and the report's metadata and
sections, what it measures (indicators.ttl, else a local indicator named by the
phrase of its sentence), its measure type, period, status, area and comparator.

Rules, in the order they apply to one quantity:
1. attributive compounds ("ten-billion-yuan companies") name a class: skipped;
2. indicator: for counts the thing counted follows the number ("420 new high-tech
   enterprises"); otherwise the nearest indicator named before it in its clause; a
   dependent growth figure ("..., a growth of 2.5%") takes the indicator of the
   number before it; "A and B reached X and Y respectively" pairs them in order;
   "both ranking third" gives a rank to each indicator of the clause;
3. measure type from the quantity's kind and the words before it;
4. status from the section (review: actual; targets, tasks: target) and cues;
5. period: an explicit period in the sentence, else the review period for
   actual/estimated and the plan period for targets;
6. area: a place of the jurisdiction named before the number in its clause, else
   the jurisdiction.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Observation, ReportMetadata, Segmented, Span
from .metrics_context import clause_bounds, local_phrase_after, local_phrase_before, period_from_cues, status_for
from .metrics_cues import cues
from .numbers import Quantity, find_quantities

DEPENDENT_GAP = 40  # a growth figure this close after another number depends on it


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    notation: str
    label: str
    measure_types: tuple[str, ...] = ()


def mentions(scheme, text: str) -> list[Mention]:
    out = []
    for start, end, ind in scheme.match(text):
        types = tuple(getattr(ind, "measure_types", ()) or ())
        out.append(Mention(start, end, ind.notation, ind.pref_label, types))
    return out


def extract_observations(seg: Segmented, meta: ReportMetadata, scheme, gazetteer) -> list[Observation]:
    """All observations of a report, in text order."""
    text = seg.document.text
    out: list[Observation] = []
    for section in seg.sections:
        for paragraph in section.paragraphs:
            for sentence in paragraph.sentences:
                out.extend(sentence_observations(text, sentence.start, sentence.end, section.kind, meta, scheme, gazetteer))
    return out


def _review_year(meta: ReportMetadata) -> int | None:
    if meta.review_period:
        return int(meta.review_period[-4:] if "/" in meta.review_period and "-" not in meta.review_period else meta.review_period[:4])
    return meta.report_year - 1 if meta.report_year else None


def _default_period(meta: ReportMetadata, status: str) -> str | None:
    if status == "target":
        return meta.plan_period or (str(meta.report_year) if meta.report_year else None)
    period = meta.review_period
    if period and "-" in period:  # a part of a year (Jan-Nov): a figure without its own period is the year's
        return period[:4]
    return period or (str(meta.report_year - 1) if meta.report_year else None)


def sentence_observations(text, s_start, s_end, section_kind, meta, scheme, gazetteer) -> list[Observation]:
    sentence = text[s_start:s_end]
    quantities = [q for q in find_quantities(sentence) if not q.attributive]
    if not quantities:
        return []
    found = mentions(scheme, sentence)
    assigned: list[tuple[Quantity, Mention | None, str | None]] = []
    for i, q in enumerate(quantities):
        assigned.extend(assign_indicators(sentence, quantities, i, found, assigned))
    results = []
    for q, mention, phrase in assigned:
        obs = build_observation(text, s_start, s_end, sentence, q, mention, phrase, section_kind, meta, gazetteer)
        if obs is not None:
            results.append(obs)
    return results


def assign_indicators(sentence, quantities, i, found, assigned):
    """[(quantity, mention or None, local phrase or None)] for quantity i (ranks may give several)."""
    q = quantities[i]
    c_start, c_end = clause_bounds(sentence, q.start)
    in_clause = [m for m in found if c_start <= m.start and m.end <= c_end]
    if q.kind == "rank" and _before_word(sentence, q.start, ("both", "all", "each")):
        previous = [a for a in assigned if a[0].kind != "rank" and a[0].start >= c_start]
        seen, out = set(), []
        for _, mention, phrase in previous:
            key = mention.notation if mention else phrase
            if key not in seen:
                seen.add(key)
                out.append((q, mention, phrase))
        if out:
            return out
    resp = _respectively(sentence, quantities, i, in_clause, c_start, c_end)
    if resp is not None:
        return [(q, resp, None)]
    if q.kind == "count" and q.unit not in cues().level_units:
        after = [m for m in in_clause if q.end <= m.start <= q.end + 30]
        if after:
            return [(q, after[0], None)]
        phrase = local_phrase_after(sentence, q.end)
        before = [m for m in in_clause if m.end <= q.start and q.start - m.end <= 25]
        if before and not phrase:
            return [(q, before[-1], None)]
        if phrase:
            return [(q, None, phrase)]
    if _dependent(sentence, quantities, i, c_start) and assigned:
        _, mention, phrase = assigned[-1]
        if mention is not None or phrase:
            return [(q, mention, phrase)]
    before = [m for m in in_clause if m.end <= q.start]
    if before:
        return [(q, before[-1], None)]
    after = [m for m in in_clause if m.start >= q.end]
    if after and q.kind != "rank":
        return [(q, after[0], None)]
    phrase = local_phrase_before(sentence, q.start) or local_phrase_after(sentence, q.end)
    return [(q, None, phrase)]


def _before_word(sentence: str, start: int, words) -> bool:
    left = sentence[max(0, start - 12) : start].lower().split()
    return bool(left) and left[-1].strip(",") in words


def _dependent(sentence, quantities, i, c_start) -> bool:
    """A change figure right after another number ("..., a growth of 2.5%")."""
    q = quantities[i]
    if i == 0 or q.kind not in ("percent", "points", "multiple"):
        return False
    prev = quantities[i - 1]
    if prev.end < c_start or q.start - prev.end > DEPENDENT_GAP:
        return False
    gap = sentence[prev.end : q.start]
    return bool(cues().growth.search(gap)) and not any(ch.isupper() for ch in gap.replace("GDP", ""))


def _respectively(sentence, quantities, i, in_clause, c_start, c_end) -> Mention | None:
    clause = sentence[c_start:c_end].lower()
    if "respectively" not in clause:
        return None
    q = quantities[i]
    group = [x for x in quantities if c_start <= x.start < c_end and x.kind == q.kind]
    first = min(x.start for x in group)
    names = [m for m in in_clause if m.end <= first]
    if len(group) < 2 or len(names) < len(group):
        return None
    names = names[-len(group) :]
    return names[group.index(q)]


def measure_type(sentence: str, q: Quantity, mention: Mention | None) -> str:
    c = cues()
    if q.kind == "rank":
        return "rank"
    if q.kind in ("multiple", "ratio"):
        return "ratio"
    if q.kind == "points":
        return "pp_change"
    if q.kind == "percent":
        left = sentence[max(0, q.start - 40) : q.start]
        near = sentence[max(0, q.start - 25) : q.start]
        if q.direction or c.growth.search(near):
            return "growth_rate"
        if c.any(c.share, left):
            return "share"
        if mention and mention.measure_types:
            for kind in ("rate", "share", "growth_rate"):
                if kind in mention.measure_types:
                    return kind
        return "rate"
    if q.kind == "amount" or q.unit in c.level_units:
        return "level"
    return "count"


def build_observation(text, s_start, s_end, sentence, q, mention, phrase, section_kind, meta, gazetteer):
    if meta.jurisdiction is None:
        return None
    c_start, c_end = clause_bounds(sentence, q.start)
    clause = sentence[c_start:c_end]
    left = sentence[c_start : q.start]
    status = status_for(section_kind, left, clause)
    year = _review_year(meta) if status != "target" else _plan_year(meta)
    period = period_from_cues(sentence[: q.start], year) or period_from_cues(clause, year) or _default_period(meta, status)
    if period is None:
        return None
    mtype = measure_type(sentence, q, mention)
    value, value_max = _values(q, mtype)
    if value is None:
        return None
    if mention is not None:
        indicator, label, ind_span = mention.notation, mention.label, Span(s_start + mention.start, s_start + mention.end)
    else:
        label = (phrase or "unspecified").strip()
        indicator, ind_span = f"local:{label}", None
    scope = _scope(q) if mtype == "rank" else None
    if mtype == "rank" and not scope:
        scope = "unspecified"
    return Observation(
        start=s_start + q.start, end=s_start + q.end, sentence=Span(s_start, s_end),
        indicator=indicator, indicator_label=label, measure_type=mtype,
        value=value, value_max=value_max, unit=q.unit or "NUM",
        comparator="range" if value_max is not None else (q.comparator if q.comparator != "range" else "eq"),
        period=period, status=status, area=_area(sentence, c_start, q.start, meta, gazetteer),
        rank_scope=scope, indicator_span=ind_span, rule="metric",
    )


def _plan_year(meta: ReportMetadata) -> int | None:
    if meta.plan_period:
        return int(meta.plan_period[:4])
    return meta.report_year


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
        if tail.startswith(("'s", "’s", " County", " District", " City", " achieved", " reached", " saw")) or start == 0:
            return place.code
    return home.code


def _is_within(gazetteer, place, home) -> bool:
    if home.level == "country":
        return True
    return any(a.code == home.code for a in gazetteer.ancestors(place))
