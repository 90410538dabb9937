"""Matching commands: ``flask --app wsgi match`` and ``learn-weights``.

Output shapes are the contract of ``docs/exchange-format.md`` ("Ranking
output"); the readable table is for people at a terminal.
"""

from __future__ import annotations

import json
import sys
import time

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from .edge import command_unit
from .extensions import db
from .models import Msme
from .services import learning, match_cache, matching, supply

SCORE_DIGITS = 4


def offering_match_json(match) -> dict:
    return {
        "offering_external_id": match.offering_external_id,
        "partner_external_id": match.partner_external_id,
        "score": round(float(match.score), SCORE_DIGITS),
        "reasons": list(match.reasons),
    }


def msme_match_json(match) -> dict:
    return {
        "msme_external_id": match.msme_external_id,
        "score": round(float(match.score), SCORE_DIGITS),
        "reasons": list(match.reasons),
    }


def _table(rows: list[tuple[str, ...]], headers: tuple[str, ...]) -> str:
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(out)


def _print_offering_table(ranking, lang: str) -> None:
    rows = matching.offerings_by_id(
        [m.offering_external_id for m in ranking.matches]
        + [f.offering_external_id for f in ranking.filtered]
    )
    if not ranking.matches:
        click.echo(
            "Belum ada saran untuk UMKM ini."
            if lang == "id"
            else "No suggestions for this MSME yet."
        )
    for rank, match in enumerate(ranking.matches, start=1):
        offering = rows.get(match.offering_external_id)
        title = f"{offering.title} · {offering.partner.name}" if offering else ""
        click.echo(f"{rank:>2}. {match.score:.2f}  {match.offering_external_id}  {title}")
        for reason in match.reasons:
            click.echo(f"      - {reason}")
    if ranking.filtered:
        click.echo("\nHampir cocok, tetapi:" if lang == "id" else "\nNearly fitting, but:")
        for item in ranking.filtered:
            offering = rows.get(item.offering_external_id)
            title = f" ({offering.title})" if offering else ""
            click.echo(f"    {item.offering_external_id}{title}: {'; '.join(item.missing)}")


@click.command("match")
@with_appcontext
@click.option("--msme", "msme_id", metavar="EXTERNAL_ID", help="Rank offerings for this MSME.")
@click.option(
    "--offering", "offering_id", metavar="EXTERNAL_ID", help="Rank MSMEs for this offering."
)
@click.option("--all", "all_msmes", is_flag=True, help="Rank offerings for every MSME.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl"]),
    help="Machine-readable output; a readable table without it.",
)
@click.option(
    "--lang",
    type=click.Choice(["id", "en"]),
    default="id",
    show_default=True,
    help="Language of the reasons.",
)
@click.option(
    "--include-filtered",
    is_flag=True,
    help="Table only: also list nearly-fitting offerings and what is missing.",
)
@click.option(
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Where --all writes its lines (default stdout).",
)
@click.option(
    "--links",
    is_flag=True,
    help="With --msme: rank other MSMEs as its suppliers and buyers (supply links).",
)
def match_command(
    msme_id, offering_id, all_msmes, limit, fmt, lang, include_filtered, output, links
):
    """Rank matches from the command line."""
    if sum(bool(x) for x in (msme_id, offering_id, all_msmes)) != 1:
        raise click.UsageError("give exactly one of --msme, --offering or --all")
    if fmt == "jsonl" and not all_msmes:
        raise click.UsageError("--format jsonl goes with --all")
    if links and not msme_id:
        raise click.UsageError("--links goes with --msme")
    try:
        if links:
            _print_links(msme_id, min(limit, supply.LINKS_LIMIT_MAX), lang, fmt)
        elif all_msmes:
            _match_all(limit, lang, fmt, output)
        elif msme_id:
            ranking = matching.rank_offerings_for(
                msme_id, limit=limit, include_filtered=include_filtered and fmt is None, lang=lang
            )
            if fmt == "json":
                click.echo(
                    json.dumps(
                        [offering_match_json(m) for m in ranking.matches],
                        ensure_ascii=False,
                        indent=2,
                    )
                )
            else:
                _print_offering_table(ranking, lang)
        else:
            matches = matching.rank_msmes_for(offering_id, limit=limit, lang=lang)
            if fmt == "json":
                click.echo(
                    json.dumps([msme_match_json(m) for m in matches], ensure_ascii=False, indent=2)
                )
            else:
                rows = [
                    (str(i), f"{m.score:.2f}", m.msme_external_id, "; ".join(m.reasons))
                    for i, m in enumerate(matches, start=1)
                ]
                click.echo(_table(rows, ("#", "skor", "UMKM", "alasan")))
    except matching.NotFound as exc:
        raise click.ClickException(str(exc)) from exc


