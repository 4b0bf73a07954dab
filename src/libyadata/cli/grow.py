"""Commands that grow the dataset: ``seed add`` and ``extract`` (``review`` is in ``review``).

A new article is registered as a seed, and the extractor proposes candidate records from it in
a review file, which ``libyadata review`` then moves into the curated files. ``libyadata.cli``
registers them on the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from . import Command, Format, Root, _fail, _open, _report

if TYPE_CHECKING:
    from ..sources.project import Project
    from ..sources.seeds import SeedLibrary

seed_app: typer.Typer = typer.Typer(help="Register seed texts.", no_args_is_help=True)

_EXTRA = 'the extractor needs its extra: pip install "libyadata[extract]"'


@seed_app.command("add", cls=Command)
def seed_add(  # noqa: PLR0917 - typer passes options by keyword, and they are many
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="The text file to register (UTF-8).")
    ],
    published: Annotated[
        str,
        typer.Option(
            "--published",
            metavar="DATE",
            help="Publication date: a day, a month or a year (2023-09-27, 2023-09, 2023).",
        ),
    ],
    publisher: Annotated[str | None, typer.Option(metavar="NAME", help="Who published it.")] = None,
    title: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Its title or headline.")
    ] = None,
    author: Annotated[str | None, typer.Option(metavar="NAME", help="Who wrote it.")] = None,
    url: Annotated[
        str | None, typer.Option(metavar="URL", help="Where it was published online.")
    ] = None,
    language: Annotated[
        list[str] | None,
        typer.Option(
            metavar="LANG",
            help="Language of the text (BCP 47), main one first. Repeatable.",
            show_default="en",
        ),
    ] = None,
    source_type: Annotated[
        str,
        typer.Option(
            metavar="TYPE", help="news_report, opinion, think_tank_analysis or government_brief."
        ),
    ] = "news_report",
    rights: Annotated[
        str | None,
        typer.Option(metavar="TEXT", help="Who holds the rights, if not the publisher by default."),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            metavar="CITATION",
            help="Where the values the text does not state come from: a citation "
            "('the publisher's page, accessed 2024-05-20').",
        ),
    ] = None,
    root: Root = Path(),
) -> None:
    """Copy a text into seeds/ byte for byte and add its entry to seeds/sources.yaml.

    The entry says how each value is known: stated (the text gives it), external (only these
    options give it, cited with --source) or unknown. Refused, with nothing written: a text
    already registered, an empty, binary, non-UTF-8 or over-1-MiB file, a date that does not
    parse. Exits 0 when registered, 1 when the text is refused, 2 on a usage error.
    """
    from ..sources.register import DEFAULT_RIGHTS, RegistrationError, SeedOptions, register_seed

    project = _open(root)
    options = SeedOptions(
        published=published,
        publisher=publisher,
        title=title,
        author=author,
        url=url,
        languages=tuple(language or ("en",)),
        source_type=source_type,
        rights=rights or DEFAULT_RIGHTS,
        source=source,
    )
    try:
        registered = register_seed(project, path, options)
    except RegistrationError as error:
        _fail(error.problem, 2 if error.usage else 1)
    seed = registered.seed
    bases = ", ".join(f"{name} {basis}" for name, basis in registered.bases.items())
    size = f"{seed.byte_length} bytes, {seed.code_points} code points"
    _report(
        [
            f"registered {seed.id}: {project.relative(registered.text_path)} "
            f"({size}, sha256 {seed.sha256[:12]}…)",
            f"entry added to {project.relative(registered.metadata_path)} ({bases})",
            f"next: libyadata extract {seed.id}",
        ],
        True,
    )


def _need_extra() -> None:
    from ..extract import EXTRA, missing_modules

    missing = missing_modules()
    if missing:
        _fail(f"{', '.join(missing)} not installed; the extractor needs its extra: {EXTRA}", 2)
    from ..extract.pipeline import ModelError, check_model

    try:
        check_model()
    except ModelError as error:
        _fail(str(error), 2)


def extract_command(  # noqa: PLR0917 - typer passes options by keyword, and they are many
    seed: Annotated[
        str | None,
        typer.Argument(
            metavar="SEED", help="A seed id (SEED-005) or the path of a text `seed add` registered."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", metavar="FILE", help="The review file (default: SEED-NNN.review.yaml)."
        ),
    ] = None,
    evaluate: Annotated[
        bool,
        typer.Option(
            "--evaluate",
            help="Score on the held-out set (evaluation/heldout), with the self-score on the "
            "seeds beside it.",
        ),
    ] = False,
    evaluate_dir: Annotated[
        Path | None,
        typer.Option(
            "--evaluate-dir",
            metavar="FOLDER",
            help="Score on a folder in the held-out format (texts/, expected.yaml, SHA256SUMS).",
        ),
    ] = None,
    fmt: Annotated[
        Format, typer.Option("--format", metavar="text|json", help="Report format.")
    ] = Format.TEXT,
    root: Root = Path(),
) -> None:
    """Propose candidate records from a seed, in a review file; or score the extractor.

    Each candidate is a visit, deployment, base, agreement or migration figure in the curated
    format, with method 'extracted', a confidence, the signals that produced it and its
    evidence located in the seed. --evaluate scores the extractor on the held-out texts the
    rules were not written on, and prints beside it the self-score on the seeds the rules were
    written on; --evaluate-dir scores any folder in the held-out format. Exits 0 when done, 1 for
    a held-out set that drifted from its SHA256SUMS, 2 on a usage error (an unknown seed or
    folder, the extra not installed).
    """
    if evaluate and evaluate_dir is not None:
        _fail("give --evaluate (the project's held-out set) or --evaluate-dir FOLDER, not both", 2)
    if (evaluate or evaluate_dir is not None) and (seed is not None or output is not None):
        _fail("a seed (and --output) extracts; --evaluate scores: give one or the other", 2)
    _need_extra()
    project = _open(root)
    if evaluate or evaluate_dir is not None:
        _evaluate(project, evaluate_dir, fmt)
    if seed is None:
        _fail("give a seed id or path, --evaluate or --evaluate-dir FOLDER", 2)
    from ..core import atomic
    from ..extract.reviewfiles import dump, number_references
    from ..extract.run import Extractor

    extractor = Extractor(project)
    seed_id = _seed_id(extractor.library, seed)
    if seed_id not in extractor.library.texts:
        _fail(f"{seed_id} fails verification: run `libyadata validate` to see why", 1)
    target = output or Path(f"{seed_id}.review.yaml")
    _check_target(target)
    extraction = extractor.extract(seed_id)
    document = {
        "seed_id": seed_id,
        "seed_sha256": extraction.seed.sha256,
        "candidates": extraction.candidates,
        "reference_candidates": [
            {
                "name": u.text,
                "looks_like": u.guess,
                "kind": u.guess,
                "line": u.line,
                "start": u.start,
                "end": u.end,
                "why": u.signal,
            }
            for u in extraction.unknown
        ],
        "not_proposed_again": extraction.skipped,
    }
    try:
        atomic.write_bytes(target, dump(number_references(document)).encode("utf-8"))
    except OSError as error:
        from ..core.catalogue.record_problems import OUTPUT_UNWRITABLE

        reason = error.strerror or error
        hint = f"make {target.parent} writable, or give another --output"
        _fail(OUTPUT_UNWRITABLE(target=target, reason=reason, file=str(target), hint=hint), 1)
    counts: dict[str, int] = {}
    for candidate in extraction.candidates:
        counts[candidate["table"]] = counts.get(candidate["table"], 0) + 1
    summary = ", ".join(f"{n} {t}" for t, n in counts.items()) or "none"
    _report(
        [
            f"wrote {target}: {len(extraction.candidates)} candidate(s) ({summary}), "
            f"{len(extraction.unknown)} name(s) not in the reference tables",
            f"next: libyadata review {target} --accept C001 …",
        ],
        True,
    )


def _evaluate(project: Project, folder: Path | None, fmt: Format) -> NoReturn:
    """Score the held-out set (or ``folder``) and, for the project's own set, the self-score."""
    import json

    from ..extract.heldout import HeldoutError, heldout_folder
    from ..extract.heldscore import evaluate_folder

    own = folder is None
    target = heldout_folder(project) if folder is None else folder
    if not target.is_dir():
        _fail(f"{target}: no held-out set there; give --evaluate-dir FOLDER", 2)
    try:
        result = evaluate_folder(project, target)
    except HeldoutError as error:
        _fail(error, 1)
    title = f"Held-out texts the rules were not written on ({target})"
    data: dict[str, Any] = {"heldout": {"folder": str(target), **result.to_data()}}
    lines = result.to_lines(title)
    if own:
        from ..extract.evaluate import evaluate as self_score

        seeds = self_score(project)
        data[SELF_SCORE_KEY] = json.loads(seeds.to_json())
        lines += ["", f"## {SELF_SCORE_TITLE}", "", *seeds.to_text()]
    _report([json.dumps(data, ensure_ascii=False, indent=2)] if fmt == Format.JSON else lines, True)


