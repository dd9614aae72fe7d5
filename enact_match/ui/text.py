"""Words for the codes that services return (axes, statuses, reasons, field problems...), translated.

Each function builds its table when called, so that the words follow a live language switch.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def label_for_code(table: dict[str, str], code: str | None) -> str:
    """The words for a service code from `table`; an unknown code shows as itself, None as nothing."""
    if code is None or code == "":
        return ""
    return table.get(code, code)


def axis_label(axis: int) -> str:
    """Long name of an ENACT axis, e.g. "Axis 1 · Language & multimodal"."""
    labels = {
        1: QCoreApplication.translate("Text", "Axis 1 · Language & multimodal"),
        2: QCoreApplication.translate("Text", "Axis 2 · AI for engineering & science"),
        3: QCoreApplication.translate("Text", "Axis 3 · Digital health"),
    }
    return labels.get(axis, str(axis))


def axis_short(axis: int) -> str:
    """Short name of an axis for table cells and chips ("A1")."""
    return QCoreApplication.translate("Text", "A%1").replace("%1", str(axis))


def axes_short(axes: tuple[int, ...] | list[int]) -> str:
    return " ".join(axis_short(axis) for axis in axes)


def need_status_label(code: str | None) -> str:
    return label_for_code(
        {
            "open": QCoreApplication.translate("Text", "Open"),
            "in_progress": QCoreApplication.translate("Text", "In progress"),
            "closed": QCoreApplication.translate("Text", "Closed"),
        },
        code,
    )


def match_status_label(code: str | None) -> str:
    return label_for_code(
        {
            "suggested": QCoreApplication.translate("Text", "Suggested"),
            "shortlisted": QCoreApplication.translate("Text", "Shortlisted"),
            "introduced": QCoreApplication.translate("Text", "Introduced"),
            "meeting_held": QCoreApplication.translate("Text", "Meeting held"),
            "collaboration_started": QCoreApplication.translate("Text", "Collaboration started"),
            "declined": QCoreApplication.translate("Text", "Declined"),
        },
        code,
    )


def decline_reason_label(code: str | None) -> str:
    return label_for_code(
        {
            "too_early": QCoreApplication.translate("Text", "Too early"),
            "benefit_unclear": QCoreApplication.translate("Text", "Benefit unclear"),
            "no_capacity": QCoreApplication.translate("Text", "No capacity"),
            "confidentiality": QCoreApplication.translate("Text", "Confidentiality"),
            "already_partners": QCoreApplication.translate("Text", "Already partners"),
            "competitor": QCoreApplication.translate("Text", "Competitor"),
            "conflict": QCoreApplication.translate("Text", "Conflict of interest"),
            "other": QCoreApplication.translate("Text", "Other"),
        },
        code,
    )


def collaboration_type_label(code: str | None) -> str:
    return label_for_code(
        {
            "cifre": QCoreApplication.translate("Text", "CIFRE thesis"),
            "research_contract": QCoreApplication.translate("Text", "Research contract"),
            "service_contract": QCoreApplication.translate("Text", "Service contract"),
            "licence": QCoreApplication.translate("Text", "Licence"),
            "joint_lab": QCoreApplication.translate("Text", "Joint laboratory"),
            "enact_chair": QCoreApplication.translate("Text", "ENACT chair"),
            "maturation": QCoreApplication.translate("Text", "Maturation"),
            "other": QCoreApplication.translate("Text", "Other"),
        },
        code,
    )


def confidentiality_label(code: str | None) -> str:
    return label_for_code(
        {
            "public": QCoreApplication.translate("Text", "Public"),
            "network": QCoreApplication.translate("Text", "ENACT network"),
            "structure": QCoreApplication.translate("Text", "My structure only"),
        },
        code,
    )


def data_available_label(code: str | None) -> str:
    return label_for_code(
        {
            "none": QCoreApplication.translate("Text", "No data"),
            "industrial": QCoreApplication.translate("Text", "Industrial data"),
            "medical": QCoreApplication.translate("Text", "Medical data"),
            "other": QCoreApplication.translate("Text", "Other data"),
        },
        code,
    )


def size_class_label(code: str | None) -> str:
    return label_for_code(
        {
            "TPE": QCoreApplication.translate("Text", "Micro-enterprise (TPE)"),
            "PME": QCoreApplication.translate("Text", "SME (PME)"),
            "ETI": QCoreApplication.translate("Text", "Mid-cap (ETI)"),
            "GE": QCoreApplication.translate("Text", "Large company (GE)"),
        },
        code,
    )


def institution_label(code: str | None) -> str:
    return label_for_code(
        {
            "UL": QCoreApplication.translate("Text", "Université de Lorraine"),
            "UNISTRA": QCoreApplication.translate("Text", "Université de Strasbourg"),
            "INRIA": "Inria",
            "CNRS": "CNRS",
            "INSERM": "Inserm",
            "CHRU_NANCY": QCoreApplication.translate("Text", "CHRU Nancy"),
            "HUS": QCoreApplication.translate("Text", "Strasbourg University Hospitals"),
            "OTHER": QCoreApplication.translate("Text", "Other"),
        },
        code,
    )


def legal_basis_label(code: str | None) -> str:
    return label_for_code(
        {
            "legitimate_interest": QCoreApplication.translate("Text", "Legitimate interest"),
            "consent": QCoreApplication.translate("Text", "Consent"),
            "contract": QCoreApplication.translate("Text", "Contract"),
            "other": QCoreApplication.translate("Text", "Other"),
        },
        code,
    )


def choice_label(field_name: str, code: str | None) -> str:
    """Words for the value of a `choice` field of records.KINDS."""
    by_field = {
        "size_class": size_class_label,
        "data_available": data_available_label,
        "confidentiality": confidentiality_label,
        "status": need_status_label,
        "legal_basis": legal_basis_label,
        "institutions": institution_label,
    }
    label = by_field.get(field_name)
    return label(code) if label else (code or "")


def problem_label(code: str) -> str:
    """A one-line explanation of a field or import problem code."""
    return label_for_code(
        {
            "required": QCoreApplication.translate("Text", "A value is required."),
            "missing_column": QCoreApplication.translate("Text", "The file has no column for this field."),
            "duplicate_ref": QCoreApplication.translate("Text", "This reference appears twice in the file."),
            "unknown_reference": QCoreApplication.translate("Text", "No such record in the database."),
            "too_long": QCoreApplication.translate("Text", "The text is too long."),
            "siren_format": QCoreApplication.translate("Text", "A SIREN has 9 digits (a SIRET 14)."),
            "siren_checksum": QCoreApplication.translate(
                "Text", "The SIREN checksum is wrong (a mistyped digit?)."
            ),
            "siret_checksum": QCoreApplication.translate(
                "Text", "The SIRET checksum is wrong (a mistyped digit?)."
            ),
            "email": QCoreApplication.translate("Text", "Not a valid e-mail address."),
            "naf": QCoreApplication.translate("Text", "A NAF/APE code looks like 6201Z."),
            "axes": QCoreApplication.translate("Text", "Axes are 1, 2 or 3."),
            "integer": QCoreApplication.translate("Text", "A whole number is expected."),
            "range": QCoreApplication.translate("Text", "Out of range (TRL: 1 to 9)."),
            "boolean": QCoreApplication.translate("Text", "Yes or no is expected."),
            "date": QCoreApplication.translate("Text", "A date is expected (31/03/2025)."),
            "choice": QCoreApplication.translate("Text", "Not one of the accepted values."),
            "encoding": QCoreApplication.translate(
                "Text", "The file's text encoding is not recognised (save it as UTF-8)."
            ),
            "too_large": QCoreApplication.translate("Text", "The file is too large."),
            "too_many_rows": QCoreApplication.translate("Text", "The file has too many rows."),
            "too_many_columns": QCoreApplication.translate("Text", "The file has too many columns."),
            "empty": QCoreApplication.translate("Text", "The file is empty."),
            "csv": QCoreApplication.translate("Text", "The file is not a readable CSV file."),
            "format": QCoreApplication.translate("Text", "Unsupported file type (use .csv, .xlsx or .ods)."),
            "too_many_cells": QCoreApplication.translate("Text", "The file has too many cells."),
            "header_row": QCoreApplication.translate("Text", "There is no row at this line."),
            "xlsx_invalid": QCoreApplication.translate("Text", "The file is not a valid XLSX workbook."),
            "ods_invalid": QCoreApplication.translate("Text", "The file is not a valid ODS spreadsheet."),
            "xlsx_ratio": QCoreApplication.translate(
                "Text", "The workbook unpacks to far more than its size: refused as unsafe."
            ),
            "ods_ratio": QCoreApplication.translate(
                "Text", "The spreadsheet unpacks to far more than its size: refused as unsafe."
            ),
            "xlsx_unsafe": QCoreApplication.translate(
                "Text", "XLSX files cannot be read safely on this installation (defusedxml is missing)."
            ),
            "unsafe_xml": QCoreApplication.translate("Text", "The file contains unsafe XML: refused."),
            "unwritable": QCoreApplication.translate("Text", "The file cannot be written there."),
            "same_record": QCoreApplication.translate("Text", "A record cannot be merged with itself."),
            "unreadable": QCoreApplication.translate("Text", "The file cannot be read."),
            "kind": QCoreApplication.translate("Text", "Unknown kind of record."),
        },
        code,
    )


def kind_label(kind: str) -> str:
    """Plural name of a kind of record (companies, units, teams, needs, contacts)."""
    return label_for_code(
        {
            "companies": QCoreApplication.translate("Text", "Companies"),
            "units": QCoreApplication.translate("Text", "Research units"),
            "teams": QCoreApplication.translate("Text", "Teams"),
            "needs": QCoreApplication.translate("Text", "Needs"),
            "contacts": QCoreApplication.translate("Text", "Contacts"),
        },
        kind,
    )


def count_label(kind: str, count: int) -> str:
    """ "42 needs", with the number in the locale's format."""
    one = count == 1
    texts = {
        "companies": (
            QCoreApplication.translate("Text", "%1 company")
            if one
            else QCoreApplication.translate("Text", "%1 companies")
        ),
        "units": QCoreApplication.translate("Text", "%1 unit")
        if one
        else QCoreApplication.translate("Text", "%1 units"),
        "teams": QCoreApplication.translate("Text", "%1 team")
        if one
        else QCoreApplication.translate("Text", "%1 teams"),
        "needs": QCoreApplication.translate("Text", "%1 need")
        if one
        else QCoreApplication.translate("Text", "%1 needs"),
        "contacts": (
            QCoreApplication.translate("Text", "%1 contact")
            if one
            else QCoreApplication.translate("Text", "%1 contacts")
        ),
    }
    return texts.get(kind, "%1").replace("%1", QLocale().toString(count))


