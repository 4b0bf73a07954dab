"""The error of a data package that cannot be read: ``PackageError``, with its problems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..core.catalogue.package_problems import PACKAGE_NOT_OPENED

if TYPE_CHECKING:
    from ..core.problems import Problem, ProblemType


class PackageError(Exception):
    """A data package is missing, unreadable, unsafe, or a file fails its size or hash check.

    ``problems`` says what is wrong, each with a reason code (``package-resource-path``,
    ``package-file-mismatch``, …), the file and the field; ``str(error)`` is the first.
    """

    def __init__(
        self,
        message: str | None = None,
        *,
        kind: ProblemType = PACKAGE_NOT_OPENED,
        file: str | None = None,
        problems: Sequence[Problem] = (),
    ) -> None:
        if not problems:
            problems = (kind(message=message or "not a data package", file=file),)
        self.problems: tuple[Problem, ...] = tuple(problems)
        more = f" (and {len(self.problems) - 1} more problem(s))" if len(self.problems) > 1 else ""
        super().__init__(message or f"{self.problems[0].message}{more}")
