"""Alembic environment: runs migrations on the Flask app's database engine."""

from alembic import context
from flask import current_app

from web.extensions import db

config = context.config
target_metadata = db.metadata


def run_migrations_online() -> None:
    connectable = db.engine
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            # SQLite cannot ALTER most things; batch mode recreates tables.
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run 'flask --app wsgi init-db'")
assert current_app, "migrations run inside the Flask app context"
run_migrations_online()