#: How the seeds' self-score is labelled: it scores the rules on the texts they were written on.
SELF_SCORE_TITLE = "Self-score on the seeds the rules were written on (not a measure on new text)"
SELF_SCORE_KEY = "self_score_on_seeds_the_rules_were_written_on"


def _seed_id(library: SeedLibrary, seed: str) -> str:
    """Return the id of the seed given by id or by the path of its text (matched by sha256)."""
    from ..core.hashing import file_sha256

    if seed in library.seeds:
        return seed
    path = Path(seed)
    if not path.is_file():
        known = ", ".join(library.seeds) or "none"
        _fail(f"{seed} is neither a seed id nor a file; the seeds are: {known}", 2)
    try:
        digest = file_sha256(path)
    except OSError as error:
        _fail(f"cannot read {seed}: {error.strerror or error}", 2)
    found = [s.id for s in library.seeds.values() if s.sha256 == digest]
    if not found:
        _fail(f"{seed} is not registered: run `libyadata seed add {seed} --published DATE`", 2)
    return found[0]


def _check_target(target: Path) -> None:
    """Refuse to overwrite anything but a review file with no decision in it."""
    from ..extract.reviewfiles import ReviewError, load

    if not target.exists() and not target.is_symlink():
        return
    hint = "give another --output (or remove the file)"
    try:
        document = load(target)
    except ReviewError:
        _fail(f"{target} exists and is not a review file: {hint}", 2)
    if any(c.get("decision") for c in document["candidates"]):
        _fail(f"{target} holds review decisions: {hint}", 2)
