"""Quotes, speakers and attributions on PolNeAR's development set (`../shared/eval/polnear/`).

The articles are US political news of seven publishers with every attribution marked by
trained annotators; `claims.quotes.scores` scores them by the rules of the evaluation data's
README. The floors are the figures the extractor reaches today, so that a change that loses
ground fails here; `bench/quotes.py` prints the same figures beside an earlier commit's.
"""

from __future__ import annotations

import json

import pytest
from evaldata import SHARED_EVAL, require_shared

from claims.extract import extract_claims
from claims.quotes.scores import SpeechScores, name_words, speaker_right, speech_rows

DEV = SHARED_EVAL / "polnear" / "dev.jsonl"

# figure -> (floor or ceiling, whether lower is better)
FLOORS: dict[str, tuple[float, bool]] = {
    "direct found": (0.99, False),
    "false quote rows": (0.015, True),
    "named speaker right": (0.90, False),
    "pronoun/description resolved": (0.73, False),
    "no speaker": (0.03, True),
    "indirect found": (0.79, False),
    "indirect named source right": (0.925, False),
    "false attribution rows": (0.03, True),
}


@pytest.fixture(scope="module")
def dev_scores() -> SpeechScores:
    scores = SpeechScores()
    with require_shared(DEV).open(encoding="utf-8") as handle:
        for line in handle:
            article = json.loads(line)
            rows = speech_rows(extract_claims(article["text"]))
            scores.add(article["text"], rows, article["attributions"])
    return scores


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_dev_figures(dev_scores: SpeechScores, figure: str) -> None:
    bound, lower = FLOORS[figure]
    value = dev_scores.shares()[figure]
    assert (value <= bound) if lower else (value >= bound), (figure, value)


def test_pronoun_rows_are_counted(dev_scores: SpeechScores) -> None:
    # Only rows whose speaker_names is not empty are scored: about a hundred on dev.
    assert 80 <= dev_scores.resolved <= 120


# ------------------------------------------------------------------------ the scoring rule


@pytest.mark.parametrize(
    ("speaker", "names", "right"),
    [
        ("Trump", ["donald trump"], True),
        ("Donald Trump", ["donald trump"], True),
        ("Mr. Trump", ["donald trump"], True),
        ("Trump campaign", ["donald trump"], False),
        ("Ivanka Trump", ["donald trump"], False),
        ("O'Neill", ["oneill"], True),
        ("G.K. Butterfield", ["gk butterfield"], True),
        ("Trump's", ["trump"], True),
        (None, ["trump"], False),
    ],
)
def test_speaker_rule(speaker: str | None, names: list[str], right: bool) -> None:
    assert speaker_right(speaker, names) is right


def test_name_words_drop_titles_and_marks() -> None:
    assert name_words("Sen. Holtz-Eakin's") == ["holtzeakin"]


def test_rows_are_scored_by_overlap() -> None:
    text = 'Smith said "we will win the race" on Friday, and Jones noted the cost.'
    gold = [
        {
            "kind": "direct",
            "cue": [[6, 10]],
            "source": [[0, 5]],
            "content": [[11, 34]],
            "quoted": [[12, 33]],
            "speaker_group": "named",
            "speaker_names": ["john smith"],
        },
        {
            "kind": "indirect",
            "cue": [[55, 60]],
            "source": [[49, 54]],
            "content": [[61, 70]],
            "quoted": [],
            "speaker_group": "named",
            "speaker_names": ["jones"],
        },
    ]
    scores = SpeechScores()
    rows = [("quote", 12, 33, "Smith"), ("attribution", 49, 60, "Jones"), ("quote", 0, 4, None)]
    scores.add(text, rows, gold)
    assert (scores.direct_found, scores.named_right) == (1, 1)
    assert (scores.indirect_found, scores.indirect_named_right) == (1, 1)
    assert scores.false_quote_rows == 0  # a one-word row is no quotation PolNeAR would mark
