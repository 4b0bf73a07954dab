"""A static website of a data package: every record beside its highlighted source text.

``write_site(package, out)`` writes, from a built package alone:

- ``index.html``: what the dataset is, its version, how to cite it, each table with its count,
  and the downloads (the release zip and ``SHA256SUMS``; every table's files in ``data/``);
- ``tables/<table>.html``: a table per record kind and for actors, places and sources, with its
  files, its records per year, and a filter, sorting and facets (``facets``; a few lines of
  inline script; without script the whole table shows); ``tables/events.html``, every record
  of every kind in one table;
- ``scope.html``: the period each kind covers, the sources, what is out of scope, known gaps;
- ``data/``: the package the site was made from, byte for byte, and Parquet (``downloads``);
- ``records/<id>.html``: a record as a card (names, not ids; dates with their precision, basis
  and note, ``June–July 2016, disputed``) and its evidence quotes, each linked to its span;
- ``seeds/<id>.html``: a source text whole, each cited span in a ``<mark>`` with an anchor
  (``#s1155-1292``) and a link back to its records, reviewed exclusions greyed;
- ``actors/<id>.html``, ``places/<id>.html``: who and where, and the records that name them;
- ``timeline.html`` and ``map.html``: static SVG figures (``charts``; the maps on a Natural
  Earth basemap, ``cartography``).

Every page carries its style and script inline and a Content-Security-Policy that allows
nothing else, so the site opens from ``file://`` and never loads anything from the network.
Templates are Jinja2 files under ``templates/`` with autoescaping: a quote holding
``<script>`` stays text. Two builds of one package are byte-identical, and the site is
written into a folder beside ``out`` and swapped into place whole.

Coverage exclusions are curator tooling, not part of the package: ``checkout_exclusions``
reads them from the checkout a package was built in, when there is one.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from .._version import __version__
from ..core import atomic
from ..models import Seed
from ..models.reference import GazetteerEntry
from ..models.tables import TABLES, Role, table
from ..provenance.exclusions import Exclusion
from ..readers.datapackage import DataPackage
from ..views.labelled import date_text, reference_fields
from .downloads import Downloads, downloads, table_files
from .facets import EVENTS, EVENTS_TITLE
from .listings import events_page, table_page, timeline_of
from .pages import Link, Row, Site, href, label, page_tables
from .scope import scope_of

if TYPE_CHECKING:
    import jinja2

#: The marker every page carries: a folder whose index.html has it is a site to replace.
GENERATOR = '<meta name="generator" content="libyadata'

__all__ = ["Exclusion", "checkout_exclusions", "is_site", "write_site"]


def write_site(
    package: DataPackage, out: Path, *, exclusions: list[Exclusion] | None = None
) -> dict[str, int]:
    """Write the static site of ``package`` into folder ``out``; return files written by kind.

    ``exclusions`` are the reviewed coverage exclusions to grey in the seed pages (``None``:
    not known, and the seed pages say so). ``out`` may be new, empty or an earlier site (it
    is replaced whole); any other folder is refused with ``FileExistsError``, and a missing
    parent folder with ``FileNotFoundError``. Raises ``PackageError`` for a package file that
    fails its hash check; ``out`` is then as it was.
    """
    counts: dict[str, int] = {}

    def fill(folder: Path) -> None:
        def emit(path: str, text: str) -> None:
            # Each page is written as it is made: the site is never held in memory whole.
            kind = path.split("/", maxsplit=1)[0] if "/" in path else "pages"
            counts[kind] = counts.get(kind, 0) + 1
            _write(folder / path, text.encode("utf-8"))

        files = _render(package, exclusions, emit)
        for path, data in files.items():
            _write(folder / path, data)
        counts["data files"] = len(files)

    atomic.write_folder(Path(out), fill, replaceable=is_site)
    return counts


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def is_site(folder: Path) -> bool:
    """Whether ``folder`` holds a site libyadata wrote (so that it may be replaced)."""
    index = folder / "index.html"
    try:
        return index.is_file() and GENERATOR in index.read_text(encoding="utf-8")[:2000]
    except (OSError, UnicodeDecodeError):
        return False


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def environment() -> jinja2.Environment:
    """Return the Jinja2 environment of the site's templates (autoescaping, strict names)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(package: DataPackage, exclusions: list[Exclusion] | None = None) -> dict[str, str]:
    """Return every page of the site of ``package``: its path in the site and its HTML."""
    return render_files(package, exclusions)[0]


