"""How practitioners send in an example: the issue form and the routes on the site.

Why one module: the GitHub issue form (``.github/ISSUE_TEMPLATE/voorbeeld.yml``),
the e-mail route and the page "Voorbeeld aandragen" must ask for the same things
as a record. Both are derived from ``schema.FIELDS`` and the vocabularies, so a
new field or a new target group shows up everywhere. The form is a committed
file (GitHub reads it from the repository): ``manage.py formulier --write``
regenerates it and a test checks that it is current.

The contact details are settings, not text: ``extra.aandragen`` in mkdocs.yml
(``AANDRAGEN_FORMULIER`` and ``AANDRAGEN_EMAIL`` in the environment). Without an
e-mail address the page shows only the form, without a form only the e-mail; with
neither (a local build) it says so, and ``manage.py build`` warns once
(``NO_ROUTE_WARNING``). We never print a made-up address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from inspiratieboek.data.records import Vocabularies
from inspiratieboek.data.schema import FIELD_BY_KEY, FIELDS
from inspiratieboek.site.render import ENV

FORM_PATH = Path(".github") / "ISSUE_TEMPLATE" / "voorbeeld.yml"
EDITOR_ONLY = {"laatst_gecontroleerd", "controle", "erkenning"}
"""Fields the editors fill in themselves after checking the sources."""
EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[a-z]{2,}$", re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    """One question of the form: the record field it fills and how it is asked."""

    key: str
    nl: str
    en: str
    help: str
    kind: str = "input"  # input, textarea, dropdown, dropdown-multiple
    placeholder: str = ""


QUESTIONS: tuple[Question, ...] = (
    Question("titel", "Titel", "Title", "Kort en zakelijk: wat, wie en waar."),
    Question(
        "samenvatting",
        "Samenvatting",
        "Summary",
        "1 tot 3 zinnen: wat doen ze, voor wie, en wat levert het op?",
        "textarea",
    ),
    Question(
        "soort_voorbeeld",
        "Soort voorbeeld",
        "Kind of example",
        "Een project of aanpak, een afspraak tussen partners (zoals een prestatieafspraak) of een programma?",
        "dropdown",
    ),
    Question(
        "factoren",
        "Factoren",
        "Factors",
        "Bij welke factoren van de Wereldgezondheidsorganisatie (WHO) past het voorbeeld? Kies er één of meer.",
        "dropdown-multiple",
    ),
    Question(
        "organisaties",
        "Organisaties",
        "Organisations",
        "Welke organisaties doen mee? Zet elke organisatie op een eigen regel, met de soort erachter: {soorten}.",
        "textarea",
        "Naam van de organisatie - woningcorporatie",
    ),
    Question("plaats", "Plaats", "Place", "De gemeente of regio waar het project loopt."),
    Question("provincie", "Provincie", "Province", "Kies 'Heel Nederland' voor een landelijk project.", "dropdown"),
    Question("doelgroepen", "Doelgroepen", "Target groups", "Voor wie is het project?", "dropdown-multiple"),
    Question("themas", "Thema's", "Themes", "Over welke onderwerpen gaat het project?", "dropdown-multiple"),
    Question(
        "status",
        "Status",
        "Status",
        "Loopt het project nog, is het afgerond of gestopt, of is het nog een plan?",
        "dropdown",
    ),
    Question("startjaar", "Startjaar", "Start year", "Het jaar waarin het project begon. Mag leeg blijven."),
    Question(
        "eindjaar",
        "Eindjaar",
        "End year",
        "Alleen als het project is afgerond of gestopt: in welk jaar? Mag leeg blijven.",
    ),
    Question(
        "aanpak",
        "Aanpak",
        "Approach",
        "Wat deden ze, met wie en hoe?",
        "textarea",
    ),
    Question(
        "afspraak",
        "Afspraak",
        "Agreement",
        "Alleen bij een afspraak: wat spraken de partners af? Noem het jaar en wie tekende.",
        "textarea",
    ),
    Question(
        "resultaat_soort",
        "Soort resultaat",
        "Kind of result",
        "Wat voor resultaat noemt de bron: een gemeten effect, bereik of aantallen, ervaringen, of nog niets?",
        "dropdown",
    ),
    Question(
        "resultaten",
        "Resultaten",
        "Results",
        "Wat leverde het op? Noem alleen cijfers die in een bron staan. Mag leeg blijven.",
        "textarea",
    ),
    Question(
        "kosten",
        "Kosten of financiering",
        "Costs or funding",
        "Wat kostte het en wie betaalde? Alleen als een bron het noemt. Mag leeg blijven.",
        "textarea",
    ),
    Question(
        "lessen",
        "Wat kun je ervan leren?",
        "Lessons",
        "Eén les per regel: wat zou je een collega aanraden die hetzelfde wil doen?",
        "textarea",
    ),
    Question(
        "contact",
        "Meer informatie",
        "More information",
        "De openbare webpagina van de organisatie of het project (https://...). Geen namen of telefoonnummers"
        " van personen.",
    ),
    Question(
        "bronnen",
        "Bronnen",
        "Sources",
        "Minstens één openbare bron, zoals een nieuwsbericht of verslag. Eén bron per regel: titel en webadres"
        " (https://...).",
        "textarea",
        "Titel van de bron - https://...",
    ),
)
VOCAB_OF = {f.key: f.vocab for f in FIELDS if f.vocab}

INTRO = """\
Bedankt dat je een praktijkvoorbeeld wilt delen! De redactie controleert het aan de hand
van de bronnen en zet het daarna op de site. Een goed voorbeeld vertelt wat ze deden, met wie,
wat het opleverde en wat anderen ervan kunnen leren.

