"""Check: is the way the team worked documented, so others can learn from the project?"""

from __future__ import annotations

import re

from ..rules import Boilerplate
from .context import Context
from .interface import CheckResult, Evidence, Status
from .text import (
    clean_inline,
    count_words,
    headings,
    matches_keyword,
    normalise,
    prose_words,
    sections,
)

NAME = "working_method"
REASONS = frozenset(
    {
        "documented",
        "outline_unfilled",
        "readme_only",
        "no_readme",
        "default_readme",
        "too_short",
        "error",
        "not_available",
    }
)

_WIKI_LINK = re.compile(r"https?://[^\s)\"'>]+/wiki\b|\]\((?:\.\./)*wiki[/)]", re.IGNORECASE)
#: Prose extensions that make a docs/ folder "project documentation".
_DOC_SUFFIXES = frozenset({"md", "markdown", "rst", "txt", "adoc", "pdf", "docx", "odt", "org"})


def run(ctx: Context) -> CheckResult:
    rule = ctx.rules.checks.working_method
    readmes = ctx.files.readmes
    if not readmes:
        return CheckResult(NAME, Status.FAIL, "no_readme")
    readme = readmes[0]
    text = ctx.snapshot.read_text(readme.path)
    if text is None:
        return CheckResult(
            NAME,
            Status.ERROR,
            "error",
            {"detail": f"{readme.path} is not readable text"},
            evidence=(
                Evidence("binary or unreadable README", path=readme.path, kind="readme_unreadable"),
            ),
        )
    readme_words = prose_words(text)
    readme_ev = Evidence(
        f"README ({readme_words} words)",
        path=readme.path,
        kind="readme_words",
        params={"words": readme_words},
    )

    generator = _generator(text, ctx.rules.keywords.readme_boilerplate, rule.min_readme_words)
    if generator is not None:
        return CheckResult(
            NAME, Status.FAIL, "default_readme", {"generator": generator}, evidence=(readme_ev,)
        )
    words = max(prose_words(text), *(_words_of(ctx, r.path) for r in readmes[1:3]), 0)
    if words < rule.min_readme_words:
        return CheckResult(NAME, Status.FAIL, "too_short", {"words": words}, evidence=(readme_ev,))

    outlines = _unfilled_outlines(text, rule.min_readme_words)
    material = [
        (label, ev) for label, ev in _material(ctx, text, readme.path) if ev.line not in outlines
    ]
    if material:
        names = ", ".join(dict.fromkeys(label for label, _ in material))
        return CheckResult(
            NAME,
            Status.PASS,
            "documented",
            {"sections": names[:200]},
            evidence=(readme_ev, *(ev for _, ev in material[:8])),
        )
    if outlines:
        line, title = next(iter(outlines.items()))
        note = Evidence(
            f"section “{title}”: an outline whose questions are not answered yet",
            path=readme.path,
            line=line,
            kind="outline_unfilled",
            params={"title": title},
        )
        return CheckResult(
            NAME, Status.WARN, "outline_unfilled", {"title": title}, evidence=(readme_ev, note)
        )
    return CheckResult(NAME, Status.WARN, "readme_only", evidence=(readme_ev,))


#: The mark `cts-audit fix --working-method` puts in the outline it writes. The section it
#: stands in documents the working method only once the team has written its own answers.
OUTLINE_MARK = "<!-- cts-audit:outline -->"
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _unfilled_outlines(text: str, min_words: int) -> dict[int, str]:
    """Sections holding the outline mark with fewer than ``min_words`` words of the team's own
    (the questions are comments, which count for nothing): heading line → title."""
    if OUTLINE_MARK not in text:
        return {}
    found: dict[int, str] = {}
    parts = sections(text)
    for index, part in enumerate(parts):
        if part.heading is None or OUTLINE_MARK not in part.body:
            continue
        # The outline's section runs on through its sub-headings (### What we learned).
        body = [part.body]
        for sub in parts[index + 1 :]:
            if sub.heading is None or sub.heading.level <= part.heading.level:
                break
            body.append(sub.body)
        if prose_words(_COMMENT.sub(" ", "\n".join(body))) < min_words:
            found[part.heading.line] = part.heading.title[:80]
    return found


