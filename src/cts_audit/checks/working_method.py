"""Check: is the way the team worked documented, so others can learn from the project?"""

from __future__ import annotations

import bisect
import fnmatch
import json
import re
from collections import Counter
from collections.abc import Mapping

from ..rules import Boilerplate
from ..snapshot import FileEntry
from .context import Context
from .declaration import names_any
from .files import is_readme_name
from .interface import CheckResult, Evidence, Status, with_evidence
from .text import (
    Heading,
    as_markdown,
    clean_inline,
    count_words,
    excerpt,
    headings,
    is_command_line,
    matches_keyword,
    normalise,
    prose_words,
    sections,
)
from .third_party import third_party_reason

NAME = "working_method"
REASONS = frozenset(
    {
        "documented",
        "outline_unfilled",
        "readme_only",
        "no_readme",
        "default_readme",
        "unfilled_template",
        "too_short",
        "empty_readme",
        "error",
        "not_available",
    }
)

#: A link to a code host's wiki: GitHub's ``OWNER/REPO/wiki``, GitLab's ``.../-/wikis``,
#: Bitbucket's ``.../wiki``; or a relative link to the repository's own ``wiki``.
_HOSTED_WIKI = re.compile(
    r"https?://(?:www\.)?(?P<host>github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)/"
    r"(?P<repo>[\w.-]+/[\w.-]+(?:/[\w.-]+)*?)(?:/-)?/wikis?\b",
    re.IGNORECASE,
)
_RELATIVE_WIKI = re.compile(r"\]\((?:\.\./)*wiki[/)]", re.IGNORECASE)
_REPO_URL = re.compile(
    r"(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)[/:]"
    r"(?P<repo>[\w.-]+/[\w.-]+(?:/[\w.-]+)*?)(?:\.git)?/?$",
    re.IGNORECASE,
)
#: A line that is a link and little else: an entry of a reading list.
_LINK_LINE = re.compile(r"\[[^\]]*\]\([^)]*\)|<https?://[^>]+>|https?://\S+")
_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
#: Prose extensions that make a docs/ folder "project documentation".
_DOC_SUFFIXES = frozenset({"md", "markdown", "rst", "txt", "adoc", "pdf", "docx", "odt", "org"})


def run(ctx: Context) -> CheckResult:
    """The check's verdict; a README found under another name says how GitHub would show it."""
    result = _run(ctx)
    readmes = ctx.files.readmes
    if readmes and not is_readme_name(readmes[0].name):
        path = readmes[0].path
        note = Evidence(
            f"{path}: GitHub shows a README on the repository's page only when it is named"
            " README.md",
            path=path,
            kind="readme_misnamed",
            params={"path": path},
        )
        return with_evidence(result, (note,))
    return result


def _run(ctx: Context) -> CheckResult:
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
    text = as_markdown(readme.name, text)
    readme_words = prose_words(text)
    readme_ev = Evidence(
        f"README ({readme_words} words)",
        path=readme.path,
        kind="readme_words",
        params={"words": readme_words},
    )

    keywords = ctx.rules.keywords
    generator = ctx.default_readme
    if generator is not None:
        return CheckResult(
            NAME, Status.FAIL, "default_readme", {"generator": generator}, evidence=(readme_ev,)
        )
    prompt = _placeholder(text, keywords.readme_placeholders)
    if prompt is not None:
        line, said = prompt
        note = Evidence(
            f"a template's prompt, not filled in: “{said}”",
            path=readme.path,
            line=line,
            kind="template_prompt",
            params={"text": said},
        )
        return CheckResult(
            NAME, Status.FAIL, "unfilled_template", {"example": said}, evidence=(readme_ev, note)
        )
    words = max(_explaining_words(ctx, text), *(_words_of(ctx, r.path) for r in readmes[1:3]), 0)
    if words < rule.min_readme_words and not (
        words >= rule.min_words_beside_commands and _shows_commands(text)
    ):
        reason = "too_short" if words else "empty_readme"
        return CheckResult(NAME, Status.FAIL, reason, {"words": words}, evidence=(readme_ev,))

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


#: A README that still asks its reader to fill it in at this many places is a template.
PLACEHOLDERS_FOR_TEMPLATE = 2


