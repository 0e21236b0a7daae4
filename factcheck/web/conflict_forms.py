"""The form that closes a conflict, shared by the event page's cards and the conflict's page."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.validators import Length

from factcheck.i18n import local_number
from factcheck.models import Claim, Conflict
from factcheck.services import conflicts as conflict_service
from factcheck.web.forms import GuardedForm
from factcheck.web.terms import term


class CloseConflictForm(GuardedForm):
    """How the conflict is decided ("prefer:12", "set_aside:12", "different_scope", "dismiss")."""

    decision = RadioField(_l("Decision"), choices=[], validate_choice=False)
    note = TextAreaField(_l("Note (required)"), validators=[Length(max=2000)])
    version = HiddenField()


class ReopenConflictForm(GuardedForm):
    """Takes a reviewer's decision back: the conflict opens again and its figures move back."""

    note = TextAreaField(_l("Why reopen (required)"), validators=[Length(max=2000)])
    version = HiddenField()


def reopen_form(conflict: Conflict) -> ReopenConflictForm:
    """The reopen form of a decided conflict's card (web/conflicts.py reads what it posts)."""
    return ReopenConflictForm(prefix=f"r{conflict.id}", version=conflict.version)


def decision_choices(conflict: Conflict, claims: dict[int, Claim]) -> list[tuple[str, str]]:
    """The decisions this conflict can be closed with, in the words the card shows."""
    offered = conflict_service.outcomes_for(conflict)
    out = []
    for cid in conflict.claim_ids:
        claim = claims.get(cid)
        if claim is None or claim.rank == "deprecated":
            continue
        figure = figure_text(claim)
        if "prefer" in offered:
            out.append(
                (f"prefer:{cid}", _("Prefer claim %(id)s (%(figure)s)", id=cid, figure=figure))
            )
        if "set_aside" in offered:
            out.append(
                (
                    f"set_aside:{cid}",
                    _("Set claim %(id)s aside (%(figure)s)", id=cid, figure=figure),
                )
            )
    if "different_scope" in offered:
        out.append(("different_scope", _("Not a conflict: the figures count different things")))
    if "dismiss" in offered:
        out.append(("dismiss", _("Close without changing any figure")))
    return out


def figure_text(claim: Claim) -> str:
    """ "164", "more than 26 (27–∞)", "30–50": a claim's value or range as a card shows it."""
    low, high = claim.lower, claim.upper
    if low is None and high is None:
        return _("no figure") if claim.value is None else local_number(claim.value)
    if low == high:
        return local_number(low)
    words = str(term(claim.qualifier)) if claim.qualifier else ""
    stated = f"{words} {local_number(claim.value)}".strip() if claim.value is not None else words
    span = f"{local_number(low)}–{local_number(high) or '∞'}"
    return f"{stated} ({span})" if stated else span


def decision_words(conflict: Conflict) -> str:
    """ "preferred claim 12", "not a conflict: different scope", … for the card and the flash."""
    words = {
        "prefer": _("preferred claim %(id)s", id=conflict.outcome_claim_id),
        "set_aside": _("set claim %(id)s aside", id=conflict.outcome_claim_id),
        "different_scope": _("not a conflict: different scope"),
        "dismiss": _("closed without changing a figure"),
    }
    return words.get(conflict.outcome or "", "")
