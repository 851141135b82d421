"""Where an IRI answers: the mapping between IRIs and the paths of a server or a site.

Instance IRIs are minted under the build's base (``{base}id/…``), the vocabulary and
the gazetteer under the fixed ``https://w3id.org/cngov/`` (``def/…``, ``id/place/…``).
Both are served from one root: ``{base}id/report/x`` answers at ``/id/report/x``, so a
server on localhost answers for every IRI of the build, and every link in a page
points at the server that rendered it, not at the public host.

    /id/X          a thing (report, observation, place, ...) -> 303 See Other to /doc/X
    /doc/X         the document about /id/X (.html, .ttl, .nt, .jsonld variants)
    /def/…         the vocabulary: documents, answered directly (no 303)
    /data/…        the dataset: its description (VoID, DCAT) and its dumps
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rdf.namespaces import VOCAB_BASE


@dataclass(frozen=True)
class Site:
    base: str  # the build's instance base
    root: str = "/"  # the path ``base`` is served at
    static: bool = False  # links to files (/doc/X.html) instead of IRIs the server redirects

    @property
    def prefixes(self) -> list[str]:
        """The IRI prefixes served at the root, longest first."""
        return sorted({self.base, VOCAB_BASE}, key=lambda p: (-len(p), p))

    def relative(self, iri: str) -> str | None:
        """``{base}id/report/x`` -> ``id/report/x``; None for an IRI served elsewhere."""
        for prefix in self.prefixes:
            if iri.startswith(prefix):
                return iri[len(prefix):]
        return None

    def candidates(self, path: str) -> list[str]:
        """The IRIs a request path may name: under the base first, then the vocabulary base."""
        rel = path.lstrip("/")
        return [prefix + rel for prefix in sorted({self.base, VOCAB_BASE}, key=lambda p: p != self.base)]

    def doc_path(self, iri: str, fmt: str | None = None) -> str | None:
        """The local path of the document describing ``iri`` (``/doc/X`` for ``/id/X``;
        vocabulary and data IRIs are their own documents); ``.fmt`` appended when given."""
        rel = self.relative(iri)
        if rel is None:
            return None
        rel, hash_, fragment = rel.partition("#")
        if rel.startswith("id/"):
            rel = "doc/" + rel[3:]
        if fmt and not rel.endswith("/"):
            rel += "." + fmt
        return self.root + rel + hash_ + fragment

    def href(self, iri: str) -> str:
        """Where a link to ``iri`` points: its local path (the server answers with a 303),
        or in a static site the HTML file of its document; other IRIs stay as they are."""
        rel = self.relative(iri)
        if rel is None:
            return iri
        if self.static:
            if "." in rel.rsplit("/", 1)[-1].split("#")[0]:
                return self.root + rel  # a file of the site itself (data/graph.ttl)
            return self.doc_path(iri, "html") or iri
        return self.root + rel
