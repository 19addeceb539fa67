"""Start a new practice example: ``python scripts/manage.py nieuw``.

Why: editors are not programmers. Copying the template by hand works, but it is
easy to pick a file name that is not a valid id, to forget the date, or to
overwrite an existing example. This command asks for (or takes as options) the
title, the factors and the place, derives the id from the title, and writes
``data/voorbeelden/<id>.yml`` from ``data/sjabloon-voorbeeld.yml`` with every
comment kept, so each remaining field is still explained in Dutch.

It never overwrites: an existing record is refused with a message that says what
to do instead.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from inspiratieboek.data.records import Vocabularies, display_path, load_vocabularies, today
from inspiratieboek.data.schema import FIELD_BY_KEY, ID_PATTERN
from inspiratieboek.data.validate import CONTROL, check_text

TEMPLATE = "sjabloon-voorbeeld.yml"
MAX_ID_LENGTH = 60
"""Ids are URLs and file names: long enough to be clear, short enough to type."""
T = TypeVar("T")
HEADER = """\
# Nieuw praktijkvoorbeeld, gemaakt met: python scripts/manage.py nieuw
# Vul de velden hieronder in. Velden met (verplicht) moeten gevuld zijn.
# Laat een veld leeg als de bron er niets over zegt: verzin nooit iets.
# Controleer daarna met: .venv/bin/python scripts/manage.py check
# Uitleg over elke stap en elke foutmelding: data/redactiehandleiding.md
"""


class NewRecordError(Exception):
    """A problem the editor can fix; the message says how, in Dutch."""


# --- Id from the title -------------------------------------------------------------


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Fryslân & thema's!" -> "fryslan-en-themas"."""
    text = re.sub(r"['’`´]", "", text.replace("&", " en "))  # "thema's" -> "themas", as in the field name
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def derive_id(title: str, place: str = "") -> str:
    """An id from the title, with the place added when the title does not name it.

    Existing ids read like 'budgetcoaching-talis-nijmegen': what, who, where. A
    long title is cut at a word boundary so the URL stays readable.
    """
    words = slugify(title).split("-") if slugify(title) else []
    place_words = slugify(place).split("-") if slugify(place) else []
    if place_words and "-".join(place_words) not in "-".join(words):
        words += place_words
    result = ""
    for word in words:
        candidate = f"{result}-{word}" if result else word
        if len(candidate) > MAX_ID_LENGTH:
            break
        result = candidate
    return result


# --- Checking the answers ----------------------------------------------------------


def readable(text: str, what: str) -> str:
    """``text`` when it is valid UTF-8 without invisible control characters.

    Python hands over bytes that are not UTF-8 (a title typed in another code page)
    as lone surrogates; writing or even printing them fails. The validator would
    refuse a control character later anyway; saying so now keeps the record clean.
    """
    if any(0xD800 <= ord(char) <= 0xDFFF for char in text):
        raise NewRecordError(f"{what} bevat tekens die geen geldige UTF-8-tekst zijn. Typ het opnieuw.")
    if match := CONTROL.search(text) or yaml.reader.Reader.NON_PRINTABLE.search(text):
        raise NewRecordError(
            f"{what} bevat een onzichtbaar stuurteken (U+{ord(match.group()):04X}). Typ het opnieuw, zonder te plakken."
        )
    return text


def _one_line(answer: str, key: str, empty: str, too_long: str) -> str:
    """An answer as one line of text: not empty and within the schema's length for ``key``."""
    answer = " ".join(readable(answer, f"Het antwoord voor {key}").split())
    limit = FIELD_BY_KEY[key].max_length
    if not answer:
        raise NewRecordError(empty)
    if len(answer) > limit:
        raise NewRecordError(too_long.format(length=len(answer), limit=limit))
    for _key, said in check_text(key, answer, limit, one_line=True):
        raise NewRecordError(f"{key}: {said.text}")
    return answer


def check_title(title: str) -> str:
    return _one_line(
        title,
        "titel",
        "De titel is leeg. Typ een korte, zakelijke titel.",
        "De titel is te lang: {length} tekens. Maak hem korter (hooguit {limit} tekens).",
    )


