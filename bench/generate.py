"""A synthetic corpus of government work reports, for benchmarks at any size.

    python -m bench.generate N OUTDIR [--seed S] [--size-kb K]

writes N reports (``0000_<code>_<year>.txt`` ...) for N (place, year) pairs drawn from the
gazetteer's prefecture-level cities, counties and county-level cities, and ``corpus.json``:
per file the place, year and the GDP figure as written and as a value (what a test checks kg
reads back). The sentences are templates of our own (bench/templates.py), filled from a
``random.Random`` seeded per report with (seed, index): the same N and seed give byte-identical
files, and the first k reports of a larger corpus are the k reports of a smaller one.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from . import noise, templates as T

KINDS = {"prefecture-level city": "city", "county-level city": "city", "county": "county"}
FIRST_YEAR, LAST_YEAR = 2015, 2024  # review years
_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_ENTITY = re.compile(r"\{(?:policy|campaign|package|project_)")
NAMED_SHARE = 0.15  # share of narrative sentences that name a policy or project (as dense as the samples)


def pick(rng: random.Random, pool: tuple[str, ...]) -> str:
    """A template of ``pool``: one that names a policy or project at NAMED_SHARE, else a plain one."""
    named = rng.random() < NAMED_SHARE
    return rng.choice([t for t in pool if bool(_ENTITY.search(t)) == named] or pool)


@dataclass(frozen=True)
class Site:
    """A place a report can be about: gazetteer code, English name, kind, province, neighbours."""

    code: str
    name: str
    kind: str  # "city" or "county"
    province: str
    neighbours: tuple[str, ...]  # other prefecture-level cities of the province


@lru_cache(maxsize=1)
def sites() -> tuple[Site, ...]:
    """Every eligible place of kg's gazetteer, by code."""
    from kg.gazetteer import default_gazetteer

    gaz = default_gazetteer()
    cities: dict[str, list[str]] = {}
    chosen = []
    for place in sorted(gaz, key=lambda p: p.code):
        kind = KINDS.get(gaz.kind(place))
        province = gaz.province_of(place)
        if kind is None or province is None or not place.name_en.isascii():
            continue
        chosen.append((place, kind, province))
        if gaz.kind(place) == "prefecture-level city":
            cities.setdefault(province.code, []).append(place.name_en)
    return tuple(Site(p.code, p.name_en, kind, prov.name_en,
                      tuple(n for n in cities.get(prov.code, []) if n != p.name_en) or (prov.name_en,))
                 for p, kind, prov in chosen)


def pairs(n: int, seed: int) -> list[tuple[Site, int]]:
    """N (place, year) pairs: the places in a seeded order (all of them before any repeats),
    each with a seeded review year; pair i does not depend on N."""
    order = list(sites())
    random.Random(f"kg-bench:{seed}:places").shuffle(order)
    out = []
    for i in range(n):
        rng = random.Random(f"kg-bench:{seed}:{i}:year")
        out.append((order[i % len(order)], rng.randint(FIRST_YEAR, LAST_YEAR)))
    return out


@dataclass
class Generated:
    """One synthetic report: its text and what the generator knows it wrote."""

    name: str
    text: str
    truth: dict = field(default_factory=dict)


def _num(x: float, digits: int) -> str:
    return f"{x:,.{digits}f}"


def money(rng: random.Random, billions: float) -> str:
    """An amount in one of the ways the translations write money."""
    if billions >= 1000:
        return f"{billions / 1000:.2f} trillion yuan"
    if billions < 1:
        return rng.choice((f"{billions * 1000:.0f} million yuan", f"{billions * 10:.2f} hundred million yuan"))
    x = f"{billions:.2f}"
    return rng.choices((f"{x} billion yuan", f"RMB {x} billion", f"{x} billion RMB", f"{x} billion"), (12, 3, 2, 1))[0]


