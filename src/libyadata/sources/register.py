"""Registering a new seed text: the work behind ``libyadata seed add``.

The text is copied byte for byte into ``seeds/`` as ``NNN_<first 16 hex digits of its
sha256>.txt``, where ``NNN`` is the next seed number (``SEED-NNN`` is its id; a number once
used, even by a retracted seed, is never given again). Its entry is appended to
``seeds/sources.yaml``, every other byte of which stays as it was, and says how each value is
known: ``stated`` when the text itself gives it, ``external`` when only the curator's options
give it (with ``--source`` as the citation), ``unknown`` when nothing does.

A text is refused, with nothing written, when it is already registered (same sha256), empty,
binary, not UTF-8, starts with a byte-order mark, or is larger than ``MAX_SEED_BYTES``; or when
the publication date does not parse. The new entry is checked against the ``Seed`` model and
the edited metadata file is read back before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..core import atomic
from ..core.catalogue.parse_problems import (
    FILE_UNREADABLE,
    SEED_BINARY,
    SEED_BOM,
    SEED_EMPTY,
    SEED_TOO_LARGE,
)
from ..core.catalogue.provenance_problems import (
    SEED_DATE,
    SEED_ENCODING,
    SEED_METADATA,
    SEED_METADATA_ROUND_TRIP,
    SEED_REGISTERED,
)
from ..core.catalogue.record_problems import OUTPUT_UNWRITABLE, PROJECT_BUSY
from ..core.files import NotRegularError, TooLargeError, read_regular
from ..core.hashing import sha256
from ..core.lock import ProjectBusyError, project_lock
from ..core.problems import Problem, from_validation_error
from ..models import Seed
from ..models.tables import TABLES
from .curated import load_table
from .project import Project
from .yamlio import read_records
from .yamlwrite import append_records, parse, render_record

#: The largest seed text accepted, in bytes. The seeds are articles of a few kilobytes; a
#: file far larger is a whole site dump or the wrong file, and would flood the extractor.
MAX_SEED_BYTES = 1024 * 1024

#: Rights statement of a seed whose publisher states no licence (the project's usual wording).
DEFAULT_RIGHTS = (
    "Copyright of the original publisher. No licence is stated. Included here only as evidence "
    "for the dataset's records; the text remains its publisher's."
)

_NOT_A_FILE = "give the path of the text file itself (not a link, a folder or a pipe)"
_TO_UTF8 = "convert it to UTF-8 first (iconv -f <its encoding> -t UTF-8)"
_WRITABLE = "make seeds/ writable; nothing was registered"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)


class RegistrationError(ValueError):
    """A seed cannot be registered; ``problem`` says why and ``usage`` marks a misuse (exit 2)."""

    def __init__(self, problem: Problem, *, usage: bool = False) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.usage = usage


@dataclass(frozen=True)
class SeedOptions:
    """What the curator says about a new seed (``libyadata seed add`` options)."""

    published: str
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    publisher: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    languages: Sequence[str] = ("en",)
    source_type: str = "news_report"
    rights: str = DEFAULT_RIGHTS
    source: str | None = None
    """Where the values that the text does not state come from (a citation)."""
    notes: str | None = None


@dataclass(frozen=True)
class Registered:
    """A seed registered: its entry and the paths written."""

    seed: Seed
    text_path: Path
    metadata_path: Path
    bases: dict[str, str] = field(default_factory=dict)
    """The basis given to each bibliographic value, by field name."""


def parse_published(value: str) -> tuple[str, str]:
    """Return ``(precision, value)`` of a publication date given as a day, month or year.

    Raises ``ValueError`` naming the accepted forms when ``value`` is none of them or is not a
    calendar date.
    """
    match = _DATE.match(value.strip())
    if match is None:
        raise ValueError(
            f"--published {value!r} is not a date: give YYYY-MM-DD, YYYY-MM or YYYY "
            "(2023-09-27, 2023-09 or 2023)"
        )
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"--published {value!r} is not a calendar date") from None
    precision = "day" if day else "month" if month else "year"
    return precision, match.group()


def register_seed(project: Project, path: Path, options: SeedOptions) -> Registered:
    """Copy the text at ``path`` into the project's seeds and add its metadata entry.

    Raises ``RegistrationError`` (nothing written) when the text or the options are refused.
    """
    shown = str(path)
    try:
        precision, published = parse_published(options.published)
    except ValueError as error:
        raise RegistrationError(
            SEED_DATE(error=error, file=shown, field="published"), usage=True
        ) from None
    raw = _read_text_bytes(path, shown)
    try:
        with project_lock(project.root):
            return _register(project, raw, shown, (precision, published), options)
    except ProjectBusyError as error:
        raise RegistrationError(PROJECT_BUSY(error=error, file=shown)) from None


def _register(
    project: Project, raw: bytes, shown: str, date: tuple[str, str], options: SeedOptions
) -> Registered:
    """Register ``raw`` under the project's lock: number it, check the entry, write both."""
    digest = sha256(raw)
    metadata = project.root / TABLES.sources.source
    existing, numbers = _registered(project, metadata)
    if digest in existing:
        raise RegistrationError(
            SEED_REGISTERED(shown=shown, seed_id=existing[digest], digest=digest[:12], file=shown)
        )
    number = max(numbers, default=-1) + 1
    seed_id = f"SEED-{number:03d}"
    file_name = f"{number:03d}_{digest[:16]}.txt"
    target = project.seeds_dir / file_name
    entry, bases = _entry(seed_id, file_name, raw, date=date, options=options)
    try:
        seed = Seed.model_validate(entry)
    except ValidationError as error:
        problems = from_validation_error(error, file=shown, record_id=seed_id)
        raise RegistrationError(problems[0], usage=True) from None
    old_text = metadata.read_bytes().decode("utf-8")
    new_text = append_records(old_text, [render_record(entry)])
    _check_round_trip(old_text, new_text, entry, metadata, project)
    try:
        atomic.write_all({target: raw, metadata: new_text.encode("utf-8")})
    except OSError as error:
        failed = project.relative(Path(error.filename or target))
        reason = error.strerror or error
        problem = OUTPUT_UNWRITABLE(target=failed, reason=reason, file=failed, hint=_WRITABLE)
        raise RegistrationError(problem) from None
    return Registered(seed, target, metadata, bases)


