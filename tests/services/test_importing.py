"""Importing CSV and XLSX files: encodings, delimiters, French headers, all-or-nothing, re-import."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from enact_match.services import catalog
from enact_match.services.database import Database
from enact_match.services.importing import ImportFileError, ImportRejectedError, import_file

TEAMS_CSV = (
    "team_id,name,competencies,keywords,axes\n"
    'T1,Équipe parole,"Speech recognition, noisy and multilingual speech",parole;speech,1\n'
    "T2,Équipe matériaux,Corrosion and tribology of steels,corrosion;acier,2\n"
)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_import_teams_from_a_utf8_csv_creates_them_with_their_references(
    database: Database, tmp_path: Path
) -> None:
    report = import_file(database, "teams", write(tmp_path / "t.csv", TEAMS_CSV))
    teams = {team.ref: team for team in catalog.list_teams(database)}
    assert (report.created, report.updated) == (2, 0)
    assert teams["T1"].name == "Équipe parole"
    assert teams["T1"].keywords == ("parole", "speech")
    assert teams["T2"].axes == (2,)


def test_importing_the_same_file_twice_updates_instead_of_duplicating(
    database: Database, tmp_path: Path
) -> None:
    path = write(tmp_path / "t.csv", TEAMS_CSV)
    import_file(database, "teams", path)
    report = import_file(database, "teams", path)
    assert (report.created, report.updated) == (0, 2)
    assert len(catalog.list_teams(database)) == 2


def test_rows_without_a_reference_get_fresh_ones_that_the_file_and_the_database_do_not_use(
    database: Database, tmp_path: Path
) -> None:
    catalog.save_record(database, "teams", {"ref": "T-0002", "name": "Déjà là"})
    text = (
        "team_id,name,competencies\n"
        ",Équipe sans référence 1,Vision\n"
        ",Équipe sans référence 2,Parole\n"
        "T-0003,Équipe nommée,Chimie\n"
        "T-0002,Déjà là (mise à jour),Robotique\n"
    )
    report = import_file(database, "teams", write(tmp_path / "t.csv", text))
    assert (report.created, report.updated) == (3, 1)
    refs = {team.name: team.ref for team in catalog.list_teams(database)}
    assert refs["Équipe nommée"] == "T-0003" and refs["Déjà là (mise à jour)"] == "T-0002"
    fresh = {refs["Équipe sans référence 1"], refs["Équipe sans référence 2"]}
    assert len(fresh) == 2 and not fresh & {"T-0002", "T-0003"}


def test_french_excel_csv_in_cp1252_with_semicolons_and_french_headers_is_read(
    database: Database, tmp_path: Path
) -> None:
    text = (
        "Référence;Raison sociale;SIRET;Ville;Département\n"
        "C1;Aciéries de Lorraine SAS;73282932000074;Florange;57\n"
    )
    report = import_file(database, "companies", write(tmp_path / "c.csv", text, "cp1252"))
    (company,) = catalog.list_companies(database)
    assert report.encoding == "cp1252" and report.delimiter == ";"
    assert (company.ref, company.name, company.siren, company.city) == (
        "C1",
        "Aciéries de Lorraine SAS",
        "732829320",
        "Florange",
    )


def test_utf8_with_bom_and_utf16_files_are_read(database: Database, tmp_path: Path) -> None:
    import_file(database, "teams", write(tmp_path / "bom.csv", "\ufeff" + TEAMS_CSV))
    import_file(
        database, "units", write(tmp_path / "u16.csv", "ref\tnom\tsigle\nU1\tLaboratoire\tLAB\n", "utf-16")
    )
    assert {team.ref for team in catalog.list_teams(database)} == {"T1", "T2"}
    assert catalog.list_units(database)[0].acronym == "LAB"


def test_one_bad_row_rejects_the_whole_file_names_the_row_and_changes_nothing(
    database: Database, tmp_path: Path
) -> None:
    import_file(database, "companies", write(tmp_path / "ok.csv", "ref,name\nC0,Existante\n"))
    text = "ref,name,siren\nC1,Alpha,732829320\nC2,Beta,732829321\nC3,Gamma,\n"
    with pytest.raises(ImportRejectedError) as caught:
        import_file(database, "companies", write(tmp_path / "bad.csv", text))
    problem = caught.value.problems[0]
    assert (problem.row, problem.column, problem.code) == (3, "siren", "siren_checksum")
    assert [company.ref for company in catalog.list_companies(database)] == ["C0"]


def test_a_row_without_a_required_value_is_named(database: Database, tmp_path: Path) -> None:
    with pytest.raises(ImportRejectedError) as caught:
        import_file(database, "needs", write(tmp_path / "n.csv", "need_id,titre\nN1,Vision\nN2,\n"))
    problem = caught.value.problems[0]
    assert (problem.row, problem.column, problem.code) == (3, "titre", "required")
    assert catalog.list_needs(database) == []


def test_a_file_without_a_required_column_is_refused(database: Database, tmp_path: Path) -> None:
    with pytest.raises(ImportRejectedError) as caught:
        import_file(database, "needs", write(tmp_path / "n.csv", "need_id,description\nN1,texte\n"))
    assert caught.value.problems[0].code == "missing_column"


def test_a_dry_run_reports_and_writes_nothing(database: Database, tmp_path: Path) -> None:
    report = import_file(database, "teams", write(tmp_path / "t.csv", TEAMS_CSV), dry_run=True)
    assert report.created == 2 and report.dry_run
    assert catalog.list_teams(database) == []


def test_rows_are_named_by_their_first_line_when_a_cell_spans_lines(
    database: Database, tmp_path: Path
) -> None:
    text = 'ref,name,email\nP1,"Anne\nMarie",anne@example.fr\nP2,Paul,not-an-email\n'
    with pytest.raises(ImportRejectedError) as caught:
        import_file(database, "contacts", write(tmp_path / "p.csv", text))
    assert caught.value.problems[0].row == 4


def test_needs_link_to_companies_by_reference_or_name(database: Database, tmp_path: Path) -> None:
    import_file(database, "companies", write(tmp_path / "c.csv", "ref,name\nC1,Verrerie d'Alsace\n"))
    text = (
        "ref,title,company,trl,axes,confidentialité\n"
        "N1,Contrôle qualité,C1,4,2,réseau\n"
        "N2,Tri,verrerie d'alsace,,,\n"
    )
    import_file(database, "needs", write(tmp_path / "n.csv", text))
    needs = {need.ref: need for need in catalog.list_needs(database)}
    assert needs["N1"].company_name == needs["N2"].company_name == "Verrerie d'Alsace"
    assert (needs["N1"].trl, needs["N1"].axes, needs["N1"].confidentiality) == (4, (2,), "network")


def test_an_unknown_company_reference_rejects_the_file(database: Database, tmp_path: Path) -> None:
    with pytest.raises(ImportRejectedError) as caught:
        import_file(database, "needs", write(tmp_path / "n.csv", "ref,title,company\nN1,Vision,C404\n"))
    assert caught.value.problems[0].code == "unknown_reference"


def test_a_trl_outside_1_to_9_is_refused(database: Database, tmp_path: Path) -> None:
    with pytest.raises(ImportRejectedError) as caught:
        import_file(database, "needs", write(tmp_path / "n.csv", "ref,title,trl\nN1,Vision,12\n"))
    assert caught.value.problems[0].code == "range"


def test_xlsx_files_are_imported(database: Database, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Référence", "Nom", "Compétences"])
    sheet.append(["T9", "Équipe vision", "Computer vision for quality control"])
    sheet.append([None, None, None])
    workbook.save(tmp_path / "t.xlsx")
    report = import_file(database, "teams", tmp_path / "t.xlsx")
    assert report.created == 1
    assert catalog.list_teams(database)[0].statement == "Computer vision for quality control"


def test_a_file_that_is_not_a_table_gets_a_clear_error(database: Database, tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ImportFileError) as caught:
        import_file(database, "teams", tmp_path / "x.xlsx")
    assert caught.value.code == "xlsx_invalid"
    with pytest.raises(ImportFileError) as caught:
        import_file(database, "teams", write(tmp_path / "x.pdf", "%PDF"))
    assert caught.value.code == "format"
