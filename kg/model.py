"""Plain dataclasses that the pipeline stages hand each other.

Every offset in this module is a character offset into ``Document.text``: the
decoded source text exactly as read (after decoding, before any cleaning).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Document:
    """One input report, decoded. ``text`` is never modified after ingest."""

    path: str  # the path as given on the command line (for messages)
    source: str  # the input file name (what the `source` CSV column shows)
    text: str  # decoded source text, verbatim
    encoding: str  # e.g. "utf-8", "utf-8-sig", "utf-16", "gb18030"
    media_type: str  # "text/plain", "text/html" or "application/pdf"
    sha256: str  # hex digest of ``text`` encoded as UTF-8 (content identity)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range [start, end) of ``Document.text``."""

    start: int
    end: int

    def quote(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    sentences: list[Sentence] = field(default_factory=list)
    # source ranges the paragraph is made of; more than one when a page break
    # (and page debris) cut it and segmentation rejoined the parts
    parts: list[Span] = field(default_factory=list)


SECTION_KINDS = ("front", "review", "targets", "tasks", "other")


@dataclass(slots=True)
class Section:
    kind: str  # one of SECTION_KINDS
    start: int
    end: int
    heading: Span | None = None  # the heading line, when there is one
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class Segmented:
    document: Document
    sections: list[Section]

    def paragraphs(self):
        for section in self.sections:
            yield from section.paragraphs


@dataclass(frozen=True, slots=True)
class Place:
    """An administrative division from the gazetteer (GB/T 2260 code)."""

    code: str  # GB/T 2260 six-digit code, or "CN" for the country
    name_en: str  # preferred English name, e.g. "Jiaxing"
    name_zh: str  # e.g. "嘉兴市"
    level: str  # "country" | "province" | "prefecture" | "county"
    parent: str | None  # code of the parent division
    variants: tuple[str, ...] = ()  # other English names, e.g. "Jiaxing City"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in the source a metadata value was read from."""

    span: Span
    rule: str  # short name of the rule that read it


@dataclass(slots=True)
class ReportMetadata:
    jurisdiction: Place | None = None
    province: Place | None = None  # the parent province (the place itself for a province)
    document_type: str = "other"  # "government-work-report" | "party-plenary" | "other"
    issuing_body: str | None = None  # e.g. "Jiaxing Municipal People's Government"
    report_year: int | None = None
    review_period: str | None = None  # "YYYY", "YYYY-MM/YYYY-MM" or "YYYY/YYYY"
    plan_period: str | None = None
    delivered_on: date | None = None
    published_on: date | None = None
    speaker: str | None = None
    speaker_role: str | None = None
    congress_session: str | None = None
    title: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)


MEASURE_TYPES = ("level", "count", "growth_rate", "pp_change", "share", "rate", "ratio", "rank")
COMPARATORS = ("eq", "approx", "gt", "ge", "lt", "le", "range")
STATUSES = ("actual", "estimated", "target")


@dataclass(frozen=True, slots=True)
class Observation:
    """One number a report states, with what it measures, where, when and how sure.

    ``start``/``end`` delimit the number expression as written ("673.95 billion yuan",
    "2.5%"); ``sentence`` is the sentence it was read from.
    """

    start: int
    end: int
    sentence: Span
    indicator: str  # notation of a concept of ontology/indicators.ttl, or "local:<phrase>"
    indicator_label: str  # the concept's prefLabel, or the phrase as written
    measure_type: str  # one of MEASURE_TYPES
    value: Decimal  # base units (yuan, not billions); percent as the percent number; range minimum
    unit: str  # a code of kg/data/units.tsv, or "NUM" for pure counts and ranks
    comparator: str  # one of COMPARATORS
    period: str  # "YYYY", "YYYY-MM/YYYY-MM" or "YYYY/YYYY"
    status: str  # one of STATUSES
    area: str  # GB/T 2260 code of the place the number is about ("CN" for China)
    value_max: Decimal | None = None  # range maximum
    rank_scope: str | None = None  # "Zhejiang", "the province", ... (ranks only)
    indicator_span: Span | None = None  # where the indicator phrase was read
    rule: str = ""  # which extraction rule produced it


POLICY_LEVELS = ("national", "provincial", "municipal", "county")
POLICY_RELATIONS = ("implements", "launches", "deepens", "proposes", "completes", "cites")
PROJECT_STATUSES = ("planned", "started", "under_construction", "completed", "in_operation", "approved", "mentioned")


@dataclass(frozen=True, slots=True)
class PolicyMention:
    """One mention of a named strategy, plan, programme, initiative, campaign, concept or reform."""

    start: int
    end: int  # the name as written, without enclosing quotes
    key: str  # resolution key: the same policy in any spelling gets the same key (kg.resolve)
    name: str  # canonical English name (curated prefLabel, or the cleaned surface form)
    level: str | None = None  # one of POLICY_LEVELS, when the text or the curated list tells
    relation: str = "cites"  # one of POLICY_RELATIONS: what the sentence says the government does with it
    rule: str = ""  # which rule found it / which rule resolved it


@dataclass(frozen=True, slots=True)
class ProjectMention:
    """One mention of a named concrete project: a railway, a laboratory, a zone, a hospital, ..."""

    start: int
    end: int  # the name as written
    key: str  # resolution key (the same project across reports gets the same key)
    name: str  # cleaned name
    type: str  # notation of a concept of ontology/project-types.ttl
    status: str  # one of PROJECT_STATUSES
    location: str | None = None  # GB/T 2260 code of the place it is in, when known
    rule: str = ""


ORGANIZATION_TYPES = ("government_body", "university", "company", "other")


@dataclass(frozen=True, slots=True)
class RegionMention:
    """One mention of a region of ontology/regions.ttl (an economic region, basin, corridor, ...)."""

    start: int
    end: int  # the name as written
    key: str  # the region's key: the last segment of its IRI
    rule: str = ""  # "label" (a name of the region) or "list" ("the metropolitan areas of A and B")


@dataclass(frozen=True, slots=True)
class OrganizationMention:
    """One mention of a named organization: a government body, a university, a company."""

    start: int
    end: int  # the name as written
    key: str  # resolution key: the same organization in any spelling, in any report, gets the same key
    name: str  # canonical English name (the IRI is minted from it)
    type: str  # one of ORGANIZATION_TYPES
    rule: str = ""


@dataclass(slots=True)
class Report:
    """Everything the pipeline learned about one input, ready to map to RDF."""

    segmented: Segmented
    metadata: ReportMetadata
    observations: list[Observation] = field(default_factory=list)
    policies: list[PolicyMention] = field(default_factory=list)
    projects: list[ProjectMention] = field(default_factory=list)
    regions: list[RegionMention] = field(default_factory=list)
    organizations: list[OrganizationMention] = field(default_factory=list)

    @property
    def document(self) -> Document:
        return self.segmented.document
