"""Words that propose a record of each kind and fill its fields.

The triggers of each kind, the cues of each status (strongest first), the words that give a
deployment's force, a base's facility and an agreement's type, and the small words that
introduce whom a deployment supports, who brokers, who reports and where something is.
"""

from __future__ import annotations

from typing import Any

#: Words and phrases that make a sentence propose a record of each kind.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "visits": (
        *("visit", "visits", "visited", "visiting", "trip", "trips", "tour", "toured"),
        *("travelled to", "traveled to", "travelled", "traveled", "flew to", "arrived in"),
        # the forms of what is to come or reported ("would travel to Moscow next month")
        *("travel to", "travels to", "travelling to", "traveling to", "fly to", "flies to"),
        *("arrive in", "arrives in", "arriving in", "head to", "heads to", "heading to"),
        *("went to", "went back", "returned to", "returned", "came to", "stopover"),
        *("boarded", "went aboard", "came aboard"),
        # who goes along is a visitor too ("He was accompanied by Colonel X")
        *("accompanied by", "accompanied"),
        *("met", "meet", "meets", "meeting", "meetings", "audience with", "summit"),
        *("received", "receiving", "receives", "hosted", "hosting", "welcomed", "summoned"),
        *("delegation", "held talks", "talks with"),
    ),
    "deployments": (
        *("deployed", "deploy", "deploys", "deploying", "deployment", "deployments"),
        *("stationed", "dispatched", "troops", "mercenaries", "mercenary", "contingent"),
        # "engineers were based at the X air base": stationed there ("based in Britain" is not)
        "based at",
        *("special forces", "paramilitaries", "fighters", "soldiers", "military advisers"),
        *("military advisors", "instructors", "military presence", "naval presence"),
        *("military assets", "military hardware", "warships", "warship", "frigate"),
        *("aircraft carrier", "naval operation", "contractors"),
        # equipment moved by air or sea: a deployment of hardware, from somewhere to somewhere
        *("cargo planes", "cargo plane", "cargo flights", "cargo aircraft", "transport aircraft"),
        *(
            "transport planes",
            "airlifted",
            "airlift",
            "shipped",
            "to ship",
            "shipment",
            "shipments",
        ),
        # and by sea: the ships that carry ("a Russian cargo ship is due to dock at Tobruk")
        *("cargo ship", "cargo ships", "landing ship", "landing ships", "supply ship"),
        *("supply ships", "transport ship", "transport ships"),
        *("transported", "transporting", "delivered", "deliveries", "unloaded", "transferred"),
        *("moved", "flown", "sent"),
    ),
    "bases": (
        *("base", "bases", "air base", "air bases", "airbase", "airbases", "naval base"),
        *("naval bases", "military base", "military bases", "airfield", "airfields"),
        *("airstrip", "port", "ports", "docking rights", "harbour", "harbor"),
    ),
    "agreements": (
        *("agreement", "agreements", "accord", "accords", "deal", "deals", "pact", "treaty"),
        # offers and proposals are agreements proposed; their status comes from the words
        *("offered to", "offers to", "offer to", "proposed to", "proposal to", "proposal for"),
        *("agreed to", "agreed on", "have agreed", "has agreed"),
        *("contract", "contracts", "memorandum", "joint statement", "cease-fire", "ceasefire"),
        *("truce", "signed", "signing", "struck", "protocol", "protocols"),
        # a quid pro quo is a deal offered or made ("offered patrol boats in exchange for …")
        *("in exchange for", "in return for"),
        # talks under way are an agreement being negotiated ("the two sides were discussing")
        *("were discussing", "are discussing", "is discussing", "was discussing"),
    ),
    "migration_figures": (
        *("migrants", "migrant", "migration", "refugees", "refugee", "asylum seekers"),
        *("crossings", "arrivals", "departures", "migrant flows", "returnees", "deportations"),
        *("crossed", "crossing", "smuggled", "repatriated", "displaced"),
    ),
}

#: Verbs of sending and the envoys sent: "sent its envoy", "dispatched a delegation" visit.
#: The record kinds the extractor proposes, in report order: the kinds it has triggers for.
KINDS: tuple[str, ...] = tuple(TRIGGERS)
SENDING_VERBS: tuple[str, ...] = ("send", "sends", "sent", "dispatch", "dispatches", "dispatched")
ENVOYS: tuple[str, ...] = (
    *("diplomat", "diplomats", "envoy", "envoys", "emissary", "emissaries", "delegation"),
    *("delegations", "ambassador", "ambassadors", "minister", "ministers", "officials"),
    *("mission", "missions"),
)
#: The nouns of agreements, which "reached" takes when it means one was made.
AGREEMENT_NOUNS: tuple[str, ...] = (
    *("agreement", "agreements", "accord", "accords", "deal", "deals", "pact", "treaty"),
    *("settlement", "ceasefire", "cease-fire", "truce", "understanding", "compromise"),
)
#: Cues no fixed phrase covers, as spaCy ``Matcher`` token patterns, by cue group.
CUE_PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "trigger:visits": [
        [
            {"LOWER": {"IN": list(SENDING_VERBS)}},
            {"IS_ALPHA": True, "OP": "{0,2}"},
            {"LOWER": {"IN": list(ENVOYS)}},
        ],
    ],
    # "reached a deal", "reached an initial agreement"; not "reached out" or "reached Tripoli"
    "status:agreements:signed": [
        [
            {"LOWER": {"IN": ["reach", "reached", "reaches", "reaching"]}},
            {"IS_ALPHA": True, "OP": "{0,2}"},
            {"LOWER": {"IN": list(AGREEMENT_NOUNS)}},
        ],
    ],
}

