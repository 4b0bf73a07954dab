"""Spans are located and verified by code point, exactly, against the real seeds."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from libyadata.models import Evidence
from libyadata.provenance.spans import QuoteNotFoundError, context, locate, verify
from libyadata.sources.seeds import SeedLibrary

NBSP = "\u00a0"


def make_span(text: str, start: int, end: int, seed_id: str = "SEED-000") -> Evidence:
    prefix, suffix = context(text, start, end)
    return Evidence(
        seed_id=seed_id,
        start=start,
        end=end,
        quote=text[start:end],
        prefix=prefix,
        suffix=suffix,
        supports=("status",),
    )


def test_offsets_count_code_points_not_bytes(library: SeedLibrary) -> None:
    text = library.text("SEED-002")
    start, end = locate(text, "28 أغسطس، 2017")
    assert text[start:end] == "28 أغسطس، 2017"
    assert len(text[:start].encode("utf-8")) > start  # the Arabic menu before it is multi-byte


def test_no_break_space_is_not_a_space(library: SeedLibrary) -> None:
    text = library.text("SEED-000")
    assert NBSP in text
    at = text.index(NBSP)
    quote = text[at - 20 : at + 20]
    assert locate(text, quote) == (at - 20, at + 20)
    with pytest.raises(QuoteNotFoundError, match="no-break spaces"):
        locate(text, quote.replace(NBSP, " "))


def test_normalised_apostrophe_is_not_found(library: SeedLibrary) -> None:
    text = library.text("SEED-003")
    assert locate(text, "Haftar’s September 28 audience")
    with pytest.raises(QuoteNotFoundError):
        locate(text, "Haftar's September 28 audience")


def test_repeated_quote_needs_a_prefix(library: SeedLibrary) -> None:
    text = library.text("SEED-000")
    quote = "The UK, US, France, Italy all sent their diplomats"
    with pytest.raises(QuoteNotFoundError, match="2 times"):
        locate(text, quote)
    start, _ = locate(text, quote, prefix="Harchaoui added: “")
    assert start < locate(text, quote, prefix="\n\n“")[0]


def test_verify_accepts_a_located_span_and_names_each_defect(library: SeedLibrary) -> None:
    text = library.text("SEED-001")
    start, end = locate(text, "Yevkurov returned to Libya on 17 September")
    good = make_span(text, start, end)
    assert verify(good, text) == []
    shifted = good.model_copy(update={"start": start + 1, "end": end + 1})
    assert {p.code for p in verify(shifted, text)} >= {"quote-mismatch", "prefix-mismatch"}
    past = good.model_copy(update={"start": len(text), "end": len(text) + 5})
    assert [p.code for p in verify(past, text)] == ["span-range"]


def test_split_combining_cluster_is_reported() -> None:
    text = "قال حَفتر اليوم"  # a fatha (U+064E) follows the first letter of the name
    start = text.index("حَ")
    span = make_span(text, start, start + 1)  # the letter without its mark
    assert [p.code for p in verify(span, text)] == ["split-cluster"]
    assert verify(make_span(text, start, start + 2), text) == []


@given(data=st.data())
def test_any_span_of_any_seed_verifies_and_a_shift_does_not(
    data: st.DataObject, library: SeedLibrary
) -> None:
    seed_id = data.draw(st.sampled_from(sorted(library.seeds)))
    text = library.text(seed_id)
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 2))
    end = data.draw(st.integers(min_value=start + 1, max_value=min(len(text) - 1, start + 200)))
    span = make_span(text, start, end, seed_id)
    assert [p.code for p in verify(span, text) if p.code != "split-cluster"] == []
    shifted = span.model_copy(update={"start": start + 1, "end": end + 1})
    assume(text[start + 1 : end + 1] != span.quote)
    assert "quote-mismatch" in {p.code for p in verify(shifted, text)}


def test_prefix_that_matches_nothing_is_named(library: SeedLibrary) -> None:
    text = library.text("SEED-000")
    with pytest.raises(QuoteNotFoundError, match="never after the prefix"):
        locate(text, "The UK, US, France, Italy all sent their diplomats", prefix="nowhere ")


def test_prefix_and_suffix_are_required_inside_the_text(library: SeedLibrary) -> None:
    text = library.text("SEED-001")
    start, end = locate(text, "Yevkurov returned to Libya on 17 September")
    bare = make_span(text, start, end).model_copy(update={"prefix": None, "suffix": None})
    assert [p.code for p in verify(bare, text)] == ["prefix-missing", "suffix-missing"]
    whole = make_span(text, 0, len(text))
    assert (whole.prefix, whole.suffix) == (None, None)
    assert verify(whole, text) == []
