"""Command-line interface: ``flask --app wsgi COMMAND``.

These commands are a contract other tools rely on; their names, options and
exit codes change only with care. Each command is one unit of work
(``web.edge.command_unit``): it commits once when everything succeeded and
rolls back otherwise.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import func, select

from .edge import command_unit
from .extensions import db
from .models import ROLES, Msme
from .services import accounts, spreadsheets
from .services.exchange import DocumentRejected
from .services.exporter import export_document
from .services.importer import ImportSummary, import_document
from .services.page_import import read_document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _import(path: Path, label: str, effective_date=None) -> ImportSummary:
    """Import ``path`` inside the command's unit of work; a rejected document is
    reported and ends the command with exit status 1 (nothing is kept)."""
    try:
        document = read_document(path)
        try:
            summary = import_document(document, actor_label=label, effective_date=effective_date)
        except DocumentRejected as exc:
            if isinstance(document, spreadsheets.TabularDocument):
                raise document.translate(exc) from exc
            raise
    except DocumentRejected as exc:
        click.echo(f"Import of {path} rejected.\n{exc.report()}", err=True)
        sys.exit(1)
    return summary


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or upgrade the database schema (safe to run again)."""
    from .migrate import upgrade

    upgrade()
    click.echo("Database schema is up to date.")
    _report_bad_ids()


def _report_bad_ids() -> None:
    """Name every stored id that today's rules refuse, and the command that fixes them."""
    from .services.identifiers import find_bad_ids

    bad = find_bad_ids()
    if not bad:
        return
    click.echo(
        f"{len(bad)} stored id(s) break the id rules (letters, digits, '-', '_', '.'; "
        f"1-64 characters; partner and offering ids not starting with 'UMKM-'; an "
        f"offering's id not starting with another partner's id):",
        err=True,
    )
    for item in bad:
        click.echo(f"  - {item}", err=True)
    click.echo(
        "Rename them to valid ids (audited, deterministic) with:\n  flask --app wsgi fix-ids",
        err=True,
    )


@click.command("fix-ids")
@with_appcontext
@click.option("--dry-run", is_flag=True, help="Show the renames without saving them.")
def fix_ids_command(dry_run: bool) -> None:
    """Rename stored ids that break the id rules to valid ones (see init-db's report)."""
    from .services.identifiers import fix_bad_ids

    with command_unit(dry_run=dry_run):
        renamed = fix_bad_ids()
    for kind, old, new in renamed:
        click.echo(f"{kind} {old!r} -> {new!r}")
    if dry_run:
        click.echo(f"{len(renamed)} id(s) would be renamed; nothing was saved.")
        return
    click.echo(f"{len(renamed)} id(s) renamed." if renamed else "Every id is valid.")


@click.command("import")
@with_appcontext
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date from which changed MSME figures take effect in their growth history "
    "(YYYY-MM-DD; default today).",
)
def import_command(path: Path, as_of) -> None:
    """Import an exchange-format JSON file, an XLSX workbook, or CSV templates."""
    with command_unit():
        summary = _import(path, f"cli:import {path.name}", as_of.date() if as_of else None)
    click.echo(f"Imported {path}: {summary}")


@click.command("export")
@with_appcontext
@click.argument("target", metavar="PATH", type=click.Path(allow_dash=True))
def export_command(target: str) -> None:
    """Write every MSME and partner: exchange-format JSON (``-`` for stdout), an XLSX
    workbook when PATH ends in .xlsx, or CSV files when PATH is a folder."""
    from .services import spreadsheet_export

    document = export_document()
    path = Path(target)
    if path.suffix.lower() == ".xlsx":
        spreadsheet_export.write_xlsx(document, path)
        click.echo(f"Exported to {path}.", err=True)
        return
    if path.is_dir() or target.endswith(("/", "\\")):
        spreadsheet_export.write_csv(document, path)
        click.echo(f"Exported CSV files to {path}.", err=True)
        return
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if target == "-":
        click.echo(text, nl=False)
        return
    path.write_text(text, encoding="utf-8")
    click.echo(f"Exported to {path}.", err=True)


