"""The passage index on real passages: a real tantivy index in a temporary folder, and recall on
Climate-FEVER's real claims and evidence."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import tantivy
from evaldata import require_shared

from claims.errors import PassageIndexError
from claims.evidence.index import SEARCH_COLUMNS, PassageIndex, _SeenIds
from claims.evidence.sources import load_source, passages_frame, source_passages
from claims.schema import PASSAGE_COLUMNS

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED = REPO_ROOT.parent / "shared"
CLIMATE_FEVER = SHARED / "eval" / "climate-fever"
SOURCES = REPO_ROOT / "seeds" / "sources"
SEED_FILES = sorted(p for p in SOURCES.iterdir() if p.name != "README.md")

HOSTILE_QUERIES = [
    "",
    "   \n\t",
    '"',
    '"unclosed quote about 97%',
    "AND",
    "OR NOT AND",
    "(",
    ")) trade ((",
    "title:Kim source_id:x",
    ":",
    "-",
    "- - -97%",
    "$1.2bn",
    "%",
    "*",
    "?",
    "trade~2",
    "Kim^3",
    "[1 TO 5]",
    "{2023 TO *}",
    "\\",
    "a\\:b",
    "\x00 control \x1f",
    "'",
    "I loved it. Remember when I walked across the line and everyone went crazy.",
    "“China’s V-Day commemorations” — said Hong Lei: (26) foreign leaders!",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👍 中文 العربية",
    "x" * 10_000,
    " ".join(["parade"] * 5_000),
]


@pytest.fixture(scope="module")
def seed_passages() -> dict[str, pd.DataFrame]:
    """The passages of every demo source, by source id."""
    tables = [source_passages(load_source(path)) for path in SEED_FILES]
    return {str(table["source_id"][0]): table for table in tables}


def everything(seed_passages: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(list(seed_passages.values()), ignore_index=True)


def source_of(seed_passages: dict[str, pd.DataFrame], file_name: str) -> pd.DataFrame:
    return next(t for t in seed_passages.values() if t["file_name"][0] == file_name)


def test_add_search_and_reopen_a_folder(
    tmp_path: Path, seed_passages: dict[str, pd.DataFrame]
) -> None:
    folder = tmp_path / "index"
    index = PassageIndex.open(folder)
    passages = everything(seed_passages)
    assert index.add(passages) == len(passages)
    hits = index.search("26 foreign leaders will attend the parade in Beijing", limit=5)
    assert tuple(hits.columns) == SEARCH_COLUMNS
    assert hits["file_name"][0] in {"xinhua-parade-announcement.txt", "parade-guests.pdf"}
    assert hits["bm25"].is_monotonic_decreasing
    reopened = PassageIndex.open(str(folder))
    assert len(reopened) == len(passages)
    assert reopened.source_ids() == sorted(seed_passages)
    again = reopened.search("26 foreign leaders will attend the parade in Beijing", limit=5)
    pd.testing.assert_frame_equal(again, hits)


def test_stored_passages_come_back_as_they_went_in(
    tmp_path: Path, seed_passages: dict[str, pd.DataFrame]
) -> None:
    index = PassageIndex.open(tmp_path / "index")
    passages = everything(seed_passages)
    index.add(passages)
    back = index.get(passages["passage_id"].tolist())
    pd.testing.assert_frame_equal(back, passages)
    csv_row = index.search("share of external trade China 2023", limit=1)
    assert isinstance(csv_row["values"][0], list)
    assert {"kind", "value", "text"} <= set(csv_row["values"][0][0])


def test_a_row_the_fast_json_writer_refuses_is_stored_all_the_same(tmp_path: Path) -> None:
    """A lone surrogate (a file decoded badly by a caller) and an integer beyond 64 bits are
    refused by orjson; the standard library writes and reads them, and nothing is lost."""
    row = {col: None for col in PASSAGE_COLUMNS}
    row.update(passage_id="odd:0-9:1", source_id="odd", start=0, end=9, text="Exports 5%")
    row.update(publisher="Ledger \ud800", values=[{"kind": "count", "value": 2**70}])
    plain = dict(row, passage_id="plain:0-9:1", source_id="plain", publisher="Ledger")
    index = PassageIndex.open(tmp_path / "index")
    index.add(passages_frame([row, plain]))
    back = index.get(["odd:0-9:1", "plain:0-9:1"])
    assert back["publisher"].tolist() == ["Ledger \ud800", "Ledger"]
    assert back["values"][0] == [{"kind": "count", "value": 2**70}]
    assert len(index.search("exports")) == 2


def test_get_keeps_the_order_asked_and_skips_unknown_ids(
    seed_passages: dict[str, pd.DataFrame],
) -> None:
    index = PassageIndex.open(None)
    passages = everything(seed_passages)
    index.add(passages)
    ids = passages["passage_id"].tolist()
    wanted = [ids[5], "no-such-id", ids[0], ids[5]]
    assert index.get(wanted)["passage_id"].tolist() == [ids[5], ids[0]]
    assert tuple(index.get([]).columns) == PASSAGE_COLUMNS


def test_delete_a_source(tmp_path: Path, seed_passages: dict[str, pd.DataFrame]) -> None:
    index = PassageIndex.open(tmp_path / "index")
    index.add(everything(seed_passages))
    briefing = source_of(seed_passages, "trade-briefing.md")
    source_id = str(briefing["source_id"][0])
    assert index.delete_source(source_id) == len(briefing)
    assert source_id not in index.source_ids()
    assert len(index) == sum(map(len, seed_passages.values())) - len(briefing)
    hits = index.search("about 95 per cent of North Korea's external trade", limit=100)
    assert source_id not in set(hits["source_id"])
    assert index.delete_source(source_id) == 0
    assert index.delete_source("never-added") == 0


def test_rebuild_keeps_ids_and_replaces_everything(
    tmp_path: Path, seed_passages: dict[str, pd.DataFrame]
) -> None:
    index = PassageIndex.open(tmp_path / "index")
    passages = everything(seed_passages)
    index.add(passages)
    before = sorted(index.search("Kim Jong Un China visit", limit=100)["passage_id"])
    index.rebuild(passages)
    assert len(index) == len(passages)
    assert sorted(index.search("Kim Jong Un China visit", limit=100)["passage_id"]) == before
    csv_only = source_of(seed_passages, "korea-trade-2023.csv")
    index.rebuild(csv_only)
    assert index.source_ids() == [csv_only["source_id"][0]]
    assert sorted(index.get(passages["passage_id"].tolist())["passage_id"]) == sorted(
        csv_only["passage_id"]
    )


def test_incremental_add_and_re_adding_a_source_keeps_one_copy(
    tmp_path: Path, seed_passages: dict[str, pd.DataFrame]
) -> None:
    index = PassageIndex.open(tmp_path / "index")
    total = 0
    for table in seed_passages.values():
        index.add(table)
        total += len(table)
        assert len(index) == total
    index.add(source_of(seed_passages, "kcna-statement.html"))
    assert len(index) == total
    hits = index.search("Kim Jong Un will visit China at the invitation of Xi Jinping")
    assert hits["passage_id"].is_unique


def test_progress_is_reported_to_the_end(seed_passages: dict[str, pd.DataFrame]) -> None:
    calls: list[tuple[int, int]] = []
    passages = everything(seed_passages)
    big = pd.concat([passages] * 40, ignore_index=True)
    big["passage_id"] = [f"p{i}" for i in range(len(big))]
    PassageIndex.open(None).add(big, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (len(big), len(big))
    assert len(calls) >= 2 and all(total == len(big) for _, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=range(len(HOSTILE_QUERIES)))
def test_hostile_queries_never_raise(
    tmp_path: Path, seed_passages: dict[str, pd.DataFrame], query: str
) -> None:
    index = PassageIndex.open(None)
    index.add(everything(seed_passages))
    hits = index.search(query, limit=10)
    assert tuple(hits.columns) == SEARCH_COLUMNS
    assert len(hits) <= 10


def test_boolean_words_are_searched_as_words(seed_passages: dict[str, pd.DataFrame]) -> None:
    index = PassageIndex.open(None)
    index.add(everything(seed_passages))
    plain = index.search("Putin Kim parade", limit=10)
    noisy = index.search('Putin AND "Kim" NOT (parade) -', limit=10)
    assert plain["passage_id"].tolist() == noisy["passage_id"].tolist()


def test_empty_index(tmp_path: Path) -> None:
    index = PassageIndex.open(tmp_path / "empty")
    assert len(index) == 0
    assert index.source_ids() == []
    hits = index.search("anything at all")
    assert hits.empty and tuple(hits.columns) == SEARCH_COLUMNS
    assert index.get(["x"]).empty
    assert index.delete_source("x") == 0
    assert index.add(passages_frame([])) == 0


def test_limit_must_be_positive(seed_passages: dict[str, pd.DataFrame]) -> None:
    index = PassageIndex.open(None)
    index.add(everything(seed_passages))
    assert len(index.search("China", limit=1)) == 1
    with pytest.raises(ValueError, match="limit"):
        index.search("China", limit=0)


def test_a_table_without_passage_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="values"):
        PassageIndex.open(None).add(pd.DataFrame({"passage_id": ["a"]}))


def test_a_folder_of_other_files_is_not_taken_over(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(PassageIndexError, match="empty folder"):
        PassageIndex.open(tmp_path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(PassageIndexError, match="writable folder"):
        PassageIndex.open(tmp_path / "file")


def test_concurrent_writers_from_two_threads(
    tmp_path: Path, seed_passages: dict[str, pd.DataFrame]
) -> None:
    folder = tmp_path / "index"
    tables = list(seed_passages.values())
    first, second = PassageIndex.open(folder), PassageIndex.open(folder)
    errors: list[BaseException] = []

    def write(index: PassageIndex, mine: list[pd.DataFrame]) -> None:
        try:
            for _ in range(3):
                for table in mine:
                    index.add(table)
                index.delete_source(str(mine[0]["source_id"][0]))
                index.add(mine[0])
        except BaseException as exc:
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(first, tables[::2])),
        threading.Thread(target=write, args=(second, tables[1::2])),
        threading.Thread(target=write, args=(first, tables[1::2])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(PassageIndex.open(folder)) == sum(map(len, tables))


def test_a_writer_in_another_process_is_waited_for(
    tmp_path: Path, seed_passages: dict[str, pd.DataFrame]
) -> None:
    folder = tmp_path / "index"
    tables = list(seed_passages.values())
    batch = tmp_path / "batch.json"
    tables[0].to_json(batch, orient="records")
    script = (
        "import sys, pandas as pd\n"
        "from claims.evidence.index import PassageIndex\n"
        "index = PassageIndex.open(sys.argv[1])\n"
        "batch = pd.read_json(sys.argv[2], orient='records', dtype=False)\n"
        "for _ in range(20):\n"
        "    index.add(batch)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(folder), str(batch)], cwd=REPO_ROOT)
    index = PassageIndex.open(folder)
    for _ in range(10):
        for table in tables[1:]:
            index.add(table)
    assert child.wait(timeout=120) == 0
    assert len(PassageIndex.open(folder)) == sum(map(len, tables))


def test_recall_at_5_on_climate_fever() -> None:
    """Plain BM25 (en_stem, stop words out) as DESIGN.md measured it: recall@5 about 0.566."""
    corpus_path = require_shared(CLIMATE_FEVER / "corpus.jsonl")
    queries_path = require_shared(CLIMATE_FEVER / "queries.jsonl")
    corpus = [json.loads(line) for line in corpus_path.read_text(encoding="utf-8").splitlines()]
    rows = [
        {"passage_id": c["id"], "source_id": c["title"], "start": 0, "end": len(c["text"]),
         "text": c["text"], "title": c["title"], "values": []}
        for c in corpus
    ]  # fmt: skip
    index = PassageIndex.open(None)
    index.add(passages_frame(rows))
    lines = queries_path.read_text(encoding="utf-8").splitlines()
    queries = [q for q in map(json.loads, lines) if q["relevant"]]
    found = {k: 0 for k in (1, 5, 10)}
    for query in queries:
        ids = index.search(query["claim"], limit=10)["passage_id"].tolist()
        for k in found:
            found[k] += bool(set(ids[:k]) & set(query["relevant"]))
    recall = {k: count / len(queries) for k, count in found.items()}
    print(f"\nClimate-FEVER BM25 over {len(queries)} claims: recall@k {recall}")
    assert len(queries) == 1061
    assert recall[5] >= 0.54


def test_values_of_any_shape_come_back_as_they_went_in() -> None:
    """Values are stored packed when they have the usual fields and their text at their
    offsets; any other values are stored as they came, and all come back the same."""
    text = "Exports rose 5% in 2023."
    usual = {"kind": "percent", "value": 0.05, "unit": None, "qualifier": None,
             "subject": "Exports", "start": 13, "end": 15, "text": "5%"}  # fmt: skip
    rows = [
        {"passage_id": "usual", "values": [usual]},
        {"passage_id": "moved", "values": [{**usual, "start": 0}]},
        {"passage_id": "extra", "values": [{**usual, "note": "read by hand"}]},
        {"passage_id": "lists", "values": [["percent", 0.05]]},
        {"passage_id": "none", "values": []},
    ]
    passages = passages_frame(
        [{"source_id": "s", "start": 0, "end": len(text), "text": text, **row} for row in rows]
    )
    index = PassageIndex.open(None)
    index.add(passages)
    pd.testing.assert_frame_equal(index.get(passages["passage_id"].tolist()), passages)


def test_search_hits_are_the_rows_of_search(seed_passages: dict[str, pd.DataFrame]) -> None:
    index = PassageIndex.open(None)
    index.add(everything(seed_passages))
    query = "about 97% of North Korea's external trade was with China"
    hits = index.search_hits(query, limit=20)
    table = index.search(query, limit=20)
    assert [hit.passage for hit in hits] == table[list(PASSAGE_COLUMNS)].to_dict("records")
    assert [hit.bm25 for hit in hits] == table["bm25"].tolist()
    assert index.search_hits("the and of", limit=5) == []


def test_rows_stored_as_json_objects_are_still_read(tmp_path: Path) -> None:
    """An index written when a row was stored as one JSON object needs no rebuild."""
    row = {col: None for col in PASSAGE_COLUMNS}
    row.update(passage_id="old", source_id="s", start=0, end=5, text="Hello", values=[])
    index = PassageIndex.open(tmp_path / "index")
    with index._writer() as writer:
        doc = tantivy.Document(passage_id="old", source_id="s", body="\nHello")
        doc.add_bytes("row", json.dumps(row).encode("utf-8"))
        writer.add_document(doc)
    assert index.search("hello")[list(PASSAGE_COLUMNS)].to_dict("records") == [row]


def test_a_reader_sees_every_commit_of_another_writer_at_once(
    tmp_path: Path, seed_passages: dict[str, pd.DataFrame]
) -> None:
    """Readers reload only when a commit has changed the folder, and then at once."""
    folder = tmp_path / "index"
    reader, writer = PassageIndex.open(folder), PassageIndex.open(folder)
    assert len(reader) == 0
    total = 0
    for table in seed_passages.values():
        writer.add(table)
        total += len(table)
        assert len(reader) == total
    first = next(iter(seed_passages))
    writer.delete_source(first)
    assert first not in reader.source_ids()
    assert len(reader) == total - len(seed_passages[first])


def passage(pid: str, text: str, source_id: str = "s") -> dict[str, object]:
    return {"passage_id": pid, "source_id": source_id, "start": 0, "end": len(text),
            "text": text, "values": []}  # fmt: skip


def test_add_all_commits_once_and_re_added_ids_replace_the_earlier(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    index, reader = PassageIndex.open(folder), PassageIndex.open(folder)
    index.add(passages_frame([passage("d", "first d")]))

    def tables() -> Iterator[pd.DataFrame]:
        yield passages_frame([passage("a", "first a"), passage("b", "only b")])
        assert len(reader) == 1  # nothing of this write is seen before its commit
        yield passages_frame([passage("a", "second a"), passage("c", "first c")])
        yield passages_frame([passage("c", "second c"), passage("c", "third c")])
        yield passages_frame([passage("d", "second d")])

    assert index.add_all(tables()) == 7
    assert len(reader) == 4
    found = reader.get(["a", "b", "c", "d"])
    assert found["text"].tolist() == ["second a", "only b", "third c", "second d"]


def test_ids_added_are_never_missed_and_rarely_mistaken() -> None:
    seen = _SeenIds()
    added = [f"src-{k}:{k * 7}-{k * 7 + 5}:{k:08x}" for k in range(200_000)]
    for start in range(0, len(added), 20_000):
        seen.add(added[start : start + 20_000])
    assert seen.contains(added).all()
    others = [f"other-{k}" for k in range(100_000)]
    assert seen.contains(others).mean() < 0.01
