"""The extractor's word lists: triggers per kind, status cues, units, qualifiers, demonyms.

General English and the vocabulary of defence and migration reporting, never words taken from
one seed's sentence: a cue here must serve any article about foreign forces, visits, bases,
deals and migration. Everything is lower case and matched on whole tokens (multi-word cues on
consecutive tokens), so a reviewer can see why a signal fired and a change here is a reviewed
change.
"""

from __future__ import annotations

#: Words and phrases that make a sentence propose a record of each kind.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "visits": (
        *("visit", "visits", "visited", "visiting", "trip", "trips", "tour", "toured"),
        *("travelled to", "traveled to", "travelled", "traveled", "flew to", "arrived in"),
        *("went to", "went back", "returned to", "came to", "boarded", "stopover"),
        *("met", "meet", "meets", "meeting", "meetings", "audience", "summit"),
        *("received", "receiving", "receives", "hosted", "hosting", "welcomed"),
        *("delegation", "held talks", "talks with", "sent their diplomats", "sent diplomats"),
        *("sent an envoy", "sent envoys", "summoned"),
    ),
    "deployments": (
        *("deployed", "deploy", "deploys", "deploying", "deployment", "deployments"),
        *("stationed", "dispatched", "sent troops", "sent forces", "sent fighters"),
        *("troops", "mercenaries", "contingent", "special forces", "paramilitaries", "fighters"),
        *("military presence", "covert presence", "presence", "warships", "soldiers"),
        *("military advisers", "military advisors", "instructors", "moved in", "elements"),
        *("sent", "shipped", "delivered", "hardware", "operators", "military assets"),
        *("aircraft carrier", "air-craft carrier", "warship", "frigate", "naval operation"),
    ),
    "bases": (
        *("base", "bases", "air base", "air bases", "airbase", "airbases", "naval base"),
        *("naval bases", "military base", "military bases", "airfield", "airfields"),
        *("airstrip", "port", "ports", "docking rights", "docking", "harbour", "harbor"),
    ),
    "agreements": (
        *("agreement", "agreements", "accord", "accords", "deal", "deals", "pact", "treaty"),
        *("contract", "contracts", "memorandum", "joint statement", "cease-fire", "ceasefire"),
        *("truce", "signed", "signing", "struck"),
    ),
    "migration_figures": (
        *("migrants", "migrant", "migration", "refugees", "refugee", "asylum seekers"),
        *("crossings", "arrivals", "departures", "migrant flows", "returnees", "deportations"),
        *("crossed", "smuggled", "repatriated", "displaced"),
    ),
}

#: Status cues per kind, strongest first: the first status whose cue occurs in the clause wins.
STATUS_CUES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "visits": (
        (
            "declined",
            (
                "declined to meet",
                "refused to meet",
                "declined",
                "snubbed",
                "called off",
                "cancelled",
            ),
        ),
        ("expected", ("expects", "expected", "is likely to visit", "soon")),
        (
            "planned",
            (
                "will visit",
                "will travel",
                "plans to",
                "planned",
                "scheduled",
                "is due to",
                "is set to",
                "is to visit",
            ),
        ),
    ),
    "deployments": (
        ("denied", ("denied", "denies", "deny", "denials", "denial")),
        (
            "planned",
            (
                "will deploy",
                "would",
                "plans to",
                "planned",
                "plan",
                "wants",
                "seeks",
                "could",
                "may",
                "might",
                "is moving to",
                "expected to",
            ),
        ),
        ("confirmed", ("confirmed", "announced", "acknowledged", "officially")),
    ),
    "bases": (
        ("referenced", ("as is the case", "compared with", "similar to", "so far has only")),
        (
            "sought",
            (
                "seeking",
                "seek",
                "seeks",
                "sought",
                "not yet been able",
                "bid for",
                "wants",
                "access to",
            ),
        ),
        ("prospective", ("may", "might", "could", "likely", "prospect", "will be", "would")),
        (
            "occupied",
            ("occupied", "stationed", "deployed", "controls", "control of", "hosts", "presence"),
        ),
        ("used", ("used", "uses", "using", "assets", "docking", "flights")),
    ),
    "agreements": (
        ("refused", ("refused", "rejected", "declined", "without accepting", "turned down")),
        ("undisclosed", ("undisclosed", "secret")),
        (
            "proposed",
            (
                "no agreement",
                "not signed",
                "unwilling",
                "asked",
                "request",
                "wants",
                "seeks",
                "seeking",
                "pitched",
                "proposed",
                "offering",
                "offered",
                "sought",
                "pressed",
            ),
        ),
        (
            "negotiating",
            (
                "being hammered out",
                "hammered out",
                "negotiating",
                "negotiations",
                "negotiated",
                "talks on",
                "being drafted",
                "in talks",
            ),
        ),
        ("signed", ("signed", "struck", "concluded", "issued", "reached", "agreed", "inked")),
    ),
    "migration_figures": (
        (
            "estimated",
            (
                "about",
                "around",
                "some",
                "roughly",
                "estimated",
                "an estimated",
                "nearly",
                "almost",
                "approximately",
            ),
        ),
    ),
}
#: The status a kind takes when no cue says otherwise.
DEFAULT_STATUS = {
    "visits": "occurred",
    "deployments": "reported",
    "bases": "referenced",
    "agreements": "signed",
    "migration_figures": "stated",
}

