"""The check of a project's sources: seeds, committed schemas and curated records, at once.

Layers: each curated file parsed strictly (parse) and each record against its model (records);
the seed files against their metadata, every evidence span and every name against its seed
(provenance); ids, foreign keys and retractions across records (cross-record); the committed
schemas against the models (schema). ``libyadata validate`` adds the built package
(``validator``); ``build`` runs this check before it renders anything.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from ..core.catalogue.crossrecord_problems import PLACE_SAME_GAZETTEER
from ..core.catalogue.parse_problems import NOT_A_MAPPING, UNKNOWN_FILE
from ..core.catalogue.record_problems import PLACE_PRECISION, PLACE_UNLOCATED
from ..core.problems import Problem, Report
from ..core.problemtype import CROSS_RECORD, PARSE, PROVENANCE, SCHEMA
from ..core.suggest import closest
from ..formats import schemas
from ..models import Place
from ..models.tables import TABLES
from ..provenance.exclusions import EXCLUSIONS_FILE
from ..sources.curated import Loaded, load_table
from ..sources.project import Project
from ..sources.seeds import SeedLibrary
from .crosscheck import Crosscheck, Where


@dataclass(frozen=True)
class Summary:
    """What a validation run looked at, for the closing summary line."""

    seeds: int
    verified_seeds: int
    schema_files: int
    records: dict[str, int]


@dataclass(frozen=True)
class Checked:
    """A validation run and what it read, for callers that go on to use the data (the build)."""

    report: Report
    summary: Summary
    library: SeedLibrary
    tables: Mapping[str, Loaded]
    """The curated tables (all but the seeds), by name."""
    schema_files: Mapping[str, str]
    """The schema files the models generate (``schemas.render``)."""


def check(project: Project, *, skip: Collection[str] = ()) -> Checked:
    """Check the seeds, the schemas and every curated table; keep what was read.

    ``skip`` names layers to leave out: ``cross-record``, ``provenance``, ``schema``.
    """
    library = SeedLibrary.load(project)
    problems: list[Problem] = list(library.problems)
    problems += unknown_files(project)
    schema_files = schemas.render()
    if SCHEMA not in skip:
        problems += schemas.drift(project, schema_files)
    # The seed texts are the library's to read and check; every other table is curated YAML.
    sources = TABLES.sources.name
    tables = {t.name: load_table(project, t) for t in TABLES if t.name != sources}
    unreadable = frozenset(name for name, loaded in tables.items() if _unreadable(loaded.problems))
    if not library.entries and _unreadable(library.problems):
        unreadable |= {sources}
    crosscheck = Crosscheck(
        library,
        cross_record=CROSS_RECORD not in skip,
        provenance=PROVENANCE not in skip,
        unreadable=unreadable,
        curation=True,
    )
    for loaded in tables.values():
        problems += loaded.problems
    for source in TABLES.order():
        name = source.name
        if name not in tables:
            continue  # the seeds, which the library has checked
        loaded = tables[name]
        for record_id, item in loaded.seen:
            crosscheck.claim(name, record_id, Where(loaded.file, item.line, item.key_lines))
        for record in loaded.records:
            record_id = str(getattr(record, "id", ""))
            item = loaded.items[record_id]
            crosscheck.add(name, record, Where(loaded.file, item.line, item.key_lines))
        crosscheck.complete(name)
    problems += crosscheck.finish()
    # Places are found by their model, not a table name: only a table of places has any.
    problems += [problem for loaded in tables.values() for problem in place_points(loaded)]
    if PROVENANCE not in skip:
        problems += _accounted(project, library, tables, problems)
    # Every table in registry order, the seeds too: validate and build count the same records.
    counts = {
        t.name: len(library.seeds) if t.name == sources else len(tables[t.name].records)
        for t in TABLES
    }
    summary = Summary(len(library.seeds), library.verified, len(schema_files), counts)
    return Checked(Report(tuple(problems)), summary, library, tables, schema_files)


def place_points(loaded: Loaded) -> list[Problem]:
    """Report unlocated cities and facilities, points without precision, repeated entries.

    A city or facility needs a point or a reason; a point, its precision; two places are never
    one gazetteer entry.

    A check of the curated file only: packages released before places had a precision or a
    reason are read as they are.
    """
    from ..sources.gazetteer import precision_missing, unlocated_points

    places = [record for record in loaded.records if isinstance(record, Place)]
    problems = [
        PLACE_UNLOCATED(
            kind=str(place.kind),
            name=place.name,
            file=loaded.file,
            line=loaded.line_of(place.id),
            record_id=place.id,
            field="no_coordinates",
        )
        for place in unlocated_points(places)
    ]
    problems += [
        PLACE_PRECISION(
            file=loaded.file,
            line=loaded.line_of(place.id, "gazetteer"),
            record_id=place.id,
            field="gazetteer.precision",
        )
        for place in precision_missing(places)
    ]
    return problems + _same_gazetteer(loaded, places)


def _same_gazetteer(loaded: Loaded, places: list[Place]) -> list[Problem]:
    """Report a place whose gazetteer entry (gazetteer and id or code) an earlier place has."""
    problems: list[Problem] = []
    first: dict[tuple[str, str], str] = {}
    for place in places:
        entry = place.gazetteer
        ident = None if entry is None else (entry.geonames_id or entry.code)
        if entry is None or ident is None:
            continue
        key = (str(entry.gazetteer), str(ident))
        if key not in first:
            first[key] = place.id
            continue
        problems.append(
            PLACE_SAME_GAZETTEER(
                id=place.id,
                other=first[key],
                entry=f"{key[0]} {key[1]}",
                file=loaded.file,
                line=loaded.line_of(place.id, "gazetteer"),
                record_id=place.id,
                field="gazetteer",
            )
        )
    return problems


def _accounted(
    project: Project, library: SeedLibrary, tables: Mapping[str, Loaded], found: list[Problem]
) -> list[Problem]:
    """Return what ``coverage`` and ``locate --check`` find.

    Every span's offsets, prefix and suffix must be the ones ``locate`` makes; and in a project
    that reviews its coverage (it has ``datasets/coverage-exclusions.yaml``, as every checkout
    of libyadata does; ``review --close`` writes it), every flagged sentence of every seed is
    cited or excluded. A scratch project of a few records has no such file and is not held to it.
    """
    from ..models import Record
    from ..provenance.coverage import account, flagger_of
    from ..provenance.locate import fill_spans

    # A record already reported (a span whose quote is not the seed's, a field that fails its
    # model) is not reported again for stale offsets: its own problems come first.
    reported = {p.record_id for p in found if p.record_id}
    problems = [
        stale for stale in fill_spans(project, write=False).stale if stale.record_id not in reported
    ]
    # A seed whose entry fails is reported once, above; coverage would call every exclusion
    # of it dangling, so it waits until the seeds are sound.
    sound = library.entries <= set(library.seeds)
    if sound and (project.root / EXCLUSIONS_FILE).is_file():
        rows = [row for loaded in tables.values() for row in loaded.records]
        records = [row for row in rows if isinstance(row, Record)]
        problems += account(project, library, records, flagger_of(rows)).problems
    return problems


def _unreadable(problems: list[Problem]) -> bool:
    """Whether a file failed to parse as a whole (so none of its records could be read)."""
    return any(p.layer == PARSE and p.code != NOT_A_MAPPING.code for p in problems)


#: The folder of the curated files, and what else belongs in it besides the tables' files.
DATASETS = "datasets"
_ALSO_IN_DATASETS = (
    EXCLUSIONS_FILE,
    f"{DATASETS}/README.md",
    f"{DATASETS}/package",
    # What `libyadata review` keeps of the proposals it rejected (extract.decisions).
    f"{DATASETS}/extraction-rejections.yaml",
    f"{DATASETS}/extraction-accepted.yaml",
)
#: The build's own working files beside the package: its lock, staging and set-aside folders
#: (git ignores them as ``datasets/.package.*``).
_BUILD_FILES = ".package."


def unknown_files(project: Project) -> list[Problem]:
    """Report every entry of ``datasets/`` that is no table's file, the exclusions or a README.

    A misspelt copy of a table (``visit.yaml``) would otherwise be ignored without a word, and
    the records in it never published.
    """
    folder = project.root / DATASETS
    known = {t.source for t in TABLES if t.source.startswith(f"{DATASETS}/")}
    known.update(_ALSO_IN_DATASETS)
    try:
        entries = sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return []  # an unreadable folder: each table's own file reports it
    problems = []
    for entry in entries:
        shown = project.relative(entry)
        if shown not in known and not entry.name.startswith(_BUILD_FILES):
            near = closest(shown, known)
            problems.append(
                UNKNOWN_FILE(
                    shown=shown,
                    suggestion=f"did you mean {near}? " if near else "",
                    what="folder" if entry.is_dir() else "file",
                    file=shown,
                )
            )
    return problems
