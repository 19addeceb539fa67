"""The one catalogue of validator messages: a code, the text, the fix and the guide's row.

Why one catalogue: an editor reads a message in the terminal and looks it up in the
editors' guide (``data/redactiehandleiding.md``). When the text lives inline in the
checks, the guide drifts: a new rule ships without a row, a reworded message no
longer matches its row. Here every message the validator can give is written once,
with an example; the checks refer to it by code (``say("url.invalid", value=...)``)
and the guide's tables are generated from it (``editors/guide.py``,
``manage.py handleiding --write``), so both always agree.

A message renders as ``text (fix)``: what is wrong, then what is allowed or what to do.
Texts are ``str.format`` templates; ``{{`` and ``}}`` are literal braces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Example:
    """One row of the guide: the message with example values, why it appears and how to fix it."""

    where: str
    values: dict[str, Any]
    cause: str
    remedy: str


@dataclass(frozen=True)
class Message:
    """One message the validator can give."""

    code: str
    section: str
    text: str
    fix: str
    examples: tuple[Example, ...]
    warning: bool = False
    grouped: bool = True
    """False for a message whose text is the editor's own note: each one is worth reading."""

    def render(self, **values: Any) -> str:
        """``text (fix)`` with the values filled in."""
        text = self.text.format(**values)
        fix = self.fix.format(**values)
        return f"{text} ({fix})" if fix else text


@dataclass(frozen=True)
class Said:
    """A message as given: its code, its rendered text and whether it is a warning."""

    code: str
    text: str
    warning: bool = False


@dataclass(frozen=True)
class Section:
    """A table of the guide: its heading, an optional introduction and its middle column."""

    key: str
    title: str
    intro: str = ""
    middle: str = "Wat is er mis"


SECTIONS: tuple[Section, ...] = (
    Section("bestand", "Het bestand"),
    Section("velden", "Velden en tekst"),
    Section("webadressen", "Webadressen"),
    Section("lijsten", "Lijsten en vaste waarden"),
    Section("datums", "Datums en jaartallen"),
    Section("samen", "Voorbeelden samen"),
    Section("waarschuwingen", "Waarschuwingen", middle="Wat betekent het"),
    Section(
        "vaste-waarden",
        "De lijsten met vaste waarden",
        "Deze meldingen gaan over `data/factoren.yml` en `data/lijsten.yml`. Die bestanden verander je\nzelden.",
    ),
    Section(
        "synoniemen",
        "De synoniemenlijst",
        "`data/synoniemen.yml` zegt welke woorden voor de zoekfunctie hetzelfde betekenen: wie\n"
        '"buurtkamer" zoekt, vindt dan ook "huiskamer". Je mag de lijst aanvullen. Een groep is een\n'
        "lijst van minstens twee woorden tussen `[ ]`, onder `nl:` of `en:`. Deze meldingen gaan over\n"
        "dat bestand.",
    ),
    Section(
        "begrippen",
        "De begrippenlijst",
        "`data/begrippen.yml` is de woordenlijst: de pagina Begrippen en de uitleg bij een woord als je er met\n"
        "de muis op komt. Deze meldingen gaan over dat bestand. Ook de meldingen over ontbrekende velden,\n"
        "lijsten en webadressen hierboven kunnen over dit bestand gaan.",
    ),
    Section(
        "afspraken",
        "De afspraken van de Afsprakenmaker",
        "`data/afspraken.yml` bevat de afspraken van de pagina Afsprakenmaker: per afspraak een id, de factoren,\n"
        "de tekst in het Nederlands en Engels, de partijen, de soort, een indicator en de voorbeelden waarop\n"
        "de afspraak steunt. Deze meldingen gaan over dat bestand.",
    ),
    Section("site", "De site bouwen"),
)


def _m(
    code: str, section: str, text: str, fix: str, *examples: Example, warning: bool = False, grouped: bool = True
) -> Message:
    return Message(code, section, text, fix, examples, warning, grouped)


E = Example
TEMPLATE_HINT = "begin met een kopie van data/sjabloon-voorbeeld.yml"
SYNTAX_FIX = "controleer inspringing met spaties, geen tabs, en aanhalingstekens"

