"""The message tables of the editors' guide, generated from the message catalogue.

Why generated: ``data/redactiehandleiding.md`` promises "every message with its fix".
Written by hand, the tables fell behind the validator (four messages of issue #13
had no row). Now ``data/messages.py`` holds every message with an example, what it
means and how to fix it, and this module writes the tables between two markers in
the guide; the prose around them stays hand-written. ``manage.py handleiding
--write`` updates the guide and ``tests/test_redactie.py`` checks it is current.
"""

from __future__ import annotations

from pathlib import Path

from inspiratieboek.data.messages import CATALOGUE, SECTIONS, Message

GUIDE = Path(__file__).resolve().parents[3] / "data" / "redactiehandleiding.md"
BEGIN = "<!-- meldingen: gemaakt door manage.py handleiding --write uit scripts/inspiratieboek/data/messages.py -->"
END = "<!-- einde meldingen -->"


class GuideError(Exception):
    """The guide has no markers, or a message cannot stand in a table cell."""


def render_tables() -> str:
    """Every section with its table of messages, in catalogue order."""
    parts: list[str] = []
    homeless = [m.code for m in CATALOGUE if m.section not in {section.key for section in SECTIONS}]
    if homeless:
        raise GuideError(f"messages without a known section: {', '.join(homeless)}")
    for section in SECTIONS:
        messages = [m for m in CATALOGUE if m.section == section.key]
        if not messages:
            continue
        parts.append(f"### {section.title}\n")
        if section.intro:
            parts.append(section.intro + "\n")
        rows = [f"| Melding | {section.middle} | Zo los je het op |", "|---|---|---|"]
        rows += [row for message in messages for row in _rows(message)]
        parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)


def _rows(message: Message) -> list[str]:
    rows = []
    for example in message.examples:
        label = "waarschuwing: " if message.warning else ""
        shown = f"{example.where}: {label}{message.render(**example.values)}"
        for text in (shown, example.cause, example.remedy):
            if "|" in text or "\n" in text:
                raise GuideError(f"{message.code}: a table cell cannot hold '|' or a line break: {text!r}")
        if "`" in shown:
            raise GuideError(f"{message.code}: the message example cannot hold a backtick: {shown!r}")
        rows.append(f"| `{shown}` | {example.cause} | {example.remedy} |")
    return rows


def guide_text(current: str) -> str:
    """``current`` with the generated tables between the markers."""
    if BEGIN not in current or END not in current:
        raise GuideError(f"{GUIDE.name} mist de markeringen {BEGIN} en {END}")
    head, rest = current.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{render_tables()}\n{END}{tail}"


def write_guide(path: Path = GUIDE) -> bool:
    """Write the guide if its tables changed. Returns True when it wrote."""
    current = path.read_text(encoding="utf-8")
    text = guide_text(current)
    if text == current:
        return False
    path.write_text(text, encoding="utf-8")
    return True
