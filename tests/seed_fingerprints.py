"""Fingerprints of the original book's text, so the "never its sentences" check runs
everywhere, CI included.

Why: the book's original introduction (``../shared/seeds/``) stays outside the
repository, so on a fresh clone the check that no page copies eight words of it in
a row had nothing to compare with and was skipped. We commit a fingerprint of every
eight-word run instead (the first 16 hex digits of its SHA-256, lower-case words
only): enough to recognise a copied run, not enough to read the text back.

When the seed text is there, ``tests/test_hoofdstukken.py`` also checks that the
committed file matches it. Rewrite the file after the seed changes with::

    .venv/bin/python tests/seed_fingerprints.py [SEED_FOLDER]
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = Path(os.environ.get("IB_SEEDS", HERE.parent.parent / "shared" / "seeds"))
"""The original book's text, kept outside the repository (never published)."""
FINGERPRINTS = HERE / "fixtures" / "seed-runs.txt"
BOOK_TITLE = "Wonen, een stevige basis voor gezondheid – Inspiratieboek voor woningcorporaties en gemeenten"
"""The book's own title may be cited word for word."""
RUN = 8
HEADER = (
    "# SHA-256 (first 16 hex digits) of every run of eight words of the original book's\n"
    "# introduction, lower-case words only; written by tests/seed_fingerprints.py. The text\n"
    "# itself stays outside the repository.\n"
)


def words(text: str) -> list[str]:
    """Lower-case words only: how the seed check normalises both texts."""
    return re.findall(r"[^\W_]+", text.lower())


def fingerprint(run: Sequence[str]) -> str:
    """One run of words as 16 hex digits."""
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def seed_runs(seed_text: str, allowed: str = BOOK_TITLE, n: int = RUN) -> set[str]:
    """The fingerprint of every run of ``n`` words in the seed, except runs inside the book's title."""
    seed = words(seed_text)
    title = " ".join(words(allowed))
    return {fingerprint(seed[i : i + n]) for i in range(len(seed) - n + 1) if " ".join(seed[i : i + n]) not in title}


def copied_runs(page_text: str, runs: set[str], allowed: str = BOOK_TITLE, n: int = RUN) -> list[str]:
    """Runs of the seed found in a page. The book's title, where it is cited, splits
    the text, so a run across the title and its neighbour word does not count."""
    title = words(allowed)
    found: list[str] = []
    page = words(page_text)
    segments, start, i = [], 0, 0
    while i <= len(page) - len(title):
        if page[i : i + len(title)] == title:
            segments.append(page[start:i])
            start = i = i + len(title)
        else:
            i += 1
    segments.append(page[start:])
    for seg in segments:
        found += [" ".join(seg[j : j + n]) for j in range(len(seg) - n + 1) if fingerprint(seg[j : j + n]) in runs]
    return found


def seed_text(folder: Path = SEEDS) -> str | None:
    """The seed's text, or None on a machine without it (a fresh clone, CI)."""
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    return "\n".join(f.read_text(encoding="utf-8") for f in files) if files else None


def committed_runs(path: Path = FINGERPRINTS) -> set[str]:
    """The fingerprints in the repository."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def fingerprint_file(runs: set[str]) -> str:
    """The file's text for these fingerprints, sorted, so a rewrite shows only real changes."""
    return HEADER + "".join(f"{run}\n" for run in sorted(runs))


if __name__ == "__main__":
    text = seed_text(Path(sys.argv[1]) if len(sys.argv) > 1 else SEEDS)
    if text is None:
        sys.exit(f"geen brontekst (*.txt) in {sys.argv[1] if len(sys.argv) > 1 else SEEDS}")
    FINGERPRINTS.write_text(fingerprint_file(seed_runs(text)), encoding="utf-8")
    print(f"{FINGERPRINTS.relative_to(HERE.parent)}: {len(seed_runs(text))} runs")
