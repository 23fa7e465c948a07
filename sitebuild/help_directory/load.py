"""Load help/services.yaml and check every entry, reporting file, line, service id and problem.

Plain Python: no MkDocs import, and no clock — how old a contact is matters only to `age.py`,
which the tests and `make status` call, never the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitebuild.languages import LANGUAGES
from sitebuild.yaml_lines import SLUG, LineLoader, Mapping, SourceError, check_keys, load_yaml

SERVICES_FILE = Path("help") / "services.yaml"  # relative to the project folder
DEFAULT_MAX_AGE_MONTHS = 12

TOP_KEYS = {"max_age_months", "countries", "kinds", "spoken_languages", "emergency", "services"}
REQUIRED_TOP_KEYS = TOP_KEYS - {"max_age_months"}
SERVICE_KEYS = {"id", "country", "city", "name", "about", "helps_with", "languages", "contacts"}
REQUIRED_SERVICE_KEYS = {"id", "country", "name"}
CHANNELS = ("phone", "messenger", "web", "email")
CONTACT_KEYS = {*CHANNELS, "hours", "source", "checked"}
EMERGENCY_KEYS = {"number", *LANGUAGES}

# Limits keep a card or a list entry readable on a phone; they are generous for real names.
MAX_LENGTH = {"name": 120, "city": 60, "about": 400, "hours": 100, "messenger": 100, "source": 300, "label": 80}
PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{1,23}[0-9]$")
EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class ServicesError(SourceError):
    """One defect in the help directory file."""

    item_kind = "service"


class _Loader(LineLoader):
    """Dates stay text, so that an impossible one (2026-02-30) is reported with its line here
    instead of failing inside the YAML library."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


@dataclass(frozen=True)
class Contact:
    phone: str | None
    messenger: str | None
    web: str | None
    email: str | None
    hours: dict[str, str] | None
    source: str
    checked: date
    line: int

    @property
    def tel(self) -> str | None:
        """The phone number as a tel: URI: "+000 000-00-00" -> "tel:+0000000000"."""
        if self.phone is None:
            return None
        return "tel:" + ("+" if self.phone.startswith("+") else "") + re.sub(r"\D", "", self.phone)

    def summary(self) -> str:
        """The channels in one line, for messages and `make status`."""
        return ", ".join(value for value in (self.phone, self.messenger, self.web, self.email) if value)


@dataclass(frozen=True)
class Service:
    id: str
    country: str
    city: dict[str, str] | None
    name: dict[str, str]
    about: dict[str, str] | None
    helps_with: tuple[str, ...]
    languages: tuple[str, ...]
    contacts: tuple[Contact, ...]
    line: int


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    names: dict[str, str]

    @property
    def tel(self) -> str:
        return "tel:" + self.number


@dataclass(frozen=True)
class Directory:
    source: Path
    max_age_months: int
    countries: dict[str, dict[str, str]]
    kinds: dict[str, dict[str, str]]
    spoken_languages: dict[str, dict[str, str]]
    emergency: dict[str, tuple[EmergencyNumber, ...]]
    services: tuple[Service, ...]

    def in_country(self, country: str) -> list[Service]:
        return [service for service in self.services if service.country == country]

    def contacts(self) -> list[tuple[Service, Contact]]:
        return [(service, contact) for service in self.services for contact in service.contacts]


# --- checks ----------------------------------------------------------------------------------


def load_services(path: Path | str) -> Directory:
    """Read and check the help directory. Raises ServicesError for the first defect found."""
    path = Path(path)
    data = load_yaml(path, ServicesError, loader=_Loader)
    if not isinstance(data, Mapping):
        raise ServicesError(path, 1, "the file must be a mapping with the keys " + ", ".join(sorted(REQUIRED_TOP_KEYS)))
    check_keys(data, TOP_KEYS, REQUIRED_TOP_KEYS, path=path, what="the file", error=ServicesError)
    max_age = data.get("max_age_months", DEFAULT_MAX_AGE_MONTHS)
    if not isinstance(max_age, int) or isinstance(max_age, bool) or not 1 <= max_age <= 60:
        raise ServicesError(path, data.key_lines.get("max_age_months"),
                            f"'max_age_months: {max_age}' must be a whole number of months from 1 to 60, e.g. 12")
    countries = _named_list(path, data, "countries")
    kinds = _named_list(path, data, "kinds")
    spoken = _named_list(path, data, "spoken_languages")
    emergency = _emergency(path, data, countries)
    entries = data["services"]
    if not isinstance(entries, list):
        raise ServicesError(path, data.key_lines["services"], "'services' must be a list of organisations (- id: …)")
    services: list[Service] = []
    seen: dict[str, int] = {}
    for entry in entries:
        service = _service(path, entry, countries, kinds, spoken)
        if service.id in seen:
            raise ServicesError(path, service.line, f"duplicate id: already used on line {seen[service.id]}", service.id)
        seen[service.id] = service.line
        services.append(service)
    return Directory(source=path, max_age_months=max_age, countries=countries, kinds=kinds,
                     spoken_languages=spoken, emergency=emergency, services=tuple(services))


