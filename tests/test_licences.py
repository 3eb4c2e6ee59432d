"""The licences package: expressions, OSI flags, Creative Commons, licence texts, mentions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cts_audit.licences import (
    CreativeCommons,
    bundled_licences,
    cc_ids,
    creative_commons,
    display_name,
    find_mentions,
    identify_text,
    is_fsf_libre,
    is_osi,
    is_osi_id,
    licence_name,
    licence_text,
    parse,
    split_text,
)

TEMPLATES = sorted(bundled_licences())
CC_TEMPLATES = [
    f"CC-{variant}-{version}"
    for version in ("3.0", "4.0")
    for variant in ("BY", "BY-SA", "BY-NC", "BY-ND", "BY-NC-SA", "BY-NC-ND")
]

GPL3_LATER_NOTICE = (
    "This program is free software: you can redistribute it and/or modify\n"
    "it under the terms of the GNU General Public License as published by\n"
    "the Free Software Foundation, either version 3 of the License, or\n"
    "(at your option) any later version.\n\n"
)


def template(licence: str) -> str:
    text = licence_text(licence)
    assert text is not None, licence
    return text


def licences_in(text: str) -> list[tuple[str, str]]:
    return [(m.licence, m.kind) for m in find_mentions(text)]


# -- parse ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normalised", "ids"),
    [
        ("MIT", "MIT", {"MIT"}),
        ("apache-2.0", "Apache-2.0", {"Apache-2.0"}),
        ("MIT OR Apache-2.0", "MIT OR Apache-2.0", {"MIT", "Apache-2.0"}),
        ("(MIT AND BSD-3-Clause) OR GPL-2.0-only", None, {"MIT", "BSD-3-Clause", "GPL-2.0-only"}),
        ("GPL-3.0", "GPL-3.0-only", {"GPL-3.0-only"}),
        ("GPL-3.0+", "GPL-3.0-or-later", {"GPL-3.0-or-later"}),
        ("LGPL-2.1+", "LGPL-2.1-or-later", {"LGPL-2.1-or-later"}),
        ("GPLv3", "GPL-3.0-only", {"GPL-3.0-only"}),
        ("AGPLv3", "AGPL-3.0-only", {"AGPL-3.0-only"}),
        ("Apache 2.0", "Apache-2.0", {"Apache-2.0"}),
        ("MIT License", "MIT", {"MIT"}),
        ("BSD-3", "BSD-3-Clause", {"BSD-3-Clause"}),
        ("CC BY-SA 4.0", "CC-BY-SA-4.0", {"CC-BY-SA-4.0"}),
        ("MIT License OR GPLv3", "MIT OR GPL-3.0-only", {"MIT", "GPL-3.0-only"}),
        ("MIT/Apache-2.0", "MIT OR Apache-2.0", {"MIT", "Apache-2.0"}),
        ("UNLICENSED", "LicenseRef-proprietary", {"LicenseRef-proprietary"}),
        ("licenseref-team-terms", "LicenseRef-team-terms", {"LicenseRef-team-terms"}),
        (
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            {"GPL-2.0-or-later", "Classpath-exception-2.0"},
        ),
    ],
)
def test_parse_valid_and_aliases(text: str, normalised: str | None, ids: set[str]) -> None:
    expr = parse(text)
    assert expr.valid, expr.error
    assert expr.error is None and expr.text == text
    if normalised is not None:
        assert expr.normalised == normalised
    assert expr.ids == frozenset(ids)


@pytest.mark.parametrize(
    "text", ["", "   ", "(MIT", "MIT AND", "MIT OR OR GPL-2.0", "not a licence", "MIT WITH nothing"]
)
def test_parse_invalid_is_data_not_an_exception(text: str) -> None:
    expr = parse(text)
    assert (expr.valid, expr.normalised, expr.ids) == (False, None, frozenset())
    assert expr.error
    assert is_osi(expr) is None
    assert cc_ids(expr) == []


# -- OSI, FSF, names ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "osi"),
    [
        ("MIT", True),
        ("GPL-3.0", True),
        ("CC-BY-4.0", False),
        ("CC0-1.0", False),
        ("CC-BY-SA-4.0", False),
        ("MIT OR CC-BY-4.0", True),
        ("CC-BY-4.0 OR CC0-1.0", False),
        ("MIT AND CC-BY-4.0", False),
        ("MIT AND Apache-2.0", True),
        ("(CC-BY-4.0 OR MIT) AND (Apache-2.0 OR CC0-1.0)", True),
        ("Apache-2.0 WITH LLVM-exception", True),
        ("CC-BY-4.0 WITH Classpath-exception-2.0", False),
        ("UNLICENSED", False),
        ("WTFPL", False),
    ],
)
def test_is_osi(text: str, osi: bool) -> None:
    assert is_osi(parse(text)) is osi


def test_id_flags_and_names() -> None:
    assert is_osi_id("MIT") and is_osi_id("GPL-3.0-only") and is_osi_id("GPL-3.0")
    assert not is_osi_id("CC-BY-4.0") and not is_osi_id("no-such-licence")
    assert is_fsf_libre("GPL-3.0-or-later") and is_fsf_libre("CC-BY-4.0")
    assert not is_fsf_libre("CC-BY-NC-4.0")
    assert licence_name("Apache-2.0") == "Apache License 2.0"
    assert licence_name("LicenseRef-ours") == "LicenseRef-ours"


# -- Creative Commons ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spdx_id", "expected"),
    [
        ("CC-BY-4.0", CreativeCommons("CC-BY-4.0", "4.0", True, False, False, False)),
        ("CC-BY-SA-3.0", CreativeCommons("CC-BY-SA-3.0", "3.0", True, True, False, False)),
        ("cc-by-nc-nd-4.0", CreativeCommons("CC-BY-NC-ND-4.0", "4.0", True, False, True, True)),
        ("CC-BY-NC-SA-2.0", CreativeCommons("CC-BY-NC-SA-2.0", "2.0", True, True, True, False)),
        ("CC0-1.0", CreativeCommons("CC0-1.0", "1.0", False, False, False, False)),
        ("MIT", None),
        ("CC-PDDC", None),
    ],
)
def test_creative_commons(spdx_id: str, expected: CreativeCommons | None) -> None:
    assert creative_commons(spdx_id) == expected


def test_cc_ids_of_an_expression() -> None:
    found = cc_ids(parse("MIT OR (CC-BY-SA-4.0 AND CC0-1.0)"))
    assert [cc.id for cc in found] == ["CC-BY-SA-4.0", "CC0-1.0"]


# -- whole licence texts ----------------------------------------------------------------------


def test_the_whole_spdx_list_is_bundled() -> None:
    assert len(TEMPLATES) >= 700
    for licence in ("MIT", "Apache-2.0", "GPL-3.0-only", "AGPL-3.0-only", "CC0-1.0", "JSON"):
        assert licence in TEMPLATES
    for licence in CC_TEMPLATES:
        assert licence in TEMPLATES
    assert bundled_licences()["MIT"].osi and not bundled_licences()["JSON"].osi
    assert licence_text("No-Such-Licence") is None


@pytest.mark.parametrize("licence", ["MIT", "Apache-2.0", "GPL-3.0-only", "BSD-3-Clause", "ISC"])
def test_a_bundled_text_is_an_exact_match(licence: str) -> None:
    assert identify_text(template(licence)) == identify_text(template(licence) + "\n\n")
    match = identify_text(template(licence))
    assert match is not None
    assert (match.licence, match.confidence, match.method) == (licence, 1.0, "exact")


def test_mit_with_a_real_copyright_line_and_markdown_title() -> None:
    body = template("MIT").split("\n", 3)[3]
    text = "# The MIT License (MIT)\n\nCopyright (c) 2024 Hackathon Team Cykelkartan\n\n" + body
    match = identify_text(text)
    assert match is not None and (match.licence, match.confidence) == ("MIT", 1.0)


def test_apache_without_its_appendix_matches_exactly() -> None:
    text = template("Apache-2.0").split("APPENDIX:")[0]
    assert "APPENDIX" not in text
    match = identify_text(text)
    assert match is not None and (match.licence, match.confidence) == ("Apache-2.0", 1.0)


def test_gpl3_with_or_later_notice_is_or_later() -> None:
    match = identify_text(GPL3_LATER_NOTICE + template("GPL-3.0-only"))
    assert match is not None and match.licence == "GPL-3.0-or-later"
    # Without the appendix (which carries the same notice as an example) too.
    bare = template("GPL-3.0-only").split("END OF TERMS AND CONDITIONS")[0]
    match = identify_text(GPL3_LATER_NOTICE + bare)
    assert match is not None and match.licence == "GPL-3.0-or-later"


def test_gpl2_notice_with_semicolon_is_or_later() -> None:
    notice = (
        "This program is free software; you can redistribute it and/or modify it under the\n"
        "terms of the GNU General Public License as published by the Free Software\n"
        "Foundation; either version 2 of the License, or (at your option) any later version.\n\n"
    )
    match = identify_text(notice + template("GPL-2.0-only"))
    assert match is not None and match.licence == "GPL-2.0-or-later"


def test_gnu_texts_alone_stay_only_despite_their_example_notice() -> None:
    for licence in ("GPL-2.0-only", "GPL-3.0-only", "LGPL-2.1-only", "AGPL-3.0-only"):
        match = identify_text(template(licence).replace("\n", "\r\n"))
        assert match is not None and match.licence == licence


def test_the_example_notice_with_github_s_placeholders_is_still_an_example() -> None:
    """GitHub's licence picker writes "{description}" and "Copyright (C) {year}  {fullname}"
    where the FSF's text has angle brackets: the notice under them is the example's."""
    text = template("GPL-2.0-only")
    example = (
        "one line to give the program's name and an idea of what it does."
        " Copyright (C) yyyy name of author"
    )
    assert example in text
    picker = text.replace(example, "{description}\n    Copyright (C) {year}  {fullname}")
    match = identify_text(picker)
    assert match is not None and match.licence == "GPL-2.0-only"


def test_lgpl3_without_the_gpl_it_extends() -> None:
    lesser = re.split(r"\n\s*GNU GENERAL PUBLIC LICENSE\s*\n", template("LGPL-3.0-only"))[0]
    assert len(lesser) < len(template("LGPL-3.0-only")) / 2
    match = identify_text(lesser)
    assert match is not None and match.licence == "LGPL-3.0-only"


@pytest.mark.parametrize(
    ("licence", "title"),
    [
        ("GPL-3.0-only", "GNU GENERAL PUBLIC LICENSE"),
        ("AGPL-3.0-only", "GNU AFFERO GENERAL PUBLIC LICENSE"),
        ("LGPL-2.1-only", "GNU LESSER GENERAL PUBLIC LICENSE"),
        ("GPL-2.0-only", "GNU GENERAL PUBLIC LICENSE"),
    ],
)
def test_gnu_family_is_never_confused(licence: str, title: str) -> None:
    # Reflowed into one line and re-titled: the title is optional, the wording decides.
    text = " ".join(template(licence).split()).replace(title, f"{title} (our copy)", 1)
    match = identify_text(text)
    assert match is not None and match.licence == licence


def test_a_text_with_its_words_changed_is_not_identified() -> None:
    """Changed terms make another licence: unidentified, never the nearest guess."""
    text = template("BSD-3-Clause").replace("permitted", "allowed")
    assert identify_text(text) is None
    assert identify_text(template("MIT").replace("merge, ", "")) is None


@pytest.mark.parametrize("licence", CC_TEMPLATES)
def test_each_cc_template_states_its_own_elements(licence: str) -> None:
    """The NC/ND guard relies on each text naming exactly its own elements."""
    cc = creative_commons(licence)
    assert cc is not None
    text = template(licence)
    assert bool(re.search(r"non-?\s?commercial", text, re.I)) is cc.non_commercial
    assert bool(re.search(r"no-?\s?deriv", text, re.I)) is cc.no_derivatives
    assert bool(re.search(r"share-?\s?alike", text, re.I)) is cc.share_alike


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize(
    ("variant", "lookalikes"),
    [
        ("BY-NC", {"BY", "BY-SA"}),
        ("BY-ND", {"BY", "BY-SA"}),
        ("BY-NC-SA", {"BY-SA", "BY", "BY-NC"}),
        ("BY-NC-ND", {"BY-ND", "BY-NC", "BY"}),
    ],
)
@pytest.mark.parametrize("damage", ["none", "no-title", "reflowed", "words"])
def test_nc_and_nd_texts_are_never_their_permissive_lookalikes(
    version: str, variant: str, lookalikes: set[str], damage: str
) -> None:
    text = template(f"CC-{variant}-{version}")
    if damage == "no-title":
        text = text.split("\n", 2)[2]
    elif damage == "reflowed":
        text = " ".join(text.split())
    elif damage == "words":
        text = text.replace("Licensor", "Rights Holder", 3).replace("Work", "Material", 3)
    match = identify_text(text)
    if damage == "words":
        assert match is None  # other wording: not identified, and never a look-alike
        return
    assert match is not None
    assert match.licence not in {f"CC-{other}-{version}" for other in lookalikes}
    assert match.licence == f"CC-{variant}-{version}"


@pytest.mark.parametrize(
    ("text", "licence", "method"),
    [
        ("MIT License\n\nCopyright (c) 2020 Team X\n", "MIT", "title"),
        ("This work is licensed under CC BY 4.0\n", "CC-BY-4.0", "title"),
        ("SPDX-License-Identifier: MIT\n", "MIT", "spdx-header"),
        ("SPDX-License-Identifier: MIT OR Apache-2.0\n", "MIT OR Apache-2.0", "spdx-header"),
        ("Licensed under the Apache License, Version 2.0\n", "Apache-2.0", "title"),
        ("Detta verk är licensierat under Creative Commons Erkännande 4.0.", "CC-BY-4.0", "title"),
    ],
)
def test_short_statements(text: str, licence: str, method: str) -> None:
    match = identify_text(text)
    assert match is not None
    assert (match.licence, match.method) == (licence, method)
    assert 0.7 <= match.confidence < 1.0


@pytest.mark.parametrize(
    "text",
    [
        "# Cykelkartan\n\nA map of safe bike lanes in Malmö, made at Hack for Sweden.\n\n"
        "## Install\n\n```\nnpm install\nnpm start\n```\n\nThanks to the MIT Media Lab.\n",
        "Code is MIT licensed; photos are CC BY 4.0.",  # two licences: not one licence file
        "All rights reserved.",
        "\x00\x01\x02\x03\xff" * 500,
        "".join(chr(c) for c in range(0, 32)) * 100,
        "",
    ],
)
def test_not_a_licence_text(text: str) -> None:
    assert identify_text(text) is None


def test_a_licence_buried_in_a_huge_text_is_not_claimed() -> None:
    text = template("MIT") + "\n" + "lorem ipsum dolor " * 50_000
    assert identify_text(text) is None


def test_a_notice_naming_another_gnu_licence_does_not_decide_the_family() -> None:
    text = GPL3_LATER_NOTICE + " ".join(template("AGPL-3.0-only").split())
    match = identify_text(text)
    assert match is not None and match.licence == "AGPL-3.0-only"


# -- mentions in prose -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("// SPDX-License-Identifier: GPL-3.0-or-later", [("GPL-3.0-or-later", "spdx-header")]),
        ("<!-- SPDX-License-Identifier: CC-BY-SA-4.0 -->", [("CC-BY-SA-4.0", "spdx-header")]),
        ("See https://creativecommons.org/licenses/by-sa/4.0/", [("CC-BY-SA-4.0", "link")]),
        ("http://creativecommons.org/licenses/by-nc/3.0/legalcode", [("CC-BY-NC-3.0", "link")]),
        ("https://creativecommons.org/licenses/by/4.0/deed.sv", [("CC-BY-4.0", "link")]),
        ("creativecommons.org/licenses/by-nd/2.5/se/", [("CC-BY-ND-2.5", "link")]),
        ("![cc](https://i.creativecommons.org/l/by/4.0/88x31.png)", [("CC-BY-4.0", "link")]),
        ("https://creativecommons.org/publicdomain/zero/1.0/", [("CC0-1.0", "link")]),
        (
            "[![License: CC BY-SA 4.0](https://img.shields.io/badge/License-CC%20BY--SA%204.0-lightgrey.svg)]",
            [("CC-BY-SA-4.0", "badge")],
        ),
        (
            "[![License: MIT](https://img.shields.io/badge/License-MIT-yellow.svg)]",
            [("MIT", "badge")],
        ),
        ("![l](https://img.shields.io/badge/license-Apache%202.0-blue)", [("Apache-2.0", "badge")]),
        ("Texts are CC BY-SA 4.0.", [("CC-BY-SA-4.0", "name")]),
        ("Images: CC-BY 4.0", [("CC-BY-4.0", "name")]),
        ("Photos are licensed CC BY-SA", [("CC-BY-SA-4.0", "name")]),
        # In lower case, naming an element: a footer's "licence cc by-nc-sa".
        ("Opendream, licence cc by-nc-sa", [("CC-BY-NC-SA-4.0", "name")]),
        ("content: cc-by-sa.", [("CC-BY-SA-4.0", "name")]),
        ("Released under CC0.", [("CC0-1.0", "name")]),
        ("a public domain dedication (CC0)", [("CC0-1.0", "name")]),
        ("Creative Commons Zero", [("CC0-1.0", "name")]),
        (
            "Creative Commons Attribution-ShareAlike 4.0 International",
            [("CC-BY-SA-4.0", "name")],
        ),
        ("under Creative Commons Attribution 4.0", [("CC-BY-4.0", "name")]),
        ("This project is licensed under the MIT License.", [("MIT", "name")]),
        ("Licensed under MIT.", [("MIT", "name")]),
        ("An MIT-licensed library.", [("MIT", "name")]),
        ("Apache License 2.0", [("Apache-2.0", "name")]),
        ("License: Apache License, Version 2.0", [("Apache-2.0", "name")]),
        ("We chose Apache-2.0.", [("Apache-2.0", "name")]),
        ("This project is licensed under Apache 2.0.", [("Apache-2.0", "name")]),
        ("It runs on Apache 2.4.1; the code is licensed MIT.", [("MIT", "name")]),
        ("GPLv3", [("GPL-3.0-only", "name")]),
        ("GNU General Public License v3 or later", [("GPL-3.0-or-later", "name")]),
        ("GPL-3.0, or any later version", [("GPL-3.0-or-later", "name")]),
        (
            "under the terms of the GNU General Public License as published by the Free Software"
            " Foundation, either version 3 of the License, or any later version.",
            [("GPL-3.0-or-later", "name")],
        ),
        ("Licence: GPLv3+", [("GPL-3.0-or-later", "name")]),
        ("License: AGPLv3", [("AGPL-3.0-only", "name")]),
        ("GNU Affero General Public License version 3", [("AGPL-3.0-only", "name")]),
        ("Licensed under the Affero GPL.", [("AGPL-3.0-or-later", "name")]),
        ("Affero General Public License version 3 or later", [("AGPL-3.0-or-later", "name")]),
        ("under the GNU Lesser GPL 2.1+", [("LGPL-2.1-or-later", "name")]),
        ("License: LGPL-2.1", [("LGPL-2.1-only", "name")]),
        ("BSD 3-Clause", [("BSD-3-Clause", "name")]),
        ("BSD-2-Clause", [("BSD-2-Clause", "name")]),
        ("License: ISC", [("ISC", "name")]),
        ("MPL 2.0", [("MPL-2.0", "name")]),
        ("licensed under the Mozilla Public License, v. 2.0", [("MPL-2.0", "name")]),
        ("EUPL 1.2", [("EUPL-1.2", "name")]),
        ("Licensed under the EUPL 1.1.", [("EUPL-1.1", "name")]),
        ("European Union Public License 1.1", [("EUPL-1.1", "name")]),
        ("the European Union Public Licence", [("EUPL-1.2", "name")]),
        ("Released under the Unlicense.", [("Unlicense", "name")]),
        ("License: 0BSD", [("0BSD", "name")]),
        ("https://opensource.org/licenses/MIT", [("MIT", "link")]),
        ("License: http://g0v.mit-license.org/ .", [("MIT", "link")]),
        ("https://opensource.org/license/apache-2-0", [("Apache-2.0", "link")]),
        ("https://www.gnu.org/licenses/agpl-3.0.html", [("AGPL-3.0-only", "link")]),
    ],
)
def test_mentions_in_english(text: str, expected: list[tuple[str, str]]) -> None:
    assert licences_in(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bilderna är licensierade under CC BY-SA 4.0.", "CC-BY-SA-4.0"),
        ("Creative Commons Erkännande 4.0 Internationell", "CC-BY-4.0"),
        ("Creative Commons Erkännande-DelaLika 4.0", "CC-BY-SA-4.0"),
        ("Fotona: Erkännande-IckeKommersiell", "CC-BY-NC-4.0"),
        ("Creative Commons Erkännande-IngaBearbetningar 3.0", "CC-BY-ND-3.0"),
        ("Creative Commons Erkännande-IckeKommersiell-DelaLika 4.0", "CC-BY-NC-SA-4.0"),
        ("Koden är MIT-licensierad.", "MIT"),
        ("Licens: GPL-3.0 eller senare", "GPL-3.0-or-later"),
    ],
)
def test_mentions_in_swedish(text: str, expected: str) -> None:
    assert [m.licence for m in find_mentions(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "We met at the MIT Media Lab in Boston.",
        "Built by students at MIT.",
        "The MIT Press published our licence discussion.",
        "Please CC the team and send it by email.",
        "cc by email",
        "the badge is in cc-by-sa.png",
        "Made by us, photo by Anna.",
        "We use the BSD socket API and an ISC DHCP server.",
        "Creative Commons is a nonprofit.",
        "Apache Kafka 2.0 cluster",
        "https://img.shields.io/github/license/team/repo",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert find_mentions(text) == []


def test_mit_needs_licence_wording_on_the_line_or_in_the_heading() -> None:
    readme = "# Cykelkartan\n\nA project from MIT.\n\n## Licens\n\nMIT\n\n## Tack\n\nMIT\n"
    assert [(m.licence, m.line) for m in find_mentions(readme)] == [("MIT", 7)]


def test_mentions_are_in_text_order_with_lines_and_snippets() -> None:
    text = (
        "# Om projektet\n"
        "\n"
        "Koden: GNU Affero General Public License v3.\n"
        "Texter och bilder: [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/)\n"
        "Kartdata: CC0. Kartdata: CC0.\n" + "x " * 200 + "licensed MIT\n"
    )
    found = find_mentions(text)
    assert [(m.licence, m.line) for m in found] == [
        ("AGPL-3.0-only", 3),
        ("CC-BY-SA-4.0", 4),
        ("CC0-1.0", 5),
        ("MIT", 6),
    ]
    assert found[1].kind == "name"  # the link names the same licence on the same line
    assert all(len(m.snippet) <= 160 and m.snippet for m in found)
    assert found[0].snippet == "GNU Affero General Public License v3"


def test_gnu_notice_over_several_lines() -> None:
    found = find_mentions("Some project.\n\n" + GPL3_LATER_NOTICE)
    assert [(m.licence, m.line) for m in found] == [("GPL-3.0-or-later", 4)]


def test_spdx_header_is_not_read_again_as_prose() -> None:
    found = find_mentions("# SPDX-License-Identifier: GPL-2.0-or-later OR MIT\n")
    assert [(m.licence, m.kind) for m in found] == [("GPL-2.0-or-later OR MIT", "spdx-header")]


# -- never raises -----------------------------------------------------------------------------

_licence_words = st.sampled_from(
    [
        "MIT", "License", "licens", "GPL", "v3", "+", "CC", "BY", "-SA", "4.0", "OR", "AND",
        "WITH", "(", ")", "Creative Commons", "Erkännande", "SPDX-License-Identifier:", "\n",
        "https://creativecommons.org/licenses/", "/", "\x00", "GNU", "Apache", " ", "#",
    ]
)  # fmt: skip
_texts = st.one_of(
    st.text(max_size=3000),
    st.lists(_licence_words, max_size=60).map("".join),
    st.binary(max_size=2000).map(lambda b: b.decode("latin-1")),
)


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_nothing_raises_on_arbitrary_text(text: str) -> None:
    expr = parse(text)
    assert expr.valid == (expr.normalised is not None)
    assert is_osi(expr) in (True, False, None)
    match = identify_text(text)
    assert match is None or 0.0 < match.confidence <= 1.0
    for mention in find_mentions(text):
        assert mention.line >= 1 and len(mention.snippet) <= 160


# -- several texts in one file ----------------------------------------------------------------


def parts_of(text: str) -> list[tuple[str, str]]:
    return [(p.match.licence, p.match.method) for p in split_text(text).parts]


@pytest.mark.parametrize("separator", ["\n----\n\n", "\n\n", "\n===================\n"])
def test_two_texts_in_one_file_are_both_found(separator: str) -> None:
    text = template("MIT") + separator + template("CC-BY-4.0")
    assert parts_of(text) == [("MIT", "exact"), ("CC-BY-4.0", "exact")]
    text = template("Apache-2.0") + separator + template("CC-BY-SA-4.0")
    assert parts_of(text) == [("Apache-2.0", "exact"), ("CC-BY-SA-4.0", "exact")]


def test_texts_after_headings_of_their_own() -> None:
    text = (
        "# Licences\n\n## Code\n\n"
        + template("MIT")
        + "\n## Images and texts\n\n"
        + template("CC-BY-4.0")
    )
    assert [licence for licence, _ in parts_of(text)] == ["MIT", "CC-BY-4.0"]
    lines = text.split("\n")
    assert any("Images and texts" in lines[n - 1] for n in split_text(text).own_lines)


def test_one_text_stays_one_part_with_no_own_lines() -> None:
    for licence in ("MIT", "GPL-3.0-only", "CC-BY-4.0", "MPL-2.0", "LGPL-3.0-only"):
        split = split_text(template(licence))
        assert [p.match.licence for p in split.parts] == [licence]
        lines = template(licence).split("\n")
        assert not any(re.search(r"licen[cs]ed under|CC BY", lines[n - 1]) for n in split.own_lines)


def test_a_text_after_an_appendix_is_not_taken_for_the_appendix() -> None:
    # Normalising drops what follows "END OF TERMS AND CONDITIONS": the BSD text too.
    text = template("GPL-3.0-only") + "\n\n" + template("BSD-3-Clause")
    split = split_text(text)
    assert [(p.match.licence, p.match.method) for p in split.parts] == [
        ("GPL-3.0-only", "exact"),
        ("BSD-3-Clause", "exact"),
    ]
    assert split.own_lines == ()  # the GPL's appendix stays the GPL's


def test_lgpl3_followed_by_the_gpl3_it_extends_is_one_licence() -> None:
    lesser = re.split(r"\n\s*GNU GENERAL PUBLIC LICENSE\s*\n", template("LGPL-3.0-only"))[0]
    text = lesser + "\n-----\n" + template("GPL-3.0-only").replace("software", "work", 3)
    assert {p.match.licence for p in split_text(text).parts} == {"LGPL-3.0-only"}


def test_own_statements_beside_a_text_are_own_lines() -> None:
    text = (
        "The source code is licensed under the MIT License:\n\n"
        + template("MIT")
        + "\nThe images and texts are licensed under CC BY 4.0: "
        "https://creativecommons.org/licenses/by/4.0/\n"
    )
    split = split_text(text)
    assert [p.match.licence for p in split.parts] == ["MIT"]
    lines = text.split("\n")
    own = [lines[n - 1] for n in split.own_lines]
    assert own[0].startswith("The source code") and own[-1].startswith("The images and texts")


def test_split_text_never_raises_and_ignores_binary() -> None:
    assert split_text("").parts == ()
    assert split_text("\x00\x01" * 1000).parts == ()
    assert split_text(template("MIT") + "\n" + "lorem ipsum dolor " * 50_000).parts == ()


# -- names for people -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "shown"),
    [
        ("LicenseRef-proprietary", "proprietary (UNLICENSED)"),
        ("LicenseRef-all-rights-reserved", "all rights reserved"),
        ("MIT OR LicenseRef-proprietary", "MIT OR proprietary (UNLICENSED)"),
        ("LicenseRef-team-terms", "custom licence team-terms"),
        ("Apache-2.0", "Apache-2.0"),
    ],
)
def test_display_name(expression: str, shown: str) -> None:
    assert display_name(expression) == shown


def test_prepared_templates_are_kept_and_a_damaged_copy_is_made_again() -> None:
    from cts_audit.licences import _texts
    from cts_audit.paths import cache_dir

    _texts._templates.cache_clear()
    first = _texts._templates()
    (kept,) = cache_dir().glob("licence-templates-*.json")
    _texts._templates.cache_clear()
    assert _texts._templates() == first  # read back, same templates
    kept.write_text("{not json", encoding="utf-8")
    _texts._templates.cache_clear()
    assert _texts._templates() == first  # prepared again
    assert json.loads(kept.read_text(encoding="utf-8"))[0]["licence"] == first[0].licence


def test_a_gnu_text_after_a_long_preface_of_the_authors_own() -> None:
    """A project's own words before the licence (why it chose it), then a separator."""
    preface = (
        "Example.org Software Licensing\n\n"
        + GPL3_LATER_NOTICE.replace("General", "Affero General")
        + "Why the Affero GPL? We run websites, and the Affero GPL asks anyone who runs "
        "this code for their own users to offer its source to those users as well. "
        * 4
        + "\n\nA copy of the GNU Affero General Public License follows.\n\n"
        + "-" * 60
        + "\n\n"
    )
    split = split_text(preface + template("AGPL-3.0-only"))
    assert [p.match.licence for p in split.parts] == ["AGPL-3.0-or-later"]
    assert split.parts[0].first_line > 3 and 1 in split.own_lines


