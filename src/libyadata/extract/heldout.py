"""A held-out evaluation set: texts the rules were not written on, with their expected records.

A set is a folder (``evaluation/heldout`` in the checkout, or any folder in the same format):
``texts/*.txt`` (UTF-8), ``expected.yaml`` (per text its publication day, the records a coder
would propose, the names the tables lack, the sentences that must give no record) and
``SHA256SUMS`` fixing every other file of the folder. A folder whose files differ from their
sums is refused: the set must not drift toward the rules it measures. The format and the
scoring are described in ``evaluation/heldout/README.md``; the scoring is in ``heldscore``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.files import read_regular
from ..core.hashing import sha256
from ..sources.project import Project
from .lexicon import KINDS

#: Where the checkout keeps its held-out set.
HELDOUT_FOLDER = Path("evaluation") / "heldout"
#: The file of sums and the file of expected answers, inside a set's folder.
SUMS_FILE = "SHA256SUMS"
EXPECTED_FILE = "expected.yaml"
#: The largest file of a set read: its texts are short articles, its answers a page or two.
MAX_SET_FILE_BYTES = 4 * 1024 * 1024
_RECORD_KEYS = frozenset({"kind", "trigger", "also", "existing", "attributed_to"})
#: The format version of an expected answers file this reader knows.
FORMAT_VERSION = 1
#: The precisions an expected date may have.
_PRECISIONS = frozenset({"day", "month", "year", "range"})
#: The roles whose actors are compared, per kind.
ROLES = {
    "visits": ("visitors", "met_with", "declined_by"),
    "deployments": ("deployed_by", "unit", "in_support_of"),
    "bases": ("user",),
    "agreements": ("parties", "brokers"),
    "migration_figures": ("reported_by",),
}
#: The place fields compared, per kind.
PLACES = {
    "visits": ("destination",),
    "deployments": ("location", "origin"),
    "bases": ("place",),
    "agreements": ("place",),
    "migration_figures": ("origin", "destination"),
}
#: The quantity field, per kind that has one.
QUANTITIES = {"deployments": "size", "agreements": "amount", "migration_figures": "quantity"}
#: The type field, per kind that has one.
TYPES = {"deployments": "force_type", "bases": "facility_type", "agreements": "agreement_type"}


def date_field(kind: str) -> str:
    """Return the name of the kind's date field (a migration figure's is its period)."""
    return "period" if kind == "migration_figures" else "date"


class HeldoutError(ValueError):
    """A held-out set that cannot be scored: drifted, missing or malformed (the message says)."""


@dataclass(frozen=True)
class ExpectedRecord:
    """One record a coder expects from a text, or a link to a record already in the dataset."""

    kind: str
    trigger: str
    spans: tuple[tuple[int, int], ...]
    """Code-point offsets of the trigger sentence, then of the ``also`` sentences."""
    fields: Mapping[str, Any] = field(default_factory=dict)
    """The expected fields, named as in the record models (``date``, ``visitors``…)."""
    existing: str | None = None
    """The id of the curated record this sentence is new evidence for, if any."""
    attributed_to: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class HeldText:
    """One text of a set with what a coder expects from it."""

    id: str
    file: str
    text: str
    published: dt.date
    records: tuple[ExpectedRecord, ...]
    names: tuple[tuple[str, str], ...]
    """Names the reference tables lack, each with its kind."""
    no_record: tuple[tuple[int, int], ...]
    """Offsets of the sentences that must give no record."""


@dataclass(frozen=True)
class HeldSet:
    """A verified held-out set."""

    folder: Path
    texts: tuple[HeldText, ...]


@dataclass(frozen=True)
class TextRun:
    """What the extractor proposed for one text, and how long it took."""

    text: HeldText
    candidates: list[dict[str, Any]]
    """As in a review file: ``table``, ``record`` and, for a link, ``evidence_for``."""
    names: list[tuple[str, str]]
    """The names proposed for the reference tables, each with its guessed kind."""
    seconds: float


def heldout_folder(project: Project) -> Path:
    """Return the folder of the project's own held-out set."""
    return project.root / HELDOUT_FOLDER


def load_set(folder: Path) -> HeldSet:
    """Verify ``folder`` against its ``SHA256SUMS``, then read its texts and expected answers.

    Raises ``HeldoutError`` naming the file and the fix for a drifted, missing or malformed set.
    """
    if not folder.is_dir():
        raise HeldoutError(
            f"{folder}: no held-out set there; give a folder with texts/, {EXPECTED_FILE} "
            f"and {SUMS_FILE} (see evaluation/heldout/README.md)"
        )
    listed = _verify(folder)
    from ..sources.yamlio import read_document

    where = folder / EXPECTED_FILE
    if EXPECTED_FILE not in listed:
        raise HeldoutError(f"{where}: not listed in {SUMS_FILE}; list it, as every file is")
    document, problems = read_document(where, f"{where}")
    if problems:
        raise HeldoutError(str(problems[0]))
    version = document.get("version", FORMAT_VERSION) if isinstance(document, dict) else None
    if version != FORMAT_VERSION:
        raise HeldoutError(
            f"{where}: version {version!r} is not one this reader knows; write version: "
            f"{FORMAT_VERSION} (see evaluation/heldout/README.md)"
        )
    entries = _get(document, "texts", list, f"{where}")
    if not entries:
        raise HeldoutError(f"{where}: 'texts' is empty; list the texts of the set")
    texts = tuple(
        _text(folder, listed, entry, f"{where}: texts[{n}]") for n, entry in enumerate(entries)
    )
    ids = [t.id for t in texts]
    if len(set(ids)) != len(ids):
        raise HeldoutError(f"{where}: a text id is listed twice; give each text its own id")
    return HeldSet(folder, texts)


