"""Media files that look like someone else's work: brand icons, fonts, files with their own rights.

A team cannot put a Creative Commons licence on another's logo or font. Such files are not
a failure of the team's own licensing: they are listed for the team to say where they come
from and under which licence, and `cts-audit fix` never annotates them.
"""

from __future__ import annotations

import hashlib
import re

#: Folder names that hold others' files: fonts and icon sets.
_FOLDERS = frozenset(
    {
        "fonts",
        "font",
        "webfonts",
        "fontawesome",
        "font-awesome",
        "brands",
        "brand-icons",
        "simple-icons",
        "bootstrap-icons",
        "flags",
        "emoji",
        "twemoji",
    }
)
#: Folder names for other organisations' logos: partners, sponsors, funders.
_LOGO_FOLDERS = frozenset(
    {
        "partner",
        "partners",
        "partner-logos",
        "partnerlogos",
        "sponsor",
        "sponsors",
        "sponsor-logos",
        "supporters",
        "funders",
        "organizations",
        "organisations",
        "logos-partners",
    }
)
#: Folders that hold copied libraries, each in a folder of its own ("lib/leaflet/images/").
_LIBRARY_FOLDERS = frozenset({"lib", "libs", "vendors", "external", "plugins", "third_party"})
#: Folders of an app's own source, whose lib/ is the app's code and assets.
_APP_SOURCE = frozenset({"src", "app"})
#: Font files (an SVG font is an image by its suffix).
_FONT_SUFFIXES = frozenset({"woff", "woff2", "ttf", "otf", "eot"})
#: Names of services and makers whose logos teams put in their pages.
_BRANDS = (
    "github|gitlab|bitbucket|twitter|x-twitter|facebook|instagram|linkedin|youtube|vimeo|"
    "google|apple|android|microsoft|windows|slack|discord|mastodon|tiktok|whatsapp|telegram|"
    "reddit|medium|npm|python|react|vue|angular|svelte|nodejs|node-js|docker|kubernetes|"
    "figma|spotify|twitch|paypal|stripe|openstreetmap|osm|mapbox|leaflet|heroku|netlify|"
    "vercel|firebase|aws|azure|bootstrap|tailwind|creative-commons|cc-by|opensource|osi|"
    # payment cards and wallets, in every shop's checkout
    "visa|mastercard|master-card|amex|american-express|maestro|unionpay|jcb|apple-pay|"
    "applepay|google-pay|googlepay|swish|klarna|vipps|mobilepay"
)
_BRAND_NAME = re.compile(
    rf"^(?:(?:logo|icon|ic|brand)[-_ ]?)?(?:{_BRANDS})(?:[-_ ]?(?:logo|icon|mark|badge|white|"
    r"black|dark|light|color|colour|mono|square|round|circle|\d+(?:x\d+)?))*$",
    re.IGNORECASE,
)
#: A credit line that names a tool, not a maker: phones write "Edited with Google AI" into
#: the photos their editor touched.
_TOOL_CREDIT = rb"(?!(?:edited|made|created|generated|processed)\s+(?:with|using)\s)"
#: Photographs and screenshots: a brand's name on one ("android1.jpg", "openstreetmap.jpg"
#: from a mapping party) names what it shows, not whose logo it is.
_PHOTO_SUFFIXES = frozenset({"jpg", "jpeg", "jfif", "heic", "heif"})
#: The site's own icon in the sizes platforms ask for, as favicon generators name them
#: ("android-icon-192x192.png", "apple-touch-icon.png"): no Android's or Apple's logo.
_SITE_ICON = re.compile(
    r"^(?:android-chrome|android-icon|apple-icon|apple-touch-icon|ms-icon|mstile)"
    r"(?:-\d+x\d+)?(?:-precomposed)?$",
    re.IGNORECASE,
)
#: Rights a maker writes into a file, by their values (an empty field, or "Marked: False",
#: which Photoshop writes into every file, says nothing): XMP's credit line, rights statement,
#: owner and usage terms, PLUS licensor, and copyright notices written out in text.
_RIGHTS = re.compile(
    rb"photoshop:Credit=\"" + _TOOL_CREDIT + rb"[^\"<>]*\w[^\"<>]*\""
    rb"|<photoshop:Credit>\s*" + _TOOL_CREDIT + rb"[^<\s]"
    rb"|<dc:rights>\s*<rdf:Alt>\s*<rdf:li[^>]*>\s*[^<\s]"
    rb"|xmpRights:Marked=\"True\"|<xmpRights:Marked>\s*True"
    rb"|<xmpRights:(?:UsageTerms|Owner)>\s*<rdf:(?:Alt|Bag|Seq)>\s*<rdf:li[^>]*>\s*[^<\s]"
    rb"|<plus:Licensor>\s*<rdf:(?:Alt|Bag|Seq)>\s*<rdf:li"
    rb"|Copyright \(c\)|Copyright \xc2\xa9|\xc2\xa9 ?\d{4}|Copyright \d{4}|All rights reserved",
    re.IGNORECASE,
)
#: Stock photo agencies: their pictures are licensed to a team, never the team's to license.
_STOCK = re.compile(
    rb"stock\.adobe\.com|adobe stock|shutterstock|gettyimages|getty images|istockphoto"
    rb"|istock|depositphotos|dreamstime|123rf|alamy|bigstock|fotolia",
    re.IGNORECASE,
)