def _text(path: Path, value: Any, line: int, what: str, limit: int, item_id: str | None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ServicesError(path, line, f"{what} must be non-empty text", item_id)
    text = " ".join(value.split())
    if len(text) > limit:
        raise ServicesError(path, line, f"{what} is {len(text)} characters long; keep it under {limit}", item_id)
    return text


def _per_language(path: Path, block: Any, line: int, what: str, limit: int, item_id: str | None) -> dict[str, str]:
    """`{ru: …, ky: …, kk: …}`: a text in every language, nothing else."""
    if not isinstance(block, Mapping):
        raise ServicesError(path, line, f"{what} must be a mapping with a text in each language: "
                            + ", ".join(f"{lang}: …" for lang in LANGUAGES), item_id)
    check_keys(block, set(LANGUAGES), set(LANGUAGES), path=path, what=what, item_id=item_id, error=ServicesError)
    return {lang: _text(path, block[lang], block.key_lines[lang], f"{what}.{lang}", limit, item_id) for lang in LANGUAGES}


def _named_list(path: Path, data: Mapping, key: str) -> dict[str, dict[str, str]]:
    """countries, kinds, spoken_languages: id -> name in each language."""
    block = data[key]
    if not isinstance(block, Mapping) or not block:
        raise ServicesError(path, data.key_lines[key], f"'{key}' must be a mapping of ids to names in each language")
    result = {}
    for item_id, names in block.items():
        line = block.key_lines[item_id]
        if not isinstance(item_id, str) or not SLUG.match(item_id):
            raise ServicesError(path, line, f"malformed key '{item_id}' in '{key}' (use lowercase latin letters, digits, hyphens)")
        result[item_id] = _per_language(path, names, line, f"'{key}.{item_id}'", MAX_LENGTH["label"], None)
    return result


def _emergency(path: Path, data: Mapping, countries: dict[str, dict[str, str]]) -> dict[str, tuple[EmergencyNumber, ...]]:
    block = data["emergency"]
    if not isinstance(block, Mapping):
        raise ServicesError(path, data.key_lines["emergency"], "'emergency' must map country codes to lists of numbers")
    result = {}
    for country, numbers in block.items():
        line = block.key_lines[country]
        if country not in countries:
            raise ServicesError(path, line, f"unknown country '{country}' in 'emergency' (known: {', '.join(countries)})")
        if not isinstance(numbers, list) or not numbers:
            raise ServicesError(path, line, f"'emergency.{country}' must be a list of numbers (- {{number: \"112\", ru: …}})")
        entries = []
        for number in numbers:
            if not isinstance(number, Mapping):
                raise ServicesError(path, line, f"each number of 'emergency.{country}' must be a mapping (number, {', '.join(LANGUAGES)})")
            check_keys(number, EMERGENCY_KEYS, EMERGENCY_KEYS, path=path, what="the emergency number", error=ServicesError)
            value = number["number"]
            if not isinstance(value, str) or not value.isdigit() or not 2 <= len(value) <= 6:
                raise ServicesError(path, number.key_lines["number"],
                                    f"'number: {value}' must be a short number in quotes, e.g. \"112\"")
            names = {lang: _text(path, number[lang], number.key_lines[lang], f"'{lang}'", MAX_LENGTH["label"], None)
                     for lang in LANGUAGES}
            entries.append(EmergencyNumber(value, names))
        result[country] = tuple(entries)
    return result


def _ids(path: Path, entry: Mapping, key: str, known: dict[str, Any], service_id: str) -> tuple[str, ...]:
    values = entry.get(key, [])
    line = entry.key_lines.get(key, entry.line)
    if not isinstance(values, list):
        raise ServicesError(path, line, f"'{key}' must be a list, e.g. [{', '.join(list(known)[:2])}]", service_id)
    for value in values:
        if value not in known:
            raise ServicesError(path, line, f"unknown value '{value}' in '{key}' (known: {', '.join(known)})", service_id)
    return tuple(values)


def _service(path: Path, entry: Any, countries: dict, kinds: dict, spoken: dict) -> Service:
    if not isinstance(entry, Mapping):
        raise ServicesError(path, None, "each item of 'services' must be a mapping (id, country, name, …)")
    raw_id = entry.get("id")
    shown_id = raw_id if isinstance(raw_id, str) else None
    check_keys(entry, SERVICE_KEYS, REQUIRED_SERVICE_KEYS, path=path, what="the service", item_id=shown_id, error=ServicesError)
    lines = entry.key_lines
    if not isinstance(raw_id, str) or not SLUG.match(raw_id):
        raise ServicesError(path, lines["id"], f"malformed id '{raw_id}': use lowercase latin letters, digits and hyphens", shown_id)
    if entry["country"] not in countries:
        raise ServicesError(path, lines["country"], f"unknown country '{entry['country']}' (known: {', '.join(countries)})", raw_id)
    city = _per_language(path, entry["city"], lines["city"], "'city'", MAX_LENGTH["city"], raw_id) if "city" in entry else None
    about = _per_language(path, entry["about"], lines["about"], "'about'", MAX_LENGTH["about"], raw_id) if "about" in entry else None
    contacts_data = entry.get("contacts", [])
    if not isinstance(contacts_data, list):
        raise ServicesError(path, lines["contacts"], "'contacts' must be a list (- phone: …, source: …, checked: …)", raw_id)
    return Service(
        id=raw_id, country=entry["country"], city=city,
        name=_per_language(path, entry["name"], lines["name"], "'name'", MAX_LENGTH["name"], raw_id), about=about,
        helps_with=_ids(path, entry, "helps_with", kinds, raw_id),
        languages=_ids(path, entry, "languages", spoken, raw_id),
        contacts=tuple(_contact(path, item, lines["contacts"], raw_id) for item in contacts_data),
        line=entry.line,
    )


def _checked(path: Path, value: Any, line: int, service_id: str) -> date:
    match = ISO_DATE.match(value) if isinstance(value, str) else None
    if not match:
        raise ServicesError(path, line, f"'checked: {value}' is not a date: write the day it was checked as YYYY-MM-DD", service_id)
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise ServicesError(path, line, f"'checked: {value}' is an impossible date", service_id) from None


def _contact(path: Path, item: Any, list_line: int, service_id: str) -> Contact:
    if not isinstance(item, Mapping):
        raise ServicesError(path, list_line, "each contact must be a mapping (phone, messenger, web, email, hours, source, checked)", service_id)
    lines = item.key_lines
    for key in item:
        if key not in CONTACT_KEYS:
            raise ServicesError(path, lines[key], f"unknown key '{key}' in the contact (allowed: {', '.join(sorted(CONTACT_KEYS))})", service_id)
    if not any(channel in item for channel in CHANNELS):
        raise ServicesError(path, item.line, "the contact has no phone, messenger, web or email", service_id)
    for key, what in (("source", "where it was published (a URL or the name of a document)"),
                      ("checked", "the date someone confirmed it, YYYY-MM-DD")):
        if key not in item:
            raise ServicesError(path, item.line, f"the contact has no '{key}': add {key}: with {what}, "
                                "or remove the contact", service_id)
    phone = item.get("phone")
    if phone is not None and (not isinstance(phone, str) or not PHONE.match(phone.strip())):
        raise ServicesError(path, lines["phone"], f"'phone: {phone}' is not a phone number: write it in quotes, "
                            "digits with spaces or hyphens, e.g. \"+7 000 000-00-00\"", service_id)
    web = item.get("web")
    if web is not None:
        parts = urlsplit(web) if isinstance(web, str) else None
        if parts is None or parts.scheme not in ("https", "http") or not parts.netloc or re.search(r"[\s\"'<>]", web):
            raise ServicesError(path, lines["web"], f"'web: {web}' must be a web address starting with https://", service_id)
    email = item.get("email")
    if email is not None and (not isinstance(email, str) or not EMAIL.match(email)):
        raise ServicesError(path, lines["email"], f"'email: {email}' is not an e-mail address", service_id)
    messenger = item.get("messenger")
    if messenger is not None:
        messenger = _text(path, messenger, lines["messenger"], "'messenger'", MAX_LENGTH["messenger"], service_id)
    hours = _per_language(path, item["hours"], lines["hours"], "'hours'", MAX_LENGTH["hours"], service_id) if "hours" in item else None
    return Contact(
        phone=phone.strip() if phone else None, messenger=messenger, web=web, email=email, hours=hours,
        source=_text(path, item["source"], lines["source"], "'source'", MAX_LENGTH["source"], service_id),
        checked=_checked(path, item["checked"], lines["checked"], service_id), line=item.line,
    )
