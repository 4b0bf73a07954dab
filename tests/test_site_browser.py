"""The site in a real browser: headless Chromium from the system's packages, from file://.

Chromium and its driver come from Debian (``apt-get install chromium chromium-driver``; the CI
script installs them when missing). Selenium is pointed at both binaries explicitly and its
driver manager is disabled, so nothing is ever downloaded. Without the browser these tests skip
on a developer's machine and fail under CI (``CI=true``), where they must run.

Screenshots of the index, a record, a seed page, the timeline and the map are kept in
``$LIBYADATA_SCREENSHOTS`` (default: a folder under pytest's temporary folder, printed);
``LIBYADATA_SCREENSHOTS=docs/screenshots`` refreshes the ones README links.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from libyadata.models import Record, Seed
from libyadata.models.tables import TABLES
from libyadata.readers.datapackage import DataPackage
from libyadata.site import checkout_exclusions, write_site
from libyadata.views.labelled import seed_resource
from sitekit import PACKAGE, POINTS, located_package, shipped_points

CHROMIUM = Path(os.environ.get("LIBYADATA_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("LIBYADATA_CHROMEDRIVER", "/usr/bin/chromedriver"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    for binary in (CHROMIUM, CHROMEDRIVER):
        if not os.access(binary, os.X_OK):
            return f"{binary} is missing (apt-get install chromium chromium-driver)"
    return None


#: Under xdist the module's tests run on one worker, so that what they share (one Chromium and the
#: sites it opens) is built once.
pytestmark = pytest.mark.xdist_group("site_browser")


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    missing = _missing()
    if missing:
        if IN_CI:
            pytest.fail(f"the browser tests must run in CI: {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common import selenium_manager

    def refuse(*args: object, **kwargs: object) -> object:
        raise AssertionError("selenium-manager was asked for a browser or driver")

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        patch.setattr(selenium_manager.SeleniumManager, "binary_paths", refuse)
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for argument in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--window-size=1280,1000",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
        ):
            options.add_argument(argument)
        browser = webdriver.Chrome(
            service=Service(executable_path=str(CHROMEDRIVER)), options=options
        )
        browser.set_page_load_timeout(30)
        try:
            yield browser
        finally:
            browser.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    package = DataPackage.open(PACKAGE)
    exclusions, _ = checkout_exclusions(package)
    write_site(package, out, exclusions=exclusions)
    return out


@pytest.fixture(scope="module")
def located_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("located")
    out = folder / "site"
    write_site(DataPackage.open(located_package(folder)), out)
    return out


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get("LIBYADATA_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nbrowser screenshots: {folder}")
    return folder


def _open(driver: Any, page: Path) -> None:
    driver.get(page.as_uri())
    assert driver.execute_script("return document.readyState") == "complete"
    # Nothing but the page itself was loaded: no font, style, script or image from anywhere.
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


def _size(driver: Any, selector: str) -> list[tuple[float, float]]:
    return [
        (box["width"], box["height"])
        for box in driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0]))"
            ".map(e => e.getBoundingClientRect().toJSON())",
            selector,
        )
    ]


def test_record_page_shows_its_quotes(driver: Any, site: Path, screenshots: Path) -> None:
    package = DataPackage.open(PACKAGE)
    for name in ("visits", "bases", "migration_figures"):
        for record in package.records(name):
            assert isinstance(record, Record)
            _open(driver, site / "records" / f"{record.id}.html")
            shown = driver.execute_script(
                "return Array.from(document.querySelectorAll('a.quote')).map(a => a.textContent)"
            )
            assert shown == [span.quote for span in record.evidence], record.id
            assert all(w > 0 and h > 0 for w, h in _size(driver, "a.quote")), record.id
    _open(driver, site / "records" / "VIS-0001.html")
    driver.save_screenshot(str(screenshots / "record.png"))


def test_a_quote_link_lands_on_its_highlighted_span(
    driver: Any, site: Path, screenshots: Path
) -> None:
    from selenium.webdriver.common.by import By

    package = DataPackage.open(PACKAGE)
    texts = {
        seed.id: package.read_bytes(seed_resource(package, seed)).decode("utf-8")
        for seed in package.records("seeds")
        if isinstance(seed, Seed)
    }
    visited = 0
    for record_id in ("VIS-0001", "DEP-0001", "AGR-0007", "BAS-0004", "VIS-0005"):
        name = {"VIS": "visits", "DEP": "deployments", "AGR": "agreements", "BAS": "bases"}[
            record_id[:3]
        ]
        record = next(r for r in package.records(name) if getattr(r, "id", None) == record_id)
        assert isinstance(record, Record)
        for number, span in enumerate(record.evidence):
            _open(driver, site / "records" / f"{record_id}.html")
            link = driver.find_elements(By.CSS_SELECTOR, "a.quote")[number]
            link.click()
            anchor = f"s{span.start}-{span.end}"
            assert driver.current_url.endswith(f"seeds/{span.seed_id}.html#{anchor}")
            landed = driver.execute_script(
                "const t = document.querySelector(':target');"
                "const pieces = document.querySelectorAll('mark[data-span=\"' + t.id + '\"]');"
                "const box = t.getBoundingClientRect();"
                "return {tag: t.tagName, id: t.id, pieces: pieces.length,"
                " text: Array.from(pieces).map(m => m.textContent).join(''),"
                " lit: Array.from(pieces).every(m => m.classList.contains('target')),"
                " colour: getComputedStyle(t).backgroundColor,"
                " top: box.top, bottom: box.bottom, width: box.width, height: box.height,"
                " inner: innerHeight};"
            )
            assert landed["tag"] == "MARK"
            assert landed["id"] == anchor
            assert landed["text"] == texts[span.seed_id][span.start : span.end] == span.quote
            assert landed["lit"]
            assert landed["colour"] == "rgb(255, 179, 71)"  # the target highlight
            assert landed["width"] > 0
            assert landed["height"] > 0
            assert landed["bottom"] > 0  # scrolled into view
            assert landed["top"] < landed["inner"]
            visited += 1
            if record_id == "VIS-0001" and number == 0:
                driver.save_screenshot(str(screenshots / "seed.png"))
    assert visited >= 15
    # The whole text is on the page, unchanged.
    _open(driver, site / "seeds" / "SEED-002.html")
    shown = driver.execute_script("return document.querySelector('.seedtext').textContent")
    assert shown == texts["SEED-002"]


def test_timeline_renders(driver: Any, site: Path, screenshots: Path) -> None:
    _open(driver, site / "timeline.html")
    ((width, height),) = _size(driver, "svg.timeline")
    assert width > 600
    assert height > 300
    bars = _size(driver, "svg.timeline rect")
    assert len(bars) == 37
    assert all(w >= 2 and h > 5 for w, h in bars)
    # A range is drawn as a range: VIS-0007 (open-ended, 2017 on) is far wider than a day.
    widths = driver.execute_script(
        "return Object.fromEntries(Array.from(document.querySelectorAll('svg a.bar'))"
        ".map(a => [a.getAttribute('href').split('/').pop(), a.querySelector('rect')"
        ".getBoundingClientRect().width]))"
    )
    assert widths["VIS-0007.html"] > 20 * widths["VIS-0003.html"]
    driver.save_screenshot(str(screenshots / "timeline.png"))


def test_map_renders(driver: Any, located_site: Path, site: Path, screenshots: Path) -> None:
    _open(driver, located_site / "map.html")
    sizes = _size(driver, "svg.basemap")
    assert len(sizes) == 2  # Libya, then the region
    assert all(width > 500 and height > 300 for width, height in sizes)
    # The basemap is drawn: land, coastlines and borders have extent on the page.
    for selector in ("svg.basemap path.land", "svg.basemap path.coast", "svg.basemap path.border"):
        assert all(w > 100 and h > 100 for w, h in _size(driver, selector)), selector
    points = _size(driver, "#map-libya svg a.point .marker")
    assert len(points) == len(POINTS) - 1  # Moscow is listed beyond the map of Libya
    assert all(w > 0 and h > 0 for w, h in points)
    labels = driver.execute_script(
        "return Array.from(document.querySelectorAll('#map-libya a.point text'))"
        ".map(t => t.textContent)"
    )
    assert sorted(labels) == ["Benghazi", "Sirte", "Tobruk", "Tripoli"]
    # No two labels overlap as the browser lays them out.
    boxes = driver.execute_script(
        "return Array.from(document.querySelectorAll('svg.basemap')).map(s =>"
        " Array.from(s.querySelectorAll('a.point text'))"
        ".map(t => t.getBoundingClientRect().toJSON()))"
    )
    for labelled in boxes:
        for index, a in enumerate(labelled):
            for b in labelled[index + 1 :]:
                apart = a["right"] <= b["left"] or b["right"] <= a["left"]
                assert apart or a["bottom"] <= b["top"] or b["bottom"] <= a["top"], (a, b)
    # The shipped package draws a point for each place with a gazetteer point, on each map
    # or in its list of places beyond it.
    _open(driver, site / "map.html")
    for view in ("libya", "region"):
        drawn = driver.execute_script(
            "return Array.from(document.querySelectorAll("
            "'#map-' + arguments[0] + ' [data-place]')).map(a => a.dataset.place)",
            view,
        )
        assert sorted(drawn) == sorted(shipped_points())
    driver.set_window_size(1280, 2500)  # both maps in one picture
    try:
        driver.save_screenshot(str(screenshots / "map.png"))
        driver.set_window_size(390, 1600)
        _open(driver, site / "map.html")
        overflow = driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        driver.save_screenshot(str(screenshots / "map-phone.png"))
    finally:
        driver.set_window_size(1280, 1000)


def test_a_map_point_leads_to_its_place_and_records(driver: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(driver, site / "map.html")
    marker = driver.find_element(
        By.CSS_SELECTOR, '#map-libya a.point[data-place="PLC-al-khadim"] .marker'
    )
    marker.click()
    assert driver.current_url == (site / "places" / "PLC-al-khadim.html").as_uri()
    assert driver.find_element(By.TAG_NAME, "h1").text == "Al Khadim airfield"
    # The place page names its gazetteer entry and links the records that name the place.
    assert "airportsdata" in driver.find_element(By.TAG_NAME, "main").text
    record = driver.find_element(By.CSS_SELECTOR, 'main a[href$="records/BAS-0003.html"]')
    record.click()
    assert driver.current_url == (site / "records" / "BAS-0003.html").as_uri()
    # A place beyond the map of Libya is a link too.
    _open(driver, site / "map.html")
    driver.find_element(
        By.CSS_SELECTOR, '#map-libya a.beyond-place[data-place="PLC-moscow"] text'
    ).click()
    assert driver.current_url == (site / "places" / "PLC-moscow.html").as_uri()


def test_index_filter_phone_and_keyboard(driver: Any, site: Path, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(driver, site / "index.html")
    driver.save_screenshot(str(screenshots / "index.png"))
    # Keyboard: the first Tab reaches the skip link, which moves focus to the content.
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("class") == "skip"
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert driver.execute_script("return document.activeElement.id") == "main"

    _open(driver, site / "tables" / "visits.html")
    box = driver.find_element(By.ID, "filter-rows")
    assert box.is_displayed()
    box.send_keys("haftar moscow")
    visible = driver.execute_script(
        "return Array.from(document.querySelectorAll('#rows tbody tr'))"
        ".filter(r => !r.hidden).length"
    )
    # Haftar's visits to Moscow in 2016 (two), 2017, 2020 and 2023 (one row per trip since 1.0.0).
    assert visible == 5
    assert driver.find_element(By.ID, "status-rows").text == "5 of 16 shown"

    # A phone: nothing wider than the screen but the scrollable figures and tables.
    driver.set_window_size(390, 844)
    try:
        for page in (
            "index.html",
            "records/VIS-0001.html",
            "seeds/SEED-002.html",
            "timeline.html",
            "tables/visits.html",
            "tables/events.html",
            "tables/actors.html",
            "scope.html",
        ):
            _open(driver, site / page)
            overflow = driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, page
    finally:
        driver.set_window_size(1280, 1000)


def test_charts_have_text_alternatives(driver: Any, site: Path) -> None:
    for page, selector in (("timeline.html", "svg.timeline"), ("map.html", "svg.basemap")):
        _open(driver, site / page)
        labelled = driver.execute_script(
            "const s = document.querySelector(arguments[0]);"
            "return s.getAttribute('aria-labelledby').split(' ')"
            ".map(id => document.getElementById(id).textContent.trim().length > 0);",
            selector,
        )
        assert labelled == [True, True]


def test_a_missing_browser_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f"{__name__}.CHROMIUM", Path("/nonexistent/chromium"))
    assert (
        _missing() == "/nonexistent/chromium is missing (apt-get install chromium chromium-driver)"
    )


def _shown(driver: Any) -> list[str]:
    """The record ids of the rows shown, in their order on the page."""
    return list(
        driver.execute_script(
            "return Array.from(document.querySelectorAll('#rows tbody tr'))"
            ".filter(r => !r.hidden).map(r => r.cells[0].textContent.trim())"
        )
    )


def _records(name: str) -> list[Record]:
    return [r for r in DataPackage.open(PACKAGE).records(name) if isinstance(r, Record)]


def _first_day(record: Record) -> Any:
    date = getattr(record, "date", None) or getattr(record, "period", None)
    return date.earliest if date is not None else None


def test_sorting_by_a_column(driver: Any, site: Path, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    _open(driver, site / "tables" / "visits.html")
    visits = _records("visits")
    assert _shown(driver) == [v.id for v in visits]  # table order: by id
    header = driver.find_elements(By.CSS_SELECTOR, "#rows thead th")[2]  # When
    header.find_element(By.TAG_NAME, "button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    by_date = sorted(visits, key=lambda v: (_first_day(v), v.id))
    shown = _shown(driver)
    days = [_first_day(next(v for v in visits if v.id == i)) for i in shown]
    assert days == sorted(days)
    assert set(shown) == {v.id for v in by_date}
    header.find_element(By.TAG_NAME, "button").click()
    assert header.get_attribute("aria-sort") == "descending"
    days = [_first_day(next(v for v in visits if v.id == i)) for i in _shown(driver)]
    assert days == sorted(days, reverse=True)
    driver.set_window_size(1280, 1600)  # the controls and the first rows, latest first
    try:
        driver.save_screenshot(str(screenshots / "table.png"))
    finally:
        driver.set_window_size(1280, 1000)
    # The same from the keyboard-friendly list, which a phone uses: record ids Z–A.
    Select(driver.find_element(By.ID, "sort-rows")).select_by_value("0:desc")
    assert _shown(driver) == sorted((v.id for v in visits), reverse=True)


def test_facets_narrow_the_rows(driver: Any, site: Path, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    _open(driver, site / "tables" / "events.html")
    every = [(t.name, r) for t in TABLES.records for r in _records(t.name)]
    assert len(_shown(driver)) == len(every)
    # Kind: only deployments.
    for box in driver.find_elements(By.CSS_SELECTOR, "input[data-facet='kind']"):
        if box.get_attribute("value") != "deployments":
            box.click()
    deployments = [r for name, r in every if name == "deployments"]
    assert _shown(driver) == [r.id for r in deployments]
    status = driver.find_element(By.ID, "status-rows").text
    assert status == f"{len(deployments)} of {len(every)} shown"
    # Actor: the Wagner Group, among the deployments.
    Select(driver.find_element(By.ID, "facet-actors")).select_by_value("ACT-wagner-group")
    wagner = [r for r in deployments if "ACT-wagner-group" in _actors(r)]
    assert wagner
    assert _shown(driver) == [r.id for r in wagner]
    # Clear: every row again. The page applies a reset once the form has cleared its fields
    # (a task after the reset event), so wait for it rather than read the rows at once.
    driver.find_element(By.CSS_SELECTOR, "form.tools button[type=reset]").click()
    WebDriverWait(driver, 10).until(lambda d: len(_shown(d)) == len(every))
    assert len(_shown(driver)) == len(every)
    # Years: records whose date can fall in 2023, whatever their kind.
    driver.find_element(By.CSS_SELECTOR, "input[data-date='from']").send_keys("2023")
    driver.find_element(By.CSS_SELECTOR, "input[data-date='to']").send_keys("2023")
    expected = []
    for _, record in every:
        date = getattr(record, "date", None) or getattr(record, "period", None)
        if date is None or (date.earliest is None and date.latest is None):
            continue
        if (date.latest is None or date.latest.year >= 2023) and (
            date.earliest is None or date.earliest.year <= 2023
        ):
            expected.append(record.id)
    assert _shown(driver) == expected
    # Place: Benghazi, and status occurred, among them.
    Select(driver.find_element(By.ID, "facet-places")).select_by_value("PLC-benghazi")
    for box in driver.find_elements(By.CSS_SELECTOR, "input[data-facet='status']"):
        if box.get_attribute("value") != "occurred":
            box.click()
    narrowed = [
        r.id
        for _, r in every
        if r.id in expected
        and "PLC-benghazi" in _places(r)
        and str(getattr(r, "status", "")) == "occurred"
    ]
    assert narrowed
    assert _shown(driver) == narrowed
    driver.set_window_size(1280, 1500)  # the facets and the rows they leave
    try:
        driver.save_screenshot(str(screenshots / "events.png"))
    finally:
        driver.set_window_size(1280, 1000)


def _actors(record: Record) -> set[str]:
    return _named(record, "actors")


def _places(record: Record) -> set[str]:
    return _named(record, "places")


def _named(record: Record, target: str) -> set[str]:
    from libyadata.views.labelled import reference_fields

    found = set()
    for name, (table_name, _) in reference_fields(type(record)).items():
        value = getattr(record, name)
        if table_name == target and value:
            found.update(value if isinstance(value, tuple) else (value,))
    return found


def test_no_page_loads_anything(driver: Any, site: Path) -> None:
    # Every kind of page, with its script run: no request leaves the page itself.
    for page in (
        "index.html",
        "tables/events.html",
        "tables/visits.html",
        "tables/seeds.html",
        "scope.html",
        "timeline.html",
        "map.html",
        "records/DEP-0001.html",
        "actors/ACT-khalifa-haftar.html",
    ):
        _open(driver, site / page)
        urls = driver.execute_script(
            "return performance.getEntriesByType('navigation').concat("
            "performance.getEntriesByType('resource')).map(e => e.name)"
        )
        assert urls == [(site / page).as_uri()], page


def test_phone_screenshots(driver: Any, site: Path, screenshots: Path) -> None:
    # A phone: tables read as cards, the timeline as a list in date order.
    driver.set_window_size(390, 844)
    try:
        _open(driver, site / "tables" / "events.html")
        assert (
            driver.execute_script(
                "return getComputedStyle(document.querySelector('#rows thead')).position"
            )
            == "absolute"
        )
        driver.save_screenshot(str(screenshots / "events-phone.png"))
        _open(driver, site / "timeline.html")
        assert (
            driver.execute_script(
                "return getComputedStyle(document.querySelector('figure.timeline-figure')).display"
            )
            == "none"
        )
        assert driver.find_element("css selector", "ol.dated").is_displayed()
        driver.save_screenshot(str(screenshots / "timeline-phone.png"))
        for page, name in (
            ("index.html", "index-phone.png"),
            ("records/VIS-0001.html", "record-phone.png"),
            ("scope.html", "scope-phone.png"),
            ("seeds/SEED-002.html", "seed-phone.png"),
            ("tables/visits.html", "table-phone.png"),
        ):
            _open(driver, site / page)
            driver.save_screenshot(str(screenshots / name))
    finally:
        driver.set_window_size(1280, 1000)
    _open(driver, site / "scope.html")
    driver.save_screenshot(str(screenshots / "scope.png"))
