"""The shape of the code: stages in layers, each sub-package documented, modules small.

A stage may import only the stages below it (``LAYERS``); a lower stage that reached up would
make the order a newcomer reads the code in a lie, and would bring heavy modules into light
ones. Function-level imports count too: deferring an import does not change what depends on it.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "libyadata"

#: The stages, lowest first. ``cli`` and ``testing`` sit on top, side by side.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("models",),
    ("sources",),
    ("provenance", "formats"),
    ("checks",),
    ("package",),
    ("access",),
    ("extract", "site"),
    ("cli", "testing"),
)
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


def _stages() -> list[str]:
    return sorted(p.name for p in SRC.iterdir() if (p / "__init__.py").is_file())


def test_every_stage_has_a_place_and_a_docstring() -> None:
    for stage in _stages():
        _rank(stage)
        doc = ast.get_docstring(ast.parse((SRC / stage / "__init__.py").read_text()))
        assert doc, f"libyadata/{stage}/__init__.py needs a docstring saying what it holds"


def _upward_imports(src: Path) -> list[str]:
    wrong = []
    for path in sorted(src.rglob("*.py")):
        here = _stage(_module_of(path, src), src)
        if here is None:
            continue  # the top-level modules: the public API sits above every stage
        for target in sorted(_imports(path, src)):
            there = _stage(target, src)
            if there is not None and _rank(there) > _rank(here):
                wrong.append(f"{path.relative_to(src)} imports {target}")
    return wrong


def test_lower_stages_never_import_higher_ones() -> None:
    wrong = _upward_imports(SRC)
    assert not wrong, "a lower stage imports a higher one:\n" + "\n".join(wrong)


def test_the_layer_check_sees_a_violation(tmp_path: Path) -> None:
    # The check must be able to fail: a models module importing access, even inside a
    # function, is caught; access importing models is fine.
    src = tmp_path / "libyadata"
    for stage in ("models", "access"):
        (src / stage).mkdir(parents=True)
        (src / stage / "__init__.py").write_text('"""Stage."""\n', encoding="utf-8")
    (src / "models" / "probe.py").write_text(
        "def f():\n    from ..access import data\n", encoding="utf-8"
    )
    (src / "access" / "data.py").write_text("from ..models import probe\n", encoding="utf-8")
    assert _upward_imports(src) == [
        "models/probe.py imports libyadata.access",
        "models/probe.py imports libyadata.access.data",
    ]


def test_few_modules_at_the_top() -> None:
    # A module holds one subject whatever its length: there is no line cap, since a cap split
    # the problem catalogue by line count rather than by subject.
    top = [p.name for p in SRC.glob("*.py") if p.name not in {"__init__.py", "__main__.py"}]
    top = [name for name in top if name != "_version.py"]
    assert len(top) <= TOP_LIMIT, f"too many modules at the top of libyadata: {sorted(top)}"


@pytest.mark.parametrize("stage", _stages())
def test_each_stage_imports_on_its_own(stage: str) -> None:
    importlib.import_module(f"libyadata.{stage}")
