"""Extraction in a process of its own, for `bench/extract.py` to time two versions in turns.

    python bench/extract_worker.py CHECKOUT

Reads one JSON list of texts a line from stdin, extracts the claims of each with the `claims`
package of CHECKOUT, and answers each line with the processor time it took, in seconds.
"""

from __future__ import annotations

import json
import sys
import time

from checkout import extractor


def main() -> None:
    extract = extractor(sys.argv[1])
    for line in sys.stdin:
        texts = json.loads(line)
        cpu = time.process_time()
        for text in texts:
            extract(text)
        print(time.process_time() - cpu, flush=True)


if __name__ == "__main__":
    main()
