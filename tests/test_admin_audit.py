"""The admin reads the audit log: who changed what, when, before and after."""

from __future__ import annotations


def test_admin_reads_who_changed_what(login_as):
    partner = login_as("partner_a")
    partner.post("/partner/offerings/P-A-1/close")
    page = login_as("admin").get("/admin/audit?entity_id=P-A-1").text
    assert "a@bank.example" in page and "offering P-A-1" in page
    assert "<code>closed</code>: False → True" in page
    everything = login_as("admin").get("/admin/audit").text
    assert "test" in everything  # the import that built the world is logged too


def test_only_admins_read_the_audit_log(login_as):
    for name in ("consultant", "partner_a", "msme_a"):
        assert login_as(name).get("/admin/audit").status_code == 403
