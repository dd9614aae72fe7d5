"""Grouping needs into themes by the similarity of their texts, each theme with its dominant terms in French and English."""  # noqa: E501

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix

from enact_match.matching.analysis import CONCEPT, UNIGRAM, TextAnalyzer, guess_language
from enact_match.matching.records import NeedText
from enact_match.matching.sparse import count_matrix, weigh
from enact_match.matching.thesaurus import Thesaurus

# Two needs whose tf-idf cosine reaches this (on average between two groups) share a theme.
DEFAULT_MIN_SIMILARITY = 0.12


@dataclass(frozen=True)
class Theme:
    """A group of needs: their positions in the list given, and the terms that dominate their texts.

    A thesaurus concept gives its first term in each language; a plain word is listed in the
    language of the text that used it, as it was most often written.
    """

    members: tuple[int, ...]
    terms_fr: tuple[str, ...]
    terms_en: tuple[str, ...]


def _analyzer(thesaurus: Thesaurus, stopwords: frozenset[str]) -> TextAnalyzer:
    analyzer = TextAnalyzer(stopwords, bigrams=False)
    for concept in thesaurus:
        for language, terms in (("fr", concept.fr), ("en", concept.en)):
            for term in terms:
                analyzer.add_phrase(term, language, concept.concept_id)
    return analyzer


def _clusters(vectors: csr_matrix, min_similarity: float) -> list[list[int]]:
    """Average-linkage clustering on cosine distance, stopped at `1 - min_similarity` (deterministic)."""
    count = vectors.shape[0]
    if count < 2:
        return [list(range(count))]
    from sklearn.cluster import AgglomerativeClustering

    similarity = (vectors @ vectors.T).toarray()
    distance = np.clip(1.0 - similarity, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - min_similarity,
    ).fit_predict(distance)
    groups: dict[int, list[int]] = {}
    for position, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(position)
    return sorted(groups.values(), key=lambda members: (-len(members), members[0]))


def group_needs(
    needs: Sequence[NeedText],
    thesaurus: Thesaurus | None = None,
    stopwords: frozenset[str] | None = None,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    terms: int = 5,
) -> tuple[Theme, ...]:
    """Group needs whose texts resemble each other, and name each group by its dominant terms.

    Vectors are sublinear tf-idf of stems and thesaurus concepts over these needs only (a term
    common to all of them says little about any one group). Groups are made by average-linkage
    clustering on cosine distance; the result depends only on the needs and their order.

    Args:
        needs: the needs to group (title, description and keywords are read).
        thesaurus: concepts that join French and English wordings and name a theme in both.
        stopwords: words left out.
        min_similarity: the average cosine two groups need to be merged (0–1).
        terms: how many terms to give per language.

    Returns:
        The themes, largest first; every need is in exactly one (possibly alone).
    """
    thesaurus = thesaurus or Thesaurus()
    analyzer = _analyzer(thesaurus, stopwords or frozenset())
    features: list[list[int]] = []
    written: dict[int, Counter[tuple[str, str]]] = {}  # feature → (language, form) counts
    for need in needs:
        language = guess_language(f"{need.title}\n{need.description}")
        found: list[int] = []
        for text in (need.title, need.description, *need.keywords):
            for item in analyzer.tracked_features(text, language):
                found.append(item.feature)
                form = " ".join(text[item.start : item.end].lower().split())
                written.setdefault(item.feature, Counter())[(language, form)] += 1
        features.append(found)
    width = len(analyzer.vocabulary)
    counts = count_matrix(features, width)
    frequency = np.bincount(counts.indices, minlength=width).astype(np.float64)
    idf = np.log((1.0 + len(needs)) / (1.0 + frequency)) + 1.0
    vectors = weigh(counts, idf, sublinear=True)
    themes = []
    for members in _clusters(vectors, min_similarity) if needs else []:
        centroid = np.asarray(vectors[members].sum(axis=0)).ravel()
        fr, en = _dominant_terms(centroid, analyzer, thesaurus, written, terms)
        themes.append(Theme(tuple(members), fr, en))
    return tuple(themes)


def _dominant_terms(
    centroid: np.ndarray,
    analyzer: TextAnalyzer,
    thesaurus: Thesaurus,
    written: dict[int, Counter[tuple[str, str]]],
    limit: int,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The heaviest features of a group's centroid as terms in French and in English."""
    vocabulary = analyzer.vocabulary
    chosen: dict[str, list[str]] = {"fr": [], "en": []}
    # Heaviest first; ties broken by feature id so the order never depends on the platform's sort.
    for feature in np.lexsort((np.arange(len(centroid)), -centroid)).tolist():
        if centroid[feature] <= 0 or all(len(found) >= limit for found in chosen.values()):
            break
        kind = int(vocabulary.kinds[feature])
        if kind == CONCEPT:
            concept = thesaurus[vocabulary.name(feature)]
            candidates = {"fr": concept.fr[:1] or concept.en[:1], "en": concept.en[:1] or concept.fr[:1]}
        elif kind == UNIGRAM:
            (language, form), _count = min(written[feature].items(), key=lambda item: (-item[1], item[0]))
            candidates = {language: (form,)}
        else:
            continue
        for language, forms in candidates.items():
            found = chosen[language]
            for form in forms:
                # A phrase takes the place of its own words ("maintenance prédictive" of "prédictive"),
                # and a word already said inside a chosen phrase is not said again.
                words = form.split()
                found[:] = [term for term in found if len(words) == 1 or term not in words]
                if len(found) < limit and not any(form == term or form in term.split() for term in found):
                    found.append(form)
    return tuple(chosen["fr"]), tuple(chosen["en"])