**Let op:** alles wat je hier invult, is openbaar. Zet er geen namen of gegevens van bewoners in.
"""
AGREEMENTS = (
    "Alles wat ik invul, staat in de bronnen die ik noem. Ik heb niets verzonnen.",
    "De redactie mag de tekst aanpassen en onder de licentie CC BY 4.0 op de site zetten.",
)


# --- The issue form ----------------------------------------------------------------


def submitted_fields() -> list[str]:
    """Record fields a practitioner fills in: all but translations and the editors' own."""
    return [f.key for f in FIELDS if not f.translation_of and f.key not in EDITOR_ONLY]


def _element(question: Question, vocab: Vocabularies) -> dict[str, Any]:
    spec = FIELD_BY_KEY[question.key]
    description = question.help.format(soorten=", ".join(t.nl for t in vocab.soorten.values()))
    attributes: dict[str, Any] = {"label": question.nl, "description": description}
    element: dict[str, Any] = {"type": question.kind.split("-")[0], "id": question.key, "attributes": attributes}
    if question.kind.startswith("dropdown"):
        attributes["multiple"] = question.kind == "dropdown-multiple"
        attributes["options"] = [t.nl for t in vocab.by_name(VOCAB_OF[question.key]).values()]
    if question.placeholder:
        attributes["placeholder"] = question.placeholder
    element["validations"] = {"required": spec.required}
    return element


