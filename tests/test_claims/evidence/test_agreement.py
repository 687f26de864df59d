"""Agreement of a source passage with a claim (`claims.evidence.agreement`).

Claims come from `extract_claims` on real sentences (the seed article's among them); passages are
short texts written for the test, indexed as the passage index does it: `find_numbers` and
`find_dates` (without a publication date unless one is given) merged by `resolve_overlaps`.
Every rule is checked both ways: what must agree, and what must not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import extract_claims
from claims.dates.find import find_dates
from claims.evidence.agreement import (
    ClaimCheck,
    Verdict,
    agreement,
    figure_agreement,
    quote_agreement,
)
from claims.evidence.sources import load_source, source_passages
from claims.evidence.values import figure
from claims.extract import resolve_overlaps
from claims.figures.numbers import find_numbers
from claims.reading.sentences import sentence_spans
from claims.schema import AGREEMENTS

REPO_ROOT = Path(__file__).resolve().parents[3]
SEED_TEXT = (REPO_ROOT / "seeds" / "000_c76c75e25c87b28b.txt").read_text(encoding="utf-8")
PUBLISHED = "2025-08-28"


def passage_values(text: str, published: dt.date | None = None) -> list[dict[str, Any]]:
    """The values of a passage as indexing stores them."""
    sentences = sentence_spans(text)
    found = resolve_overlaps(
        [*find_numbers(text, sentences), *find_dates(text, sentences, published=published)]
    )
    return [
        {
            "kind": f.kind,
            "value": f.value,
            "unit": f.unit,
            "qualifier": f.qualifier,
            "subject": f.subject,
            "start": f.start,
            "end": f.end,
            "text": text[f.start : f.end],
        }
        for f in sorted(found, key=lambda f: f.start)
    ]


def row(table: pd.DataFrame, index: int) -> dict[str, Any]:
    return {str(k): v for k, v in table.iloc[index].to_dict().items()}


def claim_in(text: str, span: str, *, published: str | None = PUBLISHED) -> dict[str, Any]:
    """The claim row of `text` whose span is `span`."""
    table = extract_claims(text, published=published)
    rows = table[table["text"] == span]
    assert len(rows) == 1, f"{span!r} not among {table['text'].tolist()}"
    return row(rows, 0)


def check(claim: dict[str, Any], passage: str, published: dt.date | None = None) -> Verdict:
    verdict = agreement(claim, passage, passage_values(passage, published))
    assert verdict.agreement in AGREEMENTS
    if verdict.start is not None and verdict.end is not None:
        assert passage[verdict.start : verdict.end] == verdict.source_value
    return verdict


SEED_TABLE = extract_claims(SEED_TEXT, published=PUBLISHED)
SEED_ROWS = [row(SEED_TABLE, index) for index in range(len(SEED_TABLE))]


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return SEED_TABLE


def seed_claim(seed: pd.DataFrame, span: str, occurrence: int = 0) -> dict[str, Any]:
    return row(seed[seed["text"] == span], occurrence)


# ------------------------------------------------------------------------------ percentages

TRADE = "In 2023, about 97% of North Korea’s external trade was with China."


@pytest.mark.parametrize(
    "passage",
    [
        "About 97 percent of North Korea's external trade was with China in 2023.",
        "China took 97% of North Korea's external trade last year.",
        "Some 97 per cent of North Korea's external trade is with China.",
        "North Korea's trade with China made up 96.8 per cent of its external trade in 2023.",
        "China's share of North Korea's trade reached 96.7% in 2023.",
    ],
)
def test_percent_in_any_format_agrees(passage: str) -> None:
    verdict = check(claim_in(TRADE, "about 97%"), passage)
    assert verdict.agreement == "agrees", verdict
    assert verdict.source_value is not None and "9" in verdict.source_value


def test_exact_percent_formats_and_precision() -> None:
    claim = claim_in("Inflation in Britain was 1.2% in May.", "1.2%")
    for same in (
        "Inflation in Britain was 1.2 percent in May.",
        "Inflation hit 1.20 per cent in May.",
    ):
        assert check(claim, same).agreement == "agrees", same
    assert check(claim, "Inflation in Britain was 1.3% in May.").agreement == "conflicts"
    rounded = claim_in("In 2023, 97% of North Korea’s trade was with China.", "97%")
    assert check(rounded, "China took 96.8% of North Korea's trade.").agreement == "agrees"


def test_source_less_precise_agrees_and_says_so() -> None:
    claim = claim_in("In 2023, 96.8% of North Korea’s trade was with China.", "96.8%")
    verdict = check(claim, "China took 97% of North Korea's trade.")
    assert verdict.agreement == "agrees"
    assert verdict.detail is not None and "less precise" in verdict.detail


def test_same_value_other_subject_does_not_agree() -> None:
    claim = claim_in(TRADE, "about 97%")
    verdict = check(claim, "About 97 percent of North Korea's exports went to China in 2022.")
    assert verdict.agreement == "absent"
    assert verdict.source_value is None


def test_other_value_same_subject_conflicts() -> None:
    claim = claim_in(TRADE, "about 97%")
    verdict = check(claim, "China accounted for 95% of North Korea's trade in 2023.")
    assert verdict == Verdict("conflicts", "95%", 20, 23, "about 97% vs 95%")


def test_other_value_other_subject_is_absent() -> None:
    claim = claim_in(TRADE, "about 97%")
    assert check(claim, "About 60% of North Korea's exports were coal.").agreement == "absent"
    assert check(claim, "Trade with Russia accounted for 1.2% of the total.").agreement == "absent"


def test_about_has_a_tolerance_of_two_per_cent_of_the_value() -> None:
    claim = claim_in(TRADE, "about 97%")
    assert check(claim, "China took 95.5% of North Korea's trade.").agreement == "agrees"
    assert check(claim, "China took 94.9% of North Korea's trade.").agreement == "conflicts"


def test_percentage_points_are_not_per_cent() -> None:
    claim = claim_in("The jobless rate rose 3% last year.", "3%")
    assert check(claim, "The jobless rate rose 3 percentage points.").agreement == "absent"
    points = claim_in("The jobless rate rose 3 percentage points.", "3 percentage points")
    assert check(points, "The jobless rate rose by three percentage points.").agreement == "agrees"


def test_among_several_values_the_agreeing_one_wins() -> None:
    claim = claim_in(TRADE, "about 97%")
    passage = (
        "China took 90% of North Korea's trade in 2019. By 2023 China took 96.9% of "
        "North Korea's trade."
    )
    verdict = check(claim, passage)
    assert (verdict.agreement, verdict.source_value) == ("agrees", "96.9%")


def test_among_conflicts_the_closest_subject_is_reported() -> None:
    claim = claim_in(TRADE, "about 97%")
    passage = "Food was 40% of imports, while China took 90% of North Korea's external trade."
    verdict = check(claim, passage)
    assert (verdict.agreement, verdict.source_value) == ("conflicts", "90%")


# ---------------------------------------------------------------------- qualifiers and ranges


def test_more_than_is_a_lower_bound() -> None:
    claim = claim_in("More than 5 million people voted.", "More than 5 million people voted")
    # True of the source's figure, but not the figure: its own verdict.
    assert check(claim, "In all, 5.3 million people voted.").agreement == "consistent"
    assert check(claim, "In all, 4.9 million people voted.").agreement == "conflicts"
    assert check(claim, "Exactly 5 million people voted.").agreement == "conflicts"
    undecided = check(claim, "About 5 million people voted.")
    assert undecided.agreement == "absent"
    assert undecided.detail == "About 5 million people voted: neither confirms nor contradicts"
    bound = check(claim, "More than 6 million people voted.")
    said = (bound.agreement, bound.source_value)
    assert said == ("consistent", "More than 6 million people voted")
    # The same bound at the claim's precision (a million) is the claim's figure.
    near = check(claim, "More than 5.2 million people voted.")
    assert near.agreement == "agrees"
    same = check(claim, "More than 5 million people voted, the commission said.")
    assert same.agreement == "agrees"


def test_at_least_includes_the_bound() -> None:
    claim = claim_in("At least 30 people died in the floods.", "At least 30 people died")
    assert check(claim, "The floods killed 30 people.").agreement == "consistent"
    assert check(claim, "The floods killed 45 people.").agreement == "consistent"
    assert check(claim, "At least 30 people were killed in the floods.").agreement == "agrees"
    assert check(claim, "The floods killed 12 people.").agreement == "conflicts"


def test_range_contains_or_equals() -> None:
    claim = claim_in("Between 5% and 10% of voters were undecided.", "Between 5% and 10%")
    assert check(claim, "Some 7% of voters were undecided.").agreement == "consistent"
    assert check(claim, "Between 5 and 10 per cent of voters were undecided.").agreement == "agrees"
    assert check(claim, "Fully 25% of voters were undecided.").agreement == "conflicts"


def test_about_allows_two_per_cent_of_a_round_count() -> None:
    claim = claim_in("About 2,000 people marched in Seoul.", "About 2,000 people marched")
    assert check(claim, "Police said 2,030 people marched.").agreement == "agrees"
    assert check(claim, "Police said 2,300 people marched.").agreement == "conflicts"
    near = claim_in("About 26 foreign leaders will attend.", "About 26 foreign leaders")
    assert check(near, "Some 30 foreign leaders will attend.").agreement == "conflicts"


# -------------------------------------------------------------------------- money and counts


def test_scales_are_values() -> None:
    claim = claim_in("The company raised $1.2bn from investors.", "$1.2bn")
    assert check(claim, "The company raised 1,200 million dollars.").agreement == "agrees"
    assert check(claim, "The company raised $1.2 billion.").agreement == "agrees"
    assert check(claim, "The company raised $1.2 million.").agreement == "conflicts"


def test_money_at_the_precision_written() -> None:
    claim = claim_in("Profits jumped 76% to $1.13bn.", "$1.13bn")
    assert check(claim, "Its profits were worth $1,130m.").agreement == "agrees"
    assert check(claim, "Its profits were worth $1.2bn.").agreement == "conflicts"


def test_another_currency_is_not_comparable() -> None:
    claim = claim_in("The company raised $1.2bn from investors.", "$1.2bn")
    assert check(claim, "The company raised £1.2bn from investors.").agreement == "absent"
    assert check(claim, "The company raised £2bn from investors.").agreement == "absent"


def test_counts_need_a_fitting_unit(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "26 foreign leaders")
    assert check(claim, "Xinhua said 26 leaders would attend the parade.").agreement == "agrees"
    assert check(claim, "Twenty-six foreign leaders will attend.").agreement == "agrees"
    assert check(claim, "Xinhua said 30 foreign leaders would attend.").agreement == "conflicts"
    assert check(claim, "Xinhua said 26 journalists would attend.").agreement == "absent"


# ----------------------------------------------------------------------------------- dates


def test_month_day_without_year_agrees_on_month_and_day(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "Sept. 3")
    assert claim["value"] == "2025-09-03"
    passage = "Kim will attend the V-Day commemorations on 3 September."
    assert passage_values(passage)[0]["value"] is None  # indexed without a publication date
    assert check(claim, passage).agreement == "agrees"
    verdict = check(claim, "Kim will attend the V-Day commemorations on 3 October.")
    assert (verdict.agreement, verdict.source_value) == ("conflicts", "3 October")


def test_a_full_date_agrees_with_a_month_day(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "Sept. 3")
    passage = "Kim will attend the commemorations in Beijing on 3 September 2025."
    verdict = check(claim, passage)
    assert (verdict.agreement, verdict.source_value) == ("agrees", "3 September 2025")
    assert check(claim, "Kim will attend the commemorations on 3 September 2024.").agreement == (
        "conflicts"
    )


def test_weekday_resolved_in_the_claim_agrees_with_the_date(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "Wednesday")
    assert check(claim, "China will hold the military parade on Sept. 3.").agreement == "agrees"
    assert check(claim, "China will hold the military parade on Sept. 4.").agreement == "conflicts"


def test_month_agrees_with_a_day_in_it(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "in December 2011")
    passage = "Kim inherited power after his father's death on Dec 17, 2011."
    assert check(claim, passage).agreement == "agrees"
    other = "Kim inherited power after his father's death in November 2011."
    assert check(claim, other).agreement == "conflicts"


def test_a_day_against_its_month_agrees_at_the_coarser_precision() -> None:
    claim = claim_in("Kim took power on Dec 5, 2011, after his father died.", "Dec 5, 2011")
    verdict = check(claim, "Kim took power in December 2011 after his father died.")
    assert verdict.agreement == "agrees"
    assert verdict.detail == "the source is less precise: in December 2011"


def test_a_different_year_does_not_agree(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "In 2023")
    same_subject = "North Korea's external trade with China was worth $2.3bn in 2022."
    assert check(claim, same_subject).agreement == "conflicts"
    other_subject = "North Korea tested missiles in 2022."
    assert check(claim, other_subject).agreement != "agrees"
    assert check(claim, "North Korea's external trade with China grew in 2023.").agreement == (
        "agrees"
    )


def test_since_compares_its_anchor(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "since 2019")
    assert check(claim, "Kim's last trip to China was in 2019.").agreement == "agrees"
    assert check(claim, "Kim's last trip to China was in 2018.").agreement == "conflicts"


def test_late_is_the_last_third() -> None:
    claim = claim_in("Kim took office in late 2011.", "in late 2011")
    assert check(claim, "Kim took office in December 2011.").agreement == "agrees"
    assert check(claim, "Kim took office in February 2011.").agreement == "conflicts"


def test_a_date_the_source_cannot_resolve_is_absent(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "Wednesday")
    assert check(claim, "China will hold the military parade next Wednesday.").agreement == (
        "absent"
    )


# ----------------------------------------------------------------- durations and ordinals


def test_durations_compare_by_value(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "in six years")
    assert check(claim, "It is Kim's first visit to China in six years.").agreement == "agrees"
    assert check(claim, "It is Kim's first visit to China in five years.").agreement == (
        "conflicts"
    )
    months = claim_in("He served 18 months in prison for fraud.", "18 months")
    assert check(months, "He served a year and a half in prison.").agreement == "agrees"
    assert check(months, "He served two years in prison.").agreement == "conflicts"


def test_ordinals(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "80th anniversary")
    passage = "The parade marks the 80th anniversary of the end of World War II."
    verdict = check(claim, passage)
    assert (verdict.agreement, verdict.source_value) == ("agrees", "80th anniversary")
    assert check(claim, "The parade marks the 70th anniversary of the war.").agreement == (
        "conflicts"
    )
    # "his first visit to China in six years" is a first within six years, not a first ever.
    visit = seed_claim(seed, "his first visit")
    passage = "It will be his second visit to China in six years."
    assert check(visit, passage).agreement == "conflicts"
    assert check(visit, "It will be his second summit with Xi in six years.").agreement == "absent"
    assert check(visit, "It will be his fifth visit to China.").agreement == "absent"


# --------------------------------------------------------------------------------- quotes

LOVED = (
    "Trump told reporters, “I loved it. Remember when I walked across the line and everyone "
    "went crazy.”"
)


def quote_claim() -> dict[str, Any]:
    return claim_in(
        LOVED, "I loved it. Remember when I walked across the line and everyone went crazy."
    )


def test_quote_verbatim_with_other_marks_and_spacing() -> None:
    passage = (
        'Asked about the DMZ, Trump said: "I LOVED it -- remember when I walked across the '
        'line, and everyone went   crazy."'
    )
    verdict = quote_agreement(quote_claim(), passage)
    assert verdict.agreement == "verbatim"
    assert verdict.source_value is not None and verdict.source_value.startswith("I LOVED")
    assert verdict.source_value.endswith("crazy")


def test_quote_altered_by_one_word_names_it() -> None:
    passage = (
        "Trump said: “I liked it. Remember when I walked across the line and everyone went crazy.”"
    )
    verdict = quote_agreement(quote_claim(), passage)
    assert verdict.agreement == "altered"
    assert verdict.detail == "loved -> liked"
    assert verdict.source_value == (
        "I liked it. Remember when I walked across the line and everyone went crazy"
    )


def test_quote_with_a_dropped_word() -> None:
    passage = "Trump said: “I loved it. Remember when I walked across the line and everyone went.”"
    verdict = quote_agreement(quote_claim(), passage)
    assert (verdict.agreement, verdict.detail) == ("altered", "crazy -> (none)")


def test_quote_said_by_someone_else_is_misattributed() -> None:
    passage = (
        "“I loved it. Remember when I walked across the line and everyone went crazy,” "
        "Moon Jae-in told reporters."
    )
    verdict = quote_agreement(quote_claim(), passage)
    assert verdict.agreement == "misattributed"
    assert verdict.detail is not None and "Moon" in verdict.detail


def test_quote_by_the_same_speaker_under_a_fuller_name_is_not_misattributed() -> None:
    passage = (
        "“I loved it. Remember when I walked across the line and everyone went crazy,” "
        "President Donald Trump told reporters."
    )
    assert quote_agreement(quote_claim(), passage).agreement == "verbatim"


def test_quote_absent() -> None:
    passage = "Trump spoke of his past summits with Kim, including one at the DMZ."
    assert quote_agreement(quote_claim(), passage) == Verdict("absent", None, None, None)


def test_short_quote_of_the_seed(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "China’s V-Day commemorations")
    passage = 'Xinhua said Kim would attend what it called "China\'s V-Day commemorations".'
    assert quote_agreement(claim, passage).agreement == "verbatim"
    unrelated = "Xinhua said Kim would attend the parade in Beijing."
    assert quote_agreement(claim, unrelated).agreement == "absent"


# -------------------------------------------------------------------------------- dispatch


def test_other_kinds_are_unchecked(seed: pd.DataFrame) -> None:
    for kind in ("attribution", "comparison"):
        verdict = agreement(
            row(seed[seed["kind"] == kind], 0),
            "Xinhua News Agency said China is the biggest partner.",
            [],
        )
        assert verdict == Verdict("unchecked", None, None, None)
    statement = {"kind": "statement", "text": "China is North Korea's biggest trading partner."}
    assert agreement(statement, "China is North Korea's biggest partner.", []).agreement == (
        "unchecked"
    )


def test_a_claim_without_a_value_is_unchecked() -> None:
    claim = claim_in("The parade is next Wednesday in Beijing.", "next Wednesday", published=None)
    verdict = figure_agreement(claim, "The parade is on 3 September.", [])
    assert verdict.agreement == "unchecked"


def test_values_read_back_from_a_table() -> None:
    claim = claim_in("Between 5% and 10% of voters were undecided.", "Between 5% and 10%")
    claim["value"] = np.array(claim["value"])
    claim["subject"] = pd.NA
    passage = "Some 7% of voters were undecided."
    values = passage_values(passage)
    values[0]["value"] = np.float64(values[0]["value"])
    values[0]["start"], values[0]["end"] = np.int64(5), np.int64(7)
    detail = "within the claim's bound: the source says 7%"
    assert agreement(claim, passage, values) == Verdict("consistent", "7%", 5, 7, detail)


def test_no_values_is_absent() -> None:
    claim = claim_in(TRADE, "about 97%")
    assert agreement(claim, "China is North Korea's main trading partner.", []) == Verdict(
        "absent", None, None, None
    )


# ----------------------------------------------------------------------------- seed claims


def test_seed_trade_shares(seed: pd.DataFrame) -> None:
    passage = (
        "North Korea's external trade in 2023 was almost entirely with China, which took "
        "96.8 per cent of it; Russia's share of North Korea's external trade was 1.2 per cent."
    )
    share = check(seed_claim(seed, "about 97%"), passage)
    assert (share.agreement, share.source_value) == ("agrees", "96.8 per cent")
    russia = check(seed_claim(seed, "1.2%"), passage)
    assert (russia.agreement, russia.source_value) == ("agrees", "1.2 per cent")
    year = check(seed_claim(seed, "In 2023"), passage)
    assert year.agreement == "agrees"


def test_seed_claims_against_a_wrong_source(seed: pd.DataFrame) -> None:
    passage = (
        "Some 30 foreign leaders will attend the V-Day commemorations on Sept. 4 marking the "
        "70th anniversary of the war."
    )
    verdicts = {
        span: check(seed_claim(seed, span), passage).agreement
        for span in ("26 foreign leaders", "Sept. 3", "80th anniversary")
    }
    assert set(verdicts.values()) == {"conflicts"}, verdicts
    # Another year's figure is about something else: neither agrees nor conflicts.
    other_year = "In 2022, China accounted for 92% of North Korea's external trade."
    verdict = check(seed_claim(seed, "about 97%"), other_year)
    assert verdict.agreement == "absent"
    assert verdict.reason == "another year: the source's figure is for 2022: 92%"


def test_quote_with_an_ellipsis_is_verbatim_when_its_pieces_are() -> None:
    claim = claim_in(
        "Trump told reporters, “I loved it ... everyone went crazy.”",
        "I loved it ... everyone went crazy.",
    )
    verdict = quote_agreement(claim, LOVED)
    assert verdict.agreement == "verbatim"
    assert verdict.source_value == (
        "I loved it. Remember when I walked across the line and everyone went crazy"
    )
    backwards = "Trump said: “Everyone went crazy. I loved it.”"
    assert quote_agreement(claim, backwards).agreement != "verbatim"


def test_a_week_holds_a_yearless_day(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "next week")
    assert claim["value"] == "2025-W36"
    passage = "The military parade will be held in Beijing on 3 September."
    assert check(claim, passage).agreement == "agrees"
    assert check(claim, "The military parade will be held on 10 September.").agreement == (
        "conflicts"
    )


def test_a_yearless_day_cannot_confirm_a_year(seed: pd.DataFrame) -> None:
    claim = seed_claim(seed, "In 2023")
    passage = "North Korea's external trade with China peaked on 3 September."
    assert check(claim, passage).agreement == "absent"


def test_names_keep_subjects_apart() -> None:
    claim = claim_in("Unemployment in France was 7.4% in May.", "7.4%")
    assert check(claim, "Unemployment in Spain was 7.4% in May.").agreement == "absent"
    assert check(claim, "Unemployment in France reached 7.4 per cent.").agreement == "agrees"


def test_a_publisher_both_figures_name_does_not_make_two_places_one() -> None:
    """The body that published both figures is a name in both clauses; the places differ."""
    claim = claim_in("Wages in Leeds rose to 4.1% in May, the Wessex Institute said.", "4.1%")
    other_place = "Wages in York rose to 5.2% in May, the Wessex Institute said."
    assert check(claim, other_place).agreement == "absent"
    assert check(
        claim, "Wages in York sank to 5.2% in May, the Wessex Institute said."
    ).agreement == ("absent")
    same_place = "Wages in Leeds rose to 5.2% in May, the Wessex Institute said."
    assert check(claim, same_place).agreement == "conflicts"
    reworded = "The Wessex Institute said wages in Leeds climbed to 4.1 per cent in May."
    assert check(claim, reworded).agreement == "agrees"
    # A claim that names no place of its own is about what its publisher said, anywhere.
    unplaced = claim_in("Wages rose to 4.1% in May, the Wessex Institute said.", "4.1%")
    assert check(unplaced, other_place).agreement == "conflicts"


def test_each_date_of_a_passage_is_about_its_own_event(seed: pd.DataFrame) -> None:
    passage = (
        "Kim, who took power after his father's death in December 2011, will attend the "
        "V-Day commemorations on Sept. 3 in Beijing."
    )
    assert check(seed_claim(seed, "in December 2011"), passage).source_value == "in December 2011"
    assert check(seed_claim(seed, "Sept. 3"), passage).source_value == "Sept. 3"
    other_event = "Kim took power after his father's death in December 2011."
    assert check(seed_claim(seed, "Sept. 3"), other_event).agreement == "absent"


def test_an_ordinal_is_about_its_own_noun(seed: pd.DataFrame) -> None:
    passage = (
        "His first visit to China in six years will mark the 80th anniversary of the war's end."
    )
    visit = check(seed_claim(seed, "his first visit"), passage)
    assert (visit.agreement, visit.source_value) == ("agrees", "His first visit")
    anniversary = check(seed_claim(seed, "80th anniversary"), passage)
    assert (anniversary.agreement, anniversary.source_value) == ("agrees", "80th anniversary")


def test_speakers_are_looked_up_only_when_the_words_are_found(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("find_quotes called")

    monkeypatch.setattr("claims.evidence.quote_agreement.find_quotes", fail)
    passage = "Trump spoke of his past summits with Kim, including one at the DMZ."
    assert quote_agreement(quote_claim(), passage).agreement == "absent"


# ------------------------------------------------------------------------------- precision


@pytest.mark.parametrize(
    ("value", "text", "step"),
    [
        (0.968, "96.8 per cent", 0.001),
        (0.97, "about 97%", 0.01),
        (1.13e9, "$1.13bn", 1e7),
        (1.2e9, "1,200 million dollars", 1e6),
        (2000, "About 2,000 people", 1),
        (26, "Twenty-six foreign leaders", 1),
        (2e6, "two million people", 1e6),
        (0.012, "1.20 per cent", 0.0001),
    ],
)
def test_precision_is_one_unit_of_the_last_digit_written(
    value: float, text: str, step: float
) -> None:
    found = figure(value, None, text)
    assert found is not None and found.step == pytest.approx(step)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 .,%$£-abcSeptmbrOcoy“”\"'Kim said 2023 per cent", max_size=120))
def test_any_passage_gives_a_verdict_with_an_exact_span(passage: str) -> None:
    for claim in SEED_ROWS:
        verdict = check(claim, passage)
        assert (verdict.start is None) == (verdict.end is None)


def test_a_year_is_too_coarse_to_confirm_a_day() -> None:
    claim = claim_in("Kim took power on Dec 5, 2011, after his father died.", "Dec 5, 2011")
    assert check(claim, "Kim took power in 2011 after his father died.").agreement == "absent"
    assert check(claim, "Kim took power in 2012 after his father died.").agreement == "conflicts"


def test_a_speaker_not_named_beside_the_quote_does_not_misattribute() -> None:
    passage = (
        "Moon Jae-in recalled the summit at the border. “I loved it. Remember when I walked "
        "across the line and everyone went crazy,” he said."
    )
    assert quote_agreement(quote_claim(), passage).agreement == "verbatim"


def test_a_short_quote_is_verbatim_or_absent() -> None:
    claim = claim_in("The minister said the economy was “on the move” again.", "on the move")
    assert quote_agreement(claim, "The move was welcomed by investors.").agreement == "absent"
    said = "“We are on the move,” said the opposition leader Keir Starmer."
    assert quote_agreement(claim, said).agreement == "verbatim"


def test_an_ordinal_without_a_noun_is_about_its_clause() -> None:
    claim = claim_in("The interest rate rise was the sixth since June.", "the sixth")
    verdict = check(claim, "The Bank's interest rate rise was the sixth since June.")
    assert (verdict.agreement, verdict.source_value) == ("agrees", "the sixth")
    assert check(claim, "The interest rate rise was the fifth since June.").agreement == (
        "conflicts"
    )
    assert check(claim, "Sales fell for the fifth month.").agreement == "absent"


def test_possible_agreements_hold_the_verdict_for_every_seed_claim_and_passage() -> None:
    """`ClaimCheck.possible` is a cheap bound that matching trusts: the verdict is always among
    the agreements it allows, for every claim of the seed against every demo passage."""
    sources = sorted(p for p in (REPO_ROOT / "seeds" / "sources").iterdir() if p.suffix != ".md")
    passages = pd.concat([source_passages(load_source(p)) for p in sources], ignore_index=True)
    narrowed = 0
    for claim in SEED_ROWS:
        claim_check = ClaimCheck(claim)
        for text, values in zip(passages["text"], passages["values"], strict=True):
            possible = claim_check.possible(text, values)
            assert claim_check.verdict(text, values).agreement in possible
            narrowed += len(possible) == 1
    assert narrowed > len(SEED_ROWS) * len(passages) // 2


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789 .,%$£-abcSeptmbrOcoy“”\"'Kim said 2023 per cent", max_size=120))
def test_possible_agreements_hold_the_verdict_for_any_passage(passage: str) -> None:
    values = passage_values(passage)
    for claim in SEED_ROWS:
        claim_check = ClaimCheck(claim)
        assert claim_check.verdict(passage, values).agreement in claim_check.possible(
            passage, values
        )
