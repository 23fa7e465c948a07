"""No stale contact stays published unnoticed: a contact of help/services.yaml checked longer ago
than its `max_age_months` (or dated in the future) fails the tests, naming it.

This is the one test that reads today's date. The built pages never depend on it (the same
sources give the same site on any day); a maintainer re-checks the contact or removes it.
"""

from __future__ import annotations

from datetime import date

from conftest import ROOT
from sitebuild.help_directory.age import describe, stale_contacts
from sitebuild.help_directory.load import SERVICES_FILE, load_services


def test_every_published_contact_was_checked_recently() -> None:
    directory = load_services(ROOT / SERVICES_FILE)
    stale = stale_contacts(directory, today=date.today())
    assert not stale, "stale contacts (see `make status`):\n" + "\n".join(describe(age, directory) for age in stale)
