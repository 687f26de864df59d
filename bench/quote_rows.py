"""The quote and attribution rows of articles, for `bench/quotes.py` to score.

    python bench/quote_rows.py CHECKOUT FILE.jsonl [TEXT_FIELD]

Runs the `claims` package of CHECKOUT (so that a checkout of an earlier commit can be measured
beside today's code in the same run; `bench/checkout.py`) and writes, per article, one JSON line:
its id, the processor time its extraction took, and its quote and attribution rows (kind,
start, end, speaker). It relies only on `claims.extract.extract_claims`, which every version
has.
"""

from __future__ import annotations

import json
import sys
import time

from checkout import extractor


def main() -> None:
    checkout, path = sys.argv[1], sys.argv[2]
    field = sys.argv[3] if len(sys.argv) > 3 else "text"
    extract_claims = extractor(checkout)
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
