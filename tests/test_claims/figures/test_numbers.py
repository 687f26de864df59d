"""Figures: each hard case names its span, kind, value, unit and qualifier."""

from __future__ import annotations

import pytest

from claims.figures.numbers import find_numbers
from claims.found import Found
from claims.reading.sentences import sentence_spans


def figures(text: str) -> list[Found]:
    return find_numbers(text, sentence_spans(text))


def only(text: str) -> Found:
    found = figures(text)
    assert len(found) == 1, [text[f.start : f.end] for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "kind", "value", "unit", "qualifier"),
    [
        ("Sales rose 97% last year.", "97%", "percent", 0.97, None, None),
        ("Turnout was 1.2 percent.", "1.2 percent", "percent", 0.012, None, None),
        ("Inflation hit 4.5 per cent.", "4.5 per cent", "percent", 0.045, None, None),
        ("Support rose 3 percentage points.", "3 percentage points", "percent", 0.03,
         "percentage points", None),
        ("It raised $1.2bn in May.", "$1.2bn", "money", 1.2e9, "USD", None),
        ("A deal worth £910m was signed.", "£910m", "money", 9.1e8, "GBP", None),
        ("Eskom lost 6.8bn rand.", "6.8bn rand", "money", 6.8e9, "ZAR", None),
        ("The fund paid US$3 million.", "US$3 million", "money", 3e6, "USD", None),
        ("The club spent €40 million.", "€40 million", "money", 4e7, "EUR", None),
        ("They sold 40 million euros of bonds.", "40 million euros", "money", 4e7, "EUR", None),
        ("Among 26 foreign leaders who attend.", "26 foreign leaders", "count", 26,
         "foreign leaders", None),
        ("China has two million net users.", "two million net users", "count", 2e6,
         "net users", None),
        ("The poll of 3,028 adults.", "3,028 adults", "count", 3028, "adults", None),
        ("She bought a dozen eggs.", "a dozen eggs", "count", 12, "eggs", None),
        ("It employs twenty-five people.", "twenty-five people", "count", 25, "people", None),
        ("A town of 3.5 million residents.", "3.5 million residents", "count", 3.5e6,
         "residents", None),
        ("The route is 54 km long.", "54 km", "quantity", 54, "km", None),
        ("He ran the 100m final.", "100m", "quantity", 100, "m", None),
    ],
)  # fmt: skip
def test_figures(
    text: str, span: str, kind: str, value: float, unit: str | None, qualifier: str | None
) -> None:
    f = only(text)
    assert text[f.start : f.end].startswith(span) or span in text[f.start : f.end]
    assert (f.kind, f.unit, f.qualifier) == (kind, unit, qualifier)
    assert f.value == pytest.approx(value, rel=1e-9)


@pytest.mark.parametrize(
    ("text", "span", "qualifier"),
    [
        ("In 2023, about 97% of trade was with China.", "about 97%", "approx"),
        ("Nearly 500 people came.", "Nearly 500 people", "approx"),
        ("More than 5 million people voted.", "More than 5 million people", "more_than"),
        ("Children under 18 were barred.", "under 18", "less_than"),
        ("At least 42 miners were trapped.", "At least 42 miners", "at_least"),
        ("Fines of up to £5,000 apply.", "up to £5,000", "at_most"),
        ("Some 26 leaders attend.", "Some 26 leaders", "approx"),
    ],
)
def test_qualifiers(text: str, span: str, qualifier: str) -> None:
    f = only(text)
    assert text[f.start : f.end].startswith(span)
    assert f.qualifier == qualifier


def test_one_third_is_a_share() -> None:
    f = only("One-third of voters stayed home.")
    assert (f.kind, f.value) == ("percent", pytest.approx(1 / 3))


@pytest.mark.parametrize(
    ("text", "value", "kind", "unit"),
    [
        ("Those 18 to 24 year olds were asked.", [18, 24], "quantity", "years old"),
        ("Between 5% and 10% of staff left.", [0.05, 0.10], "percent", None),
        ("It will cost 3-5 million dollars.", [3e6, 5e6], "money", "USD"),
        ("A survey of over-55s found little.", 55, "quantity", "years old"),
    ],
)
def test_ranges_and_ages(text: str, value: object, kind: str, unit: str | None) -> None:
    f = only(text)
    assert (f.kind, f.unit) == (kind, unit)
    assert f.value == (pytest.approx(value) if isinstance(value, list) else value)


