"""Every seed claim against every demo source: the verdicts a careful checker would give.

`tests/golden/demo-verdicts.csv` holds, for each claim of the seed article and each file of
`seeds/sources/`, what the source's passages say of the claim: the verdicts other than `absent`
that any of its passages gives (joined by "+"), else `absent` (`unchecked` for attributions,
comparisons and statements). It was written from the sources' README, which states what each
demo source confirms and contradicts, and checked by hand row by row: a row changes only when a
checker reading that source would now say something else. After a deliberate change, rewrite it
with UPDATE_GOLDEN=1 and read the diff.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd
import pytest

from claims import extract_claims
from claims.evidence.agreement import agreement
from claims.evidence.sources import load_source, source_passages

ROOT = Path(__file__).resolve().parents[3]
SEED = (ROOT / "seeds" / "000_c76c75e25c87b28b.txt").read_text(encoding="utf-8")
SOURCES = ROOT / "seeds" / "sources"
GOLDEN = ROOT / "tests" / "golden" / "demo-verdicts.csv"
COLUMNS = ("claim", "kind", "text", "source", "verdict")


def _verdict(claim: dict[str, object], passages: pd.DataFrame) -> str:
    found = {
        agreement(claim, str(row["text"]), list(row["values"])).agreement
        for _, row in passages.iterrows()
    }
    if found <= {"unchecked"}:
        return "unchecked"
    said = sorted(found - {"absent", "unchecked"})
    return "+".join(said) if said else "absent"


@pytest.fixture(scope="module")
def verdicts() -> bytes:
    claims = extract_claims(SEED, published="2025-08-28", article_id="seed")
    files = sorted(p for p in SOURCES.iterdir() if p.name != "README.md")
    sources = {p.name: source_passages(load_source(p)) for p in files}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    seen: dict[str, int] = {}
    for claim in claims.to_dict("records"):
        text = " ".join(str(claim["text"]).split())
        seen[text] = seen.get(text, 0) + 1
        label = f"{text} ({seen[text]})" if seen[text] > 1 else text
        for name, passages in sources.items():
            writer.writerow((label, claim["kind"], text[:60], name, _verdict(claim, passages)))
    return out.getvalue().encode("utf-8")


def test_every_seed_claim_against_every_demo_source(verdicts: bytes) -> None:
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_bytes(verdicts)
    assert GOLDEN.is_file(), f"{GOLDEN} is missing: write it with UPDATE_GOLDEN=1"
    expected = GOLDEN.read_text(encoding="utf-8").splitlines()
    got = verdicts.decode("utf-8").splitlines()
    differ = [f"{e!r} != {g!r}" for e, g in zip(expected, got, strict=False) if e != g]
    assert not differ and len(expected) == len(got), "\n".join(differ[:20])


def test_no_demo_source_contradicts_a_claim_it_does_not_address(verdicts: bytes) -> None:
    rows = list(csv.DictReader(io.StringIO(verdicts.decode("utf-8"))))
    conflicts = {(r["claim"], r["source"]) for r in rows if "conflicts" in r["verdict"]}
    # The one contradiction among the demo sources: the briefing's "about 95 per cent".
    assert conflicts == {("about 97%", "trade-briefing.md")}


def test_the_trade_table_agrees_for_2023_and_never_for_2022() -> None:
    table = source_passages(load_source(SOURCES / "korea-trade-2023.csv"))
    for draft, figure in (("about 97%", "96.7"), ("about 95%", None)):
        text = SEED.replace("about 97%", draft)
        claims = extract_claims(text, published="2025-08-28")
        claim = claims[claims["text"] == draft].iloc[0].to_dict()
        rows = {
            str(row["text"]).split("; ")[2]: agreement(claim, str(row["text"]), row["values"])
            for _, row in table.iterrows()
            if "partner: China" in str(row["text"])
        }
        assert rows["year: 2022"].agreement == "absent", draft
        assert "another year" in str(rows["year: 2022"].reason)
        if figure is not None:
            assert (rows["year: 2023"].agreement, rows["year: 2023"].source_value) == (
                "agrees",
                figure,
            )