#: Creative Commons' own plain-text legal code, as teams copy it into LICENSE from the
#: licence's page (its text is dedicated to the public domain under CC0, as its notice says).
LEGALCODE = Path(__file__).parent / "data/licences/CC-BY-NC-SA-4.0.legalcode.txt"


def test_creative_commons_legal_code_as_its_own_site_gives_it() -> None:
    """Worded unlike SPDX's copy in what is no part of the licence: web addresses written
    without a scheme, and the notice after the terms. It is that licence, exactly."""
    text = LEGALCODE.read_text(encoding="utf-8")
    match = identify_text(text)
    assert match is not None and (match.licence, match.confidence) == ("CC-BY-NC-SA-4.0", 1.0)
    split = split_text(text)
    assert [part.match.licence for part in split.parts] == ["CC-BY-NC-SA-4.0"]
    # Its notice ("... dedicated to the public domain under the CC0 ...") is no statement of
    # the author's: no line of the file is.
    assert split.own_lines == ()
    own = text + "\nThe photos in img/ are by the team and under CC BY 4.0.\n"
    assert [own.split("\n")[n - 1] for n in split_text(own).own_lines] == [
        "The photos in img/ are by the team and under CC BY 4.0."
    ]


def test_a_clause_added_to_the_legal_code_is_not_that_licence() -> None:
    text = LEGALCODE.read_text(encoding="utf-8")
    tampered = text.replace(
        "Section 8 -- Interpretation.",
        "Section 8 -- Interpretation.\n\n  The Licensed Material is for Good, not Evil.\n",
    )
    assert tampered != text
    match = identify_text(tampered)
    assert match is None or match.licence != "CC-BY-NC-SA-4.0"


