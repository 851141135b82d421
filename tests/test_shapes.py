"""The SHACL shapes: valid SHACL, core components only, and each shape exercised.

For every NodeShape in shapes/ (discovered, not listed) there is a conforming and a
violating fixture in tests/fixtures/shapes/<ShapeName>.{conforms,violates}.ttl, each
loaded together with _base.ttl (a small conforming report graph). A new shape
without fixtures, or a new property shape that no violating fixture breaks, fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph, URIRef
from rdflib.collection import Collection

from kg.errors import DataError
from kg.rdf.mapping import FIELD_PROPERTIES
from kg.rdf.namespaces import KG, KGSH, RDF, SH, SKOS
from kg.validate import load_graph_file, load_ontology, load_shapes, validate, validate_reports

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
SHAPES = Graph()
for _path in sorted((ROOT / "shapes").glob("*.ttl")):
    SHAPES.parse(_path)
NODE_SHAPES = sorted(s for s in SHAPES.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef))


def local(shape: URIRef) -> str:
    return str(shape).removeprefix(str(KGSH))


def family(shape: URIRef) -> set[str]:
    """The node shape and its property shapes: the shapes a fixture of it may trip."""
    return {str(shape)} | {str(p) for p in SHAPES.objects(shape, SH.property)}


def fixture_graph(name: str) -> Graph:
    path = FIXTURES / name
    if not path.is_file():
        pytest.fail(f"missing fixture {path.relative_to(ROOT)}: every shape needs a .conforms.ttl and a .violates.ttl")
    return Graph().parse(FIXTURES / "_base.ttl").parse(path)


def test_bundled_shapes_are_the_shapes_directory():
    assert len(load_shapes()) == len(SHAPES)
    assert set(load_shapes().subjects(RDF.type, SH.NodeShape)) >= set(NODE_SHAPES)


def meta_validate(shapes: Graph) -> None:
    """pyshacl's public SHACL-SHACL check: raises when the shapes graph is not valid SHACL."""
    pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True, inference="none")


def test_shapes_pass_shacl_shacl():
    meta_validate(SHAPES)


def test_shacl_shacl_check_has_teeth():
    broken = Graph() + SHAPES
    broken.add((KGSH["Report-reportYear"], SH.minCount, URIRef("urn:not-an-integer")))
    with pytest.raises(ReportableRuntimeError, match="SHACL Shapes SHACL"):
        meta_validate(broken)


def test_shapes_use_core_components_only():
    slow = {SH.sparql, SH.SPARQLConstraint, SH.js, SH.JSConstraint, SH.target}
    used = set(SHAPES.predicates()) | set(SHAPES.objects(None, RDF.type))
    assert not used & slow, "sh:sparql/SHACL-JS make pyshacl ~30x slower: use core components"


def test_every_shape_is_named_and_documented():
    shapes = set(NODE_SHAPES) | set(SHAPES.objects(None, SH.property))
    for shape in sorted(shapes):
        assert isinstance(shape, URIRef), f"property shapes need IRIs so results name them: {shape}"
        for prop in (SH.name, SH.description, SH.message):
            assert SHAPES.value(shape, prop), f"{local(shape)} has no {prop.n3(SHAPES.namespace_manager)}"


def test_every_node_shape_has_a_target():
    for shape in NODE_SHAPES:
        assert SHAPES.value(shape, SH.targetClass) is not None, local(shape)


def test_base_fixture_conforms():
    result = validate(Graph().parse(FIXTURES / "_base.ttl"))
    assert result.conforms and not result.findings, result.summary


@pytest.mark.parametrize("shape", NODE_SHAPES, ids=local)
def test_conforming_fixture(shape):
    name = f"{local(shape)}.conforms.ttl"
    data = fixture_graph(name)
    own = Graph().parse(FIXTURES / name)
    target = SHAPES.value(shape, SH.targetClass)
    assert (None, RDF.type, target) in own, f"{name} has no {target} of its own to check"
    result = validate(data)
    assert result.conforms and not result.findings, result.summary


@pytest.mark.parametrize("shape", NODE_SHAPES, ids=local)
def test_violating_fixture(shape):
    result = validate(fixture_graph(f"{local(shape)}.violates.ttl"))
    assert not result.conforms, result.summary
    stray = {f.source_shape for f in result.findings} - family(shape)
    assert not stray, f"results from other shapes {sorted(stray)}:\n{result.summary}"


