"""Shared fixtures of the engine tests: the project's stop words and a small bilingual thesaurus."""

from __future__ import annotations

from pathlib import Path

import pytest

from enact_match.matching import Thesaurus, load_stopwords

DATA = Path(__file__).resolve().parent / "data"
STOPWORDS = Path(__file__).resolve().parents[2] / "resources" / "stopwords"


@pytest.fixture(scope="session")
def stopwords() -> frozenset[str]:
    return load_stopwords(STOPWORDS)


@pytest.fixture(scope="session")
def thesaurus() -> Thesaurus:
    return Thesaurus.from_tsv(DATA / "thesaurus.tsv")
