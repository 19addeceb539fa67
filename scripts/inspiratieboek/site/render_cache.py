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

And a page whose template context did not change is not rendered again: after
the Markdown, filling Material's page template for every page was the largest part
of a preview rebuild. The key is the whole context as text: the page (HTML, table of
contents, metadata, title, addresses, neighbours, parents), the navigation, the
site's pages, the config (without its plugin objects) and every value our hooks and
static-i18n add, plus a fingerprint of ``overrides/`` and ``mkdocs.yml``. A context
value that cannot be written out as text (its ``repr`` names a memory address)
makes that page render as usual: an unknown input never gives a stale page.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import mkdocs
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
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
    page_hits: int = 0
    page_misses: int = 0


CONTEXT_BY_HAND = frozenset({"page", "nav", "pages", "config", "build_date_utc"})
"""Context values the page key writes out itself; ``build_date_utc`` changes every
build and no template of ours or Material's prints it."""
CONFIG_LEFT_OUT = frozenset({"plugins", "site_dir"})
"""Config values that do not shape a page's HTML: the plugin objects (their settings
reach the page through the context) and the temporary folder each build writes to."""
ADDRESS = " at 0x"
"""What the ``repr`` of an object without a text form contains."""


class RenderCache:
    """Renders kept from the last good build, plus those of the build under way."""

    def __init__(self, project: Path | None = None) -> None:
        self.kept: dict[tuple[str, ...], Rendered] = {}
        self.fresh: dict[tuple[str, ...], Rendered] = {}
        self.pages_kept: dict[str, str] = {}
        self.pages_fresh: dict[str, str] = {}
        self.counts = Counts()
        self.project = project
        self._files: dict[int, tuple[Files, str]] = {}
        self._navs: dict[int, tuple[Navigation, str]] = {}
        self._theme = ""
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
        self.fresh, self.pages_fresh, self.counts, self._files, self._navs = {}, {}, Counts(), {}, {}
        if not self.enabled:
            yield self.counts
            return
        self._theme = self._theme_fingerprint()
        original, original_env = Page.render, Theme.get_env
        cache = self

        def render(page: Page, config: MkDocsConfig, files: Files) -> None:
            cache.render(original, page, config, files)

        class PageTemplate(jinja2.Template):
            """A theme template whose page renders are kept (see the module's docstring)."""

            def render(self, *args: Any, **kwargs: Any) -> str:
                context = args[0] if len(args) == 1 and not kwargs and isinstance(args[0], Mapping) else None
                key = cache.page_key(self.name or "", context) if context is not None else None
                if key is None:
                    return super().render(*args, **kwargs)
                output = cache.pages_fresh.get(key) or cache.pages_kept.get(key)
                if output is None:
                    cache.counts.page_misses += 1
                    output = super().render(*args, **kwargs)
                else:
                    cache.counts.page_hits += 1
                cache.pages_fresh[key] = output
                return output

        def get_env(theme: Theme) -> jinja2.Environment:
            env = original_env(theme)
            env.bytecode_cache = cache.templates
            env.template_class = PageTemplate
            return env

        Page.render = render  # type: ignore[method-assign,assignment]
        Theme.get_env = get_env  # type: ignore[method-assign,assignment]
        try:
            yield self.counts
        finally:
            Page.render = original  # type: ignore[method-assign]
            Theme.get_env = original_env  # type: ignore[method-assign]
            self._files, self._navs = {}, {}

    def commit(self) -> None:
        """The build succeeded: keep its renders (and only those, so memory stays one build's)."""
        self.kept, self.fresh = self.fresh, {}
        self.pages_kept, self.pages_fresh = self.pages_fresh, {}

    def discard(self) -> None:
        """The build failed: its renders may have logged warnings, so keep none of them."""
        self.fresh, self.pages_fresh = {}, {}

    # --- Page templates ----------------------------------------------------------------

    def page_key(self, template: str, context: Mapping[str, Any]) -> str | None:
        """The digest of everything a page's template reads; None when something has no text form."""
        page = context.get("page")
        config = context.get("config")
        if not isinstance(page, Page) or config is None:
            return None
        parts = [template, self._theme, self._page_text(page), self._nav_text(context.get("nav"))]
        parts.append(repr([getattr(f, "src_uri", f) for f in context.get("pages") or ()]))
        parts += [f"{k}={v!r}" for k, v in config.items() if k not in CONFIG_LEFT_OUT]
        parts += [f"{k}={v!r}" for k, v in sorted(context.items()) if k not in CONTEXT_BY_HAND]
        text = "\n".join(parts)
        if ADDRESS in text:
            return None
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    @staticmethod
    def _page_text(page: Page) -> str:
        def link(other: Any) -> str:
            return f"{other.title!r} {getattr(other, 'url', '')!r}" if other is not None else "-"

        return repr(
            (
                page.file.src_uri,
                page.url,
                page.abs_url,
                page.canonical_url,
                page.edit_url,
                page.title,
                page.is_homepage,
                page.content,
                page.meta,
                _toc_text(page.toc),
                link(page.previous_page),
                link(page.next_page),
                [link(parent) for parent in page.ancestors],
            )
        )

    def _nav_text(self, nav: Any) -> str:
        """The navigation as text (titles, addresses, nesting), once per ``Navigation``."""
        if nav is None:
            return "-"
        seen = self._navs.get(id(nav))
        if seen is not None and seen[0] is nav:
            return seen[1]

        def item(entry: Any) -> str:
            children = getattr(entry, "children", None) or []
            kind = type(entry).__name__
            return f"{kind}({entry.title!r},{getattr(entry, 'url', '')!r},[{','.join(item(c) for c in children)}])"

        text = "|".join(item(entry) for entry in nav.items)
        self._navs[id(nav)] = (nav, text)
        return text

    def _theme_fingerprint(self) -> str:
        """Names, sizes and times of ``overrides/`` and ``mkdocs.yml``: a template edit renders every page anew."""
        if self.project is None:
            return ""
        found = []
        for path in sorted([self.project / "mkdocs.yml", *(self.project / "overrides").rglob("*")]):
            if path.is_file():
                stat = path.stat()
                found.append(f"{path.relative_to(self.project)} {stat.st_size} {stat.st_mtime_ns}")
        return "\n".join(found)

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


def _toc_text(toc: Any) -> str:
    """A table of contents as text: title, anchor and level of each entry, nested."""

    def entry(link: Any) -> str:
        return f"({link.title!r},{link.url!r},{link.level},[{','.join(entry(c) for c in link.children)}])"

    return ",".join(entry(link) for link in toc or ())
