"""Bookmarks (the PDF outline) with their headings' own text.

Why: Chromium (156) builds the outline from the headings, but where a heading
wraps onto a second line it drops the space: "tegen vocht en schimmel" becomes
"tegen vocht enschimmel" in the reader's bookmark panel. The outline's order,
nesting and targets are right, so this module only puts back each title, taken
from the HTML that was printed.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:  # pypdf is the optional 'pdf' extra: imported where it is used
    from pypdf.generic import DictionaryObject, IndirectObject

HEADING = re.compile(r"h[1-6]")


class _Headings(HTMLParser):
    """Text of every heading in document order, without permalink signs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._parts: list[str] | None = None
        self._permalink = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if HEADING.fullmatch(tag):
            self._parts = []
        elif self._parts is not None and "headerlink" in (dict(attrs).get("class") or "").split():
            self._permalink += 1

    def handle_endtag(self, tag: str) -> None:
        if HEADING.fullmatch(tag) and self._parts is not None:
            self.found.append(" ".join("".join(self._parts).split()))
            self._parts = None
        elif tag == "a" and self._permalink:
            self._permalink -= 1

    def handle_data(self, data: str) -> None:
        if self._parts is not None and not self._permalink:
            self._parts.append(data)


def heading_texts(html: str) -> list[str]:
    """Every heading's text, in the order a PDF outline lists them."""
    parser = _Headings()
    parser.feed(html)
    return parser.found


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _items(node: DictionaryObject) -> list[IndirectObject]:
    """References to the outline items below ``node`` in reading order (depth first)."""
    found: list[IndirectObject] = []
    reference = node.get("/First")
    while reference is not None:
        child = reference.get_object()
        found += [reference, *_items(child)]
        reference = child.get("/Next")
    return found


STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")


def repair_outline(data: bytes, headings: list[str]) -> bytes:
    """``data`` with each bookmark titled like its heading in ``headings``.

    Bookmarks and headings are matched in order on their text without white
    space; a heading that has no bookmark (hidden on paper) is skipped, and a
    bookmark without a matching heading keeps Chromium's title.

    The new titles are appended as an incremental update (PDF 1.4, section 3.4.5):
    only the changed bookmarks are written again. Rewriting the whole file with
    pypdf's ``PdfWriter`` copied every object of it first: 26 of the 61 s of the
    PDF task (2026-12-04; the book alone is 400 pages).
    """
    from pypdf import PdfReader
    from pypdf.generic import NameObject, TextStringObject

    reader = PdfReader(io.BytesIO(data))
    root = reader.root_object.get("/Outlines")
    previous = STARTXREF.search(data)
    if root is None or previous is None:
        return data
    keys = [_squeeze(h) for h in headings]
    position = 0
    changed: dict[tuple[int, int], DictionaryObject] = {}
    for reference in _items(cast("DictionaryObject", root.get_object())):
        item = cast("DictionaryObject", reference.get_object())
        title = str(item.get("/Title", ""))
        match = next((i for i in range(position, len(keys)) if keys[i] == _squeeze(title)), None)
        if match is None:
            continue
        position = match + 1
        if title != headings[match]:
            item[NameObject("/Title")] = TextStringObject(headings[match])
            changed[(reference.idnum, reference.generation)] = item
    return _append_update(data, reader.trailer, changed, int(previous.group(1))) if changed else data


def _append_update(
    data: bytes, trailer: DictionaryObject, changed: dict[tuple[int, int], DictionaryObject], previous: int
) -> bytes:
    """``data`` followed by the ``changed`` objects, their cross-reference section and a
    trailer that points back at the previous one."""
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    out = io.BytesIO()
    out.write(data if data.endswith(b"\n") else data + b"\n")
    offsets: dict[tuple[int, int], int] = {}
    for (number, generation), item in sorted(changed.items()):
        offsets[(number, generation)] = out.tell()
        out.write(f"{number} {generation} obj\n".encode("ascii"))
        item.write_to_stream(out)
        out.write(b"\nendobj\n")
    table = out.tell()
    out.write(b"xref\n")
    for (number, generation), offset in sorted(offsets.items()):
        out.write(f"{number} 1\n{offset:010d} {generation:05d} n \n".encode("ascii"))
    new_trailer = DictionaryObject({k: v for k, v in trailer.items() if k not in ("/Prev", "/XRefStm")})
    new_trailer[NameObject("/Prev")] = NumberObject(previous)
    out.write(b"trailer\n")
    new_trailer.write_to_stream(out)
    out.write(f"\nstartxref\n{table}\n%%EOF\n".encode("ascii"))
    return out.getvalue()
