"""After an article is stored: read its metadata and propose claims (the extraction assistant).

Runs as a background job on intake. Findings are merged into the article's
findings; each suggestion is stored once, so a rejected one stays rejected when
the assistant runs again. Accepting turns a suggestion into a claim through
the same service a reviewer's form uses.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from datetime import date

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, OperationalError

from factcheck.domain import extraction
from factcheck.domain.claim_rules import BOUNDED, ClaimDraft
from factcheck.domain.text_offsets import first_part
from factcheck.extensions import db
from factcheck.models import Article, Claim, SuggestedClaim, SuggestionRun
from factcheck.models.types import utcnow
from factcheck.services import claims as claim_service
from factcheck.services import relations as relation_service
from factcheck.services.settings import qualifier_widths, suggest_max_chars
from factcheck.services.sources import actor_named, proposed_speaker
from factcheck.services.suggestion_context import extraction_context
from factcheck.services.unit_of_work import transaction

# Near-duplicate search looks at this many recent articles of the same event (or overall).
DUPLICATE_CANDIDATES = 200


def analyse_article(article_id: int) -> tuple[int, int]:
    """Store findings and new suggestions for the article; (findings added, suggestions added).

    The article's suggestion run says `done` in the same commit; an error the job will not
    retry (anything but the database's) is recorded on it as `failed`, for the open page.
    """
    try:
        with transaction():
            return _analyse(article_id)
    except (OperationalError, DBAPIError):
        raise  # the job retries these
    except Exception as err:
        _failed(article_id, err)
        raise


def _failed(article_id: int, err: BaseException) -> None:
    with transaction():
        run = db.session.get(SuggestionRun, article_id)
        if run is not None:
            run.status = "failed"
            run.error = "".join(traceback.format_exception_only(err)).strip()


def _analyse(article_id: int) -> tuple[int, int]:
    article = db.session.get(Article, article_id)
    if article is None:
        return 0, 0
    published = article.published_local
    candidates = db.session.execute(
        sa.select(Article.id, Article.text)
        .where(Article.id != article.id)
        .where(Article.event_id == article.event_id if article.event_id else sa.true())
        .order_by(Article.id.desc())
        .limit(DUPLICATE_CANDIDATES)
    ).all()
    found = extraction.findings(
        article.text,
        language=article.language,
        published_at=published,
        outlet=article.outlet.name,
        candidates=[tuple(c) for c in candidates],
    )
    stored = list(article.findings or [])
    known = {(f.get("kind"), f.get("detail")) for f in stored if isinstance(f, dict)}
    new_findings = [f.to_dict() for f in found if (f.kind, f.detail) not in known]
    # A finding stored before findings kept their words, found again word for word, gets
    # them now, so that a page can write it in its reader's language.
    again = {(f.kind, f.detail): f.to_dict() for f in found if f.words is not None}
    worded = [
        {**f, "words": again[key]["words"]}
        if isinstance(f, dict)
        and "words" not in f
        and (key := (f.get("kind"), f.get("detail"))) in again
        else f
        for f in stored
    ]
    if new_findings or worded != stored:
        article.findings = [*worded, *new_findings]
    stored = {
        (s.kind, s.anchor_start, s.anchor_end)
        for s in db.session.scalars(
            sa.select(SuggestedClaim).where(SuggestedClaim.article_id == article.id)
        )
    }
    added = 0
    context = extraction_context(article)
    read = first_part(article.text, suggest_max_chars())
    suggestions = extraction.suggest(
        article.text[:read],
        language=article.language,
        published_at=published,
        widths=qualifier_widths(),
        places=context.places,
        area=context.area,
    )
    suggestions = extraction.propose_links(suggestions, context.candidates)
    for s in suggestions:
        if (s.kind, s.anchor.start, s.anchor.end) in stored:
            continue
        db.session.add(
            SuggestedClaim(
                article_id=article.id,
                kind=s.kind,
                anchor_start=s.anchor.start,
                anchor_end=s.anchor.end,
                exact=s.anchor.exact,
                data=_with_speaker(s.to_dict(), article),
            )
        )
        stored.add((s.kind, s.anchor.start, s.anchor.end))
        added += 1
    run = db.session.get(SuggestionRun, article.id) or SuggestionRun(article_id=article.id)
    run.status, run.error, run.read_chars = "done", None, read
    db.session.add(run)
    return len(new_findings), added


def _with_speaker(data: dict, article: Article) -> dict:
    """The suggestion's fields plus the kind and party its speaker's words suggest (§11), the
    same proposal a new speaker gets when the suggestion is accepted."""
    if data.get("attributed_to"):
        proposal = proposed_speaker(data["attributed_to"], article.event)
        data["speaker_kind"], data["speaker_party"] = proposal.kind, proposal.party
    return data


def _actor(name: str | None, article: Article) -> int | None:
    """The stored actor with this name or alias, or a new one: one click should not need a form.

    A new speaker takes the kind its words suggest ("Kementerian Kesehatan" is a
    government) and is party to the event when it governs the event's place (§11).
    """
    if not name:
        return None
    proposal = proposed_speaker(name, article.event)
    party_to = article.event if proposal.party else None
    notes = "Created when a suggested claim was accepted."
    return actor_named(name, proposal.kind, party_to, notes=notes).id


def suggested_draft(suggestion: SuggestedClaim, article: Article) -> ClaimDraft:
    """What the assistant read, as a claim draft: the form opens with it, one click stores it."""
    d = suggestion.data
    stated = (
        date.fromisoformat(d["stated_on"])
        if d.get("stated_on")
        else (article.published_local.date() if article.published_at else date.today())
    )
    draft = ClaimDraft(
        exact=suggestion.exact,
        start=suggestion.anchor_start,
        kind=suggestion.kind,
        event_id=article.event_id,
        stated_on=stated,
        proposition=d.get("proposition"),
        place=d.get("place"),  # a known place by name, or a new one created on accepting
        as_of=date.fromisoformat(d["as_of"]) if d.get("as_of") else None,
    )
    if suggestion.kind != "quantity":
        return draft
    bounded = d.get("qualifier") in BOUNDED
    return replace(
        draft,
        metric=d.get("metric"),
        category=d.get("category"),
        category_label=d.get("category_label"),
        qualifier=d.get("qualifier"),
        modality=d.get("modality"),
        value=d.get("value"),
        lower=d.get("lower") if bounded else None,
        upper=d.get("upper") if bounded else None,
    )


def accept(
    suggestion: SuggestedClaim,
    user_id: int | None,
    via: str = "web",
    draft: ClaimDraft | None = None,
) -> Claim:
    """Turn a pending suggestion into a claim (and a retraction into its `retracts` links).

    One click stores what the assistant read; "edit first" passes the reviewer's
    corrected `draft` instead. Either way the suggestion is marked accepted and a
    retraction withdraws the figures the assistant found it retracting. All in one commit.
    """
    with transaction():
        return _accept(suggestion, user_id, via, draft)


def _accept(
    suggestion: SuggestedClaim, user_id: int | None, via: str, draft: ClaimDraft | None
) -> Claim:
    if suggestion.status != "pending":
        raise claim_service.InvalidChange(
            f"suggestion {suggestion.id} is {suggestion.status} already"
        )
    article = db.session.get(Article, suggestion.article_id)
    if draft is None:
        if article.event_id is None:
            raise claim_service.InvalidChange(
                "give the article an event first: every claim is about one"
            )
        speaker = _actor(suggestion.data.get("attributed_to"), article)
        draft = replace(suggested_draft(suggestion, article), attributed_to_id=speaker)
    claim = claim_service.create_claim(article, draft, user_id=user_id, via=via)
    suggestion.status, suggestion.claim_id = "accepted", claim.id
    suggestion.decided_by_id, suggestion.decided_at = user_id, utcnow()
    if claim.kind == "retraction":
        for target in suggestion.data.get("retracts") or []:
            withdrawn = db.session.scalar(
                sa.select(Claim).where(
                    Claim.article_id == article.id,
                    Claim.anchor_start == target["start"],
                    Claim.anchor_end == target["end"],
                )
            )
            if withdrawn is not None:
                relation_service.add_relation(  # the reviewer accepted the assistant's link
                    claim,
                    withdrawn,
                    "retracts",
                    "suggested retraction, accepted",
                    user_id,
                    via=via,
                    confirmed="accepted as the extraction assistant suggested it",
                )
    return claim


def accept_and_link(
    suggestion: SuggestedClaim, link: int, user_id: int | None, via: str = "web"
) -> tuple[Claim, Claim]:
    """ "This looks like a correction of claim N — link?": accept the suggestion as it is and
    record the proposed relation to claim N of another article, in one commit."""
    proposed = (suggestion.data.get("links") or [])[link : link + 1]
    if not proposed:
        raise claim_service.InvalidChange(f"suggestion {suggestion.id} proposes no link {link}")
    with transaction():
        claim = _accept(suggestion, user_id, via, None)
        target = db.session.get(Claim, proposed[0]["target"])
        if target is None or target.event_id != claim.event_id or target.is_withdrawn:
            raise claim_service.InvalidChange(f"claim {proposed[0]['target']} is not there to link")
        relation_service.add_relation(
            claim, target, proposed[0]["type"], "suggested link, accepted", user_id, via=via
        )
        return claim, target


def reject(suggestion: SuggestedClaim, user_id: int | None) -> None:
    """Reject a pending suggestion for good: the assistant never proposes it again."""
    if suggestion.status != "pending":
        raise claim_service.InvalidChange(
            f"suggestion {suggestion.id} is {suggestion.status} already"
        )
    with transaction():
        suggestion.status, suggestion.decided_by_id, suggestion.decided_at = (
            "rejected",
            user_id,
            utcnow(),
        )
