"""Introductions: a consultant proposes one, an MSME asks for one for itself,
a partner answers, and staff follow it to an outcome (the status flow and its
role rules are ``web.services.introductions``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import Introduction, Msme, Offering
from ..services import introductions as intro_service
from ..services import matching
from .access import introduction_for, introductions_visible_to, is_staff, own_msme_id
from .errors import ApiError, invalid
from .present import introduction_out
from .registry import EVERYONE, STAFF, Call, operation, paginate
from .schemas import Introduction as IntroductionModel
from .schemas import IntroductionCreate, IntroductionListQuery, StatusChange, page_of

IntroductionPage = page_of(IntroductionModel, "IntroductionPage")


@operation(
    "GET",
    "/introductions",
    summary="List introductions",
    tag="introductions",
    roles=EVERYONE,
    query=IntroductionListQuery,
    response=IntroductionPage,
    errors=(403,),
)
def list_introductions(call: Call):
    """Staff see all; a partner those on its offerings; an MSME its own. Ordered by id."""
    query = (
        select(Introduction)
        .options(
            selectinload(Introduction.msme).selectinload(Msme.needs),
            selectinload(Introduction.offering).selectinload(Offering.partner),
            selectinload(Introduction.events),
        )
        .order_by(Introduction.id)
    )
    query = introductions_visible_to(call.user, query)
    if call.query.status:
        query = query.where(Introduction.status == call.query.status)
    return paginate(query, call.query, lambda intro: introduction_out(intro, call.user))


def _msme_of_request(call: Call) -> Msme:
    wanted = call.body.msme_external_id
    if is_staff(call.user):
        if wanted is None:
            raise invalid([("msme_external_id", "is required")])
    else:
        own = db.session.get(Msme, own_msme_id(call.user))
        wanted = wanted or own.external_id
    msme = db.session.scalar(select(Msme).where(Msme.external_id == wanted))
    if msme is None or (not is_staff(call.user) and msme.id != own_msme_id(call.user)):
        # the same answer for another MSME as for none, so ids cannot be probed
        raise invalid([("msme_external_id", "no such MSME that you may act for")])
    return msme


@operation(
    "POST",
    "/introductions",
    summary="Propose or request an introduction",
    tag="introductions",
    roles=(*STAFF, "msme"),
    body=IntroductionCreate,
    response=IntroductionModel,
    status=201,
    errors=(409,),
)
def create_introduction(call: Call):
    """A consultant proposes an introduction (status ``proposed``); an MSME asks
    for one for itself (status ``requested``), only for an offering the
    matcher finds it eligible for. An introduction between the same MSME and
    offering that already exists, or an offering that is closed or whose
    partner awaits approval, answers 409. ``pitch`` (consultants only) is what
    the partner reads about the MSME until it accepts: a short summary without
    the MSME's name or contact; the partner never sees ``message`` before."""
    msme = _msme_of_request(call)
    if call.body.pitch and not is_staff(call.user):
        raise invalid([("pitch", "only a consultant writes the pitch for the partner")])
    offering = db.session.scalar(
        select(Offering).where(Offering.external_id == call.body.offering_external_id)
    )
    if offering is None:
        raise invalid([("offering_external_id", "no such offering")])
    if intro_service.existing(msme, offering) is not None:
        raise ApiError(
            409, "conflict", "An introduction between this MSME and this offering already exists."
        )
    if offering.closed or not offering.partner.approved:
        raise ApiError(409, "conflict", "This offering does not take introductions now.")
    if call.user.role == "msme" and not matching.is_eligible(msme, offering.external_id):
        raise invalid(
            [
                (
                    "offering_external_id",
                    "this offering's region, requirements, "
                    "capacity or validity do not fit the MSME now",
                )
            ]
        )
    intro = intro_service.start(msme, offering, call.user, call.body.message, pitch=call.body.pitch)
    db.session.flush()  # ids and times for the answer
    return introduction_out(intro, call.user)


@operation(
    "GET",
    "/introductions/<int:intro_id>",
    summary="Read an introduction",
    tag="introductions",
    roles=EVERYONE,
    response=IntroductionModel,
    errors=(403,),
)
def read_introduction(call: Call, intro_id: int):
    """The introduction with its history, as the caller may see it."""
    return introduction_out(introduction_for(call.user, intro_id), call.user)


@operation(
    "POST",
    "/introductions/<int:intro_id>/status",
    summary="Change the status",
    tag="introductions",
    roles=(*STAFF, "partner"),
    body=StatusChange,
    response=IntroductionModel,
    errors=(409,),
)
def change_status(call: Call, intro_id: int):
    """Move the introduction on: a partner accepts or declines a proposal (and
    may record a meeting); staff do every step. ``allowed_next`` of the
    introduction lists what the caller may do now; anything else answers 409,
    as does accepting when the offering has no places left. ``agreement``
    needs an ``outcome_kind``. Staff moving a request to ``proposed`` may
    give the ``pitch`` the partner reads until it accepts."""
    intro = introduction_for(call.user, intro_id)
    body = call.body
    allowed = intro_service.allowed_next(intro, call.user)
    if body.status not in allowed:
        raise ApiError(
            409,
            "transition_not_allowed",
            f"The status cannot move from {intro.status!r} to {body.status!r} for your role.",
            {"allowed": allowed},
        )
    if body.status == "agreement" and body.outcome_kind is None:
        raise invalid([("outcome_kind", "is required for the status 'agreement'")])
    if body.pitch and (not is_staff(call.user) or body.status != "proposed"):
        raise invalid([("pitch", "only a consultant writes the pitch, when proposing")])
    # a full offering answers 409 capacity_full (the service's error code)
    intro_service.advance(
        intro,
        body.status,
        call.user,
        note=body.note,
        outcome_kind=body.outcome_kind,
        outcome_value_idr=body.outcome_value_idr,
        pitch=body.pitch,
    )
    db.session.flush()  # ids and times for the answer
    return introduction_out(intro, call.user)
