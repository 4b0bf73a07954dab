"""Finding the project's files: the checkout (or any folder laid out like it) being worked on."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.versions import SCHEMA_VERSION
from ..models.tables import TABLES


class ProjectNotFoundError(ValueError):
    """The folder given is not a libyadata project (it has no ``seeds/sources.yaml``)."""


@dataclass(frozen=True)
class Project:
    """A libyadata project folder: seeds, curated datasets and committed schemas."""

    root: Path

    @classmethod
    def at(cls, root: Path) -> Project:
        """Open the project at ``root``; raise ``ProjectNotFoundError`` saying how to fix it."""
        root = root.resolve()
        metadata = TABLES.sources.source
        if not (root / metadata).is_file():
            raise ProjectNotFoundError(
                f"{root} is not a libyadata project: it has no {metadata}. "
                "Run the command from a libyadata checkout or pass --root PATH."
            )
        return cls(root)

    @property
    def seeds_dir(self) -> Path:
        """Folder holding the seed texts and their metadata."""
        return self.root / "seeds"

    @property
    def schema_dir(self) -> Path:
        """Folder holding the committed schemas of the current schema version."""
        return self.schema_root / f"v{SCHEMA_VERSION}"

    @property
    def schema_root(self) -> Path:
        """Folder holding a folder of schemas per schema version (``schema/v1``, ``schema/v2``)."""
        return self.root / "schema"

    def relative(self, path: Path) -> str:
        """Return ``path`` relative to the project root, for messages."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)
