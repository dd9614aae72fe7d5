"""Value checks: SIREN and SIRET checksums, e-mail, NAF codes, axes."""

from __future__ import annotations

import pytest

from enact_match.services.codes import ValueProblem, check_email, normalise_naf, normalise_siren, parse_axes

VALID_SIREN = "732829320"  # passes Luhn
VALID_SIRET = "73282932000074"  # passes Luhn, its SIREN is VALID_SIREN


def test_a_valid_siren_is_kept_without_spaces() -> None:
    assert normalise_siren("732 829 320") == VALID_SIREN


def test_a_siret_is_reduced_to_its_siren() -> None:
    assert normalise_siren(VALID_SIRET) == VALID_SIREN


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("732829321", "siren_checksum"),
        ("12345", "siren_format"),
        ("73282932A", "siren_format"),
        ("73282932000075", "siret_checksum"),
    ],
)
def test_a_wrong_siren_or_siret_is_refused_with_its_reason(text: str, code: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        normalise_siren(text)
    assert caught.value.code == code


def test_la_poste_establishments_follow_their_own_siret_rule() -> None:
    assert normalise_siren("35600000000010") == "356000000"


def test_email_addresses_are_checked() -> None:
    assert check_email(" a.b@example.fr ") == "a.b@example.fr"
    for bad in ("a@b", "no at sign", "a@@example.fr", "<a@example.fr>"):
        with pytest.raises(ValueProblem):
            check_email(bad)


def test_naf_codes_accept_the_dotted_form() -> None:
    assert normalise_naf("24.10z") == "2410Z"
    with pytest.raises(ValueProblem):
        normalise_naf("2410")


@pytest.mark.parametrize(
    ("text", "axes"), [("1;3", [1, 3]), ("A2, A1", [1, 2]), ("[3]", [3]), ("", []), ("axe 2", [2])]
)
def test_axes_are_read_in_the_usual_spellings(text: str, axes: list[int]) -> None:
    assert parse_axes(text) == axes


def test_an_axis_outside_1_to_3_is_refused() -> None:
    with pytest.raises(ValueProblem):
        parse_axes("4")
