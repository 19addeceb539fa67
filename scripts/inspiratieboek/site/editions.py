"""The language editions of the book: which languages, their URL prefix and file suffix.

Why one module: mkdocs-static-i18n declares the languages in ``mkdocs.yml`` (the
``i18n`` plugin's ``languages``); the default one lives at ``/`` with files ``x.md``,
every other one under ``/<lang>/`` with files ``x.<lang>.md``. The generator, the
open data, the search index, the print helpers and the book all need that rule; they
ask here instead of writing it again, so a third language is one line in mkdocs.yml.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

CONFIG_FILE = Path(__file__).resolve().parents[3] / "mkdocs.yml"


@dataclass(frozen=True)
class Edition:
    """One language edition: ``nl`` at ``/`` (files ``x.md``), ``en`` at ``/en/`` (``x.en.md``)."""

    lang: str
    default: bool

    @property
    def prefix(self) -> str:
        """URL and site-folder prefix: '' for the default language, else 'en/'."""
        return "" if self.default else f"{self.lang}/"

    @property
    def suffix(self) -> str:
        """File suffix before '.md' in static-i18n's suffix structure: '' or '.en'."""
        return "" if self.default else f".{self.lang}"

    def local(self, url: str) -> str:
        """A page URL without the edition's prefix: 'en/factoren/werk/' -> 'factoren/werk/'."""
        return url.removeprefix(self.prefix) if self.prefix else url


def editions_from_config(config: Mapping[str, Any]) -> tuple[Edition, ...]:
    """The built editions declared in a MkDocs config (a loaded mkdocs.yml), default first."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, Mapping) and "i18n" in plugin:
            found = [
                Edition(str(item["locale"]), bool(item.get("default")))
                for item in plugin["i18n"].get("languages", [])
                if item.get("build", True)
            ]
            return tuple(sorted(found, key=lambda edition: not edition.default))
    theme = config.get("theme") or {}
    return (Edition(str(theme.get("language", "nl")) if isinstance(theme, Mapping) else "nl", True),)


@functools.cache
def editions(config_file: Path = CONFIG_FILE) -> tuple[Edition, ...]:
    """The editions of the project whose mkdocs.yml is ``config_file`` (read once)."""
    with config_file.open(encoding="utf-8") as handle:
        return editions_from_config(yaml_load(handle))


def languages() -> tuple[str, ...]:
    """The languages of the editions, default first: ('nl', 'en')."""
    return tuple(edition.lang for edition in editions())


def default_language() -> str:
    return editions()[0].lang


def edition(lang: str) -> Edition:
    """The edition of ``lang``; an unknown language is a programming error."""
    for found in editions():
        if found.lang == lang:
            return found
    raise KeyError(f"mkdocs.yml: no edition for language '{lang}' (i18n languages: {', '.join(languages())})")


def prefix(lang: str) -> str:
    return edition(lang).prefix


def suffix(lang: str) -> str:
    return edition(lang).suffix
