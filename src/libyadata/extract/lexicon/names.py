"""Words about names: titles, the words in organisations' and places' names, demonyms.

They tell a name no reference table lists as a person's, an organisation's or a place's, mark
capitalised words that name no one (months, weekdays, directions), and give the country of
"Russian" or "Libyan" and the referent kind of a pronoun.
"""

from __future__ import annotations

#: Titles and ranks before a person's name: a sign that an unknown name is a person's.
PERSON_TITLES: tuple[str, ...] = (
    *("president", "prime", "minister", "general", "gen.", "field", "marshal", "commander"),
    *("ambassador", "envoy", "dr", "mr", "mrs", "ms", "colonel", "admiral", "spokesman"),
    *("spokeswoman", "secretary", "deputy", "king", "prince", "sheikh", "chief", "pm", "senator"),
    *("foreign", "defence", "defense", "interior", "vice"),
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
    *("african", "arab", "islamic", "middle", "international"),
)
#: Pronouns that refer back to a person or a state named before.
PRONOUNS: dict[str, str] = {
    **dict.fromkeys(("he", "him", "his", "she", "her"), "person"),
    **dict.fromkeys(("it", "its", "they", "their"), "group"),
}
