"""Every weight and switch of the matching engine, with the defaults the application ships."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineOptions:
    """Weights and switches of :class:`~enact_match.matching.engine.MatchingEngine`.

    The defaults are what the application ships; docs/matching.md explains the formula they feed
    and docs/benchmarks.md how they were chosen (general methods, checked on a labelled benchmark).

    Scoring
        profile_weight: share of the whole-profile cosine in the score; the rest goes to the best single
            piece of evidence (statement passage, keywords or publication). 1.0 = profile only.
        sublinear_tf: weigh a term ``1 + ln(count)`` instead of ``count`` (repeats matter less).
        bigrams: add pairs of consecutive content words as features.
        bigram_weight: weight of a bigram feature relative to a word.
        concept_weight: weight of a thesaurus concept feature relative to a word.
        title_repeats: how many times a need's title counts (a title is dense in topic words).
        profile_centroid: build a team's whole profile as the centroid of its pieces' unit vectors instead
            of weighing the summed counts of all its pieces (off: worse need_mrr, see docs/benchmarks.md).
        length_reference: need length (distinct features) up to which a need's score is not damped.
        length_exponent: a need longer than ``length_reference`` has its score multiplied by
            ``(length_reference / distinct features) ** length_exponent`` (0 = no damping). A long need
            shares words with every team by sheer length; the damping keeps a team's scores for long and
            short needs comparable. The reference is fixed (not a corpus mean) so that a score keeps its
            meaning when needs are added.
        score_scale: the similarity (0–1) is shown as ``100 × (1 − exp(−similarity / score_scale))``:
            a monotone curve, so rankings do not change, that spreads the useful range of TF-IDF
            similarities (0.02–0.3) over the 0–100 scale (0 = the plain ``100 × similarity``).
        passage_min_words: consecutive statement lines are gathered into passages of at least this many
            words, so that a one-line heading is not a piece of evidence on its own.
    Explanations
        explain_terms: at most this many shared terms per explanation.
        explain_evidence: at most this many evidence pieces per explanation.
        explain_forms: at most this many surface forms per term and text.
    Axes
        axis_concept_weight: weight of the thesaurus concepts' axes against the nearest-centroid score.
    Speed
        candidates: how many teams the fused sparse top-k product against the per-team score bounds keeps
            per need in ``best_pairs`` (at least ``top``) before they are scored exactly. Results stay
            exact whatever the value; when more than a tenth of a block's needs cannot be proven with it
            (many teams close to the top: large corpora), the next blocks double it, and those needs
            are retried with four times the pool, then ranked one by one.
        chunk_size: at most this many needs per block in ``best_pairs`` (progress and cancellation are checked
            between blocks).
        block_work: about this much work per block of ``best_pairs``: the summed lengths of the inverted-index
            rows (score bounds, one per team) of the block's need features, plus ``candidates`` × the
            need's features for the exact scoring, so that each native call (the fused top-k holds the
            GIL) stays short: under ~50 ms on a 2-core machine, whatever the corpus size.
        threads: threads of the sparse top-k product, used for blocks of at least 1,024 needs only (starting
            the threads costs more than a small block).
        processes: how many processes share ``best_pairs`` (contiguous shares of the needs, equal work;
            the others are forked children that inherit the index and send back their columns). Linux
            only, and only for at least 2,000 needs; 1 = this process alone. The command line uses the
            CPUs it may run on; the desktop app keeps 1 (forking a process that runs Qt threads is
            unsafe). Results are the same whatever the value.
    """

    profile_weight: float = 0.5
    sublinear_tf: bool = True
    bigrams: bool = True
    bigram_weight: float = 0.7
    concept_weight: float = 1.0
    title_repeats: int = 1
    profile_centroid: bool = False
    length_reference: int = 20
    length_exponent: float = 0.3
    score_scale: float = 0.15
    passage_min_words: int = 40
    explain_terms: int = 8
    explain_evidence: int = 5
    explain_forms: int = 3
    axis_concept_weight: float = 1.0
    candidates: int = 30
    chunk_size: int = 4096
    block_work: int = 600_000
    threads: int = 2
    processes: int = 1
