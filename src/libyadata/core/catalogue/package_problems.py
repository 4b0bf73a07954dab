"""The package layer: the built package, packages from outside, downloads, releases.

The built package, its release and citation; a package or zip from outside read as hostile
(messages mostly written where the problem is found, ``{message}``, since they name what the
input held); downloads of a release; builds and releases.
"""

from __future__ import annotations

from ..problemtype import PACKAGE, declare
from .hints import RAISE, RESTORE

#: The layer of ``validate`` this module declares the types of.
LAYER = PACKAGE

_REBUILD = "run `libyadata build` to write the package again"

_BUILD = "run `libyadata build` and commit datasets/package"

_VERSION = "`libyadata version --next major|minor|patch` (the version rules decide)"

_ZIP = "use the release zip as published (`libyadata download VERSION` verifies it)"

# -- package: the release metadata ---------------------------------------------------------------
CITATION_OUT_OF_STEP = declare(
    "citation-out-of-step",
    PACKAGE,
    "CITATION.cff's preferred citation disagrees with the release",
    "{shown} says {key} {top} but its preferred-citation says {cited}",
    "set them with " + _VERSION + " or `libyadata version X.Y.Z`; never by hand",
)

# -- package: the built package, its release and citation ---------------------------------------
PACKAGE_MISSING = declare(
    "package-missing",
    PACKAGE,
    "A file of the package that is missing",
    "{shown} is not built",
    _BUILD,
)

DESCRIPTOR_MISSING = PACKAGE_MISSING.variant("{shown} does not exist", hint=_REBUILD)

PACKAGE_UNREADABLE = declare(
    "package-unreadable",
    PACKAGE,
    "A package file that cannot be read",
    "{shown} cannot be read: {error}",
    RESTORE,
)

DESCRIPTOR_UNREADABLE = PACKAGE_UNREADABLE.variant(hint=_REBUILD)

PACKAGE_STALE = declare(
    "package-stale",
    PACKAGE,
    "A package file unlike a fresh build",
    "{shown} differs from a fresh build",
    _BUILD,
)

PACKAGE_EXTRA = declare(
    "package-extra",
    PACKAGE,
    "A file that is not part of the build",
    "{shown} is not part of the build",
    _BUILD,
)

PACKAGE_PROFILE = declare(
    "package-profile",
    PACKAGE,
    "A descriptor that breaks the Data Package v2 profile",
    "{message}",
    "the descriptor must follow the Data Package v2 profile; " + _REBUILD,
)

FRICTIONLESS = declare(
    "frictionless-",
    PACKAGE,
    "An error frictionless reports, by its type",
    "{message}",
    _REBUILD + "; if a fresh build still fails, report it as a bug in libyadata",
    family="type",
)

CITATION_UNREADABLE = declare(
    "citation-unreadable",
    PACKAGE,
    "CITATION.cff cannot be read",
    "{shown} cannot be read: {error}",
    "restore CITATION.cff (valid CFF 1.2.0 YAML)",
)

VERSION_MISMATCH = declare(
    "version-mismatch",
    PACKAGE,
    "CITATION.cff and the package disagree on the version",
    "{shown} says version {version} but the package is {package_version}",
    "set the same version in CITATION.cff and src/libyadata/_version.py",
)

SOURCE_DATE_EPOCH = declare(
    "source-date-epoch",
    PACKAGE,
    "SOURCE_DATE_EPOCH is not a number",
    "SOURCE_DATE_EPOCH is {epoch!r}, not a number of seconds since 1970",
    "set it to an integer (e.g. `git log -1 --format=%ct`) or unset it",
)

REGISTRY_INVALID = declare(
    "registry-invalid",
    PACKAGE,
    "A line of releases.txt is invalid",
    "{error}",
    "each line is `<zip name> <64 hex digits of its sha256>`, as `libyadata build` prints it",
)

RELEASE_CHANGED = declare(
    "release-changed",
    PACKAGE,
    "A released version whose zip changed",
    "{zip_name} was released with sha256 {expected}… but the build now gives {actual}…",
    "a released version never changes: " + RAISE + " (`libyadata diff` says by how much)",
)

RELEASE_CHANGED_BY_EPOCH = RELEASE_CHANGED.variant(
    hint="SOURCE_DATE_EPOCH={epoch} changes every timestamp: unset it"
)