def _placeholder(text: str, phrases: Mapping[str, tuple[str, ...]]) -> tuple[int, str] | None:
    """The first prompt of a template left unfilled ("replace this with a one-liner..."),
    with its line, when the README holds several; None when it holds fewer. A prompt kept in
    an HTML comment is hidden from readers: it is unfilled only while the section it stands
    in has nothing of the team's own outside comments."""
    wanted = [p.lower() for words in phrases.values() for p in words]
    found: list[tuple[int, str]] = []
    seen: set[tuple[str, int]] = set()
    answered = _answered_comment_lines(text)
    starts = [h.line for h in headings(text)]
    for number, line in enumerate(text.splitlines(), start=1):
        if number in answered:
            continue
        lowered = " ".join(line.lower().split())
        # One prompt counts once in each section: "Lorem ipsum" under every heading of a
        # template is as unfilled as several different prompts.
        section = bisect.bisect_right(starts, number)
        hit = next((p for p in wanted if p in lowered and (p, section) not in seen), None)
        if hit is not None:
            seen.add((hit, section))
            found.append((number, excerpt(clean_inline(line), 80)))
    return found[0] if len(found) >= PLACEHOLDERS_FOR_TEMPLATE else None


#: Words of the team's own, outside comments, that answer the prompt a section's comment asks.
ANSWER_WORDS = 5


def _answered_comment_lines(text: str) -> set[int]:
    """Lines inside HTML comments whose section has an answer of the team's own beside them
    (<!-- What is this project about --> above a paragraph about the project)."""
    if "<!--" not in text:
        return set()
    lines: set[int] = set()
    for part in sections(text):
        if prose_words(_COMMENT.sub(" ", part.body)) < ANSWER_WORDS:
            continue
        for match in _COMMENT.finditer(part.body):
            first = part.start + part.body.count("\n", 0, match.start())
            last = first + match.group().count("\n")
            lines.update(range(first, last + 1))
    return lines


def _explaining_words(ctx: Context, text: str) -> int:
    """Words of prose that could explain the project: not those of its licence and credits
    sections, which say whose the work is, not what it is."""
    keywords = ctx.rules.keywords
    legal = keywords.all("licence_headings") | keywords.all("credits_headings")
    kept = [
        section.body
        for section in sections(text)
        if section.heading is None
        or not any(f" {h} " in f" {normalise(section.heading.title)} " for h in legal)
    ]
    # Nor a sentence that gives the licence wherever it stands ("All code available under the
    # MIT License"): it says whose the work is and on what terms, not what it is.
    prose = "\n\n".join(kept)
    return prose_words("\n".join(line for line in prose.splitlines() if not _LEGAL.search(line)))


#: A line about licences and rights rather than the project.
_LEGAL = re.compile(r"\blicen[cs](?:e|ed|es|ing)\b|\bcopyright\b|©|all rights reserved", re.I)


def _shows_commands(text: str) -> bool:
    """Whether a README shows something to run ("npm install"), in a fenced code block or
    as a command line of its own."""
    inside = False
    for line in text.splitlines():
        if _FENCE.match(line):
            inside = not inside
        elif (inside and line.strip()) or is_command_line(line):
            return True
    return False


def _words_of(ctx: Context, path: str) -> int:
    """The words of another README (``README.adoc`` beside ``README.md``): none when it is a
    generator's default, which says nothing of the team's project either."""
    text = ctx.snapshot.read_text(path)
    if not text:
        return 0
    text = as_markdown(path.rsplit("/", 1)[-1], text)
    return 0 if _generated_by(ctx, text) else prose_words(text)


def default_readme(ctx: Context) -> str | None:
    """The generator or starter whose default README the repository's README still is, or
    None: what such a README says (its licence line, say) is the starter's, not the team's."""
    readmes = ctx.files.readmes
    text = ctx.snapshot.read_text(readmes[0].path) if readmes else None
    if not text:
        return None
    text = as_markdown(readmes[0].name, text)
    least = ctx.rules.checks.working_method.min_readme_words
    return _generated_by(ctx, text) or _starter_readme(ctx, text, least)


