"""Linked-data publishing of a build: `kg serve` (a Starlette app on uvicorn).

    create_app(out_dir, config) -> Starlette   kg.web.app
    render_resource(iri, data, site) -> str    kg.web.pages (pure: also for static sites)
    GraphData.load(out_dir)                    kg.web.data (the build's triples, indexed)
    serve(out_dir, ...)                        kg.web.server (binds, announces, runs uvicorn)
"""

from __future__ import annotations


def create_app(*args, **kwargs):
    """kg.web.app.create_app, imported on first use (Starlette is only needed to serve)."""
    from .app import create_app as make

    return make(*args, **kwargs)
