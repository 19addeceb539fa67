"""The preview's Markdown cache: a page whose Markdown did not change is not converted again.

Why: ``manage.py serve`` rebuilds the whole site on every save (both languages,
326 pages at 81 examples), and converting Markdown to HTML is the largest part of
a build (about 45 % in a profile of 2026-12-03), while a record edit changes only a
handful of pages: the example itself, the overview and the lists it appears in.
The cache lives in the serve process only; ``mkdocs build``, the tests' builds and
the published site never use it.

A cached render restores exactly what MkDocs 1.6's ``Page.render`` sets: the HTML,
the table of contents, the title from the first heading, the page's anchor ids and
its links to anchors in other pages (re-pointed at this build's files, so MkDocs
checks them against this build's pages). The key holds everything the conversion
reads: the page's final Markdown (after our hooks), its file and URL, the set of
the site's files (relative links resolve against it), the language edition and
the config's Markdown settings. Entries come only from builds that succeeded: a
strict build that passed logged no warnings, so a replay hides none. Another
MkDocs version switches the cache off (its ``Page.render`` may set more), and
says so once.

The theme's templates are compiled once too: MkDocs makes a new Jinja environment
per build, which compiled Material's 75 templates again every time; in the preview
each environment shares one in-memory bytecode cache (Jinja checks each
template's source checksum, so an edited template is compiled anew).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jinja2
import mkdocs
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.toc import TableOfContents

log = logging.getLogger("mkdocs.plugins.ib.preview")

SUPPORTED_MKDOCS = "1.6."
"""The MkDocs series whose ``Page.render`` this module replays (pinned in pyproject.toml)."""


@dataclass(frozen=True)
class Rendered:
    """What ``Page.render`` left on a page, kept between builds."""

    content: str
    toc: TableOfContents
    title: str | None
    anchors: frozenset[str]
    links: dict[str, dict[str, str]] | None
    """Links to anchors in other pages, by the linked file's ``src_uri``."""


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory between builds (Jinja validates each by checksum)."""

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.stored.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


@dataclass
class Counts:
    """Hits and misses of one build, for the preview's log line and the tests."""

    hits: int = 0
    misses: int = 0


class RenderCache:
    """Renders kept from the last good build, plus those of the build under way."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, ...], Rendered] = {}
        self.fresh: dict[tuple[str, ...], Rendered] = {}
        self.counts = Counts()
        self._files: dict[int, tuple[Files, str]] = {}
        self.templates = MemoryBytecodeCache()
        self.enabled = mkdocs.__version__.startswith(SUPPORTED_MKDOCS)
        if not self.enabled:
            log.info(
                "MkDocs %s: de preview zet Markdown bij elke bouw opnieuw om (de cache kent alleen %sx)",
                mkdocs.__version__,
                SUPPORTED_MKDOCS,
            )

    @contextlib.contextmanager
    def active(self) -> Iterator[Counts]:
        """Replay unchanged pages during one build (``Page.render`` is patched only inside)."""
        self.fresh, self.counts, self._files = {}, Counts(), {}
        if not self.enabled:
            yield self.counts
            return
        original, original_env = Page.render, Theme.get_env
        cache = self

        def render(page: Page, config: MkDocsConfig, files: Files) -> None:
            cache.render(original, page, config, files)

        def get_env(theme: Theme) -> jinja2.Environment:
            env = original_env(theme)
            env.bytecode_cache = cache.templates
            return env

        Page.render = render  # type: ignore[method-assign,assignment]
        Theme.get_env = get_env  # type: ignore[method-assign,assignment]
        try:
            yield self.counts
        finally:
            Page.render = original  # type: ignore[method-assign]
            Theme.get_env = original_env  # type: ignore[method-assign]
            self._files = {}

    def commit(self) -> None:
        """The build succeeded: keep its renders (and only those, so memory stays one build's)."""
        self.kept, self.fresh = self.fresh, {}

    def discard(self) -> None:
        """The build failed: its renders may have logged warnings, so keep none of them."""
        self.fresh = {}

    def render(self, original: Any, page: Page, config: MkDocsConfig, files: Files) -> None:
        key = self.key(page, config, files)
        found = self.fresh.get(key) or self.kept.get(key)
        if found is None:
            self.counts.misses += 1
            original(page, config, files)
            found = Rendered(
                content=page.content or "",
                toc=copy.deepcopy(page.toc),
                title=page._title_from_render,
                anchors=frozenset(page.present_anchor_ids or ()),
                links=None
                if page.links_to_anchors is None
                else {f.src_uri: dict(links) for f, links in page.links_to_anchors.items()},
            )
        else:
            self.counts.hits += 1
            page.content = found.content
            page.toc = copy.deepcopy(found.toc)
            page._title_from_render = found.title
            page.present_anchor_ids = set(found.anchors)
            if found.links is not None:
                page.links_to_anchors = {
                    target: dict(links)
                    for src, links in found.links.items()
                    if (target := files.get_file_from_path(src)) is not None
                }
        self.fresh[key] = found

    def key(self, page: Page, config: MkDocsConfig, files: Files) -> tuple[str, ...]:
        """Everything a conversion reads, as text: equal keys give equal renders."""
        settings = repr(
            (
                config.theme.get("language"),
                config.markdown_extensions,
                config.mdx_configs,
                config.use_directory_urls,
                config.validation,
            )
        )
        return (
            settings,
            self._fingerprint(files),
            page.file.src_uri,
            page.file.dest_uri,
            page.url,
            page.markdown or "",
        )

    def _fingerprint(self, files: Files) -> str:
        """One digest of the site's files (source and target), computed once per ``Files``."""
        seen = self._files.get(id(files))
        if seen is not None and seen[0] is files:
            return seen[1]
        digest = hashlib.sha256()
        for file in sorted(files, key=lambda f: f.src_uri):
            digest.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\n".encode())
        self._files[id(files)] = (files, digest.hexdigest())
        return digest.hexdigest()
