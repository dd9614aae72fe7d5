"""The import steps a wizard drives: preview, fuzzy mapping, mapping memory, modes, duplicates at import."""

from __future__ import annotations

from pathlib import Path

import pytest

from enact_match.services import catalog
from enact_match.services.database import Database
from enact_match.services.importing import (
    ImportFileError,
    ImportRejectedError,
    import_file,
    preview,
    remembered_mapping,
    suggest_mapping,
    write_rejected,
)
from enact_match.services.tabular import read_table
from tests.services.spreadsheets import ods_content, ods_rows, write_ods


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_headers_with_typos_or_extra_words_are_mapped_with_a_lower_confidence() -> None:
    guesses = suggest_mapping(
        "companies", ("Raison soc.", "N° SIRET", "Nom de l'entreprise", "Vile", "Remarques")
    )
    by_header = {guess.header: guess for guess in guesses}
    assert by_header["N° SIRET"].field == "siren" and by_header["N° SIRET"].confidence > 0.9
    assert by_header["Vile"].field == "city" and 0.8 <= by_header["Vile"].confidence < 1.0
    assert by_header["Remarques"].field is None
    # Two columns name the company: the surer one gets the field, the other is left out.
    named = [guess for guess in guesses if guess.field == "name"]
    assert len(named) == 1


def test_preview_reports_how_the_file_was_read_and_checks_each_cell(
    database: Database, tmp_path: Path
) -> None:
    text = (
        "Export partenaires\n"
        "Référence;Raison sociale;SIRET;Ville\n"
        "C1;Aciéries SAS;73282932000074;Florange\n"
        "C2;Beta;732829321;Metz\n"
        "C3;;;Nancy\n"
    )
    shown = preview(database, write(tmp_path / "c.csv", text, "cp1252"), "companies")
    assert (shown.encoding, shown.delimiter, shown.header_line) == ("cp1252", ";", 2)
    assert [guess.field for guess in shown.columns] == ["ref", "name", "siren", "city"]
    assert shown.missing_fields == () and shown.total_rows == 3
    problems = {row.row: {(p.field, p.code) for p in row.problems} for row in shown.rows}
    assert problems == {3: set(), 4: {("siren", "siren_checksum")}, 5: {("name", "required")}}
    assert catalog.list_companies(database) == []


def test_a_confirmed_mapping_is_remembered_for_the_next_file_with_that_header(
    database: Database, tmp_path: Path
) -> None:
    path = write(tmp_path / "t.csv", "Code;Intitulé;Texte libre\nT1;Vision;Computer vision\n")
    columns = ["ref", "name", "statement"]
    assert preview(database, path, "teams").columns[2].field is None
    import_file(database, "teams", path, columns=columns)
    assert remembered_mapping(database, "teams", ("code", "INTITULE", "Texte libre")) == tuple(columns)
    later = write(tmp_path / "t2.csv", "Code;Intitulé;Texte libre\nT2;Parole;Speech recognition\n")
    shown = preview(database, later, "teams")
    assert shown.remembered and [guess.field for guess in shown.columns] == columns
    import_file(database, "teams", later)
    assert {team.ref: team.statement for team in catalog.list_teams(database)}["T2"] == "Speech recognition"


def test_a_mapping_naming_a_field_twice_is_refused(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "a,b\nx,y\n")
    with pytest.raises(ImportFileError) as caught:
        import_file(database, "teams", path, columns=["name", "name"])
    assert caught.value.code == "mapping_field"


def test_valid_rows_mode_imports_the_good_rows_and_writes_the_rejected_ones_with_reasons(
    database: Database, tmp_path: Path
) -> None:
    text = "ref,name,siren\nC1,Alpha,732829320\nC2,Beta,732829321\nC3,Gamma,\n"
    path = write(tmp_path / "c.csv", text)
    report = import_file(database, "companies", path, mode="valid-rows")
    assert (report.created, len(report.rejected)) == (2, 1)
    assert sorted(company.ref for company in catalog.list_companies(database)) == ["C1", "C3"]
    rejected_path = tmp_path / "rejected.csv"
    write_rejected(rejected_path, report.header, report.rejected)
    rejected = read_table(rejected_path)
    assert rejected.header == ("line", "ref", "name", "siren", "problems")
    assert rejected.rows[0][1] == ("3", "C2", "Beta", "732829321", "siren: siren_checksum")


def test_all_or_nothing_stays_the_default_and_writes_nothing_on_one_bad_row(
    database: Database, tmp_path: Path
) -> None:
    path = write(tmp_path / "c.csv", "ref,name,siren\nC1,Alpha,732829320\nC2,Beta,732829321\n")
    with pytest.raises(ImportRejectedError):
        import_file(database, "companies", path)
    assert catalog.list_companies(database) == []


def test_a_row_duplicating_an_existing_company_updates_it_instead_of_creating_a_twin(
    database: Database, tmp_path: Path
) -> None:
    import_file(
        database, "companies", write(tmp_path / "a.csv", "ref,name,siren,city\nC1,Aciéries SAS,,Metz\n")
    )
    incoming = (
        "ref,name,siret,city,website\n"
        "X9,ACIERIES,,metz,https://acieries.example\n"
        "X10,Verrerie SA,73282932000074,Nancy,\n"
        "X11,La Verrerie,732829320,Nancy,https://verrerie.example\n"
    )
    report = import_file(database, "companies", write(tmp_path / "b.csv", incoming))
    assert (report.created, report.updated) == (1, 2)
    assert [(link.row, link.ref, link.rule) for link in report.links] == [
        (2, "C1", "name"),
        (4, "X10", "siren"),
    ]
    companies = {company.ref: company for company in catalog.list_companies(database)}
    assert set(companies) == {"C1", "X10"}
    assert companies["C1"].website == "https://acieries.example"
    assert companies["X10"].website == "https://verrerie.example"


def test_linking_duplicates_can_be_turned_off(database: Database, tmp_path: Path) -> None:
    import_file(database, "contacts", write(tmp_path / "a.csv", "ref,name,email\nP1,Anne Martin,anne@x.fr\n"))
    path = write(tmp_path / "b.csv", "ref,name,email\nP2,Martin Anne,ANNE@x.fr\n")
    assert import_file(database, "contacts", path, dry_run=True).links[0].rule == "email"
    report = import_file(database, "contacts", path, link_duplicates=False)
    assert report.created == 1 and report.links == ()


def test_an_ods_file_is_imported(database: Database, tmp_path: Path) -> None:
    rows = ods_rows([["ref", "titre", "trl"], ["N1", "Vision qualité", 4]])
    report = import_file(database, "needs", write_ods(tmp_path / "n.ods", ods_content(rows)))
    assert report.created == 1
    assert catalog.list_needs(database)[0].trl == 4
