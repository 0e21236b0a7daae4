"""Import article text files with their `*.claims.yaml` sidecars.

Every file is read and checked first; only when all are valid is anything
written, in one transaction. Importing the same files again finds every row
already there and creates nothing.
"""

from __future__ import annotations

import glob
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

from factcheck.domain.annotation import (
    Annotation,
    AnnotationInvalid,
    Problem,
    load_annotation,
    sidecar_path,
)
from factcheck.domain.annotation_set import check_import
from factcheck.domain.qualifiers import Widths
from factcheck.extensions import db
from factcheck.models import Article, Claim, Relation, text_sha256
from factcheck.services import history
from factcheck.services.import_names import Records, StoredLookup, store_names, stored_claim
from factcheck.services.ranking import refresh_ranks
from factcheck.services.settings import date_range, qualifier_widths
from factcheck.services.unit_of_work import transaction


@dataclass
class ImportSummary:
    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    notices: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)

    def count(self, kind: str, created: bool) -> None:
        """One row of `kind` created, or found already there."""
        (self.created if created else self.existing)[kind] += 1

    def line(self) -> str:
        kinds = sorted(set(self.created) | set(self.existing))
        parts = [f"{k}: {self.created[k]} new, {self.existing[k]} already there" for k in kinds]
        return "; ".join(parts)


