"""Readers: one per file format, each giving the same Source (the prose, in reading order) and,
where the format has real tables, the tables themselves. Nothing after a reader knows the file type.

The format is decided from the content (a zip holding word/ or xl/, an OLE2 compound file, %PDF,
an <html> page), not from the extension. Plain text (any of the encodings source.py decodes) has
its tables rebuilt from the flattened text by budgetaudit.tables; .docx, .xlsx/.xls, .html and
.pdf are rendered into a Source by compose.py and hand over their grids as native tables.

The libraries these need (python-docx, openpyxl, xlrd, lxml, pdfplumber) are the optional extra
`budgetaudit[formats]`, imported only when such a file is read.
"""

from __future__ import annotations

import importlib
import io
import re
import struct
import zipfile
import zlib

from ..source import InputError, Source, describe_size, load, max_bytes, read_bytes

EXTRA = "pip install 'budgetaudit[formats]'"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html)", re.I | re.S)
_TAG_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|head|body|meta|table|div|p|title)\b", re.I)
# format -> (module, the libraries it imports)
_READERS = {
    "docx": ("docx", ("docx",)),
    "xlsx": ("xlsx", ("openpyxl",)),
    "xls": ("xls", ("xlrd",)),
    "html": ("html", ("lxml",)),
    "pdf": ("pdf", ("pdfplumber",)),
}
NAMES = {"docx": "Word .docx", "xlsx": "Excel .xlsx", "xls": "Excel .xls", "html": "HTML", "pdf": "PDF"}


def sniff(data: bytes, path: str = "") -> str:
    """The format of a file from its first bytes: docx, xlsx, xls, pdf, html or text."""
    head = data[:2048]
    if head.startswith(b"PK\x03\x04"):
        try:
            members = zipfile.ZipFile(io.BytesIO(data)).infolist()
        except (zipfile.BadZipFile, ValueError):
            raise InputError("a damaged zip file (not a readable .docx or .xlsx)") from None
        _bounded_members(members, data)
        names = [member.filename for member in members]
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
        raise InputError("a zip file that is neither a Word .docx nor an Excel .xlsx document")
    if head.startswith(_OLE2):
        return "xls"
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if _HTML_START.match(head):
        return "html"
    if path.lower().endswith((".htm", ".html", ".xhtml")) and _TAG_START.match(head):
        return "html"
    return "text"


def _bounded_members(members: list, data: bytes) -> None:
    """A zip whose members expand past the size limit is refused before a reader decompresses any. zipfile
    cuts a member at the size its directory declares, but only after inflating up to 2 GB in one call
    (ZipExtFile.read asks zlib for 2**31 - 1 bytes): so each member's stream is also inflated here, a
    megabyte at a time, and must end at its declared size (a 1.5 MB .docx declaring 5,000 bytes for a
    stream of 1.5 GB took 2.1 GB)."""
    limit = max_bytes()
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limit or total > 2 * limit:
            raise InputError(f"its zip member {member.filename[:80]!r} expands to {member.file_size:,} bytes, "
                             f"past the {describe_size(limit)} size limit (--max-bytes)")
    for member in members:
        if member.compress_type == zipfile.ZIP_DEFLATED and not member.flag_bits & 1 and not _inflates_to(data, member):
            raise InputError(f"its zip member {member.filename[:80]!r} does not expand to the "
                             f"{member.file_size:,} bytes its zip directory declares (a damaged or hostile file)")
        elif member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            # bzip2 and LZMA members are inflated whole by zipfile; Word and Excel never write them.
            raise InputError(f"its zip member {member.filename[:80]!r} uses a compression Word and Excel do not "
                             f"(method {member.compress_type})")


def _inflates_to(data: bytes, member: zipfile.ZipInfo) -> bool:
    """Whether a deflated member's stream ends exactly at its declared size, inflated with bounded output."""
    if member.compress_size == 0:  # an empty entry some writers mark deflated
        return member.file_size == 0
    start = member.header_offset
    if data[start:start + 4] != b"PK\x03\x04":
        return False
    name_length, extra_length = struct.unpack("<HH", data[start + 26:start + 30])
    begin = start + 30 + name_length + extra_length
    stream = memoryview(data)[begin:begin + member.compress_size]
    inflater = zlib.decompressobj(-15)
    produced = 0
    try:
        for at in range(0, len(stream), 1 << 16):
            pending = bytes(stream[at:at + (1 << 16)])
            while not inflater.eof:
                out = inflater.decompress(pending, 1 << 20)
                produced += len(out)
                if produced > member.file_size:
                    return False
                pending = inflater.unconsumed_tail
                if not out and not pending:  # all of this piece taken in: the next one
                    break
            if inflater.eof:
                break
    except zlib.error:
        return False
    return inflater.eof and produced == member.file_size


def read(path: str, data: bytes | None = None) -> tuple[Source, list | None]:
    """The Source of one input and its native tables (None: rebuild them from the text)."""
    if data is None:
        data = read_bytes(path)
    kind = sniff(data, path)
    if kind == "text":
        return load(path, data), None
    if kind == "html":
        from ..own_reports import is_own_html

        if is_own_html(data):
            from ..source import NotADisclosure

            raise NotADisclosure("a report written by budgetaudit, not a disclosure")
    module_name, libraries = _READERS[kind]
    for library in libraries:
        try:
            importlib.import_module(library)
        except ImportError:
            raise InputError(f"reading {NAMES[kind]} files needs the optional formats extra: {EXTRA}") from None
    module = importlib.import_module(f".{module_name}", __name__)
    try:
        return module.read(path, data)
    except InputError:
        raise
    except Exception as exc:  # a library's own error on a damaged file: one line, exit 2
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise InputError(f"cannot read this {NAMES[kind]} file: {reason}") from None
