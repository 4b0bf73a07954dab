"""The site as a release asset: ``dist/site/`` written beside the zip of each release.

``libyadata release`` (and ``libyadata build`` where ``dist/site/`` is already there) passes
``release_site(project)`` to the build as one more writer of the staged ``dist/``, so the site
is swapped into place with the zip it describes, or not at all.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..publishing.build import Build, DistWriter
from ..readers.datapackage import DataPackage
from ..sources.project import Project
from . import checkout_exclusions, write_site

#: The site's folder inside ``dist/``.
SITE_DIR = "site"


def release_site(project: Project) -> DistWriter:
    """Return a writer that puts the site of a build into ``<dist>/site/``.

    The site is rendered from the build's own files (not the committed package, which the
    build has not replaced yet), with the reviewed coverage exclusions of ``project``.
    """

    def write(build: Build, dist: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="libyadata-site-") as folder:
            build.write_files(Path(folder))
            package = DataPackage.open(folder)
            exclusions, _ = checkout_exclusions(package, project.root)
            write_site(package, dist / SITE_DIR, exclusions=exclusions)

    return write
