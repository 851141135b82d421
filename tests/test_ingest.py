"""Ingest: the five samples, generated encodings/formats, and every bad-input case.

Generated inputs are written to tmp_path from the samples (re-encoded at test
time) or from short text written here; nothing from the samples is copied.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import DEFAULT_MAX_BYTES, _body_text, collect, read_document, read_documents

from .conftest import sample

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

# A paragraph of our own, long enough to be a report once repeated with variations.
OWN_TEXT = "\n\n".join(
    f"In year {year} the fictional city of Riverton raised its regional output by {pct} percent, "
    f"opened {year % 90} new schools and planted {year * 3} hectares of forest along the river."
    for year, pct in ((2031, "5.2"), (2032, "4.8"), (2033, "6.0"), (2034, "5.5"))
)


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF (Helvetica text objects), offsets computed here."""

    def string(s: str) -> str:
        return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        body = "BT /F1 11 Tf 14 TL 72 760 Td " + " ".join(f"{string(x)} Tj T*" for x in lines) + " ET"
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>"
        )
        objects.append(f"<< /Length {len(body)} >>\nstream\n{body}\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


PDF_PAGES = [
    ["Report on the Work of the Riverton Government", "Regional output reached 123.45 billion yuan,"],
    ["an increase of 6.1 percent over the previous year.", "The city created 41,000 urban jobs in total."],
    ["Targets: growth of around 5.5 percent and prices", "rising by no more than 3 percent next year."],
]


def encrypted_pdf(user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(PDF_PAGES))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- the samples

SAMPLES = [  # prefix, decoded length in characters (bytes differ: NBSP, quotes, CJK)
    ("000", 41118),
    ("001", 75383),
    ("002", 83321),
    ("003", 72429),
    ("004", 11950),
]


@pytest.mark.parametrize("prefix, length", SAMPLES, ids=[s[0] for s in SAMPLES])
def test_sample_reads_as_utf8(reports_dir, prefix, length):
    path = sample(prefix)
    doc = read_document(path)
    assert (doc.encoding, doc.media_type, len(doc.text)) == ("utf-8", "text/plain", length)
    assert doc.text == path.read_bytes().decode("utf-8")
    assert doc.source == path.name and doc.path == str(path)
    assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_encoding_is_logged(reports_dir, caplog):
    with caplog.at_level(logging.INFO, logger="kg.ingest"):
        read_document(sample("004"))
    assert any("utf-8" in r.getMessage() and "004_" in r.getMessage() for r in caplog.records)


def test_collect_walks_directories_sorted_and_skips_hidden(tmp_path, reports_dir):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ("b/z.txt", "b/a.HTML", "a.pdf", "notes.md", ".hidden.txt", ".git/x.txt"):
        (tmp_path / rel).write_text(OWN_TEXT)
    files, errors = collect([tmp_path, tmp_path / "a.pdf"])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a.pdf", "b/a.HTML", "b/z.txt"]
    assert errors == []
    files, _ = collect([reports_dir])
    assert [p.name[:3] for p in files] == ["000", "001", "002", "003", "004"]  # README.md skipped


def test_bad_paths_do_not_stop_good_ones(tmp_path, reports_dir):
    (tmp_path / "empty").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text(OWN_TEXT)
    (tmp_path / "short.txt").write_text("a title only")
    missing = tmp_path / "missing.txt"
    inputs = [missing, tmp_path / "empty", tmp_path / "docs", sample("004"), tmp_path / "short.txt"]
    docs, errors = read_documents(inputs)
    assert [d.source[:3] for d in docs] == ["004"]
    messages = [str(e) for e in errors]
    assert messages == [
        f"{missing}: no such file or directory",
        f"{tmp_path / 'empty'}: directory contains no report files (.txt, .text, .htm, .html, .xhtml, .pdf)",
        f"{tmp_path / 'docs'}: directory contains no report files (.txt, .text, .htm, .html, .xhtml, .pdf)",
        f"{tmp_path / 'short.txt'}: too short to be a report (12 characters, at least 200 expected)",
    ]


# ---------------------------------------------------------------- encodings

ENCODINGS = [
    # sample, how its text becomes bytes, the encoding ingest must report
    ("001", lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    ("001", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16"),
    ("001", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
    ("001", lambda t: t.encode("utf-16-le"), "utf-16-le"),
    ("001", lambda t: t.encode("utf-16-be"), "utf-16-be"),
    ("004", lambda t: t.encode("gb18030"), "gb18030"),
    ("004", lambda t: t.encode("gbk"), "gb18030"),  # English with Chinese page furniture
    ("002", lambda t: t.encode("gb18030"), "gb18030"),  # including a private-use glyph
    ("003", lambda t: t.encode("cp1252"), "cp1252"),  # curly quotes, em dash, middle dot
]
ENCODING_IDS = [
    "utf-8-bom", "utf-16le-bom", "utf-16be-bom", "utf-16le", "utf-16be", "gb18030", "gbk", "gb18030-pua", "cp1252",
]  # fmt: skip


@pytest.mark.parametrize("prefix, encode, encoding", ENCODINGS, ids=ENCODING_IDS)
def test_encodings_decode_to_the_original_text(tmp_path, reports_dir, prefix, encode, encoding):
    original = sample(prefix).read_text(encoding="utf-8")
    path = tmp_path / f"{prefix}.txt"
    path.write_bytes(encode(original))
    doc = read_document(path)
    assert (doc.encoding, doc.text) == (encoding, original)


def test_crlf_is_kept_verbatim(tmp_path, reports_dir):
    original = sample("003").read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "crlf.txt"
    path.write_bytes(original.encode("utf-8"))
    assert read_document(path).text == original


# ---------------------------------------------------------------- HTML and PDF


def test_html_main_text_only():
    doc = read_document(FIXTURES / "report_page.html")
    assert (doc.media_type, doc.encoding) == ("text/html", "utf-8")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Report on the Work of the Riverton Municipal Government"
    assert paragraphs[3].startswith("Over the past year the regional output of Riverton reached 123.45")
    assert "Regional output growth | 5.5%" in paragraphs
    furniture = ("SCRIPT", "font-family", "News Centre", "Related Posts", "All rights reserved", "Home >")
    assert [f for f in furniture if f in doc.text] == []


def test_html_declared_charset_and_sniffing(tmp_path):
    html = (FIXTURES / "report_page.html").read_text(encoding="utf-8")
    expected = read_document(FIXTURES / "report_page.html").text
    gbk = tmp_path / "page.htm"
    declared = html.replace('charset="utf-8"', 'charset="GB2312"').replace("fictional", "虚构")
    gbk.write_bytes(declared.encode("gbk"))
    doc = read_document(gbk)
    assert (doc.encoding, doc.text) == ("gb18030", expected.replace("fictional", "虚构"))
    sniffed = tmp_path / "saved-page.txt"  # HTML saved with a .txt name
    sniffed.write_text(html, encoding="utf-8")
    assert (read_document(sniffed).media_type, read_document(sniffed).text) == ("text/html", expected)
    xhtml = tmp_path / "page.xhtml"
    xhtml.write_bytes(b'<?xml version="1.0" encoding="utf-8"?>\n' + html.encode("utf-8"))
    assert read_document(xhtml).text == expected


def test_html_fallback_body_text():
    html = (
        "<html><head><script>var X = 'SCRIPT';</script></head><body><nav>Menu entry</nav>"
        "<p>First paragraph of the body.</p><div>Second <b>block</b> here.<br>Next line.</div>"
        "<footer>Footer text</footer></body></html>"
    )
    assert _body_text(html) == "First paragraph of the body.\n\nSecond block here.\nNext line."


def test_pdf_text_layer_with_page_breaks(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(PDF_PAGES))
    doc = read_document(path)
    assert (doc.media_type, doc.encoding) == ("application/pdf", "pdf")
    pages = doc.text.split("\n\f\n")
    assert [p.splitlines() for p in pages] == PDF_PAGES


def test_pdf_with_empty_user_password_is_read(tmp_path):
    path = tmp_path / "protected.pdf"
    path.write_bytes(encrypted_pdf(""))
    assert read_document(path).text.split("\n\f\n")[0].splitlines() == PDF_PAGES[0]


# ---------------------------------------------------------------- bad inputs

_GOOD = OWN_TEXT.encode("utf-8")
_QUOTED = OWN_TEXT.replace("fictional", "\u201cfictional\u201d").encode("utf-8")
BAD = [
    # name, bytes, expected part of the one-line message
    ("empty.txt", b"", "empty file (0 bytes)"),
    ("blank.txt", b" \n\t\r\n  \n", "file contains only whitespace"),
    ("blob.txt", bytes(range(256)) * 8, "binary file (NUL byte at byte 0), not a text report"),
    ("controls.txt", b"\x01\x02\x03\x1b" * 200 + _GOOD, "binary file (800 control characters)"),
    ("stray.txt", _QUOTED[:150] + b"\xff" + _QUOTED[150:], "undecodable bytes: invalid UTF-8 (byte 0xff at byte 150)"),
    ("ascii.txt", _GOOD[:100] + b"\x81" + _GOOD[100:], "not UTF-8 (byte 0x81 at byte 100) and no other encoding fits"),
    ("cut.txt", _QUOTED + "\u201c".encode()[:2], f"truncated UTF-8 sequence at byte {len(_QUOTED)}"),
    ("cut16.txt", codecs.BOM_UTF16_LE + OWN_TEXT.encode("utf-16-le")[:-1], "truncated UTF-16 data at byte"),
    ("short.txt", b"Report on the Work of the Government\n\nFellow deputies,", "too short to be a report (54 characters"),
    ("cut.pdf", make_pdf(PDF_PAGES)[:400], "truncated PDF (no %%EOF marker at the end)"),
    ("xref.pdf", make_pdf(PDF_PAGES).replace(b"xref\n0", b"xxxx\n0"), "broken PDF (PdfReadError"),
    ("scan.pdf", make_pdf([[], []]), "PDF has no text layer (scanned?), 2 page(s)"),
    ("fake.pdf", _GOOD, "not a PDF (no %PDF- header)"),
    ("locked.pdf", encrypted_pdf("user-secret"), "encrypted PDF (a password is needed to read it)"),
    ("tiny.html", b"<html><body><nav>Home</nav><script>x()</script></body></html>", "HTML page has no main text"),
]


@pytest.mark.parametrize("name, data, expected", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_clear_line(tmp_path, name, data, expected):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert_one_line(info.value, path, expected)


def assert_one_line(err: InputError, path: Path | str, expected: str) -> None:
    message = str(err)
    assert message.startswith(f"{path}: ")
    assert expected in message
    assert "\n" not in message and "Traceback" not in message
    assert err.path == str(path) and err.exit_code == 2


def test_huge_file_limit(tmp_path, reports_dir):
    path = sample("000")
    with pytest.raises(InputError) as info:
        read_document(path, max_bytes=10 * 1024)
    assert_one_line(info.value, path, "file is 46 KB, larger than the 10 KB limit (--max-bytes)")
    sparse = tmp_path / "huge.txt"  # 60 MB without writing 60 MB: the size is checked before reading
    with sparse.open("wb") as f:
        f.truncate(60 * 1024 * 1024)
    with pytest.raises(InputError) as info:
        read_document(sparse)
    assert DEFAULT_MAX_BYTES == 50 * 1024 * 1024
    assert_one_line(info.value, sparse, "file is 60 MB, larger than the 50 MB limit (--max-bytes)")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError) as info:
        read_document(tmp_path / "nope.txt")
    assert_one_line(info.value, tmp_path / "nope.txt", "no such file")
    with pytest.raises(InputError) as info:
        read_document(tmp_path)
    assert_one_line(info.value, tmp_path, "is a directory, not a report file")
