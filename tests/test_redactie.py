"""The editors' workflow around the records: the check's warnings, the guide, the
issue form, the submission page, editor settings, pre-commit and publishing.

These tests read the files an editor or CI actually uses and run the real commands,
so a guide that forgets a new validator message, a form that drifts from the
vocabularies or a workflow that stops running the README's commands fails here.
"""

from __future__ import annotations

import ast
import datetime as dt
import fnmatch
import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ENV, FIXTURES, ROOT, Build, data_folder
from inspiratieboek.data.messages import CATALOGUE, MESSAGES
from inspiratieboek.data.records import load_catalog
from inspiratieboek.data.schema import FIELDS
from inspiratieboek.data.validate import validate
from inspiratieboek.editors.aandragen import (
    QUESTIONS,
    check_settings,
    issue_form,
    issue_form_text,
    render_routes,
    submitted_fields,
)
from inspiratieboek.editors.guide import guide_text

GUIDE = (ROOT / "data" / "redactiehandleiding.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
MESSAGE_MODULES = (
    "data/records.py",
    "data/validate.py",
    "data/synonyms.py",
    "data/afspraken.py",
    "data/urls.py",
    "editors/translations.py",
    "site/generate.py",
    "site/begrippen.py",
)
FORM = "https://github.com/voorbeeld/boek/issues/new?template=voorbeeld.yml"


def manage(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=120,
    )


# --- The check reports old checks and shared sources ---------------------------------


def test_check_warns_about_old_checks_and_shared_sources_but_passes(tmp_path: Path) -> None:
    # Given two records with the same source, one last checked 800 days ago,
    good = (FIXTURES / "synthetisch-a.yml").read_text(encoding="utf-8")
    old = (dt.date.today() - dt.timedelta(days=800)).isoformat()
    second = good.replace("voorbeeld A", "voorbeeld B").replace("example A", "example B")  # titles are unique
    data = data_folder(tmp_path / "data", {"synthetisch-a.yml": good.replace("2026-01-15", old), "tweede.yml": second})
    # when the editor runs the check,
    result = manage("--data", str(data), "check")
    # then both warnings name file, line and field, and the check still passes.
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert (
        "data/voorbeelden/synthetisch-a.yml:27: laatst_gecontroleerd: waarschuwing: is 2 jaar geleden gecontroleerd"
        " (controleer de bronnen en zet de datum van vandaag)"
    ) in lines
    for name in ("synthetisch-a", "tweede"):
        assert (
            f"data/voorbeelden/{name}.yml:26: bronnen[0].url: waarschuwing: dezelfde bron staat ook bij:"
            " synthetisch-a, tweede (klopt dat?)"
        ) in lines
    assert "2 voorbeelden gecontroleerd: geen fouten." in lines


@pytest.mark.parametrize(("days", "warned"), [(700, False), (730, False), (731, True)])
def test_old_check_warning_starts_after_two_years(tmp_path: Path, days: int, warned: bool) -> None:
    checked = (dt.date.today() - dt.timedelta(days=days)).isoformat()
    good = (FIXTURES / "synthetisch-a.yml").read_text(encoding="utf-8")
    data = data_folder(tmp_path / "data", {"synthetisch-a.yml": good.replace("2026-01-15", checked)})
    stale = [p for p in validate(load_catalog(data)) if p.warning and p.field == "laatst_gecontroleerd"]
    assert bool(stale) == warned, [str(p) for p in stale]


# --- The guide ------------------------------------------------------------------------


def _calls(name: str) -> list[ast.Call]:
    """Every call of ``name(...)`` in the modules that give validator messages."""
    found = []
    for path in [ROOT / "scripts" / "inspiratieboek" / module for module in MESSAGE_MODULES]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == name
            ):
                found.append(node)
    return found


