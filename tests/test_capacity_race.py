"""Two acceptances racing for the last place of an offering: exactly one wins.

Each contender runs in its own thread with its own database connection and
transaction; a barrier releases them together just before they accept.
"""

from __future__ import annotations

import threading

from sqlalchemy import select

from web.extensions import db
from web.models import Introduction, Offering, User
from web.services import introductions


def test_two_acceptances_of_the_last_place_never_both_succeed(app, world, login_as):
    consultant = login_as("consultant")
    consultant.post("/consultant/msmes/M-A/introduce/P-A-1", data={"message": "A"})
    consultant.post("/consultant/msmes/M-B/introduce/P-A-1", data={"message": "B"})
    with app.app_context():
        ids = list(db.session.scalars(select(Introduction.id).order_by(Introduction.id)))
        assert (
            db.session.scalar(select(Offering.capacity).where(Offering.external_id == "P-A-1")) == 1
        )
    barrier = threading.Barrier(2)
    outcomes: dict[int, str] = {}

    def accept(intro_id: int) -> None:
        with app.app_context():
            partner = db.session.scalar(select(User).where(User.email == world["partner_a"]))
            intro = db.session.get(Introduction, intro_id)
            barrier.wait(timeout=10)
            try:
                introductions.advance(intro, "accepted", partner, note="race")
                db.session.commit()
                outcomes[intro_id] = "won"
            except introductions.IntroductionError:
                db.session.rollback()
                outcomes[intro_id] = "full"
            except Exception as exc:  # a lock timeout would be a failure of the design
                db.session.rollback()
                outcomes[intro_id] = f"error: {exc!r}"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=accept, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes.values()) == ["full", "won"], outcomes
    with app.app_context():
        assert (
            db.session.scalar(select(Offering.capacity).where(Offering.external_id == "P-A-1")) == 0
        )
        accepted = db.session.scalars(
            select(Introduction).where(Introduction.status == "accepted")
        ).all()
        assert len(accepted) == 1 and accepted[0].accepted_at is not None


def test_two_first_steps_of_one_msme_at_once_both_count(app, world, login_as):
    """The MSME's first two introductions, started at the same moment in two
    transactions: both are kept, and its progress holds one row with the earlier
    first step (an upsert, not a read-then-insert that one of them would lose)."""
    from web.models import Msme, MsmeProgress

    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def start(offering_id: str) -> None:
        with app.app_context():
            consultant = db.session.scalar(select(User).where(User.email == world["consultant"]))
            msme = db.session.scalar(select(Msme).where(Msme.external_id == "M-A"))
            offering = db.session.scalar(
                select(Offering).where(Offering.external_id == offering_id)
            )
            barrier.wait(timeout=10)
            try:
                introductions.start(msme, offering, consultant, "bersamaan")
                db.session.commit()
                outcomes[offering_id] = "ok"
            except Exception as exc:  # a key collision would be the failure
                db.session.rollback()
                outcomes[offering_id] = f"error: {exc!r}"
            finally:
                db.session.remove()

    threads = [threading.Thread(target=start, args=(o,)) for o in ("P-A-1", "P-B-1")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes == {"P-A-1": "ok", "P-B-1": "ok"}, outcomes
    with app.app_context():
        msme_id = db.session.scalar(select(Msme.id).where(Msme.external_id == "M-A"))
        rows = db.session.scalars(select(MsmeProgress).where(MsmeProgress.msme_id == msme_id)).all()
        firsts = db.session.scalars(
            select(Introduction.created_at).where(Introduction.msme_id == msme_id)
        ).all()
    assert len(rows) == 1 and len(firsts) == 2
    assert rows[0].first_step_at is not None
