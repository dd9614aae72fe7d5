"""Thematic axis suggestion: nearest axis centroid of labelled texts plus the axes of thesaurus concepts."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix

from enact_match.matching.records import AxisGuess
from enact_match.matching.sparse import widen


class AxisModel:
    """Scores every known axis for tf-idf vectors.

    ``score(axis) = cos(text, centroid(axis)) + concept_weight × share of the text's concept weight
    carried by concepts of that axis``; the confidences of one text are its scores divided by their sum.
    A centroid is the normalised sum of the unit vectors of the labelled texts carrying the axis.
    """

    def __init__(
        self,
        axes: Sequence[int],
        centroids: csr_matrix,
        concept_axes: csr_matrix,
        concept_weight: float,
    ) -> None:
        self.axes = np.asarray(axes, dtype=np.int64)
        self._centroids = centroids
        self._concept_axes = concept_axes
        self._concept_weight = concept_weight

    @classmethod
    def build(
        cls,
        labelled: csr_matrix,
        labels: Sequence[frozenset[int]],
        concept_labels: dict[int, frozenset[int]],
        concept_weight: float,
    ) -> AxisModel:
        """Centroids from ``labelled`` unit rows and their axis sets; ``concept_labels``: feature → axes."""
        axes = sorted(set().union(*labels, *concept_labels.values()))
        position = {axis: i for i, axis in enumerate(axes)}
        width = labelled.shape[1]
        rows = [position[axis] for axis_set in labels for axis in axis_set]
        columns = [doc for doc, axis_set in enumerate(labels) for _ in axis_set]
        membership = csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(axes), labelled.shape[0]))
        sums = membership @ labelled
        norms = np.sqrt(np.asarray(sums.multiply(sums).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        centroids = csr_matrix(sums.multiply(1.0 / norms[:, None]))
        concept_rows = [position[axis] for axis_set in concept_labels.values() for axis in axis_set]
        concept_columns = [feature for feature, axis_set in concept_labels.items() for _ in axis_set]
        concept_axes = csr_matrix(
            (np.ones(len(concept_rows)), (concept_rows, concept_columns)),
            shape=(len(axes), max(width, *concept_columns, -1) + 1),
        )
        return cls(axes, centroids, concept_axes, concept_weight)

    def guesses(self, vectors: csr_matrix) -> list[tuple[AxisGuess, ...]]:
        """For each row of ``vectors``, the axes with a positive score, most confident first."""
        scores = self._scores(vectors)
        if scores is None:
            return [() for _ in range(vectors.shape[0])]
        sums = scores.sum(axis=1, keepdims=True)
        # every row sorted at once (a per-row argsort is most of the cost for 10,000 texts)
        order = np.argsort(-scores, axis=1, kind="stable")
        ranked = np.take_along_axis(scores, order, axis=1)
        shares = ranked / np.where(sums > 0, sums, 1.0)
        axes = self.axes[order].tolist()
        return [
            tuple(AxisGuess(axis, share) for axis, share, score in zip(*row, strict=True) if score > 0)
            for row in zip(axes, shares.tolist(), ranked.tolist(), strict=True)
        ]

    def best(self, vectors: csr_matrix) -> list[int | None]:
        """For each row of ``vectors``, the first axis of :meth:`guesses` (None when it has none)."""
        scores = self._scores(vectors)
        if scores is None:
            return [None] * vectors.shape[0]
        # argmax gives the first of equal maxima, as the stable sort of guesses() does
        first = np.argmax(scores, axis=1)
        positive = scores[np.arange(len(first)), first] > 0
        axes = self.axes[first].tolist()
        return [axis if found else None for axis, found in zip(axes, positive.tolist(), strict=True)]

    def _scores(self, vectors: csr_matrix) -> np.ndarray | None:
        """Rows × known axes scores (None when no axis is known)."""
        count, width = vectors.shape
        if not len(self.axes):
            return None
        width = max(width, self._centroids.shape[1], self._concept_axes.shape[1])
        vectors = widen(vectors, count, width)
        scores = (vectors @ widen(self._centroids, len(self.axes), width).T).toarray()
        concepts = (vectors @ widen(self._concept_axes, len(self.axes), width).T).toarray()
        totals = concepts.sum(axis=1, keepdims=True)
        scores += self._concept_weight * np.divide(
            concepts, totals, out=np.zeros_like(concepts), where=totals > 0
        )
        return scores