def _someone_else_s(ctx: Context, text: str) -> bool:
    """Whether a sub-folder's README is a generator's, or a framework's or starter's own
    ("Laravel PHP Framework": its "Contributing" is the framework's)."""
    found = headings(text)
    titled = bool(found) and _STARTER_WORD.search(found[0].title) is not None
    return titled or _opens_as_generated(ctx, text) or _generated_by(ctx, text) is not None


def _opens_as_generated(ctx: Context, text: str) -> bool:
    """Whether a README says in its first lines that a generator wrote it ("This project was
    bootstrapped with Create React App"): the guide below it is the generator's."""
    head = " ".join(text.splitlines()[:5]).lower()
    return any(phrase.lower() in head for phrase in ctx.rules.keywords.readme_generated)


def _generated_by(ctx: Context, text: str) -> str | None:
    """The generator whose default README ``text`` is, by its template's text or by its own
    words ("bootstrapped with X"), or None."""
    keywords = ctx.rules.keywords
    least = ctx.rules.checks.working_method.min_readme_words
    return _generator(text, keywords.readme_boilerplate, least) or _said_generator(
        text, keywords.readme_generated, keywords.readme_boilerplate, least
    )


#: A template's README is looked at closely when it keeps its marker line or this many of
#: its longer phrases (a README cut down below the marker keeps a few).
_PHRASES_SEEN = 2


def _generator(text: str, boilerplates: tuple[Boilerplate, ...], min_words: int) -> str | None:
    """The generator whose default README this is.

    It is one when little prose is left after its phrases, or when most of the README's
    words (``TEMPLATE_SHARE``) stand in lines of the generator's template.
    """
    lowered = text.lower()
    # A template whose marker line is there is looked at first: others share generic
    # phrases with it ("npm run dev").
    for item in sorted(boilerplates, key=lambda b: b.marker.lower() not in lowered):
        phrases = [p.lower() for p in item.phrases] + [item.marker.lower()]
        long_phrases = [p for p in phrases if len(p.split()) >= _LONG_PHRASE]
        if (
            item.marker.lower() not in lowered
            and sum(p in lowered for p in long_phrases) < _PHRASES_SEEN
        ):
            continue
        if _introduced(text, phrases, min_words):
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


def _introduced(text: str, phrases: list[str], min_words: int) -> bool:
    """Whether the team introduces its project under the title in ``min_words`` words of its
    own (outside the template's lines): the template's run instructions kept below do not
    undo that."""
    lines = text.splitlines()
    found = headings(text)
    top = next((number for number, line in enumerate(lines, start=1) if line.strip()), 0)
    if found and found[0].line == top:  # the title, then its introduction
        end = found[1].line - 1 if len(found) > 1 else len(lines)
    else:  # no title: what comes before the first heading
        end = found[0].line - 1 if found else len(lines)
    intro = [line for line in lines[:end] if not any(p in line.lower() for p in phrases)]
    return prose_words("\n".join(intro)) >= min_words


#: What a starter project calls itself ("angular-seed", "foundation-libsass-template",
#: "codeigniter/framework").
_STARTER_WORD = re.compile(
    r"(?<![a-z])(?:seed|starter|template|boilerplate|skeleton|framework|scaffold)(?![a-z])", re.I
)
_CLONE = re.compile(
    r"git\s+clone\s+(?:-\S+(?:[ =]\d+)?\s+)*\S*?[/:][\w.-]+/([\w.-]+?)(?:\.git)?(?=[\s`)]|$)"
)
_STARTER_MANIFESTS = ("package.json", "composer.json", "bower.json")