def field_label(field_name: str) -> str:
    """The label of a record field in forms and table headers."""
    return label_for_code(
        {
            "ref": QCoreApplication.translate("Text", "Reference"),
            "name": QCoreApplication.translate("Text", "Name"),
            "legal_form": QCoreApplication.translate("Text", "Legal form"),
            "siren": QCoreApplication.translate("Text", "SIREN"),
            "naf": QCoreApplication.translate("Text", "NAF code"),
            "size_class": QCoreApplication.translate("Text", "Size"),
            "city": QCoreApplication.translate("Text", "City"),
            "department": QCoreApplication.translate("Text", "Department"),
            "website": QCoreApplication.translate("Text", "Website"),
            "acronym": QCoreApplication.translate("Text", "Acronym"),
            "unit_code": QCoreApplication.translate("Text", "Unit code"),
            "rnsr_id": QCoreApplication.translate("Text", "RNSR number"),
            "institutions": QCoreApplication.translate("Text", "Institutions"),
            "institutions_other": QCoreApplication.translate("Text", "Other institutions"),
            "unit": QCoreApplication.translate("Text", "Research unit"),
            "leader": QCoreApplication.translate("Text", "Team leader"),
            "statement": QCoreApplication.translate("Text", "Competencies"),
            "keywords": QCoreApplication.translate("Text", "Keywords"),
            "axes": QCoreApplication.translate("Text", "Axes"),
            "platforms": QCoreApplication.translate("Text", "Platforms"),
            "cifre_open": QCoreApplication.translate("Text", "Open to CIFRE"),
            "title": QCoreApplication.translate("Text", "Title"),
            "description": QCoreApplication.translate("Text", "Description"),
            "company": QCoreApplication.translate("Text", "Company"),
            "trl": QCoreApplication.translate("Text", "Target TRL"),
            "horizon": QCoreApplication.translate("Text", "Horizon"),
            "budget": QCoreApplication.translate("Text", "Budget"),
            "data_available": QCoreApplication.translate("Text", "Data available"),
            "confidentiality": QCoreApplication.translate("Text", "Confidentiality"),
            "structure": QCoreApplication.translate("Text", "Structure"),
            "owner": QCoreApplication.translate("Text", "Owner"),
            "status": QCoreApplication.translate("Text", "Status"),
            "opened_on": QCoreApplication.translate("Text", "Opened on"),
            "closed_on": QCoreApplication.translate("Text", "Closed on"),
            "role": QCoreApplication.translate("Text", "Role"),
            "email": QCoreApplication.translate("Text", "E-mail"),
            "phone": QCoreApplication.translate("Text", "Phone"),
            "organisation": QCoreApplication.translate("Text", "Organisation"),
            "team": QCoreApplication.translate("Text", "Team"),
            "source": QCoreApplication.translate("Text", "Source"),
            "legal_basis": QCoreApplication.translate("Text", "Legal basis"),
            "informed_on": QCoreApplication.translate("Text", "Informed on"),
            "captured_by": QCoreApplication.translate("Text", "Captured by"),
            "last_contact_on": QCoreApplication.translate("Text", "Last contact"),
            "need_count": QCoreApplication.translate("Text", "Needs"),
            "team_count": QCoreApplication.translate("Text", "Teams"),
            "company_name": QCoreApplication.translate("Text", "Company"),
            "unit_name": QCoreApplication.translate("Text", "Research unit"),
            "structure_code": QCoreApplication.translate("Text", "Structure"),
            "publications": QCoreApplication.translate("Text", "Publications"),
            "year": QCoreApplication.translate("Text", "Year"),
            "venue": QCoreApplication.translate("Text", "Venue"),
            "doi": QCoreApplication.translate("Text", "DOI"),
            "abstract": QCoreApplication.translate("Text", "Abstract"),
        },
        field_name,
    )


