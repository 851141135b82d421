"""Ingest: report files -> :class:`kg.model.Document` (decoded text, offsets kept).

``Document.text`` is the reference every offset in the pipeline points into, so
ingest decodes and nothing more: newlines ("\\r\\n" stays "\\r\\n"), spaces and
typography are left exactly as read; normalisation is the job of ``kg.clean``,
which maps its positions back to this text. A byte-order mark is not text and is
dropped by the codec. What "the text as read" means per format:

* plain text (.txt, .text and anything not sniffed as HTML or PDF): the decoded
  file, decoded strictly in a fixed order that suits English reports from Chinese
  sources: BOM -> UTF-16 without BOM (NUL-byte pattern; other NUL bytes mean
  binary) -> UTF-8 (a file ending inside a character is "truncated") -> GB18030
  (only if the result reads as common Chinese) -> refuse a UTF-8 file with a bad
  byte (naming its offset) -> Windows-1252 (only if the result reads as Western
  text) -> charset-normalizer's guess (only with enough high bytes to judge and a
  low chaos score) -> refuse. A detector alone guesses odd code pages for short
  English texts (cp949 for GBK page furniture, Shift-JIS for one stray byte).
* HTML (.htm, .html, .xhtml or sniffed ``<html``/``<!doctype html``): the main
  text extracted by trafilatura (no scripts, menus or page furniture), one block
  (heading, paragraph, list item, table row) per paragraph, blocks separated by a
  blank line so that segmentation sees paragraphs. Offsets point into that text.
* PDF: the text layer from pypdf, page by page; pages are joined by "\\n\\f\\n" so
  a page boundary is visible as a form feed on a line of its own (segmentation
  rejoins paragraphs cut by a page break). The text layer is Unicode already, so
  ``Document.encoding`` is "pdf" rather than a character set.

Bad inputs raise :class:`kg.errors.InputError` with one line naming the file and
the problem; :func:`read_documents` collects them so the good inputs still run.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError
from .model import Document

log = logging.getLogger("kg.ingest")

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".htm", ".html", ".xhtml")
PDF_SUFFIXES = (".pdf",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MIN_REPORT_CHARS = 200
_MB = 1024 * 1024

# ------------------------------------------------------------------ inputs


def collect(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Expand files and directories into report files, in a deterministic order.

    Directories are walked recursively (sorted, hidden files and directories
    skipped) for files with a report suffix; a file named explicitly is taken
    whatever its suffix. Missing paths and directories without reports become
    errors in the second list instead of stopping the run; duplicates are dropped.
    """
    found: list[Path] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = _walk(path)
            if not files:
                message = f"directory contains no report files ({', '.join(SUFFIXES)})"
                errors.append(InputError(message, path=str(given)))
        elif path.is_file():
            files = [path]
        elif path.exists():
            errors.append(InputError("not a regular file", path=str(given)))
            continue
        else:
            errors.append(InputError("no such file or directory", path=str(given)))
            continue
        for file in files:
            key = os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                found.append(file)
    return found, errors


def _walk(root: Path) -> list[Path]:
    files = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                files.append(Path(folder) / name)
    return files


def read_documents(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES, min_chars: int = MIN_REPORT_CHARS
) -> tuple[list[Document], list[InputError]]:
    """``collect`` then ``read_document`` each file; errors are returned, not raised."""
    files, errors = collect(paths)
    documents = []
    for file in files:
        try:
            documents.append(read_document(file, max_bytes=max_bytes, min_chars=min_chars))
        except InputError as e:
            errors.append(e)
    return documents, errors


# ------------------------------------------------------------------ one file


def read_document(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, min_chars: int = MIN_REPORT_CHARS
) -> Document:
    """Read one report file. Raises InputError (one line) for anything unusable."""
    name = str(path)
    data = _read_bytes(Path(path), name, max_bytes)
    if _is_pdf(Path(path), data):
        text, encoding, media_type = _pdf_text(data, name), "pdf", "application/pdf"
    elif Path(path).suffix.lower() in HTML_SUFFIXES or _sniff_html(data):
        text, encoding = _html_text(data, name)
        media_type = "text/html"
    else:
        text, encoding = decode_text(data, name)
        media_type = "text/plain"
        _check_text(text, name)
    size = len(text.strip())
    if size < min_chars:
        message = f"too short to be a report ({size} characters, at least {min_chars} expected)"
        raise InputError(message, path=name)
    log.info("%s: read %s as %s (%d characters)", name, media_type, encoding, len(text))
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(name, Path(path).name, text, encoding, media_type, sha)


