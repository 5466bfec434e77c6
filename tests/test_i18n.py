"""Translations: French is the source language (msgids are French), English is a full translation.

The .mo files are not committed: `make test` compiles them (`manage.py compilemessages
--ignore=.venv --ignore=node_modules`) before running the suite.
"""

import ast
import html
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE = Path(settings.LOCALE_PATHS[0])


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


def catalogue(language: str) -> list[Entry]:
    """The entries of a .po file, header and obsolete entries left out."""
    entries = []
    for block in (LOCALE / language / "LC_MESSAGES" / "django.po").read_text().split("\n\n"):
        entry, key = Entry(), None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                append(entry, key, ast.literal_eval(line))
            else:
                key, _, literal = line.partition(" ")
                append(entry, key, ast.literal_eval(literal))
        if entry.msgid:
            entries.append(entry)
    return entries


def append(entry: Entry, key: str, text: str) -> None:
    if key in ("msgid", "msgid_plural"):
        setattr(entry, key, getattr(entry, key) + text)
    else:
        index = int(key[7:-1]) if key.startswith("msgstr[") else 0
        entry.msgstr[index] = entry.msgstr.get(index, "") + text


FRENCH_PLURALS = [entry for entry in catalogue("fr") if entry.msgid_plural]


@pytest.mark.django_db
def test_login_page_is_in_english_with_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = client.get(reverse("accounts:login"))

    assert '<html lang="en">' in response.text
    assert "Log in" in response.text
    assert "Se connecter" not in response.text


@pytest.mark.django_db
def test_login_page_is_in_english_for_a_browser_asking_for_english(client):
    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert "Log in" in response.text


@pytest.mark.django_db
def test_login_page_is_in_french_with_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en")

    assert '<html lang="fr">' in response.text
    assert "Se connecter" in response.text


@pytest.mark.django_db
def test_language_switch_turns_the_interface_to_english(client):
    login = reverse("accounts:login")

    response = client.post(reverse("set_language"), {"language": "en", "next": login}, follow=True)

    assert response.redirect_chain == [(login, 302)]
    assert "Log in" in response.text


def test_french_catalogue_has_plural_entries():
    assert FRENCH_PLURALS


@pytest.mark.parametrize("entry", FRENCH_PLURALS, ids=lambda entry: entry.msgid)
def test_french_plurals_take_the_singular_for_zero_and_one(entry):
    with translation.override("fr"):
        assert translation.ngettext(entry.msgid, entry.msgid_plural, 0) == entry.msgid
        assert translation.ngettext(entry.msgid, entry.msgid_plural, 1) == entry.msgid
        assert translation.ngettext(entry.msgid, entry.msgid_plural, 2) == entry.msgid_plural


def test_import_summary_reads_as_french_for_zero():
    with translation.override("fr"):
        text = translation.ngettext("%(count)d commune créée", "%(count)d communes créées", 0) % {"count": 0}

    assert text == "0 commune créée"


def test_french_catalogue_repeats_each_msgid():
    # `make messages` fills it with msgen; an empty msgstr would lose the French plural rule.
    wrong = [
        entry.msgid
        for entry in catalogue("fr")
        if entry.msgstr != ({0: entry.msgid, 1: entry.msgid_plural} if entry.msgid_plural else {0: entry.msgid})
    ]

    assert wrong == []


def test_every_english_entry_is_translated():
    untranslated = [
        entry.msgid
        for entry in catalogue("en")
        if not entry.msgstr or not all(entry.msgstr.values()) or len(entry.msgstr) != (2 if entry.msgid_plural else 1)
    ]

    assert untranslated == [], "run `make messages`, then translate these in mutualis/locale/en"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_entry_is_fuzzy(language):
    fuzzy = [entry.msgid for entry in catalogue(language) if "fuzzy" in entry.flags]

    assert fuzzy == [], "check these translations, then remove their `#, fuzzy` line"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_catalogue_passes_msgfmt_check(language):
    # --check verifies the header (plural forms) and that python-format placeholders match.
    po = LOCALE / language / "LC_MESSAGES" / "django.po"

    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", po], capture_output=True, text=True)

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogue_is_not_older_than_its_source(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")

    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, (
        "run `.venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules`"
    )


def french_fragments() -> set[str]:
    """Long stretches of French text that the en catalogue translates differently."""
    return {
        fragment.strip()
        for entry in catalogue("en")
        if entry.msgstr.get(0) != entry.msgid
        for fragment in re.split(r"%\(\w+\)\w", entry.msgid)
        if len(fragment.strip()) >= 15
    }


@pytest.mark.parametrize(
    "url_name",
    [
        "portal:home",
        "territory:organisation_list",
        "territory:sector_list",
        "territory:import_upload",
        "agreements:convention_list",
        "billing:charge_list",
    ],
)
def test_coordinator_pages_show_no_french_interface_text_in_english(url_name, eve, login, client):
    login(eve)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    text = html.unescape(client.get(reverse(url_name)).text)

    assert sorted(fragment for fragment in french_fragments() if fragment in text) == []