def find_articles(paths: list[Path]) -> list[Path]:
    """The article text files named by `paths`: files, their sidecars, or folders of them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            texts = [p for p in sorted(path.glob("*.txt")) if p.is_file()]
            annotated = [p for p in texts if sidecar_path(p).is_file()]
            # A sidecar whose text is missing is a mistake to name, not a file to pass over.
            for sidecar in sorted(path.glob("*.claims.yaml")):
                if sidecar.is_file():
                    annotated.extend(_texts_of(sidecar))
            if not annotated:  # a mistyped folder (or "") read as "Imported 0 article(s)"
                problem = "no article here: a folder holds TEXT.txt files with TEXT.claims.yaml"
                raise AnnotationInvalid([Problem(str(path), None, "path", problem)])
            found.extend(annotated)
        elif path.name.endswith(".claims.yaml"):
            found.extend(_texts_of(path))
        elif path.is_file():
            found.append(path)
        elif path.exists():
            raise AnnotationInvalid([Problem(str(path), None, "path", "not a file or a folder")])
        else:
            raise AnnotationInvalid([Problem(str(path), None, "path", "no such file or folder")])
    return list(dict.fromkeys(found))


def _texts_of(sidecar: Path) -> list[Path]:
    """The article texts a sidecar annotates (`base.txt`, `base.LANG.txt`); refused when none."""
    base = sidecar.name[: -len(".claims.yaml")]
    escaped = glob.escape(base)  # "[draft] x.claims.yaml" names itself, not a pattern
    texts = [
        p
        for p in (
            sorted(sidecar.parent.glob(f"{escaped}.txt"))
            + sorted(sidecar.parent.glob(f"{escaped}.*.txt"))
        )
        if p.is_file() and sidecar_path(p) == sidecar
    ]
    if not texts:
        raise AnnotationInvalid(
            [
                Problem(
                    str(sidecar),
                    None,
                    "text",
                    f"no article text {base}.txt or {base}.LANG.txt beside it",
                )
            ]
        )
    return texts


def import_paths(
    paths: list[Path], user_id: int | None = None, widths: Widths | None = None
) -> ImportSummary:
    """Check every file, then store them all, or nothing (AnnotationInvalid lists what is wrong).

    Files are checked one by one, then together (annotation_set): names one file
    uses may be declared in another or stored, and FILE#ID targets another
    file's claim. Storing goes in passes, so that the order of the files does
    not matter: every name first, then each article and its claims, then the
    relations, whose targets may be in any file. Figures get their intervals
    from the configured widths unless `widths` is given.
    """
    widths = widths or qualifier_widths()
    annotations, problems = [], []
    for text_path in find_articles(paths):
        try:
            annotations.append(load_annotation(text_path, widths, date_range()))
        except AnnotationInvalid as err:
            problems.extend(err.problems)
    if problems:
        raise AnnotationInvalid(problems)
    plan = check_import(annotations, StoredLookup())
    problems = [p for a in annotations for p in _claims_for_withdrawn_article(a)]
    if problems:
        raise AnnotationInvalid(problems)
    summary = ImportSummary()
    with transaction():  # every file or none
        records = store_names(plan, annotations, summary.count, summary.notices)
        stored = []
        for annotation in annotations:
            article = _store_article(annotation, summary, records, user_id)
            claims = _store_claims(annotation, summary, article, records, user_id)
            stored.append((annotation, claims))
            summary.article_ids.append(article.id)
        by_file = {a.name: claims for a, claims in stored}
        for annotation, claims in stored:
            _store_relations(annotation, summary, claims, by_file, user_id)
        db.session.flush()
        refresh_ranks(
            {c.event_id for _, claims in stored for c in claims.values()},
            user_id=user_id,
            via="import",
        )
    return summary


def _claims_for_withdrawn_article(a: Annotation) -> list[Problem]:
    """A withdrawn article takes no new claims (claims.create_claim), from a file either: the
    claims it has stored already are left as they are."""
    article = db.session.scalar(sa.select(Article).where(Article.sha256 == text_sha256(a.text)))
    if article is None or article.withdrawn_at is None:
        return []
    stored = set(
        db.session.scalars(sa.select(Claim.source_key).where(Claim.article_id == article.id))
    )
    return [
        Problem(
            a.yaml_path,
            spec.line,
            "claims",
            f"article {article.id} with this text is withdrawn: restore it to add claim {spec.key!r}",
        )
        for spec in a.claims
        if spec.key not in stored
    ]


def _store_article(a: Annotation, summary, records: Records, user_id) -> Article:
    spec = a.article
    existing = db.session.scalar(sa.select(Article).where(Article.sha256 == text_sha256(a.text)))
    if existing is not None:
        summary.existing["articles"] += 1
        if existing.source_name is None:  # imported before articles kept their sidecar's name
            existing.source_name = a.name
        return existing
    offset = spec.published_at.utcoffset() if spec.published_at else None
    article = Article(
        outlet=records.of("outlet", spec.outlet),
        event=records.event(spec.event),
        url=spec.url,
        title=spec.title,
        language=spec.language,
        published_at=spec.published_at,
        published_utc_offset=int(offset.total_seconds() // 60) if offset is not None else None,
        republished_from=records.of("outlet", spec.republished_from),
        findings=[dict(f) for f in spec.findings],
        created_by_id=user_id,
        source_name=a.name,
    )
    if spec.retrieved_at is not None:
        article.retrieved_at = spec.retrieved_at
    article.set_text(a.text)
    db.session.add(article)
    db.session.flush()
    history.record(article, "create", None, user_id=user_id, via="import")
    summary.created["articles"] += 1
    return article


def _store_claims(
    a: Annotation, summary, article: Article, records: Records, user_id
) -> dict[str, Claim]:
    stored = {
        c.source_key: c
        for c in db.session.scalars(sa.select(Claim).where(Claim.article_id == article.id))
    }
    claims: dict[str, Claim] = {}
    for spec in a.claims:
        if spec.key in stored:
            claims[spec.key] = stored[spec.key]
            summary.existing["claims"] += 1
            if stored[spec.key].exact != spec.anchor.exact:
                summary.notices.append(
                    f"{a.yaml_path}:{spec.line}: claim {spec.key!r} is stored with another quote; left as stored"
                )
            continue
        claim = Claim(
            article=article,
            event=records.event(spec.event),
            source_key=spec.key,
            kind=spec.kind,
            proposition=spec.proposition,
            translation=spec.translation,
            attributed_to=records.of("actor", spec.attributed_to),
            cites=records.of("actor", spec.cites),
            stated_on=spec.stated_on,
            exact=spec.anchor.exact,
            prefix=spec.anchor.prefix,
            suffix=spec.anchor.suffix,
            anchor_start=spec.anchor.start,
            anchor_end=spec.anchor.end,
            metric=spec.metric,
            category=spec.category,
            category_label=spec.category_label,
            qualifier=spec.qualifier,
            modality=spec.modality,
            value=spec.value,
            lower=spec.lower,
            upper=spec.upper,
            point=spec.point,
            unit=spec.unit,
            as_of=spec.as_of,
            place=records.of("place", spec.place),
            preferred_reason=spec.preferred_reason,
            rank="preferred" if spec.preferred_reason else "normal",
            created_by_id=user_id,
        )
        db.session.add(claim)
        db.session.flush()
        history.record(claim, "create", None, user_id=user_id, via="import")
        claims[spec.key] = claim
        summary.created["claims"] += 1
    return claims


def _store_relations(
    a: Annotation, summary, claims: dict[str, Claim], by_file: dict[str, dict], user_id
) -> None:
    """Each relation once; a FILE#ID target is in another file of this import, or stored."""
    for spec in a.claims:
        for rel in spec.relations:
            source = claims[spec.key]
            if rel.file is None or rel.file == a.name:
                target = claims[rel.key]
            elif rel.file in by_file:
                target = by_file[rel.file][rel.key]
            else:
                target = stored_claim(rel.file, rel.key)
            lookup = {"type": rel.type, "source_id": source.id, "target_id": target.id}
            if db.session.scalar(sa.select(Relation).filter_by(**lookup)) is not None:
                summary.existing["relations"] += 1
                continue
            relation = Relation(**lookup, note=rel.note, created_by_id=user_id)
            db.session.add(relation)
            db.session.flush()
            history.record(relation, "create", None, user_id=user_id, via="import")
            summary.created["relations"] += 1