class Fill(dict):
    """Template values: the report's fixed figures, and a fresh seeded draw for every other field."""

    def __init__(self, rng: random.Random, plan: "Plan", **fixed):
        super().__init__(fixed)
        self.rng, self.plan = rng, plan

    def __missing__(self, key: str) -> str:
        r, p = self.rng, self.plan
        draw = {
            "pct": lambda: f"{r.uniform(0.3, 15):.1f}" + r.choices(("%", " percent"), (9, 1))[0],
            "share": lambda: f"{r.uniform(1, 96):.1f}%", "small": lambda: f"{r.uniform(3, 60):.1f}",
            "money": lambda: money(r, p.gdp * r.uniform(0.004, 0.4)), "count": lambda: str(r.randint(3, 600)),
            "money_s": lambda: money(r, r.uniform(0.05, 0.95)), "big": lambda: _num(r.randint(1000, 150000), 0),
            "yuan": lambda: f"{_num(r.randint(800, 90000), 0)} yuan",
            "usd": lambda: r.choice((f"USD {r.uniform(0.2, 9):.2f} billion", f"{r.uniform(0.2, 9):.2f} billion US dollars",
                                     f"USD {r.randint(50, 900)} million")),
            "rank": lambda: r.choice((f"ranking {r.choice(T.RANK_WORDS)} in {p.site.province}",
                                      f"ranking No. {r.randint(1, 8)} in the province",
                                      f"the {r.choice(T.RANK_WORDS[1:])} highest in {p.site.province}")),
            "mu": lambda: f"{_num(r.randint(500, 90000), 0)} mu", "minutes": lambda: f"{r.randint(15, 70)} minutes",
            "km": lambda: f"{r.uniform(2, 300):.1f} " + r.choice(("km", "kilometers")),
            "tons": lambda: r.choice((f"{r.uniform(0.1, 9):.2f} million tons", f"{_num(r.randint(20000, 900000), 0)} tons")),
            "teu": lambda: f"{r.uniform(0.1, 9):.2f} million TEUs", "age": lambda: f"{r.uniform(77, 84):.2f} years",
            "ugm3": lambda: f"{r.randint(18, 48)} micrograms per cubic meter",
            "policy": lambda: r.choice((p.curated_label, p.campaign_label))(),
            "policy_nat": lambda: r.choice(p.national), "campaign": p.campaign_label,
            "package": p.package,
            "other": lambda: r.choice(p.site.neighbours), "field": lambda: r.choice(T.FIELDS).lower(),
        }
        if key.startswith("project_"):
            return r.choice(p.projects[key[8:]])
        if key not in draw:
            raise KeyError(key)
        return draw[key]()

    def render(self, template: str) -> str:
        text = _CHOICE.sub(lambda m: self.rng.choice(m[1].split("|")), template)
        return " ".join(text.format_map(self).split())


@dataclass
class Plan:
    """The fixed facts of one report, drawn before any sentence is written."""

    site: Site
    year: int
    rng: random.Random
    gdp: float = 0.0  # billion yuan
    national: tuple[str, ...] = ()
    curated: tuple[str, ...] = ()
    projects: dict[str, list[str]] = field(default_factory=dict)
    campaigns: list[tuple[str, str]] = field(default_factory=list)  # (name, head noun): the report's own
    packages: list[tuple[int, str, str]] = field(default_factory=list)  # (number, noun, aim)
    used: dict[str, set[str]] = field(default_factory=lambda: {"policies": set(), "campaigns": set()})

    def curated_label(self) -> str:
        label = self.rng.choice(self.curated)
        self.used["policies"].add(label)
        return noise.quote(label, self.rng) if self.rng.random() < 0.4 else f"{label}"

    def campaign_label(self) -> str:
        name, head = self.rng.choice(self.campaigns)
        self.used["campaigns"].add(f"{name} {head}")
        return f"{noise.quote(name, self.rng)} {head}"

    def package(self) -> str:
        n, noun, aim = self.rng.choice(self.packages)
        return f"{n} {noun} for {aim}" if self.rng.random() < 0.7 else f"the {noise.quote(f'{n} {noun}', self.rng)} for {aim}"


