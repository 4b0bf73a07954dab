"""``libyadata review``: accept or reject what the extractor proposed, by option or by asking.

With ``--accept`` and ``--reject`` the decisions are given on the command line; without them,
on a terminal (or with ``--interactive``), each undecided candidate is shown with its quote,
fields and signals, and the reviewer answers accept, reject (with a reason), skip or quit.
Either way the decisions are applied together at the end, all or nothing. ``libyadata.cli``
registers it on the app.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import Root, _fail, _open, _report

if TYPE_CHECKING:
    from ..sources.project import Project

_ANSWERS = {"a": "accept", "r": "reject", "s": "skip", "q": "quit"}
_HIDDEN = {"evidence", "method"}


def review_command(  # noqa: PLR0917 - typer passes options by keyword
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The review file `libyadata extract` wrote.")
    ],
    accept: Annotated[
        list[str] | None,
        typer.Option("--accept", metavar="ID", help="A candidate to accept (repeatable)."),
    ] = None,
    reject: Annotated[
        list[str] | None,
        typer.Option(
            "--reject",
            metavar="ID",
            help="A candidate (C…) or a name (R…) to reject, with --reason (repeatable).",
        ),
    ] = None,
    reason: Annotated[
        str | None, typer.Option("--reason", metavar="TEXT", help="Why they are rejected.")
    ] = None,
    reviewer: Annotated[
        str | None,
        typer.Option("--reviewer", metavar="NAME", help="Who reviews (default: git user.name)."),
    ] = None,
    interactive: Annotated[
        bool, typer.Option("--interactive", help="Ask for each candidate, even off a terminal.")
    ] = False,
    attach: Annotated[
        list[str] | None,
        typer.Option(
            "--attach",
            metavar="CANDIDATE=ID",
            help="Add a candidate's evidence to an existing record (C004=VIS-0003), or a "
            "reference candidate's spelling to an existing actor or place (R002=PLC-tobruk).",
        ),
    ] = None,
    close: Annotated[
        list[str] | None,
        typer.Option(
            "--close", metavar="S…", help="Close an uncited sentence (see --sentences) --reason."
        ),
    ] = None,
    close_rest: Annotated[
        bool,
        typer.Option("--close-rest", help="Close every sentence still uncited, with --reason."),
    ] = False,
    missed: Annotated[
        bool,
        typer.Option(
            "--accept-missed", help="Accept the records written under `missed` in the file."
        ),
    ] = False,
    sentences: Annotated[
        bool,
        typer.Option("--sentences", help="List the seed's uncited sentences and write nothing."),
    ] = False,
    root: Root = Path(),
) -> None:
    """Accept candidates into the curated files (with fresh ids) or reject them with a reason.

    An accepted record keeps method 'extracted' and gets reviewed_by and reviewed_on; it is
    refused, with its problems and nothing written, if it would not pass `libyadata validate`.
    --accept R001 makes a reference candidate an actor or place; --attach adds evidence or a
    spelling to an existing row; --close and --close-rest explain uncited sentences;
    --accept-missed writes the records of the file's `missed` list (method 'curated'). No
    candidate becomes a record twice. Without a decision on a terminal, asks for each
    candidate. Exits 0 when done, 1 when refused (nothing is written), 2 on a usage error.
    """
    import datetime as dt
    import sys

    from ..extract.reviewfiles import Request, ReviewError, decide, load

    project = _open(root)
    if sentences:
        _list_sentences(project, file)
    who = reviewer or _git_user(project.root)
    if not who:
        _fail("say who reviews: --reviewer NAME (no git user.name is set)", 2)
    accepted = list(accept or ())
    rejected = dict.fromkeys(reject or (), reason or "")
    request = Request(
        attach=_pairs(attach or ()),
        close=list(close or ()),
        close_rest=close_rest,
        reason=reason or "",
        missed=missed,
    )
    others = request.attach or request.close or request.close_rest or request.missed
    try:
        if not accepted and not rejected and not others:
            if not (interactive or sys.stdin.isatty()):
                _fail("give --accept ID or --reject ID --reason TEXT (or run on a terminal)", 2)
            accepted, rejected = ask(load(file, project)["candidates"], reason)
            if not accepted and not rejected:
                _report(["nothing decided; nothing written"], True)
        request.accept, request.reject = accepted, rejected
        outcome = decide(
            project, file, reviewer=who, day=dt.date.today().isoformat(), request=request
        )
    except ReviewError as error:
        _fail("\n".join(map(str, error.problems)), 2 if error.usage else 1)
    except typer.Abort:  # an end of input or Ctrl-C at a prompt
        _fail("review interrupted: nothing was written", 1)
    lines = [f"accepted {n} as {i}" for n, i in outcome.accepted.items()]
    lines += [f"attached {n} to {i}" for n, i in outcome.attached.items()]
    lines += [f"rejected {n}" for n in outcome.rejected]
    lines += [f"closed {s}" for s in outcome.closed]
    lines.append("next: libyadata build, then libyadata validate")
    _report(lines, True)


def _pairs(given: Iterable[str]) -> dict[str, str]:
    """Read ``CANDIDATE=ID`` pairs; exit 2 on one that is not."""
    pairs: dict[str, str] = {}
    for pair in given:
        number, sep, target = pair.partition("=")
        if not sep or not number.strip() or not target.strip():
            _fail(f"--attach {pair!r}: write CANDIDATE=ID (C004=VIS-0003)", 2)
        pairs[number.strip()] = target.strip()
    return pairs


def _list_sentences(project: Project, file: Path) -> NoReturn:
    """Print the seed's uncited sentences, numbered for --close, and exit 0."""
    from ..extract.closing import open_sentences
    from ..extract.reviewfiles import ReviewError, load

    try:
        seed_id = str(load(file, project)["seed_id"])
    except ReviewError as error:
        _fail("\n".join(map(str, error.problems)), 2 if error.usage else 1)
    found = open_sentences(project, seed_id)
    lines = [f"{s.number} (line {s.line}): {s.text}" for s in found]
    lines.append(
        f"{seed_id}: {len(found)} sentence(s) uncited; close them with --close S… --reason"
    )
    _report(lines, True)


