"""The admin reads the audit log: who changed what, when, before and after."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser


class _Table(HTMLParser):
    """The audit table's body rows: the text of each cell, and of each change."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list] = []
        self._in_body = False
        self._cell: list[str] | None = None
        self._item: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append([])
        elif self._in_body and tag == "td":
            self._cell, self._changes = [], []
        elif self._cell is not None and tag == "li":
            self._item = []

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_body = False
        elif tag == "li" and self._item is not None:
            self._changes.append("".join(self._item).strip())
            self._item = None
        elif tag == "td" and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            self.rows[-1].append(self._changes if self._changes else text)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._item is not None:
            self._item.append(data)


def audit_rows(client, query: str = "") -> list[dict]:
    """The audit page's entries as the admin reads them, newest first."""
    response = client.get(f"/admin/audit{query}")
    assert response.status_code == 200
    table = _Table()
    table.feed(response.text)
    return [
        {"when": when, "who": who, "action": action, "what": what, "changes": changes}
        for when, who, action, what, changes in table.rows
    ]


def _recent(when: str) -> bool:
    """Whether a shown time (UTC, to the minute) is this test's."""
    shown = dt.datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=dt.UTC)
    return abs(dt.datetime.now(dt.UTC) - shown) < dt.timedelta(minutes=5)


def test_admin_reads_who_changed_what(login_as):
    partner = login_as("partner_a")
    partner.post("/partner/offerings/P-A-1/close")
    admin = login_as("admin")

    [closed] = audit_rows(admin, "?entity_id=P-A-1&entity_type=offering&actor=a@bank")
    assert closed["who"] == "a@bank.example"
    # codes are shown as words in the reader's language, not as stored
    assert (closed["action"], closed["what"]) == ("diubah", "layanan P-A-1")
    assert closed["changes"] == ["ditutup: tidak → ya"]
    assert _recent(closed["when"])

    # The import that built the world is logged too: by its label, each record
    # created, with its values as they were stored; older than the closing.
    everything = audit_rows(admin)
    assert everything[0] == closed
    imported = {row["what"]: row for row in everything if row["who"] == "test"}
    assert set(imported) == {
        "UMKM M-A",
        "UMKM M-B",
        "mitra P-A",
        "mitra P-B",
        "layanan P-A-1",
        "layanan P-A-2",
        "layanan P-B-1",
    }
    assert {row["action"] for row in imported.values()} == {"dibuat"}
    assert all(_recent(row["when"]) for row in imported.values())
    assert "nama: – → Bank Perkreditan Kapuas Sejahtera" in imported["mitra P-A"]["changes"]
    assert "judul: – → Kredit mesin pengolahan pangan" in imported["layanan P-A-1"]["changes"]
    assert "nama: – → UD Amplang Tenggiri Jaya" in imported["UMKM M-A"]["changes"]
    assert audit_rows(admin, "?actor=test") == [row for row in everything if row["who"] == "test"]


def test_only_admins_read_the_audit_log(login_as):
    for name in ("consultant", "partner_a", "msme_a"):
        assert login_as(name).get("/admin/audit").status_code == 403


def test_the_users_page_names_roles_in_words(login_as):
    page = login_as("admin").get("/admin/users").get_data(as_text=True)
    cells = re.findall(r'<td data-label="Peran"[^>]*>([^<]*)</td>', page)
    assert "konsultan" in cells and "mitra" in cells
    assert not {"consultant", "partner", "msme"} & set(cells)