def third_party_reason(path: str) -> str | None:
    """Why a path looks like someone else's file (``font``, ``icon_set``, ``brand_icon``,
    ``partner_logo``, ``library``), or None."""
    parts = path.lower().split("/")
    name = parts[-1]
    folders = parts[:-1]
    stem, _, suffix = name.rpartition(".")
    if suffix in _FONT_SUFFIXES or any(p in ("fonts", "font", "webfonts") for p in folders):
        return "font"
    if any(p in _FOLDERS for p in folders):
        return "icon_set"
    if (
        _BRAND_NAME.match(stem or name)
        and not _SITE_ICON.match(stem or name)
        and suffix not in _PHOTO_SUFFIXES
    ):
        return "brand_icon"
    if any(p in _LOGO_FOLDERS for p in folders):
        return "partner_logo"
    # lib/leaflet/images/marker.png is Leaflet's; lib/logo.png may well be the team's own,
    # and so is an app's own source tree below src/lib/ or app/lib/ (SvelteKit's $lib).
    if any(
        p in _LIBRARY_FOLDERS and not (p == "lib" and i > 0 and folders[i - 1] in _APP_SOURCE)
        for i, p in enumerate(folders[:-1])
    ):
        return "library"
    return None


#: An ICC colour profile's copyright tag ("text" type, then its text): the profile's maker's
#: ("Copyright (c) 1998 Hewlett-Packard Company" in every sRGB photo), not the image's.
_ICC_TEXT = b"text\x00\x00\x00\x00"
_RESERVED = re.compile(rb"All rights reserved", re.IGNORECASE)


def carries_own_rights(head: bytes) -> bool:
    """Whether the start of a file holds its maker's copyright or rights metadata (not a
    colour profile's, which names the profile's maker)."""
    return any(
        not _in_colour_profile(head, m.start()) and not _in_camera_profile(head, m.start())
        for m in _RIGHTS.finditer(head)
    )


def reserves_rights(head: bytes) -> bool:
    """Whether the file says of itself that all rights are reserved (a font's notice) or
    names a stock agency (a licensed stock photo): no blanket statement of a team puts it
    under another licence."""
    if _STOCK.search(head):
        return True
    return any(not _in_colour_profile(head, m.start()) for m in _RESERVED.finditer(head))


