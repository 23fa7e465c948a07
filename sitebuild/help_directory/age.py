"""How old each contact of the help directory is, against a day the caller gives.

This is the one place the site's code looks at a calendar day other than the sources': the test
that fails on stale contacts and `make status` pass today's date. The build never calls it, so
the same sources give the same pages on any day.
"""

from __future__ import annotations

import calendar
import os
from dataclasses import dataclass
from datetime import date

from sitebuild.help_directory.load import Contact, Directory, Service


@dataclass(frozen=True)
class ContactAge:
    service: Service
    contact: Contact
    days: int
    stale: bool  # older than the directory's max_age_months, or checked "in the future"

    def where(self, directory: Directory) -> str:
        shown = os.path.relpath(directory.source) if directory.source.is_absolute() else str(directory.source)
        return f"{shown}:{self.contact.line}"


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the last day of the month when it has fewer days)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def contact_ages(directory: Directory, today: date) -> list[ContactAge]:
    """Every contact with its age in days, the oldest first."""
    oldest_allowed = months_before(today, directory.max_age_months)
    ages = [
        ContactAge(service, contact, (today - contact.checked).days,
                   contact.checked < oldest_allowed or contact.checked > today)
        for service, contact in directory.contacts()
    ]
    return sorted(ages, key=lambda age: (-age.days, age.service.id, age.contact.line))


def stale_contacts(directory: Directory, today: date) -> list[ContactAge]:
    return [age for age in contact_ages(directory, today) if age.stale]


def describe(age: ContactAge, directory: Directory) -> str:
    """One line: where, which service, which contact, when it was checked, what to do."""
    if age.days < 0:
        problem = f"'checked: {age.contact.checked}' is in the future: write the day it was really checked"
    else:
        problem = (f"checked {age.contact.checked} ({age.days} days ago), more than {directory.max_age_months} months: "
                   "check it again with the organisation and update 'checked', or remove the contact")
    return f"{age.where(directory)} (service '{age.service.id}'): {age.contact.summary()}: {problem}"


def status_table(directory: Directory, today: date) -> str:
    """`make status`: every contact by age, oldest first, with the verdict."""
    ages = contact_ages(directory, today)
    if not ages:
        return (f"{directory.source}: no contacts yet ({len(directory.services)} organisations, names only). "
                f"Contacts older than {directory.max_age_months} months fail `make test`.\n")
    lines = [f"{directory.source}: {len(ages)} contacts, oldest first (limit {directory.max_age_months} months, today {today}):"]
    for age in ages:
        verdict = "STALE" if age.stale else "ok"
        lines.append(f"  {verdict:5}  {age.contact.checked}  {age.days:5} days  {age.service.id:24}  "
                     f"{age.contact.summary()}  ({age.where(directory)})")
    return "\n".join(lines) + "\n"