def check_place(place: str) -> str:
    return _one_line(
        place,
        "plaats",
        "De plaats is leeg. Typ de gemeente of regio van het project.",
        "De plaats is te lang: {length} tekens (hooguit {limit}).",
    )


def check_factors(answers: list[str], vocab: Vocabularies) -> list[str]:
    """Factor slugs from slugs or list numbers ('1', 'werk', 'werk, zorg'); order kept."""
    slugs = list(vocab.factoren)
    chosen: list[str] = []
    for answer in answers:
        for part in re.split(r"[,\s]+", answer.strip()):
            if not part:
                continue
            slug = slugs[int(part) - 1] if part.isdigit() and 1 <= int(part) <= len(slugs) else part.lower()
            if slug not in vocab.factoren:
                raise NewRecordError(
                    f"'{part}' is geen bekende factor. Kies uit: {', '.join(slugs)} (of hun nummer 1 tot {len(slugs)})."
                )
            if slug not in chosen:
                chosen.append(slug)
    if not chosen:
        raise NewRecordError(f"Kies minstens één factor uit: {', '.join(slugs)}.")
    return chosen


def check_province(province: str | None, vocab: Vocabularies) -> str:
    if not province:
        return ""
    if province not in vocab.provincies:
        raise NewRecordError(
            f"'{province}' is geen bekende provincie. Kies uit: {', '.join(vocab.provincies)} (zie data/lijsten.yml)."
        )
    return province


def check_id(record_id: str) -> str:
    if not record_id:
        raise NewRecordError("Uit deze titel kan geen id worden gemaakt. Geef er zelf een op met --id.")
    if not re.match(ID_PATTERN, record_id):
        raise NewRecordError(
            f"'{record_id}' is geen geldige id. Gebruik kleine letters, cijfers en streepjes,"
            " bijvoorbeeld buurtkamer-noord-eindhoven."
        )
    return record_id


# --- Writing the record ------------------------------------------------------------


def fill_template(template: str, title: str, factors: list[str], place: str, province: str, checked: dt.date) -> str:
    """The template with the answers filled in and every field comment kept.

    Works line by line on the template's top-level keys, then reads the result
    back: if the template ever changes shape, this fails loudly instead of
    writing a record with the wrong values.
    """
    lines = template.splitlines()
    out: list[str] = []
    index = 0
    if lines and "$schema=" in lines[0]:
        # Records live one folder deeper than the template: point one level up.
        out.append(re.sub(r"\$schema=(?:\.\./)?", "$schema=../", lines[0]))
        index = 1
        while index < len(lines) and lines[index].startswith("#"):
            index += 1  # the template's "copy this file" header is replaced below
        out += HEADER.splitlines()
    values = {
        "titel": json.dumps(title, ensure_ascii=False),
        "plaats": json.dumps(place, ensure_ascii=False),
        "provincie": province or '""',
        "laatst_gecontroleerd": checked.isoformat(),
    }
    while index < len(lines):
        line = lines[index]
        key = line.split(":", 1)[0]
        if key in values and line.startswith(f"{key}:"):
            out.append(f"{key}: {values[key]}")
        elif line.startswith("factoren:"):
            out.append("factoren:")
            out += [f"  - {slug}" for slug in factors]
            while index + 1 < len(lines) and lines[index + 1].startswith("  - "):
                index += 1
        else:
            out.append(line)
        index += 1
    text = "\n".join(out) + "\n"
    data = yaml.safe_load(text)
    expected = {"titel": title, "plaats": place, "factoren": factors, "laatst_gecontroleerd": checked}
    if any(data.get(k) != v for k, v in expected.items()) or (data.get("provincie") or "") != province:
        raise RuntimeError(f"data/{TEMPLATE} heeft een onverwachte vorm; pas scripts/new_record.py aan")
    return text