def issue_form(vocab: Vocabularies) -> dict[str, Any]:
    """The GitHub issue form as data (GitHub's 'issue forms' syntax)."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": INTRO}}]
    body += [_element(q, vocab) for q in QUESTIONS]
    body.append(
        {
            "type": "checkboxes",
            "id": "akkoord",
            "attributes": {
                "label": "Afspraken",
                "options": [{"label": text, "required": True} for text in AGREEMENTS],
            },
        }
    )
    return {
        "name": "Voorbeeld aandragen",
        "description": "Stuur een praktijkvoorbeeld in voor het boek 'Wonen, een stevige basis voor gezondheid'.",
        "title": "Voorbeeld: ",
        "labels": ["voorbeeld"],
        "body": body,
    }


def issue_form_text(vocab: Vocabularies) -> str:
    header = (
        "# Gegenereerd door scripts/aandragen.py uit scripts/schema.py en data/lijsten.yml.\n"
        "# Niet met de hand bewerken. Bijwerken: .venv/bin/python scripts/manage.py formulier --write\n"
    )
    return header + yaml.dump(issue_form(vocab), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Dumper(yaml.SafeDumper):
    """Writes multi-line text as a literal block, so the form file reads like the form."""


def _text_block(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text_block)


def write_issue_form(vocab: Vocabularies, root: Path) -> bool:
    """Write the form if it changed. Returns True when it wrote."""
    target = root / FORM_PATH
    text = issue_form_text(vocab)
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return True


# --- The routes on the page "Voorbeeld aandragen" ----------------------------------

ROUTES_TEXT: dict[str, dict[str, Any]] = {
    "nl": {
        "form_heading": "Met het formulier",
        "form_link": "Open het formulier Voorbeeld aandragen",
        "form_steps": [
            "Vul de vragen in. Een vraag met een sterretje (*) moet je invullen.",
            "Klik onderaan op de knop om het formulier te versturen.",
        ],
        "form_note": "Het formulier staat op GitHub, de plek waar de redactie het boek bijhoudt. Je hebt een"
        " gratis account bij GitHub nodig. Alles wat je invult, is openbaar.",
        "mail_heading": "Per e-mail",
        "mail_intro": "Heb je geen account bij GitHub? Stuur je voorbeeld dan per e-mail naar",
        "mail_only": "Stuur je voorbeeld per e-mail naar",
        "mail_then_only": "Zet in je mail deze gegevens:",
        "no_route": "In deze versie van de site staat nog geen formulier en geen e-mailadres. Je kunt hier dus"
        " nog geen voorbeeld insturen. Kijk op de officiële site van het boek, of vraag het aan de redactie.",
        "mail_then": "Zet in je mail dezelfde gegevens als in het formulier:",
        "subject": "Voorbeeld aandragen",
    },
    "en": {
        "form_heading": "With the form",
        "form_link": "Open the form Voorbeeld aandragen (submit an example, in Dutch)",
        "form_steps": [
            "Answer the questions. You must answer a question marked with an asterisk (*).",
            "Click the button at the bottom to send the form.",
        ],
        "form_note": "The form is on GitHub, where the editors maintain the book. You need a free GitHub"
        " account. Everything you enter is public.",
        "mail_heading": "By e-mail",
        "mail_intro": "No GitHub account? Then send your example by e-mail to",
        "mail_only": "Send your example by e-mail to",
        "mail_then_only": "Put these details in your e-mail:",
        "no_route": "This copy of the site has no form and no e-mail address yet, so you cannot send in an"
        " example here. Look at the book's official site, or ask the editors.",
        "mail_then": "Put the same details in your e-mail as in the form:",
        "subject": "Voorbeeld aandragen (submit an example)",
    },
}


def check_settings(settings: dict[str, Any]) -> tuple[str, str]:
    """(form URL, e-mail) from ``extra.aandragen``; a wrong value stops the build."""
    form = str(settings.get("formulier") or "").strip()
    email = str(settings.get("email") or "").strip()
    if form and not form.startswith("https://"):
        raise ValueError(
            f"mkdocs.yml: extra.aandragen.formulier: '{form}' is geen webadres"
            " (toegestaan: het adres van het issueformulier, beginnend met https://, of leeg;"
            " of zet AANDRAGEN_FORMULIER)"
        )
    if email and not EMAIL.match(email):
        raise ValueError(
            f"mkdocs.yml: extra.aandragen.email: '{email}' is geen e-mailadres"
            " (toegestaan: naam@domein.nl, of leeg om alleen het formulier te tonen; of zet AANDRAGEN_EMAIL)"
        )
    return form, email


NO_ROUTE_WARNING = (
    "Let op: AANDRAGEN_FORMULIER en AANDRAGEN_EMAIL zijn niet gezet. De pagina Voorbeeld aandragen zegt daarom"
    " dat lezers hier nog geen voorbeeld kunnen insturen. Zet minstens een van de twee als je publiceert"
    " (de publicatie op GitHub zet het formulier zelf)."
)
"""The one warning ``manage.py build`` prints when the page offers no route."""


def has_route(settings: dict[str, Any]) -> bool:
    """Does ``extra.aandragen`` name a form or an e-mail address?"""
    return any(str(settings.get(key) or "").strip() for key in ("formulier", "email"))


def mail_body(lang: str) -> str:
    """An e-mail to fill in: one line per question, in the page's language."""
    return "\n".join(f"{q.nl if lang == 'nl' else q.en}: " for q in QUESTIONS) + "\n"


def render_routes(settings: dict[str, Any], lang: str) -> str:
    """Markdown for the ``<!-- aandragen -->`` marker: the form and the e-mail route, each
    when configured, and a note instead when neither is (never an address we made up)."""
    form, email = check_settings(settings)
    text = ROUTES_TEXT["en" if lang == "en" else "nl"]
    mailto = ""
    if email:
        mailto = f"mailto:{email}?subject={quote(str(text['subject']))}&body={quote(mail_body(lang))}"
    return ENV.get_template("aandragen.md.html").render(
        form=form,
        email=email,
        mailto=mailto,
        mail_intro=text["mail_intro" if form else "mail_only"],
        mail_then=text["mail_then" if form else "mail_then_only"],
        t=text,
        questions=[q.nl if lang == "nl" else q.en for q in QUESTIONS],
    )
