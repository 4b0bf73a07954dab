"""The strict base model and the named field types every libyadata model shares."""

# Annotations stay objects (no __future__ import): pydantic need not compile them (issue 11).

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, NamedTuple, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .inputs import BoundedId, CleanText, UniqueItems

if TYPE_CHECKING:  # pydantic.json_schema is loaded only when a schema is made
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema


class StrictModel(BaseModel):
    """Base for every model: unknown fields are errors and records are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        # Build validators on first use, so `import libyadata` stays cheap.
        defer_build=True,
        validate_default=True,
        use_attribute_docstrings=False,
        # Quotes must stay byte-exact, so no whitespace stripping or case folding anywhere.
        str_strip_whitespace=False,
    )

    @classmethod
    def column_order(cls) -> tuple[str, ...]:
        """Field names in the order tables and the codebook list them."""
        return tuple(cls.model_fields)


#: Marks a status member as a future or intended state (see ``DocEnum.prospective``).
INTENDED = "intended"


class DocEnum(StrEnum):
    """A string enum whose members each carry a description for the codebook and schemas."""

    _value_: str
    description: str
    prospective: bool
    """Whether the member names a future or intended state (planned, sought, proposed…):
    such a record may be dated after the sources that report it were published."""

    def __new__(cls, value: str, description: str, tense: str = "") -> Self:
        """Create a member from its value, its description and, if prospective, ``INTENDED``."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        member.prospective = tense == INTENDED
        return member

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: "CoreSchema", handler: "GetJsonSchemaHandler"
    ) -> "JsonSchemaValue":
        """Add the member descriptions next to the enum values (as editors such as VS Code read)."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        schema["enumDescriptions"] = [member.description for member in cls]
        return schema


# The markers are NamedTuples, not dataclasses: making a dataclass compiles its methods, which
# every process that defines the models pays for (issue 11).


class References(NamedTuple):
    """Marks a field as a foreign key to the ``id`` column of another table."""

    table: str

    def __get_pydantic_json_schema__(
        self, core_schema: "CoreSchema", handler: "GetJsonSchemaHandler"
    ) -> "JsonSchemaValue":
        """Record the target table as ``x-references`` so JSON Schema users see the link too."""
        schema = handler(core_schema)
        schema["x-references"] = self.table
        return schema


class Inline(NamedTuple):
    """Marks a list of identifiers to be kept in one column (a JSON array) in flat tables."""

    def __get_pydantic_json_schema__(
        self, core_schema: "CoreSchema", handler: "GetJsonSchemaHandler"
    ) -> "JsonSchemaValue":
        """Record ``x-inline`` so the table layout keeps the list in its row."""
        schema = handler(core_schema)
        schema["x-inline"] = True
        return schema


_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"

# The id form of a table is declared once, here, on the type of its model's ``id`` field; the
# table registry (``tables``) reads it back from the model.

#: Identifier of a seed text, e.g. ``SEED-001``.
SeedId = Annotated[str, Field(pattern=r"^SEED-[0-9]{3,}$"), BoundedId()]
#: Identifier of an actor: ``ACT-`` plus a lowercase slug, e.g. ``ACT-khalifa-haftar``.
ActorId = Annotated[str, Field(pattern=rf"^ACT-{_SLUG}$"), BoundedId()]
#: Identifier of a place: ``PLC-`` plus a lowercase slug, e.g. ``PLC-benghazi``.
PlaceId = Annotated[str, Field(pattern=rf"^PLC-{_SLUG}$"), BoundedId()]
VisitId = Annotated[str, Field(pattern=r"^VIS-[0-9]{4,}$"), BoundedId()]
DeploymentId = Annotated[str, Field(pattern=r"^DEP-[0-9]{4,}$"), BoundedId()]
BaseId = Annotated[str, Field(pattern=r"^BAS-[0-9]{4,}$"), BoundedId()]
AgreementId = Annotated[str, Field(pattern=r"^AGR-[0-9]{4,}$"), BoundedId()]
MigrationFigureId = Annotated[str, Field(pattern=r"^MIG-[0-9]{4,}$"), BoundedId()]

SeedRef = Annotated[SeedId, References("seeds")]
ActorRef = Annotated[ActorId, References("actors")]
PlaceRef = Annotated[PlaceId, References("places")]
BaseRef = Annotated[BaseId, References("bases")]
VisitRef = Annotated[VisitId, References("visits")]
DeploymentRef = Annotated[DeploymentId, References("deployments")]
AgreementRef = Annotated[AgreementId, References("agreements")]
MigrationFigureRef = Annotated[MigrationFigureId, References("migration_figures")]

_Row = TypeVar("_Row")
#: Other rows of the same table that may record the same event, each once (``SameEvent[VisitRef]``).
SameEvent = Annotated[tuple[_Row, ...], UniqueItems()]
#: The field of every record kind that links rows which may record the same event.
SAME_EVENT_FIELD = "possibly_same_as"
#: The description of every record kind's ``possibly_same_as`` field.
SAME_EVENT = (
    "Other rows of this table that may record the same event, which the sources do not settle; "
    "the notes say why the rows stay apart. Counts can keep or merge such rows "
    "(`event_group` in the analyst views)."
)

#: The name of a field of the same record, e.g. ``date`` or ``visitors``.
FieldName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
#: Field names of the same record, each once, kept in one column.
FieldNames = Annotated[tuple[FieldName, ...], Inline(), UniqueItems()]
#: ISO 3166-1 alpha-2 country code, upper case.
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
#: BCP 47 language tags, e.g. ``en`` or ``ar``, kept in one column.
LanguageTags = Annotated[
    tuple[Annotated[str, Field(pattern=r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")], ...],
    Inline(),
    UniqueItems(),
]

# Every text field is bounded: a value far past these is a paste gone wrong, and it would break
# readers of the CSV form (Python's csv module refuses fields over 128 KiB by default).
#: Most code points of a name, a title or a label.
LABEL_LENGTH = 200
#: Most code points of a description: a purpose, a subject, a reason, a citation.
TEXT_LENGTH = 2_000
#: Most code points of notes.
NOTES_LENGTH = 5_000
#: Most code points of a quote from a seed.
QUOTE_LENGTH = 10_000

#: Non-empty text of at most ``TEXT_LENGTH`` code points, with no invisible characters.
Text = Annotated[str, Field(min_length=1, max_length=TEXT_LENGTH), CleanText()]
#: A name, title or label: non-empty, at most ``LABEL_LENGTH``, no invisible characters.
Label = Annotated[str, Field(min_length=1, max_length=LABEL_LENGTH), CleanText()]
#: Notes: non-empty, at most ``NOTES_LENGTH`` code points, no invisible characters.
LongText = Annotated[str, Field(min_length=1, max_length=NOTES_LENGTH), CleanText()]
#: Text copied from a seed (a quote): whatever the seed holds there, invisible characters
#: included, which the span checks compare with the seed.
SeedText = Annotated[str, Field(min_length=1, max_length=QUOTE_LENGTH)]
#: A name exactly as a seed spells it; the spelling check finds it in the seed.
SeedSpelling = Annotated[str, Field(min_length=1, max_length=LABEL_LENGTH)]
#: An absolute http(s) URL, kept exactly as written (never normalised).
Url = Annotated[str, Field(pattern=r"^https?://\S+$", max_length=TEXT_LENGTH), CleanText()]
