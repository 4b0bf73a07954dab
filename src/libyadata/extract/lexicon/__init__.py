"""The extractor's word lists: triggers per kind, status cues, units, qualifiers, demonyms.

General English and the vocabulary of defence and migration reporting, never words taken from
one seed's sentence: a cue here must serve any article about foreign forces, visits, bases,
deals and migration. Everything is lower case and matched on whole tokens (multi-word cues on
consecutive tokens), so a reviewer can see why a signal fired and a change here is a reviewed
change. ``kinds`` holds what proposes records and fills their fields, ``numbers`` the words
of quantities, ``names`` the words about names; all are read as ``lexicon.NAME``.
"""

from __future__ import annotations

from .kinds import (
    AGREEMENT_NOUNS,
    AGREEMENT_TYPES,
    BROKER_CUES,
    CUE_PATTERNS,
    DEFAULT_STATUS,
    ENVOYS,
    FACILITY_TYPES,
    FORCE_TYPES,
    FROM_PLACE,
    KINDS,
    NOT_FACILITIES,
    REPORTER_CUES,
    SENDING_VERBS,
    STATUS_CUES,
    SUPPORT_CUES,
    TO_PLACE,
    TRIGGERS,
)
from .names import (
    ADJECTIVES,
    DEMONYMS,
    MONTH_NAMES,
    ORGANISATION_WORDS,
    PERSON_TITLES,
    PLACE_WORDS,
    PRONOUNS,
    WEEKDAY_NAMES,
)
from .numbers import (
    CURRENCIES,
    MAGNITUDES,
    MONEY_CONTEXT,
    NUMBER_WORDS,
    PERCENT,
    QUALIFIERS,
    SCALES,
    UNIT_NOUNS,
)

__all__ = [
    "KINDS",
    "AGREEMENT_NOUNS",
    "NOT_FACILITIES",
    "CUE_PATTERNS",
    "ENVOYS",
    "SENDING_VERBS",
    "TRIGGERS",
    "STATUS_CUES",
    "DEFAULT_STATUS",
    "FORCE_TYPES",
    "FACILITY_TYPES",
    "AGREEMENT_TYPES",
    "SUPPORT_CUES",
    "BROKER_CUES",
    "REPORTER_CUES",
    "TO_PLACE",
    "FROM_PLACE",
    "QUALIFIERS",
    "UNIT_NOUNS",
    "CURRENCIES",
    "SCALES",
    "NUMBER_WORDS",
    "MAGNITUDES",
    "PERCENT",
    "MONEY_CONTEXT",
    "PERSON_TITLES",
    "ORGANISATION_WORDS",
    "PLACE_WORDS",
    "DEMONYMS",
    "MONTH_NAMES",
    "WEEKDAY_NAMES",
    "ADJECTIVES",
    "PRONOUNS",
]
