"""Role checks for views. Object-level checks live next to the objects' services."""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user, login_required

STAFF = ("consultant", "admin")


def role_required(*roles: str):
    """Allow only logged-in users with one of ``roles``; others get 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