def create_record(
    data_dir: Path,
    title: str,
    factors: list[str],
    place: str,
    province: str = "",
    record_id: str = "",
    checked: dt.date | None = None,
) -> Path:
    """Write ``data/voorbeelden/<id>.yml``; refuse when that id is already taken."""
    record_id = check_id(record_id or derive_id(title, place))
    folder = data_dir / "voorbeelden"
    target = folder / f"{record_id}.yml"
    for existing in (target, target.with_suffix(".yaml")):
        if existing.exists():
            raise NewRecordError(
                f"{display_path(existing, data_dir)} bestaat al. Er is niets overschreven.\n"
                "Wil je dat voorbeeld aanpassen? Open dan dat bestand.\n"
                "Is het een ander voorbeeld? Kies een andere titel, of geef een eigen id op met --id."
            )
    text = fill_template(
        (data_dir / TEMPLATE).read_text(encoding="utf-8"), title, factors, place, province, checked or today()
    )
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
    except FileExistsError:
        raise NewRecordError(f"{display_path(target, data_dir)} bestaat al. Er is niets overschreven.") from None
    return target


# --- Command line ------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``manage.py nieuw``; what is left out is asked for."""
    parser.add_argument("--titel", help="titel van het voorbeeld")
    parser.add_argument(
        "--factor",
        action="append",
        default=[],
        help="factor (slug uit data/factoren.yml); herhaal voor meer factoren, de eerste is de hoofdfactor",
    )
    parser.add_argument("--plaats", help="gemeente of regio van het project")
    parser.add_argument("--provincie", help="provincie (slug uit data/lijsten.yml); mag je later invullen")
    parser.add_argument("--id", default="", help="eigen id (bestandsnaam) in plaats van de afgeleide")


def _ask(question: str, check: Callable[[str], T], ask: Callable[[str], str], say: Callable[[str], None]) -> T:
    """Ask until the answer passes ``check``; stop cleanly when input ends."""
    while True:
        try:
            answer = ask(question)
        except UnicodeDecodeError:
            say("Dit antwoord is geen geldige UTF-8-tekst. Typ het opnieuw.")
            continue
        except EOFError:
            raise NewRecordError(
                "Er kwam geen antwoord. Geef de gegevens mee als opties, bijvoorbeeld:\n"
                '  .venv/bin/python scripts/manage.py nieuw --titel "Buurtkamer Noord" --factor sociaal-kapitaal'
                " --plaats Eindhoven"
            ) from None
        try:
            return check(answer)
        except NewRecordError as problem:
            say(str(problem))


def run(
    args: argparse.Namespace,
    data_dir: Path,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
) -> int:
    """The command: take options, ask for what is missing, write, say what is next."""
    vocab, problems = load_vocabularies(data_dir)
    if problems:
        say("\n".join(map(str, problems)))
        return 1
    try:
        for value, what in [(args.titel, "De titel"), (args.plaats, "De plaats"), (args.provincie, "De provincie"),
                            (args.id, "De id"), *[(f, "De factor") for f in args.factor]]:  # fmt: skip
            readable(value or "", what)
        title = check_title(args.titel) if args.titel is not None else None
        factors = check_factors(args.factor, vocab) if args.factor else None
        place = check_place(args.plaats) if args.plaats is not None else None
        province = check_province(args.provincie, vocab)
        if title is None:
            title = _ask("Titel van het voorbeeld: ", check_title, ask, say)
        if factors is None:
            say("De factoren (de eerste is de hoofdfactor):")
            for number, factor in enumerate(vocab.factoren.values(), start=1):
                say(f"  {number}. {factor.slug}: {factor.nl}")
            factors = _ask(
                "Welke factoren? Typ nummers of namen, met komma's ertussen: ",
                lambda answer: check_factors([answer], vocab),
                ask,
                say,
            )
        if place is None:
            place = _ask("Plaats (gemeente of regio): ", check_place, ask, say)
        target = create_record(data_dir, title, factors, place, province, args.id)
    except NewRecordError as problem:
        say(f"Niet gelukt: {problem}")
        return 1
    shown = display_path(target, data_dir)
    say(
        f"Nieuw voorbeeld gemaakt: {shown}\n"
        f"De pagina komt straks op /voorbeelden/{target.stem}/\n"
        "Zo ga je verder:\n"
        f"  1. Open {shown} en vul de lege velden in. Boven elk veld staat uitleg.\n"
        "  2. Controleer je werk: .venv/bin/python scripts/manage.py check\n"
        "  3. Bekijk de pagina: .venv/bin/python scripts/manage.py serve"
    )
    return 0
