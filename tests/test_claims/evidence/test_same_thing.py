"""Agreement compares the thing measured, on real sentences of the BBC corpus, both ways.

Each test takes a sentence of `../shared/eval/news/bbc-dev.jsonl` (read there, never copied into
the repository: only the article id and a few words to find the sentence are written here),
matches a claim of it against the sentence itself or the sentence with one thing changed the
way another source could say it, and checks the verdict in both directions: the same thing
agrees (or conflicts when the figure differs), another thing is `absent`.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from evaldata import SHARED_EVAL, require_shared

from claims import extract_claims
from claims.evidence.agreement import agreement
from claims.evidence.passage_values import passage_values
from claims.evidence.subject_words import clause_span
from claims.evidence.verdict import Verdict
from claims.reading.sentences import sentence_spans

BBC = SHARED_EVAL / "news" / "bbc-dev.jsonl"


@functools.lru_cache(maxsize=1)
def _articles() -> dict[str, str]:
    with require_shared(BBC).open(encoding="utf-8") as lines:
        return {row["id"]: row["text"] for row in map(json.loads, lines)}


def sentence(article_id: str, marker: str) -> str:
    """The sentence of the article that holds `marker`."""
    text = _articles()[article_id]
    found = [text[a:b] for a, b in sentence_spans(text) if marker in text[a:b]]
    assert found, f"{marker!r} is not in {article_id}"
    return found[0]


def claim_of(text: str, span: str) -> dict[str, Any]:
    table = extract_claims(text)
    rows = table[table["text"] == span]
    assert len(rows) == 1, f"{span!r} not among {table['text'].tolist()}"
    return rows.iloc[0].to_dict()


def check(claim: dict[str, Any], passage: str) -> Verdict:
    return agreement(claim, passage, passage_values(passage))


# --------------------------------------------------- counts, ages and quantities of one kind


def test_an_age_compares_across_its_forms_and_never_with_a_count() -> None:
    real = sentence("business/213", "Greenspan, 79,")
    claim = claim_of(real, "79")
    same = "The 79-year-old Greenspan has been in the UK to attend the G7 meeting in London."
    assert check(claim, same).agreement == "agrees"
    other = same.replace("79-year-old", "78-year-old")
    assert check(claim, other).agreement == "conflicts"
    counts = "Greenspan faces 79 counts of fraud in the UK after the G7 meeting in London."
    assert check(claim, counts).agreement == "absent"


# ------------------------------------------------------ another group, place or year: absent


def test_a_figure_about_another_group_is_absent() -> None:
    real = sentence("tech/047", "41% of women")
    claim = claim_of(real, "41%")
    assert check(claim, real).agreement == "agrees"
    assert check(claim, real.replace("41% of women", "45% of women")).agreement == "conflicts"
    men = "Of the 22 million Americans who own MP3 players, 41% of men say they use them daily."
    assert check(claim, men).agreement == "absent"


def test_a_figure_for_another_year_is_absent() -> None:
    real = sentence("business/052", "Growth was 1.1% in 2004")
    claim = claim_of(real, "1.1%")
    assert check(claim, "Growth was 1.1% in 2004, the figures showed.").agreement == "agrees"
    assert check(claim, "Growth was 1.6% in 2004, the figures showed.").agreement == "conflicts"
    verdict = check(claim, "Growth was 1.6% in 2005, the figures showed.")
    assert verdict.agreement == "absent"
    assert verdict.reason is not None and verdict.reason.startswith("another year")


def test_a_figure_of_another_party_is_absent() -> None:
    real = sentence("business/183", "In the US growth is something like 6%")
    claim = claim_of(real, "6%")
    assert check(claim, "In the US, growth is about 6%, he said.").agreement == "agrees"
    other = "In China growth is something like 6%, while Japan is growing by 2%, he says."
    assert check(claim, other).agreement == "absent"


def test_a_change_is_not_a_share() -> None:
    real = sentence("business/024", "narrowed by 4.9%")
    claim = claim_of(real, "4.9%")
    assert check(claim, "The US trade gap narrowed by 4.9% in December.").agreement == "agrees"
    share = "The US trade gap was 4.9% of national output in December."
    assert check(claim, share).agreement == "absent"


# -------------------------------------------------------------------------- bounds and ranges


def test_a_bound_the_source_satisfies_is_consistent_not_agrees() -> None:
    real = sentence("business/386", "sank 14.87%")
    claim = claim_of(real.replace("14.87%", "more than 10%"), "more than 10%")
    verdict = check(claim, real)
    assert (verdict.agreement, verdict.source_value) == ("consistent", "14.87%")
    assert verdict.reason is not None and "the source says 14.87%" in verdict.reason
    broken = claim_of(real.replace("14.87%", "more than 20%"), "more than 20%")
    assert check(broken, real).agreement == "conflicts"


def test_a_range_agrees_only_when_it_is_the_sources_range() -> None:
    real = sentence("politics/213", "18 to 30-year-olds")
    claim = claim_of(real, "18 to 30-year-olds")
    assert check(claim, real).agreement == "agrees"
    wider = claim_of(real.replace("18 to 30", "16 to 30"), "16 to 30-year-olds")
    assert check(wider, real).agreement == "consistent"
    apart = claim_of(real.replace("18 to 30", "35 to 45"), "35 to 45-year-olds")
    assert check(apart, real).agreement == "conflicts"


# ------------------------------------------------------------------------------------ aliases


def test_an_alias_keeps_the_subject() -> None:
    real = sentence("business/490", "wages fell 1.8%")
    claim = claim_of(real, "1.8%")
    pay = "Average monthly pay fell 1.8% in December from November, figures showed."
    assert check(claim, pay).agreement == "agrees"
    rents = "Average monthly rents fell 1.8% in December from November, figures showed."
    assert check(claim, rents).agreement == "absent"


def test_the_us_is_the_united_states() -> None:
    real = sentence("business/183", "In the US growth is something like 6%")
    claim = claim_of(real, "6%")
    spelled = "In the United States growth is something like 7%, analysts estimate."
    assert check(claim, spelled).agreement == "conflicts"
    united_nations = "At the United Nations growth is estimated at 7%, officials say."
    assert check(claim, united_nations).agreement == "absent"


def test_an_acronym_spelled_out_in_the_text_is_the_same_name() -> None:
    real = sentence("business/001", "(SEC)")
    claim = claim_of(real, "2003")
    source = "The SEC said TimeWarner would restate its results of 2003 following the probe."
    assert check(claim, source).agreement == "agrees"
    other = "The FSA said Vodafone would restate its results of 2003 following the probe."
    assert check(claim, other).agreement == "absent"


# ------------------------------------------------------------- a figure between two dashes


def test_a_figure_between_dashes_keeps_its_clause() -> None:
    real = sentence("business/386", " - or $1.83 - ")
    at = real.index("$1.83")
    lo, hi = clause_span(real, at, at + len("$1.83"))
    assert "Krispy Kreme sank" in real[lo:hi] and "to close at" in real[lo:hi]
    # Dashes farther apart than an aside still part the clause from the figure.
    long_aside = real.replace(
        " - or $1.83 - ",
        " - a loss of $1.83 a share, its biggest fall in a decade, the firm said - ",
    )
    lo, hi = clause_span(long_aside, at, at + len("$1.83"))
    assert "Krispy Kreme sank" not in long_aside[lo:hi]


def test_the_date_of_another_event_is_absent() -> None:
    real = sentence("business/066", "Germany's economy grew 1.6% last year")
    claim = claim_of(real, "in 2003")
    assert check(claim, "Germany's economy was shrinking in 2003.").agreement == "agrees"
    assert check(claim, "Germany's economy was shrinking in 2002.").agreement == "conflicts"
    other = "Germany's new chancellor was elected in 2002, after a close race."
    assert check(claim, other).agreement == "absent"
