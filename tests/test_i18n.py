"""One language per run: the registry's warnings and errors, and every label in both files."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner, Result

from cts_audit.cli import main
from cts_audit.i18n import Message, labels, say
from cts_audit.sources.registry.jekyll import read_jekyll_site

SRC = Path(__file__).resolve().parents[1] / "src" / "cts_audit"
#: A registry with something wrong on each line from 2 on, and no repository to fetch.
MALFORMED = (
    "network: N\n"
    "events: [{slug: ev, name: Ev, starts: 2026-13-01}]\n"
    "projects:\n"
    "  - name: P\n"
    "    event: nosuch\n"
    "    issues: maybe\n"
    "    repositories: [https://github.com/orgonly, notaurl]\n"
    "    contacts: [{name: A, email: nope}]\n"
    "    colour: red\n"
)


def locale(lang: str) -> dict[str, str]:
    return yaml.safe_load((SRC / "locale" / f"{lang}.yml").read_text(encoding="utf-8"))


def audit(path: Path, *args: str) -> Result:
    result = CliRunner().invoke(main, ["audit", str(path), "--out", str(path.parent / "o"), *args])
    assert "Traceback" not in result.output
    return result


def warnings(output: str, prefix: str) -> list[str]:
    return [line.removeprefix(prefix) for line in output.splitlines() if line.startswith(prefix)]


def test_every_label_is_in_both_languages() -> None:
    english, swedish = locale("en"), locale("sv")
    assert sorted(set(english) - set(swedish)) == []
    # Help texts are the one exception: the English ones stand beside each option in the code.
    assert sorted(k for k in set(swedish) - set(english) if not k.startswith("help_")) == []
    # The same placeholders, so no value goes missing in one language.
    for key, text in english.items():
        names = set(re.findall(r"(?<!\{)\{(\w+)", text))
        assert names == set(re.findall(r"(?<!\{)\{(\w+)", swedish[key])), key


def test_every_message_the_code_says_has_words() -> None:
    english = locale("en")
    said = re.compile(r"Message(?:\.of)?\(\s*\"(\w+)\"")
    keys = {key for path in SRC.rglob("*.py") for key in said.findall(path.read_text())}
    assert keys and sorted(keys - set(english)) == []


def test_a_malformed_registry_warns_in_swedish_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "registry.yml"
    path.write_text(MALFORMED, encoding="utf-8")
    swedish = warnings(audit(path, "--lang", "sv").output, "Varning: ")
    english = warnings(audit(path, "--lang", "en").output, "Warning: ")
    assert len(swedish) == len(english) == 7
    lines = [int(w.split(":")[1]) for w in swedish]
    assert lines == [int(w.split(":")[1]) for w in english] == [2, 5, 6, 7, 7, 8, 9]
    assert all(w.startswith(f"{path}:") for w in swedish)
    text = "\n".join(swedish)
    for word in ("found", "project", "unknown key", "is not", "e.g.", "the keys are"):
        assert word not in text, word
    assert 'projektet "P": okänd nyckel "colour"' in text
    assert "organisationen eller kontot" in text and 'här står texten "maybe"' in text
    assert 'project "P": unknown key "colour"; it is ignored' in "\n".join(english)


def test_a_registry_that_cannot_be_read_is_an_error_in_the_run_s_language(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "registry.yml"
    broken.write_text("projects: [\n", encoding="utf-8")
    swedish = audit(broken, "--lang", "sv")
    assert swedish.exit_code == 2
    assert f"Fel: {broken}:2: inte giltig YAML" in swedish.output
    assert "Tips: Titta på indrag" in swedish.output
    english = audit(broken, "--lang", "en")
    assert f"Error: {broken}:2: not valid YAML" in english.output
    unknown = tmp_path / "registry.txt"
    unknown.write_text("x", encoding="utf-8")
    said = audit(unknown, "--lang", "sv").output
    assert 'det går inte att avgöra registrets format utifrån filändelsen ".txt"' in said
    assert "Give a registry file" not in said
    export = tmp_path / "signups.csv"
    export.write_text("Name,Email\nA,a@b.se\n", encoding="utf-8")
    said = audit(export, "--lang", "sv").output
    assert f"{export}:1: det finns ingen kolumn för projektnamnet eller repositoriernas" in said


def test_jekyll_and_form_problems_are_worded_in_either_language(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_posts").mkdir(parents=True)
    (site / "_posts" / "2020-02-02-x.md").write_text("# Just prose\n")
    (site / "_posts" / "2020-02-04-z.md").write_text("---\ntitle: Z\nissues: perhaps\n---\n")
    first, second = read_jekyll_site(site).problems
    assert first.text("sv") == (
        f"{first.location}: sidan har ingen front matter, så Jekyll publicerar den inte; "
        "börja filen med en rad ---, nycklarna och en rad --- till"
    )
    assert first.text() == f"{first.location}: {first.message}; {first.hint}"
    assert "no front matter" in first.message
    assert second.text("sv").startswith(f"{second.location.file}:3: projektet \"Z\": 'issues'")


def test_a_message_nests_messages_and_lists_of_them() -> None:
    inner = Message.of("label_project", name='"P"')
    outer = Message.of("registry_not_email", label=inner, email='"x"')
    assert say(outer, "sv") == 'projektet "P": "x" är ingen e-postadress'
    assert say(outer, "en") == 'project "P": "x" is not an e-mail address'
    both = Message.of("registry_csv_no_column", column="c", expected=(inner, inner), columns="")
    assert 'Expected project "P"; project "P".' in say(both, "en")


def test_a_note_said_once_is_held_in_any_language(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_events").mkdir(parents=True)
    (site / "_posts").mkdir()
    (site / "_events" / "forum.md").write_text("---\ntitle: F\nlang: sv\nref: sv\n---\n")
    (site / "_posts" / "2021-10-06-app.md").write_text(
        "---\ntitle: App\ncategories: [forum]\n---\n"
    )
    first = audit(site, "--lang", "sv").output
    assert "är ett språk, inte ett evenemang" in first
    again = audit(site, "--lang", "en").output
    assert "names a language" not in again
    assert "1 note on how the registry is written, shown on an earlier audit" in again


def test_check_words_a_team_s_mistake_in_the_run_s_language(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / ".cts-audit.yml").write_text("third_party:\n  - {path: a.png}\n", encoding="utf-8")
    swedish = CliRunner().invoke(main, ["check", str(root), "--lang", "sv"])
    assert swedish.exit_code == 2
    assert "Fel: .cts-audit.yml:2: post 1 behöver licence och source" in swedish.output
    english = CliRunner().invoke(main, ["check", str(root), "--lang", "en"])
    assert "Error: .cts-audit.yml:2: entry 1 needs licence and source" in english.output


def test_site_and_a_missing_folder_speak_the_rules_language(tmp_path: Path) -> None:
    db = str(tmp_path / "h.sqlite")
    empty = CliRunner().invoke(main, ["site", "--out", str(tmp_path / "s"), "--db", db])
    assert empty.exit_code == 2
    assert "Fel: historiken har ingen granskning än" in empty.output
    assert "Tips: Kör cts-audit audit REGISTER först." in empty.output
    asked = ["site", "--out", str(tmp_path / "s"), "--db", db, "--lang", "en"]
    english = CliRunner().invoke(main, asked)
    assert "Error: the history has no audit yet" in english.output, english.output
    listed = tmp_path / "registry.yml"
    listed.write_text(
        "network: N\nprojects: [{name: P, repositories: [./gone/away]}]\n", encoding="utf-8"
    )
    said = audit(listed).output  # the rules' own language: Swedish
    assert "away: kunde inte läsas: mappen finns inte" in said


@pytest.mark.parametrize("command", [["check"], ["fix", "--working-method"]])
def test_a_path_that_is_no_folder_is_said_in_the_run_s_language(
    tmp_path: Path, command: list[str]
) -> None:
    missing = str(tmp_path / "gone")
    swedish = CliRunner().invoke(main, [*command, "--lang", "sv", missing])
    assert swedish.exit_code == 2 and f"Fel: '{missing}': " in swedish.output, swedish.output
    assert "Tips: Ange sökvägen" in swedish.output and "Invalid value" not in swedish.output
    english = CliRunner().invoke(main, [*command, "--lang", "en", missing])
    assert english.exit_code == 2 and "Tip: Give the path" in english.output


#: Command lines that cannot be used, each a different kind of mistake.
MISTAKES = [
    ["check", "--format", "bogus", "."],
    ["check"],
    ["check", "a", "b"],
    ["chek", "."],
    ["check", "--formt", "json", "."],
    ["check", "--fail-on", "maybe", "."],
    ["audit", "--jobs", "x", "r.yml"],
    ["audit", "--api-url", "ftp://x", "r.yml"],
    ["audit", "--token-file", "/no/such/token", "r.yml"],
    ["issues", "--max-open", "many", "r.yml"],
    ["issues", "--write-interval", "soon", "r.yml"],
    ["fix", "--dry-run", __file__],
    ["--bogus"],
]
#: Click's own English, which must never reach a Swedish run.
CLICK_WORDS = ("Usage:", "Error:", "Invalid value", "No such", "Missing", "Try ", "Got unexpected")


@pytest.mark.parametrize("args", MISTAKES, ids=lambda a: " ".join(a)[:40])
def test_a_mistyped_command_line_is_said_in_the_run_s_language(args: list[str]) -> None:
    lang_at = 1 if args[0] in ("check", "audit", "issues", "fix", "site", "history") else None
    # Without --lang: the bundled rules' default language, Swedish.
    swedish = CliRunner().invoke(main, args)
    assert swedish.exit_code == 2, swedish.output
    assert swedish.output.startswith("Fel: "), swedish.output
    assert "\nTips: '" in swedish.output and "--help' visar alla alternativ." in swedish.output
    assert not any(word in swedish.output for word in CLICK_WORDS), swedish.output
    if lang_at is None:
        return
    english = CliRunner().invoke(main, [*args[:lang_at], "--lang", "en", *args[lang_at:]])
    assert english.exit_code == 2
    assert english.output.startswith("Error: ") and "--help' lists every option." in english.output
    assert "Fel:" not in english.output and "Tips:" not in english.output


def test_a_misspelt_option_or_command_gets_the_closest_one() -> None:
    said = CliRunner().invoke(main, ["check", "--lang", "en", "--formt", "json", "."]).output
    assert "there is no option '--formt'. Did you mean '--format'?" in said
    said = CliRunner().invoke(main, ["audti", "r.yml"]).output
    assert "det finns inget kommando 'audti'. Menade ni 'audit'?" in said


def test_a_broken_rule_file_is_said_in_the_language_asked_for(tmp_path: Path) -> None:
    rules = tmp_path / "mine.yml"
    rules.write_text(
        "extends: cts\nchecks:\n  media_licence:\n    max_listed_files: 0\n    bogus: 1\n"
        "network: [a, b]\n",
        encoding="utf-8",
    )
    args = ["check", "--rules", str(rules), str(tmp_path)]
    swedish = CliRunner().invoke(main, [*args, "--lang", "sv"]).output
    assert f"Fel: {rules}:4: checks.media_licence.max_listed_files: väntade ett heltal " in swedish
    assert "från 1 till 1000; här finns talet 0" in swedish
    assert f"{rules}:5: checks.media_licence: okänd nyckel 'bogus'; nycklarna här är:" in swedish
    assert f"{rules}:6: network: väntade nätverkets namn, som text; här finns en lista" in swedish
    assert "Tips: Jämför med rules/cts.yml" in swedish and "expected" not in swedish
    english = CliRunner().invoke(main, [*args, "--lang", "en"]).output
    assert f"Error: {rules}:4: checks.media_licence.max_listed_files: expected a whole" in english
    incomplete = tmp_path / "short.yml"
    incomplete.write_text("schema: 1\nnetwork: N\n", encoding="utf-8")
    said = CliRunner().invoke(main, ["check", "--rules", str(incomplete), ".", "--lang", "sv"])
    assert "inte en fullständig policy: nycklarna files, keywords och texts saknas" in said.output


def test_a_rule_file_that_cannot_be_read_is_said_in_the_environment_s_language(
    tmp_path: Path,
) -> None:
    """Without --lang, and with no policy to say which language: the environment's."""
    broken = tmp_path / "broken.yml"
    broken.write_text("network: [\n", encoding="utf-8")
    args = ["check", "--rules", str(broken), str(tmp_path)]
    for env, prefix in (({"LANG": "sv_SE.UTF-8", "LC_ALL": ""}, "Fel:"), ({"LANG": "C"}, "Error:")):
        said = CliRunner(env={"LC_ALL": "", "LC_MESSAGES": "", **env}).invoke(main, args)
        assert said.exit_code == 2 and said.output.startswith(f"{prefix} {broken}:2:"), said.output