def _starter_readme(ctx: Context, text: str, min_words: int) -> str | None:
    """The starter project whose own README this still is.

    The project's manifest is still named after a starter (a name the rules list, or one
    that calls itself a seed, template, skeleton...), the README's title names that starter,
    or the README says to clone the starter's repository and the team's own introduction is
    shorter than ``min_words``; and the starter is not this repository.
    """
    patterns = ctx.rules.checks.code_licence.starter_packages
    repo = _flat(re.split(r"/|__", ctx.snapshot.name)[-1])
    found = headings(text)
    parts = sections(text)
    title = _flat(found[0].title) if found else ""
    intro = next((p.body for p in parts if p.heading is not None), "")
    clones = {_flat(m.group(1)) for m in _CLONE.finditer(text)}
    for manifest in _STARTER_MANIFESTS:
        if not ctx.snapshot.exists(manifest):
            continue
        try:
            data = json.loads(ctx.snapshot.read_text(manifest, 65536) or "")
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
            continue
        name = data.get("name") if isinstance(data, dict) else None
        if not isinstance(name, str) or not name.strip():
            continue
        lowered = name.strip().lower()
        listed = any(fnmatch.fnmatchcase(lowered, p.lower()) for p in patterns)
        if not listed and not _STARTER_WORD.search(lowered):
            continue
        # "codeigniter/framework": the vendor names the starter, the package its kind.
        marks = [_flat(part) for part in lowered.split("/")]
        marks = [m for m in marks if len(m) >= 4 and not _STARTER_WORD.fullmatch(m)]
        if not marks or any(m in repo or repo in m for m in marks if repo):
            continue
        titled = any(m in title for m in marks)
        cloned = any(m in clones for m in marks) and prose_words(intro) < min_words
        if titled or cloned:
            return name.strip()
    # A README titled as a starter ("Municipio Boilerplate", "JumpStart Bootstrap Starter
    # Project") that never names this repository is the starter's, whatever the manifest.
    if (
        found
        and _STARTER_TITLE.search(found[0].title)
        and len(repo) >= _NAME_LETTERS
        and repo not in _flat(_FENCED.sub(" ", text))  # not only in commands and their output
    ):
        return found[0].title.strip()
    return None


_FENCED = re.compile(r"^\s*(```|~~~).*?^\s*\1", re.M | re.S)
#: A title by which a README calls itself a starter's.
_STARTER_TITLE = re.compile(
    r"(?<![a-z])(?:starter|boilerplate|skeleton|seed|template)(?![a-z])", re.I
)
#: A repository's name this long, flattened, is distinctive enough to look for in its README.
_NAME_LETTERS = 6


def _flat(words: str) -> str:
    """Letters and digits only, lower case: "Angular Seed" and "angular-seed" alike."""
    return re.sub(r"[\W_]+", "", words.lower())


def _said_generator(
    text: str,
    said: tuple[str, ...],
    boilerplates: tuple[Boilerplate, ...],
    min_words: int,
) -> str | None:
    """The generator a README names itself after ("bootstrapped with X"), when it is X's.

    For generators the rules do not list: the README is the generator's when, without the
    lines that say so and without any known template's lines, little of the team's own is
    left; or when most of its words stand in such lines.
    """
    lowered = text.lower()
    hits = [p.lower() for p in said if p.lower() in lowered]
    if not hits:
        return None
    name = None
    for line in text.splitlines():
        flat = clean_inline(line)
        where = next((flat.lower().find(p) for p in hits if p in flat.lower()), -1)
        if where < 0:
            continue
        phrase = next(p for p in hits if p in flat.lower())
        after = re.split(r"[.,;:!(]", flat[where + len(phrase) :], maxsplit=1)[0].split()
        if 0 < len(after) <= _NAME_WORDS:
            name = " ".join(after)
            break
    if name is None:
        return None
    phrases = hits + [p.lower() for item in boilerplates for p in item.phrases]
    if _introduced(text, phrases, min_words):
        return None
    kept = "\n".join(
        line for line in text.splitlines() if not any(p in line.lower() for p in phrases)
    )
    own = prose_words(kept) + sum(count_words(h.title) for h in headings(kept)[1:])
    if own < min_words * 2 or _template_share(text, phrases) >= TEMPLATE_SHARE:
        return name
    return None


