"""Grouping needs into themes: similar needs together across languages, named in French and English."""

from __future__ import annotations

from enact_match.matching import NeedText, Thesaurus
from enact_match.matching.themes import group_needs

NEEDS = [
    NeedText("a", "Maintenance prédictive des laminoirs", "Anticiper les pannes du laminoir à chaud."),
    NeedText(
        "b", "Stockage de l’hydrogène en réservoir", "Réservoirs composites pour le stockage d’hydrogène."
    ),
    NeedText(
        "c", "Predictive maintenance of a rolling mill", "Predict failures of our rolling mill bearings."
    ),
    NeedText("d", "Hydrogen storage for buses", "Hydrogen storage tanks on city buses."),
    NeedText("e", "IRM cardiaque", "Segmentation du myocarde en IRM."),
]


def _groups(themes: tuple[object, ...]) -> set[frozenset[str]]:
    return {frozenset(NEEDS[i].key for i in theme.members) for theme in themes}  # type: ignore[attr-defined]


def test_needs_on_one_subject_group_together_across_french_and_english(
    thesaurus: Thesaurus, stopwords: frozenset[str]
) -> None:
    themes = group_needs(NEEDS, thesaurus, stopwords)
    assert _groups(themes) == {frozenset("ac"), frozenset("bd"), frozenset("e")}
    assert [len(theme.members) for theme in themes] == [2, 2, 1]  # largest first


def test_a_theme_is_named_by_thesaurus_terms_in_both_languages(
    thesaurus: Thesaurus, stopwords: frozenset[str]
) -> None:
    themes = group_needs(NEEDS, thesaurus, stopwords)
    mill = next(theme for theme in themes if 0 in theme.members)
    assert {"maintenance prédictive", "laminoir"} <= set(mill.terms_fr)
    assert {"predictive maintenance", "rolling mill"} <= set(mill.terms_en)
    # The words of a chosen phrase are not listed again on their own.
    assert "prédictive" not in mill.terms_fr and "predictive" not in mill.terms_en


def test_grouping_is_deterministic_and_every_need_is_in_one_theme(
    thesaurus: Thesaurus, stopwords: frozenset[str]
) -> None:
    first = group_needs(NEEDS, thesaurus, stopwords)
    assert first == group_needs(NEEDS, thesaurus, stopwords)
    assert sorted(i for theme in first for i in theme.members) == list(range(len(NEEDS)))


def test_no_need_gives_no_theme_and_one_need_one_theme() -> None:
    assert group_needs([]) == ()
    (alone,) = group_needs(NEEDS[:1])
    assert alone.members == (0,) and alone.terms_fr
