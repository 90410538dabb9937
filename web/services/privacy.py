"""What a partner may see of an MSME, built from an allow-list.

Before an introduction is accepted, everything a partner sees about an MSME
(on any page, API answer or download) comes from :func:`partner_view`, which
reads only the structured fields in ``PARTNER_FIELDS`` (regency, sector,
scale, legal form, certifications, commodities as taxonomy entries, and each
need's field and priority) plus text a consultant reviewed for the partner:
the introduction's *pitch*. What the MSME typed itself (name, NIB,
description, contact, need descriptions, commodity strings the taxonomy does
not know, its message and its notes) is never read there, so it cannot leak,
however it is spelled. Match reasons for a partner come from the same
structured fields (:func:`matcher.reasons.structured_reasons`).

Notes in an introduction's history are shown to the partner when the partner
itself or a staff member wrote them (:func:`partner_history`); the MSME's own
notes only after acceptance. :func:`redact`, which scrubs the MSME's name,
contact person, phones and e-mails from text, is only a second line over
staff-written text (the pitch, staff notes).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from flask_babel import gettext as _

from matcher import codes
from matcher.commodities import Commodity, default_taxonomy
from matcher.reasons import structured_reasons

from ..i18n import code_label, current_lang, region_label
from ..models import Introduction, Msme, Offering

_PHONE = re.compile(r"(\+?62|0)[\d\s().-]{7,16}\d")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
HIDDEN = "[…]"
STAFF_ROLES = ("consultant", "admin")

# The allow-list: the only MSME attributes partner_view reads. A need is read
# for its field and priority only; commodities only as taxonomy entries.
PARTNER_FIELDS = (
    "regency",
    "sector",
    "scale",
    "legal_form",
    "certifications",
    "commodities",
    "needs",
)
NEED_FIELDS = ("field", "priority")


def redact(text: str | None, msme: Msme) -> str:
    """``text`` with the MSME's name, contact person, phones and e-mails hidden.

    A second line only: text an MSME typed never reaches a partner before
    acceptance at all; this scrubs what staff wrote for the partner."""
    if not text:
        return ""
    result = _EMAIL.sub(HIDDEN, text)
    result = _PHONE.sub(HIDDEN, result)
    for secret in (msme.name, msme.contact_person):
        if secret and len(secret.strip()) >= 3:
            result = re.sub(re.escape(secret.strip()), HIDDEN, result, flags=re.IGNORECASE)
    return result


@dataclass(frozen=True)
class PartnerNeed:
    field: str
    priority: int


@dataclass(frozen=True)
class PartnerView:
    """An MSME as a partner may see it before an introduction is accepted."""

    regency: str
    sector: str | None
    scale: str | None
    legal_form: str | None
    certifications: tuple[str, ...]
    commodities: tuple[Commodity, ...]  # taxonomy entries only
    needs: tuple[PartnerNeed, ...]
    pitch: str | None = None  # reviewed by a consultant, scrubbed again
    reasons: tuple[str, ...] = ()  # from the fields above, if an offering was given

    def commodity_names(self, lang: str = "id") -> list[str]:
        return [c.name_en if lang == "en" and c.name_en else c.name for c in self.commodities]

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        """The API's ``AnonymousProfile``."""
        return {
            "regency": codes.region_name(self.regency) if self.regency else "",
            "regency_code": self.regency,
            "sector": self.sector,
            "scale": self.scale,
            "legal_form": self.legal_form,
            "certifications": list(self.certifications),
            "commodities": self.commodity_names(lang),
            "commodity_keys": [c.key for c in self.commodities],
            "needs": [{"field": n.field, "priority": n.priority} for n in self.needs],
        }


def _offering_facts(offering: Offering):
    """The offering's structured fields for :func:`structured_reasons`."""
    from types import SimpleNamespace

    return SimpleNamespace(
        field=offering.field,
        sectors=tuple(offering.sectors or ()),
        regions=tuple(offering.regions or offering.partner.regions or ()),
    )