#: A generator's name is a few words ("Create Vite", "the Jekyll theme Minima").
_NAME_WORDS = 5


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
    found = _sections_on_work(ctx, text, readme_path)
    if not found:
        # A sub-project's own README (one per challenge or team, "demo/README.md") may say
        # how its part was done.
        for entry in _sub_readmes(ctx, readme_path):
            sub = ctx.snapshot.read_text(entry.path)
            sub = as_markdown(entry.name, sub) if sub else None
            if sub and not _someone_else_s(ctx, sub):
                found.extend(_sections_on_work(ctx, sub, entry.path))
    wanted = {normalise(n.rstrip("/")): n for n in ctx.rules.keywords.working_method_files}
    candidates: dict[str, list[FileEntry]] = {}
    for entry in ctx.files.kept:
        if entry.path == readme_path or entry.path.count("/") > 2:
            continue
        top = entry.path.split("/", 1)[0]
        if "/" in entry.path and normalise(top) in wanted and wanted[normalise(top)].endswith("/"):
            if entry.suffix in _DOC_SUFFIXES:
                candidates.setdefault(top, []).append(entry)
            continue
        at_top = entry.parent in ("", ".github", "docs")
        if at_top and normalise(entry.name) in wanted and entry.size > 0:
            guide = entry.name.upper().startswith(("CONTRIBUT", "BIDRA"))
            if (guide and _only_terms(ctx, entry.path)) or _generated_log(ctx, entry):
                continue
            note = Evidence("working-method file", path=entry.path, kind="working_method_file")
            found.append((entry.name, note))
    # A docs/ folder that holds code is a site's web root (GitHub Pages, PHP): the PDFs it
    # serves are the site's downloads, not documents about the project; its prose still is.
    served = {e.path.split("/", 1)[0] for e in ctx.files.code if "/" in e.path}
    candidates = {
        top: [e for e in entries if top not in served or e.suffix not in _BINARY_DOCUMENTS]
        for top, entries in candidates.items()
    }
    folders = {top: _written_document(ctx, entries) for top, entries in candidates.items()}
    for top, example in sorted((t, e) for t, e in folders.items() if e is not None):
        note = Evidence(
            f"documentation folder ({example})",
            path=example,
            kind="docs_folder",
            params={"example": example},
        )
        found.append((f"{top}/", note))
    documents = _top_level_documents(ctx, readme_path)
    if documents:
        note = Evidence(
            f"documentation at the top ({', '.join(documents[:3])})",
            path=documents[0],
            kind="top_level_docs",
            params={"count": len(documents), "example": ", ".join(documents[:3])},
        )
        found.append((", ".join(documents[:3]), note))
    tasks = _task_list(text, headings(text), readme_path)
    if tasks is not None:
        found.append(tasks)
    board = _PROJECT_BOARD.search(text)
    if board is not None:
        line = text.count("\n", 0, board.start()) + 1
        note = Evidence("link to a project board", path=readme_path, line=line, kind="board_link")
        found.append(("project board", note))
    match = _own_wiki(text, ctx.snapshot.name, ctx.snapshot.info.url)
    if match is not None:
        line = text.count("\n", 0, match) + 1
        note = Evidence("link to a wiki", path=readme_path, line=line, kind="wiki_link")
        found.append(("wiki", note))
    return found


#: A document shorter than this is a stub, not documentation.
_MIN_DOCUMENT_BYTES = 400
#: A document of a documentation folder says something when it has this many words of prose.
_MIN_DOCUMENT_WORDS = 40
#: How many of a folder's documents are read, the largest first, to find one that does.
_DOCUMENTS_READ = 3
_BINARY_DOCUMENTS = frozenset({"pdf", "docx", "odt"})


def _sections_on_work(ctx: Context, text: str, path: str) -> list[tuple[str, Evidence]]:
    """The sections of a README (at ``path``) that document the working method."""
    keywords = [k for words in ctx.rules.keywords.working_method.values() for k in words]
    found: list[tuple[str, Evidence]] = []
    found_headings = headings(text)
    lines = text.splitlines()
    steps = ctx.rules.keywords.all("contribution_steps")
    of_people = ctx.rules.keywords.all("working_method_of_people")
    people = ctx.rules.keywords.all("people_at_work")
    for position, heading in enumerate(found_headings):
        if position == 0 and heading.level == 1:
            continue  # the README's title: the project's name ("Decisions"), no section
        keyword = matches_keyword(heading.title, keywords)
        body = _body(lines, found_headings, position)
        if keyword is None and names_any(f" {normalise(' '.join(body))} ", people):
            keyword = matches_keyword(heading.title, of_people)
        if keyword is None and _names_steps(_own_text(lines, found_headings, position), steps):
            keyword = heading.title  # a section on how to take part, whatever its heading
        if keyword is not None and _says_something(body):
            found.append(
                (
                    heading.title[:60],
                    Evidence(
                        f"section “{heading.title[:80]}”",
                        path=path,
                        line=heading.line,
                        kind="section",
                        params={"title": heading.title[:80]},
                    ),
                )
            )
    return found


