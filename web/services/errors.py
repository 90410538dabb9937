"""The one base class of the errors services raise when a step is not allowed.

A service validates, changes and audits, or raises one ``DomainError`` and
leaves the session for the edge to roll back. The edge (``web.edge`` for
pages and commands, the API's operation wrapper) turns it into the page's
message, the API's error shape or the command's error; nothing a service
wrote before raising is kept.

The message may be a lazy string (``lazy_gettext``): it is rendered where it
is shown, in the reader's language on a page and in English in the API.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A step the rules do not allow; ``str()`` is the message for the user.

    ``code`` is the API's machine-readable error code (409 Conflict unless
    ``status`` says otherwise).
    """

    code = "conflict"
    status = 409

    def __init__(self, message: Any, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return str(self.message)