#: What a deployment's force is, from the words for it (first match wins).
FORCE_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("special_forces", ("special forces", "special operations", "commandos", "operators")),
    ("mercenaries", ("mercenaries", "mercenary", "paramilitaries", "contractors", "pmc", "wagner")),
    ("advisors", ("advisers", "advisors", "instructors", "trainers")),
    (
        "warships",
        (
            "warships",
            "warship",
            "frigate",
            "frigates",
            "aircraft carrier",
            "air-craft carrier",
            "carrier",
            "naval",
        ),
    ),
    (
        "aircraft",
        ("jets", "fighter jets", "bombers", "helicopters", "drones", "aircraft", "planes"),
    ),
    ("hardware", ("hardware", "weapons", "arms", "equipment", "materiel", "munitions")),
    ("regular_troops", ("troops", "soldiers", "regular", "army", "forces")),
)

#: What a base is, from the words for it.
FACILITY_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("naval_base", ("naval base", "naval bases", "navy base")),
    ("air_base", ("air base", "air bases", "airbase", "airbases")),
    ("airfield", ("airfield", "airfields", "airstrip", "airport")),
    ("port", ("port", "ports", "docking rights", "docking", "harbour", "harbor")),
    ("military_base", ("military base", "military bases", "base", "bases")),
)

#: What an agreement is about, from the words around it (first match wins).
AGREEMENT_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ceasefire", ("cease-fire", "ceasefire", "truce")),
    (
        "migration",
        ("migrants", "migrant", "migration", "repatriating", "repatriation", "returns", "crossing"),
    ),
    ("basing", ("docking rights", "basing", "base rights")),
    ("arms", ("arms deal", "arms deals", "weapons deal", "arms")),
    ("defence", ("defense", "defence", "security", "military")),
    (
        "political",
        ("joint statement", "political", "power-sharing", "recognize", "recognise", "government"),
    ),
    ("economic", ("energy", "oil", "commercial", "economic", "trade", "investment")),
)

#: Words that qualify a number, and the qualifier they give.
QUALIFIERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("at_most", ("up to", "at most", "fewer than", "less than", "no more than", "under")),
    ("at_least", ("at least", "more than", "over", "upwards of", "in excess of", "no fewer than")),
    (
        "approximate",
        (
            "about",
            "around",
            "some",
            "roughly",
            "approximately",
            "nearly",
            "almost",
            "an estimated",
            "estimated",
            "close to",
        ),
    ),
)

#: Nouns a number counts, by unit.
UNIT_NOUNS: dict[str, tuple[str, ...]] = {
    "person": (
        *("people", "persons", "fighters", "troops", "soldiers", "mercenaries", "migrants"),
        *("refugees", "personnel", "advisers", "advisors", "instructors", "officers"),
        *(
            "contractors",
            "paramilitaries",
            "operators",
            "civilians",
            "asylum",
            "crossings",
            "forces",
        ),
        *("arrivals", "returnees", "men", "women", "children", "members", "militants"),
    ),
    "vessel": ("ships", "vessels", "warships", "boats", "frigates"),
    "aircraft": ("aircraft", "jets", "planes", "helicopters", "drones", "bombers"),
    "tonne": ("tonnes", "tons", "tonne", "ton"),
}
#: Currency signs and words, by unit.
CURRENCIES: dict[str, tuple[str, ...]] = {
    "GBP": ("£", "pounds", "pound", "sterling"),
    "USD": ("$", "us$", "dollars", "dollar"),
    "EUR": ("€", "euros", "euro"),
}
#: Words after a number that multiply it.
SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
#: Number words.
NUMBER_WORDS: dict[str, int] = {
    **dict.fromkeys(("a", "an", "one"), 1),
    **{
        word: value
        for value, word in enumerate(
            (
                *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
                *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen"),
                *("seventeen", "eighteen", "nineteen", "twenty"),
            )
        )
        if value > 1
    },
    **{
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
    },
    "dozen": 12,
}
#: Vague amounts: no number, only an order of magnitude.
MAGNITUDES: tuple[str, ...] = (
    *("tens of thousands", "hundreds of thousands", "thousands", "hundreds", "dozens"),
    *("millions", "billions", "several hundred", "several thousand", "a handful", "scores"),
)
#: Words that mark percentages.
PERCENT: tuple[str, ...] = ("per cent", "percent", "%")