def _size(n: int) -> str:
    """812 MB, 50.4 MB, 46 KB, 300 bytes: enough digits to tell a size from a limit."""
    for unit, scale in (("MB", _MB), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    try:
        if path.is_dir():
            raise InputError("is a directory, not a report file", path=name)
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {_size(size)}, larger than the {_size(max_bytes)} limit (--max-bytes)", path=name
            )
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise InputError("no such file", path=name) from e
    except OSError as e:
        raise InputError(f"cannot read file ({e.strerror or e})", path=name) from e
    if not data:
        raise InputError("empty file (0 bytes)", path=name)
    return data


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _check_text(text: str, name: str) -> None:
    if not text.strip():
        raise InputError("file contains only whitespace", path=name)
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError(f"binary file ({controls} control characters), not a text report", path=name)


# ------------------------------------------------------------------ decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF8_SEQ_RE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Characters a Windows-1252 English text may hold beyond ASCII: Latin-1 letters and
# signs, and the typographic marks of 0x80-0x9f (quotes, dashes, bullet, euro, ...).
_WESTERN_RE = re.compile(
    "[^\u00a0-\u00ff\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u20ac\u2122"
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2039\u203a]"
)
_MAX_CHAOS = 0.1
_MIN_DETECTOR_BYTES = 16
_ASCII_BYTES = bytes(range(128))
_ASCII_RE = re.compile(r"[\x00-\x7f]+")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode report bytes strictly; returns (text, encoding name)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding
    if b"\x00" in data:
        encoding = _sniff_utf16(data)
        if encoding is None:
            raise InputError(f"binary file (NUL byte at byte {data.index(0)}), not a text report", path=name)
        return _strict(data, encoding, name), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        utf8_error = e
    if utf8_error.reason == "unexpected end of data" and _decodes(data[: utf8_error.start], "utf-8"):
        message = f"truncated UTF-8 sequence at byte {utf8_error.start} (file ends inside a character)"
        raise InputError(message, path=name)
    return _legacy(data, name, utf8_error)