# -- package: a package from outside, read as hostile (readers.safedescriptor, archive) -------
PACKAGE_DESCRIPTOR_TOO_LARGE = declare(
    "package-descriptor-too-large",
    PACKAGE,
    "A datapackage.json over the size limit",
    "{shown} is larger than {limit} bytes: not a libyadata package",
    RESTORE,
)

PACKAGE_JSON = declare(
    "package-json", PACKAGE, "A datapackage.json that is not UTF-8 JSON", "{message}", RESTORE
)

PACKAGE_NESTING = declare(
    "package-nesting", PACKAGE, "A datapackage.json nesting too deeply", "{message}", RESTORE
)

PACKAGE_NUMBER = declare(
    "package-number",
    PACKAGE,
    "A number in datapackage.json too long to read, or not a JSON number",
    "{message}",
    RESTORE,
)

PACKAGE_DUPLICATE_KEY = declare(
    "package-duplicate-key",
    PACKAGE,
    "A key given twice in one object of datapackage.json",
    "{message}",
    RESTORE,
)

PACKAGE_STRUCTURE = declare(
    "package-structure",
    PACKAGE,
    "A datapackage.json not shaped like a libyadata package's",
    "{message}",
    RESTORE,
)

PACKAGE_RESOURCE_PATH = declare(
    "package-resource-path",
    PACKAGE,
    "A resource path that is not a regular file inside the package (URL, absolute, '..', link)",
    "{message}",
    RESTORE,
)

PACKAGE_FILE_MISMATCH = declare(
    "package-file-mismatch",
    PACKAGE,
    "A package file unlike the size or hash listed for it",
    "{message}",
    RESTORE,
)

PACKAGE_FILE_UNREADABLE = declare(
    "package-file-unreadable",
    PACKAGE,
    "A file a package lists that cannot be read",
    "{message}",
    RESTORE,
)

PACKAGE_NOT_OPENED = PACKAGE_UNREADABLE.variant("{message}", hint=None)

PACKAGE_NOT_FOUND = PACKAGE_MISSING.variant("{message}", hint=None)

PACKAGE_DESCRIPTOR_MISSING = PACKAGE_MISSING.variant("{shown} does not exist", hint=RESTORE)

PACKAGE_FORMS_DISAGREE = declare(
    "package-forms-disagree",
    PACKAGE,
    "A table whose CSV and JSON Lines forms disagree",
    "{message}",
    RESTORE,
)

PACKAGE_FORMULA = declare(
    "package-formula",
    PACKAGE,
    "A text cell of a package that a spreadsheet would run as a formula",
    "{shown} row {row} {column}: the text starts with {char}, which a spreadsheet opening the "
    "CSV would run",
    "a quote or its context copied from a seed must not start so: start the "
    "span one character later, or shorten its prefix or suffix (`libyadata locate`)",
)

PACKAGE_SCHEMA_VERSION = declare(
    "package-schema-version",
    PACKAGE,
    "A schema version marker that is not a known version",
    "{shown} says {key} is {value}: the known schema versions are {known}",
    "use a package libyadata built, or upgrade libyadata to read a newer schema",
)

PACKAGE_ZIP_INVALID = declare(
    "package-zip-invalid",
    PACKAGE,
    "A zip that is damaged, unreadable or not of a package",
    "{message}",
    _ZIP,
)

PACKAGE_ZIP_UNSAFE = declare(
    "package-zip-unsafe",
    PACKAGE,
    "A zip member that is absolute, has '..' or a backslash, or is a link or device",
    "{message}",
    _ZIP,
)

PACKAGE_ZIP_UNLISTED = declare(
    "package-zip-unlisted",
    PACKAGE,
    "A zip member that the package does not list",
    "{message}",
    _ZIP,
)

PACKAGE_ZIP_TOO_LARGE = declare(
    "package-zip-too-large",
    PACKAGE,
    "A zip over the caps on size, member count or compression ratio",
    "{message}",
    _ZIP,
)

# -- package: downloads of a release -------------------------------------------------------------
DOWNLOAD_URL = declare(
    "download-url",
    PACKAGE,
    "A download location that is not an http(s) URL",
    "{message}",
    "give --url (or LIBYADATA_URL) as the http(s) URL of the zip, of a folder "
    "holding it, or a template with {{version}}",
)

