"""The cross-field rules, written in the models, kept and broken by ``libyadata.testing``.

A rule across fields lives in three places: the model validator that enforces it, the strategy
in ``testing/_rules.py`` that draws only data keeping it, and the breaks in
``testing/_rule_breaks.py`` that violate it on purpose and expect its code. The property tests
prove each break gets its code and each draw validates; these tests prove no rule is missing
from the testing side: every code a model validator raises has a break, every break's code is
raised by a validator, and every model with a validator has a strategy and breaks.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from libyadata import models
from libyadata.core import catalogue
from libyadata.core.catalogue.record_problems import DATE_ORDER, FROZEN
from libyadata.models import StrictModel
from libyadata.testing import OVERRIDES
from libyadata.testing._rule_breaks import SPECIFIC

SRC = Path(__file__).resolve().parents[1] / "src" / "libyadata"
#: The modules problem types are declared in, as the catalogue lists them.
_DECLARING = tuple(catalogue.MODULES.values())


def _is_declared(name: str) -> bool:
    return any(hasattr(module, name) for module in _DECLARING)


def _declared(name: str) -> Any:
    """Return the problem type declared under ``name`` in the catalogue's modules."""
    return next(getattr(module, name) for module in _DECLARING if hasattr(module, name))


_VALIDATORS = {"model_validator", "field_validator"}


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    return target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")


def _raised_codes(tree: ast.AST) -> set[str]:
    """Codes raised as ``TYPE.error(...)`` anywhere below ``tree``."""
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "error"
            and isinstance(node.func.value, ast.Name)
        ):
            found.add(_declared(node.func.value.id).code)
    return found


def rules_in_models(folder: Path = SRC / "models") -> dict[str, set[str]]:
    """Return the codes each model class's validators raise, by class name."""
    rules: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and any(
                    _decorator_name(d) in _VALIDATORS for d in item.decorator_list
                ):
                    rules.setdefault(node.name, set()).update(_raised_codes(item))
    return rules


def codes_broken() -> set[str]:
    """Return the codes the breaks of ``libyadata.testing`` expect (``TYPE.code``)."""
    tree = ast.parse((SRC / "testing" / "_rule_breaks.py").read_text(encoding="utf-8"))
    return {
        _declared(node.value.id).code
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr == "code"
        and isinstance(node.value, ast.Name)
        and _is_declared(node.value.id)
    }


def _model_classes() -> dict[str, type[BaseModel]]:
    found: dict[str, type[BaseModel]] = {}
    pending: list[type[BaseModel]] = [StrictModel]
    while pending:
        klass = pending.pop()
        for sub in klass.__subclasses__():
            if sub.__module__.startswith(models.__name__):
                found[sub.__name__] = sub
                pending.append(sub)
    return found


def test_every_rule_of_the_models_has_a_break_and_back() -> None:
    # Rules may be raised from helpers the validators call, so every raise in models/ counts.
    raised = set().union(
        *(
            _raised_codes(ast.parse(path.read_text(encoding="utf-8")))
            for path in (SRC / "models").glob("*.py")
        )
    )
    assert raised >= set().union(*rules_in_models().values())
    assert raised, "no validator found: the scan is broken"
    assert raised - codes_broken() == set(), "rules that libyadata.testing never breaks"
    assert codes_broken() - raised == set(), "breaks of rules no model has"


def test_every_model_with_a_rule_has_a_strategy_and_breaks() -> None:
    classes = _model_classes()
    ruled = tuple(classes[name] for name in rules_in_models())
    # Every model that data is made of and that inherits a rule (abstract bases such as
    # ``Grounded`` have subclasses and are never made themselves).
    concrete = [k for k in classes.values() if issubclass(k, ruled) and not k.__subclasses__()]
    assert concrete
    for klass in concrete:
        mro = inspect.getmro(klass)
        assert any(base in OVERRIDES for base in mro), f"{klass.__name__}: no strategy"
        assert any(base in SPECIFIC for base in mro), f"{klass.__name__}: no breaks"


def test_the_scan_sees_a_rule_the_testing_side_lacks(tmp_path: Path) -> None:
    (tmp_path / "probe.py").write_text(
        "class Probe(StrictModel):\n"
        "    @model_validator(mode='after')\n"
        "    def _rule(self):\n"
        "        raise DATE_ORDER.error(earliest='b', latest='a')\n"
        "        raise FROZEN.error()\n",
        encoding="utf-8",
    )
    rules = rules_in_models(tmp_path)
    assert rules == {"Probe": {DATE_ORDER.code, FROZEN.code}}
    assert FROZEN.code not in codes_broken()
