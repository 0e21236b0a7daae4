"""Claim extraction: suggestions and metadata findings for one article (plain Python).

    suggest(text, language=None, published_at=None, places=(), area=()) -> list[Suggestion]
    propose_links(suggestions, candidates) -> list[Suggestion]   # relations to other articles' claims
    findings(text, language=None, published_at=None, outlet=None, candidates=()) -> list[Finding]
    near_duplicates(text, candidates) -> list[NearDuplicate]

Nothing here stores anything: a reviewer accepts, edits or drops each suggestion.
docs/extraction.md gives the method, the measured precision and recall, and its limits.
"""

from factcheck.domain.extraction.credits import Credit, find_credits, original_outlet
from factcheck.domain.extraction.dateline import Dateline, parse_dateline
from factcheck.domain.extraction.duplicates import NearDuplicate, near_duplicates
from factcheck.domain.extraction.findings import findings
from factcheck.domain.extraction.hijri import HijriMention, find_hijri
from factcheck.domain.extraction.language import LanguageGuess, detect_language
from factcheck.domain.extraction.links import Candidate, propose_links
from factcheck.domain.extraction.model import Finding, Suggestion
from factcheck.domain.extraction.suggest import choose_language, suggest

__all__ = [
    "Candidate",
    "Credit",
    "Dateline",
    "Finding",
    "HijriMention",
    "LanguageGuess",
    "NearDuplicate",
    "Suggestion",
    "choose_language",
    "detect_language",
    "find_credits",
    "find_hijri",
    "findings",
    "near_duplicates",
    "original_outlet",
    "parse_dateline",
    "propose_links",
    "suggest",
]
