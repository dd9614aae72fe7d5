"""Sparse-matrix helpers of the engine: count matrices, tf-idf weighing, cheap widening."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from functools import cache

import numpy as np
from scipy.sparse import _sparsetools, csr_matrix


def count_matrix(feature_lists: Sequence[Sequence[int]], width: int) -> csr_matrix:
    """Rows of feature counts, one per list of feature ids (repeats counted)."""
    indices = array("q")
    indptr = array("q", [0])
    for features in feature_lists:
        indices.extend(features)
        indptr.append(len(indices))
    matrix = csr_matrix(
        (
            np.ones(len(indices)),
            np.frombuffer(indices, dtype=np.int64),
            np.frombuffer(indptr, dtype=np.int64),
        ),
        shape=(len(feature_lists), width),
    )
    matrix.sum_duplicates()
    return matrix


def count_rows(
    rows: Sequence[np.ndarray],
    columns: Sequence[np.ndarray],
    counts: Sequence[np.ndarray] | None,
    shape: tuple[int, int],
) -> csr_matrix:
    """Count matrix from pieces of (row, feature[, count]) occurrences; repeats summed (exact integers)."""
    row = np.concatenate([np.zeros(0, dtype=np.int64), *rows])
    column = np.concatenate([np.zeros(0, dtype=np.int64), *columns])
    data = np.ones(len(row)) if counts is None else np.concatenate([np.zeros(0), *counts])
    if not np.all(row[1:] >= row[:-1]):  # the analysis gives them in row order: no sort, no copies
        order = np.argsort(row, kind="stable")
        row, column, data = row[order], column[order], data[order]
    indptr = np.zeros(shape[0] + 1, dtype=np.int64)
    np.cumsum(np.bincount(row, minlength=shape[0]), out=indptr[1:])
    # the index type scipy would convert to (int32 when it can), converted once
    index = np.int32 if max(*shape, len(row)) < 2**31 else np.int64
    matrix = csr_matrix((data, column.astype(index), indptr.astype(index)), shape=shape)
    matrix.sum_duplicates()
    return matrix


def weigh(counts: csr_matrix, feature_weights: np.ndarray, sublinear: bool) -> csr_matrix:
    """TF-IDF rows of unit length (float32): ``(1 + ln tf) × weight`` (or ``tf × weight``), L2-normalised."""
    data = np.log(counts.data) + 1.0 if sublinear else counts.data.copy()
    data *= feature_weights[counts.indices]
    lengths = np.diff(counts.indptr)
    # the rows with data only: reduceat cannot start a segment at the end of the data (an empty last
    # row), and an empty row has nothing to divide anyway
    filled = lengths > 0
    norms = np.ones(len(lengths))
    if data.size:
        norms[filled] = np.sqrt(np.add.reduceat(data * data, counts.indptr[:-1][filled]))
    norms[norms == 0] = 1.0
    data /= np.repeat(norms, lengths)
    # float32: half the memory and a faster fused top-k; scores keep ~7 significant digits
    return csr_matrix(
        (data.astype(np.float32), counts.indices.copy(), counts.indptr.copy()), shape=counts.shape
    )


def widen(matrix: csr_matrix, rows: int, columns: int) -> csr_matrix:
    """The same CSR matrix with more (empty) rows or columns, without copying its data."""
    if matrix.shape == (rows, columns):
        return matrix
    indptr = matrix.indptr
    if rows > matrix.shape[0]:
        indptr = np.concatenate([indptr, np.full(rows - matrix.shape[0], indptr[-1], dtype=indptr.dtype)])
    return csr_matrix((matrix.data, matrix.indices, indptr), shape=(rows, columns))


def row_vector(indices: np.ndarray, values: np.ndarray, width: int) -> csr_matrix:
    """A 1 × ``width`` CSR row; features beyond ``width`` (unknown to the other side) are dropped."""
    keep = indices < width
    indices, values = indices[keep], values[keep]
    return csr_matrix((values, indices, np.array([0, len(indices)])), shape=(1, width))


def transpose(matrix: csr_matrix, columns: int) -> csr_matrix:
    """The transpose as CSR (an inverted index: feature → rows), with ``columns`` feature rows."""
    return widen(matrix, matrix.shape[0], columns).T.tocsr()


def fit_columns(matrix: csr_matrix, columns: int) -> csr_matrix:
    """``matrix`` with exactly ``columns`` columns: widened for free, or cut (features unknown elsewhere)."""
    if matrix.shape[1] <= columns:
        return widen(matrix, matrix.shape[0], columns)
    return matrix[:, :columns]


def normalise_rows(matrix: csr_matrix) -> csr_matrix:
    """The rows scaled to unit length (float32); empty rows stay empty."""
    matrix = csr_matrix(matrix, dtype=np.float64)
    matrix.sum_duplicates()
    squares = np.add.reduceat(matrix.data**2, matrix.indptr[:-1]) if matrix.data.size else np.zeros(0)
    lengths = np.diff(matrix.indptr)
    norms = np.where(lengths > 0, np.sqrt(squares) if squares.size else 1.0, 1.0)
    norms[norms == 0] = 1.0
    data = matrix.data / np.repeat(norms, lengths)
    return csr_matrix((data.astype(np.float32), matrix.indices, matrix.indptr), shape=matrix.shape)


# The two helpers below call scipy's compiled CSR kernels (the ones behind its fancy indexing and its
# products) directly: the ranking calls them on blocks of a few dozen needs, where scipy's Python layer
# (index checks, dtype choices, new matrix objects) cost more than the kernels, about 0.9 ms a call.


def sample_rows(matrix: csr_matrix, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """``matrix[rows[i], columns[i]]`` for every i (0 where nothing is stored).

    Each look-up is a bisection in its row. Scipy's kernel bisects only when the look-ups outnumber a
    tenth of the entries of the matrix it is given (it scans whole rows otherwise), and it reads that
    count at the row count it is told. So a canonical ``matrix`` (sorted indices, no duplicates: scipy
    checks it once per matrix object) is given with a row count of 0: the kernel then bisects in
    every row it is asked about, with no copy of the rows (the copies took a fifth of the exact
    scores' time at 20k teams). Where the kernel does not behave so (another scipy:
    :func:`_bisects_past_row_count` tries it once) or the matrix is not canonical, the rows asked about
    are copied first when the look-ups are few, and searched in the copy."""
    index = matrix.indices.dtype
    indptr, indices, data = matrix.indptr.astype(index, copy=False), matrix.indices, matrix.data
    row_count = matrix.shape[0]
    if matrix.has_canonical_format and _bisects_past_row_count():
        row_count = 0
    elif len(rows) <= matrix.nnz // 10:
        take = np.unique(rows)
        copied = np.zeros(len(take) + 1, dtype=index)
        np.cumsum(np.diff(indptr)[take], out=copied[1:])
        indices = np.empty(int(copied[-1]), dtype=index)
        data = np.empty(int(copied[-1]), dtype=matrix.dtype)
        _sparsetools.csr_row_index(
            len(take), take.astype(index), indptr, matrix.indices, matrix.data, indices, data
        )
        indptr, rows, row_count = copied, np.searchsorted(take, rows), len(take)
    found = np.empty(len(rows), dtype=matrix.dtype)
    _sparsetools.csr_sample_values(
        row_count,
        matrix.shape[1],
        indptr,
        indices,
        data,
        len(rows),
        rows.astype(index, copy=False),
        columns.astype(index, copy=False),
        found,
    )
    return found


@cache
def _bisects_past_row_count() -> bool:
    """Whether scipy's ``csr_sample_values``, told a row count of 0, still reads the rows it is asked
    about (scipy 1.17 does, by bisection: it compares the look-ups with a tenth of the entries of the
    rows counted, and does not bound the rows). Tried once, on a small canonical matrix."""
    indptr = np.array([0, 1, 3], dtype=np.int32)
    indices = np.array([0, 1, 3], dtype=np.int32)
    data = np.array([1.0, 2.0, 3.0])
    rows, columns = np.array([1, 1, 0, 1], dtype=np.int32), np.array([3, 2, 0, 1], dtype=np.int32)
    found = np.full(len(rows), -1.0)
    try:
        _sparsetools.csr_sample_values(0, 4, indptr, indices, data, len(rows), rows, columns, found)
    except Exception:  # a kernel that refuses this way of calling it is not called so
        return False
    return found.tolist() == [3.0, 0.0, 1.0, 2.0]


def product_rows(
    indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, right: csr_matrix, capacity: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The CSR product (indptr, indices, data) of the CSR rows (``indptr``, ``indices``, ``data``) with
    ``right``, whose result has at most ``capacity`` entries (so scipy's counting pass is skipped).

    Each result entry is summed in the order of the left row's entries, as with scipy's ``@``."""
    index = right.indices.dtype
    result_indptr = np.empty(len(indptr), dtype=index)
    result_indices = np.empty(capacity, dtype=index)
    result_data = np.empty(capacity, dtype=np.result_type(data, right.data))
    _sparsetools.csr_matmat(
        len(indptr) - 1,
        right.shape[1],
        indptr.astype(index, copy=False),
        indices.astype(index, copy=False),
        data.astype(result_data.dtype, copy=False),
        right.indptr.astype(index, copy=False),
        right.indices,
        right.data.astype(result_data.dtype, copy=False),
        result_indptr,
        result_indices,
        result_data,
    )
    size = int(result_indptr[-1])
    return result_indptr, result_indices[:size], result_data[:size]