CATALOGUE: tuple[Message, ...] = (
    # --- The file ----------------------------------------------------------------------
    _m(
        "yaml.syntax",
        "bestand",
        "YAML-fout in kolom {column}: {reason}{started}",
        SYNTAX_FIX,
        E(
            "(syntaxis)",
            {"column": 13, "reason": "mapping values are not allowed in this context", "started": ""},
            "Er staat een dubbele punt in een tekst zonder aanhalingstekens, of een regel springt verkeerd in.",
            'Zet de tekst tussen dubbele aanhalingstekens: `titel: "Wonen: gezond"`. Of controleer de spaties'
            " aan het begin van de regel.",
        ),
        E(
            "(syntaxis)",
            {"column": 1, "reason": "found character that cannot start any token", "started": ""},
            "Er staat een Tab aan het begin van de regel, of de tekst begint met een teken als `@` of een backtick.",
            "Vervang de Tab door spaties. Zet tekst met zo'n teken tussen aanhalingstekens.",
        ),
        E(
            "(syntaxis)",
            {"column": 1, "reason": "found unexpected end of stream", "started": " (begonnen op regel 1)"},
            "Een aanhalingsteken is niet gesloten.",
            "Zet een aanhalingsteken aan het eind van de tekst die op de genoemde regel begint.",
        ),
        E(
            "(syntaxis)",
            {"column": 8, "reason": "found undefined alias", "started": ""},
            "Een tekst begint met `*`.",
            "Zet de tekst tussen aanhalingstekens.",
        ),
        E(
            "(syntaxis)",
            {"column": 3, "reason": "did not find expected key", "started": ""},
            "Het inspringen klopt niet, vaak in een lijst (ook: `did not find expected '-' indicator`).",
            "Zet het streepje van een lijst twee spaties in, en de velden eronder vier spaties (kijk in het sjabloon).",
        ),
        E(
            "(syntaxis)",
            {"column": 1, "reason": "found a tab character that violates indentation", "started": ""},
            "Er staat een Tab in het inspringen.",
            "Vervang de Tab door spaties.",
        ),
        E(
            "(syntaxis)",
            {"column": 9, "reason": "could not determine a constructor for the tag '!!python/name'", "started": ""},
            "Er staat een teken `!` aan het begin van een waarde. YAML leest dat als een opdracht.",
            "Zet de tekst tussen aanhalingstekens.",
        ),
    ),
    _m(
        "yaml.tag",
        "bestand",
        "YAML-fout in kolom {column}: het label {tag} is niet toegestaan",
        "haal het label weg; begint je tekst met ! zet hem dan tussen aanhalingstekens",
        E(
            "(syntaxis)",
            {"column": 12, "tag": "tag:yaml.org,2002:int"},
            "Er staat een label als `!!int` of `!!python/...` voor een waarde. Daarmee leest YAML de waarde op"
            " een andere manier, bijvoorbeeld `!!int 03744` als het jaar 2020.",
            "Haal het label weg en schrijf de waarde gewoon: `startjaar: 2019`. Zet tekst die met `!` begint"
            " tussen aanhalingstekens.",
        ),
    ),
    _m(
        "yaml.unreadable",
        "bestand",
        "onleesbare YAML: {reason}",
        "vergelijk het bestand met data/sjabloon-voorbeeld.yml",
        E(
            "(bestand)",
            {"reason": "..."},
            "Het bestand is geen geldige YAML, om een andere reden.",
            "Vergelijk het bestand met het sjabloon, of begin opnieuw met een kopie van het sjabloon.",
        ),
    ),
    _m(
        "file.empty",
        "bestand",
        "bestand is leeg",
        TEMPLATE_HINT,
        E("(bestand)", {}, "Er staat niets in het bestand.", "Kopieer het sjabloon in het bestand en vul het in."),
    ),
    _m(
        "record.not_mapping",
        "bestand",
        "een voorbeeld moet uit velden bestaan",
        TEMPLATE_HINT,
        E(
            "(bestand)",
            {},
            "Het bestand bevat geen velden, bijvoorbeeld alleen een zin.",
            "Begin met een kopie van het sjabloon.",
        ),
    ),
    _m(
        "yaml.duplicate_key",
        "bestand",
        "veld staat twee keer in het bestand",
        "laat er één staan",
        E(
            "plaats",
            {},
            "Hetzelfde veld staat twee keer in het bestand.",
            "Kies welke waarde klopt en verwijder de andere regel.",
        ),
    ),
    _m(
        "yaml.merge_key",
        "bestand",
        "de sleutel << (velden samenvoegen) is niet toegestaan",
        "schrijf elk veld gewoon uit, één keer",
        E(
            "<<",
            {},
            "YAML kan met `<<:` velden uit een andere groep overnemen. Dan zie je niet meer welk veld twee keer"
            " staat en welke waarde telt.",
            "Haal de regel met `<<:` weg en schrijf de velden die je nodig hebt gewoon uit.",
        ),
    ),
    _m(
        "yaml.key_empty",
        "bestand",
        "veldnaam is leeg",
        "zet de naam van het veld voor de dubbele punt, bijvoorbeeld plaats:",
        E(
            "(veldnaam)",
            {},
            'Een regel begint met een dubbele punt of met `"":`. Vaak is de naam van het veld weggevallen.',
            "Zet de juiste veldnaam voor de dubbele punt (kijk in het sjabloon).",
        ),
    ),
    _m(
        "yaml.key_not_text",
        "bestand",
        "veldnaam{key} is geen tekst maar {kind}",
        "gebruik een veldnaam uit het sjabloon, zoals plaats:",
        E(
            "(veldnaam)",
            {"key": " '~'", "kind": "leeg (null)"},
            "YAML leest `~`, `null`, `yes`, `no` of een getal voor de dubbele punt niet als naam.",
            "Zet de juiste veldnaam voor de dubbele punt (kijk in het sjabloon).",
        ),
    ),
    _m(
        "yaml.anchor",
        "bestand",
        "ankers en verwijzingen (& en *) zijn niet toegestaan",
        "schrijf de waarde gewoon uit",
        E(
            "(bestand)",
            {},
            "YAML kan stukken tekst hergebruiken met `&` en `*`. Dat mag hier niet.",
            "Schrijf de waarde gewoon uit. Begint een tekst met `&` of `*`? Zet hem tussen aanhalingstekens.",
        ),
    ),
    _m(
        "yaml.bad_date",
        "bestand",
        "{value} is geen bestaande datum",
        "kijk dag en maand na; schrijf JJJJ-MM-DD",
        E(
            "laatst_gecontroleerd",
            {"value": "2025-02-30"},
            "De datum bestaat niet, bijvoorbeeld 30 februari of maand 13.",
            "Zet de echte datum, jaar-maand-dag: `laatst_gecontroleerd: 2025-02-28`.",
        ),
    ),
    _m(
        "file.too_deep",
        "bestand",
        "te diep genest: meer dan {limit} niveaus van lijsten en velden",
        "een voorbeeld heeft er 3; controleer de haakjes [ ] en {{ }} en de inspringing",
        E(
            "(bestand)",
            {"limit": 10},
            "Het bestand heeft lijsten in lijsten in lijsten, veel dieper dan een voorbeeld nodig heeft. Vaak komt"
            " dat door een teken `[` of `{` zonder sluitteken.",
            "Vergelijk het bestand met `data/sjabloon-voorbeeld.yml`. Zet tekst met `[` of `{` tussen"
            " aanhalingstekens.",
        ),
    ),
    _m(
        "file.encoding",
        "bestand",
        "geen geldige UTF-8-tekst (byte 0x{byte:02x})",
        "sla het bestand op als UTF-8",
        E(
            "(bestand)",
            {"byte": 0xE9},
            "Het bestand is opgeslagen in een andere tekenset, bijvoorbeeld door Kladblok of Word.",
            "Sla het bestand op met de codering UTF-8.",
        ),
    ),
    _m(
        "file.null",
        "bestand",
        "bestand bevat een nul-teken",
        "sla het op als gewone UTF-8-tekst",
        E(
            "(bestand)",
            {},
            "Er staat een onzichtbaar teken in, vaak na kopiëren uit een ander programma.",
            "Maak een nieuw bestand en plak de tekst erin als platte tekst.",
        ),
    ),
    _m(
        "file.control",
        "bestand",
        "bestand bevat een onzichtbaar stuurteken ({char}) in kolom {column}",
        "typ die regel opnieuw, of plak de tekst eerst in een platte-teksteditor",
        E(
            "(bestand)",
            {"char": "U+001B", "column": 13},
            "Er staat een onzichtbaar teken in het bestand dat YAML niet leest, vaak na kopiëren uit een PDF, Word"
            " of een terminal.",
            "Ga naar de regel en kolom uit de melding en typ dat stuk opnieuw.",
        ),
    ),
    _m(
        "file.too_big",
        "bestand",
        "bestand is te groot: {size:,} bytes",
        "toegestaan: hooguit {limit:,} bytes",
        E(
            "(bestand)",
            {"size": 250_000, "limit": 200_000},
            "Het bestand is veel groter dan één pagina tekst.",
            "Kijk of je per ongeluk iets groots hebt geplakt, en haal het weg.",
        ),
    ),
    _m(
        "file.outside",
        "bestand",
        "bestand verwijst naar een plek buiten data/ (symbolische link?)",
        "zet het bestand zelf in data/voorbeelden/",
        E(
            "(bestand)",
            {},
            "Het bestand is een snelkoppeling naar een bestand ergens anders.",
            "Zet het echte bestand in `data/voorbeelden/`.",
        ),
    ),
    _m(
        "file.dangling",
        "bestand",
        "verwijst naar een bestand dat niet bestaat (symbolische link)",
        "zet het bestand zelf in data/voorbeelden/, of haal de link weg",
        E(
            "(bestand)",
            {},
            "Het bestand is een snelkoppeling, en het bestand waar die naar wijst is weg.",
            "Haal de snelkoppeling weg en zet het echte bestand in `data/voorbeelden/`.",
        ),
    ),
    _m(
        "file.is_folder",
        "bestand",
        "is een map, geen bestand",
        "een voorbeeld is één bestand; hernoem de map zodat de naam niet op .yml eindigt",
        E(
            "(bestand)",
            {},
            "Er staat een map met een naam die eindigt op `.yml`. Die kan geen voorbeeld zijn.",
            "Hernoem de map of haal hem weg.",
        ),
    ),
    _m(
        "file.missing",
        "bestand",
        "bestand ontbreekt",
        "haal het terug met: git checkout -- {path}",
        E(
            "(bestand)",
            {"path": "data/lijsten.yml"},
            "Een bestand dat de site nodig heeft, is weg of hernoemd.",
            "Haal het bestand terug uit Git met de opdracht in de melding, of zet het terug onder de oude naam.",
        ),
    ),
    _m(
        "file.unreadable",
        "bestand",
        "bestand kan niet gelezen worden: {reason}",
        "controleer of het bestand bestaat en of je het mag lezen",
        E(
            "(bestand)",
            {"reason": "Permission denied"},
            "Het besturingssysteem geeft het bestand niet vrij.",
            "Controleer de rechten van het bestand, of maak het opnieuw.",
        ),
    ),
    _m(
        "file.extension",
        "bestand",
        "'{name}' wordt niet gelezen: de naam eindigt op {suffix}",
        "hernoem het bestand naar {expected}",
        E(
            "(bestandsnaam)",
            {"name": "buurtkamer.YML", "suffix": ".YML", "expected": "buurtkamer.yml"},
            "Alleen bestanden die eindigen op `.yml` (kleine letters) zijn voorbeelden. Windows laat hoofdletters"
            " soms zien alsof het hetzelfde is.",
            "Hernoem het bestand, met kleine letters.",
        ),
    ),
    _m(
        "file.subfolder",
        "bestand",
        "staat in een map onder data/voorbeelden/ en wordt niet gelezen",
        "zet het bestand direct in data/voorbeelden/",
        E(
            "(bestand)",
            {},
            "De site leest alleen de bestanden die direct in `data/voorbeelden/` staan. Voorbeelden in een map"
            " daaronder komen niet online.",
            "Verplaats de bestanden naar `data/voorbeelden/` en haal de lege map weg.",
        ),
    ),
    _m(
        "file.ignored",
        "bestand",
        "bestand wordt niet gelezen: alleen bestanden op .yml zijn voorbeelden",
        "hernoem het naar <id>.yml, of haal het weg",
        E(
            "(bestandsnaam)",
            {},
            "In `data/voorbeelden/` staat een ander bestand, bijvoorbeeld `buurtkamer.yml.txt` of een reservekopie.",
            "Is het een voorbeeld? Hernoem het naar `<id>.yml`. Anders: haal het weg.",
        ),
        warning=True,
    ),
    _m(
        "id.invalid",
        "bestand",
        "'{name}' is geen geldige id",
        "toegestaan: kleine letters, cijfers en streepjes, bijvoorbeeld buurtkamer-noord.yml",
        E(
            "(bestandsnaam)",
            {"name": "Mijn Voorbeeld.yml"},
            "De bestandsnaam heeft hoofdletters, spaties of andere tekens.",
            "Geef het bestand een naam van kleine letters, cijfers en streepjes: `mijn-voorbeeld.yml`.",
        ),
    ),
    _m(
        "id.reserved",
        "bestand",
        "'{id}' is een gereserveerde naam",
        "kies een andere bestandsnaam",
        E("(bestandsnaam)", {"id": "index"}, "De site gebruikt deze naam zelf.", "Kies een andere bestandsnaam."),
    ),
    _m(
        "id.duplicate",
        "bestand",
        "id '{id}' komt vaker voor: {files}",
        "geef elk voorbeeld een eigen naam",
        E(
            "(bestandsnaam)",
            {"id": "buurtkamer", "files": "buurtkamer.yaml, buurtkamer.yml"},
            "Twee bestanden hebben dezelfde naam, met `.yml` en `.yaml`.",
            "Voeg ze samen of geef een van de twee een andere naam.",
        ),
    ),
    # --- Fields and text -----------------------------------------------------------------
    _m(
        "field.unknown",
        "velden",
        "onbekend veld",
        "toegestaan: {allowed}",
        E(
            "website",
            {"allowed": "titel, titel_en, ..."},
            "Dit veld bestaat niet, of er zit een tikfout in de naam.",
            "Kijk naar de lijst achter `toegestaan`. Gebruik geen hoofdletters, en schrijf `themas` zonder"
            " apostrof. Past je tekst nergens? Zet hem in `aanpak`.",
        ),
        E(
            "organisaties[0].functie",
            {"allowed": "naam, soort, rol"},
            "Een organisatie, bron of les heeft een veld dat niet bestaat.",
            "Een organisatie heeft alleen `naam`, `soort` en `rol`. Een bron heeft alleen `titel` en `url`.",
        ),
    ),
    _m(
        "field.missing",
        "velden",
        "ontbreekt of is leeg",
        "dit veld is verplicht; zie data/sjabloon-voorbeeld.yml",
        E(
            "samenvatting",
            {},
            "Een verplicht veld is leeg of ontbreekt.",
            "Vul het veld in. Het sjabloon laat zien hoe.",
        ),
    ),
    _m(
        "sub.missing",
        "velden",
        "ontbreekt of is leeg",
        "dit veld is verplicht",
        E(
            "bronnen[0].titel",
            {},
            "Een organisatie, bron of les mist een naam, soort, titel, tekst of webadres.",
            "Vul het ontbrekende deel in.",
        ),
    ),
    _m(
        "text.blank",
        "velden",
        "bevat alleen spaties of onzichtbare tekens",
        "vul het veld in met gewone tekst, of laat het helemaal leeg",
        E(
            "titel",
            {},
            "Er staan alleen spaties, een harde spatie of een onzichtbaar teken in het veld. Op de pagina zou de"
            " titel of tekst leeg zijn.",
            'Typ de tekst. Is het veld niet verplicht en heb je geen tekst? Zet dan `""` of laat het weg.',
        ),
    ),
    _m(
        "text.not_text",
        "velden",
        "moet tekst zijn, niet {kind}",
        "zet de waarde tussen aanhalingstekens",
        E(
            "titel",
            {"kind": "een getal"},
            "YAML leest de waarde als getal of als ja/nee, bijvoorbeeld `2020` of `yes`.",
            'Zet de waarde tussen aanhalingstekens: `titel: "2020"`.',
        ),
    ),
    _m(
        "text.too_long",
        "velden",
        "is te lang: {length:,} tekens",
        "toegestaan: hooguit {limit:,}",
        E(
            "samenvatting",
            {"length": 1066, "limit": 600},
            "De tekst (of het webadres) is langer dan mag.",
            "Maak de tekst korter. De grens staat in de melding. Bij een webadres: haal alles na het `?`-teken weg"
            " en kijk of de link nog werkt.",
        ),
    ),
    _m(
        "text.sentences",
        "velden",
        "heeft {count} zinnen",
        "toegestaan: 1 tot 3 zinnen",
        E(
            "samenvatting",
            {"count": 4},
            "De samenvatting heeft meer dan drie zinnen.",
            "Houd de belangrijkste 1 tot 3 zinnen over. De rest past vaak in `aanpak`.",
        ),
    ),
    _m(
        "text.newline",
        "velden",
        "bevat een regeleinde, maar dit veld is één regel",
        "zet de tekst op één regel, direct achter de dubbele punt",
        E(
            "titel",
            {},
            "Een titel, plaats, naam of samenvatting loopt over meer regels. Op de pagina en in de zoekresultaten"
            " hoort die tekst op één regel.",
            "Zet de tekst achter de dubbele punt, op één regel. Is hij lang? Zet hem tussen dubbele aanhalingstekens.",
        ),
    ),
    _m(
        "text.html",
        "velden",
        "bevat HTML-code ('{snippet}')",
        "toegestaan: {allowed}, zonder HTML",
        E(
            "aanpak",
            {"snippet": "<b>vet</b>", "allowed": "gewone tekst en Markdown"},
            "Er staat HTML in de tekst, bijvoorbeeld na kopiëren van een website.",
            "Haal de HTML weg. Gebruik Markdown: `**vet**`, een streepje (`-`) voor een lijstje en"
            " `[tekst](https://...)` voor een link.",
        ),
    ),
    _m(
        "text.attribute",
        "velden",
        "bevat een HTML-attribuut ('{snippet}')",
        "toegestaan: gewone tekst",
        E(
            "plaats",
            {"snippet": "onclick=1"},
            "Er staat een woord dat begint met `on`, direct gevolgd door `=`.",
            "Haal het `=`-teken weg of zet er een spatie voor.",
        ),
    ),
    _m(
        "text.unsafe_link",
        "velden",
        "bevat een onveilige link ('{snippet}')",
        "toegestaan: links die beginnen met https://",
        E(
            "aanpak",
            {"snippet": "javascript:alert(1)"},
            "Er staat een link die geen webadres is, maar code. Ook als het woord met `&#...;`-codes is geschreven.",
            "Gebruik alleen links die beginnen met `https://`.",
        ),
    ),
    _m(
        "text.control",
        "velden",
        "bevat een onzichtbaar stuurteken ({char})",
        "toegestaan: gewone tekst; typ de tekst opnieuw",
        E(
            "aanpak",
            {"char": "U+202E, draait de leesrichting om"},
            "Er staat een onzichtbaar teken in de tekst, vaak na kopiëren uit een PDF of Word: een stuurteken, een"
            " teken dat de leesrichting omdraait, een regeleinde van Word (U+2028) of een BOM (U+FEFF).",
            "Typ het stuk tekst opnieuw, of plak het eerst in een platte-teksteditor.",
        ),
    ),
    _m(
        "markdown.image",
        "velden",
        "bevat een afbeelding",
        "toegestaan: tekst en links; afbeeldingen van andere sites laden we niet",
        E(
            "aanpak",
            {},
            "Er staat een afbeelding in de tekst (`![...](...)`). De site laadt niets van andere websites.",
            "Haal de afbeelding weg. Wil je ernaar verwijzen? Maak er een gewone link van:"
            " `[beschrijving](https://...)`.",
        ),
    ),
    _m(
        "markdown.link_not_web",
        "velden",
        "link '{target}' is geen webadres",
        "toegestaan: links die beginnen met https://",
        E(
            "aanpak",
            {"target": "pagina.md"},
            "Een link in de tekst is geen volledig webadres. Dat geldt ook voor een link met een voetnoot:"
            " `[tekst][1]` met onderaan `[1]: pagina.md`.",
            "Schrijf het hele adres: `[titel](https://www.voorbeeld.nl/pagina)`.",
        ),
    ),
    _m(
        "markdown.link_http",
        "velden",
        "link '{target}' begint met http://",
        "gebruik het adres met https://, net als bij bronnen",
        E(
            "aanpak",
            {"target": "http://www.voorbeeld.nl"},
            "Een link in de tekst gebruikt geen beveiligde verbinding.",
            "Open de pagina met `https://` ervoor. Werkt dat? Pas de link aan. Werkt het niet? Zoek een andere"
            " pagina, of laat de link weg.",
        ),
    ),
    _m(
        "markdown.link_invalid",
        "velden",
        "link '{target}' is geen geldig webadres: {reason}",
        "kopieer het adres opnieuw uit de adresbalk van je browser",
        E(
            "aanpak",
            {"target": "https://./", "reason": "geen domeinnaam"},
            "Een link in de tekst begint wel met `https://`, maar het adres klopt niet.",
            "Kopieer het adres uit de adresbalk van je browser.",
        ),
    ),
    # --- Web addresses -------------------------------------------------------------------
    _m(
        "url.invalid",
        "webadressen",
        "{value} is geen geldig webadres",
        "toegestaan: een volledig adres dat begint met https://",
        E(
            "bronnen[0].url",
            {"value": "'http://www.voorbeeld.nl'"},
            "Het webadres begint niet met `https://` of is niet compleet.",
            "Kopieer het adres uit de adresbalk van je browser. Werkt de pagina alleen met `http://`? Zoek dan een"
            " andere bron.",
        ),
    ),
    _m(
        "url.markdown",
        "webadressen",
        "{value} is een Markdown-link, geen los webadres",
        "zet hier alleen het adres: https://...",
        E(
            "bronnen[0].url",
            {"value": "'https://a.nl](https://a.nl'"},
            "Het adres is geplakt uit Markdown, met `](` of `[` erin.",
            "Laat alleen het adres staan, vanaf `https://` tot het eerste haakje.",
        ),
    ),
    _m(
        "url.characters",
        "webadressen",
        "{value} bevat tekens die niet in een webadres horen: {chars}",
        "kopieer het adres opnieuw uit de adresbalk van je browser",
        E(
            "bronnen[0].url",
            {"value": "'https://voorbeeld.nl／pagina'", "chars": "'／'"},
            "Er staan spaties, aanhalingstekens, `<` of `>`, of tekens die op een schuine streep lijken in het adres.",
            "Kopieer het adres opnieuw uit de adresbalk van je browser.",
        ),
    ),
    _m(
        "url.host",
        "webadressen",
        "{value} heeft geen geldige domeinnaam",
        "een webadres ziet eruit als https://www.voorbeeld.nl/pagina",
        E(
            "bronnen[0].url",
            {"value": "'https://./'"},
            "Na `https://` staat geen echte naam van een website.",
            "Kopieer het adres uit de adresbalk van je browser.",
        ),
    ),
    _m(
        "url.credentials",
        "webadressen",
        "{value} bevat een gebruikersnaam of wachtwoord",
        "haal het deel tot en met @ weg; een openbare bron heeft geen wachtwoord nodig",
        E(
            "bronnen[0].url",
            {"value": "'https://naam:geheim@voorbeeld.nl/'"},
            "Het adres bevat inloggegevens. Die horen niet op een openbare site.",
            "Haal het deel tussen `https://` en `@` weg, inclusief de `@`. Werkt de link dan niet? Zoek een"
            " openbare bron.",
        ),
    ),
    _m(
        "url.port",
        "webadressen",
        "{value} heeft een ongeldig poortnummer",
        "haal de dubbele punt en het getal na de domeinnaam weg",
        E(
            "bronnen[0].url",
            {"value": "'https://voorbeeld.nl:99999/'"},
            "Na de naam van de website staat een dubbele punt met een getal dat geen poort kan zijn.",
            "Haal `:99999` weg en kijk of de link werkt.",
        ),
    ),
    # --- Lists and fixed values ----------------------------------------------------------
    _m(
        "slug.unknown",
        "lijsten",
        "{value} is geen bekende waarde",
        "toegestaan: {allowed}; zie {source}",
        E(
            "factoren[1]",
            {"value": "'inkomen'", "allowed": "bestaanszekerheid, ...", "source": "data/factoren.yml"},
            "De waarde staat niet in de lijst van vaste waarden.",
            'Kies een code uit de lijst achter `toegestaan`. Let op tikfouten. Past geen enkele code? Zie "De'
            ' velden" hierboven.',
        ),
    ),
    _m(
        "list.not_list",
        "lijsten",
        "moet een lijst zijn, niet {kind}",
        "schrijf elke waarde op een eigen regel met '- '",
        E(
            "factoren",
            {"kind": "tekst"},
            "Je hebt één waarde achter de dubbele punt gezet.",
            "Zet elke waarde op een eigen regel, met twee spaties en een streepje (`-`) ervoor.",
        ),
    ),
    _m(
        "list.duplicate",
        "lijsten",
        "'{value}' staat twee keer in de lijst",
        "laat er één staan",
        E(
            "factoren[2]",
            {"value": "werk"},
            "Dezelfde waarde staat twee keer in de lijst.",
            "Haal een van de twee weg.",
        ),
    ),
    _m(
        "objects.not_list",
        "lijsten",
        "moet een lijst zijn, niet {kind}",
        "zie data/sjabloon-voorbeeld.yml",
        E(
            "organisaties",
            {"kind": "tekst"},
            "De organisaties, lessen of bronnen staan niet als lijst.",
            "Schrijf ze zoals in het sjabloon: per organisatie een regel met `- naam:` en een regel met `soort:`.",
        ),
    ),
    _m(
        "group.not_group",
        "lijsten",
        "moet velden {names} hebben",
        "zie data/sjabloon-voorbeeld.yml",
        E(
            "bronnen[0]",
            {"names": "titel en url"},
            "Een bron, organisatie of contact staat als losse tekst.",
            "Schrijf `- titel:` en daaronder `url:` (of `- naam:` en `soort:`).",
        ),
    ),
    # --- Dates and years -----------------------------------------------------------------
    _m(
        "date.not_date",
        "datums",
        "{value} is geen datum",
        "schrijf JJJJ-MM-DD, bijvoorbeeld 2026-11-27",
        E(
            "laatst_gecontroleerd",
            {"value": "'15-01-2026'"},
            "De datum staat in de verkeerde volgorde of tussen aanhalingstekens.",
            "Schrijf jaar-maand-dag, zonder aanhalingstekens: `laatst_gecontroleerd: 2026-01-15`.",
        ),
    ),
    _m(
        "date.future",
        "datums",
        "{value} ligt in de toekomst",
        "toegestaan: vandaag of eerder",
        E(
            "laatst_gecontroleerd",
            {"value": "2999-01-01"},
            "De datum ligt na vandaag.",
            "Zet de datum waarop je de bronnen echt hebt gecontroleerd.",
        ),
    ),
    _m(
        "year.not_year",
        "datums",
        "moet een jaartal zijn, niet {kind}: {value}",
        "bijvoorbeeld 2019, of leeg laten",
        E(
            "startjaar",
            {"kind": "tekst", "value": "'03744'"},
            "Het startjaar is geen getal van vier cijfers. YAML leest `03744` (met een nul ervoor) of `33:40` als"
            " een ander getal; daarom telt alleen een gewoon jaartal.",
            "Schrijf alleen het jaar, zonder nul ervoor en zonder aanhalingstekens: `startjaar: 2019`. Weet je het"
            " niet? Laat het veld leeg.",
        ),
    ),
    _m(
        "year.range",
        "datums",
        "{value} is geen geldig jaartal",
        "toegestaan: 1900 tot en met {last}",
        E(
            "startjaar",
            {"value": 1850, "last": 2026},
            "Het jaar is te vroeg of ligt in de toekomst.",
            "Kijk het jaartal na in de bron.",
        ),
    ),
    _m(
        "combo.end_status",
        "datums",
        "hoort bij status afgerond of gestopt, niet bij '{status}'",
        "haal het eindjaar weg of pas de status aan",
        E(
            "eindjaar",
            {"status": "loopt"},
            "Er staat een eindjaar bij een project dat nog loopt.",
            "Loopt het nog? Haal het eindjaar weg. Is het voorbij? Zet `status: afgerond` of `status: gestopt`.",
        ),
    ),
    _m(
        "combo.end_before_start",
        "datums",
        "{end} ligt voor het startjaar {start}",
        "toegestaan: het startjaar of later",
        E("eindjaar", {"end": 2019, "start": 2020}, "Het eindjaar ligt voor het startjaar.", "Kijk beide jaren na."),
    ),
    # --- Between fields and between records ----------------------------------------------
    _m(
        "combo.result_claimed",
        "samen",
        "is geen-resultaat-bekend, maar resultaten is ingevuld",
        "kies de soort resultaat die de bron geeft",
        E(
            "resultaat_soort",
            {},
            "Er staat een resultaat, maar de soort zegt dat er geen resultaat bekend is.",
            "Kies `gemeten-effect`, `bereik` of `ervaringen`, of haal de resultaten weg.",
        ),
    ),
    _m(
        "combo.results_missing",
        "samen",
        "ontbreekt",
        "bij resultaat_soort '{kind}' hoort het resultaat uit de bron; of kies geen-resultaat-bekend",
        E(
            "resultaten",
            {"kind": "bereik"},
            "De soort resultaat zegt dat er een resultaat is, maar `resultaten` is leeg.",
            "Schrijf het resultaat uit de bron op, of kies `geen-resultaat-bekend`.",
        ),
    ),
    _m(
        "combo.agreement_missing",
        "samen",
        "ontbreekt",
        "bij soort_voorbeeld 'afspraak' hoort wat de partners afspraken",
        E(
            "afspraak",
            {},
            "Het voorbeeld is een afspraak, maar er staat niet wat er is afgesproken.",
            "Schrijf in `afspraak` wat de partners afspraken, in je eigen woorden.",
        ),
    ),
    _m(
        "combo.agreement_extra",
        "samen",
        "hoort alleen bij soort_voorbeeld 'afspraak'",
        "haal het weg of kies soort_voorbeeld: afspraak",
        E(
            "afspraak",
            {},
            "Het veld `afspraak` is ingevuld bij een voorbeeld dat geen afspraak is.",
            "Is het een afspraak? Zet `soort_voorbeeld: afspraak`. Anders: zet de tekst in `aanpak`.",
        ),
    ),
    _m(
        "title.duplicate",
        "samen",
        "'{title}' is ook de titel van {other}",
        "geef elk voorbeeld een eigen titel, bijvoorbeeld met de organisatie of de plaats erbij",
        E(
            "titel",
            {"title": "Buurtkamer", "other": "data/voorbeelden/buurtkamer-noord.yml:2"},
            "Twee voorbeelden hebben dezelfde titel (ook als alleen hoofdletters verschillen). Lezers en"
            " zoekmachines kunnen ze dan niet uit elkaar houden.",
            "Maak de titels verschillend: zeg wie en waar.",
        ),
    ),
    # --- Warnings ------------------------------------------------------------------------
    _m(
        "check.stale",
        "waarschuwingen",
        "is {years} jaar geleden gecontroleerd",
        "controleer de bronnen en zet de datum van vandaag",
        E(
            "laatst_gecontroleerd",
            {"years": 2},
            "Niemand heeft dit voorbeeld in de laatste twee jaar gecontroleerd.",
            "Open alle bronnen. Loopt het project nog? Werken de links? Kloppen de cijfers? Pas aan wat nodig is en"
            " zet de datum van vandaag. Bestaat het project niet meer en zijn er geen bronnen meer? Overleg of je"
            " het voorbeeld weghaalt.",
        ),
        warning=True,
    ),
    _m(
        "check.note",
        "waarschuwingen",
        "{note}",
        "lees de bron opnieuw, zet de datum van vandaag en haal dit veld weg",
        E(
            "controle",
            {"note": "Bron niet bereikbaar op 2026-12-02."},
            "De redactie kon een bron niet opnieuw lezen en schreef dat in `controle`.",
            "Lees de bron opnieuw. Lukt dat? Zet de datum van vandaag en haal `controle` weg.",
        ),
        warning=True,
        grouped=False,
    ),
    _m(
        "source.shared",
        "waarschuwingen",
        "dezelfde bron staat ook bij: {names}",
        "klopt dat?",
        E(
            "bronnen[0].url",
            {"names": "buurtkamer-noord, vroeg-eropaf"},
            "Hetzelfde webadres staat bij meer voorbeelden. Soms klopt dat: één verslag kan over meer projecten"
            " gaan. Vaak is het een kopieerfout. Bij meer dan vijf voorbeelden noemt de melding de eerste vijf en"
            " het aantal.",
            "Kijk of de bron echt over elk van deze voorbeelden gaat. Zo niet, zet de juiste bron erbij.",
        ),
        warning=True,
    ),
    _m(
        "factor.unused",
        "waarschuwingen",
        "geen enkel voorbeeld hoort bij deze factor",
        "zet de factor bij een voorbeeld waar hij echt bij past",
        E(
            "data/factoren.yml:26: werk",
            {},
            "Bij deze factor staat nog geen enkel voorbeeld.",
            "Zoek een voorbeeld bij deze factor, of voeg de factor toe aan een voorbeeld waar hij echt bij past.",
        ),
        warning=True,
    ),
    _m(
        "translation.field",
        "waarschuwingen",
        "nog niet vertaald",
        "vul {key} in; tot dan toont de Engelse site de Nederlandse tekst",
        E(
            "titel_en",
            {"key": "titel_en"},
            "Er is nog geen Engelse tekst. De Engelse site laat dan de Nederlandse tekst zien, met een melding.",
            "Vul het Engelse veld in als je dat kunt. Het mag ook later.",
        ),
        warning=True,
    ),
    _m(
        "translation.chapter",
        "waarschuwingen",
        "nog niet vertaald",
        "maak {target}",
        E(
            "docs/open-data.md:1: (hoofdstuk)",
            {"target": "docs/open-data.en.md"},
            "Bij een hoofdstuk ontbreekt de Engelse versie.",
            "Maak het Engelse bestand, of vraag een vertaler.",
        ),
        warning=True,
    ),
    _m(
        "output.more",
        "waarschuwingen",
        "... en nog {count:,} keer dezelfde melding bij {field}",
        "de eerste vijf staan hierboven; vaak is het één fout die in veel bestanden staat",
        E(
            "themas[0]",
            {"count": 9995, "field": "themas"},
            "Dezelfde melding komt heel vaak voor. De controle toont de eerste vijf en telt de rest, zodat de lijst"
            " leesbaar blijft.",
            "Los de eerste vijf op. Vaak is het dezelfde fout, bijvoorbeeld een code die in `data/lijsten.yml` is"
            " veranderd. Met `manage.py check --alles` zie je elke melding.",
        ),
    ),
    # --- The vocabularies ----------------------------------------------------------------
    _m(
        "vocab.bad_item",
        "vaste-waarden",
        "onjuiste regel: {problem}",
        "elke regel heeft {keys}",
        E(
            "data/lijsten.yml:12: provincies[3]",
            {"problem": "'en' ontbreekt", "keys": "slug, nl en en"},
            "Een regel in een lijst is niet compleet, of heeft een onderdeel dat niet bestaat.",
            "Elke regel heeft `slug`, `nl` en `en`: `- {slug: zeeland, nl: Zeeland, en: Zeeland}`. Een factor heeft"
            " ook `kort_nl`, `kort_en`, `icoon` en `kleur`.",
        ),
    ),
    _m(
        "vocab.missing_list",
        "vaste-waarden",
        "lijst ontbreekt of is leeg",
        "zet de lijst {name} terug; haal hem zo nodig uit Git: git checkout -- data/lijsten.yml",
        E(
            "data/lijsten.yml:1: themas",
            {"name": "themas"},
            "Een lijst met vaste waarden is weg of leeg, bijvoorbeeld door een tikfout in de naam.",
            "Zet de naam van de lijst goed, of haal het bestand terug uit Git.",
        ),
    ),
    _m(
        "vocab.unknown_list",
        "vaste-waarden",
        "onbekende lijst",
        "bedoel je {meant}? Zet de naam goed",
        E(
            "data/lijsten.yml:46: thema",
            {"meant": "themas"},
            "De naam van een lijst heeft een tikfout. Daardoor ontbreekt de echte lijst.",
            "Zet de naam van de lijst goed, zoals de melding voorstelt.",
        ),
    ),
    _m(
        "vocab.extra_list",
        "vaste-waarden",
        "onbekende lijst; de site gebruikt hem niet",
        "alleen deze lijsten bestaan: {names}",
        E(
            "data/lijsten.yml:130: regios",
            {"names": "provincies, soorten en themas"},
            "Er staat een lijst in het bestand die de site niet kent. Een nieuwe lijst vraagt ook om een aanpassing"
            " in de code.",
            "Haal de lijst weg, of vraag een ontwikkelaar om hem in te bouwen.",
        ),
    ),
    _m(
        "vocab.shape",
        "vaste-waarden",
        "heeft niet de verwachte vorm: {expected}",
        "vergelijk het met de vorige versie in Git",
        E(
            "data/lijsten.yml:1: (bestand)",
            {"expected": "lijsten met een naam, zoals provincies:"},
            "Het bestand is geen lijst van lijsten (of bij factoren: geen lijst van factoren).",
            "Haal het bestand terug uit Git en breng je wijziging opnieuw aan.",
        ),
    ),
    _m(
        "vocab.broken",
        "vaste-waarden",
        "de voorbeelden zijn niet gecontroleerd, want de lijsten met vaste waarden kloppen niet",
        "los eerst de fouten in {files} op",
        E(
            "data/voorbeelden: (voorbeelden)",
            {"files": "data/lijsten.yml"},
            "Zonder goede lijsten zou elke waarde in elk voorbeeld fout lijken. Daarom slaat de controle de"
            " voorbeelden over.",
            "Los de meldingen over `data/factoren.yml` of `data/lijsten.yml` op en controleer opnieuw.",
        ),
    ),
    _m(
        "factor.icon",
        "vaste-waarden",
        "'{icon}' is geen Material-icoon",
        "bijvoorbeeld material/home-heart",
        E(
            "data/factoren.yml:31: werk.icoon",
            {"icon": "material/koffer"},
            "Het icoon van een factor bestaat niet in Material for MkDocs.",
            "Kies een bestaand icoon, zoals `material/briefcase-outline`. Kijk naar de andere factoren.",
        ),
    ),
    _m(
        "factor.colour",
        "vaste-waarden",
        "'{colour}' is geen kleur",
        'schrijf #rrggbb, bijvoorbeeld "#1f6b45"',
        E(
            "data/factoren.yml:32: werk.kleur",
            {"colour": "blauw"},
            "De kleur van een factor is geen kleurcode.",
            'Schrijf de kleur als `#` met zes tekens, tussen aanhalingstekens: `kleur: "#155a8a"`.',
        ),
    ),
    # --- The synonym list ----------------------------------------------------------------
    _m(
        "synonyms.shape",
        "synoniemen",
        "het bestand moet de talen nl en en bevatten, met onder elke taal groepen",
        "",
        E(
            "data/synoniemen.yml:1: (bestand)",
            {},
            "Het bestand begint niet met `nl:` en `en:`.",
            "Kijk naar het voorbeeld bovenin het bestand en begin met `nl:`.",
        ),
    ),
    _m(
        "synonyms.language",
        "synoniemen",
        "onbekende taal",
        "toegestaan: {allowed}",
        E(
            "data/synoniemen.yml:5: de",
            {"allowed": "nl, en"},
            "Er staat een taal die de site niet heeft.",
            "Gebruik alleen `nl:` en `en:`.",
        ),
    ),
    _m(
        "synonyms.not_list",
        "synoniemen",
        "moet een lijst van groepen zijn, zoals - [ouderen, senioren]",
        "",
        E(
            "data/synoniemen.yml:2: nl",
            {},
            "Onder een taal staat geen lijst.",
            "Zet elke groep op een eigen regel met een streepje: `- [ouderen, senioren]`.",
        ),
    ),
    _m(
        "synonyms.group",
        "synoniemen",
        "een groep is een lijst van minstens twee woorden, zoals [ouderen, senioren]",
        "",
        E(
            "data/synoniemen.yml:7: nl[3]",
            {},
            "Een groep heeft maar één woord, of de `[ ]` ontbreken.",
            "Zet minstens twee woorden tussen `[ ]`, gescheiden door komma's.",
        ),
    ),
    _m(
        "synonyms.not_word",
        "synoniemen",
        "{term} is geen woord",
        "",
        E(
            "data/synoniemen.yml:7: nl[3][1]",
            {"term": "'...'"},
            "Een woord is leeg of bestaat alleen uit leestekens.",
            "Haal het weg of schrijf het woord voluit.",
        ),
    ),
    _m(
        "synonyms.too_long",
        "synoniemen",
        "te lang",
        "hoogstens {limit} tekens; mist er een komma?",
        E(
            "data/synoniemen.yml:7: nl[3][1]",
            {"limit": 60},
            'Een "woord" is een hele zin, vaak omdat een komma ontbreekt.',
            "Zet komma's tussen de woorden van de groep.",
        ),
    ),
    _m(
        "synonyms.twice",
        "synoniemen",
        "'{term}' staat al in {where}",
        "een woord hoort in één groep",
        E(
            "data/synoniemen.yml:9: nl[5][0]",
            {"term": "ouderen", "where": "nl[0]"},
            "Hetzelfde woord staat in twee groepen.",
            "Voeg de twee groepen samen, of haal het woord uit één groep weg.",
        ),
    ),
    # --- The glossary ---------------------------------------------------------------------
    _m(
        "glossary.shape",
        "begrippen",
        "het bestand moet een lijst van begrippen zijn",
        "begin elk begrip met - id: en kijk naar de uitleg bovenin het bestand",
        E(
            "data/begrippen.yml:1: (bestand)",
            {},
            "Het bestand is geen lijst, bijvoorbeeld omdat het streepje voor `id:` ontbreekt.",
            "Begin elk begrip met `- id:`, zoals de andere begrippen.",
        ),
    ),
    _m(
        "glossary.not_group",
        "begrippen",
        "moet velden {names} hebben",
        "kijk naar de uitleg bovenin data/begrippen.yml",
        E(
            "data/begrippen.yml:14: ggd.nl",
            {"names": "term, vormen en uitleg"},
            "Onder `nl:`, `en:` of `bron:` staat losse tekst in plaats van velden.",
            "Schrijf de velden zoals bij de andere begrippen: `nl: {term: ..., vormen: [...], uitleg: ...}`.",
        ),
    ),
    _m(
        "glossary.duplicate_id",
        "begrippen",
        "id '{id}' staat ook bij het begrip op regel {line}",
        "geef elk begrip een eigen id",
        E(
            "data/begrippen.yml:40: ggd.id",
            {"id": "ggd", "line": 12},
            "Twee begrippen hebben dezelfde id. Links naar de pagina Begrippen gaan naar de id.",
            "Voeg de twee begrippen samen, of geef er een een andere id.",
        ),
    ),
    # --- The agreements of the Afsprakenmaker (data/afspraken.py) -----------------------
    _m(
        "agreement.shape",
        "afspraken",
        "het bestand moet een lijst van afspraken zijn",
        "elke afspraak begint met '- id:'",
        E(
            "data/afspraken.yml:1: (bestand)",
            {},
            "Het bestand is geen lijst, bijvoorbeeld omdat het streepje voor `id:` ontbreekt.",
            "Begin elke afspraak met `- id:`, zoals de andere afspraken.",
        ),
    ),
    _m(
        "agreement.not_fields",
        "afspraken",
        "een afspraak moet uit velden bestaan",
        "begin met '- id:' en zet de velden eronder",
        E(
            "data/afspraken.yml:30: [2]",
            {},
            "Op de plaats van een afspraak staat losse tekst.",
            "Schrijf de afspraak als velden onder `- id:`, zoals de andere.",
        ),
    ),
    _m(
        "agreement.duplicate_id",
        "afspraken",
        "'{id}' staat al op regel {line}",
        "geef elke afspraak een eigen id",
        E(
            "data/afspraken.yml:80: id",
            {"id": "contact-eerste-maand-achterstand", "line": 12},
            "Twee afspraken hebben dezelfde id. Een gedeelde link kiest afspraken op hun id.",
            "Geef de nieuwe afspraak een andere id. Verander nooit de id van een bestaande afspraak.",
        ),
    ),
    _m(
        "agreement.unknown_field",
        "afspraken",
        "onbekend veld in afspraak '{name}'",
        "toegestaan: {allowed}",
        E(
            "data/afspraken.yml:14: partij",
            {
                "name": "contact-eerste-maand-achterstand",
                "allowed": "id, factoren, tekst, tekst_en, partijen, soort, indicator, ...",
            },
            "Een veldnaam is verkeerd gespeld, bijvoorbeeld `partij` in plaats van `partijen`.",
            "Gebruik een van de veldnamen uit de melding.",
        ),
    ),
    _m(
        "agreement.missing",
        "afspraken",
        "ontbreekt in afspraak '{name}'",
        "{description}",
        E(
            "data/afspraken.yml:12: indicator",
            {"name": "contact-eerste-maand-achterstand", "description": "Hoe je ziet of het lukt."},
            "Een verplicht veld ontbreekt of is leeg.",
            "Vul het veld in. Weet je het niet, vraag het de redactie; verzin niets.",
        ),
    ),
    _m(
        "agreement.bad_id",
        "afspraken",
        "'{value}' is geen geldig id",
        "kleine letters, cijfers en streepjes, bijvoorbeeld 'budgetcoach-thuis'",
        E(
            "data/afspraken.yml:12: id",
            {"value": "Contact Bij Achterstand"},
            "De id heeft hoofdletters, spaties of andere tekens.",
            "Schrijf de id in kleine letters met streepjes: `contact-bij-achterstand`.",
        ),
    ),
    _m(
        "agreement.not_text",
        "afspraken",
        "moet tekst zijn",
        "",
        E(
            "data/afspraken.yml:15: tekst",
            {},
            "Op de plaats van de tekst staat een lijst of een getal.",
            "Schrijf de afspraak als één zin achter `tekst:`.",
        ),
    ),
    _m(
        "agreement.too_long",
        "afspraken",
        "te lang: {length} tekens",
        "toegestaan: hooguit {limit}; schrijf één korte zin",
        E(
            "data/afspraken.yml:15: tekst",
            {"length": 342, "limit": 300},
            "De tekst is langer dan één korte zin.",
            "Maak de zin korter. Zet uitleg niet in de afspraak zelf.",
        ),
    ),
    _m(
        "agreement.html",
        "afspraken",
        "bevat HTML",
        "schrijf gewone tekst",
        E(
            "data/afspraken.yml:15: tekst",
            {},
            "Er staat een HTML-code zoals `<b>` in de tekst.",
            "Haal de code weg en schrijf gewone tekst.",
        ),
    ),
    _m(
        "agreement.unknown_value",
        "afspraken",
        "'{value}' is onbekend",
        "kies uit: {allowed}",
        E(
            "data/afspraken.yml:17: partijen[1]",
            {"value": "woningbouwvereniging", "allowed": "corporatie, gemeente, huurdersorganisatie, zorg-en-welzijn"},
            "Een factor, partij of soort staat niet in de vaste lijsten.",
            "Kies een waarde uit de melding. Een nieuwe waarde komt eerst in `data/lijsten.yml`.",
        ),
    ),
    _m(
        "agreement.not_list",
        "afspraken",
        "moet een lijst zijn",
        "elke waarde op een eigen regel met '- '",
        E(
            "data/afspraken.yml:16: factoren",
            {},
            "Er staat één waarde achter de dubbele punt in plaats van een lijst.",
            "Zet elke waarde op een eigen regel, met een streepje en een spatie ervoor.",
        ),
    ),
    _m(
        "agreement.unknown_example",
        "afspraken",
        "'{value}' is onbekend",
        "geen voorbeeld in data/voorbeelden/ heeft dit id (schrijf de bestandsnaam zonder .yml)",
        E(
            "data/afspraken.yml:22: voorbeelden[0]",
            {"value": "housing-first-arnhem.yml"},
            "Het voorbeeld bestaat niet, of de naam is verkeerd gespeld of heeft `.yml` erachter.",
            "Schrijf de bestandsnaam van het voorbeeld zonder `.yml`.",
        ),
    ),
    _m(
        "agreement.duplicate_value",
        "afspraken",
        "dezelfde waarde staat er twee keer in",
        "laat er één staan",
        E(
            "data/afspraken.yml:16: factoren",
            {},
            "Een factor, partij of voorbeeld staat twee keer in dezelfde lijst.",
            "Haal er één weg.",
        ),
    ),
    # --- Building the site ---------------------------------------------------------------
    _m(
        "site.foreign_folder",
        "site",
        "de map bestaat al en is niet door de site gemaakt",
        "verplaats die map eerst; de site schrijft de pagina's van de voorbeelden daar zelf",
        E(
            "docs/voorbeelden: (map)",
            {},
            "In `docs/voorbeelden/` staan bestanden die de site niet zelf heeft gemaakt. De site overschrijft ze niet.",
            "Verplaats je eigen bestanden naar een andere map en bouw opnieuw.",
        ),
    ),
)

MESSAGES: dict[str, Message] = {m.code: m for m in CATALOGUE}
if len(MESSAGES) != len(CATALOGUE):
    raise RuntimeError("two messages in data/messages.py share a code")


def say(code: str, **values: Any) -> Said:
    """The message ``code`` with ``values`` filled in, ready for a Problem."""
    message = MESSAGES[code]
    return Said(code, message.render(**values), message.warning)