#: How many sub-folder READMEs are read for working-method sections.
_SUB_READMES = 8


def _sub_readmes(ctx: Context, readme_path: str) -> list[FileEntry]:
    """READMEs of the team's own sub-folders, one or two levels down: not of a library or a
    folder with a licence of its own (someone else's work, or published apart)."""
    apart = {entry.parent for entry in ctx.files.licence_files}
    found = [
        entry
        for entry in ctx.files.kept
        if 1 <= entry.path.count("/") <= 2
        and entry.path != readme_path
        and is_readme_name(entry.name)
        and entry.suffix in _DOC_SUFFIXES
        and entry.parent not in apart
        and not ctx.files.in_copied_library(entry.path)
        and third_party_reason(entry.path) is None
        and not entry.path.lower().startswith((".github/", "docs/"))
    ]
    return sorted(found, key=lambda e: (e.path.count("/"), e.path))[:_SUB_READMES]


def _written_document(ctx: Context, entries: list[FileEntry]) -> str | None:
    """A document of a documentation folder that the team wrote, or None: not the stubs a
    generator leaves (Sphinx's "Welcome to X's documentation!", a cookiecutter's "Describe
    how to deploy your project here")."""
    prompts = ctx.rules.keywords.readme_placeholders
    wanted = [p.lower() for words in prompts.values() for p in words]
    sized = sorted(
        (e for e in entries if e.size >= _MIN_DOCUMENT_BYTES), key=lambda e: (-e.size, e.path)
    )
    for entry in sized[:_DOCUMENTS_READ]:
        if entry.suffix in _BINARY_DOCUMENTS:
            return entry.path
        text = ctx.snapshot.read_text(entry.path)
        if not text:
            continue
        prose = as_markdown(entry.name, text)
        lowered = " ".join(prose.lower().split())
        if prose_words(prose) >= _MIN_DOCUMENT_WORDS and not any(p in lowered for p in wanted):
            return entry.path
    return None


def _top_level_documents(ctx: Context, readme_path: str) -> list[str]:
    """Documents of prose at the top (a handbook kept beside the README), when there are
    enough of them to be the project's documentation; else none."""
    rule = ctx.rules.checks.working_method
    prose = ctx.rules.files.prose_extensions
    skip = {_spelled(name) for name in rule.not_documentation}
    # Files the check counts on their own (CONTRIBUTING.md) are not counted twice.
    named = {name.lower() for name in ctx.rules.keywords.working_method_files}
    found = [
        entry
        for entry in ctx.files.kept
        if entry.parent == ""
        and entry.path != readme_path
        and entry.suffix in prose
        and entry.size >= _MIN_DOCUMENT_BYTES
        and _spelled(_document_name(entry.name)) not in skip
        and entry.name.lower() not in named
    ]
    if len(found) < rule.min_top_level_docs:
        return []
    # A static site's pages (front matter with a layout or a permalink) are its content.
    documents = sorted(e.path for e in found if not _site_page(ctx, e))
    return documents if len(documents) >= rule.min_top_level_docs else []


def _spelled(name: str) -> str:
    """A name compared as a reader would: code-of-conduct and code_of_conduct alike."""
    return name.lower().replace("-", "_").replace(" ", "_")


_FRONT_MATTER_PAGE = re.compile(r"\A---\s*\n(?:.*\n)*?\s*(?:layout|permalink)\s*:", re.M)


def _site_page(ctx: Context, entry: FileEntry) -> bool:
    """Whether a document is a page of a Jekyll or Hugo site (its front matter names a layout
    or a permalink)."""
    head = ctx.snapshot.read_text(entry.path, 2048) or ""
    return _FRONT_MATTER_PAGE.match(head) is not None


#: A language tag in a file name: README.ja.md, README.zh-TW.md, README.pt_BR.md.
_LANGUAGE_PART = re.compile(r"[a-z]{2}(?:[-_][a-z]{2,4})?")


def _document_name(name: str) -> str:
    """What a document is named, any case, without its extension, and without its language
    when it is a translation (README.ja.md is a README; README.docker.md is a document)."""
    parts = name.lower().split(".")
    if len(parts) >= 3 and _LANGUAGE_PART.fullmatch(parts[1]):
        return parts[0]
    return name.lower().rsplit(".", 1)[0]


