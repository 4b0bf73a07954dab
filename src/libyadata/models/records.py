"""The five record kinds: visits, deployments, bases, agreements and migration figures."""

# Annotations stay objects (no __future__ import): pydantic need not compile them (issue 11).

import datetime as dt
from typing import Annotated, ClassVar

from pydantic import Field, ValidationInfo, field_validator

from ..core.catalogue.record_problems import NOTES_REQUIRED, REVIEW_INCOMPLETE, UNKNOWN_FIELD_NAME
from ..core.suggest import closest
from .base import (
    SAME_EVENT,
    ActorRef,
    AgreementId,
    AgreementRef,
    BaseId,
    BaseRef,
    DeploymentId,
    DeploymentRef,
    FieldNames,
    Label,
    LongText,
    MigrationFigureId,
    MigrationFigureRef,
    PlaceRef,
    SameEvent,
    StrictModel,
    Text,
    VisitId,
    VisitRef,
)
from .dates import Day, FuzzyDate
from .evidence import Evidence, span_key
from .inputs import UniqueItems
from .quantity import Quantity
from .vocab import (
    AgreementStatus,
    AgreementType,
    BaseStatus,
    DeploymentStatus,
    FacilityType,
    FigureStatus,
    ForceType,
    LocationPrecision,
    Method,
    VisitStatus,
)

#: Actors, each listed once.
Actors = Annotated[tuple[ActorRef, ...], UniqueItems()]

_DESCRIBED: dict[type, frozenset[str]] = {}


