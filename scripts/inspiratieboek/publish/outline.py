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
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pypdf is the optional 'pdf' extra: imported where it is used
    from pypdf.generic import DictionaryObject

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


def _items(node: DictionaryObject) -> list[DictionaryObject]:
    """Outline items below ``node`` in reading order (depth first)."""
    found: list[DictionaryObject] = []
    reference = node.get("/First")
    while reference is not None:
        child = reference.get_object()
        found += [child, *_items(child)]
        reference = child.get("/Next")
    return found


def repair_outline(data: bytes, headings: list[str]) -> bytes:
    """``data`` with each bookmark titled like its heading in ``headings``.

    Bookmarks and headings are matched in order on their text without white
    space; a heading that has no bookmark (hidden on paper) is skipped, and a
    bookmark without a matching heading keeps Chromium's title.
    """
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=io.BytesIO(data))
    root = writer.root_object.get("/Outlines")
    if root is None:
        return data
    keys = [_squeeze(h) for h in headings]
    position = 0
    for item in _items(root.get_object()):
        title = str(item.get("/Title", ""))
        match = next((i for i in range(position, len(keys)) if keys[i] == _squeeze(title)), None)
        if match is not None:
            item[NameObject("/Title")] = TextStringObject(headings[match])
            position = match + 1
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
