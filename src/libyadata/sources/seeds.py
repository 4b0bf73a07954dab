"""The seed texts: their metadata, their verified bytes, and their text as spans index it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Protocol

from ..core.catalogue.provenance_problems import (
    SEED_CODE_POINTS,
    SEED_ENCODING,
    SEED_FILE_NAME,
    SEED_HASH,
    SEED_ID_MISMATCH,
    SEED_LENGTH,
    SEED_LISTED_TWICE,
    SEED_MISSING,
    SEED_NOT_REGULAR,
    SEED_ORIGINAL,
    SEED_UNLISTED,
)
from ..core.files import NotRegularError, TooLargeError, read_regular
from ..core.hashing import sha256
from ..core.problems import Problem, ProblemType
from ..models import Seed
from ..models.tables import TABLES
from .curated import Loaded, load_table
from .project import Project

#: The largest seed text read. The seeds are articles of tens of kilobytes; a file far beyond
#: this is not one of them.
MAX_SEED_BYTES = 64 * 1024 * 1024


class ProblemAt(Protocol):
    """Builds a problem of ``kind`` about field ``fld`` of one seed entry, with ``hint``."""

    def __call__(self, kind: ProblemType, fld: str, hint: str, /, **values: object) -> Problem:
        """Build the problem; ``values`` fill in the kind's message."""


@dataclass
class SeedLibrary:
    """The seeds of a project, checked against their metadata before any text is handed out."""

    project: Project | None = None
    """The project the seeds were read from; ``None`` for the seeds of a built package."""
    seeds: dict[str, Seed] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    entries: set[str] = field(default_factory=set)
    """The ids of every metadata entry, valid or not (a reference to one is not dangling)."""
    _texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, project: Project) -> SeedLibrary:
        """Read ``seeds/sources.yaml`` and verify every seed file it lists, and only those."""
        loaded = load_table(project, TABLES.sources)
        library = cls(project, problems=list(loaded.problems))
        files: dict[str, str] = {}
        for seed in loaded.records:
            if not isinstance(seed, Seed):  # pragma: no cover - the seeds table holds Seeds
                continue
            library.seeds[seed.id] = seed
            library.problems += library._check_entry(seed, loaded, files)
        # Every entry with an id lists its file, valid or not: an entry that fails its model
        # is reported as such, and its file is not also "unlisted".
        listed = {str(item.data.get("file")) for _, item in loaded.seen}
        library.entries = {record_id for record_id, _ in loaded.seen}
        for path in sorted(project.seeds_dir.glob("*.txt")):
            if path.name not in listed:
                library.problems.append(
                    SEED_UNLISTED(path=project.relative(path), file=loaded.file)
                )
        return library

    def _check_entry(self, seed: Seed, loaded: Loaded, files: dict[str, str]) -> list[Problem]:
        def problem(kind: ProblemType, fld: str, hint: str, /, **values: object) -> Problem:
            line = loaded.line_of(seed.id, fld)
            return kind(
                file=loaded.file, line=line, record_id=seed.id, field=fld, hint=hint, **values
            )

        if seed.file in files:
            return [
                SEED_LISTED_TWICE(
                    seed_file=seed.file,
                    other=files[seed.file],
                    file=loaded.file,
                    line=loaded.line_of(seed.id, "file"),
                    record_id=seed.id,
                    field="file",
                )
            ]
        files[seed.file] = seed.id
        number = re.match(r"\d+", seed.file)
        if number is None or seed.id != f"SEED-{number.group()}":
            return [
                SEED_ID_MISMATCH(
                    id=seed.id,
                    seed_file=seed.file,
                    file=loaded.file,
                    line=loaded.line_of(seed.id, "id"),
                    record_id=seed.id,
                    field="id",
                )
            ]
        return self._verify(seed, problem)

    def _verify(self, seed: Seed, problem: ProblemAt) -> list[Problem]:
        if self.project is None:  # pragma: no cover - load() always sets the project
            return []
        path = self.project.seeds_dir / seed.file
        shown = self.project.relative(path)
        restore = f"restore {shown} byte for byte from the original (../shared/seeds/{seed.file})"
        return self.admit(seed, path, shown, restore, problem)

    def admit(
        self, seed: Seed, path: Path, shown: str, restore: str, problem: ProblemAt
    ) -> list[Problem]:
        """Verify the file of ``seed`` at ``path`` against its metadata; keep its text if it holds.

        ``shown`` names the file in problems, ``restore`` says how to get the original back and
        ``problem`` builds a problem about a field of the seed's metadata entry.
        """
        self.seeds.setdefault(seed.id, seed)
        raw, unreadable = _read_seed(seed, path, shown, restore, problem)
        if raw is None:
            return unreadable
        found: list[Problem] = []
        if len(raw) != seed.byte_length:
            found.append(
                problem(
                    SEED_LENGTH,
                    "byte_length",
                    restore,
                    shown=shown,
                    size=len(raw),
                    expected=seed.byte_length,
                )
            )
        digest = sha256(raw)
        if digest != seed.sha256:
            found.append(
                problem(
                    SEED_HASH, "sha256", restore, shown=shown, digest=digest, expected=seed.sha256
                )
            )
        if found:
            return found
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return [
                problem(
                    SEED_ENCODING,
                    "file",
                    restore,
                    shown=shown,
                    reason=error.reason,
                    offset=error.start,
                )
            ]
        if len(text) != seed.code_points:
            return [
                problem(
                    SEED_CODE_POINTS,
                    "code_points",
                    "correct the count in the metadata",
                    shown=shown,
                    count=len(text),
                    expected=seed.code_points,
                )
            ]
        found = self._original(seed, raw, digest, shown=shown, restore=restore, problem=problem)
        if found:
            return found
        self._texts[seed.id] = text
        return []

    def _original(
        self, seed: Seed, raw: bytes, digest: str, *, shown: str, restore: str, problem: ProblemAt
    ) -> list[Problem]:
        """Refuse a seed edited with its metadata updated to match.

        The five texts the project began with keep their first sha256 (``ORIGINAL_SEEDS``) and,
        where ``../shared/seeds`` is beside the checkout, the bytes of their original there; a
        seed added since carries the first 16 hex digits of its own sha256 in its file name.
        """
        original = ORIGINAL_SEEDS.get(seed.file)
        values = {"shown": shown, "seed_file": seed.file}
        if original is not None and digest != original:
            where = f"sha256 {original[:12]}… as first registered"
            return [problem(SEED_ORIGINAL, "sha256", restore, where=where, **values)]
        named = seed.file[4:20]
        if original is None and named != digest[:16]:
            return [
                problem(SEED_FILE_NAME, "file", restore, named=named, digest=digest[:16], **values)
            ]
        shared = None if self.project is None else self.project.root.parent / "shared" / "seeds"
        if shared is not None and shared.is_dir():
            try:
                same = read_regular(shared / seed.file, MAX_SEED_BYTES) == raw
            except OSError:
                return []  # no original of this seed there: one added since
            if not same:
                where = f"../shared/seeds/{seed.file}"
                return [problem(SEED_ORIGINAL, "sha256", restore, where=where, **values)]
        return []

    @property
    def verified(self) -> int:
        """How many seeds passed verification."""
        return len(self._texts)

    @property
    def texts(self) -> Mapping[str, str]:
        """The verified texts, by seed id (read-only)."""
        return MappingProxyType(self._texts)

    def text(self, seed_id: str) -> str:
        """Return the verified text of a seed; ``KeyError`` if unknown or failing verification."""
        if seed_id not in self._texts:
            raise KeyError(f"no verified seed {seed_id!r}")
        return self._texts[seed_id]


