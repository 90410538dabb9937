"""How many e-mails per second one worker delivers to a local SMTP server.

    .venv/bin/python -m bench.mail                      # 2,000 messages, SQLite
    .venv/bin/python -m bench.mail --messages 5000 --database postgresql+psycopg://…

Fills the outbox with pending notifications for 50 users, starts an SMTP server
in this process (aiosmtpd, accepting every message), and times one worker pass
(``web.worker.one_pass``: claim in batches, compose the text and HTML parts,
send over one SMTP connection, mark sent, each in its own unit of work). The
server runs in a thread of the same process, so the figure includes its cost too.
A PostgreSQL database given with ``--database`` is emptied first.
"""

from __future__ import annotations

import argparse
import socket
import tempfile
import time
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--database", default="", help="default: a temporary SQLite file")
    args = parser.parse_args()

    from aiosmtpd.controller import Controller
    from sqlalchemy import func, select

    from web import create_app
    from web.edge import transaction
    from web.extensions import db
    from web.models import Notification, User
    from web.services import mail, notifications
    from web.worker import one_pass

    received = 0

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            nonlocal received
            received += 1
            return "250 OK"

    port = _free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    folder = tempfile.mkdtemp(prefix="jejaring-bench-mail-")
    url = args.database or f"sqlite:///{Path(folder) / 'bench.db'}"
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "MAIL_URL": f"smtp://127.0.0.1:{port}",
        }
    )
    try:
        with app.test_request_context("/"):
            if url.startswith("postgresql"):
                db.drop_all()
            db.create_all()
            with transaction():
                users = [
                    User(email=f"user{i}@bench.example", role="partner", password_hash="x")
                    for i in range(50)
                ]
                db.session.add_all(users)
                db.session.flush()
                for n in range(args.messages):
                    notifications.notify(
                        users[n % len(users)],
                        "introduction_proposed_partner",
                        {"offering": f"Layanan nomor {n}", "intro": n},
                        "partner.inbox",
                    )
            transport = mail.transport()
            started = time.perf_counter()
            result = one_pass(transport)
            elapsed = time.perf_counter() - started
            transport.close()
            sent = db.session.scalar(
                select(func.count())
                .select_from(Notification)
                .where(Notification.email_state == "sent")
            )
            dialect = db.session.get_bind().dialect.name
    finally:
        controller.stop()
    assert result.sent == sent == received == args.messages, (result, sent, received)
    print(
        f"{args.messages} messages on {dialect}, one worker, local SMTP server: "
        f"{elapsed:.2f} s, {args.messages / elapsed:.0f} messages/s"
    )


if __name__ == "__main__":
    main()