def _policies(site: Site) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Curated policy labels a report of ``site`` may cite: national ones everywhere, the
    provincial ones of ontology/policies.ttl only in their province (they are Zhejiang's)."""
    from kg.resolve import curated_policies

    national, provincial = [], []
    for c in curated_policies():
        (national if c.level == "national" else provincial).append(c.pref_label)
    return tuple(national), tuple(national + (provincial if site.province == "Zhejiang" else []))


def _projects(rng: random.Random, site: Site) -> dict[str, list[str]]:
    """Named projects of the report, grouped by the status the sentences give them."""
    me, near = site.name, sorted(set(site.neighbours))
    others = rng.sample(near, min(3, len(near)))
    rivers, parks, fields = rng.sample(T.RIVERS, 3), rng.sample(T.PARK_WORDS, 5), rng.sample(T.FIELDS, 4)
    pool = [f"{me}-{o} Intercity Railway" for o in others[:2]] + [f"{me}-{o} Expressway" for o in others]
    pool += [f"{me} {r} Bridge" for r in rivers[:2]] + [f"{me} {r} Tunnel" for r in rivers[2:]]
    pool += [f"{me} Railway Station", f"{me} {parks[4]} New Area", f"{me} Vocational and Technical College",
             f"{me} Economic and Technological Development Zone", f"{me} {rivers[0]} Waterway", f"{me} Passenger Transport Hub"]
    if site.kind == "city":
        pool += [f"{me} Metro Line {k}" for k in rng.sample(range(1, 9), 3)]
        pool += [f"{me} International Airport", f"{me} East Railway Station", f"{me} Port Container Terminal",
                 f"{me} University", f"{me} High-speed Railway Station"]
    rng.shuffle(pool)
    labs = [f"{me} Laboratory", f"{me} {fields[0]} Laboratory", f"{me} Institute of {fields[1]}",
            f"{me} {fields[2]} Innovation Center", f"{me} {fields[3]} Research Institute"]
    park = [f"{me} {w} Industrial Park" for w in parks[:2]] + [f"{me} {parks[2]} Science Park", f"{me} {parks[3]} Valley"]
    k = len(pool) // 4
    return {"done": pool[:k], "next": pool[k:2 * k], "new": pool[2 * k:3 * k], "plan": pool[3 * k:],
            "lab": labs, "park": park}


def headline(fill: Fill, plan: Plan) -> tuple[str, dict]:
    """The GDP sentence, and the value written (base units, as kg normalizes it)."""
    r = plan.rng
    growth = f"{r.uniform(1.0, 9.5):.1f}"
    written = money(r, plan.gdp) if plan.gdp >= 1 else f"{plan.gdp:.2f} billion yuan"
    whose = "the city" if plan.site.kind == "city" else "the county"
    sentence = fill.render(f"The gross domestic product (GDP) of {whose} [reached|amounted to|hit] {written}, "
                           f"[a growth of|up|an increase of] {growth}%[ year on year| over the previous year|].")
    number = re.search(r"\d+(?:\.\d+)?", written)[0]
    scale = next(v for w, v in (("trillion", 12), ("hundred million", 8), ("billion", 9), ("million", 6)) if w in written)
    value = Decimal(number).scaleb(scale)
    return sentence, {"gdp_written": written, "gdp_value": str(value.normalize().quantize(Decimal(1))),
                      "gdp_growth": growth}


def _title(plan: Plan, fill: Fill) -> tuple[list[tuple[str, str]], dict]:
    """The title block: title, release date, delivery line, speaker (the metadata kg reads)."""
    r, s, when = plan.rng, plan.site, plan.year + 1
    level = "Municipal" if s.kind == "city" else "County"
    role = "Mayor" if s.kind == "city" else "County Magistrate"
    name = f"{r.choice(T.SURNAMES)} {r.choice(T.GIVEN).capitalize()}{r.choice(('', r.choice(T.GIVEN)))}"
    month, day = r.randint(1, 3), r.randint(5, 28)
    delivered = f"{T.MONTHS[month - 1]} {day}, {when}"
    speaker = r.choice(((name, f"{role} of the {level} People\u2019s Government of {s.name}"), (f"{name}, {role}",)))
    blocks = [("title", f"Report on the Work of the {s.name} {level} Government{r.choice(('', ' '))}({when})"),
              ("title", f"Release date:{when}-{month + r.randint(0, 1):02d}-{day:02d} {r.randint(8, 17):02d}:{r.randint(0, 59):02d}"),
              ("title", "Report on the Work of the Government"),
              ("title", f"Delivered at the {r.choice(T.ORDINALS[:5])} Session of the {r.choice(T.ORDINALS[8:])} "
                        f"{level} People\u2019s Congress of {s.name} on {delivered}")]
    blocks += [("title", line) for line in speaker]
    blocks += [("title", "Fellow Deputies,"), ("para", fill.render(r.choice(T.OPENING)))]
    plan_truth = {"speaker": name, "delivered": f"{when}-{month:02d}-{day:02d}"}
    return blocks, plan_truth


def _review(plan: Plan, fill: Fill, budget: int) -> tuple[list[tuple[str, str]], dict]:
    """The review section: the GDP paragraph, then area paragraphs until ``budget`` characters."""
    r = plan.rng
    blocks = [("heading", r.choice(T.SECTION_REVIEW).format(roman=T.ROMAN[0], year=plan.year)),
              ("para", fill.render(r.choice(T.REVIEW_INTRO)))]
    gdp, truth = headline(fill, plan)
    first = list(T.AREAS["economy"][1])
    r.shuffle(first)
    blocks.append(("para", " ".join([fill.render(r.choice(T.AREAS["economy"][0])), gdp]
                                    + [fill.render(t) for t in first[:r.randint(2, 4)]])))
    size, areas = 0, list(T.AREAS)
    while size < budget:
        tops, pool = T.AREAS[r.choice(areas)]
        sentences = [fill.render(t) for t in r.sample(pool, r.choice((1, 1, 2)))]
        sentences += [fill.render(pick(r, T.NARRATIVE)) for _ in range(r.randint(2, 4))]
        r.shuffle(sentences)
        sentences.insert(0, fill.render(r.choice(tops)))
        blocks.append(("para", " ".join(sentences)))
        size += len(blocks[-1][1])
    blocks.append(("para", fill.render(r.choice(T.PROBLEMS))))
    return blocks, truth


def _targets(plan: Plan, fill: Fill) -> list[tuple[str, str]]:
    r = plan.rng
    tg = r.choice(("5", "5.5", "6", "6.5", "7", "7.5", "6-6.5", "5.5-6"))
    fill.update(tgdp=tg, tpct=f"{r.randint(4, 10)}", tshare=f"{r.uniform(2.2, 3.8):.1f}", tunemp=r.choice(("5", "5.5")),
                tjobs=_num(r.randint(20, 150) * 1000, 0), tdrop=r.choice(("2", "3", "3.5")), tair=str(r.randint(82, 93)))
    items = [T.TARGET_ITEMS[0]] + r.sample(T.TARGET_ITEMS[1:], r.randint(6, len(T.TARGET_ITEMS) - 1))
    body = "; ".join(fill.render(t) for t in items[:-1]) + "; and " + fill.render(items[-1]) + "."
    return [("heading", r.choice(T.SECTION_TARGETS).format(roman=T.ROMAN[1], next=plan.year + 1)),
            ("para", fill.render(r.choice(T.TARGETS_INTRO)) + " " + body)]


def _tasks(plan: Plan, fill: Fill, budget: int) -> list[tuple[str, str]]:
    """The tasks section: numbered headings, each with task paragraphs, until ``budget`` characters."""
    r = plan.rng
    blocks = [("heading", r.choice(T.SECTION_TASKS).format(roman=T.ROMAN[2], next=plan.year + 1))]
    headings = list(T.TASK_HEADINGS)
    r.shuffle(headings)
    size, number = 0, 0
    while size < budget:
        number += 1
        blocks.append(("heading", f"{number}. {fill.render(headings[(number - 1) % len(headings)])}"))
        for _ in range(r.randint(1, 3)):
            sentences = [pick(r, T.TASK_SENTENCES if r.random() < 0.12 else T.TASK_NARRATIVE) for _ in range(r.randint(3, 6))]
            text = " ".join(fill.render(t) for t in sentences)
            blocks.append(("para", text))
            size += len(text)
    return blocks


def generate_report(site: Site, year: int, seed: int, index: int, size_kb: float = 60) -> Generated:
    """One report of about ``size_kb`` KB (the samples are 12-84 KB; most near 60)."""
    rng = random.Random(f"kg-bench:{seed}:{index}:text")
    plan = Plan(site, year, rng)
    # billion yuan, log-uniform: cities 50-2,500, counties 6-200
    plan.gdp = round(10 ** (rng.uniform(1.7, 3.4) if site.kind == "city" else rng.uniform(0.8, 2.3)), 2)
    plan.national, plan.curated = _policies(site)
    plan.projects = _projects(rng, site)
    plan.campaigns = [(w, rng.choice(T.CAMPAIGN_HEADS)) for w in rng.sample(T.CAMPAIGN_WORDS, rng.randint(4, 8))]
    plan.packages = [(rng.randint(5, 40), rng.choice(("policies", "measures")), a) for a in rng.sample(T.PACKAGE_AIMS, 3)]
    rates = noise.Rates.draw(rng)
    fill = Fill(rng, plan, place=site.name, province=site.province, year=plan.year, next=plan.year + 1,
                gov=f"{'Municipal' if site.kind == 'city' else 'County'} People\u2019s Government of {site.name}")
    target = int(size_kb * 1000 * rng.uniform(0.8, 1.2))
    blocks, truth = _title(plan, fill)
    review, gdp = _review(plan, fill, int(target * 0.42))
    blocks += review + _targets(plan, fill) + _tasks(plan, fill, int(target * 0.5))
    blocks.append(("heading", rng.choice(T.SECTION_SELF).format(roman=T.ROMAN[3])))
    blocks += [("para", fill.render(rng.choice(T.NARRATIVE))), ("para", fill.render(rng.choice(T.CLOSING)))]
    blocks = [(k, noise.paragraph(t, rng, rates) if k == "para" else t) for k, t in blocks]
    blocks = noise.page_breaks(blocks, rng, rates)
    tail = [fill.render(d).format(date=f"{plan.year + 1}-03-01") for d in rng.sample(T.DEBRIS[:3], 2)]
    sep = "\n\n" if rng.random() < 0.7 else "\n"
    text = sep.join([t for _, t in blocks] + tail) + "\n"
    truth.update(gdp, code=site.code, place=site.name, province=site.province, review_year=year, report_year=year + 1,
                 policies=sorted(plan.used["policies"]), campaigns=sorted(plan.used["campaigns"]),
                 projects=sorted(p for group in plan.projects.values() for p in group))
    return Generated(f"{index:04d}_{site.code}_{year}.txt", text, truth)


def generate(n: int, seed: int = 0, size_kb: float = 60) -> list[Generated]:
    """N reports for the first N (place, year) pairs of ``seed``."""
    return [generate_report(site, year, seed, i, size_kb) for i, (site, year) in enumerate(pairs(n, seed))]


def write_corpus(n: int, out_dir: Path | str, seed: int = 0, size_kb: float = 60) -> list[Path]:
    """Write the N reports and corpus.json (file -> what was written) into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths, truth = [], {}
    for report in generate(n, seed, size_kb):
        path = out / report.name
        path.write_bytes(report.text.encode("utf-8"))
        paths.append(path)
        truth[report.name] = report.truth
    meta = {"n": n, "seed": seed, "size_kb": size_kb, "reports": truth}
    (out / "corpus.json").write_text(json.dumps(meta, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of reports")
    ap.add_argument("out_dir", type=Path, help="directory to write the reports and corpus.json into")
    ap.add_argument("--seed", type=int, default=0, help="RNG seed (default 0): same N and seed, same bytes")
    ap.add_argument("--size-kb", type=float, default=60, help="about this many KB of text per report (default 60)")
    args = ap.parse_args(argv)
    paths = write_corpus(args.n, args.out_dir, args.seed, args.size_kb)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} reports, {size / 1e6:.1f} MB, in {args.out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
