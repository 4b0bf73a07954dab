"""Sentences split at the right places, with exact offsets; flags fire on what they should."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from libyadata.provenance.flags import Flagger
from libyadata.provenance.sentences import Sentence, split_sentences
from libyadata.sources.seeds import SeedLibrary

NBSP = "\u00a0"


def texts(text: str) -> list[str]:
    return [sentence.text for sentence in split_sentences(text)]


def assert_well_formed(text: str, sentences: list[Sentence]) -> None:
    """Disjoint, ordered, stripped, one line each, exact, and covering all non-whitespace."""
    previous_end = 0
    covered = set()
    for sentence in sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert "\n" not in sentence.text
        assert sentence.line == text.count("\n", 0, sentence.start) + 1
        covered.update(range(sentence.start, sentence.end))
        previous_end = sentence.end
    uncovered = [text[i] for i in range(len(text)) if i not in covered]
    assert all(character.isspace() for character in uncovered)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Jan. 11 Haftar boarded the carrier. He met Shoigu.",
            ["On Jan. 11 Haftar boarded the carrier.", "He met Shoigu."],
        ),
        (
            "Libya’s UK ambassador Dr Martin Longden met Haftar. Dr. Martin left.",
            ["Libya’s UK ambassador Dr Martin Longden met Haftar.", "Dr. Martin left."],
        ),
        (
            "He met the U.S. Envoy in Tripoli. E.g. Norland.",
            ["He met the U.S. Envoy in Tripoli.", "E.g. Norland."],
        ),
        ("Mr. Harchaoui said so. J. Winer agreed.", ["Mr. Harchaoui said so.", "J. Winer agreed."]),
        (
            "Haftar is a “rebel” and a “spoiler.” Key players agree.",
            ["Haftar is a “rebel” and a “spoiler.”", "Key players agree."],
        ),
        (
            'He said "it is denied." (Nobody believed it.) [Russia] is prepared.',
            ['He said "it is denied."', "(Nobody believed it.)", "[Russia] is prepared."],
        ),
        (
            "according to press coverage.[i] In August, Yevkurov came.",
            ["according to press coverage.[i]", "In August, Yevkurov came."],
        ),
        (
            "Is Haftar the right bet? Moscow thinks so! 2016 was busy.",
            ["Is Haftar the right bet?", "Moscow thinks so!", "2016 was busy."],
        ),
        (
            "air defense systems… [Russia] is prepared",
            ["air defense systems…", "[Russia] is prepared"],
        ),
        ("… Haftar has not abandoned support.", ["… Haftar has not abandoned support."]),
        (
            "1. The desire to secure. This will help.",
            ["1. The desire to secure.", "This will help."],
        ),
        (
            "daily, 28 September 2023. https://www.example.org/x",
            ["daily, 28 September 2023. https://www.example.org/x"],
        ),
        ("in Syria.As the excerpt notes", ["in Syria.As the excerpt notes"]),
        (
            "Sources:\n“حفتر يجري لقاءات\n(Haftar holds)",
            ["Sources:", "“حفتر يجري لقاءات", "(Haftar holds)"],
        ),
        (
            "  • د. أمل عبدالله تكتب: (اليوم الوطني.. الانطلاق)",
            ["• د. أمل عبدالله تكتب: (اليوم الوطني.. الانطلاق)"],
        ),
        ("ما العمل؟ هذا سؤال", ["ما العمل؟", "هذا سؤال"]),
        (
            f"and Russia’s expansionism”.{NBSP} Jalel Harchaoui, RUSI{NBSP}",
            ["and Russia’s expansionism”.", "Jalel Harchaoui, RUSI"],
        ),
        (
            f"Russian leader{NBSP}Vladimir Putin{NBSP}can use Haftar.",
            [f"Russian leader{NBSP}Vladimir Putin{NBSP}can use Haftar."],
        ),
        ("\n\n  \n", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert_well_formed(text, sentences)


def test_offsets_and_lines_are_exact() -> None:
    text = f"Title\n\n  A first one.{NBSP}B second one.\nC"
    assert [(s.start, s.end, s.line) for s in split_sentences(text)] == [
        (0, 5, 1),
        (9, 21, 3),  # two spaces and two line breaks before it
        (22, 35, 3),  # one no-break space before it
        (36, 37, 4),
    ]


@given(st.text(alphabet=st.sampled_from(list("aB1 .?!…؟”“[]()\n\u00a0حد.")), max_size=80))
def test_any_text_splits_into_well_formed_sentences(text: str) -> None:
    assert_well_formed(text, split_sentences(text))


def test_every_real_seed_splits_exactly(library: SeedLibrary) -> None:
    counts = {}
    for seed_id in library.seeds:
        text = library.text(seed_id)
        sentences = split_sentences(text)
        assert_well_formed(text, sentences)
        counts[seed_id] = len(sentences)
    # The seeds never change, so a change here is a change of the splitting rules: review it.
    assert counts == {
        "SEED-000": 44,
        "SEED-001": 32,
        "SEED-002": 59,
        "SEED-003": 49,
        "SEED-004": 54,
    }


def test_real_seed_sentences(library: SeedLibrary) -> None:
    assert (
        "On Jan. 11 Haftar boarded the Russian aircraft carrier Admiral Kuznetsov on her "
        "return voyage from bombing runs in Syria to sign a host of undisclosed agreements with "
        "the Russian military." in texts(library.text("SEED-004"))
    )
    seed_001 = texts(library.text("SEED-001"))
    assert "Haftar traveled to Moscow on 28 September." in seed_001
    assert seed_001[2].endswith("according to regional press coverage.[i]")
    assert seed_001[3].startswith("In August, Russian Deputy Defense Minister")
    seed_002 = split_sentences(library.text("SEED-002"))
    assert (seed_002[7].text, seed_002[7].line) == ("28 أغسطس، 2017", 10)


flagger = Flagger(
    actor_names=["Haftar", "Khalifa Haftar", "Vladimir Putin", "حفتر"],
    place_names=["Libya", "Benghazi"],
)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On Jan. 11 Haftar boarded", {"date": ("Jan.",), "number": ("11",), "actor": ("Haftar",)}),
        ("in mid-September, quickly", {"date": ("September",)}),
        (
            "two visits, last August and the week before last.",
            {"date": ("August", "the week before last"), "number": ("two",)},
        ),
        ("A week before his talks", {"date": ("week before",)}),
        ("Yevkurov went back less than a month later", {"date": ("month later",)}),
        (
            "Last year, and recently, yesterday and today",
            {"date": ("Last year", "recently", "yesterday", "today")},
        ),
        ("On Thursday the envoy came", {"date": ("Thursday",)}),
        ("28 أغسطس، 2017", {"date": ("أغسطس", "2017"), "number": ("28", "2017")}),
        (
            "in 1969 and 2099 but not 1899",
            {"date": ("1969", "2099"), "number": ("1969", "2099", "1899")},
        ),
        ("There are 2,000 mercenaries", {"number": ("2,000",)}),
        ("sent tens of thousands of tonnes", {"number": ("thousands",)}),
        (
            "has twice visited; a handful of bases; the first-ever visit",
            {"number": ("twice", "handful", "first")},
        ),
        (
            "worth over 4 billion, a million and a dozen",
            {"number": ("4", "billion", "million", "dozen")},
        ),
        ("الـ٥٣", {"number": ("٥٣",)}),
        ("2. Exploiting the appointment of a new envoy", {}),
        ("one of the ship’s wardrooms; the European one", {}),
        ("it may come up, they may march; Mar is a word", {}),
        ("Khalifa Haftar’s discussions", {"actor": ("Khalifa Haftar",)}),
        ("Haftar’s forces and the Haftarist line", {"actor": ("Haftar",)}),
        ("haftar in lower case is not the name", {}),
        ("حفتر يجري لقاءات", {"actor": ("حفتر",)}),
        ("Libyan forces near Benghazi", {"place": ("Benghazi",)}),
        ("Russian leader\u00a0Vladimir Putin\u00a0can", {"actor": ("Vladimir Putin",)}),
    ],
)
def test_flags(sentence: str, expected: dict[str, tuple[str, ...]]) -> None:
    assert flagger.flags(sentence) == expected


def test_no_names_means_no_actor_or_place_flags() -> None:
    assert Flagger().flags("Haftar met Putin in Benghazi.") == {}