def _is_inline_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr | ast.BinOp) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def test_validator_messages_come_from_the_catalogue() -> None:
    """No check writes its own message: each goes through say("code") into the catalogue."""
    used = [c.args[0].value for c in _calls("say") if c.args and isinstance(c.args[0], ast.Constant)]
    assert len(used) >= 60, f"the scan found too few say() calls; did the validator change shape? {used}"
    assert sorted(set(used) - set(MESSAGES)) == [], "say() with a code that is not in data/messages.py"
    assert sorted(set(MESSAGES) - set(used)) == [], "messages in the catalogue that no check gives"
    inline = []
    for module in MESSAGE_MODULES:
        tree = ast.parse((ROOT / "scripts" / "inspiratieboek" / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem" and len(node.args) > 3:
                inline += [f"{module}:{node.lineno}"] if _is_inline_text(node.args[3]) else []
            if isinstance(node, ast.Yield) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 2:
                inline += [f"{module}:{node.lineno}"] if _is_inline_text(node.value.elts[1]) else []
    assert inline == [], "messages written inline instead of in data/messages.py: " + ", ".join(inline)


def test_guide_explains_every_message_the_validator_can_give() -> None:
    # Each message is the first cell of a table row: message | what is wrong | how to fix it.
    rows = [[c.strip() for c in line.strip().strip("|").split(" | ")] for line in GUIDE.splitlines()]
    entries = {row[0]: row for row in rows if len(row) == 3 and row[0].startswith("`") and all(row)}
    missing = []
    for message in CATALOGUE:
        assert message.examples, f"{message.code} has no example for the guide"
        for example in message.examples:
            label = "waarschuwing: " if message.warning else ""
            cell = f"`{example.where}: {label}{message.render(**example.values)}`"
            if cell not in entries or not example.cause or not example.remedy:
                missing.append(message.code)
    assert missing == [], "data/redactiehandleiding.md has no row with a fix for: " + "; ".join(missing)


def test_guide_tables_are_current() -> None:
    assert guide_text(GUIDE) == GUIDE, "run: .venv/bin/python scripts/manage.py handleiding --write"


def test_guide_describes_every_record_field() -> None:
    table = GUIDE.split("### De velden", 1)[1].split("\n## ", 1)[0]
    assert [f.key for f in FIELDS] == re.findall(r"^\| `([a-z_]+)` \|", table, re.MULTILINE)


def test_guide_commands_are_real_tasks_and_the_readme_serve_command() -> None:
    serve = README.split("<!-- serve-command -->", 1)[1].split("```sh\n", 1)[1].split("\n", 1)[0]
    assert serve in GUIDE
    tasks = set(re.findall(r"manage\.py (\w+)", GUIDE))
    assert {"nieuw", "check", "serve", "build", "schema", "formulier"} <= tasks
    for task in tasks:
        assert manage(task, "--help").returncode == 0, f"the guide mentions 'manage.py {task}', which does not exist"


# --- The issue form and the page "Voorbeeld aandragen" --------------------------------


def test_issue_form_is_current() -> None:
    committed = (ROOT / ".github" / "ISSUE_TEMPLATE" / "voorbeeld.yml").read_text(encoding="utf-8")
    assert committed == issue_form_text(load_catalog(ROOT / "data").vocab), (
        "run: .venv/bin/python scripts/manage.py formulier --write"
    )


def test_issue_form_asks_for_the_fields_of_a_record() -> None:
    vocab = load_catalog(ROOT / "data").vocab
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "voorbeeld.yml").read_text(encoding="utf-8"))
    asked = {e["id"]: e for e in form["body"] if "id" in e and e["type"] != "checkboxes"}
    assert list(asked) == submitted_fields()
    assert set(submitted_fields()) == {f.key for f in FIELDS} - {f.key for f in FIELDS if f.translation_of} - {
        "laatst_gecontroleerd",
        "controle",
        "erkenning",
    }
    required = {f.key for f in FIELDS if f.required}
    for key, element in asked.items():
        assert element["validations"]["required"] == (key in required), key
    for key, vocab_name in [
        ("factoren", "factoren"),
        ("provincie", "provincies"),
        ("doelgroepen", "doelgroepen"),
        ("themas", "themas"),
    ]:
        assert asked[key]["type"] == "dropdown"
        assert asked[key]["attributes"]["options"] == [t.nl for t in vocab.by_name(vocab_name).values()]
    assert asked["provincie"]["attributes"]["multiple"] is False and asked["factoren"]["attributes"]["multiple"]
    assert issue_form(vocab)["name"] == "Voorbeeld aandragen"


