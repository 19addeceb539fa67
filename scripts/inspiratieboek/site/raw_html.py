"""The raw HTML blocks of our generated pages go around Markdown, not through it.

Why: an example page is our own HTML (``overrides/ib/voorbeeld.md.html``) with a
few Markdown headings between the blocks. Markdown passes such blocks on unchanged,
but reads every one of them twice to find that out: Python-Markdown's raw-HTML
preprocessor and MkDocs' anchor finder each run Python's ``html.parser`` over the
whole page. At 1,000 examples that was a fifth of the build's CPU time (cProfile,
2026-12-04).

How: ``set_aside`` (``on_page_markdown``, after our markers are filled in) swaps
each paragraph that starts with one of our block tags, ends with its closing tag
and holds as many openings as closings for a one-line token paragraph. A page with
any other paragraph that starts with a tag goes through Markdown whole.
``put_back`` (``on_page_content``, first) swaps each ``<p>token</p>`` for its
block as Python-Markdown writes one: the block and a newline, the whole page
stripped at both ends. Only generated pages (``docs/voorbeelden/``) do this;
hand-written chapters may link to an id inside a block, which MkDocs must see. A
token that went missing stops the build by name instead of losing a block.
``tests/test_raw_html.py`` builds the real site both ways and compares every byte.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

TOKEN = "IBRAUWEHTMLBLOK{}X"
"""A paragraph Markdown leaves alone: letters and digits, no markup, no glossary term."""
BLOCK_TAGS = frozenset({"div", "nav", "p", "ul"})
"""The block-level tags our templates start a block with (Python-Markdown knows more);
a block that starts with another tag simply goes through Markdown as before."""
_OPENING = re.compile(r"<([a-z]+)[\s>]")

_kept: dict[str, list[str]] = {}
"""The blocks set aside per page (source path), from ``set_aside`` to ``put_back``."""


def is_raw_block(block: str) -> bool:
    """A paragraph Markdown would pass on unchanged as one raw HTML block."""
    opening = _OPENING.match(block)
    if opening is None or opening.group(1) not in BLOCK_TAGS or "markdown=" in block:
        return False
    tag = opening.group(1)
    return block.rstrip().endswith(f"</{tag}>") and len(re.findall(rf"<{tag}[\s>]", block)) == block.count(f"</{tag}>")


def set_aside(markdown: str, page: str) -> str:
    """The page's Markdown with each raw HTML block replaced by a token paragraph.

    A page with any other paragraph that starts with a tag (a block left open, an
    element with Markdown inside, a comment) goes through Markdown whole: an open
    block would swallow the paragraphs after it, tokens included.
    """
    blocks = markdown.split("\n\n")
    kept: list[str] = []
    for index, block in enumerate(blocks):
        if is_raw_block(block):
            blocks[index] = TOKEN.format(len(kept))
            kept.append(block)
        elif block.lstrip().startswith("<"):
            _kept.pop(page, None)
            return markdown
    _kept[page] = kept
    return "\n\n".join(blocks)


def put_back(html: str, page: str) -> str:
    """The page's HTML with its blocks back where Markdown put their tokens."""
    kept = _kept.pop(page, [])
    for index, block in enumerate(kept):
        token = f"<p>{TOKEN.format(index)}</p>"
        if token not in html:
            raise PluginError(
                f"raw_html.put_back: {page}: blok {index} is zoekgeraakt (een Markdown-extensie veranderde"
                f" '{TOKEN.format(index)}'); zet dan set_aside uit voor deze pagina's"
            )
        html = html.replace(token, block + "\n", 1)
    return html.strip() if kept else html


def forget() -> None:
    """Drop what a failed build left (its pages never reached ``put_back``)."""
    _kept.clear()