def _read_text_bytes(path: Path, shown: str) -> bytes:
    """Return the bytes of the text at ``path``; ``RegistrationError`` if it is no seed text."""
    try:
        # Read without following a link: a link to a system file is not an article.
        raw = read_regular(path, MAX_SEED_BYTES, follow=False)
    except FileNotFoundError:
        problem = FILE_UNREADABLE(error=f"{shown} does not exist", file=shown, hint=_NOT_A_FILE)
        raise RegistrationError(problem, usage=True) from None
    except (NotRegularError, IsADirectoryError) as error:
        what = error.strerror if isinstance(error, NotRegularError) else "a folder"
        problem = FILE_UNREADABLE(
            error=f"{shown} is not a file ({what})", file=shown, hint=_NOT_A_FILE
        )
        raise RegistrationError(problem, usage=True) from None
    except TooLargeError:
        size = path.stat().st_size
        raise RegistrationError(
            SEED_TOO_LARGE(shown=shown, size=size, limit=MAX_SEED_BYTES, file=shown)
        ) from None
    except OSError as error:
        problem = FILE_UNREADABLE(error=f"cannot read {shown}: {error.strerror}", file=shown)
        raise RegistrationError(problem, usage=True) from None
    if not raw.strip():
        raise RegistrationError(SEED_EMPTY(shown=shown, file=shown))
    nul = raw.find(b"\0")
    if nul != -1:
        raise RegistrationError(SEED_BINARY(shown=shown, offset=nul, file=shown))
    if raw.startswith(b"\xef\xbb\xbf"):
        raise RegistrationError(SEED_BOM(shown=shown, file=shown))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problem = SEED_ENCODING(
            shown=shown, reason=error.reason, offset=error.start, file=shown, hint=_TO_UTF8
        )
        raise RegistrationError(problem) from None
    return raw