def test_routes_offer_the_form_and_the_email_only_when_configured() -> None:
    with_mail = render_routes({"formulier": FORM, "email": "redactie@voorbeeld.nl"}, "nl")
    assert f'<a href="{FORM}">' in with_mail
    assert '<a href="mailto:redactie@voorbeeld.nl?subject=Voorbeeld%20aandragen&amp;body=Titel%3A%20%0A' in with_mail
    assert all(f"- {q.nl}" in with_mail.replace("&#39;", "'") for q in QUESTIONS)
    form_only = render_routes({"formulier": FORM, "email": ""}, "en")
    assert "mailto:" not in form_only and "### With the form" in form_only
    with pytest.raises(ValueError, match=re.escape("extra.aandragen.email: 'geen adres' is geen e-mailadres")):
        check_settings({"formulier": FORM, "email": "geen adres"})
    with pytest.raises(ValueError, match=re.escape("extra.aandragen.formulier: 'http://x' is geen webadres")):
        check_settings({"formulier": "http://x"})


def test_routes_without_a_form_offer_the_email_alone_or_say_there_is_no_route() -> None:
    mail_only = render_routes({"formulier": "", "email": "redactie@voorbeeld.nl"}, "nl")
    assert "formulier" not in mail_only.split("mailto:")[0].lower() and "GitHub" not in mail_only
    assert "Stuur je voorbeeld per e-mail naar" in mail_only and "Zet in je mail deze gegevens:" in mail_only
    assert "ib-geen-route" not in mail_only
    neither = render_routes({}, "en")
    assert "<a " not in neither and "###" not in neither
    assert '<p class="ib-geen-route" role="note">This copy of the site has no form' in neither


@pytest.mark.parametrize(
    ("path", "heading"),
    [("voorbeeld-aandragen/", "Zo stuur je het in"), ("en/voorbeeld-aandragen/", "How to send it in")],
)
def test_submission_page_links_to_the_form(site: Build, path: str, heading: str) -> None:
    html = site.html(path)
    assert heading in html
    assert re.search(r'<a href="https://[^"]+/issues/new\?template=voorbeeld\.yml">', html), "no link to the form"
    assert "<!-- aandragen -->" not in html
    email = ENV.get("AANDRAGEN_EMAIL", "")
    assert ("mailto:" in html) == bool(email), "the e-mail route must show exactly when AANDRAGEN_EMAIL is set"


# --- Editor settings, pre-commit and publishing -----------------------------------------


def test_vscode_maps_the_schema_to_every_record() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    (schema, globs), *_ = settings["yaml.schemas"].items()
    assert (ROOT / schema).resolve() == (ROOT / "data" / "voorbeeld.schema.json").resolve()
    recommended = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))["recommendations"]
    assert "redhat.vscode-yaml" in recommended
    for record in sorted((ROOT / "data" / "voorbeelden").glob("*.yml")):
        relative = record.relative_to(ROOT).as_posix()
        assert any(fnmatch.fnmatch(relative, g) for g in globs), relative
        first = record.read_text(encoding="utf-8").splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert target != first and (record.parent / target).resolve() == (ROOT / schema).resolve(), relative


