"""What a partner may see of an MSME before an introduction is accepted.

Until then a partner sees the MSME's regency, sector, scale, commodities and
needs, never its name or contact; free text is scrubbed of the name, the
contact person, phone numbers and e-mail addresses in case the owner wrote
them into a description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Msme

_PHONE = re.compile(r"(\+?62|0)[\d\s().-]{7,16}\d")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
HIDDEN = "[…]"


def redact(text: str | None, msme: Msme) -> str:
    """``text`` with the MSME's name, contact person, phones and e-mails hidden."""
    if not text:
        return ""
    result = _EMAIL.sub(HIDDEN, text)
    result = _PHONE.sub(HIDDEN, result)
    for secret in (msme.name, msme.contact_person):
        if secret and len(secret.strip()) >= 3:
            result = re.sub(re.escape(secret.strip()), HIDDEN, result, flags=re.IGNORECASE)
    return result


@dataclass(frozen=True)
class AnonymousMsme:
    """An MSME as shown to a partner before acceptance."""

    regency: str
    sector: str | None
    scale: str | None
    commodities: tuple[str, ...]
    needs: tuple[tuple[str, int, str], ...]  # (field, priority, redacted description)


def anonymous(msme: Msme) -> AnonymousMsme:
    return AnonymousMsme(
        regency=msme.regency, sector=msme.sector, scale=msme.scale,
        commodities=tuple(msme.commodities or ()),
        needs=tuple((n.field, n.priority, redact(n.description, msme)) for n in msme.needs))
