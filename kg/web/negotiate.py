"""Content negotiation: the Accept header (RFC 9110 §12.5.1) or a file extension -> a format.

A format is a short name (``html``, ``ttl``, ``nt``, ``jsonld`` for documents; ``json``,
``xml``, ``csv``, ``tsv`` for SPARQL results). An *offer* list names the formats a
resource has, in the server's order of preference, each with the media types that ask
for it. The client's ranking wins: the highest q, then the most specific match
(``text/turtle`` beats ``text/*`` beats ``*/*``), then the server's order, so that
``Accept: text/turtle, */*`` gets Turtle and a browser's ``text/html, */*;q=0.8`` HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

# format -> (canonical media type, other media types that ask for it)
MEDIA: dict[str, tuple[str, ...]] = {
    "html": ("text/html", "application/xhtml+xml"),
    "ttl": ("text/turtle", "application/x-turtle"),
    "nt": ("application/n-triples", "text/plain"),
    "jsonld": ("application/ld+json", "application/json"),
    "json": ("application/sparql-results+json", "application/json"),
    "xml": ("application/sparql-results+xml", "application/xml", "text/xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
}
EXTENSIONS = {"html": "html", "ttl": "ttl", "nt": "nt", "jsonld": "jsonld"}  # /doc/X.<ext> -> format
DOCUMENT = ("html", "ttl", "nt", "jsonld")  # what a resource's document is offered as
RESULTS = ("json", "xml", "csv", "tsv", "html")  # SELECT and ASK results
GRAPH = ("ttl", "nt", "jsonld", "html")  # CONSTRUCT and DESCRIBE results
# ?format= values some SPARQL clients send, beside the short names
FORMAT_ALIASES = {"turtle": "ttl", "ntriples": "nt", "n-triples": "nt", "json-ld": "jsonld", "text": "tsv"}


def media_type(fmt: str) -> str:
    return MEDIA[fmt][0]


@dataclass(frozen=True)
class Range:
    type: str
    subtype: str
    q: float

    def match(self, media: str) -> int:
        """Specificity of the match with ``media``: 2 exact, 1 type/*, 0 */*, -1 none."""
        kind, _, sub = media.partition("/")
        if self.type == "*":
            return 0
        if self.type != kind:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str | None) -> list[Range]:
    """The media ranges of an Accept header; malformed parts are skipped, q defaults to 1."""
    ranges = []
    for part in (header or "").split(","):
        media, *params = [p.strip() for p in part.split(";")]
        kind, slash, sub = media.lower().partition("/")
        if not slash or not kind or not sub:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append(Range(kind, sub, q))
    return ranges


def choose(accept: str | None, offers: tuple[str, ...]) -> str | None:
    """The format of ``offers`` the client prefers; the first offer when there is no
    Accept header; None when nothing offered is acceptable (406)."""
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best, best_key = None, None
    for order, fmt in enumerate(offers):
        for media in MEDIA[fmt]:
            matches = [(r.match(media), r.q) for r in ranges if r.match(media) >= 0]
            if not matches:
                continue
            specificity, q = max(matches)  # the most specific range decides q (RFC 9110)
            key = (q, specificity, -order)
            if q > 0 and (best_key is None or key > best_key):
                best, best_key = fmt, key
    return best


def from_param(value: str | None, offers: tuple[str, ...]) -> str | None:
    """A ``?format=`` value (short name, alias or media type) -> a format of ``offers``."""
    if not value:
        return None
    value = FORMAT_ALIASES.get(value.strip().lower(), value.strip().lower())
    if value in offers:
        return value
    for fmt in offers:
        if value in MEDIA[fmt]:
            return fmt
    return None


def split_extension(path: str) -> tuple[str, str | None]:
    """'report/x.ttl' -> ('report/x', 'ttl'); a path without a known extension -> (path, None)."""
    stem, dot, ext = path.rpartition(".")
    if dot and "/" not in ext and ext in EXTENSIONS:
        return stem, EXTENSIONS[ext]
    return path, None
