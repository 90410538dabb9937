"""Jejaring web service: the Flask application factory."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from . import config, i18n
from .extensions import babel, csrf, db, login_manager


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the Jejaring app.

    ``test_config`` overrides settings read from the environment (tests pass
    ``SQLALCHEMY_DATABASE_URI`` and ``TESTING``).
    """
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=os.environ.get("JEJARING_INSTANCE_PATH") or None,
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(
        config.from_environment(
            app.instance_path, generate_secret=not (test_config and "SECRET_KEY" in test_config)
        )
    )
    if test_config:
        app.config.from_mapping(test_config)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # A file, not a server: no pooled connection can go stale, so no
        # round trip to check one at every checkout.
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = dict(
            app.config["SQLALCHEMY_ENGINE_OPTIONS"], pool_pre_ping=False
        )

    from . import security

    db.init_app(app)
    security.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.register(app)

    from . import api, cli
    from .account import searches, twofactor  # noqa: F401 - routes on account.bp
    from .account.views import bp as account_bp
    from .admin.views import bp as admin_bp
    from .auth.views import bp as auth_bp
    from .consultant import directory, introductions, outcomes, programme  # noqa: F401 - consultant.bp
    from .consultant.views import bp as consultant_bp
    from .main.views import bp as main_bp
    from .msme.views import bp as msme_bp
    from .notifications.views import bp as notifications_bp
    from .partner.views import bp as partner_bp
    from .personal.views import bp as personal_bp

    for blueprint in (
        main_bp,
        auth_bp,
        consultant_bp,
        partner_bp,
        msme_bp,
        personal_bp,
        admin_bp,
        account_bp,
        notifications_bp,
    ):
        app.register_blueprint(blueprint)
    api.init_app(app)  # the JSON API: its blueprint, JSON errors, CSRF exemption
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    cli.register(app)
    from .services import (
        delivery,  # noqa: F401 - registers the digest jobs
        follow_through,  # noqa: F401 - registers the periodic jobs
    )
    from .services.notifications import unread_count

    @app.context_processor
    def _notification_count() -> dict:
        from flask_login import current_user

        def unread() -> int:
            return unread_count(current_user) if current_user.is_authenticated else 0

        return {"unread_notifications": unread}

    return app


@event.listens_for(Engine, "connect")
def _sqlite_foreign_keys(dbapi_connection, connection_record) -> None:
    # SQLite enforces foreign keys only when asked, per connection.
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
