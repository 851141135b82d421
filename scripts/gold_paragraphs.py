#!/usr/bin/env python3
"""Print the paragraph ranges a gold annotation of a report must cover (docs/gold.md).

Why a script: the annotated paragraphs are chosen by a fixed rule, not by hand, so the
gold cannot be cherry-picked towards what an extractor already gets right. The rule:
every paragraph of the ``targets`` section(s), plus the five paragraphs elsewhere in the
report with the most digit characters (ties: the earlier paragraph first). A paragraph
that segmentation rejoined across a page break is one range (Paragraph.start/end).

Usage:
    python scripts/gold_paragraphs.py REPORT.txt [REPORT.txt ...]   # JSON, one line per report
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.ingest import read_document
from kg.model import Segmented
from kg.segment import segment

TOP_DIGIT_PARAGRAPHS = 5


def digit_count(text: str) -> int:
    """Digit characters of a paragraph: ASCII digits only, as the rule counts them."""
    return sum(1 for ch in text if "0" <= ch <= "9")


def gold_paragraphs(segmented: Segmented, top: int = TOP_DIGIT_PARAGRAPHS) -> list[tuple[int, int]]:
    """The (start, end) ranges to annotate, in text order."""
    text = segmented.document.text
    targets: list[tuple[int, int]] = []
    others: list[tuple[int, int]] = []
    for section in segmented.sections:
        bucket = targets if section.kind == "targets" else others
        bucket.extend((p.start, p.end) for p in section.paragraphs)
    ranked = sorted(others, key=lambda r: (-digit_count(text[r[0] : r[1]]), r[0]))
    return sorted(set(targets) | set(ranked[:top]))


def paragraphs_for(path: str | Path) -> list[tuple[int, int]]:
    """Read and segment one report, then apply the rule."""
    return gold_paragraphs(segment(read_document(path)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="+", help="report files (txt, html or pdf)")
    args = parser.parse_args(argv)
    for path in args.reports:
        ranges = [list(r) for r in paragraphs_for(path)]
        print(json.dumps({"source": Path(path).name, "paragraphs": ranges}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
