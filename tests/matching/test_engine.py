"""Engine behaviour: golden rankings in French and English, explanations, axes, exclusions, freshness."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from enact_match.matching import (
    EngineOptions,
    MatchingCancelledError,
    MatchingEngine,
    NeedText,
    PublicationText,
    TeamText,
    Thesaurus,
)

TEAMS = (
    TeamText(
        "steel",
        "We develop predictive maintenance for rolling mills: time series of vibration sensors, "
        "anomaly detection and remaining useful life estimation in steel plants.",
        keywords=("predictive maintenance", "time series", "rolling mills"),
        axes=frozenset({1}),
    ),
    TeamText(
        "imaging",
        "Imagerie par résonance magnétique (IRM) du cerveau : segmentation des tumeurs, reconstruction "
        "rapide des images et quantification de la perfusion.",
        axes=frozenset({3}),
    ),
    TeamText(
        "polymers",
        "Chimie des polymères biosourcés, matériaux composites et recyclage des plastiques.",
        publications=(
            PublicationText(
                "pub-h2",
                "Hydrogen storage in magnesium hydrides",
                "Solid-state hydrogen storage: hydrogen absorption in ball-milled magnesium hydrides.",
                2023,
            ),
            PublicationText(
                "pub-resin", "Epoxy resins from lignin", "Curing of lignin-based epoxy resins.", 2021
            ),
        ),
        axes=frozenset({2}),
    ),
    TeamText(
        "wind",
        "Aerodynamics of wind turbine blades, wake modelling and wind farm layout optimisation.",
    ),
)

NEEDS = (
    NeedText(
        "laminoir",
        "Maintenance prédictive de laminoirs",
        "Nous voulons anticiper les pannes de nos laminoirs par l'analyse de séries temporelles.",
        axes=frozenset({1}),
    ),
    NeedText(
        "mri",
        "MRI brain tumour segmentation",
        "We need fast segmentation of brain tumours in magnetic resonance imaging scans.",
        axes=frozenset({2}),
    ),
    NeedText(
        "hydrogen",
        "Stockage de l'hydrogène",
        "Nous cherchons une solution de stockage d'hydrogène solide à base d'hydrures de magnésium.",
    ),
    NeedText("wind-need", "Wind farm layout", "Optimise the layout of a wind farm to reduce wake losses."),
)


@pytest.fixture
def engine(thesaurus: Thesaurus, stopwords: frozenset[str]) -> MatchingEngine:
    engine = MatchingEngine(thesaurus, EngineOptions(), stopwords)
    engine.fit(NEEDS, TEAMS)
    return engine


def test_french_need_finds_the_english_team_first(engine: MatchingEngine) -> None:
    ranked = engine.teams_for_need("laminoir", explain=False)
    assert ranked[0].team_key == "steel"
    assert ranked[0].score > 2 * max((s.score for s in ranked[1:]), default=0)


def test_english_need_finds_the_french_team_first(engine: MatchingEngine) -> None:
    assert engine.teams_for_need("mri", explain=False)[0].team_key == "imaging"


def test_one_publication_carries_a_match_and_is_named(engine: MatchingEngine) -> None:
    best = engine.teams_for_need("hydrogen")[0]
    assert best.team_key == "polymers"
    assert best.explanation is not None
    first = best.explanation.evidence[0]
    assert (first.kind, first.key, first.title) == (
        "publication",
        "pub-h2",
        "Hydrogen storage in magnesium hydrides",
    )
    assert [e.score for e in best.explanation.evidence] == sorted(
        (e.score for e in best.explanation.evidence), reverse=True
    )


def test_explanation_pairs_french_and_english_words_of_a_concept(engine: MatchingEngine) -> None:
    explanation = engine.explain("laminoir", "steel")
    by_concept = {term.concept: term for term in explanation.terms if term.concept}
    term = by_concept["predictive_maintenance"]
    assert "maintenance prédictive" in term.need_forms
    assert "predictive maintenance" in term.team_forms
    assert "rolling_mill" in by_concept
    shares = [t.share for t in explanation.terms]
    assert all(share > 0 for share in shares)
    assert sum(shares) <= 1 + 1e-9


def test_words_covered_by_a_shared_phrase_are_merged_into_it(engine: MatchingEngine) -> None:
    explanation = engine.explain("laminoir", "steel")
    listed = [form for term in explanation.terms for form in term.need_forms]
    assert "maintenance prédictive" in listed
    assert "prédictive" not in listed and "maintenance" not in listed
    shares = [t.share for t in explanation.terms]
    assert sum(shares) <= 1 + 1e-9


def test_forms_are_lower_case_except_acronyms(engine: MatchingEngine) -> None:
    explanation = engine.explain("mri", "imaging")
    need_forms = {form for term in explanation.terms for form in term.need_forms}
    team_forms = {form for term in explanation.terms for form in term.team_forms}
    assert "MRI" in need_forms or any("MRI" in form for form in need_forms)
    assert all(form == form.lower() for form in need_forms if "MRI" not in form)
    assert any("IRM" in form for form in team_forms)  # an acronym keeps its capitals


def test_score_pair_gives_the_ranking_score_and_an_explanation(engine: MatchingEngine) -> None:
    ranked = {s.team_key: s for s in engine.teams_for_need("laminoir", top=10, explain=False)}
    pair = engine.score_pair("laminoir", "steel")
    assert pair.score == ranked["steel"].score
    assert pair.rank == 0
    assert pair.explanation is not None
    assert {t.concept for t in pair.explanation.terms} >= {"predictive_maintenance"}
    assert not pair.cross_axis
    unrelated = engine.score_pair("laminoir", "imaging", explain=False)
    assert unrelated.explanation is None
    assert unrelated.score == ranked.get("imaging", unrelated).score
    with pytest.raises(KeyError):
        engine.score_pair("laminoir", "nobody")


def test_scores_are_in_0_100_best_first_with_ranks_from_1(engine: MatchingEngine) -> None:
    ranked = engine.teams_for_need("wind-need", top=10, explain=False)
    assert [s.rank for s in ranked] == list(range(1, len(ranked) + 1))
    assert all(0 < s.score <= 100 for s in ranked)
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)


def test_a_text_identical_to_the_need_scores_100(stopwords: frozenset[str]) -> None:
    engine = MatchingEngine(None, EngineOptions(score_scale=0), stopwords)
    # a short need (below the length reference, so not damped); bigrams do not cross from title to text
    engine.fit([NeedText("n", "", "Wind turbine blades")], [TeamText("t", "wind turbine blades")])
    assert engine.teams_for_need("n", explain=False)[0].score == pytest.approx(100.0, abs=1e-3)


def test_the_shown_score_is_a_monotone_curve_of_the_similarity(stopwords: frozenset[str]) -> None:
    needs = [
        NeedText("n", "", "wind turbine blades"),
        NeedText("m", "", "wind turbine blades fatigue cracks"),
    ]
    teams = [TeamText("t", "wind turbine blades"), TeamText("u", "fatigue of welded steel joints in bridges")]
    raw = MatchingEngine(None, EngineOptions(score_scale=0), stopwords)
    shown = MatchingEngine(None, EngineOptions(score_scale=0.15), stopwords)
    for engine in (raw, shown):
        engine.fit(needs, teams)
    pairs = [("n", "t"), ("m", "t"), ("m", "u")]
    raw_scores = [raw.score_pair(need, team, explain=False).score for need, team in pairs]
    shown_scores = [shown.score_pair(need, team, explain=False).score for need, team in pairs]
    assert sorted(range(3), key=raw_scores.__getitem__) == sorted(range(3), key=shown_scores.__getitem__)
    for similarity, score in zip(raw_scores, shown_scores, strict=True):
        assert score == pytest.approx(100 * (1 - math.exp(-similarity / 100 / 0.15)), abs=1e-3)
    assert shown_scores[0] > 99


def test_axis_filter_keeps_only_teams_of_the_axis_and_flags_cross_axis(engine: MatchingEngine) -> None:
    ranked = engine.teams_for_need("mri", axis=3, explain=False)
    assert [s.team_key for s in ranked] == ["imaging"]
    assert ranked[0].cross_axis  # need on axis 2, team on axis 3: flagged, not hidden
    assert not engine.teams_for_need("laminoir", explain=False)[0].cross_axis


def test_team_without_axes_gets_suggested_ones_and_the_explanation_says_so(engine: MatchingEngine) -> None:
    explanation = engine.explain("hydrogen", "polymers")
    assert explanation.axes_suggested  # the need has no axes of its own
    assert explanation.need_axes == frozenset({2})  # hydrogen storage is a concept of axis 2
    assert [s.team_key for s in engine.teams_for_need("hydrogen", axis=2, explain=False)] == ["polymers"]


def test_suggest_axes_uses_concept_axes_and_labelled_texts(engine: MatchingEngine) -> None:
    guesses = engine.suggest_axes("Séries temporelles de capteurs pour la maintenance prédictive")
    assert guesses[0].axis == 1
    assert sum(g.confidence for g in guesses) == pytest.approx(1.0)


def test_excluded_teams_and_pairs_never_appear(engine: MatchingEngine) -> None:
    assert "steel" not in {s.team_key for s in engine.teams_for_need("laminoir", exclude={"steel"})}
    pairs = engine.best_pairs(top=3, excluded_pairs={("laminoir", "steel"), ("mri", "imaging")})
    found = {(s.need_key, s.team_key) for s in pairs}
    assert ("laminoir", "steel") not in found
    assert ("mri", "imaging") not in found
    assert ("hydrogen", "polymers") in found


def test_needs_for_team_ranks_needs_within_the_team(engine: MatchingEngine) -> None:
    ranked = engine.needs_for_team("steel", explain=False)
    assert ranked[0].need_key == "laminoir"
    assert ranked[0].rank == 1
    assert "laminoir" not in {s.need_key for s in engine.needs_for_team("steel", exclude={"laminoir"})}


def test_ad_hoc_text_scores_like_the_stored_need(engine: MatchingEngine) -> None:
    stored = engine.teams_for_need("laminoir", explain=False)
    ad_hoc = engine.teams_for_text(NEEDS[0], explain=False)
    assert [(s.team_key, s.score) for s in ad_hoc] == [(s.team_key, s.score) for s in stored]


def test_a_score_does_not_depend_on_the_other_teams(engine: MatchingEngine) -> None:
    before = {s.team_key: s.score for s in engine.teams_for_need("laminoir", explain=False)}
    engine.upsert_team(TeamText("other", "Rolling mills and steel plants, vibration of gearboxes."))
    after = {s.team_key: s.score for s in engine.teams_for_need("laminoir", explain=False)}
    assert "other" in after
    assert after["steel"] == before["steel"]


def test_upsert_and_remove_are_seen_by_the_next_query(engine: MatchingEngine) -> None:
    engine.upsert_team(
        TeamText("wind", "Predictive maintenance of rolling mills from time series, laminoirs.")
    )
    assert "wind" in {s.team_key for s in engine.teams_for_need("laminoir", explain=False)}
    assert "wind" not in {s.team_key for s in engine.teams_for_need("wind-need", explain=False)}
    engine.remove_team("steel")
    assert "steel" not in {s.team_key for s in engine.teams_for_need("laminoir", explain=False)}
    engine.upsert_need(NeedText("new", "Résonance magnétique", "IRM du cerveau"))
    assert engine.needs_for_team("imaging", explain=False)[0].need_key in {"new", "mri"}
    assert "new" in {s.need_key for s in engine.needs_for_team("imaging", explain=False)}
    engine.remove_need("new")
    assert "new" not in {s.need_key for s in engine.needs_for_team("imaging", explain=False)}
    assert "new" not in {s.need_key for s in engine.best_pairs(top=4)}


def test_best_pairs_equals_one_by_one_ranking_even_with_a_tiny_candidate_pool(
    stopwords: frozenset[str],
) -> None:
    import random

    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(60)]
    teams = [
        TeamText(
            f"t{i}", "\n".join(" ".join(rng.choices(vocabulary, k=12)) for _ in range(rng.randint(1, 4)))
        )
        for i in range(40)
    ]
    needs = [NeedText(f"n{i}", "", " ".join(rng.choices(vocabulary, k=6))) for i in range(30)]
    engine = MatchingEngine(None, EngineOptions(candidates=3, chunk_size=7, passage_min_words=5), stopwords)
    engine.fit(needs, teams)
    excluded = {("n0", "t1"), ("n3", "t5")}
    pairs = engine.best_pairs(top=5, excluded_pairs=excluded)
    for need in needs:
        one_by_one = engine.teams_for_need(
            need.key, top=5, explain=False, exclude={t for n, t in excluded if n == need.key}
        )
        assert [(s.team_key, s.score) for s in pairs if s.need_key == need.key] == [
            (s.team_key, s.score) for s in one_by_one
        ]


def test_fit_reports_progress_and_can_be_cancelled_keeping_the_old_index(engine: MatchingEngine) -> None:
    calls: list[tuple[int, int]] = []
    engine.fit(NEEDS, TEAMS, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (8, 8)
    with pytest.raises(MatchingCancelledError):
        engine.fit(NEEDS[:1], TEAMS[:1], cancelled=lambda: True)
    assert engine.teams_for_need("mri", explain=False)[0].team_key == "imaging"


def test_best_pairs_reports_progress_and_can_be_cancelled(engine: MatchingEngine) -> None:
    calls: list[tuple[int, int]] = []
    engine.best_pairs(progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (4, 4)
    with pytest.raises(MatchingCancelledError):
        engine.best_pairs(cancelled=lambda: True)


def test_importing_the_engine_does_not_import_scikit_learn() -> None:
    code = "import sys, enact_match.matching; print('sklearn' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("candidates", "chunk_size", "block_work"), [(1, 4, 10**9), (3, 7, 50), (8, 64, 1), (100, 4096, 10**9)]
)
def test_best_pairs_equals_teams_for_need_for_every_need_whatever_the_pool_and_blocks(
    stopwords: frozenset[str], candidates: int, chunk_size: int, block_work: int
) -> None:
    import random

    rng = random.Random(candidates)
    vocabulary = [f"w{i}" for i in range(80)]
    teams = [
        TeamText(
            f"t{i}", "\n".join(" ".join(rng.choices(vocabulary, k=12)) for _ in range(rng.randint(1, 5)))
        )
        for i in range(50)
    ]
    needs = [
        NeedText(
            f"n{i}",
            " ".join(rng.choices(vocabulary, k=2)),
            " ".join(rng.choices(vocabulary, k=rng.randint(1, 40))),
        )
        for i in range(60)
    ]
    options = EngineOptions(
        candidates=candidates, chunk_size=chunk_size, block_work=block_work, passage_min_words=5
    )
    engine = MatchingEngine(None, options, stopwords)
    engine.fit(needs, teams)
    pairs = engine.best_pairs(top=6)
    for need in needs:
        assert [(s.team_key, s.score, s.rank) for s in pairs if s.need_key == need.key] == [
            (s.team_key, s.score, s.rank) for s in engine.teams_for_need(need.key, top=6, explain=False)
        ]


def _random_corpus(seed: int, needs: int, teams: int, words: int) -> tuple[list[NeedText], list[TeamText]]:
    """Random needs and teams over ``words`` pseudo-words, some with axes, some teams with publications."""
    import random

    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(words)]
    team_texts = [
        TeamText(
            f"t{i}",
            "\n".join(
                " ".join(rng.choices(vocabulary, k=rng.randint(3, 15))) for _ in range(rng.randint(1, 6))
            ),
            keywords=tuple(rng.choices(vocabulary, k=rng.randint(0, 3))),
            publications=tuple(
                PublicationText(
                    f"p{i}-{j}",
                    " ".join(rng.choices(vocabulary, k=4)),
                    " ".join(rng.choices(vocabulary, k=20)),
                    2020,
                )
                for j in range(rng.randint(0, 3))
            ),
            axes=frozenset(rng.sample([1, 2, 3], rng.randint(0, 2))),
        )
        for i in range(teams)
    ]
    need_texts = [
        NeedText(
            f"n{i}",
            " ".join(rng.choices(vocabulary, k=2)),
            " ".join(rng.choices(vocabulary, k=rng.randint(1, 60))),
            axes=frozenset(rng.sample([1, 2, 3], rng.randint(0, 1))),
        )
        for i in range(needs)
    ]
    return need_texts, team_texts


@pytest.mark.parametrize(
    ("seed", "needs", "teams", "words", "candidates", "block_work", "top"),
    [
        (1, 40, 12, 30, 1, 10**9, 5),
        (2, 120, 60, 200, 3, 200, 10),
        (3, 200, 150, 400, 10, 5_000, 10),
        (4, 80, 300, 150, 30, 10**9, 20),
        (5, 150, 90, 60, 2, 1, 4),
    ],
)
@pytest.mark.parametrize("axis", [None, 2])
def test_best_pairs_and_pair_table_equal_teams_for_need_on_random_corpora_with_axis_and_exclusions(
    stopwords: frozenset[str],
    seed: int,
    needs: int,
    teams: int,
    words: int,
    candidates: int,
    block_work: int,
    top: int,
    axis: int | None,
) -> None:
    import random

    need_texts, team_texts = _random_corpus(seed, needs, teams, words)
    options = EngineOptions(candidates=candidates, chunk_size=37, block_work=block_work, passage_min_words=5)
    engine = MatchingEngine(None, options, stopwords)
    engine.fit(need_texts, team_texts)
    rng = random.Random(seed)
    excluded = {(f"n{rng.randrange(needs)}", f"t{rng.randrange(teams)}") for _ in range(needs)}
    # pairs that surely matter: each need's current best team
    for need in need_texts[::3]:
        best = engine.teams_for_need(need.key, top=1, axis=axis, explain=False)
        if best:
            excluded.add((need.key, best[0].team_key))
    pairs = engine.best_pairs(top=top, axis=axis, excluded_pairs=excluded)
    table = engine.best_pair_table(top=top, axis=axis, excluded_pairs=excluded)
    assert (table.need_keys, table.team_keys, table.scores, table.ranks, table.cross_axis) == (
        [s.need_key for s in pairs],
        [s.team_key for s in pairs],
        [s.score for s in pairs],
        [s.rank for s in pairs],
        [s.cross_axis for s in pairs],
    )
    block = engine._need_block()

    def need_axes(key: str) -> frozenset[int]:
        return block.effective_axes(block.slot[key])

    by_need: dict[str, list[tuple[str, float, int]]] = {}
    for item in pairs:
        by_need.setdefault(item.need_key, []).append((item.team_key, item.score, item.rank))
    checked = 0
    for need in need_texts:
        one_by_one = [
            (s.team_key, s.score, s.rank)
            for s in engine.teams_for_need(
                need.key,
                top=top,
                axis=axis,
                exclude={t for n, t in excluded if n == need.key},
                explain=False,
            )
        ]
        if axis is not None and axis not in need_axes(need.key):
            assert need.key not in by_need
            continue
        assert by_need.get(need.key, []) == one_by_one
        checked += 1
    assert checked > 0


@pytest.mark.parametrize("floor", [0.02, 0.2, 2.0])
def test_best_pair_table_stays_exact_whatever_floor_the_bound_product_is_given(
    stopwords: frozenset[str], monkeypatch: pytest.MonkeyPatch, floor: float
) -> None:
    """The floor only skips teams whose bound is below it: needs it leaves unproven are ranked again
    (2.0 is above every score: no need is proven by the first product)."""
    from enact_match.matching import engine as engine_module

    need_texts, team_texts = _random_corpus(3, 200, 150, 400)
    options = EngineOptions(candidates=10, chunk_size=37, block_work=5_000, passage_min_words=5)
    engine = MatchingEngine(None, options, stopwords)
    engine.fit(need_texts, team_texts)
    floors = []

    def fixed_floor(*args: object) -> float:
        floors.append(floor)
        return floor

    monkeypatch.setattr(engine_module, "_next_floor", fixed_floor)
    table = engine.best_pair_table(top=10)
    assert len(floors) > 1  # several blocks: all but the first were ranked with the floor
    for need in need_texts:
        expected = [
            (s.team_key, s.score, s.rank) for s in engine.teams_for_need(need.key, top=10, explain=False)
        ]
        found = [
            (team, score, rank)
            for key, team, score, rank in zip(
                table.need_keys, table.team_keys, table.scores, table.ranks, strict=True
            )
            if key == need.key
        ]
        assert found == expected


@pytest.mark.parametrize("bits", [8, 64])
def test_best_pair_table_stays_exact_when_team_signatures_let_absent_features_through(
    stopwords: frozenset[str], monkeypatch: pytest.MonkeyPatch, bits: int
) -> None:
    """With tiny signatures most features share a bit, so most look-ups of features a team lacks pass
    the signature and are searched in vain: the scores must not change."""
    from enact_match.matching import engine as engine_module

    need_texts, team_texts = _random_corpus(4, 120, 90, 300)
    monkeypatch.setattr(engine_module, "_SIGNATURE_BITS", bits)
    engine = MatchingEngine(None, EngineOptions(candidates=10, passage_min_words=5), stopwords)
    engine.fit(need_texts, team_texts)
    table = engine.best_pair_table(top=10)
    found: dict[str, list[tuple[str, float, int]]] = {}
    for key, team, score, rank in zip(
        table.need_keys, table.team_keys, table.scores, table.ranks, strict=True
    ):
        found.setdefault(key, []).append((team, score, rank))
    for need in need_texts:
        expected = [
            (s.team_key, s.score, s.rank) for s in engine.teams_for_need(need.key, top=10, explain=False)
        ]
        assert found.get(need.key, []) == expected


def test_a_team_signature_has_the_bit_of_each_of_its_features() -> None:
    import numpy as np
    from scipy.sparse import csr_matrix

    from enact_match.matching.engine import _SIGNATURE_BITS, _has_bits, _signatures

    rng = np.random.default_rng(3)
    dense = rng.random((30, 5 * _SIGNATURE_BITS)) < 0.01  # feature ids well past the signature's width
    slots = csr_matrix(dense.astype(np.int64))
    signatures = _signatures(slots)
    assert signatures.shape == (30, _SIGNATURE_BITS // 8)
    rows, features = np.nonzero(dense)
    assert _has_bits(signatures, rows, features).all()  # never rules out a feature the team has
    absent_rows, absent_features = np.nonzero(~dense)
    passed = _has_bits(signatures, absent_rows, absent_features)
    # a feature the team lacks passes only when it shares a bit with one it has
    shared = [
        bool((dense[row, np.arange(dense.shape[1]) % _SIGNATURE_BITS == feature % _SIGNATURE_BITS]).any())
        for row, feature in zip(absent_rows[:2000], absent_features[:2000], strict=True)
    ]
    assert passed[:2000].tolist() == shared
    assert passed.mean() < 0.1


def test_fit_builds_the_teams_inverted_indexes_and_leaves_the_needs_to_their_first_use(
    stopwords: frozenset[str],
) -> None:
    need_texts, team_texts = _random_corpus(5, 30, 20, 60)
    engine = MatchingEngine(None, EngineOptions(passage_min_words=5), stopwords)
    engine.fit(need_texts, team_texts)
    teams, needs = engine._team_block(), engine._need_block()
    assert {"vectors_t", "pieces_t"} <= set(vars(teams))
    assert "vectors_t" not in vars(needs)
    engine.best_pair_table(top=3)
    assert "vectors_t" not in vars(needs)  # the ranking of every need does not need it
    found = engine.needs_for_team(team_texts[0].key, top=3, explain=False)
    assert "vectors_t" in vars(needs) and found
    assert (needs.vectors_t != needs.vectors.T.tocsr()).nnz == 0


@pytest.mark.parametrize("k", [1, 2, 5])
def test_best_of_rows_keeps_the_k_best_positive_scores_of_each_row_and_gives_the_kth(k: int) -> None:
    import numpy as np

    from enact_match.matching.engine import _best_of_rows

    rng = np.random.default_rng(k)
    rows = np.sort(rng.integers(0, 40, 600))
    # ties, unscored (-1) and zero entries, tiny and large scores
    scores = rng.choice(
        np.array([-1.0, 0.0, 1e-30, 1e-7, 0.25, 0.25, 0.5, 0.75, 2.5], dtype=np.float32), 600
    ) * rng.choice(np.array([1.0, 1.0000001], dtype=np.float32), 600)
    scores = scores.astype(np.float32)
    positions = rng.permutation(np.flatnonzero(rng.random(600) < 0.7))  # some candidates, in any order
    kept, found = _best_of_rows(positions, scores, rows, 45, k)
    assert len(set(kept.tolist())) == len(kept) and set(kept.tolist()) <= set(positions.tolist())
    for row in range(45):
        mine = sorted((float(scores[i]) for i in positions if rows[i] == row and scores[i] > 0), reverse=True)
        assert found[row] == (mine[k - 1] if len(mine) >= k else 0.0)
        assert sorted((float(scores[i]) for i in kept if rows[i] == row), reverse=True) == mine[:k]


def test_leading_marks_the_first_k_items_of_each_row() -> None:
    import numpy as np

    from enact_match.matching.engine import _leading

    rows = np.array([0, 0, 0, 2, 3, 3, 3, 3])
    assert _leading(rows, 5, 2).tolist() == [True, True, False, True, True, True, False, False]
    assert _leading(rows, 5, 0).tolist() == [False] * 8
    assert _leading(np.zeros(0, dtype=np.int64), 3, 2).tolist() == []


@pytest.mark.parametrize("case", ["pieces in their profile", "profiles differ", "sums of zero"])
def test_the_bound_index_holds_every_bound_and_every_part_of_the_exact_score(case: str) -> None:
    """Checked entry by entry against dense arrays: the bounds ``w × profile + (1 − w) × piece maximum``
    (float64 sums as float32, no entry where the sum is 0), each slot's number, and each slot's piece
    values then profile value. The usual case (every feature of a piece in its team's profile) and the
    others (a profile missing or adding features, values of 0) must give the same index."""
    import numpy as np
    from scipy.sparse import csr_matrix

    from enact_match.matching.engine import _BoundIndex

    rng = np.random.default_rng(7)
    features, piece_start = 30, np.array([0, 3, 3, 4, 8, 10])  # 5 teams, the second without pieces
    teams, pieces = len(piece_start) - 1, int(piece_start[-1])
    piece_team = np.repeat(np.arange(teams), np.diff(piece_start))
    piece_values = (rng.random((pieces, features)) < 0.3) * rng.random((pieces, features))
    profile_values = np.zeros((teams, features))
    for team in range(teams):
        present = piece_values[piece_team == team].sum(axis=0) > 0
        profile_values[team, present] = rng.random(int(present.sum())) + 0.01
    if case == "profiles differ":
        profile_values[0, piece_values[0] > 0] = 0.0  # team 0's first piece: not in its profile
        profile_values[1, :5] = 0.5  # a profile without pieces
    piece_values = piece_values.astype(np.float32)
    profile_values = profile_values.astype(np.float32)
    pieces_t = csr_matrix(piece_values.T)
    profiles_t = csr_matrix(profile_values.T)
    if case == "sums of zero":  # stored zeros in both, at the same places
        pieces_t.data[::4] = 0.0
        dense_pieces = pieces_t.toarray()
        for feature, team in zip(*np.nonzero(profile_values.T), strict=True):
            if not dense_pieces[feature, piece_team == team].any():
                profiles_t[feature, team] = 0.0  # stored, like the piece values it sums
        piece_values = pieces_t.toarray().T
        profile_values = profiles_t.toarray().T
    alpha = 0.3
    index = _BoundIndex.build(profiles_t, pieces_t, piece_start, alpha)

    maxima = np.zeros((teams, features), dtype=np.float32)
    for team in range(teams):
        if (piece_team == team).any():
            maxima[team] = piece_values[piece_team == team].max(axis=0)
    bounds = (alpha * profile_values.astype(np.float64) + (1 - alpha) * maxima.astype(np.float64)).astype(
        np.float32
    )
    entries = list(zip(*np.nonzero(bounds), strict=True))  # (team, feature): slots are numbered team by team
    assert index.bounds_t.nnz == len(entries)
    assert np.array_equal(index.bounds_t.toarray(), bounds.T)
    assert np.array_equal(index.team_columns, np.diff(piece_start) + 1)
    slots = index.slots.toarray()
    parts = index.parts.toarray()
    for slot, (team, feature) in enumerate(entries):
        assert slots[team, feature] == slot + 1
        mine = np.arange(piece_start[team], piece_start[team + 1])
        expected = np.zeros(pieces + teams, dtype=np.float32)
        expected[mine] = piece_values[mine, feature]
        expected[pieces + team] = profile_values[team, feature]
        assert np.array_equal(parts[slot], expected)
    assert np.count_nonzero(slots) == len(entries)


def test_the_next_floor_is_half_the_first_percentile_of_the_top_th_scores() -> None:
    import numpy as np

    from enact_match.matching.engine import _next_floor

    # 3 rows, top 2: row 0 has 2 scores (0.5, 0.4), row 1 only one, row 2 three (0.9, 0.8, 0.1)
    rows = np.array([0, 0, 1, 2, 2, 2])
    scores = np.array([0.5, 0.4, 0.7, 0.9, 0.8, 0.1], dtype=np.float32)
    assert _next_floor(rows, scores, 3, 2) == pytest.approx(0.5 * np.percentile([0.4, 0.8], 1))
    assert _next_floor(rows, scores, 3, 4) == 0.0  # no row has 4 scores: no floor
    assert _next_floor(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32), 2, 1) == 0.0


def test_best_pairs_stays_exact_after_upserts_with_new_words(stopwords: frozenset[str]) -> None:
    need_texts, team_texts = _random_corpus(11, 60, 40, 80)
    engine = MatchingEngine(None, EngineOptions(candidates=3, passage_min_words=5), stopwords)
    engine.fit(need_texts, team_texts)
    engine.best_pairs(top=5)
    engine.upsert_team(TeamText("t-new", "zz1 zz2 w1 w2 w3\nzz3 w4 w5", keywords=("zz1",)))
    engine.upsert_need(NeedText("n-new", "zz1 zz2", "zz3 w1 w4 zz9"))
    engine.remove_team("t3")
    pairs = engine.best_pairs(top=5)
    assert any(item.need_key == "n-new" and item.team_key == "t-new" for item in pairs)
    for key in [need.key for need in need_texts] + ["n-new"]:
        assert [(s.team_key, s.score, s.rank) for s in pairs if s.need_key == key] == [
            (s.team_key, s.score, s.rank) for s in engine.teams_for_need(key, top=5, explain=False)
        ]


def test_the_best_axis_is_the_first_guess_also_on_ties_and_empty_rows() -> None:
    import numpy as np
    from scipy.sparse import csr_matrix

    from enact_match.matching.axes import AxisModel

    labelled = csr_matrix(np.array([[1.0, 0, 0, 0], [0, 1.0, 0, 0], [0, 0, 1.0, 0]]))
    model = AxisModel.build(
        labelled, [frozenset({3}), frozenset({1}), frozenset({2})], {3: frozenset({2})}, 1.0
    )
    vectors = csr_matrix(
        np.array(
            [
                [0.6, 0.8, 0, 0],  # axis 1 first
                [0.5, 0.5, 0, 0],  # a tie between axes 3 and 1: the first axis in axis order
                [0, 0, 0, 0],  # nothing: no axis
                [0, 0, 0.2, 0.9],  # the concept of axis 2
            ]
        )
    )
    guesses = model.guesses(vectors)
    assert model.best(vectors) == [found[0].axis if found else None for found in guesses]
    assert model.best(vectors) == [1, 1, None, 2]
