"""What is not yet translated into English: a report for editors, never an error.

Why warnings: the Dutch book comes first. An untranslated field still shows on the
English site (as Dutch text marked ``lang="nl"`` with a notice), so a missing
translation must not block publishing, but editors need the list to work from.
"""

from __future__ import annotations

from pathlib import Path

from inspiratieboek.data.messages import say
from inspiratieboek.data.records import Catalog, Problem, display_path, problem
from inspiratieboek.data.schema import FIELDS

TRANSLATED_FIELDS = tuple(f for f in FIELDS if f.translation_of)


def untranslated_fields(catalog: Catalog, lang: str = "en") -> list[Problem]:
    """Every record field with Dutch text and no text in ``lang``."""
    problems = []
    for record in catalog.records:
        for spec in TRANSLATED_FIELDS:
            if spec.key.endswith(f"_{lang}") and record.get(spec.translation_of) and not record.get(spec.key):
                problems.append(
                    problem(
                        display_path(record.path, catalog.data_dir),
                        record.line(spec.translation_of),
                        spec.key,
                        say("translation.field", key=spec.key),
                    )
                )
    return problems


def untranslated_chapters(docs_dir: Path, lang: str = "en", skip: tuple[str, ...] = ("voorbeelden",)) -> list[Problem]:
    """Every Dutch chapter (``x.md``) without its ``x.<lang>.md``; generated folders skipped."""
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir)
        if relative.parts[0] in skip or len(path.suffixes) > 1:
            continue
        if not path.with_suffix(f".{lang}.md").exists():
            problems.append(
                problem(
                    f"docs/{relative.as_posix()}",
                    1,
                    "(hoofdstuk)",
                    say("translation.chapter", target=f"docs/{relative.with_suffix('').as_posix()}.{lang}.md"),
                )
            )
    return problems


def summary(fields: list[Problem], chapters: list[Problem]) -> str:
    """One line for the end of ``manage.py check``."""
    return f"Vertaling naar het Engels: {len(fields)} veld(en) en {len(chapters)} hoofdstuk(ken) nog niet vertaald."
