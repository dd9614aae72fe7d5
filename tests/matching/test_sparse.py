"""The direct calls of scipy's CSR kernels give what scipy's own indexing and product give."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse import random as sparse_random

from enact_match.matching import sparse
from enact_match.matching.sparse import count_rows, product_rows, sample_rows


def _matrix(rows: int, columns: int, density: float, seed: int, dtype: type = np.float32) -> csr_matrix:
    matrix = sparse_random(rows, columns, density=density, format="csr", dtype=dtype, random_state=seed)
    matrix.sort_indices()
    return matrix


@pytest.fixture(params=["bisection in place", "copied rows"])
def kernel_way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways :func:`sample_rows` calls scipy's kernel: with a row count of 0 (the rows are searched
    where they are), or, as with a scipy that does not allow it, on copied rows."""
    if request.param == "copied rows":
        monkeypatch.setattr(sparse, "_bisects_past_row_count", lambda: False)
    return str(request.param)


def test_this_scipy_lets_the_kernel_bisect_in_place() -> None:
    # the fast way is the one the pinned scipy takes (else only the copies would ever run)
    assert sparse._bisects_past_row_count()


@pytest.mark.parametrize("size", [50, 3000])  # more look-ups than a tenth of the entries, or fewer
def test_sample_rows_reads_the_chosen_rows_stored_values_and_zeros_elsewhere(
    size: int, kernel_way: str
) -> None:
    matrix = _matrix(size, 40, 0.2, seed=1)
    rng = np.random.default_rng(2)
    rows = np.array([3, 17, size - 1, 0])[rng.integers(0, 4, 500)]  # the last row and the first among them
    columns = rng.integers(0, 40, 500)
    expected = np.asarray(matrix[rows, columns]).ravel()
    found = sample_rows(matrix, rows, columns)
    assert found.dtype == matrix.dtype
    assert np.array_equal(found, expected)
    assert (found == 0).any() and (found != 0).any()


def test_sample_rows_of_a_matrix_with_unsorted_rows(kernel_way: str) -> None:
    # a bisection would miss entries of an unsorted row: such a matrix is scanned
    matrix = csr_matrix(
        (np.array([1.0, 2.0, 3.0, 4.0, 5.0]), np.array([4, 1, 3, 0, 2]), np.array([0, 3, 5])), shape=(2, 5)
    )
    assert not matrix.has_canonical_format
    rows = np.repeat([0, 1], 5)
    columns = np.tile(np.arange(5), 2)
    found = sample_rows(matrix, rows, columns)
    assert found.tolist() == [0.0, 2.0, 0.0, 3.0, 1.0, 4.0, 0.0, 5.0, 0.0, 0.0]


def test_sample_rows_of_integer_slots_and_of_nothing(kernel_way: str) -> None:
    slots = csr_matrix(
        (np.arange(1, 4, dtype=np.int64), np.array([1, 4, 2]), np.array([0, 2, 2, 3])), shape=(3, 5)
    )
    assert sample_rows(slots, np.array([0, 0, 2, 2]), np.array([4, 3, 2, 1])).tolist() == [2, 0, 3, 0]
    assert sample_rows(slots, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)).size == 0


def test_product_rows_is_scipys_product_bit_for_bit() -> None:
    left = _matrix(30, 60, 0.3, seed=3)
    right = _matrix(60, 25, 0.2, seed=4)
    left.data *= 1e3  # sums of terms of different sizes: their order shows in the last bits
    expected = (left @ right).tocsr()
    capacity = 30 * 25
    indptr, indices, data = product_rows(left.indptr, left.indices, left.data, right, capacity)
    found = csr_matrix((data, indices, indptr), shape=expected.shape)
    assert found.dtype == np.float32
    assert np.array_equal(found.toarray(), expected.toarray())
    assert found.nnz == expected.nnz


def test_product_rows_with_empty_left_rows() -> None:
    right = _matrix(10, 8, 0.5, seed=5)
    indptr, indices, data = product_rows(
        np.array([0, 0, 2, 2]), np.array([1, 3]), np.array([0.5, 2.0], dtype=np.float32), right, 3 * 8
    )
    expected = csr_matrix(
        (np.array([0.5, 2.0], dtype=np.float32), np.array([1, 3]), np.array([0, 0, 2, 2])), shape=(3, 10)
    )
    assert indptr.tolist()[0:2] == [0, 0] and indptr[2] == indptr[3]
    found = csr_matrix((data, indices, indptr), shape=(3, 8)).toarray()
    assert np.array_equal(found, (expected @ right).toarray())


def test_count_rows_sums_the_occurrences_of_each_row_whatever_their_order() -> None:
    """Pieces of (row, feature, count) occurrences, in row order (as the analysis gives them) or not:
    the same canonical matrix (sorted features, repeats summed, empty rows kept)."""
    rng = np.random.default_rng(3)
    rows = np.sort(rng.integers(0, 40, 500))
    rows[rows == 7] = 8  # an empty row inside
    columns = rng.integers(0, 30, 500)
    counts = rng.choice([1.0, 2.0, 3.0], 500)
    expected = np.zeros((45, 30))
    np.add.at(expected, (rows, columns), counts)
    shuffled = rng.permutation(500)
    in_order = np.arange(500)
    for pieces in (
        np.array_split(in_order, 4),  # rows shared by two pieces
        np.split(in_order, np.searchsorted(rows, [10, 10, 20, 30])),  # pieces ending with a row, one empty
        np.array_split(shuffled, 4),
    ):
        matrix = count_rows(
            [rows[p] for p in pieces], [columns[p] for p in pieces], [counts[p] for p in pieces], (45, 30)
        )
        assert matrix.has_canonical_format
        assert matrix.indices.dtype == np.int32 and matrix.indptr.dtype == np.int32
        assert np.array_equal(matrix.toarray(), expected)
    unweighted = count_rows([rows], [columns], None, (45, 30))
    ones = np.zeros((45, 30))
    np.add.at(ones, (rows, columns), 1.0)
    assert np.array_equal(unweighted.toarray(), ones)
    assert count_rows([], [], None, (3, 4)).nnz == 0
