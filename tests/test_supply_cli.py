"""Issue 16: ``match --msme ID --links`` and ``pool --offering ID`` print what
the exchange format's contract says."""

from __future__ import annotations

import json

from tests import factories as f


def kg(commodity, quantity, unit="kg", period="month"):
    return {"commodity": commodity, "quantity": quantity, "unit": unit, "period": period}


def _msme(external_id, regency, commodities, supplies=(), sources=(), **kw):
    return f.msme(
        external_id,
        regency=regency,
        commodities=commodities,
        supplies=list(supplies),
        sources=list(sources),
        sector=None,
        **kw,
    )


def world() -> dict:
    msmes = [
        _msme(
            "CHIPS",
            "Kubu Raya",
            ["keripik keladi"],
            [kg("keripik keladi", 200)],
            [kg("keladi", 1000)],
        ),
        _msme("TARO-1", "Landak", ["keladi"], [kg("keladi", 800)]),
        _msme("TARO-2", "Kubu Raya", ["keladi"], [kg("keladi", 300)]),
        _msme(
            "SHOP", "Pontianak", ["toko oleh-oleh"], [], [kg("keripik keladi", 50, period="week")]
        ),
    ]
    for i, regency in enumerate(["Sambas", "Sambas", "Singkawang", "Singkawang", "Sambas"]):
        msmes.append(_msme(f"SEA-{i}", regency, ["rumput laut"], [kg("rumput laut kering", 450)]))
    msmes.append(_msme("SEA-FAR", "Kapuas Hulu", ["rumput laut"], [kg("rumput laut", 1, "ton")]))
    msmes.append(
        _msme("SEA-BIG", "Sambas", ["rumput laut"], [kg("rumput laut", 5, "ton")], scale="small")
    )
    buyer = f.partner(
        "BUY",
        type="buyer",
        regions=["Sambas", "Singkawang", "Kapuas Hulu"],
        offerings=[
            f.offering(
                "BUY-1",
                field="marketing",
                title="Pembelian rumput laut kering",
                commodities=["rumput laut"],
                eligibility={"scales": ["micro"]},
                volume={"quantity": 2, "unit": "ton", "period": "month"},
            ),
            f.offering("BUY-2", field="marketing", title="Tanpa volume"),
        ],
    )
    return f.document(msmes, [buyer])


def test_links_json_follows_the_contract(runner, write_json):
    assert runner.invoke(args=["import", str(write_json(world()))]).exit_code == 0
    result = runner.invoke(args=["match", "--msme", "CHIPS", "--links", "--format", "json"])
    assert result.exit_code == 0, result.output
    links = json.loads(result.output)
    assert [(x["msme_external_id"], x["direction"]) for x in links] == [
        ("TARO-1", "supplier"),  # 80% of the need, 82 km away
        ("TARO-2", "supplier"),  # 30% of the need, next door
        ("SHOP", "buyer"),
    ]
    assert set(links[0]) == {"msme_external_id", "direction", "commodity", "score", "reasons"}
    assert links[0]["commodity"] == "keladi"
    assert links[0]["reasons"][0] == "Menghasilkan 800 kg keladi per bulan, 82 km dari Anda"


def test_pool_json_follows_the_contract_and_the_hard_filters(runner, write_json):
    assert runner.invoke(args=["import", str(write_json(world()))]).exit_code == 0
    result = runner.invoke(args=["pool", "--offering", "BUY-1", "--format", "json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    groups = json.loads(result.output)
    first = groups[0]
    assert set(first) == {"members", "total", "covers", "max_km", "score", "reasons"}
    assert first["covers"] >= 1
    assert first["total"] == {"quantity": 2.25, "unit": "ton", "period": "month"}
    assert sorted(m["msme_external_id"] for m in first["members"]) == [f"SEA-{i}" for i in range(5)]
    assert first["members"][0] == {
        "msme_external_id": "SEA-0",
        "quantity": 0.45,
        "unit": "ton",
        "period": "month",
    }
    everyone = [m["msme_external_id"] for g in groups for m in g["members"]]
    assert "SEA-BIG" not in everyone  # small enterprise: the offering takes micro only
    assert len(everyone) == len(set(everyone))


def test_pool_without_volume_or_unknown_offering_says_so(runner, write_json):
    assert runner.invoke(args=["import", str(write_json(world()))]).exit_code == 0
    result = runner.invoke(args=["pool", "--offering", "BUY-2"])
    assert result.exit_code != 0 and "has no volume" in result.output
    result = runner.invoke(args=["pool", "--offering", "NOPE"])
    assert result.exit_code != 0 and "no offering" in result.output
    result = runner.invoke(args=["match", "--offering", "BUY-1", "--links"])
    assert result.exit_code != 0 and "--links goes with --msme" in result.output