#: A line of a release log that a tool wrote from the commits: it ends with the commit's link.
_COMMIT_LINK = re.compile(r"\(\[?[0-9a-f]{7,40}\]?\(?[^)\s]*\)?\)\s*$|/commit/[0-9a-f]{7,40}")
_BULLET = re.compile(r"^\s*[-*+]\s+\S")


def _generated_log(ctx: Context, entry: FileEntry) -> bool:
    """A CHANGELOG written by a release tool from the commits (semantic-release,
    standard-version): each entry a commit's subject and link, nothing on how the team worked.
    One kept by people counts as the project's history."""
    if "changelog" not in entry.name.lower():
        return False
    text = ctx.snapshot.read_text(entry.path, 16 * 1024) or ""
    if _SAYS_GENERATED.search(text[:2000]):
        return True  # "Generated by auto-changelog", "automatically generated by git-cliff"
    if prose_words(text) < _LOG_WORDS:
        return True  # "View the changelog on the OctoberCMS website": a pointer, no history
    bullets = [line for line in text.splitlines() if _BULLET.match(line)]
    linked = sum(1 for line in bullets if _COMMIT_LINK.search(line))
    if bullets and linked * 10 >= len(bullets) * 6:
        return True
    # A starter's own release notes, kept from the project it was made from: their links
    # name that project's repository ("laravel/laravel/pull/6727"), not this one.
    named = [m.group("repo").lower() for m in _LOG_LINK.finditer(text)]
    if len(named) < 3:
        return False
    repo, count = Counter(named).most_common(1)[0]
    return count * 10 >= len(named) * 8 and not _is_this(
        repo, ctx.snapshot.name, ctx.snapshot.info.url
    )


#: A change log with fewer words than this says nothing of the project's history.
_LOG_WORDS = 15
#: A log that says a tool wrote it.
_SAYS_GENERATED = re.compile(
    r"\b(?:auto(?:matically)?[- ]generated|generated (?:by|with|using)|auto-changelog)\b", re.I
)
#: A link to a repository's pull request, issue, commit or comparison.
_LOG_LINK = re.compile(
    r"github\.com/(?P<repo>[\w.-]+/[\w.-]+)/(?:pull|issues|commit|compare)/", re.IGNORECASE
)


def _is_this(repo: str, name: str, url: str | None) -> bool:
    """Whether ``owner/name`` (lower case) is the repository checked, named ``name`` at
    ``url``: by its address, else by its ``owner/name``, else (a folder without a remote) by
    the folder's name, which a clone keeps from its repository."""
    own = _repo_of(url) or (name.lower() if name.count("/") == 1 else None)
    if own is not None:
        return own == repo
    return _names_folder(repo.rsplit("/", 1)[-1], name.rsplit("/", 1)[-1].lower())


def _body(lines: list[str], found: list[Heading], position: int) -> list[str]:
    """The lines under heading ``position``, its subsections included."""
    heading = found[position]
    end = len(lines)
    for later in found[position + 1 :]:
        if later.level <= heading.level:
            end = later.line - 1
            break
    return lines[heading.line : end]


def _own_text(lines: list[str], found: list[Heading], position: int) -> list[str]:
    """The lines under heading ``position`` up to the next heading, whatever its level."""
    end = found[position + 1].line - 1 if position + 1 < len(found) else len(lines)
    return lines[found[position].line : end]


#: A section names how others take part when it names this many of its steps.
_STEPS_NAMED = 2


def _names_steps(body: list[str], steps: frozenset[str]) -> bool:
    """Whether a section's words name the steps by which others take part (fork, branch,
    pull request...), at least two of them."""
    text = f" {normalise(' '.join(body))} "
    return sum(1 for step in steps if f" {normalise(step)} " in text) >= _STEPS_NAMED