def mapping_source_label(code: str | None) -> str:
    """How the field of an imported column was chosen (exact header, similar header, remembered...)."""
    return label_for_code(
        {
            "exact": QCoreApplication.translate("Text", "known header"),
            "fuzzy": QCoreApplication.translate("Text", "similar header"),
            "remembered": QCoreApplication.translate("Text", "remembered"),
            "chosen": QCoreApplication.translate("Text", "your choice"),
            "none": "",
        },
        code,
    )


def duplicate_rule_label(code: str | None) -> str:
    """Why two records are judged to be the same (a rule code of services.dedup)."""
    return label_for_code(
        {
            "siren": QCoreApplication.translate("Text", "same SIREN"),
            "name": QCoreApplication.translate("Text", "same name"),
            "name_fuzzy": QCoreApplication.translate("Text", "nearly the same name"),
            "rnsr": QCoreApplication.translate("Text", "same RNSR number"),
            "unit_code": QCoreApplication.translate("Text", "same unit code"),
            "name_in_unit": QCoreApplication.translate("Text", "same name in the same unit"),
            "email": QCoreApplication.translate("Text", "same e-mail"),
            "name_organisation": QCoreApplication.translate("Text", "same name and organisation"),
        },
        code,
    )


def export_kind_label(kind: str) -> str:
    """What an export holds (needs, teams, companies, matches, the pipeline with its history)."""
    if kind == "matches":
        return QCoreApplication.translate("Text", "Matches")
    if kind == "pipeline":
        return QCoreApplication.translate("Text", "Pipeline (matches with their history)")
    return kind_label(kind)
