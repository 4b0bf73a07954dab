"""Quantities as the text states them: never rounded, always with the words used."""

# Annotations stay objects (no __future__ import): pydantic need not compile them (issue 11).

from typing import Annotated, Self

from pydantic import Field, Strict, ValidationInfo, field_validator, model_validator

from ..core.catalogue.record_problems import (
    QUANTITY_EMPTY,
    QUANTITY_ORDER,
    QUANTITY_OUTSIDE,
    QUANTITY_RANGE,
)
from .base import Label, StrictModel
from .inputs import PlainNumber
from .vocab import Qualifier, Unit

#: The largest number any quantity may be (a hundred trillion): far past any count, weight or
#: sum the records hold, and within what every reader stores exactly as an integer.
MAX_QUANTITY = 1e14

#: The largest sensible number of each unit; a quantity is never negative.
LIMITS: dict[Unit, float] = {
    Unit.PERSON: 1e10,  # more people than live on Earth
    Unit.PERCENT: 1e5,  # a thousandfold rise
    Unit.TONNE: 1e10,
    Unit.VESSEL: 1e7,  # the world's fishing fleet is some five million boats
    Unit.AIRCRAFT: 1e6,
    Unit.GBP: MAX_QUANTITY,
    Unit.USD: MAX_QUANTITY,
    Unit.EUR: MAX_QUANTITY,
    Unit.UNSTATED_CURRENCY: MAX_QUANTITY,
}

#: A number of a quantity: finite, from 0 to ``MAX_QUANTITY``, given as a number.
Number = Annotated[
    float, Field(ge=0, le=MAX_QUANTITY, allow_inf_nan=False), Strict(), PlainNumber()
]


class Quantity(StrictModel):
    """A number, a bound or an order of magnitude, with its unit and the stated wording."""

    value: Number | None = Field(default=None, description="The number as stated, never rounded.")
    lower: Number | None = Field(default=None, description="Lower bound, when a range is stated.")
    upper: Number | None = Field(default=None, description="Upper bound, when a range is stated.")
    unit: Unit = Field(description="What one unit of the number is.")
    qualifier: Qualifier = Field(description="How the text qualifies the number.")
    stated_as: Label = Field(description="The number exactly as worded, e.g. '2,000' or '£1m'.")

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

    @model_validator(mode="after")
    def _within_the_unit(self) -> Self:
        limit = LIMITS[self.unit]
        for name in ("value", "lower", "upper"):
            number = getattr(self, name)
            if number is not None and number > limit:
                raise QUANTITY_RANGE.error(
                    part=name,
                    number=f"{number:g}",
                    unit=self.unit.value,
                    limit=f"{limit:g}",
                )
        return self
