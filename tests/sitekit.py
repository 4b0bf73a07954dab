"""Helpers for the site, export and browser tests: package variants and a small HTML tree."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from conftest import ROOT

PACKAGE = ROOT / "datasets" / "package"

#: Coordinates for the test variant of the package (GeoNames points; test data only). The
#: variant has exactly these points, whatever the shipped places carry, so the tests do not
#: change when a gazetteer entry is added to the data.
POINTS = {
    "PLC-benghazi": (88319, 32.11486, 20.06859),
    "PLC-tripoli": (2210247, 32.88743, 13.18733),
    "PLC-tobruk": (80509, 32.08361, 23.97639),
    "PLC-sirte": (2210554, 31.20892, 16.58866),
    "PLC-moscow": (524901, 55.75222, 37.61556),
}


def rewrite(copy: Path, path: str, data: bytes) -> None:
    """Replace a file of a package copy and its size and hash in the descriptor."""
    (copy / path).write_bytes(data)
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == path:
            resource["bytes"] = len(data)
            resource["hash"] = f"sha256:{hashlib.sha256(data).hexdigest()}"
    (copy / "datapackage.json").write_text(
        json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8"
    )


def edit_jsonl(copy: Path, path: str, edit: Any) -> None:
    """Apply ``edit(record)`` (in place, on the dicts) to every line of a JSON Lines file.

    The table's CSV form is written again from the edited records, as a build writes it, so
    the two forms of the copy agree (every reader refuses a package whose forms disagree);
    records the edit made invalid stay in the JSON Lines only, for the tests of that.
    """
    from pydantic import ValidationError

    from libyadata.formats.layout import layouts_of
    from libyadata.formats.rows import csv_bytes, rows_of
    from libyadata.models.tables import table

    lines, records = [], []
    for line in (copy / path).read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        edit(record)
        lines.append(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        records.append(record)
    rewrite(copy, path, ("\n".join(lines) + "\n").encode("utf-8"))
    source = table(Path(path).stem)
    try:
        models = [source.model.model_validate(record) for record in records]
    except ValidationError:
        return
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    paths = {resource["name"]: resource["path"] for resource in descriptor["resources"]}
    for layout in layouts_of(source):
        rows = [row for model in models for row in rows_of(layout, model)]
        rewrite(copy, paths[layout.name], csv_bytes(layout.columns, rows))


def edit_table(copy: Path, name: str, edit: Any) -> None:
    """Apply ``edit(record)`` to every record of table ``name`` in both of the package's forms."""
    edit_jsonl(copy, f"jsonl/{name}.jsonl", edit)


def shipped_points() -> set[str]:
    """The ids of the shipped places whose gazetteer entry gives a point."""
    lines = (PACKAGE / "jsonl" / "places.jsonl").read_text(encoding="utf-8").splitlines()
    places = [json.loads(line) for line in lines]
    return {p["id"] for p in places if (p.get("gazetteer") or {}).get("latitude") is not None}


def unlocated_package(folder: Path) -> Path:
    """Copy the package into ``folder`` with no coordinates on any place."""
    copy = folder / "package"
    shutil.copytree(PACKAGE, copy)
    edit_table(copy, "places", lambda place: place.update(gazetteer=None))
    return copy


def located_package(folder: Path) -> Path:
    """Copy the package into ``folder`` with coordinates on exactly the places of ``POINTS``."""
    copy = folder / "package"
    shutil.copytree(PACKAGE, copy)

    def locate(place: dict[str, Any]) -> None:
        if place["id"] in POINTS:
            geonames_id, latitude, longitude = POINTS[place["id"]]
            place["gazetteer"] = {
                "gazetteer": "geonames",
                "geonames_id": geonames_id,
                "precision": "settlement",
                "latitude": latitude,
                "longitude": longitude,
                "source": {"citation": "GeoNames (test data)"},
            }
        else:
            place["gazetteer"] = None

    edit_table(copy, "places", locate)
    return copy


@dataclass
class Element:
    """An element of a parsed page."""

    tag: str
    attributes: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text content, as the DOM's ``textContent`` gives it."""
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self) -> Iterator[Element]:
        """Yield this element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find_all(self, tag: str, **attributes: str) -> list[Element]:
        """Return the elements of ``tag`` whose attributes include ``attributes``."""
        wanted = {key.rstrip("_").replace("_", "-"): value for key, value in attributes.items()}
        return [
            element
            for element in self.iter()
            if element.tag == tag
            and all(
                value in element.attributes.get(key, "").split()
                if key == "class"
                else element.attributes.get(key) == value
                for key, value in wanted.items()
            )
        ]


_VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "col", "area", "base"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {key: value or "" for key, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return
        raise AssertionError(f"</{tag}> closes nothing")

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(html: str) -> Element:
    """Parse a page into a tree of ``Element`` (tags must be closed in order)."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    assert len(builder.stack) == 1, f"unclosed: {[e.tag for e in builder.stack[1:]]}"
    return builder.root
