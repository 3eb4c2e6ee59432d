"""READMEs written in org-mode, AsciiDoc, reStructuredText and plain text are read like a
README.md: for their licence statements and for the sections on how the team worked."""

from __future__ import annotations

from pathlib import Path

import pytest

from cts_audit.checks import run_checks
from cts_audit.checks.interface import Status
from cts_audit.checks.text import as_markdown, headings, prose_words
from cts_audit.rules import Rules, load_rules
from cts_audit.sources.local import folder_snapshot

from .repos import PNG, write_tree

ORG = """#+TITLE: Cykelbanekartan
#+AUTHOR: Team Hjulet

Cykelbanekartan shows where the city's bike lanes are missing, built from the open data
of the municipality and the reports residents send in through the form on the map.

* Running it
#+BEGIN_SRC sh
pip install -r requirements.txt
python app.py
#+END_SRC
* How we worked
** Day one
We split into a data group and a map group, and met every two hours to show what each
had, deciding the next step together. Notes are in [[file:notes/day1.org][the notes]].
* Licens
Code: MIT. Photos in img/: CC BY 4.0.
"""

ADOC = """= Cykelbanekartan
:toc:
:icons: font

Cykelbanekartan shows where the city's bike lanes are missing, built from the open data
of the municipality and the reports residents send in through the form on the map.

== Running it

[source,sh]
----
pip install -r requirements.txt
python app.py
----

== How we worked

=== Day one

We split into a data group and a map group, and met every two hours to show what each
had, deciding the next step together. See link:notes/day1.adoc[the notes].

== License

Code: MIT. Photos in img/: CC BY 4.0.
"""

RST = """================
Cykelbanekartan
================

Cykelbanekartan shows where the city's bike lanes are missing, built from the open data
of the municipality and the reports residents send in through the form on the map.

Running it
----------

Install it and start the server::

    pip install -r requirements.txt
    python app.py

How we worked
-------------

Day one
~~~~~~~

We split into a data group and a map group, and met every two hours to show what each
had, deciding the next step together. See `the notes <notes/day1.rst>`_.

License
-------

Code: MIT. Photos in img/: CC BY 4.0.
"""

TXT = """CYKELBANEKARTAN

Cykelbanekartan shows where the city's bike lanes are missing, built from the open data
of the municipality and the reports residents send in through the form on the map.

RUNNING IT

    pip install -r requirements.txt
    python app.py

HOW WE WORKED

We split into a data group and a map group, and met every two hours to show what each
had, deciding the next step together. The notes are in notes/day1.txt.

LICENSE

Code: MIT. Photos in img/: CC BY 4.0.
"""


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load_rules()


@pytest.mark.parametrize(
    ("name", "text"),
    [("README.org", ORG), ("README.adoc", ADOC), ("README.rst", RST), ("README.txt", TXT)],
)
def test_readme_in_other_markup_is_read_like_markdown(
    tmp_path: Path, rules: Rules, name: str, text: str
) -> None:
    write_tree(tmp_path, {name: text, "app.py": "print('map')\n", "img/lanes.png": PNG})
    results = run_checks(folder_snapshot(tmp_path), rules)
    code, media, method = (
        results["code_licence"],
        results["media_licence"],
        results["working_method"],
    )
    licence_line = text.splitlines().index("Code: MIT. Photos in img/: CC BY 4.0.") + 1
    assert (code.status, code.licence) == (Status.PASS, "MIT"), code
    assert (code.evidence[0].path, code.evidence[0].line) == (name, licence_line)
    assert (media.status, media.licence) == (Status.PASS, "CC-BY-4.0"), media
    assert (method.status, method.reason) == (Status.PASS, "documented"), method
    section = next(e for e in method.evidence if e.kind == "section")
    assert section.path == name
    assert section.params is not None
    assert str(section.params["title"]).lower() == "how we worked"
    assert text.splitlines()[(section.line or 0) - 1].strip(" *=").lower() == "how we worked"


def test_the_markdown_view_keeps_every_line_in_its_place() -> None:
    for name, text in [
        ("README.org", ORG),
        ("README.adoc", ADOC),
        ("README.rst", RST),
        ("README.txt", TXT),
    ]:
        view = as_markdown(name, text)
        assert len(view.splitlines()) == len(text.splitlines()), name
    levels = {h.title: h.level for h in headings(as_markdown("README.rst", RST))}
    assert levels == {
        "Cykelbanekartan": 1,
        "Running it": 2,
        "How we worked": 2,
        "Day one": 3,
        "License": 2,
    }
    assert "[the notes](notes/day1.org)" in as_markdown("README.org", ORG)
    assert "[the notes](notes/day1.adoc)" in as_markdown("README.adoc", ADOC)


def test_asciidoc_code_blocks_are_no_headings() -> None:
    text = "= Tool\n\nRun:\n----\nmake\n----\n\n== Contributing\n\nOpen an issue first.\n"
    assert [h.title for h in headings(as_markdown("README.adoc", text))] == [
        "Tool",
        "Contributing",
    ]


