"""Reference tables: the seed texts, the actors and the places that records point to."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, Strict, ValidationInfo, field_validator

from ..core.catalogue.record_problems import COORDINATES_INCOMPLETE, PUBLICATION_DATE
from .base import (
    ActorId,
    ActorRef,
    CountryCode,
    Label,
    LanguageTags,
    LongText,
    PlaceId,
    PlaceRef,
    SeedId,
    StrictModel,
    Text,
    Url,
)
from .dates import FuzzyDate
from .evidence import NameInSeed, PositiveCount, RoleInSeed
from .grounding import Attribution, ExternalSource
from .inputs import PlainNumber, UniqueItems
from .vocab import ActorKind, Gazetteer, GeoPrecision, PlaceKind, Side, SourceType

Notes = Annotated[LongText | None, Field(description="Anything a reader of this row should know.")]


class Seed(StrictModel):
    """A source text: one file under ``seeds/`` and what is known about its publication."""

    id: SeedId = Field(description="Identifier of the seed, SEED- plus the file's number.")
    file: Annotated[str, Field(pattern=r"^[0-9]{3}_[0-9a-f]{16}\.txt$")] = Field(
        description="File name under seeds/."
    )
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the file's bytes, lowercase hex."
    )
    byte_length: PositiveCount = Field(description="Length of the file in bytes.")
    code_points: PositiveCount = Field(
        description="Length of the text in Unicode code points (the range of span offsets)."
    )
    title: Attribution = Field(description="Title of the piece.")
    publisher: Attribution = Field(description="Who published the piece.")
    author: Attribution = Field(description="Who wrote the piece.")
    url: Attribution = Field(description="Where the piece was published online.")
    published: FuzzyDate = Field(
        description="Publication date; relative dates in this seed are resolved against it."
    )
    languages: LanguageTags = Field(
        min_length=1, description="Languages of the text, main language first (BCP 47)."
    )
    source_type: SourceType = Field(description="What kind of publication the piece is.")
    rights: Text = Field(
        description="Who holds the rights to the text and on what terms it is here."
    )
    cited_urls: Annotated[tuple[Url, ...], UniqueItems()] = Field(
        default=(), description="URLs the text itself cites, exactly as written."
    )
    notes: Notes = None

    @field_validator("published")
    @classmethod
    def _published_when_possible(cls, published: FuzzyDate) -> FuzzyDate:
        """Refuse a publication date before 1900 or after today (a typo in the year)."""
        first, last = published.earliest, published.latest
        today = dt.datetime.now(dt.UTC).date()
        why = None
        if (last or first) is not None and (last or first) < EARLIEST_PUBLICATION:  # type: ignore[operator]
            why = f"before {EARLIEST_PUBLICATION.isoformat()}"
        elif (first or last) is not None and (first or last) > today:  # type: ignore[operator]
            why = f"after today ({today.isoformat()})"
        if why is not None:
            raise PUBLICATION_DATE.error(
                first=first.isoformat() if first else "",
                last=last.isoformat() if last else "",
                why=why,
            )
        return published


#: The earliest day a seed can have been published: sources before it are out of scope.
EARLIEST_PUBLICATION = dt.date(1900, 1, 1)


class Actor(StrictModel):
    """A person, government, armed force, armed group or organisation that records refer to."""

    id: ActorId = Field(description="Identifier: ACT- plus a slug of the name.")
    name: Label = Field(description="Preferred English name.")
    kind: ActorKind = Field(description="What kind of actor.")
    side: Side = Field(description="Which camp the actor belongs to.")
    affiliation: ActorRef | None = Field(
        default=None, description="The actor this one belongs to (a minister's ministry, say)."
    )
    country: CountryCode | None = Field(
        default=None, description="Country of the actor (ISO 3166-1 alpha-2), if it has one."
    )
    names: Annotated[tuple[NameInSeed, ...], UniqueItems()] = Field(
        min_length=1, description="Every name and spelling the seeds use for this actor."
    )
    roles: Annotated[tuple[RoleInSeed, ...], UniqueItems()] = Field(
        default=(), description="Roles and titles as the seeds describe them."
    )
    notes: Notes = None


#: A latitude in WGS 84 degrees, where the gazetteer gives a point.
Latitude = Annotated[
    Annotated[float, Field(ge=-90, le=90), Strict(), PlainNumber()] | None,
    Field(description="WGS 84 latitude, where the gazetteer gives a point."),
]
#: A longitude in WGS 84 degrees, where the gazetteer gives a point.
Longitude = Annotated[
    Annotated[float, Field(ge=-180, le=180), Strict(), PlainNumber()] | None,
    Field(description="WGS 84 longitude, where the gazetteer gives a point."),
]
#: The code of an entry in a gazetteer other than GeoNames.
GazetteerCode = Annotated[
    Annotated[str, Field(pattern=r"^[A-Z0-9]{3,4}$")] | None,
    Field(
        description="The entry's code in its gazetteer: an ICAO code in airportsdata (HL59), "
        "the ISO 3166-1 numeric code of a Natural Earth country (434)."
    ),
]
GazetteerField = Annotated[
    Gazetteer,
    Field(description="The gazetteer the entry is in (and the coordinates come from)."),
]
PrecisionField = Annotated[
    GeoPrecision | None,
    Field(
        description="What the coordinates are the point of: a facility, a settlement, or the "
        "centroid of a region or a country (as ACLED's geo_precision); set with coordinates."
    ),
]
NoCoordinates = Annotated[
    Text | None,
    Field(
        description="Why the place has no coordinates: no gazetteer has an entry for it, or "
        "it is not a point. Required for a city or facility without coordinates."
    ),
]


class GazetteerEntry(StrictModel):
    """A place's entry in an offline gazetteer, named as the (external) source of its point.

    Curators name the entry (``gazetteer`` and ``geonames_id`` or ``code``) or nothing, and
    ``libyadata geocode`` fills in the rest from the gazetteer: coordinates are derived, never
    typed.
    """

    gazetteer: GazetteerField = Gazetteer.GEONAMES
    geonames_id: PositiveCount | None = Field(
        default=None,
        description="The place's GeoNames identifier, where GeoNames has it (whichever gazetteer "
        "gives the point).",
    )
    code: GazetteerCode = None
    latitude: Latitude = None
    longitude: Longitude = None
    precision: PrecisionField = None
    source: ExternalSource = Field(description="The gazetteer and version the entry comes from.")

    @field_validator("longitude")
    @classmethod
    def _point_is_whole(cls, longitude: float | None, info: ValidationInfo) -> float | None:
        if (longitude is None) != (info.data.get("latitude") is None):
            raise COORDINATES_INCOMPLETE.error()
        return longitude

    @property
    def point(self) -> tuple[float, float] | None:
        """Return ``(latitude, longitude)``, or ``None`` when the entry gives no point."""
        if self.latitude is None or self.longitude is None:
            return None
        return self.latitude, self.longitude


class Place(StrictModel):
    """A country, region, city, facility or body of water that records refer to."""

    id: PlaceId = Field(description="Identifier: PLC- plus a slug of the name.")
    name: Label = Field(description="Preferred English name.")
    kind: PlaceKind = Field(description="What kind of place.")
    country: CountryCode | None = Field(
        default=None, description="ISO 3166-1 alpha-2 code of the country the place is in."
    )
    parent: PlaceRef | None = Field(
        default=None, description="The place this one lies in (a city's country, say)."
    )
    names: Annotated[tuple[NameInSeed, ...], UniqueItems()] = Field(
        min_length=1, description="Every name and spelling the seeds use for this place."
    )
    gazetteer: GazetteerEntry | None = Field(
        default=None,
        description="The place's entry in an offline gazetteer (GeoNames, airportsdata, "
        "Natural Earth), where one has it: its coordinates and their precision.",
    )
    no_coordinates: NoCoordinates = None
    notes: Notes = None

    @property
    def point(self) -> tuple[float, float] | None:
        """Return the place's ``(latitude, longitude)``, or ``None`` when it has none."""
        return self.gazetteer.point if self.gazetteer is not None else None
