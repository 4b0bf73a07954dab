"""Quantities as the text states them: never rounded, always with the words used."""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator

from ..core.catalogue import QUANTITY_EMPTY, QUANTITY_ORDER, QUANTITY_OUTSIDE
from .base import StrictModel, Text
from .vocab import Qualifier, Unit


class Quantity(StrictModel):
    """A number, a bound or an order of magnitude, with its unit and the stated wording."""

    value: float | None = Field(
        default=None, allow_inf_nan=False, description="The number as stated, never rounded."
    )
    lower: float | None = Field(
        default=None, allow_inf_nan=False, description="Lower bound, when a range is stated."
    )
    upper: float | None = Field(
        default=None, allow_inf_nan=False, description="Upper bound, when a range is stated."
    )
    unit: Unit = Field(description="What one unit of the number is.")
    qualifier: Qualifier = Field(description="How the text qualifies the number.")
    stated_as: Text = Field(description="The number exactly as worded, e.g. '2,000' or '£1m'.")

    @field_validator("upper")
    @classmethod
    def _bounds_in_order(cls, upper: float | None, info: ValidationInfo) -> float | None:
        lower = info.data.get("lower")
        if lower is not None and upper is not None and lower > upper:
            raise QUANTITY_ORDER.error(lower=lower, upper=upper)
        return upper

    @field_validator("qualifier")
    @classmethod
    def _some_number_or_magnitude(cls, qualifier: Qualifier, info: ValidationInfo) -> Qualifier:
        value, lower, upper = (info.data.get(key) for key in ("value", "lower", "upper"))
        if qualifier != Qualifier.ORDER_OF_MAGNITUDE and value is lower is upper is None:
            raise QUANTITY_EMPTY.error()
        outside = (lower is not None and value is not None and value < lower) or (
            upper is not None and value is not None and value > upper
        )
        if outside:
            raise QUANTITY_OUTSIDE.error(value=value)
        return qualifier
