"""References named after a merge: a claim or article that names a merged-away record by its
id goes to the record it was merged into, as the merge moved the others (DOMAIN.md §11).

The id still arrives after the merge: from a form opened before it, from an API client that
kept it, from a claim stored before this rule and edited now. Refusing it would leave the
client to find the survivor itself; keeping it would hide the row from the survivor (its
page, its search, the next merge's moves). The merge notes the row among those it moved,
so that undoing the merge puts it back on the record it named.
"""

from __future__ import annotations

import sqlalchemy as sa

from factcheck.extensions import db
from factcheck.models import Article, Claim, Merge
from factcheck.services import history, queue
from factcheck.services.json_values import row_dict
from factcheck.services.merges import COLUMNS, article_groups
from factcheck.services.names import MODELS, survivor
from factcheck.services.unit_of_work import transaction

# The relationship that sets each column a merge moves.
LOADS = {
    "attributed_to_id": "attributed_to",
    "cites_id": "cites",
    "place_id": "place",
    "outlet_id": "outlet",
    "republished_from_outlet_id": "republished_from",
}


def point_at_survivors(row: Claim | Article) -> None:
    """Point the claim's or article's references to merged-away records at their survivors,
    before the row is written; each merge on the way notes the row among those it moved."""
    named = []
    with db.session.no_autoflush:  # reading the records must not write the row as it was named
        for entity_type, columns in COLUMNS.items():
            for model, column in columns:
                if not isinstance(row, model):
                    continue
                record = _named(row, column, MODELS[entity_type])
                if record is None or record.merged_into_id is None:
                    continue
                live = survivor(record)
                setattr(row, column, live.id)
                setattr(row, LOADS[column], live)  # or the flush writes what it holds after the id
                named.append((entity_type, f"{model.__tablename__}.{column}", record.id))
    if named and row.id is None:
        db.session.flush()  # a new row: its id, for the merges to note
    for entity_type, key, record_id in named:
        for merge_row in _merges_from(entity_type, record_id):
            moved = merge_row.moved or {}
            if row.id not in moved.get(key, []):
                merge_row.moved = {**moved, key: [*moved.get(key, []), row.id]}


def repoint_stored(user_id: int | None = None, via: str = "cli") -> int:
    """Claims and articles stored naming a merged-away record (before this rule: the API and
    forms took such an id) go to its survivor now, each noted by the merges on the way and
    in the history, their groups reconciled. How many rows moved; run again, none."""
    with transaction() as uow:
        rows: list[Claim | Article] = []
        for model in (Claim, Article):
            naming = [
                getattr(model, column).in_(
                    sa.select(MODELS[entity_type].id).where(
                        MODELS[entity_type].merged_into_id.is_not(None)
                    )
                )
                for entity_type, columns in COLUMNS.items()
                for owner, column in columns
                if owner is model
            ]
            rows += db.session.scalars(
                sa.select(model).where(sa.or_(*naming)).order_by(model.id)
            ).all()
        groups, articles = set(), []
        for row in rows:
            before = row_dict(row)
            point_at_survivors(row)
            db.session.flush()
            if isinstance(row, Claim):
                db.session.expire(row, ["attributed_to", "cites", "place"])
                history.record(row, "update", before, user_id, via)
                groups |= queue.groups_of(row)
            else:
                history.record(row, "update", before, user_id, via, omit=("text",))
                articles.append(row.id)
        uow.reconcile(groups | article_groups(articles))
    return len(rows)


def _named(row, column: str, model: type):
    """The record the row names: the one just set on its relationship, else the one its id is."""
    history = sa.inspect(row).attrs[LOADS[column]].history
    if history.added:
        return history.added[0]
    record_id = getattr(row, column)
    return db.session.get(model, record_id) if record_id is not None else None


def _merges_from(entity_type: str, record_id: int) -> list[Merge]:
    """The merges in force from this record to its survivor, in order; locked on PostgreSQL,
    where two rows noted at once would each write the merge's list without the other."""
    chain: list[Merge] = []
    while record_id not in {m.from_id for m in chain}:
        step = db.session.scalar(
            sa.select(Merge)
            .where(
                Merge.entity_type == entity_type,
                Merge.from_id == record_id,
                Merge.undone_at.is_(None),
            )
            .order_by(Merge.id.desc())
            .limit(1)
            .with_for_update()
        )
        if step is None:
            break
        chain.append(step)
        record_id = step.into_id
    return chain