@click.command("seed")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Only seed a database without MSMEs.")
def seed_command(if_empty: bool) -> None:
    """Load the demo data and demo accounts from seeds/ (idempotent)."""
    if if_empty and db.session.scalar(select(func.count()).select_from(Msme)):
        click.echo("Database already holds data; not seeding.")
        return
    from .services import demo_history

    entries = json.loads((SEEDS / "accounts.json").read_text(encoding="utf-8"))
    history = json.loads((SEEDS / "history.json").read_text(encoding="utf-8"))
    with command_unit():
        fresh = not demo_history.loaded()
        if fresh:  # the earlier profiles first, each as of its date
            grown = demo_history.load_profiles(history, read_document(SEEDS / "demo.json"))
        summary = _import(SEEDS / "demo.json", "seed")
        created = accounts.ensure_demo_accounts(entries)
        if fresh:
            db.session.flush()
            counts = demo_history.load_activity(history)
    click.echo(f"Imported {SEEDS / 'demo.json'}: {summary}")
    click.echo(f"Demo accounts: {created} created, {len(entries) - created} already there.")
    if fresh:
        click.echo(demo_history.summary(counts, grown))


@click.command("create-user")
@with_appcontext
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--email", required=True)
@click.option("--name", default="")
@click.option(
    "--partner",
    "partner_id",
    metavar="EXTERNAL_ID",
    help="The partner organisation (role partner).",
)
@click.option("--msme", "msme_id", metavar="EXTERNAL_ID", help="The MSME (role msme).")
@click.password_option("--password", prompt=True, confirmation_prompt=True)
def create_user_command(
    role: str, email: str, name: str, partner_id: str | None, msme_id: str | None, password: str
) -> None:
    """Create a user account."""
    with command_unit():
        user = accounts.create_user(
            role=role,
            email=email,
            password=password,
            name=name,
            partner_external_id=partner_id,
            msme_external_id=msme_id,
        )
    click.echo(f"Created {user.role} account {user.email}.")


@click.command("issue-token")
@with_appcontext
@click.option("--email", required=True, help="The account the token acts for.")
@click.option("--name", default="command line", show_default=True, help="A label for the token.")
def issue_token_command(email: str, name: str) -> None:
    """Create a personal API token for an account and print it (it is shown only once)."""
    from .services import api_tokens

    user = accounts.find_user(email)
    if user is None or not user.active:
        raise click.ClickException(f"no active account for {email}")
    with command_unit():
        _, raw = api_tokens.issue(user, name)
    click.echo(raw)


@click.command("templates")
@with_appcontext
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def templates_command(folder: Path) -> None:
    """Write the CSV and XLSX spreadsheet templates, with example rows, into FOLDER."""
    for path in spreadsheets.write_templates(folder):
        click.echo(f"Wrote {path}")


@click.command("approve-partner")
@with_appcontext
@click.argument("external_id")
def approve_partner_command(external_id: str) -> None:
    """Approve a self-registered partner so that its offerings are matched."""
    from .services import partners

    with command_unit():
        changed = partners.approve_by_external_id(external_id, actor_label="cli:approve-partner")
    click.echo(
        f"Partner {external_id} approved."
        if changed
        else f"Partner {external_id} was already approved."
    )


def register(app: Flask) -> None:
    from .cli_matching import (
        learn_weights_command,
        match_command,
        pool_command,
        refresh_matches_command,
    )
    from .worker import worker_command

    for command in (
        init_db_command,
        fix_ids_command,
        import_command,
        export_command,
        seed_command,
        create_user_command,
        issue_token_command,
        templates_command,
        match_command,
        pool_command,
        learn_weights_command,
        refresh_matches_command,
        approve_partner_command,
        worker_command,
        report_command,
    ):
        app.cli.add_command(command)


@click.command("report")
@with_appcontext
@click.option("--quarter", required=True, help="The quarter, like 2026-Q3.")
@click.option("--lang", type=click.Choice(["id", "en"]), default="id", show_default=True)
@click.option(
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the report: .xlsx or .pdf.",
)
def report_command(quarter: str, lang: str, output: Path) -> None:
    """Write the quarterly programme report (the dashboard's figures) as XLSX or PDF."""
    from .services import monitoring, report

    suffix = output.suffix.lower()
    if suffix not in report.FORMATS:
        raise click.UsageError(
            f"--output {output}: the report is written as .xlsx or .pdf, "
            f"not {suffix or 'no extension'!r}",
        )
    try:
        figures = report.figures_for(quarter, lang)
    except monitoring.BadPeriod as exc:
        raise click.UsageError(f"--quarter: {exc}") from exc
    output.write_bytes(report.render(figures, suffix, lang))
    click.echo(f"Wrote the {quarter} report to {output}.", err=True)
