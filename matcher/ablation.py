"""The ablation table of docs/matching.md: NDCG@5 with each component off in turn.

``python -m matcher.ablation FILE... [--today YYYY-MM-DD]`` evaluates every judged
file once with everything on, then once per component with that component
switched off (its constant set to the value that disables it, or its text
feature left out), and prints a Markdown table. Nothing is changed on disk; the
settings are restored after each row.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import features, text
from .evaluate import evaluate_file


@contextmanager
def _constant(name: str, value: float) -> Iterator[None]:
    """Set a constant of ``matcher.features`` everywhere it was imported by name."""
    owners = [
        module
        for module_name, module in sys.modules.items()
        if module_name.startswith("matcher") and getattr(module, name, None) is not None
    ]
    if features not in owners:
        raise LookupError(f"matcher.features has no {name}")
    old = getattr(features, name)
    for module in owners:
        setattr(module, name, value)
    try:
        yield
    finally:
        for module in owners:
            setattr(module, name, old)


@contextmanager
def _text_option(**options: bool) -> Iterator[None]:
    old = text.TextModel.__init__
    text.TextModel.__init__ = functools.partialmethod(old, **options)
    try:
        yield
    finally:
        text.TextModel.__init__ = old


# (label, what switches the component off)
COMPONENTS: list[tuple[str, Callable[[], object]]] = [
    ("no service concepts (`TextModel(concepts=False)`)", lambda: _text_option(concepts=False)),
    ("place names as words (`TextModel(places=False)`)", lambda: _text_option(places=False)),
    ("no concept gate on crossing (`CONCEPT_MISS = 1`)", lambda: _constant("CONCEPT_MISS", 1.0)),
    (
        "own field as reference (`SUBSTANCE_REFERENCE = 0`)",
        lambda: _constant("SUBSTANCE_REFERENCE", 0.0),
    ),
    ("no cross-field substance (`CROSS_FIELD = 0`)", lambda: _constant("CROSS_FIELD", 0.0)),
    (
        "no commodity-specific penalty (`OTHER_COMMODITY = 0.6`)",
        lambda: _constant("OTHER_COMMODITY", 0.6),
    ),
    (
        "derived links as `related` (`MATERIAL_OF_PRODUCT = 0.9`)",
        lambda: _constant("MATERIAL_OF_PRODUCT", 0.9),
    ),
    ("no processor fit (`PRODUCT_OF_MATERIAL = 0`)", lambda: _constant("PRODUCT_OF_MATERIAL", 0.0)),
    (
        "commodity as full evidence of service (`COMMODITY_EVIDENCE = 1`)",
        lambda: _constant("COMMODITY_EVIDENCE", 1.0),
    ),
    ("no maturity fit (`STAGE_MISFIT = 1`)", lambda: _constant("STAGE_MISFIT", 1.0)),
    ("no refusals (`REFUSED = 1`)", lambda: _constant("REFUSED", 1.0)),
    ("no one-purpose penalty (`NARROW_MISS = 1`)", lambda: _constant("NARROW_MISS", 1.0)),
    ("no offering exclusions (`EXCLUDED = 1`)", lambda: _constant("EXCLUDED", 1.0)),
]


def _row(files: list[str], today: datetime.date) -> list[str]:
    return [f"{evaluate_file(f, today=today)['engine']:.3f}" for f in files]


def table(files: list[str], today: datetime.date) -> str:
    names = [Path(f).stem for f in files]
    lines = [
        "| configuration | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(files),
        "| all on | " + " | ".join(_row(files, today)) + " |",
    ]
    for label, switch_off in COMPONENTS:
        with switch_off():
            lines.append(f"| {label} | " + " | ".join(_row(files, today)) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--today", type=datetime.date.fromisoformat, default=datetime.date.today())
    args = parser.parse_args(argv)
    print(table(args.files, args.today))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
