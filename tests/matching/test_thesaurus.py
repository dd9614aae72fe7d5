"""Reading the bilingual thesaurus TSV, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from enact_match.matching import Thesaurus, ThesaurusError

HEADER = "concept\taxes\tdomain\tfr\ten\n"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "thesaurus.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_thesaurus_reads_terms_and_axes(thesaurus: Thesaurus) -> None:
    assert len(thesaurus) == 6
    mri = thesaurus["mri"]
    assert mri.fr == ("irm", "imagerie par résonance magnétique")
    assert mri.en == ("mri", "magnetic resonance imaging")
    assert mri.axes == frozenset({3})
    assert thesaurus["machine_learning"].axes == frozenset()


def test_thesaurus_accepts_several_axes_and_skips_blank_lines(tmp_path: Path) -> None:
    thesaurus = Thesaurus.from_tsv(write(tmp_path, HEADER + "a\t2,3\td\tx\ty\n\t\t\t\t\n"))
    assert thesaurus["a"].axes == frozenset({2, 3})
    assert len(thesaurus) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("concept\tfr\ten\n", r"thesaurus.tsv:1: header"),
        (HEADER + "a\tone\td\tx\ty\n", r"thesaurus.tsv:2: axes must be integers"),
        (HEADER + "a\t1\td\tx\n", r"thesaurus.tsv:2: expected 5 tab-separated cells, got 4"),
        (HEADER + "a\t1\td\tx\ty\na\t1\td\tz\tw\n", r"thesaurus.tsv:3: duplicate concept 'a'"),
        (HEADER + "a\t1\td\t \t | \n", r"thesaurus.tsv:2: concept 'a' has no term"),
        (HEADER + "\t1\td\tx\ty\n", r"thesaurus.tsv:2: empty concept id"),
    ],
)
def test_thesaurus_rejects_malformed_files_naming_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ThesaurusError, match=message):
        Thesaurus.from_tsv(write(tmp_path, text))