def _words_of(ctx: Context, path: str) -> int:
    text = ctx.snapshot.read_text(path)
    return prose_words(text) if text else 0


def _generator(text: str, boilerplates: tuple[Boilerplate, ...], min_words: int) -> str | None:
    """The generator whose default README this is.

    It is one when little prose is left after its phrases, or when most of the README's
    words (``TEMPLATE_SHARE``) stand in lines of the generator's template.
    """
    lowered = text.lower()
    for item in boilerplates:
        phrases = [p.lower() for p in item.phrases] + [item.marker.lower()]
        long_phrases = [p for p in phrases if len(p.split()) >= _LONG_PHRASE]
        if item.marker.lower() not in lowered and sum(p in lowered for p in long_phrases) < 3:
            continue
        kept = "\n".join(
            line for line in text.splitlines() if not any(p in line.lower() for p in phrases)
        )
        # The team's own words: prose, and the titles of sections the template does not have.
        own = prose_words(kept) + sum(count_words(h.title) for h in headings(kept)[1:])
        if own < min_words * 2:
            return item.name
        if _template_share(text, phrases) >= TEMPLATE_SHARE:
            return item.name
    return None


#: A README whose words stand mostly in a generator's template lines is that template.
TEMPLATE_SHARE = 0.7
#: Phrases of this many words are specific enough to mark a line anywhere; shorter ones
#: ("learn more", "build") only a heading or a line that is nothing else.
_LONG_PHRASE = 3
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_URL = re.compile(r"https?://\S+")


def _template_share(text: str, phrases: list[str]) -> float:
    """The share of the README's words (headings included, code blocks not) in template lines."""
    heading_lines = {h.line for h in headings(text)}
    total = template = 0
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        words = count_words(_URL.sub(" ", clean_inline(line)))
        if not words:
            continue
        total += words
        lowered = line.lower()
        bare = normalise(clean_inline(line))
        for phrase in phrases:
            if len(phrase.split()) >= _LONG_PHRASE and phrase in lowered:
                template += words
                break
            if phrase in lowered and (number in heading_lines or bare == normalise(phrase)):
                template += words
                break
    return template / total if total else 0.0


def _material(ctx: Context, text: str, readme_path: str) -> list[tuple[str, Evidence]]:
    """README sections, files and links that document the working method."""
    keywords = [k for words in ctx.rules.keywords.working_method.values() for k in words]
    found: list[tuple[str, Evidence]] = []
    for heading in headings(text):
        keyword = matches_keyword(heading.title, keywords)
        if keyword is not None:
            found.append(
                (
                    heading.title[:60],
                    Evidence(
                        f"section “{heading.title[:80]}”",
                        path=readme_path,
                        line=heading.line,
                        kind="section",
                        params={"title": heading.title[:80]},
                    ),
                )
            )
    wanted = {normalise(n.rstrip("/")): n for n in ctx.rules.keywords.working_method_files}
    folders: dict[str, str] = {}
    for entry in ctx.files.kept:
        if entry.path == readme_path or entry.path.count("/") > 2:
            continue
        top = entry.path.split("/", 1)[0]
        if "/" in entry.path and normalise(top) in wanted and wanted[normalise(top)].endswith("/"):
            if entry.suffix in _DOC_SUFFIXES and top not in folders:
                folders[top] = entry.path
            continue
        at_top = entry.parent in ("", ".github", "docs")
        if at_top and normalise(entry.name) in wanted and entry.size > 0:
            note = Evidence("working-method file", path=entry.path, kind="working_method_file")
            found.append((entry.name, note))
    for top, example in sorted(folders.items()):
        note = Evidence(
            f"documentation folder ({example})",
            path=example,
            kind="docs_folder",
            params={"example": example},
        )
        found.append((f"{top}/", note))
    match = _WIKI_LINK.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        note = Evidence("link to a wiki", path=readme_path, line=line, kind="wiki_link")
        found.append(("wiki", note))
    return found