def _print_links(msme_id: str, limit: int, lang: str, fmt: str | None) -> None:
    rows = supply.links_for(msme_id, limit=limit, lang=lang)
    if fmt == "json":
        click.echo(
            json.dumps([supply.link_json(r.link) for r in rows], ensure_ascii=False, indent=2)
        )
        return
    table = [
        (
            r.link.direction,
            f"{r.link.score:.2f}",
            r.link.msme_external_id,
            supply.link_json(r.link)["commodity"],
            "; ".join(r.link.reasons),
        )
        for r in rows
    ]
    click.echo(_table(table, ("arah", "skor", "UMKM", "komoditas", "alasan")))


@click.command("pool")
@with_appcontext
@click.option("--offering", "offering_id", required=True, metavar="EXTERNAL_ID")
@click.option("--limit", default=3, show_default=True, type=click.IntRange(1, 10))
@click.option("--format", "fmt", type=click.Choice(["json"]), help="JSON; a table without it.")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
def pool_command(offering_id, limit, fmt, lang):
    """Propose groups of MSMEs that together meet an offering's volume."""
    try:
        proposal = supply.pools_for(offering_id, limit=limit)
    except (matching.NotFound, supply.NoVolume) as exc:
        raise click.ClickException(str(exc)) from exc
    groups = [supply.pool_json(p, proposal.offering, lang) for p in proposal.pools]
    if fmt == "json":
        click.echo(json.dumps(groups, ensure_ascii=False, indent=2))
        return
    if not groups:
        click.echo(f"No group covers the volume ({proposal.candidates} candidates).")
    for rank, group in enumerate(groups, start=1):
        members = ", ".join(
            f"{m['msme_external_id']} {m['quantity']:g} {m['unit']}" for m in group["members"]
        )
        click.echo(f"{rank}. covers {group['covers']:.2f}, {group['max_km']:g} km: {members}")
        for reason in group["reasons"]:
            click.echo(f"      - {reason}")


def _match_all(limit: int, lang: str, fmt: str | None, output) -> None:
    profiles = matching.all_msme_profiles()
    matcher = matching.cache.get()
    results = matcher.rank_many(profiles, limit=limit, lang=lang)
    # The bar goes to stderr, and click shows it only on a terminal.
    with click.progressbar(
        results, length=len(profiles), file=sys.stderr, label="Ranking MSMEs"
    ) as bar:
        for msme, matches in bar:
            if fmt == "jsonl" or fmt == "json":
                line = {
                    "msme_external_id": msme.external_id,
                    "matches": [offering_match_json(m) for m in matches],
                }
                output.write(json.dumps(line, ensure_ascii=False) + "\n")
            else:
                best = matches[0].offering_external_id if matches else "-"
                output.write(f"{msme.external_id}\t{len(matches)}\t{best}\n")


@click.command("refresh-matches")
@with_appcontext
@click.option(
    "--lang",
    "langs",
    type=click.Choice(["id", "en"]),
    multiple=True,
    help="Language(s) of the reasons to store (default both).",
)
def refresh_matches_command(langs) -> None:
    """Precompute every MSME's top offerings into the match table (the nightly job)."""
    langs = tuple(dict.fromkeys(langs)) or ("id", "en")
    total = db.session.scalar(select(func.count()).select_from(Msme)) * len(langs)
    started = time.perf_counter()
    with click.progressbar(length=total, file=sys.stderr, label="Ranking MSMEs") as bar:
        written = matching.refresh_match_cache(langs=langs, progress=bar.update)
    click.echo(
        f"Stored the top {match_cache.DEPTH} offerings of {written // len(langs)} MSMEs "
        f"in {', '.join(langs)} ({time.perf_counter() - started:.1f} s)."
    )


@click.command("learn-weights")
@with_appcontext
@click.option("--seed", default=0, show_default=True, help="Seed of the held-out split.")
def learn_weights_command(seed: int) -> None:
    """Fit the ranking weights on recorded introduction outcomes; adopt them only if better."""
    with command_unit() as unit:
        report = learning.learn_from_outcomes(seed=seed)
        unit.dry_run = not report.adopted  # weights that are no better are not kept
    for line in report.lines:
        click.echo(line)
