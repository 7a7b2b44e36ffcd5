"""The world's countries across scripts: "China", "Китая" and "الصين" are one glossary term.

Cross-script name keys (translit.py) reach a person's name, whose Arabic spelling follows its
sound. Country names do not: China is الصين, the United States الولايات المتحدة, Germany ألمانيا,
and the key of "United" met the football club يونايتد instead. So each country's English and
Russian names become glossary variants of its Arabic name (normalize.apply_aliases), for every
country in ISO 3166-1, not only those this corpus speaks of.

Source: pycountry (ISO 3166-1 with the Arabic and Russian translations of Debian's iso-codes
project). Its Arabic names are official forms ("إيران، الجمهوريّة الإسلاميّة الإيرانيّة"); each
is matched to the spelling news uses in gazetteer.txt, or cut to its first part when the
gazetteer has no match. Russian names are stemmed (Китай -> кита) so that every case form
(Китая, Китаю, Китаем) matches as a prefix, as the glossary's own Russian entries do.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from pathlib import Path

import pycountry

from .translit import RU_FINAL_VOWEL

GAZETTEER = Path(__file__).with_name("gazetteer.txt")
# normalize.py reads this module to build its glossary, so this one cannot import it back: the
# few foldings a spelling comparison needs are repeated here.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})

# Words official Arabic names open with that news leaves out (جمهورية مولدوفا -> مولدوفا).
_AR_TITLES = ("جمهورية ", "الجمهورية ", "دولة ", "مملكة ", "المملكة ", "إمارة ", "سلطنة ", "دوقية ")
_RU_TITLES = {"республика", "королевство", "государство", "княжество", "султанат", "боливарианская",
              "исламская", "федеративная", "демократическая", "объединенная", "объединённая"}
# Names too short or too common as English words to stand for a country on their own.
_EN_SKIP = {"us", "chad", "jersey", "guinea", "mali"}


def strip_marks(text: str) -> str:
    return _MARKS.sub("", text)


def normalize(text: str) -> str:
    return " ".join(strip_marks(text).translate(_FOLD).split())


@lru_cache(maxsize=1)
def gazetteer_places() -> tuple[tuple[str, ...], ...]:
    """The gazetteer's places (names.py and this module), each as its spellings, the one news uses
    most first."""
    places = []
    for line in GAZETTEER.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            places.append(tuple(v.strip() for v in line.split("|") if v.strip()))
    return tuple(places)


def _first_part(name: str) -> str:
    return re.split(r"[،,(]", name, maxsplit=1)[0].strip()


@lru_cache(maxsize=1)
def _gazetteer_forms() -> dict[str, str]:
    """Every gazetteer spelling (normalised) -> the place's first spelling, as news writes it."""
    # Reversed, so that where two places share a spelling the first one listed keeps it.
    return {normalize(variant): place[0] for place in reversed(gazetteer_places()) for variant in place}


def _arabic(official: str, loose: bool = True) -> str | None:
    """The spelling news uses for a country whose official Arabic name this is (None: not Arabic,
    or with loose=False, no gazetteer spelling found)."""
    forms = _gazetteer_forms()
    first = _first_part(strip_marks(official))
    candidates = [strip_marks(official), first]
    candidates += [first[len(title):] for title in _AR_TITLES if first.startswith(title)]
    for candidate in candidates:
        if normalize(candidate) in forms:
            return forms[normalize(candidate)]
    return first if loose and re.search("[\u0600-\u06ff]", first) else None


def _russian_forms(name: str) -> set[str]:
    """Stems of a Russian name: without a title word (Республика Молдова -> молдова), the last
    vowel dropped, with ё and with е (both are written)."""
    words = _first_part(name).lower().split()
    while len(words) > 1 and words[0] in _RU_TITLES:
        words = words[1:]
    if len(words) == 1 and len(words[0]) > 4:
        words[0] = RU_FINAL_VOWEL.sub("", words[0])
    stem = " ".join(words)
    return {stem, stem.replace("ё", "е")} if re.search("[\u0400-\u04ff]", stem) else set()


@lru_cache(maxsize=1)
def alias_lines() -> tuple[str, ...]:
    """Glossary lines "Arabic<TAB>english|russian" for every country pycountry knows."""
    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"], fallback=True)
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    lines = []
    for country in pycountry.countries:
        common = getattr(country, "common_name", None)
        # The official name's translation first, as news spells it in the gazetteer; then the
        # common name's (فنزويلا, not جمهورية فنزويلا البوليفارية). Common-name translations
        # are checked against the gazetteer only: iso-codes translates "Moldova" as المالديف.
        official = ar.gettext(country.name)
        arabic = _arabic(official, loose=False)
        if arabic is None and common and ar.gettext(common) != common:
            arabic = _arabic(ar.gettext(common), loose=False)
        arabic = arabic or _arabic(official)
        if arabic is None:
            continue
        english = {_first_part(country.name).lower()}
        if common:
            english.add(_first_part(common).lower())
        english -= _EN_SKIP
        russian = _russian_forms(ru.gettext(country.name))
        if common:
            russian |= _russian_forms(ru.gettext(common))
        variants = sorted(v for v in english | russian if len(v) >= 4)
        if variants:
            lines.append(f"{arabic}\t{'|'.join(variants)}")
    return tuple(lines)


def version() -> str:
    """Changes when the country data changes (the stored tokens of Latin text are then rebuilt)."""
    return pycountry.__version__
