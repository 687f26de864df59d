"""The scorer on hand-built tables: matching, optional rows, errors, values, speakers, sums."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from claims.evaluate import (
    ALL_ROW,
    COLUMNS,
    NUMERIC_DATE_ROW,
    REPORT_KINDS,
    mismatches,
    score_claims,
    score_many,
    speaker_matches,
    values_equal,
)

Row = dict[str, Any]


def found(*rows: Row) -> pd.DataFrame:
    """A claim table with the columns the scorer reads, as the extractor would return it."""
    columns = ["kind", "text", "start", "end", "value", "speaker"]
    return pd.DataFrame([{column: row.get(column) for column in columns} for row in rows])


def claim(kind: str, start: int, end: int, value: Any = None, **extra: Any) -> Row:
    return {"kind": kind, "start": start, "end": end, "value": value, **extra}


def line(table: pd.DataFrame, kind: str) -> dict[str, Any]:
    rows = table[table["kind"] == kind].to_dict("records")
    assert len(rows) == 1
    return {str(key): value for key, value in rows[0].items()}


def test_report_has_a_row_per_kind_then_the_aggregates() -> None:
    table = score_claims(found(), [])
    assert list(table.columns) == list(COLUMNS)
    assert list(table["kind"]) == [*REPORT_KINDS, NUMERIC_DATE_ROW, ALL_ROW]
    everything = line(table, ALL_ROW)
    assert everything["gold"] == everything["found"] == 0
    assert math.isnan(everything["recall"]) and math.isnan(everything["precision"])


def test_overlapping_spans_of_the_same_kind_match() -> None:
    # "In 2023" found, "2023" annotated: the boundaries differ, the claim is the same.
    table = score_claims(
        found(claim("date", 0, 7, "2023")), [claim("date", 3, 7, "2023", text="2023")]
    )
    date = line(table, "date")
    assert (date["gold"], date["found"], date["matched_required"]) == (1, 1, 1)
    assert date["recall"] == date["precision"] == date["value_accuracy"] == 1.0
    assert (date["missed"], date["extra"], date["errors"]) == (0, 0, 0)


def test_touching_spans_do_not_overlap() -> None:
    table = score_claims(found(claim("count", 0, 5, 3)), [claim("count", 5, 10, 3)])
    count = line(table, "count")
    assert (count["matched_required"], count["missed"], count["extra"]) == (0, 1, 1)


def test_kinds_must_agree() -> None:
    # A count found over an annotated money span is a wrong kind: the money row is missed, but
    # the found row is not counted as an invention either.
    table = score_claims(found(claim("count", 0, 4, 75)), [claim("money", 0, 4, 75e6)])
    money, count = line(table, "money"), line(table, "count")
    assert (money["gold"], money["matched_required"], money["missed"]) == (1, 0, 1)
    assert (count["found"], count["matched_required"], count["extra"]) == (1, 0, 0)
    assert money["recall"] == 0.0
    assert math.isnan(count["precision"])


def test_found_claim_over_no_gold_row_is_extra() -> None:
    table = score_claims(
        found(claim("percent", 0, 3, 0.4), claim("percent", 50, 53, 0.1)),
        [claim("percent", 0, 3, 0.4)],
    )
    percent = line(table, "percent")
    assert (percent["matched_required"], percent["extra"]) == (1, 1)
    assert percent["precision"] == 0.5
    assert percent["recall"] == 1.0


def test_pairing_is_one_to_one_largest_overlap_first() -> None:
    gold = [claim("money", 10, 20, 1.0), claim("money", 22, 30, 2.0)]
    # The first found row covers both gold rows, more of the second; the second found row
    # overlaps only the first gold row.
    table = score_claims(
        found(claim("money", 15, 30, 2.0), claim("money", 10, 14, 1.0)),
        gold,
    )
    money = line(table, "money")
    assert (money["matched_required"], money["missed"], money["extra"]) == (2, 0, 0)
    assert money["value_ok"] == 2


def test_a_second_find_of_a_taken_claim_is_neither_match_nor_extra() -> None:
    table = score_claims(
        found(claim("date", 0, 9, None), claim("date", 5, 9, None)),
        [claim("date", 0, 9, None)],
    )
    date = line(table, "date")
    assert (date["found"], date["matched_required"], date["extra"]) == (2, 1, 0)
    assert date["precision"] == 1.0


def test_required_row_wins_a_tie_with_an_optional_one() -> None:
    gold = [claim("ordinal", 0, 10, 1, optional=True), claim("ordinal", 0, 10, 1)]
    table = score_claims(found(claim("ordinal", 0, 10, 1)), gold)
    ordinal = line(table, "ordinal")
    assert (ordinal["matched_required"], ordinal["matched_optional"]) == (1, 0)


def test_optional_rows_count_neither_way() -> None:
    gold = [
        claim("ordinal", 0, 14, 1, optional=True),
        claim("comparison", 20, 43, "max", optional=True),
        claim("ordinal", 50, 66, 80),
    ]
    # The first optional ordinal is found (with a wrong value, which does not count either);
    # the optional comparison is not found.
    table = score_claims(found(claim("ordinal", 4, 9, 2), claim("ordinal", 50, 66, 80)), gold)
    ordinal, comparison = line(table, "ordinal"), line(table, "comparison")
    assert (ordinal["gold"], ordinal["found"]) == (1, 2)
    assert (ordinal["matched_required"], ordinal["matched_optional"]) == (1, 1)
    assert (ordinal["missed"], ordinal["extra"]) == (0, 0)
    assert ordinal["recall"] == ordinal["precision"] == 1.0
    assert (ordinal["value_checked"], ordinal["value_ok"]) == (1, 1)
    assert (comparison["gold"], comparison["missed"]) == (0, 0)
    assert math.isnan(comparison["recall"])


def test_found_claim_over_a_not_a_claim_row_is_an_error() -> None:
    gold = [claim("not_a_claim", 0, 12, text="World War II"), claim("ordinal", 20, 36, 80)]
    table = score_claims(found(claim("ordinal", 10, 12, 2), claim("ordinal", 20, 36, 80)), gold)
    ordinal = line(table, "ordinal")
    assert ordinal["errors"] == 1
    # It overlaps no real claim, so it is extra too: errors lower precision.
    assert ordinal["extra"] == 1
    assert ordinal["precision"] == 0.5
    assert line(table, ALL_ROW)["gold"] == 1  # not_a_claim rows are not claims to find


def test_a_matched_claim_running_into_a_not_a_claim_row_is_no_error() -> None:
    # "six Airbus A321 aircraft" is a count; "A321" alone would be a model number.
    gold = [claim("count", 0, 24, 6), claim("not_a_claim", 11, 15, text="A321")]
    table = score_claims(found(claim("count", 0, 24, 6)), gold)
    count = line(table, "count")
    assert (count["matched_required"], count["errors"], count["extra"]) == (1, 0, 0)


def test_a_gold_quote_does_not_excuse_a_figure_found_inside_it() -> None:
    gold = [claim("quote", 0, 60, "Trump", speaker="Trump")]
    table = score_claims(
        found(claim("count", 10, 12, 3), claim("quote", 0, 59, "Trump", speaker="Trump")), gold
    )
    assert line(table, "count")["extra"] == 1
    quote = line(table, "quote")
    assert (quote["matched_required"], quote["extra"]) == (1, 0)


def test_a_gold_figure_does_not_excuse_an_invented_quote() -> None:
    gold = [claim("percent", 5, 8, 0.4)]
    table = score_claims(found(claim("quote", 0, 20, None, speaker="BA")), gold)
    assert line(table, "quote")["extra"] == 1


def test_an_attribution_over_a_quote_is_a_wrong_kind_not_an_invention() -> None:
    gold = [claim("quote", 0, 20, "Lee", speaker="Lee")]
    table = score_claims(found(claim("attribution", 0, 20, "Lee", speaker="Lee")), gold)
    assert line(table, "attribution")["extra"] == 0
    assert line(table, "quote")["missed"] == 1


@pytest.mark.parametrize(
    ("found_value", "gold_value", "equal"),
    [
        (0.97, 0.97, True),
        (0.97 * (1 + 1e-12), 0.97, True),
        (0.971, 0.97, False),
        (26, 26.0, True),
        (np.int64(26), 26, True),
        (np.float64(0.012), 0.012, True),
        (1_130_000_000.0, 1.13e9, True),
        (1_130_000_001.0, 1.13e9, True),  # within 1e-9 relative
        (1_130_002_000.0, 1.13e9, False),
        (0, 0, True),
        ("2025-09-03", "2025-09-03", True),
        ("2025-09", "2025-09-03", False),
        ("P6Y", "P6Y", True),
        ("26", 26, False),
        ([0.03, 0.035], [0.03, 0.035], True),
        ((3, 4), [3, 4], True),
        (np.array([3, 4]), [3, 4], True),
        ([0.03, 0.035], [0.03, 0.036], False),
        ([3, 4], [3, 4, 5], False),
        (0.03, [0.03, 0.035], False),
        (None, None, True),
        (float("nan"), None, True),
        (pd.NA, None, True),
        (None, "2025", False),
        ("2025", None, False),
        (True, 1, False),
    ],
)
def test_values_equal(found_value: Any, gold_value: Any, equal: bool) -> None:
    assert values_equal(found_value, gold_value) is equal


def test_value_accuracy_counts_matched_numeric_and_date_pairs() -> None:
    gold = [
        claim("percent", 0, 9, 0.97),
        claim("percent", 20, 24, 0.012),
        claim("date", 30, 37, "2023"),
        claim("quote", 40, 60, "Trump", speaker="Trump"),
    ]
    table = score_claims(
        found(
            claim("percent", 0, 9, 0.97),
            claim("percent", 20, 24, 1.2),  # the percent sign ignored: wrong value
            claim("date", 33, 37, "2023"),
            claim("quote", 40, 60, "someone else", speaker="Trump"),
        ),
        gold,
    )
    percent, numeric = line(table, "percent"), line(table, NUMERIC_DATE_ROW)
    assert (percent["value_checked"], percent["value_ok"]) == (2, 1)
    assert percent["value_accuracy"] == 0.5
    # Quotes carry their speaker as value: they are checked by speaker, not by value.
    assert (numeric["value_checked"], numeric["value_ok"]) == (3, 2)
    assert line(table, "quote")["value_checked"] == 0


@pytest.mark.parametrize(
    ("found_speaker", "gold_speakers", "ok"),
    [
        ("Xinhua News Agency", ["Xinhua News Agency"], True),
        ("the official Xinhua News Agency", ["Xinhua News Agency"], True),
        ("xinhua news agency.", ["Xinhua News Agency"], True),
        ("Trump", ["Donald Trump"], True),
        ("Hong Lei", ["Xinhua News Agency", "Hong Lei"], True),
        ("Xi Jinping", ["Xinhua News Agency", "Hong Lei"], False),
        ("Kim Jong Un", ["Moon Jae-in"], False),
        (None, ["Trump"], False),
        ("", ["Trump"], False),
    ],
)
def test_speaker_matches(found_speaker: Any, gold_speakers: list[str], ok: bool) -> None:
    assert speaker_matches(found_speaker, gold_speakers) is ok


def test_speaker_accuracy_uses_speaker_also() -> None:
    gold = [
        claim("quote", 0, 28, "Xinhua News Agency", speaker="Xinhua News Agency")
        | {"speaker_also": ["Hong Lei"]},
        claim("attribution", 30, 50, "Trump", speaker="Trump"),
        claim("attribution", 60, 80, "North Korea", speaker="North Korea"),
    ]
    table = score_claims(
        found(
            claim("quote", 0, 28, "Hong Lei", speaker="Hong Lei"),
            claim("attribution", 30, 50, "Donald Trump", speaker="Donald Trump"),
            claim("attribution", 60, 80, "South Korea", speaker="Lee Jae Myung"),
        ),
        gold,
    )
    quote, attribution = line(table, "quote"), line(table, "attribution")
    assert (quote["speaker_checked"], quote["speaker_ok"]) == (1, 1)
    assert (attribution["speaker_checked"], attribution["speaker_ok"]) == (2, 1)
    assert attribution["speaker_accuracy"] == 0.5
    assert line(table, ALL_ROW)["speaker_checked"] == 3


def test_aggregate_rows_sum_their_kinds() -> None:
    gold = [
        claim("percent", 0, 3, 0.4),
        claim("money", 10, 14, 75e6),
        claim("duration", 20, 32, "P3M"),
        claim("comparison", 40, 50, ">"),
        claim("quote", 60, 70, "BA", speaker="BA"),
    ]
    table = score_claims(
        found(
            claim("percent", 0, 3, 0.4),
            claim("money", 10, 14, 75e6),
            claim("count", 80, 82, 12),
            claim("quote", 60, 70, "BA", speaker="BA"),
        ),
        gold,
    )
    numeric, everything = line(table, NUMERIC_DATE_ROW), line(table, ALL_ROW)
    assert (numeric["gold"], numeric["found"], numeric["matched_required"]) == (3, 3, 2)
    assert (numeric["missed"], numeric["extra"]) == (1, 1)
    assert numeric["recall"] == pytest.approx(2 / 3)
    assert numeric["precision"] == pytest.approx(2 / 3)
    assert (everything["gold"], everything["found"], everything["matched_required"]) == (5, 4, 3)
    assert everything["missed"] == 2


def test_unknown_found_kinds_get_their_own_row_and_count_in_all() -> None:
    table = score_claims(found(claim("sentiment", 0, 4, None)), [])
    assert line(table, "sentiment")["extra"] == 1
    assert line(table, ALL_ROW)["found"] == 1
    assert list(table["kind"])[-2:] == [NUMERIC_DATE_ROW, ALL_ROW]


def test_score_many_sums_counts_before_dividing() -> None:
    first = (found(claim("count", 0, 2, 26)), [claim("count", 0, 2, 26)])
    second = (
        found(claim("count", 90, 92, 5)),
        [claim("count", 0, 2, 1), claim("count", 5, 7, 2), claim("count", 10, 12, 3)],
    )
    table = score_many([first, second])
    count = line(table, "count")
    assert (count["gold"], count["matched_required"], count["extra"]) == (4, 1, 1)
    # 1 of 4, not the mean of 1/1 and 0/3.
    assert count["recall"] == 0.25
    assert count["precision"] == 0.5
    assert list(table["kind"]) == list(score_claims(*first)["kind"])


def test_score_many_of_nothing_is_an_empty_report() -> None:
    table = score_many([])
    assert list(table["kind"]) == [*REPORT_KINDS, NUMERIC_DATE_ROW, ALL_ROW]
    assert int(table["gold"].sum()) == 0


def test_an_empty_claim_table_misses_everything() -> None:
    empty = pd.DataFrame(columns=["kind", "start", "end", "value", "speaker"])
    table = score_claims(empty, [claim("date", 0, 4, "2023"), claim("count", 5, 9, 2)])
    everything = line(table, ALL_ROW)
    assert (everything["gold"], everything["found"], everything["missed"]) == (2, 0, 2)
    assert everything["recall"] == 0.0
    assert math.isnan(everything["precision"])


def test_scoring_leaves_its_inputs_alone() -> None:
    table = found(claim("count", 0, 2, 26))
    gold = [claim("count", 0, 2, 26, optional=True)]
    before_table, before_gold = table.copy(), [dict(row) for row in gold]
    score_claims(table, gold)
    mismatches(table, gold)
    pd.testing.assert_frame_equal(table, before_table)
    assert gold == before_gold


def test_mismatches_lists_what_to_look_at() -> None:
    gold = [
        claim("percent", 0, 9, 0.97, text="about 97%"),
        claim("date", 20, 27, "2023", text="In 2023"),
        claim("quote", 30, 50, "Trump", speaker="Trump", text="I loved it."),
        claim("not_a_claim", 60, 72, text="World War II"),
        claim("count", 80, 90, 0, optional=True, text="No leaders"),
    ]
    table = found(
        claim("percent", 6, 9, 0.96, text="97%"),
        claim("quote", 30, 50, "Kim", speaker="Kim", text="I loved it."),
        claim("ordinal", 70, 72, 2, text="II"),
        claim("count", 100, 102, 12, text="12"),
        claim("count", 80, 82, 0, text="No"),
    )
    problems = mismatches(table, gold)
    assert list(problems["problem"]) == [
        "wrong_value",
        "missed",
        "wrong_speaker",
        "error",
        "extra",
        "extra",
    ]
    wrong = problems.iloc[0]
    assert (wrong["kind"], wrong["found_value"], wrong["gold_value"]) == ("percent", 0.96, 0.97)
    assert problems.iloc[1]["text"] == "In 2023"
    assert problems.iloc[2]["found_speaker"] == "Kim"
    assert "World War II" in problems.iloc[3]["note"]


def test_mismatches_of_a_perfect_table_is_empty() -> None:
    gold = [claim("count", 0, 2, 26, text="26")]
    problems = mismatches(found(claim("count", 0, 2, 26, text="26")), gold)
    assert problems.empty
    assert "problem" in problems.columns
