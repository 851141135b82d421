"""The noise of real inputs, added to the synthetic reports at seeded rates.

What PDF extraction and web pages do to the samples (../shared/reports/README.md): NBSP and runs
of spaces between words, words glued together, decimals split by a space ("29. 14 billion
yuan"), unbalanced or straight quotes, page numbers and web-page debris between (and sometimes
inside) paragraphs. Each function takes the report's ``random.Random`` so the corpus stays
deterministic; none of them touches a heading or the title block.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

_SPACE = re.compile(r"(?<=[A-Za-z0-9,;%]) (?=[A-Za-z0-9])")
_GLUE = re.compile(r"(?<=\b[a-z]{3}) (?=[a-z]{3,}\b)")
# a decimal before a scale word or "times": where PDF extraction splits them in the samples
_DECIMAL = re.compile(r"(?<![\d.])(\d{1,4})\.(\d{1,2})(?=[ -](?:billion|trillion|million|times)\b)")


@dataclass(frozen=True)
class Rates:
    """Per-report noise rates (drawn once per report, so reports differ in how noisy they are)."""

    nbsp: float  # share of word gaps written as NBSP
    double: float  # share of word gaps written as two spaces
    glue: float  # share of gaps between two lower-case words dropped
    split: float  # share of eligible decimals split ("29. 14 billion")
    page: int  # characters between page-number lines, on average
    broken_page: float  # share of page breaks that fall inside a paragraph

    @classmethod
    def draw(cls, rng: random.Random) -> Rates:
        return cls(nbsp=rng.uniform(0.002, 0.02), double=rng.uniform(0.0, 0.004), glue=rng.uniform(0.0005, 0.004),
                   split=rng.uniform(0.1, 0.5), page=rng.randint(2500, 4500), broken_page=rng.uniform(0.05, 0.25))


def _each(pattern: re.Pattern, text: str, rng: random.Random, rate: float, repl) -> str:
    """Replace the matches of ``pattern`` with ``repl(match)`` at ``rate`` (one draw per match)."""
    return pattern.sub(lambda m: repl(m) if rng.random() < rate else m.group(0), text)


def spaces(text: str, rng: random.Random, rates: Rates) -> str:
    """NBSP and doubled spaces between words."""
    def gap(_m: re.Match) -> str:
        return "\u00a0" if rng.random() < rates.nbsp / (rates.nbsp + rates.double + 1e-9) else "  "

    return _each(_SPACE, text, rng, rates.nbsp + rates.double, gap)


def glue(text: str, rng: random.Random, rates: Rates) -> str:
    """Two lower-case words run together ("packagesto")."""
    return _each(_GLUE, text, rng, rates.glue, lambda m: "")


def split_decimals(text: str, rng: random.Random, rates: Rates) -> str:
    """"29.14 billion" -> "29. 14 billion"."""
    return _each(_DECIMAL, text, rng, rates.split, lambda m: f"{m[1]}. {m[2]}")


def paragraph(text: str, rng: random.Random, rates: Rates) -> str:
    """All in-paragraph noise, in the order extraction would make it."""
    return spaces(glue(split_decimals(text, rng, rates), rng, rates), rng, rates)


def quote(name: str, rng: random.Random) -> str:
    """A quoted name as translations write it: mostly curly, sometimes straight, single or broken."""
    r = rng.random()
    if r < 0.72:
        return f"\u201c{name}\u201d"
    if r < 0.84:
        return f'"{name}"'
    if r < 0.90:
        return f"\u2018{name}\u2019"
    if r < 0.95:
        return f"\u201c{name}"  # the closing quote lost
    return f"{name}\u201d"  # the opening quote lost


def page_breaks(blocks: list[tuple[str, str]], rng: random.Random, rates: Rates) -> list[tuple[str, str]]:
    """Insert a page-number line ("— 12 —") about every ``rates.page`` characters, between
    paragraphs or, at ``rates.broken_page``, inside one (the paragraph then runs over the break)."""
    out: list[tuple[str, str]] = []
    since, page = 0, 1
    for kind, text in blocks:
        since += len(text)
        if kind != "para" or since < rates.page:
            out.append((kind, text))
            continue
        since, page = 0, page + 1
        mark = rng.choice((f"\u2014 {page} \u2014", f"- {page} -", f"{page}"))
        cut = text.find(" ", len(text) // 2)
        if rng.random() < rates.broken_page and cut > 0:
            out += [("para", text[:cut]), ("debris", mark), ("para", text[cut + 1:])]
        else:
            out += [(kind, text), ("debris", mark)]
    return out