def run_set(project: Project, held: HeldSet) -> tuple[list[TextRun], float]:
    """Run the extractor on every text of ``held``; return the runs and the load time (s).

    Each text is read as a seed published on its day, with no review history (nothing is
    left out as rejected before), so the figures measure the rules alone.
    """
    from ..models import FuzzyDate, Seed
    from ..sources.seeds import SeedLibrary
    from .run import Extractor

    seeds = {}
    for item in held.texts:
        published = FuzzyDate.model_validate(
            {"precision": "day", "value": item.published.isoformat(), "basis": "stated"}
        )
        # Only what the extractor reads of a seed: its id and its publication day.
        known: dict[str, Any] = {"id": item.id, "file": item.file, "published": published}
        seeds[item.id] = Seed.model_construct(**known)
    library = SeedLibrary(project, seeds=seeds, _texts={t.id: t.text for t in held.texts})
    started = time.perf_counter()
    extractor = Extractor(project, library)
    extractor.rejected = {}
    loaded = time.perf_counter() - started
    runs = []
    for item in held.texts:
        started = time.perf_counter()
        extraction = extractor.extract(item.id)
        seconds = time.perf_counter() - started
        names = [(u.text, u.guess) for u in extraction.unknown]
        runs.append(TextRun(item, extraction.candidates, names, seconds))
    return runs, loaded


def _verify(folder: Path) -> frozenset[str]:
    """Check every file of ``folder`` against ``SHA256SUMS``; return the names it lists."""
    sums_path = folder / SUMS_FILE
    restore = (
        "if the set was changed on purpose, a reviewed correction is a commit of its own that "
        f"rewrites {SUMS_FILE} (`sha256sum` in the folder), never one that tunes a rule; "
        "else restore it (the project's sets: git checkout -- the folder)"
    )
    paths = sorted(folder.rglob("*"))  # links are not followed into: each is refused here
    for path in paths:
        if path.is_symlink():
            raise HeldoutError(
                f"{path}: a symbolic link; a set holds its own regular files only (copy the "
                "file into the folder)"
            )
    if not sums_path.exists():
        raise HeldoutError(
            f"{sums_path}: missing; write it in the folder with `sha256sum expected.yaml "
            f"texts/*.txt > {SUMS_FILE}` once the set is final"
        )
    try:
        lines = _read(sums_path).decode("ascii").splitlines()
    except UnicodeDecodeError:
        raise HeldoutError(f"{sums_path}: not ASCII; {restore}") from None
    listed: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name or name.startswith("/") or ".." in name.split("/"):
            raise HeldoutError(
                f"{sums_path}:{number}: expected '<sha256>  <relative path>' (sha256sum's "
                f"format); {restore}"
            )
        listed[name] = digest
    present = {
        p.relative_to(folder).as_posix() for p in paths if p.is_file() and p.name != SUMS_FILE
    }
    for name in sorted(present - set(listed)):
        raise HeldoutError(f"{folder / name}: not in {SUMS_FILE}; {restore}")
    for name, digest in sorted(listed.items()):
        path = folder / name
        if not path.exists():
            raise HeldoutError(f"{path}: listed in {SUMS_FILE} but missing; {restore}")
        actual = sha256(_read(path))
        if actual != digest:
            raise HeldoutError(
                f"{path} differs from {SUMS_FILE} (sha256 {actual[:12]}…, listed "
                f"{digest[:12]}…): the set has drifted and is not scored; {restore}"
            )
    return frozenset(listed)


def _read(path: Path) -> bytes:
    try:
        # not followed: a link swapped in after the check must not lead out of the folder
        return read_regular(path, MAX_SET_FILE_BYTES, follow=False)
    except OSError as error:
        raise HeldoutError(
            f"{path}: cannot be read ({error.strerror or error}); give a set folder whose "
            f"files are regular files of at most {MAX_SET_FILE_BYTES} bytes"
        ) from None