class Record(StrictModel):
    """Fields every record kind has. Kind-specific fields come between ``id`` and these."""

    #: Fields of this base that tables and the codebook list after the kind's own fields.
    TRAILING: ClassVar[tuple[str, ...]] = (
        "method",
        "reviewed_by",
        "reviewed_on",
        "disputed_fields",
        "inferred_fields",
        "notes",
        "evidence",
    )

    id: str = Field(description="Stable identifier; never reused, even after a retraction.")
    method: Method = Field(default=Method.CURATED, description="How the record was made.")
    reviewed_by: Label | None = Field(
        default=None,
        description="Who reviewed the extracted record and accepted it into the dataset "
        "(`libyadata review`); required when the method is 'extracted'.",
    )
    reviewed_on: Day | None = Field(
        default=None,
        description="The day the extracted record was accepted; required when the method is "
        "'extracted'.",
    )
    disputed_fields: FieldNames = Field(
        default=(),
        description="Fields on which the sources disagree; the notes give each claim.",
    )
    inferred_fields: FieldNames = Field(
        default=(),
        description="Fields whose value is inferred rather than stated; the notes say how.",
    )
    notes: LongText | None = Field(
        default=None, description="Conflicts, inferences and anything a reader should know."
    )
    evidence: Annotated[tuple[Evidence, ...], UniqueItems(span_key)] = Field(
        min_length=1, description="The spans of the seeds that this record rests on, each once."
    )

    @classmethod
    def column_order(cls) -> tuple[str, ...]:
        """Field names in table order: ``id``, the kind's own fields, then the shared ones."""
        own = tuple(name for name in cls.model_fields if name not in cls.TRAILING)
        return own + cls.TRAILING

    def __repr__(self) -> str:
        """One line: kind, id, status, date and evidence (every field would be kilobytes)."""
        parts = [repr(self.id)]
        status = getattr(self, "status", None)
        if status is not None:
            parts.append(f"status={str(status)!r}")
        for name in ("date", "period"):
            date = getattr(self, name, None)
            if isinstance(date, FuzzyDate):
                # ISO 8601: the value as precise as it is known, or the interval of a range.
                bounds = (str(bound) if bound else ".." for bound in (date.earliest, date.latest))
                parts.append(f"{name}={date.value or '/'.join(bounds)!r}")
        parts.append(f"evidence={len(self.evidence)} span(s)")
        return f"{type(self).__name__}({', '.join(parts)})"

    @classmethod
    def described_fields(cls) -> frozenset[str]:
        """Return the fields that evidence can support and that can be disputed or inferred."""
        # Cached: every span of every record asks, and validating a million records pays for it.
        known = _DESCRIBED.get(cls)
        if known is None:
            known = _DESCRIBED[cls] = frozenset(cls.model_fields) - {"id", *cls.TRAILING}
        return known

    @field_validator("reviewed_on")
    @classmethod
    def _review_is_whole(cls, reviewed_on: dt.date | None, info: ValidationInfo) -> dt.date | None:
        # An extracted record enters the dataset only through a review, which says who and when.
        if "reviewed_by" not in info.data or "method" not in info.data:
            return reviewed_on  # the field that failed is reported on its own
        given = (info.data.get("reviewed_by") is not None, reviewed_on is not None)
        extracted = info.data.get("method") == Method.EXTRACTED
        if (extracted and not all(given)) or any(given) != all(given):
            what = "a review names who and when"
            if extracted:
                what = "an extracted record needs its review"
            raise REVIEW_INCOMPLETE.error(what=what)
        return reviewed_on

    @field_validator("disputed_fields", "inferred_fields")
    @classmethod
    def _names_are_fields(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        for name in names:
            cls._require_field(name)
        return names

    @field_validator("notes")
    @classmethod
    def _notes_explain(cls, notes: str | None, info: ValidationInfo) -> str | None:
        if notes is None and (info.data.get("disputed_fields") or info.data.get("inferred_fields")):
            raise NOTES_REQUIRED.error()
        return notes

    @field_validator("evidence")
    @classmethod
    def _supports_are_fields(cls, evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
        known = cls.described_fields()
        for span in evidence:
            if not known.issuperset(span.supports):
                for name in span.supports:
                    cls._require_field(name)
        return evidence

    @classmethod
    def _require_field(cls, name: str) -> None:
        known = cls.described_fields()
        if name not in known:
            close = closest(name, known)
            raise UNKNOWN_FIELD_NAME.error(
                name=name,
                kind=cls.__name__,
                suggestion=f"; did you mean {close!r}?" if close else "",
            )


DateField = Annotated[
    FuzzyDate | None, Field(description="When it happened, as precisely as the sources say.")
]


class Visit(Record):
    """A visit or meeting: who travelled where, whom they met, and whether it happened."""

    id: VisitId = Field(description="Identifier: VIS- and a zero-padded number.")
    status: VisitStatus = Field(description="Whether the visit took place.")
    date: DateField = None
    visitors: Actors = Field(min_length=1, description="Who travelled.")
    met_with: Actors = Field(default=(), description="Whom the visitors met or were received by.")
    declined_by: Actors = Field(
        default=(),
        description="Whom the visitors sought to meet on the visit but who declined to meet them.",
    )
    destination: PlaceRef | None = Field(
        default=None, description="Where the visit took place (city, or country if no city)."
    )
    aboard: ActorRef | None = Field(
        default=None, description="The ship the visit took place on, if any."
    )
    purpose: Text | None = Field(
        default=None, description="The purpose or topics of the visit, as the sources put them."
    )
    possibly_same_as: SameEvent[VisitRef] = Field(default=(), description=SAME_EVENT)


class Deployment(Record):
    """Forces or materiel sent somewhere: mercenaries, troops, special forces, ships, hardware."""

    id: DeploymentId = Field(description="Identifier: DEP- and a zero-padded number.")
    status: DeploymentStatus = Field(description="How firmly the deployment is attested.")
    date: DateField = None
    deployed_by: ActorRef = Field(description="The state or group that sent the force.")
    force_type: ForceType = Field(description="What was deployed.")
    unit: ActorRef | None = Field(
        default=None, description="The group or unit deployed, e.g. the Wagner Group."
    )
    size: Quantity | None = Field(default=None, description="How large, where the text says.")
    location: PlaceRef | None = Field(default=None, description="Where the force was sent.")
    base: BaseRef | None = Field(default=None, description="The base it was sent to, if named.")
    in_support_of: ActorRef | None = Field(
        default=None, description="Whom the deployment is said to support."
    )
    purpose: Text | None = Field(default=None, description="The stated or reported purpose.")
    possibly_same_as: SameEvent[DeploymentRef] = Field(default=(), description=SAME_EVENT)


class Base(Record):
    """A base, airfield or port and a force's relation to it."""

    id: BaseId = Field(description="Identifier: BAS- and a zero-padded number.")
    status: BaseStatus = Field(description="The force's relation to the base.")
    date: DateField = None
    name: Label = Field(description="The base's name as the source writes it.")
    facility_type: FacilityType = Field(description="What kind of facility it is.")
    place: PlaceRef = Field(description="Where the base is.")
    location_precision: LocationPrecision = Field(
        description="How precisely the place locates the facility."
    )
    user: ActorRef | None = Field(
        default=None, description="The force that occupies, uses or seeks the base."
    )
    possibly_same_as: SameEvent[BaseRef] = Field(default=(), description=SAME_EVENT)


class Agreement(Record):
    """An accord, deal, contract or joint statement, whatever its state."""

    id: AgreementId = Field(description="Identifier: AGR- and a zero-padded number.")
    status: AgreementStatus = Field(description="The state of the agreement.")
    date: DateField = None
    agreement_type: AgreementType = Field(description="What the agreement is about.")
    subject: Text = Field(description="What it covers, as the sources describe it.")
    parties: Actors = Field(
        default=(), description="The parties to the agreement, where the sources name them."
    )
    brokers: Actors = Field(default=(), description="Mediators or brokers, if any.")
    amount: Quantity | None = Field(default=None, description="Its value, where stated.")
    place: PlaceRef | None = Field(
        default=None, description="Where it was signed or negotiated, if stated."
    )
    possibly_same_as: SameEvent[AgreementRef] = Field(default=(), description=SAME_EVENT)


class MigrationFigure(Record):
    """A number about migration: what is counted, where, over which period, as stated."""

    id: MigrationFigureId = Field(description="Identifier: MIG- and a zero-padded number.")
    status: FigureStatus = Field(description="Whether the figure is stated or estimated.")
    quantity: Quantity = Field(description="The figure itself, never rounded.")
    counted: Text = Field(description="What is counted, in the source's terms.")
    origin: PlaceRef | None = Field(default=None, description="Where the migrants left from.")
    destination: PlaceRef | None = Field(default=None, description="Where they went.")
    period: FuzzyDate | None = Field(default=None, description="The period the figure covers.")
    reported_by: ActorRef | None = Field(
        default=None, description="Who gives the figure, if the source attributes it."
    )
    possibly_same_as: SameEvent[MigrationFigureRef] = Field(default=(), description=SAME_EVENT)