def test_reading_a_licence_file_again_needs_no_unpacking_of_the_whole_list() -> None:
    """What a licence file's reading needs from the bundled texts (their titles, their
    words) is kept after the first time, so a later run does not unpack all 700 texts."""
    from cts_audit.licences import _texts

    text = "Our preface: the code is AGPL.\n\n" + LEGALCODE.read_text(encoding="utf-8")
    memory = (_texts._bundle, _texts._titles, _texts._longest, _texts._sequences)
    for cached in memory:  # as a new run: only the cache folder remembers
        cached.cache_clear()
    first = split_text(text)
    for cached in memory:
        cached.cache_clear()
    assert split_text(text) == first
    assert _texts._bundle.cache_info().misses == 0


def test_one_licence_by_name_reads_as_the_whole_licensing_reads_it() -> None:
    """An expression that is one name (an id, or an alias such as GPLv3) is read without building
    the whole licensing: exactly as the licensing would read it, for every name it knows."""
    from cts_audit.licences import _expression

    names = _expression._single_names()
    assert {"mit", "gplv3", "apache-2.0", "gpl-2.0+"} <= set(names)
    licensing, _ = _expression._licensing()
    for name in sorted(names):
        for spelling in (name, name.upper()):
            fast = parse(spelling)
            tree = licensing.parse(spelling, validate=False, simple=False)
            assert fast.valid and fast.normalised == str(tree), spelling
            assert is_osi(fast) == _expression._osi(tree), spelling


