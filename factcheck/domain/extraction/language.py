"""Which language an article is in: py3langid (a maintained fork of langid.py), loaded once.

Indonesian and Malay are one macrolanguage that the model often confuses on
short text; their scores are pooled as "id", the language this project supports.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from factcheck.domain.vocabulary import LANGUAGES

_POOLED = {"ms": "id"}


@dataclass(frozen=True)
class LanguageGuess:
    code: str  # ISO 639-1
    probability: float
    supported: bool  # extraction has a lexicon for it


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> LanguageGuess:
    """The most likely language of `text`, Malay pooled into Indonesian."""
    scores: dict[str, float] = {}
    for code, probability in _identifier().rank(text)[:10]:
        code = _POOLED.get(code, code)
        scores[code] = scores.get(code, 0.0) + float(probability)
    code = max(scores, key=scores.__getitem__)
    return LanguageGuess(code, round(scores[code], 4), code in LANGUAGES)