def _says_something(body: list[str]) -> bool:
    """False for an empty section and for one that is only a list of links to read."""
    said = False
    in_fence = False
    for line in body:
        if _FENCE.match(line):
            in_fence = not in_fence
            said = True  # commands the team runs are content of their own
            continue
        if in_fence or not line.strip() or line.lstrip().startswith("#"):
            continue
        if _RST_OR_SETEXT.match(line):
            continue
        rest = _LINK_LINE.sub(" ", _LIST_MARK.sub("", line))
        if _LINK_LINE.search(line) and count_words(clean_inline(rest)) <= _LINK_LINE_WORDS:
            continue
        said = True
    return said


#: Words beside a link that still make a line an entry of a reading list ("- [X](...) by Y").
_LINK_LINE_WORDS = 4
_RST_OR_SETEXT = re.compile(r"^\s*([=\-~^*+#])\1{2,}\s*$")


def _only_terms(ctx: Context, path: str) -> bool:
    """True when a contributing file holds only legal terms or a code of conduct.

    Paragraphs that speak of licences, agreements or conduct are set aside; the file
    documents how to take part when what is left names a step of the work (an issue, a
    pull request, a branch, a meeting...), in any language of the rules.
    """
    keywords = ctx.rules.keywords
    if not keywords.contribution_process:
        return False
    text = ctx.snapshot.read_text(path)
    if text is None:
        return False
    terms = [k for words in keywords.contribution_terms.values() for k in words]
    process = [k for words in keywords.contribution_process.values() for k in words]
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.split())
        if any(_contains(flat, word) for word in terms):
            continue
        if any(_contains(flat, word) for word in process):
            return False
    return True


def _contains(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE) is not None


#: A link to the board where the team plans its work: a GitHub project (of a user, an
#: organisation or the repository), a Trello or Taiga board.
_PROJECT_BOARD = re.compile(
    r"https?://(?:www\.)?(?:github\.com/(?:(?:orgs|users)/[\w.-]+|[\w.-]+/[\w.-]+)/projects/\d+"
    r"|trello\.com/b/\w+|tree\.taiga\.io/project/[\w-]+)",
    re.IGNORECASE,
)
#: A task list's item (GitHub's "- [ ] to do", "- [x] done").
_TASK = re.compile(r"^\s*[-*+]\s+\[([ xX])\]\s+\S")
#: A README's task list is a plan of the work when it has this many items, some still open.
_TASKS = 3


def _task_list(text: str, found: list[Heading], path: str) -> tuple[str, Evidence] | None:
    """A README's list of tasks done and still to do ("- [x] stations", "- [ ] lifts"): the
    team's plan of the work, under whatever heading it stands."""
    lines = enumerate(text.splitlines(), start=1)
    items = [(n, m.group(1)) for n, line in lines if (m := _TASK.match(line))]
    open_items = [n for n, mark in items if mark == " "]
    if len(items) < _TASKS or not open_items:
        return None
    first = open_items[0]
    above = [h for h in found if h.line < first]
    label = above[-1].title[:60] if above else "- [ ]"
    note = Evidence(
        f"a task list ({len(open_items)} of {len(items)} still to do)",
        path=path,
        line=first,
        kind="task_list",
        params={"open": len(open_items), "count": len(items)},
    )
    return label, note


def _own_wiki(text: str, name: str, url: str | None) -> int | None:
    """Where the README links to the repository's own wiki, or None.

    A relative ``wiki`` link is the repository's own. A code host's wiki counts when it
    belongs to this repository; when the repository's address is not known (a folder
    without a remote), when it has the folder's name (a clone keeps its repository's name).
    Encyclopedias and other projects' ``/wiki/`` pages are not the team's notes.
    """
    relative = _RELATIVE_WIKI.search(text)
    if relative is not None:
        return relative.start()
    for match in _HOSTED_WIKI.finditer(text):
        if _is_this(match.group("repo").lower().removesuffix(".git"), name, url):
            return match.start()
    return None


def _names_folder(repo_name: str, folder: str) -> bool:
    """Whether a folder is a clone of a repository named so ("writeforall", or a folder
    that ends in it after a separator: "hackforla-writeforall")."""
    if folder == repo_name:
        return True
    return folder.endswith(repo_name) and not folder[-len(repo_name) - 1].isalnum()


def _repo_of(url: str | None) -> str | None:
    """``owner/name`` of a code host URL (lower case), or None."""
    if not url:
        return None
    match = _REPO_URL.search(url.strip())
    return match.group("repo").lower() if match else None
