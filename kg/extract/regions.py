"""Regions named in a report: economic regions, river basins, metropolitan areas, corridors.

The regions and their spellings are data (ontology/regions.ttl, SKOS); this module only
matches them. Names are compared word by word, case-insensitively, with NBSP, runs of
spaces, hyphens and "&" between words ("Yangtze\\u00a0\\u00a0River Delta", "Sci-tech"), words
glued to a lower-case word before them ("theYangtze") and one doubled word
("Yangtze River River Delta") tolerated. Longest name wins.

A skos:hiddenLabel names a region only in reports of a province the region touches:
"Greater Bay Area" is Zhejiang's own bay-area strategy in a Zhejiang report and the
Guangdong-Hong Kong-Macao one elsewhere. A name followed by a feature word ("Hangzhou
Bay Bridge") names the feature, not the region. A plural head with a list of names
("the metropolitan areas of A, B and C") mentions each "A metropolitan area" that exists.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from rdflib import Graph, Literal, URIRef

from ..errors import DataError
from ..model import RegionMention
from ..rdf.namespaces import KG, RDF, SDO, SKOS

REGION_NS = "https://w3id.org/cngov/id/region/"
SCHEME = URIRef("https://w3id.org/cngov/def/regions")
REGION_KINDS = ("economic region", "economic belt", "river basin", "bay area", "city cluster",
                "metropolitan area", "corridor", "geographic region")
# words after a name that make it a feature's name ("Hangzhou Bay Bridge", "Sunan Canal")
FEATURES = frozenset({"bridge", "bridges", "tunnel", "road", "street", "avenue", "canal", "railway",
                      "expressway", "highway", "station", "airport"})
# plural heads that take a list of names: "the metropolitan areas of A, B and C"
LIST_HEADS = {"metropolitan areas": "metropolitan area", "metropolitan circles": "metropolitan circle",
              "city clusters": "city cluster"}

# a word: letters or digits; a lower-to-upper change starts a new word ("theYangtze")
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])|[A-Z]")
_GAP = re.compile(r"[ \t\u00a0\-\u2010\u2011\u2013&'\u2019]*\n?[ \t\u00a0]*")
_LIST = re.compile(r"\b(metropolitan areas|metropolitan circles|city clusters)[ \u00a0]+of[ \u00a0]+"
                   r"((?:[A-Z][\w\-]*(?:[ \u00a0]+[A-Z][\w\-]*)*(?:,?[ \u00a0]+and[ \u00a0]+|,[ \u00a0]*)?)+)")
_ITEM = re.compile(r"[A-Z][\w\-]*(?:[ \u00a0]+[A-Z][\w\-]*)*")


@dataclass(frozen=True)
class Region:
    key: str  # last segment of the IRI (a slug)
    name: str  # the English prefLabel
    kind: str  # one of REGION_KINDS
    places: tuple[str, ...]  # GB/T 2260 codes it contains or spans
    provinces: frozenset[str]  # the province-level codes among and above ``places``


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-case word) of every word of ``text``."""
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]


def _province(code: str) -> str:
    return code if code == "CN" else code[:2] + "0000"


