"""Precision and recall of duplicate detection: generated companies and contacts with planted twins.

    .venv/bin/python benchmarks/bench_dedup.py [--companies 2000] [--seed 7]

Each planted twin is a real-world variant of an original: legal form added, dropped or changed,
accents and case lost, punctuation changed, words swapped, a filler word added, a typo, a SIRET
instead of a SIREN; contacts: the e-mail in capitals, or the name reversed at the same organisation.
Distinct records share words, cities and first names on purpose, so that false pairs are possible.
A pair is a true positive when the detector joins an original and its twin.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import unicodedata
from pathlib import Path

from enact_match.services import codes
from enact_match.services.database import open_database
from enact_match.services.dedup import company_name_key, duplicate_pairs
from enact_match.storage.models import Company, Contact

WORDS = [
    "Aciéries",
    "Verrerie",
    "Lorraine",
    "Alsace",
    "Textiles",
    "Mécanique",
    "Précision",
    "Optique",
    "Biotech",
    "Santé",
    "Données",
    "Logiciels",
    "Emballages",
    "Plasturgie",
    "Forges",
    "Fonderie",
    "Électronique",
    "Robotique",
    "Énergie",
    "Bois",
    "Papeterie",
    "Brasserie",
    "Céramiques",
    "Composites",
    "Matériaux",
    "Solutions",
    "Systèmes",
    "Industrie",
    "Technologies",
    "Vosges",
    "Moselle",
    "Rhin",
    "Meuse",
    "Champagne",
    "Ardennes",
]
CITIES = ("Metz", "Nancy", "Strasbourg", "Mulhouse", "Reims", "Épinal", "Colmar", "Troyes", "Thionville")
FIRST = ("Anne", "Marie", "Jean", "Luc", "Sophie", "Paul", "Camille", "Léa", "Hugo", "Chloé")
LAST = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Müller",
)
FORMS = ("SAS", "SARL", "SA", "SASU", "EURL", "GmbH", "Ltd", "")


def siren(rng: random.Random) -> str:
    base = [rng.randrange(10) for _ in range(8)]
    for check in range(10):
        digits = "".join(map(str, [*base, check]))
        if codes.luhn_ok(digits):
            return digits
    raise AssertionError


def siret(number: str, rng: random.Random) -> str:
    for _ in range(1000):
        tail = "".join(str(rng.randrange(10)) for _ in range(5))
        if codes.luhn_ok(number + tail):
            return number + tail
    raise AssertionError


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def company_variant(name: str, form: str, rng: random.Random) -> str:
    words = name.split()
    change = rng.choice(("form", "accents", "order", "punctuation", "filler", "typo", "case"))
    if change == "form":
        return f"{name} {rng.choice([f for f in FORMS if f != form])}".strip()
    if change == "accents":
        return strip_accents(f"{name} {form}").upper()
    if change == "order":
        return " ".join(reversed(words)) + (f" {form}" if form else "")
    if change == "punctuation":
        return "-".join(words) + (f" ({form})" if form else "")
    if change == "filler":
        return f"Société des {name}"
    if change == "typo":
        position = rng.randrange(1, max(len(name) - 1, 2))
        return name[:position] + name[position + 1 :]
    return name.lower()


def generate(rng: random.Random, count: int) -> tuple[list[Company], list[Contact], set[frozenset[str]]]:
    companies: list[Company] = []
    contacts: list[Contact] = []
    truth: set[frozenset[str]] = set()
    taken: set[str] = set()
    for index in range(count):
        # Originals are distinct companies: the same words in the same city would be one company.
        while True:
            name = " ".join(rng.sample(WORDS, rng.choice((2, 2, 3))))
            city = rng.choice(CITIES)
            if f"{company_name_key(name)}|{city}" not in taken:
                taken.add(f"{company_name_key(name)}|{city}")
                break
        form = rng.choice(FORMS)
        number = siren(rng) if rng.random() < 0.4 else None
        original = Company(ref=f"C{index}", name=f"{name} {form}".strip(), siren=number, city=city)
        companies.append(original)
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        domain = strip_accents(name.split()[0]).lower()
        email = f"{strip_accents(person).lower().replace(' ', '.')}{index}@{domain}.fr"
        contact = Contact(
            ref=f"P{index}", name=person, email=email if rng.random() < 0.7 else None, organisation=name
        )
        contacts.append(contact)
        if rng.random() < 0.2:  # a planted twin of the company
            twin_siren = None
            if number and rng.random() < 0.6:
                twin_siren = number  # the SIRET of an establishment reduces to this SIREN at import
            twin = Company(
                ref=f"C{index}d", name=company_variant(name, form, rng), siren=twin_siren, city=city
            )
            companies.append(twin)
            truth.add(frozenset((original.ref, twin.ref)))
        if rng.random() < 0.2:  # a planted twin of the contact
            if contact.email and rng.random() < 0.5:
                twin_contact = Contact(ref=f"P{index}d", name=person.split()[0], email=contact.email.upper())
            else:
                first, last = person.split()
                twin_contact = Contact(
                    ref=f"P{index}d", name=f"{last.upper()} {first}", organisation=name.upper()
                )
            contacts.append(twin_contact)
            truth.add(frozenset((contact.ref, twin_contact.ref)))
    return companies, contacts, truth


def score(kind: str, records: list, truth: set[frozenset[str]]) -> tuple[float, float, int, float]:
    started = time.perf_counter()
    found = {frozenset((a.ref, b.ref)) for a, b, _ in duplicate_pairs(kind, records)}
    elapsed = time.perf_counter() - started
    planted = {pair for pair in truth if all(ref in {r.ref for r in records} for ref in pair)}
    hits = len(found & planted)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(planted) if planted else 1.0
    return precision, recall, len(planted), elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    companies, contacts, truth = generate(rng, args.companies)
    with tempfile.TemporaryDirectory() as folder:
        # Stored and read back, so that the records are what the database keeps (a SIREN, a folded e-mail...).
        db = open_database(str(Path(folder) / "bench.sqlite3"))
        with db.writing() as session:
            session.add_all([*companies, *contacts])
        with db.reading() as session:
            stored = {
                kind: list(session.query(model))
                for kind, model in (("companies", Company), ("contacts", Contact))
            }
            for kind, records in stored.items():
                precision, recall, planted, elapsed = score(kind, records, truth)
                print(
                    f"{kind}: {len(records)} records, {planted} planted duplicates: "
                    f"precision {precision:.3f}, recall {recall:.3f} ({elapsed:.2f} s)"
                )
        db.dispose()


if __name__ == "__main__":
    main()
