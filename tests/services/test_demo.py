"""The demo data set: what it holds, loading it twice, progress and cancellation."""

from __future__ import annotations

import pytest

from enact_match.services import catalog
from enact_match.services.database import Database
from enact_match.services.demo import load_demo


def test_the_demo_holds_enough_units_teams_needs_and_matches(database: Database) -> None:
    report = load_demo(database)
    counts = catalog.count_records(database)
    assert report.units >= 12 and report.teams >= 40 and report.needs >= 80
    assert counts["needs"] == report.needs and counts["matches"] == report.matches >= 24
    stages = {match.status for match in catalog.list_matches(database)}
    assert {"suggested", "introduced", "collaboration_started", "declined"} <= stages


def test_demo_contacts_are_fictional_and_use_example_domains(database: Database) -> None:
    load_demo(database)
    emails = [contact.email for contact in catalog.list_contacts(database) if contact.email]
    domains = {email.rsplit("@", 1)[1] for email in emails}
    assert domains <= {"example.org", "example.fr", "example.com"}


def test_loading_the_demo_twice_changes_nothing(database: Database) -> None:
    load_demo(database)
    first = catalog.count_records(database)
    load_demo(database)
    assert catalog.count_records(database) == first


def test_progress_is_reported_up_to_the_total(database: Database) -> None:
    seen: list[tuple[int, int]] = []
    load_demo(database, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1] > 100
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_an_exception_raised_by_progress_rolls_the_whole_load_back(database: Database) -> None:
    class CancelledError(Exception):
        pass

    def cancel_halfway(done: int, total: int) -> None:
        if done > total // 2:
            raise CancelledError

    with pytest.raises(CancelledError):
        load_demo(database, progress=cancel_halfway)
    assert set(catalog.count_records(database).values()) == {0}
