"""The data package installed with libyadata: the wheel's own, or a checkout's build.

The wheel carries its package as ``libyadata/data``, validated in full when it was built and
read here as the installation's own file (``ShippedPackage``); in a checkout (an editable
install) the installed package is the working ``datasets/package``, read as any other.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..formats.packagenames import DESCRIPTOR
from .datapackage import DataPackage
from .packageerror import PackageError

if TYPE_CHECKING:
    import frictionless
    from pydantic import BaseModel

    from ..models.tables import Table


#: The installed ``libyadata`` folder, which holds the shipped package as ``data/``.
_PACKAGE_ROOT = Path(__file__).resolve().parents[1]


def _shipped_dir() -> Path:
    return _PACKAGE_ROOT / "data"


def installed_is_release() -> bool:
    """Whether the installed package is the one shipped in a wheel (not a checkout's build)."""
    return installed().root.resolve() == _shipped_dir()


class ShippedPackage(DataPackage):
    """The data package inside the installed wheel, validated in full when it was built.

    It is part of the installation, installed with the code that reads it (pip checks both
    against the wheel's hashes), so it is read as that code's own file rather than as input
    from outside: its descriptor is parsed without the hostile-input checks of
    ``readers.safedescriptor`` (frictionless gets it only after them), and its records are made
    from their JSON (``models.trusted``) instead of being validated again, which spares a first
    ``load`` the building of a pydantic validator. Each file still passes its path, size and
    SHA-256 checks before it is read; the records are the same typed, immutable models, and a
    line that is not exactly what a validated model dumps to sends its table through full
    validation. Every other package (a checkout's build, a download, ``DataPackage.open``) is
    read as hostile and validated in full.
    """

    @classmethod
    def open(cls, path: Path | str) -> DataPackage:
        """Open the shipped package in folder ``path``; the full reader says what is wrong."""
        from pydantic_core import from_json

        from ..core.files import read_regular
        from .safedescriptor import MAX_DESCRIPTOR_BYTES

        root = Path(path)
        try:
            descriptor = from_json(read_regular(root / DESCRIPTOR, MAX_DESCRIPTOR_BYTES))
        except (OSError, ValueError):
            descriptor = None
        if not (isinstance(descriptor, dict) and isinstance(descriptor.get("resources"), list)):
            return super().open(path)  # unreadable or not a package: the problems, in full
        return cls(root, descriptor)

    def frictionless(self) -> frictionless.Package:
        """Check the descriptor as one from outside would be, then hand it to frictionless."""
        DataPackage.open(self.root)  # raises PackageError with what is unsafe or malformed
        return super().frictionless()

    def _agree(self, source: Table) -> None:
        """Trust the two forms to agree: ``libyadata build`` compared them before shipping."""

    def _typed(self, source: Table, lines: list[bytes]) -> tuple[BaseModel, ...]:
        from pydantic_core import from_json

        from ..models.trusted import RebuildError, rebuild

        try:
            return rebuild(source.model, from_json(b"[" + b",".join(lines) + b"]"))
        except (RebuildError, ValueError):  # not exactly a dump, or not JSON: validate it
            return super()._typed(source, lines)


@cache
def installed() -> DataPackage:
    """Return the data package shipped with this installation of libyadata.

    In a checkout (an editable install) that is the working ``datasets/package``.
    """
    here = _PACKAGE_ROOT
    if (_shipped_dir() / DESCRIPTOR).is_file():
        return ShippedPackage.open(_shipped_dir())
    checkout = here.parents[1] / "datasets" / "package"
    if (checkout / DESCRIPTOR).is_file():
        return DataPackage.open(checkout)
    raise PackageError(
        f"this libyadata installation has no data package (looked in {here / 'data'}); "
        "reinstall libyadata, or run `libyadata build` in a checkout"
    )
