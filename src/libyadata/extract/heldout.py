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
    _verify(folder)
    from ..sources.yamlio import read_document

    document, problems = read_document(folder / EXPECTED_FILE, f"{folder / EXPECTED_FILE}")
    if problems:
        raise HeldoutError(str(problems[0]))
    where = folder / EXPECTED_FILE
    entries = _get(document, "texts", list, f"{where}")
    texts = tuple(_text(folder, entry, f"{where}: texts[{n}]") for n, entry in enumerate(entries))
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


def _verify(folder: Path) -> None:
    sums_path = folder / SUMS_FILE
    restore = (
        "restore the set (git checkout -- the folder); a reviewed correction of the set is a "
        f"commit of its own that rewrites {SUMS_FILE}, never one that tunes a rule"
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
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != SUMS_FILE
    }
    for name in sorted(present - set(listed)):
        raise HeldoutError(f"{folder / name}: not in {SUMS_FILE}; {restore}")
    for name, digest in sorted(listed.items()):
        path = folder / name
        if name not in present:
            raise HeldoutError(f"{path}: listed in {SUMS_FILE} but missing; {restore}")
        actual = sha256(_read(path))
        if actual != digest:
            raise HeldoutError(
                f"{path} differs from {SUMS_FILE} (sha256 {actual[:12]}…, listed "
                f"{digest[:12]}…): the held-out set has drifted and is not scored; {restore}"
            )


def _read(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_SET_FILE_BYTES)
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


def _text(folder: Path, entry: Any, where: str) -> HeldText:
    ident = _get(entry, "id", str, where)
    where = f"{where} ({ident})"
    name = _get(entry, "file", str, where)
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
        for item in entry.get("names") or []
    )
    no_record = tuple(
        _span(text, quote, f"{where}: no_record") for quote in entry.get("no_record") or []
    )
    return HeldText(ident, name, text, published, records, names, no_record)


def _record(text: str, item: Any, where: str) -> ExpectedRecord:
    kind = _get(item, "kind", str, where)
    if kind not in KINDS:
        raise HeldoutError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
    trigger = _get(item, "trigger", str, where)
    also = item.get("also") or []
    spans = tuple(_span(text, quote, where) for quote in [trigger, *also])
    existing = item.get("existing")
    attributed = item.get("attributed_to")
    if attributed is not None:
        _get(attributed, "kind", (str, list), f"{where}: attributed_to")
        _get(attributed, "name", str, f"{where}: attributed_to")
    fields = {k: v for k, v in item.items() if k not in _RECORD_KEYS}
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
