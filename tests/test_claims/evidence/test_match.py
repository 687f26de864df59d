"""Matching claims to passages on a real tantivy index: demo sources and number twins."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from rapidfuzz import fuzz, utils

from claims import extract_claims
from claims.evidence.agreement import agreement
from claims.evidence.index import PassageIndex
from claims.evidence.match import _VALUE_SIGNAL as VALUE_SIGNAL
from claims.evidence.match import CANDIDATES, claim_query, match_claims, rescore
from claims.evidence.sources import Source, load_source, source_passages
from claims.schema import MATCH_COLUMNS

ROOT = Path(__file__).resolve().parents[3]
SEED = (ROOT / "seeds" / "000_c76c75e25c87b28b.txt").read_text(encoding="utf-8")
SOURCES = ROOT / "seeds" / "sources"


@pytest.fixture(scope="module")
def demo_passages() -> pd.DataFrame:
    files = sorted(p for p in SOURCES.iterdir() if p.name != "README.md")
    return pd.concat([source_passages(load_source(p)) for p in files], ignore_index=True)


@pytest.fixture(scope="module")
def demo_index(demo_passages: pd.DataFrame) -> PassageIndex:
    index = PassageIndex.open(None)
    index.add(demo_passages)
    return index


@pytest.fixture(scope="module")
def demo(
    demo_passages: pd.DataFrame, demo_index: PassageIndex
) -> tuple[pd.DataFrame, pd.DataFrame]:
    passages, index = demo_passages, demo_index
    claims = extract_claims(SEED, published="2025-08-28", article_id="seed")
    matches = match_claims(claims, index, limit=5)
    files_by_source = passages.drop_duplicates("source_id").set_index("source_id")["file_name"]
    matches["file"] = matches["source_id"].map(files_by_source)
    return claims, matches


def top(claims: pd.DataFrame, matches: pd.DataFrame, text: str, n: int = 0) -> pd.DataFrame:
    claim_id = claims[claims["text"] == text]["claim_id"].iloc[n]
    return matches[matches["claim_id"] == claim_id].sort_values("rank")


def test_columns_and_ranks(demo: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    _, matches = demo
    assert list(matches.columns)[: len(MATCH_COLUMNS)] == list(MATCH_COLUMNS)
    for _, group in matches.groupby("claim_id"):
        assert list(group["rank"]) == list(range(1, len(group) + 1))
        assert group["score"].is_monotonic_decreasing
    spans = matches[["evidence_start", "evidence_end"]]
    assert (spans["evidence_start"] <= spans["evidence_end"]).all()


def test_the_marked_evidence_is_whole_words_or_nothing(
    demo: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    _, matches = demo
    for row in matches.itertuples():
        start, end, text = int(row.evidence_start), int(row.evidence_end), str(row.passage_text)
        if start == end:
            continue  # nothing like the claim in this passage: nothing marked
        assert not (start > 0 and text[start - 1].isalnum() and text[start].isalnum()), row
        assert not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum()), row
    # "about 97%" shares only stray letters with the Russia row of the trade table
    claims, _ = demo
    russia = top(claims, matches, "about 97%")
    russia = russia[russia["passage_text"].str.contains("partner: Russia")]
    assert len(russia) and (russia["evidence_start"] == russia["evidence_end"]).all()


@pytest.mark.parametrize(
    ("claim", "file", "agreement", "value"),
    [
        ("Wednesday", None, "agrees", "3 September 2025"),
        ("26 foreign leaders", None, "agrees", None),
        ("In 2023", None, "agrees", None),
        ("about 97%", "korea-trade-2023.csv", "agrees", "96.7"),
        ("1.2%", "korea-trade-2023.csv", "agrees", "1.2"),
        ("since 2019", "kim-visits-background.docx", "agrees", None),
        ("in December 2011", "kim-visits-background.docx", "agrees", "17 December 2011"),
        ("China’s V-Day commemorations", "xinhua-parade-announcement.txt", "verbatim", None),
    ],
)
def test_rank_one_states_the_claim(
    demo: tuple[pd.DataFrame, pd.DataFrame],
    claim: str,
    file: str | None,
    agreement: str,
    value: str | None,
) -> None:
    claims, matches = demo
    first = top(claims, matches, claim).iloc[0]
    assert first["agreement"] == agreement, top(claims, matches, claim).to_string()
    if file:
        assert first["file"] == file
    if value:
        assert first["source_value"] == value


def test_the_contradicting_figure_conflicts(demo: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    claims, matches = demo
    found = top(claims, matches, "about 97%")
    briefing = found[found["file"] == "trade-briefing.md"]
    assert "conflicts" in set(briefing["agreement"])
    assert "95 per cent" in briefing[briefing["agreement"] == "conflicts"]["source_value"].iloc[0]


def test_another_partys_table_row_is_no_contradiction(
    demo: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    claims, matches = demo
    found = top(claims, matches, "about 97%")
    russia = found[found["passage_text"].str.contains("partner: Russia; year: 2023")]
    assert not russia.empty and set(russia["agreement"]) == {"absent"}


def test_the_changed_quote_is_altered_and_names_the_word(
    demo: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    claims, matches = demo
    quote = claims[claims["text"].str.startswith("I loved it")]["text"].iloc[0]
    first = top(claims, matches, quote).iloc[0]
    assert first["file"] == "trump-remarks-transcript.txt"
    assert first["agreement"] == "altered"
    assert "everybody" in first["source_value"]


def test_table_columns_type_their_numbers() -> None:
    from claims.evidence.sources import table_row_values

    values = table_row_values("partner: China; share_percent: 96.7; value_usd_millions: 2680.5")
    kinds = [(v["kind"], v["value"], v["unit"]) for v in values]
    assert kinds == [("percent", 0.967, None), ("money", 2680.5e6, "USD")]


def test_a_claim_with_no_candidates_has_no_rows() -> None:
    index = PassageIndex.open(None)
    claims = extract_claims("Turnout was 61% in 2019.")
    assert match_claims(claims, index).empty


TWINS = [
    ("Sales rose 97 percent in the region.", "97 percent", "97%", "95%"),
    ("The plan will cost $1.2 billion, officials said.", "$1.2 billion",
     "1,200 million dollars", "$1.2 million"),
    ("The parade will be held on Sept. 3 in the capital.", "Sept. 3",
     "3 September", "3 October"),
    ("About 26 foreign leaders will attend the summit.", "26 foreign leaders",
     "twenty-six foreign leaders", "16 foreign leaders"),
    ("Unemployment fell to 4.5 per cent last month.", "4.5 per cent", "4.5%", "5.4%"),
]  # fmt: skip


def generated_twins() -> list[tuple[str, str, str, str]]:
    """Every figure of a few sentences in each of its formats, against a changed value."""
    cases: list[tuple[str, str, str, str]] = []
    for share in (3, 12.5, 46, 97):
        for claim_fmt, same_fmt in (("{} percent", "{}%"), ("{}%", "{} per cent")):
            cases.append((f"Turnout reached {claim_fmt.format(share)} in the north.",
                           claim_fmt.format(share), same_fmt.format(share),
                           same_fmt.format(share + 7)))  # fmt: skip
    for amount, words, wrong in ((1.2, "1,200 million", 1.2), (3.5, "3,500 million", 5.3)):
        cases.append((f"The bridge will cost ${amount} billion to build.", f"${amount} billion",
                      f"{words} dollars", f"${wrong} million"))  # fmt: skip
    for day, month, other in ((3, "Sept.", "October"), (14, "Jan.", "February")):
        long_month = {"Sept.": "September", "Jan.": "January"}[month]
        cases.append((f"The vote will be held on {month} {day} in the capital.", f"{month} {day}",
                      f"{day} {long_month}", f"{day} {other}"))  # fmt: skip
    return cases


@pytest.mark.parametrize(
    ("sentence", "claim_text", "same", "changed"), [*TWINS, *generated_twins()]
)
def test_number_twins(sentence: str, claim_text: str, same: str, changed: str) -> None:
    """A passage stating the claim's value in another format outranks its twin with the value
    changed: an identical twin token is won by BM25 alone, a format change only by values."""
    context = sentence.replace(claim_text, "{}")
    index = PassageIndex.open(None)
    rows = []
    for n, value in enumerate((changed, same)):  # the changed twin first: order must not help
        text = "Officials confirmed it. " + context.format(value)
        rows.append(Source(f"s{n}", text, f"t{n}", None, None, None, f"f{n}.txt", "text"))
    index.add(pd.concat([source_passages(s) for s in rows], ignore_index=True))
    claims = extract_claims(sentence, published="2025-08-28")
    claim = claims[claims["text"].str.contains(claim_text.split()[-1], regex=False)]
    matches = match_claims(claim.head(1), index, limit=2)
    assert list(matches["source_id"]) == ["s1", "s0"], matches.to_string()
    assert list(matches["agreement"]) == ["agrees", "conflicts"]


def exhaustive(claims: pd.DataFrame, index: PassageIndex, *, limit: int) -> pd.DataFrame:
    """The ranking by definition: every signal of every candidate, `rescore`, a stable sort."""
    rows = []
    for claim in claims.to_dict(orient="records"):
        hits = index.search(claim_query(claim), limit=CANDIDATES)
        if hits.empty:
            continue
        pairs = zip(hits["text"], hits["values"], strict=True)
        verdicts = [agreement(claim, text, values) for text, values in pairs]
        core = str(claim["sentence"] or claim["text"])
        signals = pd.DataFrame(
            {
                "bm25": hits["bm25"] / max(float(hits["bm25"].max()), 1e-9),
                "fuzz": [
                    fuzz.token_set_ratio(core, text, processor=utils.default_process) / 100
                    for text in hits["text"]
                ],
                "value": [VALUE_SIGNAL.get(v.agreement, 0.0) for v in verdicts],
            }
        )
        scores = rescore(signals).tolist()
        order = sorted(range(len(scores)), key=lambda i: -scores[i])[:limit]
        rows.extend(
            (claim["claim_id"], rank, hits["passage_id"][i], round(scores[i], 6),
             verdicts[i].agreement)
            for rank, i in enumerate(order, start=1)
        )  # fmt: skip
    return pd.DataFrame(rows, columns=["claim_id", "rank", "passage_id", "score", "agreement"])


def test_ranking_equals_scoring_every_candidate(demo_index: PassageIndex) -> None:
    """Matching computes only the signals that can change the top ranks: what it returns is
    what scoring every signal of every candidate returns."""
    claims = extract_claims(SEED, published="2025-08-28", article_id="seed")
    for limit in (1, 5, 20):
        found = match_claims(claims, demo_index, limit=limit)
        wanted = exhaustive(claims, demo_index, limit=limit)
        pd.testing.assert_frame_equal(found[list(wanted.columns)], wanted, check_dtype=False)


class FrameOnly:
    """An index that offers only `search`, a table per query."""

    def __init__(self, index: PassageIndex) -> None:
        self.index = index

    def search(self, query: str, *, limit: int = 100) -> pd.DataFrame:
        return self.index.search(query, limit=limit)


def test_an_index_with_search_alone_gives_the_same_matches(demo_index: PassageIndex) -> None:
    claims = extract_claims(SEED, published="2025-08-28", article_id="seed")
    pd.testing.assert_frame_equal(
        match_claims(claims, FrameOnly(demo_index)), match_claims(claims, demo_index)
    )
