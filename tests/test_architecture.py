"""The shape of the code: stages in layers, each documented, no circles, no two modules alike.

The rules are those of docs/architecture.md, and each can fail: a probe tree (a tiny fake
package built in a temporary folder) breaks each one and the checker must name the break.

- A stage may import only the stages ranked below it (``LAYERS``): not a higher one, and not
  one of its own rank; ``extract`` no stage above ``checks`` (``CEILING``). A lower stage that
  reached up would make the order a newcomer reads the code in a lie, and would bring heavy
  modules into light ones. Deferred imports (inside a function) and imports for annotations
  only count too: deferring an import does not change what depends on it.
- No import circle between the modules of a sub-package, counting the same imports.
- No two modules share a base name (besides ``__init__``), so a name says which module it is.
- Code is formatted by ``ruff format`` as it comes: no region or line is exempted from it.
"""

from __future__ import annotations

import ast
import importlib
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "libyadata"

#: The stages, lowest first; stages of one rank sit side by side and do not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("models",),
    ("sources",),
    ("provenance", "formats", "upgrades"),
    ("readers",),
    ("checks",),
    ("diff", "releases", "views"),
    ("publishing",),
    ("loading", "validation", "cite", "export", "migrating"),
    ("extract", "site"),
    ("cli", "testing"),
)
#: Stages that may import only up to a lower stage than their rank allows: the extractor
#: reads projects and seeds, never a built package's views, releases or loaders.
CEILING: Mapping[str, str] = {"extract": "checks"}
#: Modules at the top of the package, besides its own __init__, __main__ and _version.
TOP_LIMIT = 6


def _rank(stage: str) -> int:
    for rank, stages in enumerate(LAYERS):
        if stage in stages:
            return rank
    raise AssertionError(f"sub-package {stage!r} is not in LAYERS: give it a place")


