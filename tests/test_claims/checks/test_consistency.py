"""The repeated-figure self-check: one figure of one subject stated twice in an article.

Pairs that must not flag come from real articles of the BBC set, where one subject holds many
figures (other periods, places, sources, products, forecasts); pairs that must flag restate a
figure with another value.
"""

from __future__ import annotations

import pytest

from claims import extract_claims
from claims.checks.selfcheck import self_check


def flagged(text: str) -> list[tuple[str, str]]:
    claims = extract_claims(text)
    flags = self_check(text, claims)
    flags = flags[flags["check"] == "repeated_figure"]
    texts = dict(zip(claims["claim_id"], claims["text"], strict=True))
    return [(texts[row.claim_id], row.message) for row in flags.itertuples()]


CONFLICTS = [
    (
        "The crash killed 23 people. Rescuers worked through the night. Officials said the "
        "crash killed 25 people.",
        "25 people",
        "the article said 23 people earlier (“The crash killed 23 people.”)",
    ),
    (
        "About 40% of the staff voted for the strike. The union said the vote was close. Only "
        "30% of the staff voted for the strike, the union added.",
        "30%",
        "the article said About 40% earlier",
    ),
    (
        "The company employs 5,200 workers in Wales. It opened its first plant in 1990. The "
        "company employs 2,500 workers in Wales, its manager said.",
        "2,500 workers",
        "5,200 workers",
    ),
    # a caption restating the text: its label and a name in brackets are no other subject
    (
        "The internal basin, which holds 27,000 litres of water, floods and empties in just "
        "three minutes, enabling the boat (a 27ft Riva Iseo) to enter the yacht. Glide in: The "
        "internal basin floods and empties 18,000 litres of water in just three minutes.",
        "18,000 litres",
        "27,000 litres",
    ),
]


CONFLICTS += [
    # written to one precision, 5% and 6% meet only at 5.5%, which no one rounding makes both
    (
        "However, MPC member Paul Tucker voted for a quarter point rise in interest rates to 5%. "
        "The pound fell. However, MPC member Paul Tucker voted for a quarter point rise in "
        "interest rates to 6%.",
        "6%",
        "the article said 5% earlier",
    ),
    # a sentence of two figures stated twice, one of them changed (BBC business, 2005)
    (
        "Data showed the Australian economy grew just 0.1% between October and December and 1.5% "
        "on an annual basis. The bank raised rates. Data showed the Australian economy grew just "
        "0.1% between October and December and 7.5% on an annual basis.",
        "7.5%",
        "the article said 1.5% earlier",
    ),
]


@pytest.mark.parametrize(("text", "shown", "says"), CONFLICTS)
def test_a_figure_restated_with_another_value_is_flagged(text: str, shown: str, says: str) -> None:
    found = flagged(text)
    assert len(found) == 1, found
    assert found[0][0] == shown
    assert says in found[0][1]


CONSISTENT = [
    # the level restated, and the rise beside it is no level
    "TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn. Analysts had expected "
    "more. Fourth quarter sales of $11.1bn were a record.",
    # restated at a lower precision or with "about"
    "The crash killed 23 people. Rescuers worked through the night. Officials said the crash "
    "killed about 25 people.",
    "The deal is worth $1.13bn. Analysts welcomed it. The deal is worth $1.1bn, the firm said.",
    "The crash killed 23 people. Rescuers worked through the night. Officials said the crash "
    "killed at least 20 people.",
    # other periods
    "In 2003 only 40% of messages were spam. But by the end of 2004, almost three-quarters of "
    "messages were junk.",
    "The UK economy grew by an estimated 3.1% in 2004, says the ONS. The ONS said the services "
    "sector, which accounts for nearly three-quarters of the UK economy, grew 1.0% in the "
    "quarter.",
    # other places
    "In Europe, cameras on mobiles can take 1.3 megapixel images. But in Japan and Asia Pacific, "
    "mobiles have already been released which can take 3.2 megapixel images.",
    # other sources
    "Halifax said house prices rose by 0.8% in January. Nationwide reported that house prices "
    "rose by 0.4% in January.",
    # a forecast beside what is
    "Minimum wage increased to £5.05. The Trade Unions Congress welcomed the increase, but has "
    "called for a £6 minimum wage by next year.",
    # other things of the same kind
    "The 196-foot vessel can accommodate 10 guests in four cabins. The formal dining table "
    "comfortably seats 12 guests.",
    "Italy's Illva Saronno has agreed to buy 33% of Changyu. Yantai State Asset Management "
    "Bureau owns 55% of Changyu.",
    # an old value is no level: "compared with 1.41bn rupees"
    "Net profit was 2.39bn rupees in the quarter. It had made 1.41bn rupees a year earlier. "
    "Net profit rose 70% to 2.39bn rupees compared with 1.41bn rupees.",
    # a conversion is no figure of its own
    "Profits jumped to $1.13bn (£600m). The firm said profits of £610m were a record.",
    # a sentence of two figures stated twice: 0.1% against 1.5% is two figures, not one changed
    "Data showed the Australian economy grew just 0.1% between October and December and 1.5% on "
    "an annual basis. The bank raised rates. Data showed the Australian economy grew just 0.1% "
    "between October and December and 1.5% on an annual basis.",
    # a page's time stamps, read as counts of a month: a day apart, two stamps
    "By . Daily Mail Reporter . PUBLISHED: . 19:44 EST, 10 October 2012 . | . UPDATED: . 05:29 "
    "EST, 11 October 2012 . The council has fined 30 drivers.",
    # to different precisions, the two may be one value: 1.5bn rounds to 2bn
    "The deal is worth £1.5bn. Analysts welcomed it. The deal is worth £2bn, the firm said.",
]


@pytest.mark.parametrize("text", CONSISTENT)
def test_figures_that_agree_or_differ_in_subject_raise_nothing(text: str) -> None:
    assert flagged(text) == []
