"""Property-based tests of the API against its own OpenAPI document: no 5xx, no response off the schema."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance, status_code_conformance

from web_client import api_token, sign_up

CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


def test_api_keeps_its_contract(app, client):
    # A real learner with a token, so the authenticated routes are exercised beyond their 401.
    sign_up(client, "schema-tester")
    token = api_token(client, "schema-tester")
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    for operation in operations:
        needs_token = "/me/" in operation.path or operation.path.endswith("/tokens/current")
        headers = {"Authorization": f"Bearer {token}"} if needs_token else {}
        if operation.path.endswith("/tokens/current"):
            continue  # revoking the token would end the run; covered in test_api.py

        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def keeps_contract(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        keeps_contract()


def test_the_api_description_declares_bearer_auth_on_the_routes_that_take_a_token(client):
    described = client.get("/openapi.json").json()
    assert described["components"]["securitySchemes"] == {
        "bearer": {"type": "http", "scheme": "bearer", "description": "An API token: POST /api/v1/tokens gives one."}
    }
    secured = {
        f"{method.upper()} {path}" for path, operations in described["paths"].items()
        for method, operation in operations.items() if operation.get("security") == [{"bearer": []}]
    }
    yours = {
        f"{method.upper()} {path}" for path, operations in described["paths"].items() for method in operations
        if path.startswith(("/api/v1/me", "/api/v1/admin/"))
    }
    assert len(yours) >= 20
    assert secured == {
        # The token is optional here: with one, the answer includes your statuses (and your notes).
        "GET /api/v1/paths/{path_id}", "GET /api/v1/topics/{topic_id}", "GET /api/v1/ladders/{ladder_id}",
        "GET /api/v1/search",
        # Required here: your own things and, for administrators, the accounts.
        "DELETE /api/v1/tokens/current", *yours,
    }
