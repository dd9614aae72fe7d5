"""Pure matching engine: French/English text analysis, TF-IDF index, ranking and explanations (no Qt, no database)."""  # noqa: E501

from enact_match.matching.analysis import fold, guess_language, load_stopwords
from enact_match.matching.engine import MatchingCancelledError, MatchingEngine
from enact_match.matching.options import EngineOptions
from enact_match.matching.records import (
    AxisGuess,
    EvidenceScore,
    Explanation,
    NeedText,
    PairTable,
    PublicationText,
    Suggestion,
    TeamText,
    TermMatch,
)
from enact_match.matching.thesaurus import Concept, Thesaurus, ThesaurusError

__all__ = [
    "AxisGuess",
    "Concept",
    "EngineOptions",
    "EvidenceScore",
    "Explanation",
    "MatchingCancelledError",
    "MatchingEngine",
    "NeedText",
    "PairTable",
    "PublicationText",
    "Suggestion",
    "TeamText",
    "TermMatch",
    "Thesaurus",
    "ThesaurusError",
    "fold",
    "guess_language",
    "load_stopwords",
]
