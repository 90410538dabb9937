"""Where a redirect built from user input may go: a path on this site only."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A local path: "/" then no second "/" or "\" (browsers read "/\host" as
# "//host"), and nothing a Location header cannot carry (CR, LF, other
# controls, spaces) or that would make it a different URL.
_LOCAL = re.compile(r"^/(?![/\\])[\x21-\x7e]*$")


def safe_target(target: str | None) -> str | None:
    """``target`` when it is a path on this site, else ``None``."""
    if not target or len(target) > 2000 or not _LOCAL.match(target) or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