def test_a_licence_name_on_its_own_line_stays_text_in_plain_text() -> None:
    text = "Bikes\n\nA map of bike lanes.\n\nLICENSE\n\nMIT\n"
    view = as_markdown("README.txt", text)
    assert [h.title for h in headings(view)] == ["LICENSE"]
    assert "\nMIT\n" in view


def test_a_readme_without_extension_in_markdown_stays_markdown() -> None:
    text = "# Bikes\n\nA map.\n\nUSAGE\n\nRun it.\n"
    assert as_markdown("README", text) == text
    assert as_markdown("README.md", "* Licens\n") == "* Licens\n"


@pytest.mark.parametrize("name", ["CONTRIBUTING.adoc", "CONTRIBUTING.org"])
def test_contributing_file_in_other_markup_documents_the_work(
    tmp_path: Path, rules: Rules, name: str
) -> None:
    readme = ADOC.split("== How we worked")[0]
    guide = "Open an issue before you start, then send a pull request from a branch.\n"
    write_tree(tmp_path, {"README.adoc": readme, name: guide, "app.py": "print('map')\n"})
    result = run_checks(folder_snapshot(tmp_path), rules)["working_method"]
    assert (result.status, result.reason) == (Status.PASS, "documented"), result
    assert any(e.path == name for e in result.evidence)


BENCHES = (
    "# Park benches\n\nA map of every park bench in Malmö, with photos taken by volunteers"
    " on their walks.\n\n## Running\n\nRun `python app.py` and open the map.\n\n"
)


@pytest.mark.parametrize(
    ("section", "licence"),
    [
        (
            "## CC0 1.0 Universal\n\nTo the extent possible under law, the bench team has"
            " waived all copyright and related or neighboring rights to this work.\n",
            "CC0-1.0",
        ),
        (
            "# MIT License\n\nCopyright (c) 2024 The bench team\n\nPermission is hereby granted,"
            " free of charge, to any person obtaining a copy of this software.\n",
            "MIT",
        ),
        ("## MIT\n\nThe code is yours to reuse, with our names kept in it.\n", "MIT"),
    ],
    ids=["CC0 name over the waiver", "MIT License over its text", "bare id over a sentence"],
)
def test_a_heading_that_is_only_a_licence_s_name_declares_it(
    tmp_path: Path, rules: Rules, section: str, licence: str
) -> None:
    write_tree(tmp_path, {"app.py": "print(1)\n", "README.md": BENCHES + section})
    result = run_checks(folder_snapshot(tmp_path), rules)["code_licence"]
    assert result.licence == licence, result.evidence
    assert result.evidence[0].path == "README.md" and result.evidence[0].line


@pytest.mark.parametrize(
    "section",
    [
        "## Partners\n\n### MIT\n\nThe Senseable City Lab lent us its bench sensors.\n\n"
        "### Lund University\n\nStudents mapped the benches of Lund.\n",
        "## Credits\n\n### MIT License\n\nLeaflet, the map library, is copyright Vladimir"
        " Agafonkin and released under this licence.\n",
        "## Apache License 2.0\n\nThe routing engine we forked from is under this licence, so"
        " its files keep their headers.\n",
    ],
    ids=["a partner", "another project's, under credits", "another project's, forked from"],
)
def test_a_licence_s_name_as_a_heading_over_other_words_declares_nothing(
    tmp_path: Path, rules: Rules, section: str
) -> None:
    write_tree(tmp_path, {"app.py": "print(1)\n", "README.md": BENCHES + section})
    result = run_checks(folder_snapshot(tmp_path), rules)["code_licence"]
    assert (result.status, result.reason) == (Status.FAIL, "none"), result.evidence


def test_a_quotation_is_cut_at_a_word_and_says_so() -> None:
    from cts_audit.checks.text import excerpt

    assert excerpt("replace this with a one-liner phrase", 26) == "replace this with a …"
    assert excerpt("  short   text ", 30) == "short text"
    assert excerpt("x" * 40, 10) == "x" * 10 + " …"


def test_a_heading_written_without_its_space_is_a_heading() -> None:
    """ "#How to help" was a heading on GitHub once; "#hashtag" and "#include <x>" are not."""
    text = (
        "#How to Code for this Repo\n\nFork, edit, then open a pull request.\n\n"
        "#hashtag\n\n#include <stdio.h>\n\nSee #WirVsVirus Hackathon here.\n"
    )
    assert [(h.level, h.title, h.line) for h in headings(text)] == [
        (1, "How to Code for this Repo", 1)
    ]


def test_shell_commands_outside_a_code_block_are_no_prose() -> None:
    """A README of install steps written as bare command lines says nothing of the project."""
    commands = (
        "#install rvm + ruby\n\\curl -sSL https://get.rvm.io | bash -s stable\n"
        "rvm install ruby-2.3.2\n\n# install app\n"
        "git clone https://github.com/team/app.git\ncd app\nbundle install\nnpm install\n"
        '/usr/bin/ruby -e "$(curl -fsSL https://example.org/install)"\n'
        "./bin/setup --all\n"
    )
    assert prose_words(commands) == 0
    # Sentences that start with a command's name are prose.
    assert prose_words("git clone the repository and run it.\nRun npm start to begin.\n") == 12
