"""Integrity rules a CHECK cannot express, as triggers on SQLite and PostgreSQL.

- a claim's anchor lies inside its article's text and matches the quote there;
- an article's text cannot change once a claim anchors to it;
- the change history is append-only.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ANCHOR_MESSAGE = "claim anchor is outside its article text or does not match the quote there"
FROZEN_MESSAGE = "article text cannot change once a claim anchors to it"
APPEND_ONLY_MESSAGE = "the change history is append-only"

SQLITE_UP = [
    f"""CREATE TRIGGER claims_anchor_in_text_insert BEFORE INSERT ON claims
    WHEN NEW.anchor_end > (SELECT length(text) FROM articles WHERE id = NEW.article_id)
      OR substr((SELECT text FROM articles WHERE id = NEW.article_id),
                NEW.anchor_start + 1, NEW.anchor_end - NEW.anchor_start) IS NOT NEW.exact
    BEGIN SELECT RAISE(ABORT, '{ANCHOR_MESSAGE}'); END""",
    f"""CREATE TRIGGER claims_anchor_in_text_update BEFORE UPDATE OF article_id, anchor_start, anchor_end, exact ON claims
    WHEN NEW.anchor_end > (SELECT length(text) FROM articles WHERE id = NEW.article_id)
      OR substr((SELECT text FROM articles WHERE id = NEW.article_id),
                NEW.anchor_start + 1, NEW.anchor_end - NEW.anchor_start) IS NOT NEW.exact
    BEGIN SELECT RAISE(ABORT, '{ANCHOR_MESSAGE}'); END""",
    f"""CREATE TRIGGER articles_text_frozen BEFORE UPDATE OF text, sha256 ON articles
    WHEN (NEW.text IS NOT OLD.text OR NEW.sha256 IS NOT OLD.sha256)
      AND EXISTS (SELECT 1 FROM claims WHERE article_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, '{FROZEN_MESSAGE}'); END""",
    f"""CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END""",
    f"""CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
    BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER claims_anchor_in_text_insert",
    "DROP TRIGGER claims_anchor_in_text_update",
    "DROP TRIGGER articles_text_frozen",
    "DROP TRIGGER changes_no_update",
    "DROP TRIGGER changes_no_delete",
]

POSTGRESQL_UP = [
    f"""CREATE FUNCTION factcheck_claim_anchor_check() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE body text;
    BEGIN
      SELECT text INTO body FROM articles WHERE id = NEW.article_id;
      IF NEW.anchor_end > char_length(body)
         OR substr(body, NEW.anchor_start + 1, NEW.anchor_end - NEW.anchor_start) IS DISTINCT FROM NEW.exact THEN
        RAISE EXCEPTION '{ANCHOR_MESSAGE}' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$""",
    """CREATE TRIGGER claims_anchor_in_text BEFORE INSERT OR UPDATE OF article_id, anchor_start, anchor_end, exact
    ON claims FOR EACH ROW EXECUTE FUNCTION factcheck_claim_anchor_check()""",
    f"""CREATE FUNCTION factcheck_article_text_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF (NEW.text IS DISTINCT FROM OLD.text OR NEW.sha256 IS DISTINCT FROM OLD.sha256)
         AND EXISTS (SELECT 1 FROM claims WHERE article_id = OLD.id) THEN
        RAISE EXCEPTION '{FROZEN_MESSAGE}' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$""",
    """CREATE TRIGGER articles_text_frozen BEFORE UPDATE OF text, sha256 ON articles
    FOR EACH ROW EXECUTE FUNCTION factcheck_article_text_frozen()""",
    f"""CREATE FUNCTION factcheck_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}' USING ERRCODE = 'check_violation';
    END $$""",
    """CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE ON changes
    FOR EACH ROW EXECUTE FUNCTION factcheck_append_only()""",
]
POSTGRESQL_DOWN = [
    "DROP TRIGGER changes_append_only ON changes",
    "DROP FUNCTION factcheck_append_only()",
    "DROP TRIGGER articles_text_frozen ON articles",
    "DROP FUNCTION factcheck_article_text_frozen()",
    "DROP TRIGGER claims_anchor_in_text ON claims",
    "DROP FUNCTION factcheck_claim_anchor_check()",
]


def _run(statements: dict[str, list[str]]) -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in statements:
        raise NotImplementedError(f"no integrity triggers written for {dialect}")
    for statement in statements[dialect]:
        op.execute(statement)


def upgrade():
    _run({"sqlite": SQLITE_UP, "postgresql": POSTGRESQL_UP})


def downgrade():
    _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRESQL_DOWN})