def _git_user(root: Path) -> str:
    """Return git's user.name for the project, or "" when git or the setting is missing."""
    import subprocess

    try:
        found = subprocess.run(
            ["git", "config", "user.name"],  # noqa: S607 - git from PATH
            capture_output=True,
            text=True,
            check=False,
            cwd=root,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return found.stdout.strip()


def ask(candidates: list[dict[str, Any]], reason: str | None) -> tuple[list[str], dict[str, str]]:
    """Ask about each undecided candidate; return those accepted and those rejected (reasons).

    Quitting keeps the answers given so far. An end of input or Ctrl-C raises
    ``typer.Abort``, and nothing is decided.
    """
    accepted: list[str] = []
    rejected: dict[str, str] = {}
    undecided = [c for c in candidates if not c.get("decision")]
    for index, candidate in enumerate(undecided, start=1):
        number = candidate["candidate"]
        typer.echo("")
        for line in describe(candidate, f"{index} of {len(undecided)}"):
            typer.echo(line)
        answer = _answer()
        if answer == "accept":
            accepted.append(number)
        elif answer == "reject":
            reason = _reason(reason)
            rejected[number] = reason
        elif answer == "quit":
            break
    return accepted, rejected


def describe(candidate: dict[str, Any], position: str) -> Iterator[str]:
    """Yield the lines that show one candidate to a reviewer."""
    record = candidate["record"]
    yield (
        f"{candidate['candidate']} {candidate['table']} "
        f"(confidence {candidate.get('confidence')}, {position})"
    )
    for span in record.get("evidence") or ():
        yield f"  quote [{span.get('start')}–{span.get('end')}]: {span.get('quote')}"
    for key, value in record.items():
        if key not in _HIDDEN:
            shown = (
                json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value
            )
            yield f"  {key}: {shown}"
    for signal in candidate.get("signals") or ():
        yield f"  signal: {signal}"


def _answer() -> str:
    while True:
        word = str(typer.prompt("[a]ccept, [r]eject, [s]kip, [q]uit", default="s")).strip().lower()
        answer = _ANSWERS.get(word) or (word if word in _ANSWERS.values() else None)
        if answer is not None:
            return answer
        typer.echo("answer a, r, s or q")


def _reason(previous: str | None) -> str:
    while True:
        given = str(typer.prompt("reason", default=previous or "", show_default=bool(previous)))
        if given.strip():
            return given.strip()
        typer.echo("a rejection needs a reason, for the next reviewer")
