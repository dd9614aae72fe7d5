"""Bilingual French/English thesaurus of concepts, read from a TSV file."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_HEADER = ("concept", "axes", "domain", "fr", "en")
_TERM_SEPARATOR = "|"


class ThesaurusError(ValueError):
    """The thesaurus file is malformed; the message names the file and line."""


@dataclass(frozen=True)
class Concept:
    """One concept: its id, thematic axes, domain and the terms naming it in each language."""

    concept_id: str
    axes: frozenset[int]
    domain: str
    fr: tuple[str, ...]
    en: tuple[str, ...]


class Thesaurus:
    """Concepts whose French and English terms the engine maps to one shared feature."""

    def __init__(self, concepts: tuple[Concept, ...] = ()) -> None:
        self.concepts = concepts
        self._by_id = {concept.concept_id: concept for concept in concepts}

    @classmethod
    def from_tsv(cls, path: str | os.PathLike[str]) -> Thesaurus:
        """Read a UTF-8 TSV with the header ``concept axes domain fr en``.

        ``fr``/``en`` cells hold terms separated by ``" | "``; ``axes`` is empty, ``"1"`` or ``"2,3"``.
        Raises :class:`ThesaurusError` for a wrong header, a short row, a bad axis, a duplicate concept
        id or a concept without any term.
        """
        name = Path(path).name
        concepts: list[Concept] = []
        seen: set[str] = set()
        with open(path, encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(rows, None)
            if header is None or tuple(cell.strip() for cell in header) != _HEADER:
                raise ThesaurusError(f"{name}:1: header must be {' '.join(_HEADER)!r}, got {header!r}")
            for line, row in enumerate(rows, start=2):
                if not any(cell.strip() for cell in row):
                    continue
                concept = _parse_row(row, f"{name}:{line}")
                if concept.concept_id in seen:
                    raise ThesaurusError(f"{name}:{line}: duplicate concept {concept.concept_id!r}")
                seen.add(concept.concept_id)
                concepts.append(concept)
        return cls(tuple(concepts))

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __getitem__(self, concept_id: str) -> Concept:
        return self._by_id[concept_id]


def _parse_row(row: list[str], where: str) -> Concept:
    if len(row) != len(_HEADER):
        raise ThesaurusError(f"{where}: expected {len(_HEADER)} tab-separated cells, got {len(row)}")
    concept_id, axes_cell, domain, fr_cell, en_cell = (cell.strip() for cell in row)
    if not concept_id:
        raise ThesaurusError(f"{where}: empty concept id")
    try:
        axes = frozenset(int(axis) for axis in axes_cell.split(",") if axis.strip())
    except ValueError:
        raise ThesaurusError(
            f"{where}: axes must be integers separated by commas, got {axes_cell!r}"
        ) from None
    fr = _terms(fr_cell)
    en = _terms(en_cell)
    if not fr and not en:
        raise ThesaurusError(f"{where}: concept {concept_id!r} has no term")
    return Concept(concept_id, axes, domain, fr, en)


def _terms(cell: str) -> tuple[str, ...]:
    return tuple(term.strip() for term in cell.split(_TERM_SEPARATOR) if term.strip())