#: Words that make a number an amount of money when no currency is written ("worth over 4 billion").
MONEY_CONTEXT: tuple[str, ...] = (
    "worth",
    "valued at",
    "value of",
    "costing",
    "cost",
    "funding",
    "deal",
)

#: Words that introduce whom a deployment supports.
SUPPORT_CUES: tuple[str, ...] = (
    "to support",
    "to assist",
    "in support of",
    "to help",
    "backing",
    "to back",
)
#: Words that introduce mediators.
BROKER_CUES: tuple[str, ...] = (
    "broker",
    "brokered",
    "mediation",
    "mediated",
    "mediator",
    "help broker",
)
#: Words that introduce who reports a figure.
REPORTER_CUES: tuple[str, ...] = ("according to", "said", "says", "reported", "estimates", "told")
#: Prepositions before a destination or location.
TO_PLACE: tuple[str, ...] = (
    "to",
    "in",
    "into",
    "at",
    "inside",
    "toward",
    "towards",
    "across",
    "near",
)
#: Prepositions before an origin.
FROM_PLACE: tuple[str, ...] = ("from",)

#: Titles and ranks before a person's name: a sign that an unknown name is a person's.
PERSON_TITLES: tuple[str, ...] = (
    *("president", "prime", "minister", "general", "gen.", "field", "marshal", "commander"),
    *("ambassador", "envoy", "dr", "mr", "mrs", "ms", "colonel", "admiral", "spokesman"),
    *("spokeswoman", "secretary", "deputy", "king", "prince", "sheikh", "chief", "pm", "senator"),
)
#: Words in an organisation's name.
ORGANISATION_WORDS: tuple[str, ...] = (
    *("ministry", "group", "army", "agency", "council", "center", "centre", "office", "command"),
    *("forces", "government", "parliament", "company", "corporation", "bank", "party", "union"),
    *("organization", "organisation", "institute", "committee", "navy", "news", "times", "press"),
    *("association", "brigade", "battalion", "guard", "coalition", "front", "movement", "fund"),
)
#: Words in a place's name.
PLACE_WORDS: tuple[str, ...] = (
    *("sea", "ocean", "gulf", "river", "city", "province", "region", "island", "islands"),
    *("mountains", "desert", "coast", "peninsula", "strait", "canal", "valley", "oasis"),
)

#: Country demonyms, to their ISO 3166-1 codes: "Russian troops" are Russia's.
DEMONYMS: dict[str, str] = {
    "russian": "RU",
    "soviet": "RU",
    "libyan": "LY",
    "american": "US",
    "u.s.": "US",
    "british": "GB",
    "french": "FR",
    "italian": "IT",
    "german": "DE",
    "turkish": "TR",
    "egyptian": "EG",
    "emirati": "AE",
    "qatari": "QA",
    "saudi": "SA",
    "sudanese": "SD",
    "chadian": "TD",
    "nigerien": "NE",
    "tunisian": "TN",
    "algerian": "DZ",
    "moroccan": "MA",
    "syrian": "SY",
    "greek": "GR",
    "maltese": "MT",
    "spanish": "ES",
    "chinese": "CN",
    "iranian": "IR",
    "israeli": "IL",
    "ukrainian": "UA",
    "belarusian": "BY",
    "malian": "ML",
    "nigerian": "NG",
    "tunisians": "TN",
    "european": "EU",
}

#: Month and weekday names, which start with a capital but name no one.
MONTH_NAMES: tuple[str, ...] = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)
WEEKDAY_NAMES: tuple[str, ...] = (
    *("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
)
#: Capitalised adjectives and directions that name no one ("Western diplomats", "North African").
ADJECTIVES: tuple[str, ...] = (
    *("western", "eastern", "northern", "southern", "central", "north", "south", "east", "west"),
    *("african", "arab", "islamic", "middle", "international", "related", "illegal", "options"),
)
#: Pronouns that refer back to a person or a state named before.
PRONOUNS: dict[str, str] = {
    **dict.fromkeys(("he", "him", "his", "she", "her"), "person"),
    **dict.fromkeys(("it", "its", "they", "their"), "group"),
}