def _legacy(data: bytes, name: str, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    """Bytes that are not UTF-8: GB18030, Windows-1252, then a detector, else refuse."""
    text = _decodes(data, "gb18030")
    if text is not None and _looks_chinese(text):
        return text, "gb18030"
    bad = data[utf8_error.start]
    where = f"byte 0x{bad:02x} at byte {utf8_error.start}"
    if len(_UTF8_SEQ_RE.findall(data)) >= data.decode("utf-8", "replace").count("\ufffd"):
        raise InputError(f"undecodable bytes: invalid UTF-8 ({where}) in a UTF-8 file", path=name)
    text = _decodes(data, "cp1252")
    if text is not None and _western(text):
        return text, "cp1252"
    from charset_normalizer import from_bytes  # slow import, rarely needed

    # A detector cannot tell code pages apart from a few stray bytes (it calls one bad
    # byte in an English text Shift-JIS), so it is only asked when there is evidence.
    if len(data.translate(None, _ASCII_BYTES)) >= _MIN_DETECTOR_BYTES:
        best = from_bytes(data).best()
        if best is not None and best.chaos <= _MAX_CHAOS:
            return str(best), best.encoding
    raise InputError(f"undecodable bytes: not UTF-8 ({where}) and no other encoding fits", path=name)


def _western(text: str) -> bool:
    non_ascii = _ASCII_RE.sub("", text)
    return not _WESTERN_RE.search(non_ascii) and len(non_ascii) < 0.3 * len(text)


def _looks_chinese(text: str) -> bool:
    """Mostly common Chinese (GB2312) characters: not Latin text misread as GB18030."""
    non_ascii = _ASCII_RE.sub("", text)
    if not _CJK_RE.search(non_ascii):
        return False
    rare = non_ascii.encode("gb2312", "replace").count(b"?")
    return rare <= 0.1 * len(non_ascii)


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: English text has a NUL in every other byte."""
    sample = data[:4096]
    half = max(1, len(sample) // 2)
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decodes(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        if e.reason in ("truncated data", "unexpected end of data") and e.end >= len(data):
            raise InputError(f"truncated {encoding.upper()} data at byte {e.start}", path=name) from e
        message = f"undecodable bytes: invalid {encoding.upper()} at byte {e.start} ({e.reason})"
        raise InputError(message, path=name) from e


# ------------------------------------------------------------------ HTML

_SNIFF_HTML_RE = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_META_CHARSET_RE = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_XML_DECL_TEXT_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
# What browsers do (WHATWG Encoding): GB2312 and GBK labels mean GB18030's subset,
# Latin-1 and ASCII labels mean Windows-1252.
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "latin_1": "cp1252", "ascii": "cp1252"}
_BLOCK_TAGS = ("head", "p", "item", "quote", "code", "row")
_FALLBACK_DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe")
_FALLBACK_BLOCKS = (
    "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "table",
)  # fmt: skip


def _sniff_html(data: bytes) -> bool:
    return bool(_SNIFF_HTML_RE.search(data[:2048].replace(b"\x00", b"")))


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _XML_DECL_RE.match(head) or _META_CHARSET_RE.search(head)
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None
    return _CHARSET_ALIASES.get(name.replace("-", "_"), name)


def _html_text(data: bytes, name: str) -> tuple[str, str]:
    """Main text of an HTML page, and the charset its bytes were decoded with."""
    charset = None if data.startswith(tuple(b for b, _ in _BOMS)) else _declared_charset(data)
    html = _decodes(data, charset) if charset else None
    if html is None:
        html, charset = decode_text(data, name)
    html = _XML_DECL_TEXT_RE.sub("", html, count=1)  # lxml refuses str with an encoding declaration
    text = _trafilatura_text(html)
    if text is None:
        log.info("%s: trafilatura found no main text, using the <body> text", name)
        text = _body_text(html)
    if not text.strip():
        raise InputError("HTML page has no main text", path=name)
    return text, charset


def _trafilatura_text(html: str) -> str | None:
    import trafilatura  # heavy import, only for HTML inputs
    from lxml import etree

    try:
        xml = trafilatura.extract(
            html, output_format="xml", include_comments=False, include_tables=True, favor_recall=True
        )
    except Exception as e:  # a crash in the extractor must not lose the input: fall back
        log.warning("trafilatura failed (%s: %s), using the <body> text", type(e).__name__, e)
        return None
    if not xml:
        return None
    main = etree.fromstring(xml.encode("utf-8")).find("main")
    if main is None:
        return None
    for lb in main.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    blocks = []
    for el in main.iter(*_BLOCK_TAGS):
        if any(a.tag in _BLOCK_TAGS for a in el.iterancestors()):
            continue  # nested block: its text is part of the outer one
        if el.tag == "row":
            block = " | ".join("".join(cell.itertext()).strip() for cell in el.iter("cell"))
        else:
            block = "".join(el.itertext()).strip()
        if block:
            blocks.append(block)
    return "\n\n".join(blocks) or None


def _body_text(html: str) -> str:
    """Fallback: text of <body> minus scripts and page furniture, blocks on blank lines."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several types for hopeless markup
        return ""
    for el in list(root.iter(*_FALLBACK_DROP)):
        el.drop_tree()
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")
    for el in root.iter(*_FALLBACK_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    return re.sub(r"[ \t]*\n\s*\n\s*", "\n\n", text).strip()


# ------------------------------------------------------------------ PDF


def _decrypt(reader) -> bool:
    """Many published PDFs are encrypted with an empty user password (owner rights only)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # pypdf.errors.DependencyError when AES support is not installed
        return False


def _is_pdf(path: Path, data: bytes) -> bool:
    if data.find(b"%PDF-", 0, 1024) >= 0:
        return True
    return path.suffix.lower() in PDF_SUFFIXES


def _pdf_text(data: bytes, name: str) -> str:
    """Text layer of a PDF, pages joined by "\\n\\f\\n"."""
    if data.find(b"%PDF-", 0, 1024) < 0:
        raise InputError("not a PDF (no %PDF- header)", path=name)
    if b"%%EOF" not in data[-2048:]:
        raise InputError("truncated PDF (no %%EOF marker at the end)", path=name)
    from pypdf import PdfReader  # only for PDF inputs

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _decrypt(reader):
            raise InputError("encrypted PDF (a password is needed to read it)", path=name)
        pages = [(page.extract_text() or "").rstrip("\n") for page in reader.pages]
    except InputError:
        raise
    except Exception as e:  # pypdf raises many types for damaged files
        reason = str(e).splitlines()[0] if str(e) else ""
        raise InputError(f"broken PDF ({type(e).__name__}: {reason})", path=name) from e
    if not any(p.strip() for p in pages):
        raise InputError(f"PDF has no text layer (scanned?), {len(pages)} page(s)", path=name)
    return "\n\f\n".join(pages)
