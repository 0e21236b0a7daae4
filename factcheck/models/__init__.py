"""The SQLAlchemy models, one file per part of DOMAIN.md §1."""

from factcheck.models.api_token import ApiToken
from factcheck.models.article import Article, text_sha256
from factcheck.models.claim import Claim
from factcheck.models.fetch import Fetch
from factcheck.models.history import Change
from factcheck.models.job import Job, PendingGroup, RebuildBatch, RebuildInput
from factcheck.models.outcome import Conflict, Reconciliation, Report
from factcheck.models.place import Alias, Merge, Place, event_places
from factcheck.models.published_verdict import PublishedVerdict
from factcheck.models.relation import Relation
from factcheck.models.review import Review
from factcheck.models.source import Actor, Event, Outlet, actor_party_to
from factcheck.models.submission import Submission
from factcheck.models.suggestion import SuggestedClaim, SuggestionRun
from factcheck.models.user import User

__all__ = [
    "Submission",
    "Actor",
    "Alias",
    "ApiToken",
    "Article",
    "Change",
    "Claim",
    "Conflict",
    "Event",
    "Fetch",
    "Job",
    "Merge",
    "Outlet",
    "PendingGroup",
    "RebuildBatch",
    "RebuildInput",
    "Place",
    "PublishedVerdict",
    "Reconciliation",
    "Relation",
    "Report",
    "Review",
    "SuggestedClaim",
    "SuggestionRun",
    "User",
    "actor_party_to",
    "event_places",
    "text_sha256",
]