def render_files(
    package: DataPackage, exclusions: list[Exclusion] | None = None
) -> tuple[dict[str, str], dict[str, bytes]]:
    """Return every page of the site of ``package`` and the data files it links, by path."""
    pages: dict[str, str] = {}
    files = _render(package, exclusions, pages.__setitem__)
    return dict(sorted(pages.items())), files


def _render(
    package: DataPackage, exclusions: list[Exclusion] | None, emit: Callable[[str, str], None]
) -> dict[str, bytes]:
    """Hand every page of the site to ``emit`` (path, HTML); return the data files by path."""
    site = Site(package, exclusions)
    found = downloads(package)
    env = environment()
    css, js = _asset("site.css"), _asset("site.js")
    descriptor = package.descriptor
    licences = ", ".join(str(item.get("name", "")) for item in descriptor.get("licenses", []))
    common: dict[str, Any] = {
        # The site's own files, shipped in the package: trusted markup, not data.
        "css": Markup(css),  # noqa: S704
        "js": Markup(js),  # noqa: S704
        # Nothing but the page's own style and script may load: no font, image or script
        # from anywhere, so the site works offline and leaks no visit to a third party.
        "csp": f"default-src 'none'; style-src 'sha256-{_hash(css)}'; "
        f"script-src 'sha256-{_hash(js)}'; img-src data:; base-uri 'none'; form-action 'none'",
        "generator": __version__,
        "dataset": descriptor.get("name", "dataset"),
        "version": package.version,
        "created": str(descriptor.get("created", ""))[:10],
        "licence": licences or "see the package",
        "nav": [
            {"href": f"tables/{EVENTS}.html", "text": EVENTS_TITLE},
            *({"href": f"tables/{t.name}.html", "text": t.title} for t in TABLES.records),
            {"href": "timeline.html", "text": "Timeline"},
            {"href": "map.html", "text": "Map"},
            {"href": f"tables/{TABLES.sources.name}.html", "text": "Sources"},
            *(
                {"href": f"tables/{t.name}.html", "text": t.title}
                for t in TABLES.with_role(Role.REFERENCE)
            ),
            {"href": "scope.html", "text": "Scope"},
        ],
    }

    def page(path: str, template: str, **context: Any) -> None:
        root = "../" * path.count("/")
        emit(
            path, env.get_template(template).render(common | {"root": root, "here": path} | context)
        )

    _index(site, page, found)
    # Every table the navigation names gets its page, empty or not.
    for source in page_tables():
        files = table_files(package, source.name, found)
        page(
            f"tables/{source.name}.html",
            "table.html",
            page=table_page(site, source.name, files),
        )
    page(f"tables/{EVENTS}.html", "table.html", page=events_page(site))
    page("scope.html", "scope.html", scope=scope_of(site))
    _records(site, page)
    _seeds(site, page)
    _entities(site, page)
    chart, undated, dated = timeline_of(site)
    page("timeline.html", "timeline.html", chart=chart, undated=undated, dated=dated)
    _map_page(site, page)
    return found.files


Page = Callable[..., None]
"""The ``page(path, template, **context)`` callback of ``render``."""


