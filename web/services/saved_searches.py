"""Saved searches: a consultant saves an MSME search or a partner-directory
search, a partner the suggested MSMEs of one of its offerings, and each is told
of new results by a daily job (``follow_through.saved_search_alerts``).

A search is stored as the page's own filters (an allow-list per kind, each
value bounded), so the alert links back to the same page with the same query,
and new results are found with the page's own query (``queries``) limited to
records added since the search was last checked.
"""

from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from matcher import codes

from ..extensions import db
from ..models import SavedSearch, User, utcnow
from . import matching, notifications, queries
from .errors import DomainError

# kind -> (roles that may save it, the filters it keeps, the page it is run on)
KINDS = {
    "msmes": (("consultant", "admin"), ("q", "regency"), "consultant.msmes"),
    "partners": (
        ("consultant", "admin"),
        ("q", "field", "commodity", "regency", "type"),
        "consultant.partners",
    ),
    "suggestions": (("partner",), ("offering",), "partner.offering_suggestions"),
}
PER_USER = 20
NAME_MAX = 100
VALUE_MAX = 200
ALERT_LINES = 10


class SavedSearchError(DomainError, ValueError):
    """A search that cannot be saved; the message says why."""


def searches_of(user: User) -> list[SavedSearch]:
    return list(
        db.session.scalars(
            select(SavedSearch)
            .where(SavedSearch.user_id == user.id)
            .order_by(SavedSearch.created_at, SavedSearch.id)
        )
    )


def save(user: User, kind: str, filters: dict, name: str = "") -> SavedSearch:
    """Save a search of ``kind`` with the page's ``filters`` (unknown keys dropped)."""
    if kind not in KINDS:
        raise SavedSearchError(_l("Jenis pencarian tidak dikenal."))
    roles, keys, _ = KINDS[kind]
    if user.role not in roles:
        raise SavedSearchError(_l("Peran Anda tidak dapat menyimpan pencarian ini."))
    query = {k: str(filters.get(k) or "").strip() for k in keys}
    query = {k: v for k, v in query.items() if v}
    if any(len(v) > VALUE_MAX for v in query.values()):
        raise SavedSearchError(_l("Isian pencarian paling panjang %(n)s karakter.", n=VALUE_MAX))
    if kind == "suggestions":
        offering = _own_offering(user, query.get("offering", ""))
        name = name or offering.title
    if not query and kind != "suggestions":
        raise SavedSearchError(_l("Isi dulu kata atau saringan pencarian yang ingin disimpan."))
    name = (name or "").strip() or ", ".join(query.values())
    if any(s.kind == kind and s.query == query for s in searches_of(user)):
        raise SavedSearchError(_l("Pencarian ini sudah tersimpan."))
    count = db.session.scalar(
        select(func.count()).select_from(SavedSearch).where(SavedSearch.user_id == user.id)
    )
    if count >= PER_USER:
        raise SavedSearchError(
            _l("Paling banyak %(n)s pencarian tersimpan; hapus yang tidak dipakai.", n=PER_USER)
        )
    search = SavedSearch(user_id=user.id, kind=kind, name=name[:NAME_MAX], query=query)
    db.session.add(search)
    return search


def delete(user: User, search_id: int) -> None:
    search = db.session.get(SavedSearch, search_id)
    if search is None or search.user_id != user.id:
        raise SavedSearchError(_l("Pencarian tersimpan itu tidak ada."), code="not_found")
    db.session.delete(search)


def _own_offering(user: User, external_id: str):
    try:
        offering = matching.get_offering(external_id)
    except matching.NotFound:
        offering = None
    if offering is None or offering.partner_id != user.partner_id:
        raise SavedSearchError(_l("Layanan itu tidak ada."), code="not_found")
    return offering


def link(search: SavedSearch) -> tuple[str, dict]:
    """The page of a saved search and its arguments (the filters as its query)."""
    endpoint = KINDS[search.kind][2]
    if search.kind == "suggestions":
        return endpoint, {"external_id": search.query.get("offering", "")}
    return endpoint, dict(search.query)


def new_results(search: SavedSearch, since: dt.datetime) -> list[str]:
    """What the search finds now that was added after ``since``, as words its
    owner may read: MSME or partner names for staff; for a partner, only where
    each new fitting MSME is (never who)."""
    q = search.query
    if search.kind == "msmes":
        rows = db.session.scalars(
            queries.msme_search(q.get("q", ""), q.get("regency", ""), since=since).limit(100)
        )
        return [m.name for m in rows]
    if search.kind == "partners":
        rows = db.session.scalars(
            queries.partner_search(
                q.get("q", ""),
                q.get("field", ""),
                q.get("commodity", ""),
                q.get("regency", ""),
                q.get("type", ""),
                since=since,
            ).limit(100)
        )
        return [p.name for p in rows]
    from ..models import Msme

    fits, _ = matching.fitting_msmes_for(q.get("offering", ""), limit=matching.FIT_BOUND)
    added = dict(
        db.session.execute(
            select(Msme.external_id, Msme.regency).where(
                Msme.external_id.in_([m.msme_external_id for m in fits]),
                Msme.created_at > since,
            )
        ).all()
    )
    return [
        codes.region_name(added[m.msme_external_id]) for m in fits if m.msme_external_id in added
    ]


def alert_all(now: dt.datetime | None = None) -> int:
    """Tell every owner of a saved search with new results; returns how many were told."""
    now = now or utcnow()
    told = 0
    for search in db.session.scalars(select(SavedSearch).order_by(SavedSearch.id)).all():
        user = db.session.get(User, search.user_id)
        since = search.checked_at
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.UTC)
        try:
            found = new_results(search, since) if user.active else []
        except matching.NotFound:  # the offering is gone
            found = []
        search.checked_at = now
        if not found:
            continue
        notifications.notify(
            user,
            "saved_search_results",
            {"name": search.name, "count": len(found), "lines": found[:ALERT_LINES]},
            *link(search),
        )
        told += 1
    return told