def _get(data: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise HeldoutError(f"{where}: '{key}' is missing; add it (see the set's README.md)")
    value = data[key]
    if not isinstance(value, kind):
        names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise HeldoutError(f"{where}: '{key}' must be a {names}, not {value!r}")
    return value


def _text(folder: Path, listed: frozenset[str], entry: Any, where: str) -> HeldText:
    ident = _get(entry, "id", str, where)
    where = f"{where} ({ident})"
    name = _get(entry, "file", str, where)
    if name not in listed:
        # only a file the sums fix, inside the folder, is ever read
        raise HeldoutError(
            f"{where}: 'file' {name!r} is not a file of the set listed in {SUMS_FILE}; give "
            "its path relative to the folder (texts/…)"
        )
    path = folder / name
    try:
        text = _read(path).decode("utf-8")
    except UnicodeDecodeError as error:
        raise HeldoutError(f"{path}: not UTF-8 at byte {error.start}; save it as UTF-8") from None
    try:
        published = dt.date.fromisoformat(str(_get(entry, "published", str, where)))
    except ValueError:
        raise HeldoutError(f"{where}: 'published' must be a day, YYYY-MM-DD") from None
    records = tuple(
        _record(text, item, f"{where}: records[{n}]")
        for n, item in enumerate(_get(entry, "records", list, where))
    )
    names = tuple(
        (_get(item, "name", str, f"{where}: names"), _get(item, "kind", str, f"{where}: names"))
        for item in _optional(entry, "names", list, where)
    )
    no_record = tuple(
        _span(text, quote, f"{where}: no_record")
        for quote in _optional(entry, "no_record", list, where)
    )
    return HeldText(ident, name, text, published, records, names, no_record)


def _record(text: str, item: Any, where: str) -> ExpectedRecord:
    kind = _get(item, "kind", str, where)
    if kind not in KINDS:
        raise HeldoutError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    trigger = _get(item, "trigger", str, where)
    also = _optional(item, "also", list, where)
    spans = tuple(_span(text, quote, where) for quote in [trigger, *also])
    existing = item.get("existing")
    if existing is not None and not isinstance(existing, str):
        raise HeldoutError(f"{where}: 'existing' must be a record id (VIS-0001), not {existing!r}")
    attributed = item.get("attributed_to")
    if attributed is not None:
        kinds = _get(attributed, "kind", (str, list), f"{where}: attributed_to")
        _strings(kinds, f"{where}: attributed_to: kind")
        _get(attributed, "name", str, f"{where}: attributed_to")
    fields = {k: v for k, v in item.items() if k not in _RECORD_KEYS}
    _check_fields(kind, fields, where)
    return ExpectedRecord(kind, trigger, spans, fields, existing, attributed)


def _span(text: str, quote: Any, where: str) -> tuple[int, int]:
    if not isinstance(quote, str) or text.count(quote) != 1:
        found = text.count(quote) if isinstance(quote, str) else 0
        raise HeldoutError(
            f"{where}: the sentence {str(quote)[:60]!r} occurs {found} times in the text; "
            "quote one sentence exactly as the text has it"
        )
    start = text.index(quote)
    return start, start + len(quote)


def _optional(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    """Return ``data[key]`` checked against ``kind``, or an empty one when absent or null."""
    if data.get(key) is None:
        return kind()
    return _get(data, key, kind, where)


def _strings(value: Any, where: str) -> None:
    """Refuse anything but a string or a list of strings (the acceptable readings)."""
    values = value if isinstance(value, list) else [value]
    if not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise HeldoutError(f"{where}: must be a name or an id, or a list of them; not {value!r}")


def _check_fields(kind: str, fields: dict[str, Any], where: str) -> None:
    """Refuse an expected field of the wrong shape, naming it, before anything is scored."""
    for name in ("status", *ROLES[kind], *PLACES[kind], *([TYPES[kind]] if kind in TYPES else [])):
        if fields.get(name) is not None:
            _strings(fields[name], f"{where}: {name}")
    date_name = date_field(kind)
    date = fields.get(date_name)
    for option in date if isinstance(date, list) else [date]:
        if option is not None:
            _check_date(option, f"{where}: {date_name}")
    quantity = fields.get(QUANTITIES.get(kind, ""))
    if quantity is not None:
        _check_quantity(quantity, f"{where}: {QUANTITIES[kind]}")


def _check_date(value: Any, where: str) -> None:
    from pydantic import ValidationError

    from .datebounds import bounds

    if not isinstance(value, Mapping) or value.get("precision") not in _PRECISIONS:
        raise HeldoutError(
            f"{where}: must be a mapping with precision day, month, year or range (and its "
            f"value, or earliest and latest), not {value!r}"
        )
    try:
        bounds(dict(value))  # read as the scoring reads it
    except ValidationError as error:
        reason = error.errors()[0]["msg"]
        raise HeldoutError(f"{where}: {reason}; write the date as the README shows") from None


def _check_quantity(value: Any, where: str) -> None:
    if not isinstance(value, Mapping) or not isinstance(value.get("unit"), str):
        raise HeldoutError(f"{where}: must be a mapping with a unit (and value or bounds)")
    for key in ("value", "lower", "upper"):
        number = value.get(key)
        if number is not None and (isinstance(number, bool) or not isinstance(number, int | float)):
            raise HeldoutError(f"{where}: '{key}' must be a number, not {number!r}")