def _map_page(site: Site, page: Page) -> None:
    from .cartography import (
        BEYOND_WIDTH,
        KINDS,
        LEGEND_WIDTH,
        VIEWS,
        basemap,
        draw,
        located_places,
    )

    located, unlocated = located_places(site)
    shown = {place.precision for place in located}
    legend = [(kind, text) for kind, text in KINDS.items() if kind in shown]
    maps = [draw(view, located, len(legend)) for view in VIEWS]
    page(
        "map.html",
        "map.html",
        maps=maps,
        located=sorted(located, key=lambda p: (p.label, p.place_id)),
        unlocated=unlocated,
        total=len(site.rows("places")),
        legend=legend,
        legend_width=LEGEND_WIDTH,
        beyond_width=BEYOND_WIDTH,
        source=basemap()["source"],
        licence=basemap()["licence"],
        records={p.place_id: site.referrer_links(p.place_id) for p in located},
    )


def _index(site: Site, page: Page, found: Downloads) -> None:
    from ..cite.styles import cite

    package = site.package
    descriptor = package.descriptor
    tables = []
    for source in page_tables():
        rows = site.rows(source.name)
        if rows or source is TABLES.sources:
            tables.append(
                {
                    "href": f"tables/{source.name}.html",
                    "title": source.title,
                    "count": len(rows),
                    "description": summary(source.model),
                }
            )
    records = site.records()
    spans = {(span.seed_id, span.start, span.end) for _, r in records for span in r.evidence}
    # The description's first two sentences say what the data is; the rest is for users of
    # the files, behind a disclosure.
    sentences = re.split(r"(?<=[.!?])\s+", str(descriptor.get("description", "")).strip())
    lead, more = " ".join(sentences[:2]), " ".join(sentences[2:])
    page(
        "index.html",
        "index.html",
        title=descriptor.get("title", descriptor.get("name", "")),
        lead=lead,
        more=more,
        totals=f"{len(records)} records rest on {len(spans)} quoted passages of "
        f"{len(site.rows('seeds'))} source texts.",
        tables=tables,
        downloads=found,
        files=[
            (title, table_files(package, name, found))
            for name, title in ((t.name, t.title) for t in TABLES)
            if package.has(name) or package.has(f"{name}-jsonl")
        ],
        apa=_emphasis(cite(package, None, "apa").strip()),
        bibtex=cite(package, None, "bibtex").strip(),
        licences=[
            {"title": item.get("title") or item.get("name", ""), "path": item.get("path")}
            for item in descriptor.get("licenses", [])
            if isinstance(item, dict)
        ],
    )


def _records(site: Site, page: Page) -> None:
    from ..cite.styles import citation

    seeds = site.seeds()
    for table_name, record in site.records():
        page(
            href(table_name, record.id),
            "record.html",
            record=record,
            table_name=table_name,
            table_title=table(table_name).title,
            title=site.title(record.id),
            card=site.card(record),
            quotes=site.quotes(record),
            citation=citation(site.package, record, "text", seeds).strip(),
        )


def _seeds(site: Site, page: Page) -> None:
    for seed in site.rows(TABLES.sources.name).values():
        if not isinstance(seed, Seed):
            continue
        _, cited, excluded = site.seed_text(seed)
        published = f"{date_text(seed.published)} ({seed.published.basis})"
        meta = [
            ("Publisher", seed.publisher.value or "unknown"),
            ("Author", seed.author.value or "unknown"),
            ("Published", published),
            ("Kind", str(seed.source_type).replace("_", " ")),
            ("Languages", ", ".join(seed.languages)),
            ("Length", f"{seed.code_points} characters (code points), sha256 {seed.sha256}"),
        ]
        page(
            href(TABLES.sources.name, seed.id),
            "seed.html",
            seed=seed,
            meta=meta,
            text=site.marked_text(seed),
            direction="rtl" if seed.languages[0].split("-")[0] in RTL else "ltr",
            cited=cited,
            exclusions=None if site.exclusions is None else excluded,
        )


