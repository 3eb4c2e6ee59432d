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
    is_data_licence,
    is_fsf_libre,
    is_osi,
    is_osi_id,
    licence_name,
    one_licence,
    parse,
)
from ._mentions import GNU_NOTICE, PUBLIC_DOMAIN_MARK, Mention, find_mentions, gnu_family
from ._texts import (
    METHOD_LABELS,
    BundledLicence,
    TextMatch,
    TextPart,
    TextSplit,
    bundled_licences,
    holds_licence_wording,
    identify_text,
    licence_text,
    reserves_all_rights,
    split_text,
)

__all__ = [
    "GNU_NOTICE",
    "METHOD_LABELS",
    "PUBLIC_DOMAIN_MARK",
    "BundledLicence",
    "CreativeCommons",
    "Expression",
    "Mention",
    "TextMatch",
    "TextPart",
    "TextSplit",
    "bundled_licences",
    "cc_ids",
    "creative_commons",
    "display_name",
    "find_mentions",
    "gnu_family",
    "holds_licence_wording",
    "identify_text",
    "is_data_licence",
    "is_fsf_libre",
    "is_osi",
    "is_osi_id",
    "licence_name",
    "licence_text",
    "one_licence",
    "parse",
    "reserves_all_rights",
    "split_text",
]
