"""Report metadata: who delivers the document, what it is, when, and about which years.

``extract_metadata(seg, gazetteer)`` is pure and deterministic. It reads only
the document's text (never its file name: input names are opaque) and records,
for every field it fills, the exact source span the value was read from and
the rule that read it (``metadata.evidence[field]``).

The rules live in four modules, one concern each:
  metadata_front   title, headline lines, document type, speaker, session, dates
  metadata_places  jurisdiction (gazetteer) and issuing body
  metadata_periods report year, review period, plan period
  metadata_cues    the cue table kg/data/metadata_cues.tsv (knowledge as data)
Fields are read in dependency order: the document type picks which body
issues it; the delivery date settles the report year; the report year anchors
relative periods ("the past year", "Next Five-Year Plan").
"""

from __future__ import annotations

from ..model import Evidence, ReportMetadata, Segmented, Span
from .metadata_cues import load_cues
from .metadata_front import (
    read_delivered,
    read_doctype,
    read_front,
    read_published,
    read_session,
    read_speaker,
    read_title,
)
from .metadata_periods import find_heading, heading_lines, read_plan, read_report_year, read_review
from .metadata_places import Resolver, ordered_mentions, read_issuing_body, read_jurisdiction
from .metadata_text import Hit

__all__ = ["extract_metadata"]


def _put(meta: ReportMetadata, field: str, hit: Hit | None, value=None) -> None:
    """Set a field and its evidence together, so no value is ever without its span."""
    if hit is None:
        return
    setattr(meta, field, hit.value if value is None else value)
    meta.evidence[field] = Evidence(Span(hit.start, hit.end), hit.rule)


def _places(meta: ReportMetadata, front, cues, gazetteer) -> None:
    resolver = Resolver(gazetteer, cues, front.text)
    mentions = ordered_mentions(front, cues)
    jur = read_jurisdiction(front, resolver, mentions)
    if jur is None:
        return
    _put(meta, "jurisdiction", jur.hit)
    if jur.place.level != "country":
        province = gazetteer.province_of(jur.place)
        if province is not None:
            _put(meta, "province", Hit(province, jur.hit.start, jur.hit.end, "province-of-jurisdiction"))
    _put(meta, "issuing_body", read_issuing_body(cues, resolver, jur, mentions, meta.document_type))


def _people(meta: ReportMetadata, front, cues, gazetteer) -> None:
    resolver = Resolver(gazetteer, cues, front.text)
    speaker = read_speaker(front, cues, resolver.is_place)
    if speaker is not None:
        _put(meta, "speaker", speaker[0])
        _put(meta, "speaker_role", speaker[1])


def extract_metadata(seg: Segmented, gazetteer) -> ReportMetadata:
    """Read a report's metadata from its text; see the module docstrings for the rules."""
    cues = load_cues()
    front = read_front(seg, cues)
    meta = ReportMetadata()
    _put(meta, "title", read_title(front))
    _put(meta, "document_type", read_doctype(front, cues))
    _places(meta, front, cues, gazetteer)
    _people(meta, front, cues, gazetteer)
    session = read_session(front, cues)
    _put(meta, "congress_session", session)
    delivered = read_delivered(front, cues, session)
    published = read_published(front, cues)
    _put(meta, "delivered_on", delivered)
    _put(meta, "published_on", published)

    text = front.text
    headings = heading_lines(seg, front)
    review_head = find_heading(cues, "review-heading", text, headings)
    plan_head = find_heading(cues, "plan-heading", text, headings)
    report_year = read_report_year(front, delivered, plan_head, review_head, published)
    _put(meta, "report_year", report_year)
    _put(meta, "review_period", read_review(cues, front, review_head, report_year, meta.document_type, seg))
    _put(meta, "plan_period", read_plan(cues, front, plan_head, report_year, meta.document_type, seg))
    return meta
