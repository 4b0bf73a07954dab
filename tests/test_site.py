"""The static site: every record on a page with its quotes, every span marked in its seed."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import libyadata
from conftest import ROOT
from libyadata.cli import app
from libyadata.models import FuzzyDate, Record, Seed
from libyadata.models.tables import TABLES, Role
from libyadata.readers.datapackage import DataPackage
from libyadata.readers.packageerror import PackageError
from libyadata.site import checkout_exclusions, is_site, render, render_files, write_site
from libyadata.site.charts import MIN_BAR
from libyadata.site.markup import Interval, mark_up
from libyadata.views.labelled import date_text, range_text, seed_resource
from sitekit import (
    PACKAGE,
    POINTS,
    Element,
    edit_table,
    located_package,
    parse,
    shipped_points,
    unlocated_package,
)

RECORD_TABLES = tuple(t.name for t in TABLES.records)
REFERENCE_TABLES = tuple(t.name for t in TABLES.with_role(Role.REFERENCE))


#: Under xdist the module's tests run on one worker, so that what they share (the site rendered
#: once) is built once.
pytestmark = pytest.mark.xdist_group("site")


@pytest.fixture(scope="module")
def package() -> DataPackage:
    return DataPackage.open(PACKAGE)


@pytest.fixture(scope="module")
def rendered(package: DataPackage) -> tuple[dict[str, str], dict[str, bytes]]:
    exclusions, _ = checkout_exclusions(package)
    return render_files(package, exclusions)


@pytest.fixture(scope="module")
def pages(rendered: tuple[dict[str, str], dict[str, bytes]]) -> dict[str, str]:
    return rendered[0]


@pytest.fixture(scope="module")
def files(rendered: tuple[dict[str, str], dict[str, bytes]]) -> dict[str, bytes]:
    return rendered[1]


@pytest.fixture(scope="module")
def trees(pages: dict[str, str]) -> dict[str, Element]:
    return {path: parse(html) for path, html in pages.items()}


def records(package: DataPackage) -> list[tuple[str, Record]]:
    found = []
    for name in RECORD_TABLES:
        found += [(name, r) for r in package.records(name) if isinstance(r, Record)]
    return found


def seed_texts(package: DataPackage) -> dict[str, str]:
    return {
        seed.id: package.read_bytes(seed_resource(package, seed)).decode("utf-8")
        for seed in package.records("seeds")
        if isinstance(seed, Seed)
    }


def test_every_record_has_a_page_with_every_quote_linked_to_its_span(
    package: DataPackage, trees: dict[str, Element]
) -> None:
    every = records(package)
    # every row of every record table of the registry, whatever kinds it holds
    assert len(every) == sum(len(package.records(t.name)) for t in TABLES.records) > 0
    assert {p for p in trees if p.startswith("records/")} == {
        f"records/{r.id}.html" for _, r in every
    }
    for _, record in every:
        page = trees[f"records/{record.id}.html"]
        quotes = page.find_all("a", class_="quote")
        assert [q.text for q in quotes] == [span.quote for span in record.evidence]
        for quote, span in zip(quotes, record.evidence, strict=True):
            assert quote.attributes["href"] == (
                f"../seeds/{span.seed_id}.html#s{span.start}-{span.end}"
            )
        # Names, not ids: no actor or place id is shown as text on the card.
        card = page.find_all("section", class_="card")[0].text
        assert not re.search(r"\b(ACT|PLC)-[a-z]", card), record.id


def test_a_disputed_range_reads_as_a_reader_would(trees: dict[str, Element]) -> None:
    card = trees["records/VIS-0001.html"].find_all("section", class_="card")[0]
    date = next(
        f for f in card.find_all("div", class_="field") if "disputed" in f.attributes["class"]
    )
    assert "June–July 2016, disputed" in date.text
    assert "precision: range · basis: inferred" in date.text
    visitors = next(f for f in card.find_all("div", class_="field") if "Visitors" in f.text)
    (link,) = visitors.find_all("a", href="../actors/ACT-khalifa-haftar.html")
    assert link.text == "Khalifa Haftar"


def test_every_cited_span_is_marked_with_its_exact_text(
    package: DataPackage, trees: dict[str, Element]
) -> None:
    texts = seed_texts(package)
    spans = {(s.seed_id, s.start, s.end) for _, r in records(package) for s in r.evidence}
    split = 0
    for seed_id, text in texts.items():
        page = trees[f"seeds/{seed_id}.html"]
        (body,) = page.find_all("div", class_="seedtext")
        assert body.text == text  # the whole text, unchanged: marks add elements only
        for sid, start, end in spans:
            if sid != seed_id:
                continue
            anchor = f"s{start}-{end}"
            pieces = body.find_all("mark", data_span=anchor)
            assert pieces, anchor
            assert pieces[0].attributes["id"] == anchor
            assert "".join(p.text for p in pieces) == text[start:end]
            split += len(pieces) > 1
            # ...and the passage links back to the records citing it.
            (item,) = page.find_all("li", id=f"cite-{anchor}")
            assert item.find_all("a", href=f"#{anchor}")
    assert split >= 2  # the data has crossing spans (SEED-001, SEED-002): drawn in pieces


def test_coverage_exclusions_are_shown_when_a_checkout_has_them(
    package: DataPackage, trees: dict[str, Element]
) -> None:
    exclusions, source = checkout_exclusions(package)
    assert exclusions is not None
    assert "datasets/coverage-exclusions.yaml" in source
    texts = seed_texts(package)
    for exclusion in exclusions:
        page = trees[f"seeds/{exclusion.rule.seed_id}.html"]
        (element,) = page.find_all("span", id=f"x{exclusion.start}-{exclusion.end}")
        assert element.text == texts[exclusion.rule.seed_id][exclusion.start : exclusion.end]
        assert exclusion.rule.reason in element.attributes["title"]
    # Without a checkout the seed pages say the exclusions are not known, rather than none.
    bare = parse(render(package, None)["seeds/SEED-000.html"])
    assert not bare.find_all("span", class_="excluded")
    assert "not part of the data package" in bare.text


def test_checkout_exclusions_needs_a_checkout(tmp_path: Path, package: DataPackage) -> None:
    copy = tmp_path / "elsewhere" / "deep" / "package"
    shutil.copytree(PACKAGE, copy)
    exclusions, source = checkout_exclusions(DataPackage.open(copy))
    assert exclusions is None
    assert "no checkout" in source
    exclusions, _ = checkout_exclusions(DataPackage.open(copy), ROOT)
    assert exclusions is not None
    assert len(exclusions) > 50


def test_index_has_version_citation_and_every_table_count(
    package: DataPackage, trees: dict[str, Element]
) -> None:
    index = trees["index.html"]
    assert package.version in index.text
    assert "How to cite" in index.text
    assert "libyadata contributors" in index.text
    rows = {
        row.find_all("a")[0].text: int(row.find_all("td", class_="num")[0].text)
        for row in index.find_all("tbody")[0].find_all("tr")
    }
    assert rows["Visits"] == len(package.records("visits"))
    assert rows["Places"] == len(package.records("places"))
    assert sum(rows.values()) == sum(
        len(package.records(n)) for n in (*RECORD_TABLES, TABLES.sources.name, *REFERENCE_TABLES)
    )


def test_table_pages_list_every_row_with_a_filter(
    package: DataPackage, trees: dict[str, Element]
) -> None:
    for name in (*RECORD_TABLES, *REFERENCE_TABLES, TABLES.sources.name):
        page = trees[f"tables/{name}.html"]
        (table,) = page.find_all("table", id="rows")
        assert len(table.find_all("tbody")[0].find_all("tr")) == len(package.records(name))
        assert page.find_all("input", data_filter="rows")


def test_timeline_draws_ranges_as_ranges(package: DataPackage, trees: dict[str, Element]) -> None:
    page = trees["timeline.html"]
    bars = page.find_all("rect", class_="visits")
    dated = [v for v in package.records("visits") if getattr(v, "date", None) is not None]
    assert len(bars) == len(dated)
    widths = {}
    for group in page.find_all("a", class_="bar"):
        record_id = group.attributes["href"].split("/")[-1].removesuffix(".html")
        widths[record_id] = float(group.find_all("rect")[0].attributes["width"])
    # VIS-0001: June–July 2016 (61 days); VIS-0002: November 2016 (30); VIS-0003: one day.
    assert widths["VIS-0001"] == pytest.approx(widths["VIS-0002"] * 61 / 30, rel=0.02)
    assert widths["VIS-0003"] == MIN_BAR  # a day: a short mark, wide enough to see
    assert len(page.find_all("a", class_="bar")) == sum(
        1
        for source in TABLES.records
        if source.timeline
        for r in package.records(source)
        if getattr(r, "date", None) is not None
    )


def _map_places(figure: Element) -> tuple[dict[str, Element], set[str]]:
    """The points of one map by place id, and the ids of the places listed beyond it."""
    points = {p.attributes["data-place"]: p for p in figure.find_all("a", class_="point")}
    beyond = {p.attributes["data-place"] for p in figure.find_all("a", class_="beyond-place")}
    return points, beyond


def test_map_draws_the_places_that_have_coordinates(tmp_path: Path) -> None:
    package = DataPackage.open(located_package(tmp_path))
    page = parse(render(package)["map.html"])
    libya, region = page.find_all("figure", class_="map-figure")
    for figure in (libya, region):
        # The basemap: land, coastlines and borders, each a path with something drawn.
        for kind in ("land", "coast", "border"):
            (path,) = figure.find_all("path", class_=kind)
            assert path.attributes["d"].startswith("M")
            assert path.attributes["d"].count("L") > 20
        points, beyond = _map_places(figure)
        # Every place with coordinates is a point or listed beyond this map, never both.
        assert set(points) | beyond == set(POINTS)
        assert not set(points) & beyond
        for place_id, point in points.items():
            assert point.attributes["href"] == f"places/{place_id}.html"
    points, beyond = _map_places(libya)
    assert set(points) == set(POINTS) - {"PLC-moscow"}
    assert beyond == {"PLC-moscow"}
    marks = {
        key: (
            float(p.find_all("circle")[0].attributes["cx"]),
            float(p.find_all("circle")[0].attributes["cy"]),
        )
        for key, p in points.items()
    }
    # North is up, east is right: Tripoli west of Benghazi, Sirte south of Tripoli.
    assert marks["PLC-tripoli"][0] < marks["PLC-benghazi"][0] < marks["PLC-tobruk"][0]
    assert marks["PLC-sirte"][1] > marks["PLC-tripoli"][1]
    # Labels: one per point here (these four are far enough apart).
    labels = [p.find_all("text")[0] for p in points.values()]
    assert sorted(t.text for t in labels) == ["Benghazi", "Sirte", "Tobruk", "Tripoli"]
    unlocated = page.find_all("h2")[-1].text
    assert unlocated == "Places without coordinates"
    # The shipped package draws exactly its places with a gazetteer point, each once a map.
    shipped = parse(render(DataPackage.open(PACKAGE))["map.html"])
    for figure in shipped.find_all("figure", class_="map-figure"):
        points, beyond = _map_places(figure)
        assert set(points) | beyond == shipped_points()
    # With no coordinates at all, the map says so instead of drawing guesses.
    bare = parse(render(DataPackage.open(unlocated_package(tmp_path / "bare")))["map.html"])
    assert not bare.find_all("a", class_="point")
    assert "No place in this version has coordinates" in bare.text


def test_map_labels_do_not_collide() -> None:
    from libyadata.site.cartography import FONT, VIEWS, Located, draw

    # Twelve places a tenth of a degree apart: not every label fits, none overlaps another.
    crowded = [
        Located(
            f"PLC-{n}",
            f"places/PLC-{n}.html",
            f"Place {n}",
            "",
            32.0,
            20.0 + n / 10,
            "settlement",
            n,
        )
        for n in range(12)
    ]
    drawn = draw(VIEWS[0], crowded)
    boxes = []
    for point in drawn.points:
        if point.label is None:
            continue
        width = len(point.label) * FONT * 0.58
        left = point.label_x - {"start": 0, "middle": width / 2, "end": width}[point.anchor]
        boxes.append((left, point.label_y - FONT + 2, left + width, point.label_y + 3))
    assert 2 <= len(boxes) < len(crowded)
    for index, a in enumerate(boxes):
        for b in boxes[index + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    # The place most records name keeps its label.
    assert next(p for p in drawn.points if p.place_id == "PLC-11").label == "Place 11"


def test_text_from_the_data_stays_text(tmp_path: Path) -> None:
    copy = tmp_path / "package"
    shutil.copytree(PACKAGE, copy)
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'

    def poison(record: dict[str, object]) -> None:
        if record["id"] == "VIS-0001":
            record["notes"] = attack
            record["purpose"] = attack

    edit_table(copy, "visits", poison)
    html = render(DataPackage.open(copy))["records/VIS-0001.html"]
    page = parse(html)
    assert len(page.find_all("script")) == 1  # the site's own
    assert not page.find_all("img")
    assert page.text.count(attack) == 2
    assert "&lt;script&gt;" in html


def test_mark_up_escapes_and_nests() -> None:
    text = "a<b>&c d"
    html = mark_up(
        text,
        [Interval(0, 4, "mark", "one"), Interval(2, 8, "mark", "two"), Interval(3, 4, "span", "x")],
    )
    page = parse(f"<div>{html}</div>")
    assert page.text == text
    assert "".join(m.text for m in page.find_all("mark", data_span="two")) == text[2:8]
    assert page.find_all("mark", id="one")[0].text == text[0:4]
    assert "<b>" not in html


def test_pages_are_offline_and_allow_only_their_own_assets(pages: dict[str, str]) -> None:
    for path, html in pages.items():
        page = parse(html)
        (policy,) = page.find_all("meta", http_equiv="Content-Security-Policy")
        rules = dict(rule.strip().split(" ", 1) for rule in policy.attributes["content"].split(";"))
        assert rules["default-src"] == "'none'"
        (style,) = page.find_all("style")
        (script,) = page.find_all("script")
        for element, rule in ((style, "style-src"), (script, "script-src")):
            digest = base64.b64encode(hashlib.sha256(element.text.encode()).digest()).decode()
            assert rules[rule] == f"'sha256-{digest}'", path
        for element in page.iter():
            assert "src" not in element.attributes, (path, element.tag)
            if element.tag == "link":
                raise AssertionError(f"{path}: <link> loads a resource")
            if element.tag == "a" and element.attributes.get("href", "").startswith("http"):
                assert element.attributes.get("rel") == "noreferrer", path
        assert "@import" not in style.text
        assert "url(" not in style.text


def test_internal_links_resolve(
    pages: dict[str, str], files: dict[str, bytes], trees: dict[str, Element]
) -> None:
    for path, page in trees.items():
        folder = Path(path).parent
        for link in page.find_all("a"):
            target = link.attributes.get("href", "")
            if not target or target.startswith(("http://", "https://")):
                continue
            file, _, anchor = target.partition("#")
            resolved = (folder / file).as_posix() if file else path
            resolved = str(Path(resolved)).replace("\\", "/")
            while "/../" in f"/{resolved}":
                resolved = re.sub(r"(^|/)[^/]+/\.\./", r"\1", resolved, count=1)
            assert resolved in pages or resolved in files, (path, target)
            if anchor:
                assert f'id="{anchor}"' in pages[resolved], (path, target)


def test_site_is_deterministic_and_atomic(
    tmp_path: Path, package: DataPackage, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    counts = write_site(package, first)
    write_site(package, second)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert sum(counts.values()) == len(files)
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert is_site(first)

    # An earlier site is replaced whole; anything else is refused and left alone.
    (first / "stale.html").write_text("old", encoding="utf-8")
    write_site(package, first)
    assert not (first / "stale.html").exists()
    other = tmp_path / "mine"
    other.mkdir()
    (other / "thesis.tex").write_text("precious", encoding="utf-8")
    with pytest.raises(FileExistsError, match="holds other files"):
        write_site(package, other)
    assert [p.name for p in other.iterdir()] == ["thesis.tex"]
    with pytest.raises(FileNotFoundError):
        write_site(package, tmp_path / "missing" / "site")
    with pytest.raises(NotADirectoryError):
        write_site(package, other / "thesis.tex")

    # A failure half-way leaves the old site as it was and no staging folder.
    before = {p: p.read_bytes() for p in first.rglob("*") if p.is_file()}

    original = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        if self.name == "map.html":
            raise OSError(28, "No space left on device")
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OSError, match="No space left"):
        write_site(package, first)
    monkeypatch.undo()
    assert {p: p.read_bytes() for p in first.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "one", "two"]


def test_a_damaged_package_writes_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "package"
    shutil.copytree(PACKAGE, copy)
    seed = next(copy.glob("seeds/*.txt"))
    seed.write_bytes(seed.read_bytes() + b"!")
    with pytest.raises(PackageError, match="does not match"):
        write_site(DataPackage.open(copy), tmp_path / "site")
    assert not (tmp_path / "site").exists()
    result = CliRunner().invoke(app, ["site", str(tmp_path / "site"), "--package", str(copy)])
    assert result.exit_code == 1, result.output
    assert "nothing was written" in result.output


def test_site_command(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "site"
    result = runner.invoke(app, ["site", str(out), "--package", str(PACKAGE)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"site: {out}/index.html · ")
    assert "coverage exclusions from datasets/coverage-exclusions.yaml" in result.output
    assert (out / "records" / "VIS-0001.html").is_file()
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    for arguments in (
        [str(tmp_path)],  # a folder of other files
        [str(tmp_path / "notes.txt")],  # a file
        [str(tmp_path / "missing" / "site")],
        [str(out), "--package", str(tmp_path / "nowhere")],
        [str(out), "--root", str(tmp_path)],  # not a checkout
    ):
        result = runner.invoke(app, ["site", *arguments])
        assert result.exit_code == 2, (arguments, result.output)
        assert result.output.startswith("error: ")
        assert "Traceback" not in result.output
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (dt.date(2016, 6, 1), dt.date(2016, 7, 31), "June–July 2016"),
        (dt.date(2016, 11, 1), dt.date(2016, 11, 30), "November 2016"),
        (dt.date(2024, 5, 17), dt.date(2024, 5, 21), "17–21 May 2024"),
        (dt.date(2023, 1, 1), dt.date(2024, 12, 31), "2023–2024"),
        (dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2020"),
        (dt.date(2023, 12, 1), dt.date(2024, 2, 29), "December 2023 – February 2024"),
        (dt.date(2023, 9, 28), dt.date(2023, 10, 3), "28 September – 3 October 2023"),
        (dt.date(2023, 1, 1), dt.date(2024, 5, 21), "1 January 2023 – 21 May 2024"),
        (dt.date(2023, 9, 28), dt.date(2023, 9, 28), "28 September 2023"),
        (None, dt.date(2023, 10, 2), "not after 2 October 2023"),
        (dt.date(2017, 3, 14), None, "not before 14 March 2017"),
    ],
)
def test_range_text(first: dt.date | None, last: dt.date | None, expected: str) -> None:
    assert range_text(first, last) == expected


def test_date_text_follows_precision() -> None:
    assert (
        date_text(FuzzyDate(precision="day", value="2023-09-28", basis="stated"))
        == "28 September 2023"
    )
    assert (
        date_text(FuzzyDate(precision="month", value="2016-11", basis="stated")) == "November 2016"
    )
    assert date_text(FuzzyDate(precision="year", value="2020", basis="stated")) == "2020"
    assert date_text(None) == "undated"


def test_the_installed_package_builds_a_site(tmp_path: Path) -> None:
    package = libyadata.DataPackage.open(PACKAGE)
    counts = write_site(package, tmp_path / "site")
    assert counts["records"] == len(records(package)) > 0
    assert counts["seeds"] == 5


def _rows(tree: Element) -> list[Element]:
    (table,) = tree.find_all("table", id="rows")
    return table.find_all("tbody")[0].find_all("tr")


def test_record_tables_carry_their_facets_and_read_without_script(
    package: DataPackage, trees: dict[str, Element]
) -> None:
    from libyadata.views.labelled import reference_fields

    for name in RECORD_TABLES:
        page = trees[f"tables/{name}.html"]
        by_id = {r.id: r for r in package.records(name) if isinstance(r, Record)}
        rows = _rows(page)
        assert [row.find_all("td")[0].text for row in rows] == list(by_id)
        for row in rows:
            record = by_id[row.find_all("td")[0].text]
            data = row.attributes
            assert data["data-status"] == str(getattr(record, "status", ""))
            date = getattr(record, "date", None) or getattr(record, "period", None)
            earliest = date.earliest if date is not None else None
            assert data["data-start"] == (earliest.isoformat() if earliest else "")
            named = {
                value
                for field, (target, _) in reference_fields(type(record)).items()
                if target == "actors"
                for value in (
                    getattr(record, field)
                    if isinstance(getattr(record, field), tuple)
                    else (getattr(record, field),)
                )
                if value
            }
            assert set(filter(None, data["data-actors"].split("|"))) == named
            # Every cell names its column, so a phone can show each row as a card.
            assert all(cell.attributes.get("data-label") for cell in row.find_all("td"))
        # The controls are hidden until the script shows them: without it, a plain table.
        (form,) = page.find_all("form", class_="tools")
        assert "hidden" in form.attributes
        statuses = {}
        for label in form.find_all("label"):
            boxes = label.find_all("input", data_facet="status")
            if boxes:
                count = label.find_all("span")[0].text.strip("()")
                statuses[boxes[0].attributes["value"]] = int(count)
        counted: dict[str, int] = {}
        for record in by_id.values():
            status = str(getattr(record, "status", ""))
            counted[status] = counted.get(status, 0) + 1
        assert statuses == counted


def test_the_combined_view_lists_every_record_with_its_kind(
    package: DataPackage, trees: dict[str, Element]
) -> None:
    page = trees["tables/events.html"]
    rows = _rows(page)
    assert [(row.attributes["data-kind"], row.find_all("td")[0].text) for row in rows] == [
        (name, record.id) for name, record in records(package)
    ]
    kinds = {box.attributes["value"] for box in page.find_all("input", data_facet="kind")}
    assert kinds == set(RECORD_TABLES)
    assert page.find_all("select", data_facet="actors")
    assert page.find_all("select", data_facet="places")
    assert page.find_all("input", data_date="from")


def test_counts_over_time_add_up(package: DataPackage, trees: dict[str, Element]) -> None:
    for name in RECORD_TABLES:
        (figure,) = trees[f"tables/{name}.html"].find_all("figure", class_="counts")
        cells = [row.find_all("td") for row in figure.find_all("tbody")[0].find_all("tr")]
        numbers = {cells_[0].text: int(cells_[1].text) for cells_ in cells}
        assert sum(numbers.values()) == len(package.records(name))
        for record in package.records(name):
            date = getattr(record, "date", None) or getattr(record, "period", None)
            if date is not None and date.earliest is not None:
                assert numbers[str(date.earliest.year)] >= 1


def test_table_pages_and_the_index_link_the_data(
    package: DataPackage, files: dict[str, bytes], trees: dict[str, Element]
) -> None:
    for name in RECORD_TABLES:
        links = {
            a.attributes["href"]: a.text
            for a in trees[f"tables/{name}.html"].find_all("a")
            if "download" in a.attributes
        }
        csv = f"../data/csv/{name}.csv"
        jsonl = f"../data/jsonl/{name}.jsonl"
        assert csv in links
        assert jsonl in links
        # The files are the package's own bytes.
        assert files[csv[3:]] == package.read_bytes(name)
        assert files[jsonl[3:]] == package.read_bytes(f"{name}-jsonl")
        if importlib.util.find_spec("pyarrow") is not None:
            assert f"../data/parquet/{name}.parquet" in links
    index = trees["index.html"]
    hrefs = [a.attributes.get("href", "") for a in index.find_all("a")]
    from libyadata.releases.registry import release_url

    assert release_url(package.version) in hrefs
    assert release_url(package.version).rsplit("/", 1)[0] + "/SHA256SUMS" in hrefs
    assert "data/datapackage.json" in hrefs
    assert files["data/datapackage.json"] == (PACKAGE / "datapackage.json").read_bytes()
    if importlib.util.find_spec("pyarrow") is not None:
        assert "data/parquet/visits.parquet" in hrefs


def test_the_data_folder_is_a_valid_package(tmp_path: Path, package: DataPackage) -> None:
    write_site(package, tmp_path / "site")
    copy = DataPackage.open(tmp_path / "site" / "data")
    copy.verify()
    copy.verify_sums()
    assert copy.records("visits") == package.records("visits")


def test_cite_this_record_is_plain_text_with_the_repository(trees: dict[str, Element]) -> None:
    from libyadata.releases.registry import REPOSITORY

    page = trees["records/VIS-0001.html"]
    (section,) = [
        s for s in page.find_all("section") if s.attributes.get("aria-labelledby") == "cite-record"
    ]
    text = section.find_all("pre")[0].text
    assert "*" not in text
    assert REPOSITORY in text
    assert text.startswith("Record VIS-0001 of libyadata")


def test_scope_page_states_periods_sources_and_gaps(
    package: DataPackage, trees: dict[str, Element]
) -> None:
    page = trees["scope.html"]
    text = " ".join(page.text.split())
    for name in RECORD_TABLES:
        years = [
            day.year
            for record in package.records(name)
            if (date := getattr(record, "date", None) or getattr(record, "period", None))
            for day in (date.earliest, date.latest)
            if day is not None
        ]
        (row,) = [tr for tr in page.find_all("tr") if _first_link(tr) == f"tables/{name}.html"]
        cells = [cell.text for cell in row.find_all("td")]
        assert int(cells[1]) == len(package.records(name))
        period = f"{min(years)}–{max(years)}" if min(years) < max(years) else str(min(years))
        assert cells[3] == period
    for seed in package.records("seeds"):
        assert isinstance(seed, Seed)
        cited = sum(1 for _, r in records(package) if seed.id in {s.seed_id for s in r.evidence})
        (row,) = [tr for tr in page.find_all("tr") if _first_link(tr) == f"seeds/{seed.id}.html"]
        assert int(row.find_all("td")[3].text) == cited
    assert "out of scope" in text.lower()
    # The coverage exclusions of the checkout: as many sentences as it lists.
    exclusions, _ = checkout_exclusions(package)
    assert exclusions is not None
    assert f"{len(exclusions)} sentences of the sources" in text


def _first_link(row: Element) -> str | None:
    links = row.find_all("a")
    return links[0].attributes.get("href") if links else None


def test_readme_states_the_scope_of_the_shipped_data(package: DataPackage) -> None:
    from libyadata.site.pages import Site
    from libyadata.site.scope import scope_of

    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    section = readme.split("## Scope and coverage", 1)[1].split("## ", 1)[0]
    scope = scope_of(Site(package, checkout_exclusions(package)[0]))
    for period in scope.periods:
        dated = f", {period.dated} dated" if period.dated != period.records else ""
        stated = f"{period.title.lower()} {period.period} ({period.records}{dated})"
        assert stated in section, stated
    for source in scope.sources:
        seed_id = (
            source.seed.href.rsplit("/", 1)[-1].removesuffix(".html") if source.seed.href else ""
        )
        row = section.split(f"| {seed_id},", 1)[1].split("|")
        assert [cell.strip() for cell in row[2:5]] == [
            str(source.records),
            str(source.passages),
            str(source.excluded),
        ], seed_id
    assert f"the {sum(count for _, count in scope.reasons or ())} sentences" in section
