"""Bad input: one clear line naming the file and the problem, non-zero exit,
no traceback, no half-written output, good inputs of the same run still built."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import sample


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)), catch_exceptions=False)


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("kg: error:")]


def make_empty(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    return path


def make_binary(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 64)
    return path


def make_undecodable(tmp_path):
    path = tmp_path / "latin.txt"
    good = sample("000").read_bytes()[:4000]
    path.write_bytes(good + b"\xff\xfe\xfa broken \x80\x81" + good)
    return path


def make_truncated_utf8(tmp_path):
    path = tmp_path / "truncated.txt"
    data = sample("001").read_bytes()
    cut = data.index("’".encode("utf-8")) + 1  # in the middle of a 3-byte sequence
    path.write_bytes(data[:cut])
    return path


def make_truncated_pdf(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pa")
    return path


def make_missing(tmp_path):
    return tmp_path / "does-not-exist.txt"


def make_empty_dir(tmp_path):
    folder = tmp_path / "no-reports"
    folder.mkdir()
    (folder / "notes.json").write_text("{}")
    return folder


CASES = [
    # maker                 words the one-line message must contain
    (make_empty, "empty"),
    (make_binary, "binary"),
    (make_undecodable, "decod"),
    (make_truncated_utf8, "truncated"),
    (make_truncated_pdf, "pdf"),
    (make_missing, "no such file"),
    (make_empty_dir, "no report"),
]


@pytest.mark.parametrize("maker, words", CASES, ids=[c[0].__name__[5:] for c in CASES])
def test_bad_input_is_one_line_and_good_inputs_still_build(tmp_path, maker, words, reports_dir):
    bad = maker(tmp_path)
    out = tmp_path / "out"
    result = run("build", bad, sample("004"), "-o", out)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = error_lines(result.output)
    assert len(lines) == 1, result.output
    assert bad.name in lines[0] and words in lines[0].lower(), lines[0]
    # the good input was still built
    assert (out / "graph.ttl").is_file()
    assert "Jinhua" in (out / "graph.ttl").read_text("utf-8")
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]


def test_huge_file_is_refused(tmp_path, reports_dir):
    result = run("build", sample("001"), "-o", tmp_path / "out", "--max-bytes", "10000")
    assert result.exit_code == 2
    (line,) = error_lines(result.output)
    assert sample("001").name in line and "limit" in line


def test_only_bad_inputs_write_nothing(tmp_path):
    out = tmp_path / "out"
    result = run("build", make_empty(tmp_path), "-o", out)
    assert result.exit_code == 2
    assert not (out / "graph.ttl").exists()


def test_gbk_input_is_decoded(tmp_path, reports_dir):
    path = tmp_path / "gbk.txt"
    path.write_bytes(sample("004").read_text("utf-8").encode("gb18030"))
    out = tmp_path / "out"
    result = run("-v", "build", path, "-o", out)
    assert result.exit_code == 0, result.output
    assert "Jinhua" in (out / "graph.ttl").read_text("utf-8")


@pytest.fixture(scope="module")
def small_build(tmp_path_factory, reports_dir):
    out = tmp_path_factory.mktemp("small")
    assert run("build", sample("004"), "-o", out, "-q").exit_code == 0
    return out


def test_unknown_preset(small_build):
    result = run("query", "no-such-preset", "-o", small_build)
    assert result.exit_code == 2
    (line,) = error_lines(result.output)
    assert "unknown preset 'no-such-preset'" in line


def test_malformed_query_names_the_position(small_build, tmp_path):
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ?p }\n")
    result = run("query", bad, "-o", small_build)
    assert result.exit_code == 2
    (line,) = error_lines(result.output)
    assert "malformed SPARQL" in line and ("1:" in line or "column" in line or "line" in line)


def test_query_without_build(tmp_path):
    result = run("query", "reports", "-o", tmp_path / "nothing")
    assert result.exit_code == 2
    (line,) = error_lines(result.output)
    assert "kg build" in line


def test_unknown_param(small_build):
    result = run("query", "reports", "-o", small_build, "--param", "place=Jiaxing")
    assert result.exit_code == 2
    (line,) = error_lines(result.output)
    assert "no parameter place" in line


@pytest.mark.parametrize(
    "content, words",
    [("@prefix ex: <http://e/> .\nex:a ex:b", "turtle"), ("", "empty"), ("\x00\x01\x02", "")],
    ids=["truncated-turtle", "empty", "binary"],
)
def test_validate_malformed_rdf(tmp_path, content, words):
    path = tmp_path / "bad.ttl"
    path.write_text(content)
    result = run("validate", path)
    assert result.exit_code == 2
    (line,) = error_lines(result.output)
    assert path.name in line and words in line.lower()
