"""Words of quantities: qualifiers, counted nouns, currencies, scales and number words."""

from __future__ import annotations

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