DOWNLOAD_UNKNOWN_VERSION = declare(
    "download-unknown-version",
    PACKAGE,
    "A version that was never released",
    "{message}",
    "give one of the released versions",
)

DOWNLOAD_FAILED = declare(
    "download-failed",
    PACKAGE,
    "A download the server refused or broke",
    "{message}",
    "check the URL and the connection, then try again",
)

DOWNLOAD_HASH = declare(
    "download-hash",
    PACKAGE,
    "A download that is not the released zip",
    "{message}",
    "download from the project's release assets, or a mirror that holds the release as published",
)

DOWNLOAD_TIMEOUT = declare(
    "download-timeout",
    PACKAGE,
    "A download over its time limit",
    "{message}",
    "try again later, or from a faster mirror with --url",
)

DOWNLOAD_TOO_LARGE = declare(
    "download-too-large",
    PACKAGE,
    "A download larger than a release zip may be",
    "{message}",
    "check --url: that server does not send a libyadata release",
)

DOWNLOAD_CACHE = declare(
    "download-cache",
    PACKAGE,
    "A cache folder that cannot be written",
    "{message}",
    "make the cache writable, or set LIBYADATA_CACHE to a writable folder",
)

DOWNLOAD_BUSY = declare(
    "download-busy",
    PACKAGE,
    "Another process fetching the same release for too long",
    "{message}",
    "wait for the other download to finish, then try again",
)

# -- package: builds and releases ---------------------------------------------------------------
BUILD_LOCKED = declare(
    "build-locked",
    PACKAGE,
    "Another build of the checkout is running",
    "{message}",
    "wait for the other build to finish, or stop it, then build again",
)

BUILD_INTERRUPTED = declare(
    "build-interrupted",
    PACKAGE,
    "A build killed while swapping",
    "a build was killed while putting the package and dist/ in place",
    "run `libyadata build`, which first restores the previous state",
)

BUILD_JOURNAL = declare(
    "build-journal",
    PACKAGE,
    "A build's swap journal that is malformed or names paths outside the build",
    "{shown} cannot be trusted: {reason}; nothing was renamed or removed",
    "inspect {shown}: if no build is running, restore datasets/package and dist/ from git "
    "(`git checkout -- datasets/package`) and delete {shown}",
)

RELEASE_INTERRUPTED = declare(
    "release-interrupted",
    PACKAGE,
    "A release killed before it ended",
    "a release of {version} was killed at step {step}; {shown} holds what it changed",
    "run `libyadata build` or `libyadata release` again: it first puts the project back as it "
    "was before, or finishes the release if the package was already in place",
)

RELEASE_JOURNAL = RELEASE_INTERRUPTED.variant(
    "{shown} cannot be trusted: {reason}; nothing was restored",
    hint="inspect {shown}: restore CITATION.cff, CHANGELOG.md, "
    "src/libyadata/_version.py and releases/releases.txt from git, then delete it",
)

DIST_MISSING = declare(
    "dist-missing",
    PACKAGE,
    "A release asset missing from dist/",
    "{shown} does not exist",
    "run `libyadata build` to write dist/ again",
)

DIST_STALE = declare(
    "dist-stale",
    PACKAGE,
    "A release asset in dist/ unlike a fresh build",
    "{shown} differs from a fresh build",
    "run `libyadata build` to write dist/ again",
)

RELEASE_EXISTS = declare(
    "release-exists",
    PACKAGE,
    "A version that is already released",
    "{version} is already released ({zip_name} is in the registry); a released version never "
    "changes",
    "release the next version (`libyadata diff` says which bump is needed)",
)

RELEASE_CHANGELOG = declare(
    "release-changelog",
    PACKAGE,
    "A CHANGELOG with no Unreleased section to release",
    "{changelog} has no '## [Unreleased]' section to release",
    "add the section (Keep a Changelog) with what this release changes",
)

RELEASE_EPOCH = SOURCE_DATE_EPOCH.variant(
    "SOURCE_DATE_EPOCH is set: a release takes its timestamps from its date",
    hint="unset SOURCE_DATE_EPOCH, then release again",
)
