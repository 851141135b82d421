"""The offline HTML viewer: one self-contained page that draws a graph (issue 5).

``render_html(elements, title)`` takes Cytoscape.js elements JSON and returns the text
of one HTML file with its own CSS and vanilla JavaScript inside (no library, no CDN,
no network), so the page opens from a file:// URL, an e-mail attachment or a USB stick.
"""

from .render import render_html

__all__ = ["render_html"]