def _hooks() -> list[dict]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_precommit_runs_the_validator_ruff_and_basic_checks_from_the_venv() -> None:
    hooks = {hook["id"]: hook for hook in _hooks()}
    assert {
        "trailing-whitespace",
        "end-of-file-fixer",
        "check-yaml",
        "voorbeelden",
        "ruff-check",
        "mypy",
        "markdown",
    } <= set(hooks)
    assert hooks["mypy"]["pass_filenames"] is False, "mypy checks the whole package, with its settings"
    # The file patterns name the package's modules (they named the flat scripts/ before the move).
    for hook_id, path in [
        ("voorbeelden", "scripts/inspiratieboek/data/validate.py"),
        ("voorbeelden", "scripts/inspiratieboek/editors/translations.py"),
        ("voorbeelden", "data/voorbeelden/x.yml"),
        ("formulier", "scripts/inspiratieboek/editors/aandragen.py"),
        ("formulier", "scripts/inspiratieboek/data/schema.py"),
    ]:
        assert re.search(hooks[hook_id]["files"], path), f"{hook_id} does not run for {path}"
        if not path.endswith("x.yml"):
            assert (ROOT / path).is_file(), path
    assert "--unsafe" in hooks["check-yaml"]["entry"]
    assert hooks["voorbeelden"]["entry"].endswith("scripts/manage.py check")
    for hook in hooks.values():
        program = ROOT / shlex.split(hook["entry"])[0]
        assert program.is_file(), f"{hook['id']}: {program} is missing; pin its package in pyproject.toml [test]"


@pytest.mark.parametrize("hook_id", ["check-yaml", "markdown"])
def test_precommit_checks_pass_on_the_files_of_this_workflow(hook_id: str) -> None:
    files = {
        "check-yaml": [
            "mkdocs.yml",
            ".pre-commit-config.yaml",
            ".github/workflows/publish.yml",
            ".github/ISSUE_TEMPLATE/voorbeeld.yml",
        ],
        "markdown": [
            "README.md",
            "data/redactiehandleiding.md",
            "docs/voorbeeld-aandragen.md",
            "docs/voorbeeld-aandragen.en.md",
            "docs/open-data.md",
            "docs/open-data.en.md",
        ],
    }[hook_id]
    entry = next(h["entry"] for h in _hooks() if h["id"] == hook_id)
    result = subprocess.run([*shlex.split(entry), *files], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_markdown_check_can_fail(tmp_path: Path) -> None:
    bad = tmp_path / "slecht.md"
    bad.write_text("# Titel\n\n# Titel\n", encoding="utf-8")
    entry = next(h["entry"] for h in _hooks() if h["id"] == "markdown")
    result = subprocess.run([*shlex.split(entry), str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "MD025" in result.stdout + result.stderr


def test_publish_workflow_tests_builds_and_deploys_with_the_readme_commands() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["push"]["branches"] == ["main"]
    test, build, deploy = (workflow["jobs"][name] for name in ("test", "build", "deploy"))
    for job in (test, build):
        assert job["container"]["image"].startswith("debian:")
        script = "\n".join(step.get("run", "") for step in job["steps"])
        assert re.search(r"apt-get install .*\bchromium\b", script.replace("\\\n", " "))
    runs = [step.get("run", "") for step in test["steps"]]
    assert "bash .ci/run" in runs, "CI's test step must run .ci/run, which runs the README's test command"
    assert "<!-- test-command -->" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    serve_install = README.split("<!-- serve-command -->", 1)[1].split("```sh\n", 1)[1].split(" && .venv/bin/python")[0]
    assert serve_install in "\n".join(runs), "the workflow installs the way the README does"
    assert "--require-hashes -r requirements.lock" in serve_install, "from the lock file, with hashes"
    assert "scripts/manage.py check" in "\n".join(runs)
    built = "\n".join(step.get("run", "") for step in build["steps"])
    assert "--require-hashes -r requirements-test.lock" in built
    # The PDFs are part of every publication, never skipped: one command makes site and PDFs
    assert re.search(r"scripts/manage\.py build --pdf --site-dir site\s*$", built)
    assert "--help" not in built and " else" not in built
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"]
