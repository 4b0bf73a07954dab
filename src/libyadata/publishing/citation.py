"""What is being released: version, date and citation metadata, read from ``CITATION.cff``.

``CITATION.cff`` is the one place a release is described; the version must equal the
package's own, and the build copies the rest into ``datapackage.json``, from which
``libyadata cite`` works on an installed copy with no checkout.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._version import __version__
from ..core.catalogue.package_problems import (
    CITATION_OUT_OF_STEP,
    CITATION_UNREADABLE,
    SOURCE_DATE_EPOCH,
    VERSION_MISMATCH,
)
from ..core.problems import Problem, from_validation_error
from ..sources.project import Project
from ..sources.yamlio import StrictLoader

CITATION_FILE = "CITATION.cff"


class Person(BaseModel):
    """An author in CFF: a person (family and given names) or an entity (name)."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    name: str | None = None
    family_names: str | None = Field(default=None, alias="family-names")
    given_names: str | None = Field(default=None, alias="given-names")
    orcid: str | None = None

    @property
    def display(self) -> str:
        """The name as written in running text: ``Given Family`` or the entity's name."""
        if self.name:
            return self.name
        return " ".join(part for part in (self.given_names, self.family_names) if part)


class Release(BaseModel):
    """The parts of ``CITATION.cff`` a data release needs."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    title: str
    abstract: str
    version: str
    date_released: dt.date = Field(alias="date-released")
    authors: tuple[Person, ...] = Field(min_length=1)
    keywords: tuple[str, ...] = ()
    license: str
    repository_code: str | None = Field(default=None, alias="repository-code")
    doi: str | None = None
    """The dataset's DOI (``10.5281/zenodo.…``), once one is minted; CFF's top-level ``doi``."""

    def timestamp(self) -> dt.datetime:
        """Return the moment for every timestamp the build writes (UTC).

        ``SOURCE_DATE_EPOCH`` wins when set, as reproducible-build tools expect; otherwise it
        is midnight UTC on the release date.
        """
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.isdigit():
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        return dt.datetime.combine(self.date_released, dt.time(), tzinfo=dt.UTC)


#: The package's version file in a checkout.
VERSION_FILE = "src/libyadata/_version.py"
_VERSION_LINE = re.compile(r'^__version__ = "([^"]*)"$', re.MULTILINE)


def project_version(project: Project) -> str:
    """Return the package version of ``project``: its ``_version.py``, else this libyadata's.

    In a checkout that is the file being edited (``libyadata release`` changes it), not the
    version of the code that happens to be running.
    """
    try:
        found = _VERSION_LINE.search((project.root / VERSION_FILE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        found = None
    return found.group(1) if found else __version__


def read_release(project: Project) -> tuple[Release | None, list[Problem]]:
    """Read the release metadata; return problems (never raise) when the file is unusable."""
    path = project.root / CITATION_FILE
    shown = project.relative(path)
    try:
        document: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)  # noqa: S506
    except (OSError, ValueError, TypeError, RecursionError, yaml.YAMLError) as error:
        return None, [CITATION_UNREADABLE(shown=shown, error=error, file=shown)]
    try:
        release = Release.model_validate(document)
    except ValidationError as error:
        return None, from_validation_error(error, file=shown, record_id=None)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not epoch.strip().isdigit():
        return None, [SOURCE_DATE_EPOCH(epoch=epoch)]
    package_version = project_version(project)
    if release.version != package_version:
        return None, [
            VERSION_MISMATCH(
                shown=shown,
                version=release.version,
                package_version=package_version,
                file=shown,
                field="version",
            )
        ]
    cited = document.get("preferred-citation") if isinstance(document, dict) else None
    if isinstance(cited, dict):
        for key in ("version", "date-released"):
            top, given = document.get(key), cited.get(key)
            if key in cited and str(given) != str(top):
                return None, [
                    CITATION_OUT_OF_STEP(
                        shown=shown,
                        key=key,
                        top=top,
                        cited=given,
                        file=shown,
                        field=f"preferred-citation.{key}",
                    )
                ]
    return release, []


_CFF_VERSION = re.compile(r'^(\s*version:\s*)"?[^"\n]*"?\s*$', re.MULTILINE)
_CFF_DATE = re.compile(r'^(\s*date-released:\s*)"?[^"\n]*"?\s*$', re.MULTILINE)


def with_version(
    citation: str, code: str, version: str, date: dt.date | None = None
) -> tuple[str, str]:
    """Return ``CITATION.cff``'s and ``_version.py``'s texts with ``version`` set.

    ``version`` goes in every place it lives (the release's and the preferred citation's
    ``version``, ``__version__``), and ``date`` in both ``date-released`` when given; every
    other byte stays as it was.
    """
    citation = _CFF_VERSION.sub(lambda m: f'{m.group(1)}"{version}"', citation)
    if date is not None:
        citation = _CFF_DATE.sub(lambda m: f'{m.group(1)}"{date.isoformat()}"', citation)
    return citation, _VERSION_LINE.sub(f'__version__ = "{version}"', code)
