"""A registry shaped like the network's own Jekyll site: many events, most without projects,
every event and several projects with a Swedish and an English page, repositories on the
loopback GitHub (one missing, one archived, one project with two repositories)."""

from __future__ import annotations

from pathlib import Path

from .github_fake import FakeGitHub
from .repos import GOOD_README, MIT_TEXT, PNG

OWNER = "cts-team"
#: Events 1 to 20; the three latest and number 7 have projects.
EVENTS = 20
WITH_PROJECTS = ("hackathon-18", "hackathon-19", "hackathon-20", "hackathon-7")

GOOD = {
    "LICENSE": MIT_TEXT,
    "README.md": GOOD_README
    + "\n## How we worked\n\nTogether, in pairs.\n\n## Licence\n\nImages: CC BY 4.0\n",
    "app.py": "print(1)\n",
    "img/logo.png": PNG,
}
CODE_ONLY = {"LICENSE": MIT_TEXT, "README.md": GOOD_README, "app.py": "print(1)\n"}
BARE = {"app.py": "print(1)\n", "README.md": "# x\n"}

#: Project ref → (Swedish title, English title or None, events, repositories, pages' links).
PROJECTS: dict[str, tuple[str, str | None, list[str], list[str]]] = {
    "cykeldata": ("Öppna cykeldata", "Open bike data", ["hackathon-20"], ["cykeldata"]),
    "hyresrattskollen": (
        "Hyresrättskollen",
        "Tenancy check",
        ["hackathon-20"],
        ["HyresrattskollenFrontendApplicationForTenantsInSweden", "hyresrattskollen-backend"],
    ),
    "valkompass": ("Valkompass", None, ["hackathon-20"], ["valkompass"]),
    "borttaget": ("Borttaget projekt", None, ["hackathon-19"], ["borttaget"]),
    "arkivet": ("Arkivet", "The archive", ["hackathon-19"], ["arkivet"]),
    "delning": ("Delningskartan", "Sharing map", ["hackathon-18"], []),
    "riksdag": ("Din riksdag", None, ["hackathon-seven-en"], ["dinriksdag"]),
    "fristaende": ("Fristående verktyg", None, [], ["fristaende"]),
    # Links only the team's organisation, in the text: registered, with a warning.
    "orgsida": ("Organisationssidan", None, ["hackathon-19"], []),
}


def write_network_site(root: Path) -> Path:
    """The Jekyll site folder, written under ``root``."""
    site = root / "civictech.se"
    (site / "_events").mkdir(parents=True)
    (site / "_posts").mkdir()
    (site / "_config.yml").write_text("title: CivicTechSweden\n", encoding="utf-8")
    for number in range(1, EVENTS + 1):
        group = "stockholm" if number % 2 else "goteborg"
        city, city_en = ("Stockholm", "Stockholm") if number % 2 else ("Göteborg", "Gothenburg")
        when = f"{2016 + number // 3}-{(number % 12) + 1:02d}-12 00:00:00 +02:00"
        slug = f"hackathon-{number}"
        if number % 3 == 0:
            refs = ("sv", "en")  # as on the network's site: a ref naming the language
        elif number == 7:
            refs = (slug, "hackathon-seven-en")  # the translation under a ref of its own
        else:
            refs = (slug, slug)
        for lang, ref, title, name in (
            ("sv", refs[0], f"Hackathon {number} i {city}", f"{slug}.md"),
            ("en", refs[1], f"Hackathon {number} in {city_en}", f"{slug}-en.md"),
        ):
            (site / "_events" / name).write_text(
                "---\n"
                f"title: {title}\nref: {ref}\nlang: {lang}\ngroup: {group}\n"
                f"event-date: {when}\nplace: {city}, Kulturhuset\n"
                "---\nVälkomna!\n",
                encoding="utf-8",
            )
    for ref, (title, title_en, events, repos) in PROJECTS.items():
        links = (
            "".join(
                f"  - title: Kod\n    url: https://github.com/{OWNER}/{repo}\n" for repo in repos
            )
            or "  - title: Hemsida\n    url: https://example.org/\n"
        )
        body = f"Koden finns på https://github.com/{OWNER}.\n" if ref == "orgsida" else "Hej!\n"
        for lang, name, shown in (("sv", ref, title), ("en", f"{ref}-en", title_en)):
            if shown is None:
                continue
            categories = ", ".join([*events, "Sharing is caring"])
            (site / "_posts" / f"2026-03-14-{name}.md").write_text(
                "---\n"
                f"title: {shown}\nref: {ref}\nlang: {lang}\ncategories: [{categories}]\n"
                f"links:\n{links}"
                f"---\n{body}",
                encoding="utf-8",
            )
    return site


def add_network_repositories(fake: FakeGitHub) -> None:
    """The projects' repositories on the loopback GitHub ("borttaget" is missing: 404)."""
    fake.add_repo(f"{OWNER}/cykeldata", GOOD)
    fake.add_repo(f"{OWNER}/HyresrattskollenFrontendApplicationForTenantsInSweden", GOOD)
    fake.add_repo(f"{OWNER}/hyresrattskollen-backend", CODE_ONLY)
    fake.add_repo(f"{OWNER}/valkompass", BARE)
    fake.add_repo(f"{OWNER}/arkivet", CODE_ONLY, archived=True)
    fake.add_repo(f"{OWNER}/dinriksdag", GOOD)
    fake.add_repo(f"{OWNER}/fristaende", BARE)