def _entities(site: Site, page: Page) -> None:
    for source in TABLES.with_role(Role.REFERENCE):
        for row_id, row in site.rows(source.name).items():
            card = []
            for name in type(row).model_fields:
                value = getattr(row, name)
                if name in ("id", "name") or value is None or value == ():
                    continue
                if name == "names":
                    spellings = dict.fromkeys(item.name for item in value)
                    card.append(Row(name, "Spellings", tuple(Link(s) for s in spellings)))
                elif name == "roles":
                    card.append(
                        Row(name, "Roles", tuple(Link(f"{r.role} ({r.seed_id})") for r in value))
                    )
                elif name == "gazetteer":
                    card.append(_gazetteer(value))
                else:
                    target = reference_fields(type(row)).get(name, ("", False))[0]
                    values, details = site.value(value, target)
                    card.append(Row(name, label(name), values, details))
            page(
                href(source.name, row_id),
                "entity.html",
                row_id=row_id,
                name=site.lookup.name(source.name, row_id),
                table_name=source.name,
                table_title=source.title,
                card=card,
                records=site.referrer_links(row_id),
            )


def _gazetteer(entry: GazetteerEntry) -> Row:
    point = entry.point
    where = (
        f"{point[0]:.5f}° N, {point[1]:.5f}° E ({entry.precision or 'precision not stated'})"
        if point is not None
        else "no coordinates"
    )
    names = {
        "geonames": "GeoNames",
        "airportsdata": "airportsdata",
        "natural_earth": "Natural Earth",
    }
    name = names.get(str(entry.gazetteer), str(entry.gazetteer))
    code = entry.code or entry.geonames_id
    return Row(
        "gazetteer",
        "Gazetteer",
        (Link(f"{name} {code}", hint=entry.gazetteer.description),),
        (where, f"source: {entry.source.citation}"),
    )


def summary(model: type) -> str:
    """Return the first line of a model's docstring: what one row of its table is."""
    return str(model.__doc__ or "").strip().splitlines()[0].replace("``", "")


def _emphasis(text: str) -> Markup:
    """Return APA text with its ``*title*`` markers as ``<em>``, everything else escaped."""
    parts = text.split("*")
    if len(parts) % 2 == 0:  # an odd number of markers: not emphasis, keep them as text
        return escape(text)
    return Markup("").join(
        Markup("<em>{}</em>").format(part) if index % 2 else escape(part)
        for index, part in enumerate(parts)
    )


#: Languages written right to left, by BCP 47 primary tag.
RTL = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb"})


def checkout_exclusions(
    package: DataPackage, root: Path | None = None
) -> tuple[list[Exclusion] | None, str]:
    """Return the reviewed coverage exclusions for ``package``, and where they came from.

    They are read from the checkout at ``root``, or else from the checkout the package was
    built in (a package at ``<checkout>/datasets/package``). Only the exclusions of seeds whose
    text in the checkout is the package's, byte for byte, are kept (their offsets hold). With
    no checkout the result is ``None`` and the reason.
    """
    from ..provenance.exclusions import EXCLUSIONS_FILE, load_exclusions
    from ..sources.project import Project, ProjectNotFoundError
    from ..sources.seeds import SeedLibrary

    # A package built in a checkout sits at <checkout>/datasets/package.
    candidates = [root] if root is not None else list(package.root.resolve().parents)[1:2]
    for candidate in candidates:
        try:
            project = Project.at(candidate)
        except ProjectNotFoundError:
            continue
        if not (project.root / EXCLUSIONS_FILE).is_file():
            return None, f"{project.root} has no {EXCLUSIONS_FILE}"
        library = SeedLibrary.load(project)
        located, problems = load_exclusions(project, library)
        shipped = {
            seed.id: seed.sha256
            for seed in package.records(TABLES.sources)
            if isinstance(seed, Seed)
        }
        kept = [
            item
            for item in located
            if item.rule.seed_id in library.seeds
            and shipped.get(item.rule.seed_id) == library.seeds[item.rule.seed_id].sha256
        ]
        shown = project.relative(project.root / EXCLUSIONS_FILE)
        note = f"{len(kept)} coverage exclusions from {shown}"
        if problems:
            note += f" ({len(problems)} entries could not be located and are left out)"
        return kept, f"{note} in {project.root}"
    return None, "no checkout (coverage exclusions are not part of the data package)"
