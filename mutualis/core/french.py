"""French output: "de" and "à" before a name, with their elisions and articles.

"de Archelange" is "d'Archelange", "de Le Deschaux" is "du Deschaux", and an organisation named
after a common noun takes its article ("de la Communauté d'Agglomération…", "au Syndicat…").
In another language the name comes back as it is: the translated sentence carries its own "of".
"""

from __future__ import annotations

from django.utils.translation import get_language

VOWELS = set("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸaeiouyàâäéèêëîïôöùûüÿ")

# The common nouns organisations are named after, with their article. A name starting with H
# is taken as an aspirated h (no elision), the safer mistake for place names.
NOUN_ARTICLES = {
    "agglomération": "l'",
    "association": "l'",
    "établissement": "l'",
    "office": "l'",
    "commune": "la",
    "communauté": "la",
    "mairie": "la",
    "métropole": "la",
    "région": "la",
    "ville": "la",
    "ccas": "le",
    "centre": "le",
    "cias": "le",
    "conseil": "le",
    "département": "le",
    "pôle": "le",
    "service": "le",
    "sictom": "le",
    "sivom": "le",
    "sivos": "le",
    "sivu": "le",
    "syndicat": "le",
}
# A name that starts with its own article ("Le Deschaux", "Les Hays"): how it contracts.
OWN_ARTICLES = {"le": ("du", "au"), "les": ("des", "aux")}


def _in_french() -> bool:
    return (get_language() or "fr").startswith("fr")


def _first_word(name: str) -> str:
    return name.split(" ", 1)[0].split("'", 1)[0].split("’", 1)[0].lower()


def _article(name: str) -> str | None:
    return NOUN_ARTICLES.get(_first_word(name))


def _joined(article: str, name: str) -> str:
    return f"{article}{name}" if article.endswith("'") else f"{article} {name}"


def de(name: object) -> str:
    """ "de Jouhe", "d'Archelange", "du Deschaux", "des Hays", "de la Communauté…", "du SIVOS…"."""
    name = str(name)
    if not _in_french() or not name:
        return name
    word = _first_word(name)
    if word in OWN_ARTICLES and " " in name:
        return f"{OWN_ARTICLES[word][0]} {name.split(' ', 1)[1]}"
    article = _article(name)
    if article == "le":
        return f"du {name}"
    if article:
        return f"de {_joined(article, name)}"
    return f"d'{name}" if name[0] in VOWELS else f"de {name}"


def a(name: object) -> str:
    """ "à Jouhe", "à Archelange", "au Deschaux", "aux Hays", "à la Communauté…", "au Syndicat…"."""
    name = str(name)
    if not _in_french() or not name:
        return name
    word = _first_word(name)
    if word in OWN_ARTICLES and " " in name:
        return f"{OWN_ARTICLES[word][1]} {name.split(' ', 1)[1]}"
    article = _article(name)
    if article == "le":
        return f"au {name}"
    if article:
        return f"à {_joined(article, name)}"
    return f"à {name}"
