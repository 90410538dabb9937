"""Time the exchange validator alone on a generated document (the import's first step).

    .venv/bin/python -m bench.validate            # 100,000 MSMEs, 2,000 offerings
    .venv/bin/python -m bench.validate 20000

Prints the best of three runs of ``validate_document``.
"""

from __future__ import annotations

import sys
import time

from bench.generate import generate


def main(argv: list[str]) -> None:
    from web.services.exchange import validate_document

    n = int(argv[0]) if argv else 100_000
    doc = generate(n, max(n // 50, 100))
    offerings = sum(len(p.get("offerings") or []) for p in doc["partners"])
    validate_document({"format": doc["format"], "msmes": doc["msmes"][:100]})  # warm up
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        validate_document(doc)
        best = min(best, time.perf_counter() - start)
    print(
        f"validate_document: {n:,} MSMEs and {offerings:,} offerings in {best:.2f} s "
        f"(best of 3) = {n / best:,.0f} MSMEs/s"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
