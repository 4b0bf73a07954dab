"""The cross-record layer: ids, foreign keys, retractions, duplicates.

What one record cannot see alone: references to ids, ids used twice or after retraction,
retractions, two records of one event, two places with one gazetteer entry.
"""

from __future__ import annotations

from ..problemtype import CROSS_RECORD, declare

#: The layer of ``validate`` this module declares the types of.
LAYER = CROSS_RECORD

# -- cross-record: ids, foreign keys, retractions -----------------------------------------------
FOREIGN_KEY = declare(
    "foreign-key",
    CROSS_RECORD,
    "A reference to an id that does not exist",
    "{value} is not the id of any row of {target}",
    "add {value} to {target}, or correct the reference",
)

FOREIGN_KEY_SEED = FOREIGN_KEY.variant(
    "{seed_id} is not the id of any seed", hint="use the id of a seed in seeds/sources.yaml"
)

DUPLICATE_ID = declare(
    "duplicate-id",
    CROSS_RECORD,
    "Two records of a table with one id",
    "{id} is already used on line {first}",
    "give the record a new id; ids are never reused",
)

DUPLICATE_ID_IN_TABLE = DUPLICATE_ID.variant(
    "{id} is already the id of an earlier record of this table"
)

ID_REUSED = declare(
    "id-reused",
    CROSS_RECORD,
    "An id used by two tables, or after retraction",
    "{id} is already the id of a record of {owner}",
    "give the record a new id of its own table's form; ids are never shared between tables",
)

ID_REUSED_AFTER_RETRACTION = ID_REUSED.variant(
    "{id} was retracted in {retracted_in} and is back as a new record",
    hint="ids are never reused: give the record a new id",
)

RETRACTION_LIVE = declare(
    "retraction-live",
    CROSS_RECORD,
    "A retracted id that is still live",
    "{id} is retracted but is still a record of {table}",
    "delete {id} from its file, or drop this retraction if it was never released; "
    "a retracted id is never reused",
)

RETRACTION_REPLACEMENT = declare(
    "retraction-replacement",
    CROSS_RECORD,
    "A retraction replaced by an id that is not live",
    "{replacement} is not the id of any record of {table}",
    "name a live record of {table}, or leave replaced_by out",
)

# -- cross-record ------------------------------------------------------------------------------
DUPLICATE_RECORD = declare(
    "duplicate-record",
    CROSS_RECORD,
    "Two records of the same event",
    "{id} and {other} are the same event: the same kind, actors, places and dates",
    "merge the evidence into one record and retract the other, or say in the notes of one why "
    "both stand (naming the other's id)",
)

PLACE_SAME_GAZETTEER = declare(
    "place-same-gazetteer",
    CROSS_RECORD,
    "Two places with the same gazetteer entry",
    "{id} and {other} are the same gazetteer entry ({entry})",
    "keep one place: add the other's spellings to its `names`, point references to it, and "
    "remove the other (or fix the entry that is wrong)",
)