#: The texts the project began with, by file name, and the sha256 each had when registered:
#: their names predate the rule that a name carries the file's own hash, so their hash is
#: kept here, and they can never be edited with their metadata updated to match.
ORIGINAL_SEEDS: Mapping[str, str] = MappingProxyType(
    {
        "000_550018e0f932293a.txt": (
            "827bba293faa602f93cc670c6a84b231cd5c53ed08aadd1df212e8272ed7872a"
        ),
        "001_c43e133ca732e3b6.txt": (
            "18d8881c78f0c929f863db911c0e4e4b61cff1f469b2820adc7b72b277c645ee"
        ),
        "002_7f27b7f8a6525b2b.txt": (
            "458edef5ae1bab5de13ffd0d9fc2c8d3cdc223511f48f576207cac8f9ed893a6"
        ),
        "003_6d1fa854cfd81933.txt": (
            "cee9aa4e6fcd4c99b1071297e21cf031cbc40b9b149969144beed03cd3581d53"
        ),
        "004_c791b86b6d5e41f3.txt": (
            "3462c41eebaa959b2371b5c9ebbd415a5e87947d0b24c923afa74019b9af0601"
        ),
    }
)


def _read_seed(
    seed: Seed, path: Path, shown: str, restore: str, problem: ProblemAt
) -> tuple[bytes | None, list[Problem]]:
    """Read a seed file, never a pipe or device and never past ``MAX_SEED_BYTES``."""
    try:
        return read_regular(path, MAX_SEED_BYTES, follow=False), []
    except NotRegularError as error:
        return None, [problem(SEED_NOT_REGULAR, "file", restore, shown=shown, kind=error.strerror)]
    except TooLargeError:
        size = f"more than {MAX_SEED_BYTES}"
        return None, [
            problem(
                SEED_LENGTH,
                "byte_length",
                restore,
                shown=shown,
                size=size,
                expected=seed.byte_length,
            )
        ]
    except OSError:
        return None, [problem(SEED_MISSING, "file", restore, shown=shown)]
