"""IRI minting. Every IRI is a function of content, never of counters or order."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

from .namespaces import INTERVAL, PLACE


def slug(text: str, max_len: int = 60) -> str:
    """ASCII, lower-case, hyphen-separated; stable for the same text."""
    norm = unicodedata.normalize("NFKD", text)
    norm = norm.encode("ascii", "ignore").decode("ascii").lower()
    norm = re.sub(r"['\u2019]", "", norm)
    norm = re.sub(r"[^a-z0-9]+", "-", norm).strip("-")
    return norm[:max_len].rstrip("-") or "x"


class Minter:
    """Mints instance IRIs under one base URI (which must end with '/' or '#')."""

    def __init__(self, base_uri: str):
        if not base_uri.endswith(("/", "#")):
            base_uri += "/"
        self.base = base_uri

    def _id(self, *parts: str) -> URIRef:
        return URIRef(self.base + "id/" + "/".join(parts))

    def source(self, sha256: str) -> URIRef:
        """The decoded text of one input file (identified by its content)."""
        return self._id("source", sha256[:16])

    def report(self, key: str) -> URIRef:
        """``key`` is made by the pipeline from metadata (see pipeline.report_key)."""
        return self._id("report", key)

    def span(self, report: URIRef, start: int, end: int) -> URIRef:
        return URIRef(f"{report}/span/{start}-{end}")

    def section(self, report: URIRef, kind: str, start: int) -> URIRef:
        return URIRef(f"{report}/section/{kind}-{start}")

    def evidence(self, report: URIRef, field_name: str) -> URIRef:
        return URIRef(f"{report}/evidence/{slug(field_name)}")

    def dataset(self, report: URIRef) -> URIRef:
        """The qb:DataSet of one report's observations."""
        return URIRef(f"{report}/dataset")

    def observation(self, report: URIRef, start: int, end: int, indicator: str | None = None) -> URIRef:
        """``indicator`` tells apart two observations of one number ("both ranking third")."""
        base = f"{report}/obs/{start}-{end}"
        return URIRef(f"{base}/{slug(indicator)}" if indicator else base)

    def local_indicator(self, phrase: str) -> URIRef:
        """An indicator the scheme lacks, shared by every report that uses the same phrase.

        The slug alone is readable but lossy: phrases that differ only in punctuation, or
        share their first 80 characters, would share an IRI (and so carry two labels). Such
        phrases get a short hash of the exact phrase appended; plain ones keep the bare slug."""
        name = slug(phrase, max_len=80)
        if len(name) < len(slug(phrase, max_len=10_000)) or re.search(r"[^a-z0-9 \-]", phrase):
            name = f"{slug(phrase, max_len=70)}-{hashlib.sha256(phrase.encode('utf-8')).hexdigest()[:8]}"
        return self._id("indicator", name)

    def person(self, name: str) -> URIRef:
        return self._id("person", slug(name))

    def organization(self, name: str) -> URIRef:
        return self._id("org", slug(name))

    def graph_dataset(self) -> URIRef:
        return URIRef(self.base + "data/graph")


def place_iri(code: str) -> URIRef:
    return PLACE[code]


def period_iri(period: str) -> URIRef:
    """Reference period IRIs (reference.data.gov.uk, as used with RDF Data Cube).

    "2022" -> year/2022; "2021/2025" -> gregorian-interval/2021-01-01T00:00:00/P5Y;
    "2020-01/2020-11" -> gregorian-interval/2020-01-01T00:00:00/P11M.
    """
    m = re.fullmatch(r"(\d{4})", period)
    if m:
        return INTERVAL[f"year/{m[1]}"]
    m = re.fullmatch(r"(\d{4})/(\d{4})", period)
    if m:
        years = int(m[2]) - int(m[1]) + 1
        return INTERVAL[f"gregorian-interval/{m[1]}-01-01T00:00:00/P{years}Y"]
    m = re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", period)
    if m:
        months = (int(m[3]) - int(m[1])) * 12 + int(m[4]) - int(m[2]) + 1
        return INTERVAL[f"gregorian-interval/{m[1]}-{m[2]}-01T00:00:00/P{months}M"]
    raise ValueError(f"not a period: {period!r} (expected YYYY, YYYY/YYYY or YYYY-MM/YYYY-MM)")
