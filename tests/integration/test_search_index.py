"""The claim search answers from indexes (issue #13): each place a word is looked for is its
own index scan on PostgreSQL (trigram indexes for text, b-trees for numbers and speakers),
and SQLite gives the same answers."""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.models import Claim
from factcheck.services.search import ClaimSearch, claim_query


def _plan(db, query: sa.Select) -> str:
    sql = str(query.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))
    with db.engine.connect() as conn:
        conn.execute(sa.text("SET enable_seqscan = off"))  # the plan the index makes possible
        return "\n".join(row[0] for row in conn.execute(sa.text(f"EXPLAIN {sql}")))


def test_words_and_numbers_are_found_from_indexes(db, reference_imported):
    ditahan = db.session.scalars(claim_query(ClaimSearch(q="ditahan"))).all()
    assert ditahan and all("ditahan" in (c.exact + (c.proposition or "")).lower() for c in ditahan)
    by_number = db.session.scalars(claim_query(ClaimSearch(q="8000"))).all()
    assert [c.value for c in by_number if c.value] and all(
        8000 in (c.value, c.lower, c.upper) or "8" in c.exact for c in by_number
    )
    if db.engine.dialect.name != "postgresql":
        return  # SQLite has no trigram index; the answers above are the test there
    plan = _plan(db, claim_query(ClaimSearch(q="ditahan")))
    assert "ix_claims_exact_trgm" in plan and "ix_claims_proposition_trgm" in plan, plan
    assert "Seq Scan on claims" not in plan, plan
    numbers = _plan(db, claim_query(ClaimSearch(q="8000")))
    assert "ix_claims_value" in numbers and "ix_claims_upper" in numbers, numbers


def test_every_claim_the_old_scan_found_is_still_found(db, reference_imported):
    """The UNION of index scans finds exactly what one OR over every claim found."""
    for word in ("ditahan", "8000", "Kazakh", "armed", "164", "ministry"):
        like = f"%{word}%"
        scanned = set(
            db.session.scalars(
                sa.select(Claim.id).where(
                    sa.or_(
                        Claim.exact.ilike(like),
                        Claim.proposition.ilike(like),
                        Claim.category_label.ilike(like),
                    )
                )
            )
        )
        found = {c.id for c in db.session.scalars(claim_query(ClaimSearch(q=word)))}
        assert scanned <= found, word