def taxonomy_commodities(texts) -> tuple[Commodity, ...]:
    """The taxonomy entries that ``texts`` resolve to; unresolved strings are dropped."""
    found = default_taxonomy().resolve_all(t for t in (texts or ()) if t)
    return tuple(dict.fromkeys(m.commodity for m in found))


def partner_view(
    msme: Msme, *, offering: Offering | None = None, pitch: str | None = None, lang: str = "id"
) -> PartnerView:
    """THE function for what a partner may see of ``msme`` before acceptance.

    Reads only ``PARTNER_FIELDS`` of the MSME (and ``NEED_FIELDS`` of its
    needs). ``pitch`` is the consultant-reviewed summary of an introduction;
    ``offering``, when given, adds match reasons built from the same fields.
    """
    values = {name: getattr(msme, name) for name in PARTNER_FIELDS}
    needs = tuple(
        PartnerNeed(**{k: getattr(n, k) for k in NEED_FIELDS}) for n in values["needs"] or ()
    )
    view = PartnerView(
        regency=values["regency"],
        sector=values["sector"],
        scale=values["scale"],
        legal_form=values["legal_form"],
        certifications=tuple(values["certifications"] or ()),
        commodities=taxonomy_commodities(values["commodities"]),
        needs=needs,
    )
    reasons: tuple[str, ...] = ()
    if offering is not None:
        reasons = tuple(
            structured_reasons(
                view,
                _offering_facts(offering),
                view.commodities,
                taxonomy_commodities(offering.commodities),
                lang,
            )
        )
    return replace(view, reasons=reasons, pitch=redact(pitch, msme) or None if pitch else None)


@dataclass(frozen=True)
class HistoryEntry:
    status: str
    at: dt.datetime
    note: str | None


def partner_history(intro: Introduction, partner_id: int) -> list[HistoryEntry]:
    """The introduction's history as its partner may read it: every step, with
    notes by staff (scrubbed again) and by the partner itself; the MSME's
    notes, and notes whose author is gone, only once the partner accepted."""
    accepted = intro.accepted_at is not None
    out = []
    for event in intro.events:
        note = event.note
        if note and not accepted:
            actor = event.actor
            if actor is not None and actor.role in STAFF_ROLES:
                note = redact(note, intro.msme)
            elif not (
                actor is not None and actor.role == "partner" and actor.partner_id == partner_id
            ):
                note = None
        out.append(HistoryEntry(event.status, event.created_at, note or None))
    return out


@dataclass(frozen=True)
class PartnerIntroduction:
    """An introduction as its partner sees it: identity, contact and the MSME's
    own message only after acceptance, the allow-listed view always."""

    intro: Introduction
    accepted: bool
    view: PartnerView
    history: list[HistoryEntry]
    msme: Msme | None  # the MSME itself, after acceptance only
    message: str | None  # the MSME's or requester's message, after acceptance only


def partner_introduction(
    intro: Introduction, partner_id: int, lang: str = "id"
) -> PartnerIntroduction:
    accepted = intro.accepted_at is not None
    return PartnerIntroduction(
        intro=intro,
        accepted=accepted,
        view=partner_view(intro.msme, offering=intro.offering, pitch=intro.pitch, lang=lang),
        history=partner_history(intro, partner_id),
        msme=intro.msme if accepted else None,
        message=intro.message if accepted else None,
    )


def draft_pitch(msme: Msme) -> str:
    """A first pitch for a consultant to edit, in the reader's language, from
    the allow-listed fields only."""
    lang = current_lang()
    view = partner_view(msme, lang=lang)
    parts = [
        _(
            "Usaha %(sector)s skala %(scale)s di %(place)s.",
            sector=code_label(view.sector, "sector") or "-",
            scale=code_label(view.scale, "scale") or "-",
            place=region_label(view.regency) or "-",
        )
    ]
    if view.commodities:
        parts.append(_("Komoditas: %(names)s.", names=", ".join(view.commodity_names(lang))))
    if view.needs:
        parts.append(
            _(
                "Kebutuhan: %(fields)s.",
                fields=", ".join(
                    code_label(n.field, "field")
                    for n in sorted(view.needs, key=lambda n: n.priority)
                ),
            )
        )
    return " ".join(parts)
