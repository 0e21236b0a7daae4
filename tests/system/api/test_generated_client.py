"""A client generated from /api/v1/openapi.json by openapi-python-client builds, and lists, creates
and edits a claim against gunicorn: the document is usable by tools, not only valid."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import requests
import sqlalchemy as sa

from tests.support.factories import account

PACKAGE = "factcheck_generated_client"


def _generate(spec: dict, tmp_path: Path) -> None:
    """Run the generator as a user would, into tmp_path/<PACKAGE> (no project metadata)."""
    document = tmp_path / "openapi.json"
    document.write_text(json.dumps(spec))
    bin_dir = Path(sys.executable).parent
    done = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(document),
            "--output-path",
            str(tmp_path / PACKAGE),
            "--meta",
            "none",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Unable to" not in done.stdout, done.stdout  # a skipped operation or schema


def test_a_generated_client_lists_creates_and_edits_a_claim(
    db, reference_imported, live_server, tmp_path, monkeypatch
):
    from factcheck.models import Article

    _, token = account(db, "reviewer")
    spec = requests.get(f"{live_server.url}/api/v1/openapi.json", timeout=30).json()
    _generate(spec, tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    client_module = importlib.import_module(f"{PACKAGE}.client")
    claims = importlib.import_module(f"{PACKAGE}.api.claims")
    models = importlib.import_module(f"{PACKAGE}.models")
    client = client_module.AuthenticatedClient(base_url=live_server.url, token=token)
    article = db.session.scalar(sa.select(Article))

    answer = importlib.import_module(f"{claims.__name__}.claims_list_claims").sync_detailed(
        client=client, per_page=100, total=True
    )
    assert answer.status_code == 200, answer.content
    listed = answer.parsed
    before = listed.total
    assert before > 0 and len(listed.items) == min(before, 100)

    create = importlib.import_module(f"{claims.__name__}.claims_create")
    body = models.ClaimIn.from_dict(
        {"article_id": article.id, "kind": "statement", "exact": "Ribuan ditangkap"}
    )
    created = create.sync_detailed(client=client, body=body)
    assert created.status_code == 201, created.content
    claim = created.parsed
    assert claim.anchor.exact == "Ribuan ditangkap"
    assert created.headers["Location"].endswith(f"/api/v1/claims/{claim.id}")

    update = importlib.import_module(f"{claims.__name__}.claims_update")
    edited = update.sync_detailed(
        claim.id,
        client=client,
        body=models.ClaimPatch.from_dict({"proposition": "Thousands were arrested"}),
        if_match=created.headers["ETag"],
    )
    assert edited.status_code == 200, edited.content
    assert edited.parsed.proposition == "Thousands were arrested"
    assert edited.headers["ETag"] != created.headers["ETag"]

    stale = update.sync_detailed(
        claim.id,
        client=client,
        body=models.ClaimPatch.from_dict({"proposition": "Lost"}),
        if_match=created.headers["ETag"],
    )
    assert stale.status_code == 412 and isinstance(stale.parsed, models.Problem)
    after = importlib.import_module(f"{claims.__name__}.claims_list_claims").sync(
        client=client, per_page=1, total=True
    )
    assert after.total == before + 1
