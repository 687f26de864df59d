"""The quote and attribution rows of articles, for `bench/quotes.py` to score.

    python bench/quote_rows.py CHECKOUT FILE.jsonl [TEXT_FIELD]

Runs the `claims` package of CHECKOUT (so that a checkout of an earlier commit can be measured
beside today's code in the same run: the editable install's finder is set aside, since it would
otherwise give today's package whatever the path says) and writes, per article, one JSON line:
its id, the processor time its extraction took, and its quote and attribution rows (kind,
start, end, speaker). It relies only on `claims.extract.extract_claims`, which every version
has.
"""

from __future__ import annotations

import importlib
import json
import sys
import time


def main() -> None:
    checkout, path = sys.argv[1], sys.argv[2]
    field = sys.argv[3] if len(sys.argv) > 3 else "text"
    sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in repr(f)]
    sys.path.insert(0, checkout)
    extract_claims = importlib.import_module("claims.extract").extract_claims
    if not importlib.import_module("claims").__file__.startswith(checkout):
        raise SystemExit(f"claims was not imported from {checkout}")
    out = sys.stdout
    with open(path, encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle]
    for article in articles:
        text = article[field]
        cpu = time.process_time()
        table = extract_claims(text)
        spent = time.process_time() - cpu
        speech = table[table["kind"].isin(["quote", "attribution"])]
        rows = [
            [kind, int(start), int(end), None if speaker is None or speaker != speaker else speaker]
            for kind, start, end, speaker in zip(
                speech["kind"], speech["start"], speech["end"], speech["speaker"], strict=True
            )
        ]
        out.write(json.dumps({"id": article["id"], "cpu": spent, "rows": rows}) + "\n")


if __name__ == "__main__":
    main()
