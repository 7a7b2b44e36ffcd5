"""The world's countries across scripts: "China", "Китая" and "الصين" are one glossary term.

Cross-script name keys (translit.py) reach a person's name, whose Arabic spelling follows its
sound. Country names do not: China is الصين, the United States الولايات المتحدة, Germany ألمانيا,
and the key of "United" met the football club يونايتد instead. So each country's English and
Russian names become glossary variants of its Arabic name (normalize.apply_aliases), for every
country in ISO 3166-1, not only those this corpus speaks of.

English adjectives of nationality are variants too ("Turkish", "French", "Chinese": "Turkish"
does not start with "Turkey"), from countryinfo's demonyms (demonym_lines). And Arabic writes
the adjective as its own word (الروسي, الأرمنية, الأذربيجاني) with its own stem, so an English or
Russian country word also reaches the adjective's forms (adjective_forms, used by question.py).

Sources: countryinfo (English names and demonyms) and pycountry (ISO 3166-1 with the Arabic and
Russian translations of Debian's iso-codes project). pycountry's Arabic names are official forms
("إيران، الجمهوريّة الإسلاميّة الإيرانيّة"); each is matched to the spelling news uses in
gazetteer.txt, or cut to its first part when the gazetteer has no match. Russian names are stemmed (Китай -> кита) so that every case form
(Китая, Китаю, Китаем) matches as a prefix, as the glossary's own Russian entries do.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from pathlib import Path

import countryinfo
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


def _entries(lines: list[str]) -> list[tuple[str, list[str]]]:
    """Glossary lines "Arabic<TAB>variant|variant" as (Arabic, lower-case variants)."""
    out = []
    for line in lines:
        if "\t" in line and not line.startswith("#"):
            arabic, variants = line.split("\t", 1)
            out.append((arabic.strip(), [v.strip().lower() for v in variants.split("|") if v.strip()]))
    return out


@lru_cache(maxsize=1)
def demonym_lines(curated: tuple[str, ...]) -> tuple[str, ...]:
    """Glossary lines "Arabic<TAB>demonym" for the English adjectives of nationality that do not
    start with the country's name ("Turkish", "French", "Chinese"; "Russian" already reaches
    Russia as a prefix). Each goes to the Arabic name the glossary gives the country's English
    name (`curated`, the glossary's own lines, first); an adjective several territories share
    ("French": France, Martinique, Réunion...) stays with the most populous."""
    arabic_of: dict[str, str] = {}
    for arabic, variants in _entries(list(curated) + list(alias_lines())):
        for variant in variants:
            arabic_of.setdefault(variant, arabic)
    owner: dict[str, tuple[int, str | None]] = {}
    for country in countryinfo.all_countries():
        names = [(country.name() or "").lower()] + [a.lower() for a in country.alt_spellings() or []]
        arabic = next((arabic_of[n] for n in names if n in arabic_of), None)
        for demonym in (country.demonym() or "").split(","):
            demonym = demonym.strip().lower()
            people = country.population() or 0
            if len(demonym) >= 4 and (demonym not in owner or people > owner[demonym][0]):
                # None: the country's own name is its prefix, the glossary already reaches it
                prefixed = any(demonym.startswith(n) for n in names if len(n) >= 4)
                owner[demonym] = (people, None if prefixed else arabic)
    return tuple(f"{arabic}\t{demonym}" for demonym, (_, arabic) in sorted(owner.items()) if arabic)


@lru_cache(maxsize=1)
def _country_words() -> frozenset[str]:
    """Every English name and spelling of a country countryinfo knows (lower case)."""
    words = set()
    for country in countryinfo.all_countries():
        words.add((country.name() or "").lower())
        words |= {a.lower() for a in country.alt_spellings() or []}
    return frozenset(words - {""})


@lru_cache(maxsize=1)
def adjective_forms(curated: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Each one-word country name of the glossary (as news spells it) -> its Arabic adjective of
    nationality, with the article: روسيا -> الروسي; أرمينيا -> الأرميني, الأرمني; الصين -> الصيني.

    The regular formation (the nisba): the article and a final ـيا, ـا or ـة go and ـي is
    added (السعودية is one already); the long ي before the last consonant may also go (أرمينيا
    -> أرمني, as news often writes it). Irregular ones (الولايات المتحدة -> الأمريكي) are not
    formed. Countries of the curated glossary (`curated`, its lines) count too (روسيا, whose ISO
    name is الاتحاد الروسي); a form no article uses is never looked up.
    """
    out: dict[str, tuple[str, ...]] = {}
    for arabic, variants in _entries(list(alias_lines()) + list(curated)):
        if " " in arabic or arabic in out or not _country_words() & set(variants):
            continue
        stem = arabic[2:] if arabic.startswith("ال") else arabic
        if stem.endswith("يا"):
            base = stem[:-2]
            bases = [base] + ([base[:-2] + base[-1]] if len(base) > 3 and base[-2] == "ي" else [])
        elif stem.endswith(("ا", "ة")):
            bases = [stem[:-1]]
        else:
            bases = [stem]
        out[arabic] = tuple(f"ال{b}" if b.endswith("ي") else f"ال{b}ي" for b in bases if len(b) >= 2)
    return out


def version() -> str:
    """Changes when the country data changes (the stored tokens of Latin text are then rebuilt)."""
    from importlib.metadata import version as dist_version

    return f"{pycountry.__version__}+{dist_version('countryinfo')}"