def _stage(module: str, src: Path = SRC) -> str | None:
    """Return the sub-package ``module`` belongs to; ``None`` for a top-level module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and (src / parts[1]).is_dir() else None


def _module_of(path: Path, src: Path = SRC) -> str:
    rel = path.relative_to(src.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, src: Path = SRC) -> set[str]:
    """Return every name of the package that ``path`` imports, wherever the import stands."""
    module = _module_of(path, src)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.add(target)
            # ``from . import cells`` imports a module of that package
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return {name for name in found if name.startswith(f"{src.name}.")}


def _stages(src: Path = SRC) -> list[str]:
    return sorted(p.name for p in src.iterdir() if (p / "__init__.py").is_file())


def test_every_stage_has_a_place_and_a_docstring() -> None:
    for stage in _stages():
        _rank(stage)
        doc = ast.get_docstring(ast.parse((SRC / stage / "__init__.py").read_text()))
        assert doc, f"libyadata/{stage}/__init__.py needs a docstring saying what it holds"


def _layer_breaks(src: Path) -> list[str]:
    """Return each import that breaks the layers, with the rule it breaks."""
    wrong = []
    for path in sorted(src.rglob("*.py")):
        here = _stage(_module_of(path, src), src)
        if here is None:
            continue  # the top-level modules: the public API sits above every stage
        ceiling = _rank(CEILING.get(here, here))
        for target in sorted(_imports(path, src)):
            there = _stage(target, src)
            if there is None or there == here:
                continue
            where = f"{path.relative_to(src)} imports {target}"
            if _rank(there) > _rank(here):
                wrong.append(f"{where}: a higher stage")
            elif _rank(there) == _rank(here):
                wrong.append(f"{where}: a stage of the same rank")
            elif _rank(there) > ceiling:
                wrong.append(f"{where}: above {CEILING[here]}, as far as {here} may reach")
    return wrong


def test_stages_import_only_the_stages_below_them() -> None:
    wrong = _layer_breaks(SRC)
    assert not wrong, "an import breaks the layers:\n" + "\n".join(wrong)


def _probe(root: Path, files: Mapping[str, str]) -> Path:
    """Build a fake ``libyadata`` in ``root``: every stage of ``LAYERS``, and ``files``."""
    src = root / "libyadata"
    for stage in (stage for stages in LAYERS for stage in stages):
        (src / stage).mkdir(parents=True)
        (src / stage / "__init__.py").write_text(f'"""The {stage} stage."""\n', encoding="utf-8")
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    return src


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        pytest.param(
            # Even inside a function; a stage importing a lower one is fine.
            {
                "models/probe.py": "def f():\n    from ..loading import data\n",
                "loading/data.py": "from ..models import probe\n",
            },
            [
                "models/probe.py imports libyadata.loading: a higher stage",
                "models/probe.py imports libyadata.loading.data: a higher stage",
            ],
            id="upward",
        ),
        pytest.param(
            # Even for annotations only.
            {
                "formats/probe.py": (
                    "from typing import TYPE_CHECKING\n"
                    "if TYPE_CHECKING:\n    from libyadata.provenance.spans import Span\n"
                ),
            },
            [
                "formats/probe.py imports libyadata.provenance.spans: a stage of the same rank",
                "formats/probe.py imports libyadata.provenance.spans.Span: a stage of the same "
                "rank",
            ],
            id="same-rank",
        ),
        pytest.param(
            # extract ranks above views, but may not reach past checks.
            {
                "extract/probe.py": "from ..views.labelled import date_text\n"
                "from ..checks import crosscheck\n"
            },
            [
                "extract/probe.py imports libyadata.views.labelled: above checks, as far as "
                "extract may reach",
                "extract/probe.py imports libyadata.views.labelled.date_text: above checks, as "
                "far as extract may reach",
            ],
            id="ceiling",
        ),
    ],
)
def test_the_layer_check_sees_each_break(
    tmp_path: Path, files: Mapping[str, str], expected: list[str]
) -> None:
    assert _layer_breaks(_probe(tmp_path, files)) == expected


def _graph(src: Path) -> dict[str, set[str]]:
    """Return each module's imports of modules of its own sub-package (not the package's init)."""
    modules = {_module_of(path, src): path for path in src.rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in modules.items():
        stage = _stage(module, src)
        own = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for target in _imports(path, src):
            # Importing a sibling runs its package's __init__ first: that is no circle.
            if target in modules and target not in (module, own) and _stage(target, src) == stage:
                graph[module].add(target)
    return graph


def _circles(src: Path) -> list[list[str]]:
    """Return one circle of imports through each strongly connected group of modules."""
    graph = _graph(src)
    found: list[list[str]] = []
    seen: set[str] = set()

    def walk(module: str, trail: list[str]) -> Iterator[list[str]]:
        for target in sorted(graph.get(module, ())):
            if target in trail:
                yield [*trail[trail.index(target) :], target]
            elif target not in seen:
                seen.add(target)
                yield from walk(target, [*trail, target])

    for start in sorted(graph):
        if start not in seen:
            seen.add(start)
            found += [circle for circle in walk(start, [start]) if circle not in found]
    return found


def test_no_import_circle_inside_a_sub_package() -> None:
    circles = _circles(SRC)
    assert not circles, "modules that import each other:\n" + "\n".join(
        " -> ".join(circle) for circle in circles
    )


def test_the_circle_check_sees_a_circle(tmp_path: Path) -> None:
    # A circle of three closed by a deferred import and one by an annotation-only import are
    # found; a module importing its sibling through the package (from . import x) is not one.
    src = _probe(
        tmp_path,
        {
            "readers/a.py": "from .b import f\n",
            "readers/b.py": "from . import c\n",
            "readers/c.py": "def g():\n    from .a import h\n",
            "diff/x.py": "from typing import TYPE_CHECKING\nfrom .y import Y\n",
            "diff/y.py": "if TYPE_CHECKING:\n    from libyadata.diff.x import X\n",
            "views/solo.py": "from . import other\n",
            "views/other.py": "import json\n",
        },
    )
    assert _circles(src) == [
        ["libyadata.diff.x", "libyadata.diff.y", "libyadata.diff.x"],
        [
            "libyadata.readers.a",
            "libyadata.readers.b",
            "libyadata.readers.c",
            "libyadata.readers.a",
        ],
    ]


def _same_names(src: Path) -> dict[str, list[str]]:
    """Return each base name that more than one module of ``src`` has, with those modules."""
    found: dict[str, list[str]] = defaultdict(list)
    for path in sorted(src.rglob("*.py")):
        if path.name != "__init__.py":
            found[path.name].append(path.relative_to(src).as_posix())
    return {name: paths for name, paths in found.items() if len(paths) > 1}


def test_no_two_modules_share_a_name() -> None:
    assert _same_names(SRC) == {}
    assert _same_names(ROOT / "tests") == {}


def test_the_name_check_sees_two_modules_alike(tmp_path: Path) -> None:
    src = _probe(tmp_path, {"extract/dates.py": "", "models/dates.py": "", "cli/only.py": ""})
    assert _same_names(src) == {"dates.py": ["extract/dates.py", "models/dates.py"]}


#: The formatter's exemptions; written apart so that this file does not hold them itself.
_EXEMPTIONS = tuple(f"# fmt: {word}" for word in ("off", "skip"))


def _exempted(folder: Path) -> list[str]:
    return [
        f"{path.relative_to(folder.parent)}:{number}"
        for path in sorted(folder.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(exemption in line for exemption in _EXEMPTIONS)
    ]


def test_no_code_is_exempted_from_the_formatter(tmp_path: Path) -> None:
    assert _exempted(SRC) + _exempted(ROOT / "tests") == []
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "probe.py").write_text(f"x = (1,\n  2){_EXEMPTIONS[1]}\n")
    assert _exempted(tmp_path / "t") == ["t/probe.py:2"]


def test_few_modules_at_the_top() -> None:
    # A module holds one subject whatever its length: there is no line cap, since a cap split
    # the problem catalogue by line count rather than by subject.
    top = [p.name for p in SRC.glob("*.py") if p.name not in {"__init__.py", "__main__.py"}]
    top = [name for name in top if name != "_version.py"]
    assert len(top) <= TOP_LIMIT, f"too many modules at the top of libyadata: {sorted(top)}"


@pytest.mark.parametrize("stage", _stages())
def test_each_stage_imports_on_its_own(stage: str) -> None:
    importlib.import_module(f"libyadata.{stage}")