@pytest.mark.parametrize(
    ("text", "span", "kind", "value"),
    [
        ("Two million people voted.", "Two million people", "count", 2e6),
        ("Half of the staff left.", "Half", "percent", 0.5),
        ("Sales rose 5 Per Cent.", "5 Per Cent", "percent", 0.05),
        ("It cost 40 Million Euros.", "40 Million Euros", "money", 4e7),
        ("A deal worth £910M was signed.", "£910M", "money", 9.1e8),
        ("Aged 23, she won.", "Aged 23", "quantity", 23),
        ("The 23-Year-Old won.", "23-Year-Old", "quantity", 23),
    ],
)
def test_capitals(text: str, span: str, kind: str, value: float) -> None:
    f = only(text)
    assert (text[f.start : f.end].startswith(span), f.kind) == (True, kind)
    assert f.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Jobs cut - 17% of staff.", "17%"),
        ("It paid £5.7bn ($10.7bn; 8.2bn euros).", "8.2bn euros"),
        ("Shares rose;  5% in all.", "5%"),
        ("The fee - US$ 5 million - was paid.", "US$ 5 million"),
    ],
)
def test_a_figure_never_starts_with_a_space(text: str, span: str) -> None:
    assert text[figures(text)[-1].start : figures(text)[-1].end] == span


def test_a_computer_is_no_percent() -> None:
    assert [(f.kind, f.value) for f in figures("I found an old 386 PC.")] == [("count", 386)]
    assert only("Rates rose 5pc.").kind == "percent"


def test_a_change_is_two_figures_not_a_range() -> None:
    text = "Profits jumped 76% to $1.13bn (£600m) from $639m a year earlier."
    found = figures(text)
    assert [text[f.start : f.end] for f in found] == ["76%", "$1.13bn", "£600m", "$639m"]
    assert found[1].value == pytest.approx(1.13e9)


@pytest.mark.parametrize(
    "text",
    [
        "Leaders of the G7 met in Italy.",
        "Emissions of CO2 are falling.",
        "They drove down Route 66 again.",
        "The end of World War II came.",
        "Users of Firefox 1.0 should upgrade.",
        "Install Windows XP Service Pack 2 now.",
        "England won the Six Nations title.",
        "The meeting starts at 14:30 today.",
        "Chelsea won 2-1 at home.",
        "Rochus beat Kiefer 6-7 (4-7) 7-6 (8-6) 7-5 in Rotterdam.",
        "A case of COVID-19 was found.",
        "It was one of the best.",
        "Last year, the two countries said.",
    ],
)
def test_not_figures(text: str) -> None:
    assert figures(text) == [], [text[f.start : f.end] for f in figures(text)]


def test_years_are_left_to_dates() -> None:
    assert figures("It happened in 2019, since 2011.") == []
    assert only("Officials counted 2000 people.").value == 2000


def test_subject_after_of_and_before_verb() -> None:
    text = (
        "In 2023, about 97% of North Korea’s external trade was with China, "
        "while 1.2% was with Russia."
    )
    first, second = figures(text)
    assert first.subject == "North Korea’s external trade"
    assert second.subject == "North Korea’s external trade"
    text = "Quarterly profits at TimeWarner jumped 76% to $1.13bn."
    assert figures(text)[0].subject == "Quarterly profits at TimeWarner"


@pytest.mark.parametrize("verb", ["sank to", "eased to", "dipped", "slid to", "remained at"])
def test_the_subject_stands_before_any_verb_of_movement(verb: str) -> None:
    """Real BBC sentences: "inflation slowed to 4.3%", "furniture store sales dipped 0.1%"."""
    assert only(f"Wages in Leeds {verb} 4.1% in May.").subject == "Wages in Leeds"
    text = "Sales at hardware stores dropped by 0.3% and furniture store sales dipped 0.1%."
    assert [f.subject for f in figures(text)] == [
        "Sales at hardware stores",
        "furniture store sales",
    ]


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        "1" * 10_000,
        "9," * 50_000,
        "$" * 100_000 + "5",
        "about " * 100_000 + "5%",
        "a 55-year-old man. " * 50_000,  # ages are set aside first: one lookup per figure
    ],
)
def test_adversarial_inputs_finish(text: str) -> None:
    for f in figures(text):
        assert 0 <= f.start < f.end <= len(text)
