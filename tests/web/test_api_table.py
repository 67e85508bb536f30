"""The README's API table and /openapi.json name the same routes."""

from __future__ import annotations

import re
from pathlib import Path

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
PREFIX = "/api/v1"


def normalised(path: str) -> str:
    """A route as both sides can be compared: placeholders unnamed, no query string."""
    return re.sub(r"\{[^}]*\}", "{}", path.split("?", 1)[0])


def readme_routes() -> set[tuple[str, str]]:
    table = README.split("### The JSON API", 1)[1].split("\n\n", 2)[2]
    rows = re.findall(r"^\| `(GET|POST|PUT|PATCH|DELETE) (/[^`]*)` \|", table, flags=re.MULTILINE)
    return {(method, normalised(PREFIX + path)) for method, path in rows}


def test_the_readme_table_and_openapi_name_the_same_routes(client):
    spec = client.get("/openapi.json").json()
    served = {
        (method.upper(), normalised(path))
        for path, operations in spec["paths"].items()
        if path.startswith(PREFIX)
        for method in operations
    }
    documented = readme_routes()
    assert len(documented) > 20
    assert sorted(served - documented) == [], "served but not in the README's API table"
    assert sorted(documented - served) == [], "in the README's API table but not served"


def test_every_api_route_declares_its_errors(client):
    spec = client.get("/openapi.json").json()
    for path, operations in spec["paths"].items():
        if not path.startswith(PREFIX):
            continue
        for method, operation in operations.items():
            errors = {code for code in operation["responses"] if code.startswith(("4", "5"))}
            assert "422" in errors, (method, path)
            if path.startswith(f"{PREFIX}/me") or path.startswith(f"{PREFIX}/admin"):
                assert "401" in errors, (method, path)
