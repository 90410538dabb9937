"""A real SMTP server on a free local port (aiosmtpd), for the delivery tests."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email import policy


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def local_smtp(delay: float = 0.0) -> Iterator[tuple[str, list[email.message.EmailMessage]]]:
    """Yield the server's ``MAIL_URL`` and the list of messages it received;
    ``delay`` seconds per message let several workers overlap."""
    from aiosmtpd.controller import Controller

    received: list[email.message.EmailMessage] = []
    lock = threading.Lock()

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            if delay:
                await asyncio.sleep(delay)
            with lock:
                received.append(email.message_from_bytes(envelope.content, policy=policy.default))
            return "250 OK"

    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{port}", received
    finally:
        controller.stop()