def test_a_licence_s_elements_are_named_in_the_run_s_language() -> None:
    from cts_audit.checks.interface import CheckResult, Status
    from cts_audit.explain import explain
    from cts_audit.rules import load_rules

    result = CheckResult(
        "media_licence",
        Status.PASS,
        "all_covered",
        {"count": 3, "licence": "CC BY-NC-SA 4.0 (NonCommercial, ShareAlike)"},
    )
    swedish = explain(result, load_rules(), "sv").summary
    assert "(IckeKommersiell, DelaLika)" in swedish and "ShareAlike" not in swedish
    assert "(NonCommercial, ShareAlike)" in explain(result, load_rules(), "en").summary


def test_a_check_that_breaks_says_so_in_the_run_s_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cts_audit import checks
    from cts_audit.explain import explain
    from cts_audit.rules import load_rules
    from cts_audit.sources.local import folder_snapshot

    def broken(ctx: object) -> None:
        raise StopIteration

    from cts_audit.checks import working_method

    monkeypatch.setattr(working_method, "_run", broken)
    (tmp_path / "README.md").write_text("# x\n", encoding="utf-8")
    result = checks.run_checks(folder_snapshot(tmp_path), load_rules())["working_method"]
    assert (result.status.value, result.reason) == ("error", "error")
    swedish = explain(result, load_rules(), "sv").summary
    assert "ett fel i själva cts-audit (StopIteration)" in swedish
    assert "an error" not in swedish


