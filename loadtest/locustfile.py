"""Mixed traffic for Jejaring: consultants browsing pages, MSME owners reading
their suggestions, and API clients asking for matches.

Run through ``loadtest/run.py``, which starts gunicorn on demo data and passes
``JEJARING_API_TOKEN`` (a consultant's API token) and the demo accounts.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, between, task

ROOT = Path(__file__).resolve().parent.parent
ACCOUNTS = json.loads((ROOT / "seeds" / "accounts.json").read_text(encoding="utf-8"))
DEMO = json.loads((ROOT / "seeds" / "demo.json").read_text(encoding="utf-8"))
MSME_IDS = [m["external_id"] for m in DEMO["msmes"]]
OFFERING_IDS = [o["external_id"] for p in DEMO["partners"] for o in p.get("offerings", [])]
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def log_in(user: HttpUser, role: str) -> None:
    account = random.choice([a for a in ACCOUNTS if a["role"] == role])
    page = user.client.get("/login", name="/login")
    token = CSRF.search(page.text).group(1)
    response = user.client.post(
        "/login",
        name="/login [POST]",
        allow_redirects=False,
        data={"email": account["email"], "password": account["password"], "csrf_token": token},
    )
    if response.status_code != 302:
        response.failure(f"login failed with {response.status_code}")


class Consultant(HttpUser):
    """Browses the directory and MSME pages (each MSME page ranks all offerings)."""

    weight = 2
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        log_in(self, "consultant")

    @task(3)
    def msme_page(self) -> None:
        self.client.get(
            f"/consultant/msmes/{random.choice(MSME_IDS)}", name="/consultant/msmes/[id]"
        )

    @task(2)
    def directory(self) -> None:
        field = random.choice(["", "financing", "marketing", "institutional"])
        self.client.get(
            f"/consultant/partners?field={field}&page={random.randint(1, 2)}",
            name="/consultant/partners",
        )

    @task(1)
    def dashboard(self) -> None:
        self.client.get("/consultant/", name="/consultant/")


class MsmeOwner(HttpUser):
    weight = 1
    wait_time = between(1, 3)

    def on_start(self) -> None:
        log_in(self, "msme")

    @task
    def suggestions(self) -> None:
        self.client.get("/msme/suggestions", name="/msme/suggestions")


class ApiClient(HttpUser):
    weight = 2
    wait_time = between(0.2, 1)

    def on_start(self) -> None:
        self.client.headers["Authorization"] = f"Bearer {os.environ['JEJARING_API_TOKEN']}"

    @task(3)
    def msme_matches(self) -> None:
        self.client.get(
            f"/api/v1/msmes/{random.choice(MSME_IDS)}/matches?limit=10",
            name="/api/v1/msmes/[id]/matches",
        )

    @task(1)
    def offering_matches(self) -> None:
        self.client.get(
            f"/api/v1/offerings/{random.choice(OFFERING_IDS)}/matches?limit=10",
            name="/api/v1/offerings/[id]/matches",
        )

    @task(1)
    def msme_list(self) -> None:
        self.client.get(f"/api/v1/msmes?page={random.randint(1, 5)}", name="/api/v1/msmes")