def test_every_constraint_is_broken_by_some_fixture():
    """Each named shape (node and property) shows up as sh:sourceShape of some violation."""
    seen: set[str] = set()
    for shape in NODE_SHAPES:
        seen |= {f.source_shape for f in validate(fixture_graph(f"{local(shape)}.violates.ttl")).findings}
    named = set().union(*(family(shape) for shape in NODE_SHAPES))
    assert sorted(named - seen) == []


def test_no_stray_fixtures():
    expected = {f"{local(s)}.{kind}.ttl" for s in NODE_SHAPES for kind in ("conforms", "violates")}
    present = {p.name for p in FIXTURES.glob("*.ttl")} - {"_base.ttl"}
    assert sorted(present - expected) == []


def _in_list(shape_name: str) -> set:
    return set(Collection(SHAPES, SHAPES.value(KGSH[shape_name], SH["in"])))


@pytest.mark.parametrize(
    "shape_name, scheme",
    [
        ("Report-documentType", "https://w3id.org/cngov/def/document-type"),
        ("Section-kind", "https://w3id.org/cngov/def/section-kind"),
        ("Place-level", "https://w3id.org/cngov/def/admin-level"),
    ],
)
def test_code_lists_in_shapes_match_the_ontology(shape_name, scheme):
    codelists = Graph().parse(ROOT / "ontology" / "codelists.ttl")
    assert _in_list(shape_name) == set(codelists.subjects(SKOS.inScheme, URIRef(scheme)))


def test_evidence_properties_match_the_mapping():
    assert _in_list("Evidence-forProperty") == set(FIELD_PROPERTIES.values())


def test_shapes_only_mention_declared_kg_terms():
    ontology = load_ontology()
    declared = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}
    used = {t for triple in SHAPES for t in triple if isinstance(t, URIRef) and t.startswith(str(KG))}
    assert sorted(used - declared) == []


def test_gazetteer_places_conform():
    """Every province- and prefecture-level place of ontology/places.ttl (with ancestors)."""
    from kg.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    codes = [p.code for p in gazetteer if p.level in ("province", "prefecture")]
    result = validate(gazetteer.triples_for(codes))
    assert result.conforms and not result.findings, result.summary


# ---------------------------------------------------------------- the validation wrapper


def test_summary_is_readable_and_deterministic():
    data = fixture_graph("PersonShape.violates.ttl")
    first, second = validate(data), validate(data)
    assert first.summary == second.summary
    lines = first.summary.splitlines()
    assert lines[0] == "Conforms: no (5 results: 5 Violation)"
    assert lines[1] == "Violation (5)"
    assert "  Violation  ex:tagged-name  schema:name  A schema:Person needs exactly one schema:name" in first.summary
    assert '(value: "Li Hua"@en)' in first.summary
    assert first.counts == {"Violation": 5, "Warning": 0, "Info": 0}


def test_validate_reports_merges_one_report_per_graph():
    good = Graph().parse(FIXTURES / "_base.ttl")
    bad = fixture_graph("PeriodShape.violates.ttl")
    merged = validate_reports([good, bad])
    alone = validate(bad)
    assert not merged.conforms and merged.findings == alone.findings
    assert len(set(merged.report_graph.subjects(RDF.type, SH.ValidationReport))) == 1
    assert len(set(merged.report_graph.subjects(RDF.type, SH.ValidationResult))) == len(alone.findings)


def test_repeated_results_are_counted_once_per_line():
    bad = fixture_graph("PersonShape.violates.ttl")
    merged = validate_reports([bad, bad])
    assert merged.counts["Violation"] == 10
    assert "ex:no-name  schema:name" in merged.summary and "(x2)" in merged.summary


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("broken.ttl", "this is not turtle", "not valid turtle"),
        ("graph.xyz", "", "unknown RDF file extension"),
        ("missing.ttl", None, "cannot read file"),
    ],
)
def test_load_graph_file_errors_name_the_file(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message) as err:
        load_graph_file(path)
    assert str(path) in str(err.value)


def test_load_graph_file_reads_trig_as_one_graph(tmp_path):
    path = tmp_path / "data.trig"
    path.write_text("<urn:g> { <urn:s> <urn:p> <urn:o> . }\n<urn:s> <urn:p> <urn:o2> .\n", encoding="utf-8")
    assert len(load_graph_file(path)) == 2
