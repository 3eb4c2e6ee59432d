"""Every licence text of the SPDX list, as bundled and as people write it: identified as its
own licence or not at all, and passing the code licence rule only when it is OSI-approved."""

from __future__ import annotations

import pytest

from cts_audit.licences import identify_text, licence_text

from . import licence_corpus as corpus

#: The OSI-approved texts that must pass in every variant (the list has 160 by its flags).
OSI_PASSED = 145


@pytest.fixture(scope="module")
def figures() -> dict[str, tuple[corpus.Figures, list[str]]]:
    classes = corpus.same_text()
    out: dict[str, tuple[corpus.Figures, list[str]]] = {}
    for spdx_id, variant, text in corpus.files():
        tally, problems = out.setdefault(variant, (corpus.Figures(), []))
        match = identify_text(text)
        reported = match.licence if match and match.method in ("exact", "template") else None
        problem = corpus.judge(spdx_id, reported, tally, classes)
        if problem:
            problems.append(problem)
    return out


@pytest.mark.parametrize("variant", [v.name for v in corpus.VARIANTS])
def test_no_text_is_read_as_another_licence_and_none_passes_wrongly(
    figures: dict[str, tuple[corpus.Figures, list[str]]], variant: str
) -> None:
    tally, problems = figures[variant]
    assert tally.files >= 700
    assert problems == []
    assert tally.wrong == 0 and tally.false_passes == 0


@pytest.mark.parametrize("variant", [v.name for v in corpus.VARIANTS])
def test_osi_approved_texts_pass(
    figures: dict[str, tuple[corpus.Figures, list[str]]], variant: str
) -> None:
    tally, _ = figures[variant]
    assert tally.osi_passed >= OSI_PASSED, tally


def text(spdx_id: str) -> str:
    found = licence_text(spdx_id)
    assert found is not None, spdx_id
    return found


@pytest.mark.parametrize(
    ("spdx_id", "expected"),
    [
        ("BSD-4-Clause", "BSD-4-Clause"),  # the advertising clause: not BSD-3-Clause
        ("BSD-3-Clause", "BSD-3-Clause"),
        ("BSD-2-Clause", "BSD-2-Clause"),
        ("JSON", "JSON"),  # "shall be used for Good, not Evil": not MIT
        ("MIT-advertising", "MIT-advertising"),
        ("MIT-feh", "MIT-feh"),
        ("X11", "X11"),
        ("X11-swapped", "X11-swapped"),
        ("ISC", "ISC"),
        ("0BSD", "0BSD"),
        ("AFL-3.0", "AFL-3.0"),
        ("OSL-3.0", "OSL-3.0"),
        ("GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0"),
        ("MS-RL", "MS-RL"),
        ("BlueOak-1.0.0", "BlueOak-1.0.0"),
        ("CECILL-2.1", "CECILL-2.1"),
        ("OFL-1.1", "OFL-1.1"),
        ("Python-2.0", "Python-2.0"),
        ("LPPL-1.3c", "LPPL-1.3c"),
        ("BSD-2-Clause-Patent", "BSD-2-Clause-Patent"),
    ],
)
def test_near_neighbours_filled_in_and_rewrapped_are_told_apart(
    spdx_id: str, expected: str
) -> None:
    for variant in corpus.VARIANTS:
        match = identify_text(variant.make(text(spdx_id), spdx_id))
        assert match is not None, variant.name
        assert match.licence == expected, variant.name


def test_the_isc_text_with_and_instead_of_and_or_is_isc() -> None:
    older = text("ISC").replace("and/or", "and")
    match = identify_text("Copyright (c) 2019, Team\n\n" + older)
    assert match is not None and match.licence == "ISC"


def test_a_clause_added_at_the_end_is_not_a_notice() -> None:
    """MIT with a restriction after it, set apart only by a blank line: not MIT."""
    extra = "\n\nThe Software may not be used by any government agency.\n"
    assert identify_text(text("MIT") + extra) is None


def test_a_notice_after_a_separator_keeps_the_licence() -> None:
    match = identify_text(text("MIT") + corpus.NOTICE)
    assert match is not None and (match.licence, match.method) == ("MIT", "template")