#: Status cues per kind, strongest first: the first status whose cue occurs wins.
STATUS_CUES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "visits": (
        (
            "declined",
            (
                *("declined to meet", "refused to meet", "declined", "snubbed", "called off"),
                *("cancelled", "canceled"),
            ),
        ),
        ("expected", ("expects", "expected", "likely to")),
        (
            "planned",
            (
                *("will visit", "will travel", "plans to", "planned", "scheduled", "is due to"),
                *("to plan a", "plan a visit", "planning a", "planning to"),
                *("is set to", "is to visit"),
                *("will send", "will fly", "will go", "will arrive", "will head", "will hold"),
                # what someone said would happen ("said that X would travel to Moscow")
                *("would travel", "would visit", "would fly", "would go", "would arrive"),
                *("would head", "would hold", "would meet"),
            ),
        ),
    ),
    "deployments": (
        ("denied", ("denied", "denies", "deny", "denials", "denial", "fabrication")),
        (
            "planned",
            (
                *("will deploy", "would", "plans to", "planned", "plan", "wants", "seeks"),
                *("could", "may", "might", "expected to"),
            ),
        ),
        ("confirmed", ("confirmed", "announced", "acknowledged")),
    ),
    "bases": (
        ("referenced", ("compared with", "similar to")),
        ("sought", ("seeking", "seek", "seeks", "sought", "not yet", "bid for", "wants")),
        (
            "prospective",
            (
                *("may", "might", "could", "likely", "prospect", "will be", "would"),
                *("possible", "potential", "future"),
            ),
        ),
        (
            "occupied",
            (
                *("occupied", "stationed", "deployed", "controls", "control of", "hosts"),
                *("presence", "based at"),
            ),
        ),
        (
            "used",
            (
                *("used", "uses", "using", "docking", "docked", "flights", "called at"),
                *("landed at", "unloaded", "arrived at", "operate from", "operating from"),
            ),
        ),
    ),
    "agreements": (
        (
            "refused",
            (
                *("refused", "rejected", "declined", "turned down", "without signing"),
                *("without accepting", "without agreeing"),
            ),
        ),
        ("undisclosed", ("undisclosed", "secret")),
        (
            "proposed",
            (
                *("no agreement", "not signed", "unwilling", "asked", "request", "wants"),
                *("seeks", "seeking", "pitched", "proposed", "offering", "offered", "sought"),
                *("pressed", "potential", "possible", "prospective", "draft", "to sign"),
                *("to broker", "to conclude", "to strike", "to reach"),
            ),
        ),
        (
            "negotiating",
            (
                *("hammered out", "hammering out", "negotiating", "negotiations", "negotiated"),
                *("talks on", "being drafted", "in talks", "discussing"),
            ),
        ),
        ("signed", ("signed", "struck", "concluded", "issued", "agreed", "inked")),
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
    ("special_forces", ("special forces", "special operations", "commandos")),
    ("mercenaries", ("mercenaries", "mercenary", "paramilitaries", "contractors", "pmc")),
    ("advisors", ("advisers", "advisors", "instructors", "trainers")),
    (
        "warships",
        ("warships", "warship", "frigate", "frigates", "aircraft carrier", "carrier", "naval"),
    ),
    (
        "aircraft",
        ("jets", "fighter jets", "bombers", "helicopters", "drones", "aircraft", "planes"),
    ),
    (
        "hardware",
        (
            *("hardware", "weapons", "arms", "equipment", "materiel", "munitions", "ammunition"),
            *("air defence systems", "air defense systems", "radar", "armoured vehicles"),
            *("armored vehicles", "vehicles", "supplies", "missiles", "trucks", "artillery"),
            *("tanks", "drones", "crates"),
        ),
    ),
    ("regular_troops", ("troops", "soldiers", "regular", "army", "forces")),
)

#: What a base is, from the words for it.
FACILITY_TYPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("naval_base", ("naval base", "naval bases", "navy base")),
    ("air_base", ("air base", "air bases", "airbase", "airbases")),
    ("airfield", ("airfield", "airfields", "airstrip", "airport")),
    ("port", ("port", "ports", "docking rights", "harbour", "harbor")),
    ("military_base", ("military base", "military bases", "base", "bases")),
)

#: Phrases where "base" or "port" names no facility.
NOT_FACILITIES: tuple[str, ...] = (
    *("power base", "support base", "voter base", "customer base", "tax base", "fan base"),
    *("industrial base", "knowledge base", "political base", "base of support", "base rate"),
    *("passport", "port of call"),
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
    ("defence", ("defense", "defence", "security", "military", "training", "coast guard")),
    (
        "political",
        ("joint statement", "political", "power-sharing", "recognize", "recognise", "government"),
    ),
    (
        "economic",
        ("energy", "oil", "commercial", "economic", "trade", "investment", "reconstruction"),
    ),
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
