"""Schema migrations with Alembic, driven from the Flask app."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def upgrade(revision: str = "head") -> None:
    """Create or upgrade the schema of the app's database (inside an app context)."""
    command.upgrade(alembic_config(), revision)


def revision(message: str) -> None:
    """Autogenerate a migration from the difference between models and database."""
    command.revision(alembic_config(), message=message, autogenerate=True)


def check() -> None:
    """Raise when the models and the migrated database differ."""
    command.check(alembic_config())
