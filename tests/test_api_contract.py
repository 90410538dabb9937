"""The API keeps its own description: schemathesis generates requests from
/api/v1/openapi.json, valid and invalid, sends them to the app (WSGI) with a
consultant's and a partner's token, and checks every answer: never a server
error, only documented status codes, content types and response bodies, and
invalid input always rejected."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import select

from tests.test_api_auth import api_fixtures
from web.extensions import db
from web.models import Msme, Offering, User
from web.services.introductions import start

# Examples per operation, caller, mode and path; the run stays near a minute on two cores.
EXAMPLES = int(os.environ.get("API_CONTRACT_EXAMPLES", "10"))
CALLERS = ("consultant", "partner_a")
tokens, _ = api_fixtures()


def _known_objects(path: str, intro_id: int) -> dict | None:
    """Path parameters naming objects of the test world, so that requests reach
    stored records and not only 404s; ``None`` for operations without any."""
    if "{intro_id}" in path:
        return {"intro_id": intro_id}
    if "{external_id}" not in path:
        return None
    for prefix, external_id in (
        ("/api/v1/msmes/", "M-A"),
        ("/api/v1/partners/", "P-A"),
        ("/api/v1/offerings/", "P-A-2"),
    ):
        if path.startswith(prefix):
            return {"external_id": external_id}
    raise AssertionError(f"no known object for {path}")


def _exercise(
    operation, mode: GenerationMode, headers: dict[str, str], path_parameters: dict | None
) -> None:
    checks = [
        schemathesis.checks.not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    if mode is GenerationMode.NEGATIVE:
        checks.append(negative_data_rejection)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    def exchange(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=checks, headers=headers)

    exchange()


def test_every_answer_keeps_to_the_description(app, tokens):
    with app.app_context():
        consultant = db.session.scalar(select(User).where(User.role == "consultant"))
        msme = db.session.scalar(select(Msme).where(Msme.external_id == "M-A"))
        offering = db.session.scalar(select(Offering).where(Offering.external_id == "P-A-2"))
        intro_id = start(msme, offering, consultant, "Usulan dari konsultan").id
        db.session.commit()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    failures = []
    for operation in operations:
        known = _known_objects(operation.path, intro_id)
        for path_parameters in (None, known) if known else (None,):
            for who in CALLERS:
                headers = {"Authorization": f"Bearer {tokens[who]}"}
                for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                    try:
                        _exercise(operation, mode, headers, path_parameters)
                    except Exception as exc:  # noqa: BLE001 - gather all, report together
                        failures.append(
                            f"{operation.label} {path_parameters or ''} as {who}, "
                            f"{mode.value}:\n{exc}"
                        )
    assert not failures, "\n\n".join(failures)
