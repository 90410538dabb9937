"""Group introductions from a pool proposal (issue 16).

A consultant turns one proposed group into introductions: one per member, all
sharing a ``pool_group`` key, each with its own status. The buyer accepts the
group as a whole or member by member; the group takes one place of the
offering's capacity (``introductions.advance``). Services never commit.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Introduction, Offering, User
from . import introductions, supply
from .errors import DomainError


class PoolIntroductionError(DomainError):
    """A group step the rules do not allow."""


def propose_group(offering: Offering, rank: int, actor: User, lang: str = "id") -> str:
    """Introduce the members of group ``rank`` (1 = best) of the offering's current
    proposal; returns the group's key. The pitch each member's introduction
    carries is built from structured values only (regency, amount)."""
    proposal = supply.pools_for(offering.external_id)
    if not 1 <= rank <= len(proposal.pools):
        raise PoolIntroductionError(_l("Kelompok ini tidak ada lagi; muat ulang halaman."))
    pool = proposal.pools[rank - 1]
    data = supply.pool_json(pool, offering, lang)
    key = secrets.token_hex(8)
    size = len(pool.members)
    for member, row in zip(pool.members, data["members"], strict=True):
        amount = supply.amount_label(row["quantity"], row["unit"], row["period"], lang)
        pitch = str(
            _l(
                "Anggota kelompok pemasok gabungan (%(n)s UMKM) untuk volume Anda: memasok "
                "%(amount)s.",
                n=size,
                amount=amount,
            )
        )
        intro = introductions.start(
            proposal.members[member.external_id], offering, actor, None, pitch
        )
        intro.pool_group = key
    return key


@dataclass(frozen=True)
class Group:
    key: str
    members: list[Introduction]

    @property
    def open(self) -> bool:
        return any(i.status == "proposed" for i in self.members)


def groups_of(offering: Offering) -> list[Group]:
    """The pooled groups introduced for ``offering``, oldest first."""
    rows = db.session.scalars(
        select(Introduction)
        .where(Introduction.offering_id == offering.id, Introduction.pool_group.is_not(None))
        .options(selectinload(Introduction.msme))
        .order_by(Introduction.id)
    )
    groups: dict[str, list[Introduction]] = {}
    for intro in rows:
        groups.setdefault(intro.pool_group, []).append(intro)
    return [Group(key, members) for key, members in groups.items()]


def accept_group(offering: Offering, key: str, actor: User) -> int:
    """The buyer accepts every member of the group still waiting; returns how many."""
    group = next((g for g in groups_of(offering) if g.key == key), None)
    if group is None:
        raise PoolIntroductionError(_l("Kelompok ini tidak ditemukan."))
    accepted = 0
    for intro in group.members:
        if intro.status == "proposed":
            introductions.advance(intro, "accepted", actor)
            accepted += 1
    return accepted
