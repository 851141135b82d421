"""`kg publish`: the pages and data of `kg serve` as static files, for any static host.

    SITE/doc/X.html .ttl .nt .jsonld      the document about {base}id/X, in four formats
    SITE/def/X.html .ttl .nt .jsonld      vocabulary terms and code-list concepts
    SITE/def/kg.html, SITE/def/index.html the ontology
    SITE/data/index.html .ttl .nt .jsonld the dataset description (VoID + DCAT)
    SITE/data/graph.ttl, graph.trig       the dumps
    SITE/index.html                       the landing page (the dataset's)

Links are relative ("../../doc/report/x.html"), so the site works from any directory of
any host and opened from disk (file://); a static host cannot answer /id/X with a 303,
so pages link to the documents' files directly (docs/model.md, "Dereferencing"). The
site is written into a temporary directory that replaces SITE only when complete.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from ..fsutil import atomic_dir
from . import pages, rdfdoc, void
from .data import GraphData
from .site import Site

FORMATS = ("ttl", "nt", "jsonld")
ONTOLOGY = "https://w3id.org/cngov/def/kg"


def _site_for(base: str, path: str) -> Site:
    """The Site whose links are relative to the page at ``path`` (e.g. doc/report/x.html)."""
    return Site(base, root="../" * path.count("/"), static=True)


def _write(root: Path, path: str, data: str | bytes) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def documents(data: GraphData) -> list[str]:
    """The IRIs (without fragment) that get a document: every subject under our prefixes."""
    site = Site(data.base)
    return sorted(key for key in data.docs if site.relative(key) is not None and site.relative(key) != "")


def publish(out_dir: Path, site_dir: Path, progress: Callable[[str, str], None] | None = None) -> dict[str, int]:
    """Write the static site of the build in ``out_dir`` into ``site_dir``; returns counts."""
    data = GraphData.load(out_dir)
    summary = void.summary(data, out_dir, data.build_subjects)
    description = void.triples(summary)
    data.add(description)
    counts = {"documents": 0, "files": 0}
    with atomic_dir(Path(site_dir)) as tmp:
        keys = documents(data)
        for number, iri in enumerate(keys, 1):
            if progress and (number % 2000 == 0 or number == len(keys)):
                progress("publish", f"[{number}/{len(keys)}] documents")
            stem = Site(data.base).doc_path(iri).lstrip("/")
            if stem.endswith("/") or stem == "":
                continue
            html_path = stem + ".html"
            site = _site_for(data.base, html_path)
            if iri == ONTOLOGY:
                html, triples = pages.render_ontology(data, site), data.vocabulary
            elif iri == summary["iri"]:
                continue  # the dataset description: data/index.* below
            else:
                html, triples = pages.render_resource(iri, data, site), data.describe(iri).triples()
            _write(tmp, html_path, html)
            for fmt in FORMATS:
                _write(tmp, f"{stem}.{fmt}", rdfdoc.serialize(triples, fmt, data.base))
            counts["documents"] += 1
            counts["files"] += 1 + len(FORMATS)
        _write(tmp, "def/index.html", pages.render_ontology(data, _site_for(data.base, "def/index.html")))
        for path in ("data/index.html", "index.html"):
            _write(tmp, path, pages.render_dataset(summary, data, _site_for(data.base, path)))
        for fmt in FORMATS:
            _write(tmp, f"data/index.{fmt}", rdfdoc.serialize(description, fmt, data.base))
        for name in void.DUMPS:
            if (Path(out_dir) / name).is_file():
                shutil.copyfile(Path(out_dir) / name, tmp / "data" / name)
        counts["files"] += 4 + len(FORMATS) + len(void.DUMPS)
    return counts
