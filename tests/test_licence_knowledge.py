"""Licence knowledge: SPDX expressions, OSI flags, licence texts and statements in prose."""

from __future__ import annotations

from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cts_audit.licences import (
    cc_ids,
    creative_commons,
    find_mentions,
    identify_text,
    is_osi,
    parse,
)

DATA = resources.files("cts_audit.licences").joinpath("data")
TEMPLATES = sorted(f.name[:-4] for f in DATA.iterdir() if f.name.endswith(".txt"))


def template(licence: str) -> str:
    return DATA.joinpath(f"{licence}.txt").read_text(encoding="utf-8")


# -- expressions ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("MIT", "MIT"),
        ("mit", "MIT"),
        ("GPL-3.0", "GPL-3.0-only"),
        ("GPL-3.0+", "GPL-3.0-or-later"),
        ("GPLv3", "GPL-3.0-only"),
        ("Apache 2.0", "Apache-2.0"),
        ("MIT License", "MIT"),
        ("UNLICENSED", "LicenseRef-proprietary"),
        ("Apache-2.0 WITH LLVM-exception", "Apache-2.0 WITH LLVM-exception"),
    ],
)
def test_parse_normalises(text: str, normalised: str) -> None:
    expr = parse(text)
    assert expr.valid, expr.error
    assert expr.normalised == normalised


@pytest.mark.parametrize("text", ["", "(MIT", "SEE LICENSE IN LICENSE.txt", "foo bar baz"])
def test_invalid_expressions_are_data(text: str) -> None:
    expr = parse(text)
    assert not expr.valid
    assert expr.error
    assert is_osi(expr) is None


@pytest.mark.parametrize(
    ("text", "osi"),
    [
        ("MIT", True),
        ("CC-BY-4.0", False),
        ("CC0-1.0", False),
        ("MIT OR CC-BY-4.0", True),
        ("MIT AND CC-BY-4.0", False),
        ("(MIT OR Apache-2.0) AND BSD-3-Clause", True),
        ("GPL-2.0-only WITH Classpath-exception-2.0", True),
        ("LicenseRef-proprietary", False),
    ],
)
def test_osi_approval_follows_the_expression(text: str, osi: bool) -> None:
    assert is_osi(parse(text)) is osi


def test_creative_commons_variants() -> None:
    cc = creative_commons("CC-BY-NC-SA-4.0")
    assert cc is not None and cc.non_commercial and cc.share_alike and not cc.no_derivatives
    zero = creative_commons("CC0-1.0")
    assert zero is not None and not zero.attribution
    assert creative_commons("MIT") is None
    assert [c.id for c in cc_ids(parse("MIT AND CC-BY-4.0"))] == ["CC-BY-4.0"]


# -- licence texts --------------------------------------------------------------------------


@pytest.mark.parametrize("licence", TEMPLATES)
def test_every_bundled_text_is_recognised_exactly(licence: str) -> None:
    match = identify_text(template(licence))
    assert match is not None
    assert (match.licence, match.confidence) == (licence, 1.0)


def test_real_copyright_line_still_matches_exactly() -> None:
    text = template("MIT").replace("<year> <copyright holders>", "2026 Team Cykel")
    match = identify_text(text)
    assert match is not None and match.licence == "MIT" and match.confidence == 1.0


def test_near_exact_text_matches_with_lower_confidence() -> None:
    text = template("BSD-3-Clause").replace("Redistributions", "Copies").replace("must", "shall")
    match = identify_text(text)
    assert match is not None and match.licence == "BSD-3-Clause"
    assert 0.9 <= match.confidence < 1.0


def test_apache_without_appendix() -> None:
    text = template("Apache-2.0").split("APPENDIX")[0]
    match = identify_text(text)
    assert match is not None and match.licence == "Apache-2.0"


def test_gpl_with_its_own_or_later_notice() -> None:
    notice = (
        "This program is free software: you can redistribute it and/or modify it under the\n"
        "terms of the GNU General Public License as published by the Free Software\n"
        "Foundation, either version 3 of the License, or (at your option) any later version.\n\n"
    )
    match = identify_text(notice + template("GPL-3.0-only"))
    assert match is not None and match.licence == "GPL-3.0-or-later"


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize(
    ("variant", "lookalike"),
    [("BY-NC", "BY"), ("BY-ND", "BY"), ("BY-NC-SA", "BY-SA"), ("BY-NC-ND", "BY-ND")],
)
def test_noncommercial_and_noderivatives_are_never_read_as_their_lookalikes(
    version: str, variant: str, lookalike: str
) -> None:
    text = template(f"CC-{variant}-{version}")
    match = identify_text(text.replace("Creative Commons", "Creative  Commons"))
    assert match is not None
    assert match.licence == f"CC-{variant}-{version}"
    assert match.licence != f"CC-{lookalike}-{version}"


def test_gnu_family_is_not_confused() -> None:
    for licence in ("GPL-3.0-only", "AGPL-3.0-only", "LGPL-3.0-only", "GPL-2.0-only"):
        match = identify_text(template(licence) + "\n")
        assert match is not None and match.licence == licence


def test_short_statement_names_the_licence() -> None:
    match = identify_text("This work is licensed under CC BY 4.0.\n")
    assert match is not None and (match.licence, match.method) == ("CC-BY-4.0", "title")


@pytest.mark.parametrize(
    "text",
    [
        "# My app\n\nA map of bike lanes. Run npm start.\n",
        "\x00\x01\x02\x03" * 200,
        "",
    ],
)
def test_unrelated_or_binary_text_is_not_a_licence(text: str) -> None:
    assert identify_text(text) is None


# -- statements in prose --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "licence", "kind"),
    [
        ("Texts are licensed under CC BY-SA 4.0.", "CC-BY-SA-4.0", "name"),
        ("Licensed under Creative Commons Erkännande-DelaLika 4.0", "CC-BY-SA-4.0", "name"),
        ("Bilderna: Creative Commons Erkännande-IckeKommersiell 4.0", "CC-BY-NC-4.0", "name"),
        ("See https://creativecommons.org/licenses/by/4.0/deed.sv", "CC-BY-4.0", "link"),
        ("https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0", "link"),
        (
            "[![License](https://img.shields.io/badge/License-CC%20BY--NC--SA%204.0-lightgrey.svg)]",
            "CC-BY-NC-SA-4.0",
            "badge",
        ),
        ("This project is licensed under the MIT License.", "MIT", "name"),
        ("Licens: GNU General Public License v3 or later", "GPL-3.0-or-later", "name"),
        ("Koden är licensierad under AGPLv3.", "AGPL-3.0-only", "name"),
        ("License: Apache License, Version 2.0", "Apache-2.0", "name"),
        ("// SPDX-License-Identifier: MPL-2.0", "MPL-2.0", "spdx-header"),
    ],
)
def test_mentions(text: str, licence: str, kind: str) -> None:
    found = find_mentions(text)
    assert (licence, kind) in {(m.licence, m.kind) for m in found}, found


def test_mit_the_university_is_not_a_licence() -> None:
    assert find_mentions("We met at the MIT Media Lab in Boston.") == []
    assert find_mentions("Built by students at MIT.") == []


def test_mention_lines_are_counted() -> None:
    found = find_mentions("# Title\n\nSome text.\n\n## License\n\nMIT licensed.\n")
    assert [(m.licence, m.line) for m in found] == [("MIT", 7)]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_nothing_raises_on_arbitrary_text(text: str) -> None:
    parse(text)
    identify_text(text)
    find_mentions(text)
