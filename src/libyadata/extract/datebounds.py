"""Whether two dates, given as data, can be the same day: the bounds candidates are compared by.

Apart from ``run`` so that linking a candidate to an existing record (``existing``) and
amending one (``amend``) compare dates as the run does without importing it.
"""

from __future__ import annotations

from typing import Any

from ..models import FuzzyDate


def bounds(date: dict[str, Any] | None) -> tuple[Any, Any] | None:
    """Return the earliest and latest day of a date given as data, or ``None``."""
    if not date:
        return None
    model = FuzzyDate.model_validate({**date, "basis": "stated", "note": None, "source": None})
    return model.earliest, model.latest


def dates_agree(first: dict[str, Any] | None, second: dict[str, Any] | None) -> bool:
    """Whether two dates can be the same day (an absent date agrees with any)."""
    a, b = bounds(first), bounds(second)
    if a is None or b is None:
        return True
    return (b[1] is None or a[0] is None or a[0] <= b[1]) and (
        a[1] is None or b[0] is None or b[0] <= a[1]
    )