def _as_markdown(spdx_id: str) -> str:
    """A Creative Commons licence as the Markdown renditions teams copy into LICENSE.md give
    it: a heading for the title, links for the considerations, the notice after the terms
    quoted without its heading."""
    lines = licence_text(spdx_id).strip().split("\n")
    out = [f"# {lines[0].strip()}"]
    notice = False
    for line in lines[1:]:
        line = line.replace(
            "More considerations for licensors.",
            "[More considerations for licensors](http://wiki.creativecommons.org/"
            "Considerations_for_licensors_and_licensees#Considerations_for_licensors).",
        )
        if line.strip() == "Creative Commons Notice":
            notice = True
            continue
        if notice:
            line = f"> {line.strip()}"
        elif line.strip().startswith("Section "):
            line = f"### {line.strip()}"
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("spdx_id", ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-3.0", "CC-BY-NC-3.0"])
def test_creative_commons_licences_in_markdown_are_those_licences(spdx_id: str) -> None:
    """Links' words are words (not a placeholder to fill in), and Creative Commons' notice
    is no part of the licence, under whatever heading."""
    text = _as_markdown(spdx_id)
    assert "](http://wiki" in text or spdx_id.endswith("3.0")
    match = identify_text(text)
    assert match is not None and match.licence == spdx_id


@pytest.mark.parametrize(
    "parts",
    [
        ["MIT", "CC-BY-4.0"],
        ["Apache-2.0", "ISC"],
        ["BSD-3-Clause", "GPL-3.0-only"],
        ["0BSD", "MIT", "Zlib"],
    ],
)
def test_a_text_read_piece_by_piece_gives_the_words_it_gives_read_whole(
    parts: list[str],
) -> None:
    """The search for several texts in one file reads each piece once: its words and lines,
    put together, are those of every run of pieces read whole (copyright lines and all)."""
    from cts_audit.licences import _texts

    pieces = ["Our project, a preface of our own:\nCopyright (c) 2024 Team\n"]
    for n, spdx_id in enumerate(parts):
        pieces.append(f"Copyright (c) 202{n} Holder {n}\n{licence_text(spdx_id)}\n-----\n")
    lines = "".join(pieces).split("\n")
    cuts = _texts._cuts(lines)
    bounds = [*cuts, len(lines)]
    runs = [(bounds[i], bounds[i + 1]) for i in range(len(cuts))]
    assert len(runs) > len(parts)
    for start in range(len(runs)):
        words: list[str] = []
        numbers: list[int] = []
        previous = ""
        for end in range(start, len(runs)):
            first, stop = runs[end]
            more, at, previous = _texts._tokens_after("\n".join(lines[first:stop]), previous)
            words += more
            numbers += [n + first - runs[start][0] for n in at]
            whole = _texts._tokens("\n".join(lines[runs[start][0] : stop]))
            assert whole == (words, numbers), (start, end)
    found = [p.match.licence for p in split_text("\n".join(lines)).parts]
    assert found == parts


@pytest.mark.parametrize(
    ("text", "licence"),
    [
        (
            "このサイトの内容物は クリエイティブ・コモンズ 表示 4.0 ライセンス"
            " の下に提供されています",
            "CC-BY-4.0",
        ),
        ("本服務圖文內容採用 創用 CC 姓名標示 4.0 國際授權條款 授權", "CC-BY-4.0"),
        (
            "本作品采用知识共享署名-非商业性使用-相同方式共享 4.0 国际许可协议进行许可。",
            "CC-BY-NC-SA-4.0",
        ),
        (
            "Dieses Werk ist lizenziert unter einer Creative Commons Namensnennung - Weitergabe"
            " unter gleichen Bedingungen 4.0 International Lizenz.",
            "CC-BY-SA-4.0",
        ),
        (
            "Esta obra está bajo una licencia de Creative Commons Atribución-CompartirIgual 4.0.",
            "CC-BY-SA-4.0",
        ),
        ("Licença Creative Commons - Atribuição-NãoComercial 4.0 Internacional.", "CC-BY-NC-4.0"),
        (
            "Licence Creative Commons Attribution - Pas d’Utilisation Commerciale - Partage dans"
            " les Mêmes Conditions 4.0 International.",
            "CC-BY-NC-SA-4.0",
        ),
        ("Naamsvermelding-GelijkDelen 4.0 Internationaal", "CC-BY-SA-4.0"),
        ("Creative Commons Nimeä-EiMuutoksia 4.0", "CC-BY-ND-4.0"),
        ("Erkännande-DelaLika 4.0", "CC-BY-SA-4.0"),
        (
            "Portal objęty licencją Creative Commons Uznanie Autorstwa - Użycie Niekomercyjne"
            " 3.0 Polska",
            "CC-BY-NC-3.0",
        ),
        ("Creative Commons Uveďte původ-Zachovejte licenci 4.0 Mezinárodní", "CC-BY-SA-4.0"),
        ("Creative Commons Nevezd meg! - Így add tovább! 4.0 Nemzetközi Licenc", "CC-BY-SA-4.0"),
        ("Creative Commons Atribuire-Necomercial 4.0 Internațional", "CC-BY-NC-4.0"),
        (
            "크리에이티브 커먼즈 저작자표시-비영리-동일조건변경허락 2.0 대한민국 라이선스",
            "CC-BY-NC-SA-2.0",
        ),
        ("ครีเอทีฟคอมมอนส์ แสดงที่มา-ไม่ใช้เพื่อการค้า-อนุญาตแบบเดียวกัน 4.0", "CC-BY-NC-SA-4.0"),
        # Dashes instead of hyphens, as word processors write them.
        ("Obsah webu: CC–BY–SA 4.0", "CC-BY-SA-4.0"),
    ],
)
def test_creative_commons_licences_are_read_by_their_names_in_each_language(
    text: str, licence: str
) -> None:
    """The names Creative Commons gives its licences in each language's deed."""
    assert [m.licence for m in find_mentions(text)] == [licence]


@pytest.mark.parametrize(
    ("text", "licence"),
    [
        ("Lizenz: CC BY 3.0 DE", "CC-BY-3.0-DE"),
        ("https://creativecommons.org/licenses/by-sa/3.0/at/", "CC-BY-SA-3.0-AT"),
        ("Creative Commons Namensnennung - Nicht-kommerziell 3.0 Deutschland", "CC-BY-NC-3.0-DE"),
        ("Creative Commons Attribution-ShareAlike 2.0 England and Wales", "CC-BY-SA-2.0-UK"),
        ("This report is licensed CC BY 3.0 IGO.", "CC-BY-3.0-IGO"),
        # Ports SPDX does not list keep the licence they port; so do unported ones.
        ("https://creativecommons.org/licenses/by/2.0/es/", "CC-BY-2.0"),
        ("Creative Commons Attribution 3.0 Unported", "CC-BY-3.0"),
        ("CC BY 4.0 DE", "CC-BY-4.0"),
    ],
)
def test_a_ported_creative_commons_licence_is_the_port_spdx_names(text: str, licence: str) -> None:
    assert [m.licence for m in find_mentions(text)] == [licence]


def test_a_word_that_is_also_a_licence_element_is_nothing_alone() -> None:
    """表示 ("show") and 署名 ("signature") name CC BY only after "Creative Commons"."""
    assert find_mentions("表示 4.0 のみ") == [] and find_mentions("署名 4.0") == []


def test_a_licence_s_title_heading_its_terms_again_is_its_own() -> None:
    """The FSF's GPL-2.0 (and GitHub's template of it) says "GNU GENERAL PUBLIC LICENSE"
    again over its terms; SPDX marks that line optional."""
    text = licence_text("GPL-2.0-only").replace(
        "TERMS AND CONDITIONS", "GNU GENERAL PUBLIC LICENSE\n   TERMS AND CONDITIONS", 1
    )
    assert "GNU GENERAL PUBLIC LICENSE\n   TERMS" in text
    match = identify_text(text)
    assert match is not None and match.licence == "GPL-2.0-only"
    # Another licence's name in the same place is no title of this one.
    other = text.replace("GNU GENERAL PUBLIC LICENSE\n   TERMS", "MIT LICENSE\n   TERMS", 1)
    assert identify_text(other) is None


def test_words_joined_in_one_copy_and_split_in_another_are_the_same_text() -> None:
    """Creative Commons' own plain text breaks "CC-licensed" over two lines and writes
    "reason--for" where the SPDX text has a dash: the same licence."""
    text = licence_text("CC-BY-4.0")
    assert text is not None and "CC-licensed" in text and "reason–for" in text
    official = text.replace("CC-licensed", "CC-\n     licensed").replace(
        "reason–for", "reason--for"
    )
    official = official.replace("copyright–then", "copyright -- then")
    match = identify_text(official)
    assert match is not None and match.licence == "CC-BY-4.0"


@pytest.mark.parametrize("licence", ["CC0-1.0", "CC-BY-3.0", "CC-BY-SA-4.0"])
def test_a_creative_commons_text_without_its_disclaimer_is_still_that_licence(
    licence: str,
) -> None:
    """Creative Commons' disclaimer ("... is not a law firm ...") stands before the legal
    code; CC's own plain texts (CC0's legalcode.txt) often leave it out."""
    text = licence_text(licence)
    assert text is not None
    paragraphs = text.split("\n\n")
    (at,) = [i for i, p in enumerate(paragraphs) if "not a law firm" in p.lower()]
    without = "\n\n".join(paragraphs[:at] + paragraphs[at + 1 :])
    match = identify_text(without)
    assert match is not None and match.licence == licence