def _registered(project: Project, metadata: Path) -> tuple[dict[str, str], list[int]]:
    """Return the registered sha256 digests (to seed ids) and every seed number ever used."""
    loaded = load_table(project, TABLES.sources)
    if loaded.problems:
        first = loaded.problems[0]
        shown = project.relative(metadata)
        raise RegistrationError(SEED_METADATA(shown=shown, first=first, file=shown))
    digests = {str(item.data.get("sha256")): seed_id for seed_id, item in loaded.seen}
    ids = [seed_id for seed_id, _ in loaded.seen]
    # A retracted seed's number is never given again.
    retractions = project.root / TABLES.retractions.source
    if retractions.is_file():
        items, _ = read_records(retractions)
        ids += [str(item.data.get("id")) for item in items]
    files = [path.name for path in project.seeds_dir.glob("*.txt")]
    numbers = [int(m.group(1)) for i in ids if (m := re.fullmatch(r"SEED-(\d+)", i))]
    numbers += [int(m.group()) for name in files if (m := re.match(r"\d+", name))]
    return digests, numbers


def _entry(
    seed_id: str, file_name: str, raw: bytes, *, date: tuple[str, str], options: SeedOptions
) -> tuple[dict[str, Any], dict[str, str]]:
    """Return the metadata entry of a new seed and the basis of each bibliographic value."""
    precision, published = date
    text = raw.decode("utf-8")
    source = _source(options)
    bases: dict[str, str] = {}
    entry: dict[str, Any] = {
        "id": seed_id,
        "file": file_name,
        "sha256": sha256(raw),
        "byte_length": len(raw),
        "code_points": len(text),
    }
    for name in ("title", "publisher", "author", "url"):
        entry[name] = _attribution(getattr(options, name), text, source)
        bases[name] = entry[name]["basis"]
    when: dict[str, Any] = {"precision": precision, "value": published}
    written = _date_in_text(precision, published, text)
    if written:
        when |= {"basis": "stated", "note": f"The text gives the date: {written!r}."}
    else:
        when |= {"basis": "external", "source": source}
    entry["published"] = when
    bases["published"] = when["basis"]
    entry |= {
        "languages": list(options.languages),
        "source_type": options.source_type,
        "rights": options.rights,
        "notes": options.notes,
    }
    return entry, bases


def _source(options: SeedOptions) -> dict[str, Any]:
    citation = options.source or (
        "Given by the curator who registered the seed (libyadata seed add)"
        + (", from the page at the URL" if options.url else "")
    )
    return {"citation": citation, "url": options.url}


def _attribution(value: str | None, text: str, source: dict[str, Any]) -> dict[str, Any]:
    if value is None:
        return {"basis": "unknown", "note": "Not given when the seed was registered."}
    if value in text:
        return {"value": value, "basis": "stated"}
    return {"value": value, "basis": "external", "source": source}


def _date_in_text(precision: str, published: str, text: str) -> str | None:
    """Return the publication date as the text writes it, if it writes it in a common form."""
    parts = [int(part) for part in published.split("-")]
    year = str(parts[0])
    forms = [published]
    if precision != "year":
        month = _MONTHS[parts[1] - 1]
        if precision == "day":
            day = parts[2]
            forms += [f"{day} {month} {year}", f"{month} {day}, {year}", f"{month} {day} {year}"]
        else:
            forms += [f"{month} {year}"]
    return next((form for form in forms if form in text), None)


def _check_round_trip(
    old_text: str, new_text: str, entry: dict[str, Any], metadata: Path, project: Project
) -> None:
    """Refuse to write a metadata file that would not read back as the old entries plus this."""
    old = parse(old_text) or []
    try:
        new = parse(new_text)
    except Exception:
        new = None
    wanted = [*old, {key: value for key, value in entry.items() if value is not None}]
    if not isinstance(new, list) or repr(_plain(new)) != repr(_plain(wanted)):
        shown = project.relative(metadata)
        raise RegistrationError(SEED_METADATA_ROUND_TRIP(shown=shown, file=shown))


def _plain(value: Any) -> Any:
    """Normalise parsed YAML for comparison: mappings without null values, tuples as lists."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