def _in_colour_profile(head: bytes, at: int) -> bool:
    """Whether the text at ``at`` is in an ICC profile's copyright tag: the same string as
    follows the tag's type ("Copyright 2007 Apple Inc., all rights reserved.")."""
    tag = head.rfind(_ICC_TEXT, max(0, at - 80), at)
    return tag >= 0 and b"\x00" not in head[tag + len(_ICC_TEXT) : at]


#: A raw converter's look or camera profile names its own maker ("crs:Copyright="© 2018
#: Adobe Systems, Inc."" in every photo edited with one of Lightroom's looks), not the photo's.
_CAMERA_PROFILE = re.compile(rb"crs:Copyright=\"$|<crs:Copyright>\s*$")


def _in_camera_profile(head: bytes, at: int) -> bool:
    return _CAMERA_PROFILE.search(head[max(0, at - 40) : at]) is not None


def metadata_part(data: bytes) -> bytes:
    """The part of a file's start where its metadata is: a JPEG's segments before its image
    data, a PNG's chunks before its first image chunk; anything else as it is."""
    if data.startswith(b"\xff\xd8"):
        at = 2
        while at + 4 <= len(data) and data[at] == 0xFF:
            marker = data[at + 1]
            if marker == 0xDA:  # start of the image data
                return data[:at]
            if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
                at += 2
                continue
            at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")
        return data
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        image = data.find(b"IDAT")
        return data[:image] if image > 0 else data
    return data


#: Files that starter projects put, unchanged, into every app made with them: their makers'
#: logos and icons (SHA-256 of the whole file). create-react-app: the React logo in three
#: sizes and its favicon; create-next-app: the Next.js and Vercel logos and its icons.
_STARTER_ASSETS = frozenset(
    {
        "ecc203fbd1d0b912e7653108ff7d6e4f98da8a17b94d9f7045d06eccfad93a85",  # CRA src/logo.svg
        "c386396ec70db3608075b5fbfaac4ab1ccaa86ba05a68ab393ec551eb66c3e00",  # CRA logo192.png
        "9ea4f4da7050c0cc408926f6a39c253624e9babb1d43c7977cd821445a60b461",  # CRA logo512.png
        "3d10f7da6c603178340081668c4ac5b3ae9743ca9a262ab0fcd312fbb9f48bdd",  # CRA favicon.ico
        "55995dfad6ecb4945a1e856ddca03c5e16aa5bf13fd21b4df6a74ae79357bcfc",  # Next next.svg
        "3fa5cd757b418e18afc68ddebad55f443206e410327921ddb2bf1be731658880",  # Next vercel.svg
        "f081337b2fee635b455b63275406a3e7f39d6a014e25ad90dab5a67e62a12ac4",  # Next vercel.svg
        "6a70cf328586a2b3e98f6f7f5ab88ae84732d4d4f0040d3ccc6b3a3ea0f1eab0",  # Next thirteen.svg
        "2b67812c325c199a02536cdbeea0c593a72f707d323b72ee3e08dbab06753bd4",  # Next file.svg
        "b614b9bf183925957661ac851498fe1d8029fd43a62fbfed86f9e2624a57e7cf",  # Next globe.svg
        "644768c4aaeb4767bce293344eeb0c125fb804a94d801440424072202d85e3a1",  # Next window.svg
    }
)
_STARTER_ASSET_NAMES = frozenset(
    {
        "logo.svg",
        "logo192.png",
        "logo512.png",
        "favicon.ico",
        "next.svg",
        "vercel.svg",
        "thirteen.svg",
        "file.svg",
        "globe.svg",
        "window.svg",
    }
)
#: None of those files is larger.
STARTER_ASSET_BYTES = 64 * 1024


def may_be_starter_asset(name: str) -> bool:
    """Whether a file is named as a starter's default files are (worth reading to know)."""
    return name.lower() in _STARTER_ASSET_NAMES


def is_starter_asset(data: bytes) -> bool:
    """Whether ``data`` is a starter's default file, unchanged."""
    return hashlib.sha256(data).hexdigest() in _STARTER_ASSETS
