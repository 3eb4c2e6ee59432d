"""Licence knowledge: SPDX expressions, OSI flags, licence texts and licence statements.

Everything about licences the checks need, wrapped once. Nothing here raises on bad
input: an invalid expression or an unknown text is data.
"""

from __future__ import annotations

from ._expression import (
    CreativeCommons,
    Expression,
    cc_ids,
    creative_commons,
    display_name,
    is_fsf_libre,
    is_osi,
    is_osi_id,
    licence_name,
    parse,
)
from ._mentions import PUBLIC_DOMAIN_MARK, Mention, find_mentions
from ._texts import METHOD_LABELS, TextMatch, TextPart, TextSplit, identify_text, split_text

__all__ = [
    "METHOD_LABELS",
    "PUBLIC_DOMAIN_MARK",
    "CreativeCommons",
    "Expression",
    "Mention",
    "TextMatch",
    "TextPart",
    "TextSplit",
    "cc_ids",
    "creative_commons",
    "display_name",
    "find_mentions",
    "identify_text",
    "is_fsf_libre",
    "is_osi",
    "is_osi_id",
    "licence_name",
    "parse",
    "split_text",
]