def _commands() -> list[tuple[str, click.Command]]:
    ctx = click.Context(main, info_name="cts-audit")
    found = [(name, main.get_command(ctx, name)) for name in main.list_commands(ctx)]
    return [("main", main), *((n, c) for n, c in found if c is not None)]


def test_every_command_and_option_has_its_help_in_swedish_and_no_word_is_left_over() -> None:
    words = labels("sv")
    expected = set()
    for name, command in _commands():
        assert f"help_{name}" in words, name
        expected.add(f"help_{name}")
        for param in command.params:
            if isinstance(param, click.Option) and param.help:
                own, shared = f"help_{name}_{param.name}", f"help_option_{param.name}"
                assert own in words or shared in words, own
                expected.add(own if own in words else shared)
    frame = {
        "help_usage", "help_options", "help_commands", "help_default", "help_required",
        "help_options_metavar", "help_command_metavar", "help_option_help",
    }  # fmt: skip
    assert {k for k in words if k.startswith("help_")} - expected - frame == set()


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["audit", "-h"]])
def test_help_speaks_the_run_s_language(args: list[str]) -> None:
    swedish = CliRunner().invoke(main, args)
    assert swedish.exit_code == 0
    assert swedish.output.startswith("Användning: ") and "Alternativ:" in swedish.output
    assert "Visa det här meddelandet och avsluta." in swedish.output
    assert not any(w in swedish.output for w in ("Usage:", "Options:", "Show this", "default:"))
    if args[0] == "--help":
        assert "Kommandon:" in swedish.output and "Granska alla projekt" in swedish.output
        return
    english = CliRunner().invoke(main, [args[0], "--lang", "en", *args[1:]])
    assert english.output.startswith("Usage: ") and "Show this message" in english.output
    assert "Användning" not in english.output


def test_help_in_a_language_without_help_words_falls_back_to_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A network's own language may give its findings' words and not yet --help's."""
    from cts_audit.cli import help_text

    words = {k: v for k, v in labels("sv").items() if not k.startswith("help_")}
    monkeypatch.setattr(help_text, "labels", lambda _lang: words)
    said = CliRunner().invoke(main, ["check", "--help"])
    assert said.exit_code == 0, said.output
    assert said.output.startswith("Usage: ") and "Options:" in said.output
