"""The seed texts: their metadata, their verified bytes, and their text as spans index it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pydantic import ValidationError

from .models import Seed
from .problems import Problem, from_validation_error, unknown_field_hints
from .project import Project
from .tables import table
from .yamlio import read_records


@dataclass
class SeedLibrary:
    """The seeds of a project, checked against their metadata before any text is handed out."""

    project: Project
    seeds: dict[str, Seed] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    _texts: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, project: Project) -> SeedLibrary:
        """Read ``seeds/sources.yaml`` and verify every seed file it lists."""
        library = cls(project)
        spec = table("seeds")
        path = project.root / spec.source
        name = project.relative(path)
        items, library.problems = read_records(path, name)
        for item in items:
            record_id = str(item.data.get("id", f"record at line {item.line}"))
            try:
                seed = Seed.model_validate(item.data)
            except ValidationError as error:
                library.problems += unknown_field_hints(
                    from_validation_error(
                        error, file=name, record_id=record_id, line_of=item.key_lines
                    ),
                    Seed.model_fields,
                )
                continue
            if seed.id in library.seeds:
                library.problems.append(
                    Problem(
                        "duplicate-id",
                        f"{seed.id} is listed twice",
                        file=name,
                        line=item.line,
                        record_id=seed.id,
                        field="id",
                        hint="give each seed its own id",
                    )
                )
                continue
            library.seeds[seed.id] = seed
            library.problems += library._verify(seed, item.key_lines)
        return library

    def _verify(self, seed: Seed, key_lines: dict[str, int]) -> list[Problem]:
        path = self.project.seeds_dir / seed.file
        shown = self.project.relative(path)
        meta = self.project.relative(self.project.root / table("seeds").source)

        def problem(code: str, message: str, fld: str, hint: str) -> Problem:
            return Problem(
                code,
                message,
                file=meta,
                line=key_lines.get(fld),
                record_id=seed.id,
                field=fld,
                hint=hint,
            )

        restore = f"restore {shown} byte for byte from the original (../shared/seeds/{seed.file})"
        try:
            raw = path.read_bytes()
        except OSError:
            return [problem("seed-missing", f"{shown} does not exist", "file", restore)]
        found: list[Problem] = []
        digest = hashlib.sha256(raw).hexdigest()
        if len(raw) != seed.bytes:
            found.append(
                problem(
                    "seed-length",
                    f"{shown} has {len(raw)} bytes, the metadata says {seed.bytes}",
                    "bytes",
                    restore,
                )
            )
        if digest != seed.sha256:
            found.append(
                problem(
                    "seed-hash",
                    f"{shown} has sha256 {digest}, the metadata says {seed.sha256}",
                    "sha256",
                    restore,
                )
            )
        if found:
            return found
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return [
                problem(
                    "seed-encoding",
                    f"{shown} is not UTF-8 ({error.reason} at byte {error.start})",
                    "file",
                    restore,
                )
            ]
        if len(text) != seed.characters:
            return [
                problem(
                    "seed-characters",
                    f"{shown} has {len(text)} code points, the metadata says {seed.characters}",
                    "characters",
                    "correct the count in the metadata",
                )
            ]
        self._texts[seed.id] = text
        return []

    @property
    def verified(self) -> int:
        """How many seeds passed verification."""
        return len(self._texts)

    def text(self, seed_id: str) -> str:
        """Return the verified text of a seed; ``KeyError`` if unknown or failing verification."""
        if seed_id not in self._texts:
            raise KeyError(f"no verified seed {seed_id!r}")
        return self._texts[seed_id]
