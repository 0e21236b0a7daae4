"""English words for extraction (wire-copy phrasing: Reuters, AP, AFP)."""

from __future__ import annotations

from factcheck.domain.extraction.lexicon import Lexicon
from factcheck.domain.extraction.lexicon import words_regex as w

_DAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_MONTHS = (
    "january february march april may june july august september october november december".split()
)

EN = Lexicon(
    language="en",
    metric_after=(
        (
            r"(?:are|were|remain(?:ed|s)?|still)\s+(?:being\s+)?(?:held\s+)?(?:in|under)\s+(?:custody|detention)"
            r"|still\s+(?:being\s+)?(?:held|detained)|in\s+custody",
            "in_custody",
        ),
        (
            r"killed|died|dead|deaths?|lost\s+their\s+lives|perished|fatalities|bodies\s+(?:had\s+been\s+|have\s+been\s+|were\s+)?"
            r"(?:buried|recovered|found|retrieved)"
            # the military's euphemisms, often in quotation marks
            r"|(?:were\s+|was\s+|been\s+)?(?:neutrali[sz]ed|eliminated)"
            r"|paid\s+the\s+(?:supreme|ultimate)\s+(?:sacrifice|price)",
            "killed",
        ),
        (
            r"injured|wounded|hurt|injuries|hospitali[sz]ed"
            r"|(?:being\s+)?treated\s+(?:in|at)\s+(?:\w+\s+)?hospitals?",
            "injured",
        ),
        (r"missing|unaccounted\s+for|whereabouts\s+(?:are\s+|remain\s+)?unknown", "missing"),
        (
            r"detained|arrested|taken\s+into\s+custody|detentions|arrests|(?:were|being)\s+held",
            "detained",
        ),
        (
            r"displaced|fled\s+their\s+homes|fled|homeless|uprooted|evacuated"
            r"|(?:taken|took|sought|seeking|taking)\s+shelter"
            r"|(?:living|staying|sheltering|housed|sleeping)\s+in\s+(?:(?:about|some|around|more\s+than)\s+)?"
            r"(?:[\d.,]+\s+)?(?:\w+\s+)?(?:camps|shelters|tents|(?:evacuation\s+)?cent(?:re|er)s)",
            "displaced",
        ),
    ),
    metric_before=(
        (
            r"killed|killing|kills|deaths|dead|death\s+toll|toll"
            r"|neutrali[sz](?:ed|ing)|eliminat(?:ed|ing)",
            "killed",
        ),
        (r"injured|injuring|wounded|wounding", "injured"),
        (r"detained|detaining|arrested|arresting|detain|arrest", "detained"),
        (r"displaced|displacing|displacement\s+of", "displaced"),
    ),
    toll_nouns=(
        (
            r"death\s+toll|toll|deaths|dead"
            r"|(?:number|count|tally)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?"
            r"(?:dead|deaths|killed|fatalities|who\s+(?:have\s+|had\s+)?(?:died|been\s+killed))",
            "killed",
        ),
        (
            r"(?:number|count|tally)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:injured|wounded)|injured",
            "injured",
        ),
        (r"number\s+of\s+(?:the\s+)?missing|missing", "missing"),
    ),
    change_verbs=r"(?:rose|risen|climbed|jumped|increased|grew|soared|reached|hit|stood|stands|put)(?:\s+\w+){0,2}\s+(?:to|at)"
    r"|(?:could|may|might|would|will)\s+(?:reach|rise\s+to|exceed|top)|reached|topped|passed"
    r"|(?:rise|climb|run|go)\s+into\s+the|exceeded|surpassed",
    links=frozenset(
        "the at to of is was were now has had included includes including put rose climbed stood reached "
        "could may might reach another further a total".split()
    ),
    gap_words=frozenset(
        "people persons others individuals more further were was have has had been are is still "
        "reportedly also of them the among who being now those some in suspected alleged".split()
    ),
    generic_people=frozenset("people persons others individuals person".split()),
    categories=(
        ("members of the security forces", "security forces"),
        ("security forces", "security forces"),
        ("security officers", "security forces"),
        ("security personnel", "security forces"),
        ("law enforcement officers", "security forces"),
        ("law enforcement", "security forces"),
        ("police officers", "police"),
        ("policemen", "police"),
        ("police", "police"),
        (
            "officers",
            "security forces",
        ),  # bare "officers": police or military, the speaker does not say
        ("soldiers", "military"),
        ("servicemen", "military"),
        ("troops", "military"),
        ("civilians", "civilians"),
        ("residents", "civilians"),
        ("bystanders", "civilians"),
        ("villagers", "civilians"),
        ("protesters", "protesters"),
        ("demonstrators", "protesters"),
        ("children", "children"),
        ("minors", "children"),
        ("women", "women"),
        ("foreign nationals", "foreign nationals"),
        ("foreigners", "foreign nationals"),
        ("armed criminals", "armed assailants"),
        ("militants", "armed assailants"),
        ("gunmen", "armed assailants"),
        ("attackers", "armed assailants"),
        ("assailants", "armed assailants"),
        ("bandits", "armed assailants"),
        ("insurgents", "armed assailants"),
        ("rebels", "armed assailants"),
        ("terrorists", "armed assailants"),
        ("fighters", "armed assailants"),
    ),
    troop_nouns=r"troops|peacekeepers|soldiers|servicemen|personnel",
    deploy_verbs=r"sent|send|sending|deployed|deploy|deploying|dispatched|dispatch|arrived|flown\s+in",
    units=frozenset(
        "year years year-old percent per % km kilometres kilometers miles metres meters kg tons tonnes "
        "houses homes buildings days hours minutes seconds dollars times cases vehicles schools villages "
        "districts magnitude views degrees am pm gmt jan feb mar apr jun jul aug sep sept oct nov dec "
        "bst".split()
        + _MONTHS
    ),
    not_after=frozenset(
        "no page route magnitude level version $ us$ usd € £ rp article chapter".split()
        + _MONTHS
        + "jan feb mar apr jun jul aug sep sept oct nov dec".split()  # "on Feb. 7 to 1,370"
    ),
    including=r"including|among\s+them|of\s+whom|among\s+whom",
    range_joiners=r"to|-|–",
    between=("between", "and"),
    estimate=r"estimated?|estimates|an\s+estimated|estimation",
    projection=r"could|may|might|feared|fears?|expected\s+to|likely\s+to|would|set\s+to",
    speech_before=w(
        [
            "said",
            "says",
            "say",
            "told",
            "tells",
            "claimed",
            "reported",
            "announced",
            "denied",
            "denies",
            "accused",
            "accuses",
            "alleged",
            "alleges",
            "blamed",
            "blames",
            "warned",
            "estimated",
            "withdrew",
            "retracted",
            "added",
            "confirmed",
            "stated",
            "insisted",
            "described",
            "defended",
            "put",
            "acknowledged",
            "admitted",
            "rejected",
            "dismissed",
            # who revises a figure says the new one ("Hatay's governor's office corrected …")
            "corrected",
            "revised",
            "lowered",
            "amended",
        ]
    ),
    speech_after=w(
        ["said", "says", "told reporters", "told", "added", "reported", "stated", "warned", "wrote"]
    ),
    according_to=r"according\s+to",
    pronoun_tags=r"(?:he|she|they|it)\s+(?:said|says|added|told\s+\w+)",
    participles=w(
        ["saying", "adding", "claiming", "blaming", "accusing", "denying", "insisting", "warning"]
    ),
    pronouns=frozenset("he she they it his her their".split()),
    np_strip_lead=frozenset(
        "and but while as when after before since until on in at which who that also "
        "however meanwhile".split()
        + _DAYS
    ),
    np_strip_tail=frozenset(
        "has have had also later separately earlier previously repeatedly already on "
        "then first initially".split()
        + _DAYS
    ),
    that="that",
    accuse_verbs=w(
        ["accused", "accuses", "accusing", "alleged", "alleges", "blamed", "blames", "blaming"]
    ),
    deny_verbs=w(["denied", "denies", "denying", "rejected", "dismissed", "refuted", "disputed"]),
    negations=r"never|did\s+not|didn't|had\s+not|hadn't|has\s+not|was\s+not|were\s+not|is\s+not|are\s+not"
    r"|not\s+involved|no\s+evidence",
    accusations=(
        (r"coup(?:\s+d'etat)?|coup\s+attempt|putsch", "coup", False),
        (r"seizure\s+of\s+power|seize\s+power|overthrow", "coup", True),
        (
            r"foreign-trained|mercenar\w+|foreign\s+(?:fighters|militants|agents)|(?:fighters|militants)\s+from",
            "foreign",
            False,
        ),
        (r"terrorists?|terrorism", "terror", False),
        (r"orchestrated|masterminded|instigated|behind\s+the|provocateurs", "plot", False),
        (
            r"fir(?:ed|ing|e)\s+(?:\w+\s+){0,3}(?:on|into|at)|opened\s+fire|shot\s+by|shot\s+dead|attack(?:ed|ing)",
            "violence",
            False,
        ),
        (r"tortured?|torturing|beaten|excessive\s+force|live\s+ammunition|abused", "abuse", False),
        (r"hamper(?:ed|ing)?|obstruct(?:ed|ing)?|neglect(?:ed)?", "negligence", False),
        (r"staged|fabricated|propaganda|disinformation", "fabrication", False),
    ),
    disowned=r"figures?|death\s+toll|toll|numbers?|data",
    inquiry=r"investigat\w+|probe|inquiry|looking\s+into",
    retraction=r"withdr(?:ew|awn)\s+(?:the|its|their|those|that|this|these|a|an)\s+(?:\w+\s+)?"
    r"(?:report|figures?|numbers?|statement|claims?|toll|data|post|tweet|estimate)"
    r"|(?:report|figures?|numbers?|statement|claims?|toll|data|estimate)\s+(?:was|were|has\s+been|had\s+been)\s+withdrawn"
    r"|retract(?:ed|s)?|(?:posted|published|released|issued|given\s+out|put\s+out)\s+in\s+error|by\s+mistake"
    r"|(?:was|were|had\s+been)\s+pulled|(?:deleted|removed|took\s+down)\s+(?:the|its|that)\s+(?:figure|report|post)",
    weekdays={d: i for i, d in enumerate(_DAYS)} | {d[:3]: i for i, d in enumerate(_DAYS)},
    months={m: i + 1 for i, m in enumerate(_MONTHS)}
    | {m[:3]: i + 1 for i, m in enumerate(_MONTHS)}
    | {"sept": 9},
    relative_days={"today": 0, "yesterday": -1, "tonight": 0},
    earlier=r"earlier|previously|before\s+that|until",
    exceed_verbs=r"passed|passes|topped|tops|exceeded|exceeds|surpassed|surpasses",
    revise_verbs=r"corrected|revised|lowered|amended|raised|cut|reduced|updated|adjusted",
    revise_to=r"(?:down\s+|up\s+)?to",
    revise_from=r"from\s+(?:the\s+|an?\s+|its\s+)?(?:earlier\s+|previous\s+)?(?:figure\s+of\s+)?"
    r"|(?:the\s+|its\s+|an?\s+)?(?:earlier\s+|previous\s+)?(?:figure|count|toll|tally)\s+of",
    elided_after=r"(?:others?|more)?\s*(?:of\s+them)?(?!\w)",
    place_preps=r"in|at|across|inside",
    where=r",?\s*where",
    with_figure=r"with",
    as_of=r"as\s+(?:of|at)",
    place_anaphors=r"the\s+(?:province|city|region|district|state|country|area|town|regency|village)",
    severity=r"seriously|critically|severely|in\s+(?:a\s+)?(?:serious|critical)\s+condition|serious|critical",
    earlier_figure=r"(?:up|down|rising|falling)\s+from|compared\s+with",
    local_authority=r"governor'?s?|governorate|mayor'?s?|provincial|regional\s+government|district\s+chief",
    place_generic=frozenset(
        "the of province provincial city region district state area areas country town regency "
        "village county western eastern northern southern central".split()
    ),
    timezones={
        "gmt": "+00:00",
        "utc": "+00:00",
        "bst": "+01:00",
        "cet": "+01:00",
        "cest": "+02:00",
        "est": "-05:00",
        "edt": "-04:00",
        "wib": "+07:00",
        "almt": "+06:00",
    },
)