class RegionCatalogue:
    """The regions of ontology/regions.ttl, indexed by key and by name."""

    def __init__(self, graph: Graph, where: str = "ontology/regions.ttl"):
        self.graph = graph
        self.regions: dict[str, Region] = {}
        self.names: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)  # words -> [(key, role)]
        self.exact: set[tuple[str, ...]] = set()  # acronyms: matched only as written (upper case)
        for iri in sorted(set(graph.subjects(RDF.type, KG.Region))):
            self._add(iri, where)
        if not self.regions:
            raise DataError("no kg:Region in the file", path=where)
        self.longest = max(map(len, self.names))

    def _add(self, iri, where: str) -> None:
        key = str(iri).removeprefix(REGION_NS)
        prefs = [str(o) for o in self.graph.objects(iri, SKOS.prefLabel) if getattr(o, "language", None) == "en"]
        kinds = [str(o) for o in self.graph.objects(iri, KG.regionKind)]
        if not str(iri).startswith(REGION_NS) or len(prefs) != 1 or len(kinds) != 1 or kinds[0] not in REGION_KINDS:
            raise DataError(f"region {iri}: needs one English skos:prefLabel and one kg:regionKind "
                            f"of {', '.join(REGION_KINDS)}", path=where)
        places = sorted({str(o).rsplit("/", 1)[1] for p in (SDO.containsPlace, KG.spans)
                         for o in self.graph.objects(iri, p)})
        self.regions[key] = Region(key, prefs[0], kinds[0], tuple(places), frozenset(map(_province, places)))
        for role, predicate in (("pref", SKOS.prefLabel), ("alt", SKOS.altLabel), ("hidden", SKOS.hiddenLabel)):
            for label in sorted(str(o) for o in self.graph.objects(iri, predicate)):
                self._name(label, key, role, where)

    def _name(self, label: str, key: str, role: str, where: str) -> None:
        tokens = tuple(w for _, _, w in words(label))
        if not tokens:
            raise DataError(f"region {key}: empty label {label!r}", path=where)
        if (key, role) in self.names[tokens] or any(k == key for k, _ in self.names[tokens]):
            return
        if any(k != key and r != "hidden" and role != "hidden" for k, r in self.names[tokens]):
            raise DataError(f"label {label!r} names two regions ({key} and another); make one hidden", path=where)
        self.names[tokens].append((key, role))
        if len(tokens) == 1 and label.isupper() and len(label) <= 4:
            self.exact.add(tokens)

    def resolve(self, tokens: tuple[str, ...], province: str | None) -> str | None:
        """The region a name means in a report of ``province`` (rule in the module docstring)."""
        candidates = self.names.get(tokens, [])
        hidden = [k for k, r in candidates if r == "hidden" and province in self.regions[k].provinces]
        if hidden:
            return min(hidden)
        shown = [k for k, r in candidates if r != "hidden"]
        return min(shown, key=lambda k: (province not in self.regions[k].provinces, k)) if shown else None

    def iri(self, key: str) -> URIRef:
        return URIRef(REGION_NS + key)

    def triples_for(self, keys) -> Graph:
        """The regions.ttl statements about these regions and the scheme (self-contained graphs)."""
        out = Graph()
        for subject in [SCHEME, *(self.iri(k) for k in sorted(set(keys)))]:
            for p, o in self.graph.predicate_objects(subject):
                out.add((subject, p, o))
        return out


@functools.lru_cache(maxsize=1)
def default_catalogue() -> RegionCatalogue:
    """The bundled regions (kg.ontology/regions.ttl), loaded once per process."""
    resource = resources.files("kg.ontology") / "regions.ttl"
    try:
        graph = Graph().parse(data=resource.read_text("utf-8"), format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise DataError(f"cannot read the regions: {e}", path="ontology/regions.ttl") from e
    return RegionCatalogue(graph)


def _match(text: str, toks: list, i: int, cat: RegionCatalogue) -> tuple[int, tuple[str, ...]] | None:
    """(tokens consumed, label words) of the longest name starting at token ``i``."""
    best, path, j = None, (), i
    while j < len(toks) and len(path) < cat.longest:
        if path and not _GAP.fullmatch(text, toks[j - 1][1], toks[j][0]):
            break
        word = toks[j][2]
        if path and word == path[-1] and j + 1 < len(toks) and (*path, word) not in cat.names:
            j += 1  # a doubled word ("River River")
            continue
        path = (*path, word)
        if path in cat.names and (path not in cat.exact or text[toks[j][0]:toks[j][1]].isupper()):
            best = (j - i + 1, path)
        j += 1
    return best


def find_regions(text: str, province: str | None = None,
                 catalogue: RegionCatalogue | None = None) -> list[RegionMention]:
    """Every region named in ``text``, in text order; ``province``: the report's province code."""
    cat = catalogue or default_catalogue()
    toks = words(text)
    out: list[RegionMention] = []
    i = 0
    while i < len(toks):
        hit = _match(text, toks, i, cat)
        if hit is None:
            i += 1
            continue
        n, path = hit
        follower = toks[i + n][2] if i + n < len(toks) else ""
        key = cat.resolve(path, province)
        if key and follower not in FEATURES:
            out.append(RegionMention(toks[i][0], toks[i + n - 1][1], key, "label"))
        i += n
    out += _listed(text, province, cat, {(m.start, m.end) for m in out})
    return sorted(out, key=lambda m: (m.start, m.end))


def _listed(text: str, province: str | None, cat: RegionCatalogue, taken: set) -> list[RegionMention]:
    """Regions named by a plural head and a list: "the metropolitan areas of A, B and C"."""
    out = []
    for m in _LIST.finditer(text):
        head = LIST_HEADS[m.group(1)]
        for item in _ITEM.finditer(text, m.start(2), m.end(2)):
            tokens = tuple(w for _, _, w in words(item.group() + " " + head))
            key = cat.resolve(tokens, province)
            if key and (item.start(), item.end()) not in taken:
                out.append(RegionMention(item.start(), item.end(), key, "list"))
    return out


def extract_regions(segmented, metadata) -> list[RegionMention]:
    """The regions named in one report (its province decides what a hidden label means)."""
    province = metadata.province.code if metadata.province else None
    return find_regions(segmented.document.text, province)
