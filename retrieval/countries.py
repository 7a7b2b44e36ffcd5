"""The world's countries across scripts: "China", "Китая" and "الصين" are one glossary term.

Cross-script name keys (translit.py) reach a person's name, whose Arabic spelling follows its
sound. Country names do not: China is الصين, the United States الولايات المتحدة, Germany ألمانيا,
and the key of "United" met the football club يونايتد instead. So each country's English and
Russian names become glossary variants of its Arabic name (normalize.apply_aliases), for every
country in ISO 3166-1, not only those this corpus speaks of.

English adjectives of nationality are variants too ("Turkish", "French", "Chinese": "Turkish"
does not start with "Turkey"), from countryinfo's demonyms (demonym_lines). Russian adjectives
change the country's stem (французский, турецкий) and are read by rule (russian_adjective). And
Arabic writes the adjective as its own word (الروسي, الأرمنية, الأذربيجاني) with its own stem, so
an English or Russian country word also reaches the adjective's forms (adjective_forms, used by
question.py).

Sources: pycountry (ISO 3166-1 with the Arabic and Russian translations of Debian's iso-codes
project), CLDR's everyday names through babel (Великобритания, سوريا), and countryinfo (English
spellings, acronyms and demonyms). pycountry's Arabic names are official forms ("إيران،
الجمهوريّة الإسلاميّة الإيرانيّة"); each is matched to the spelling news uses in gazetteer.txt,
then CLDR's is tried, then the official name is cut to its first part. Russian names are stemmed
(Китай -> кита) so that every case form (Китая, Китаю, Китаем) matches as a prefix, as the
glossary's own Russian entries do.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from pathlib import Path

import countryinfo
import pycountry
from babel import Locale

from .places import capitals

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
_RU_SKIP = {"того"}  # Togo, and the pronoun of "после того как"
# The end a declined Russian name loses (Франция -> Франции, Нидерланды -> Нидерландов). Names in
# -о, -у, -и, -е and in a vowel + а (Того, Перу, Чили, Самоа) do not decline, and cut they would
# start ordinary words (само- is самой, самого: "most").
_RU_DECLINED_END = re.compile("(?<![оуеэаи])а$|[яйьы]$")


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
        words[0] = _RU_DECLINED_END.sub("", words[0])
    stem = " ".join(words)
    if stem in _RU_SKIP:
        return set()
    return {stem, stem.replace("ё", "е")} if re.search("[\u0400-\u04ff]", stem) else set()


@lru_cache(maxsize=1)
def _cldr() -> dict[str, dict[str, str]]:
    """Country names as CLDR writes them in everyday use, by language and ISO code: Russian
    "Великобритания" and "Чехия" where iso-codes has "Соединённое Королевство" and "Чешская
    Республика", Arabic سوريا where it has الجمهورية العربية السورية."""
    return {lang: dict(Locale(lang).territories) for lang in ("ar", "ru")}


def _english_spellings(country) -> set[str]:
    """countryinfo's other English spellings of a country that read as its name in a sentence:
    several words ("Great Britain") or a non-ISO acronym ("UK", "UAE"). Single foreign words
    ("Island" for Iceland, "Mann" for the Isle of Man) and ISO codes ("ARE") would read as
    English words, so they are left out."""
    codes = {str(v).lower() for v in (country.iso() or {}).values()}
    out = set()
    for spelling in country.alt_spellings() or []:
        # Plain English letters only: the native names among them ("Principat d'Andorra",
        # "Republika y'Uburundi") are no question's words and would only lengthen the glossary.
        if not re.fullmatch(r"[A-Za-z]+( [A-Za-z]+)*", spelling) or spelling.lower() in codes:
            continue
        if " " in spelling or (spelling.isupper() and 2 <= len(spelling) <= 3):
            out.add(spelling.lower())
    return out


@lru_cache(maxsize=1)
def _countryinfo_by_code() -> dict[str, object]:
    """countryinfo's countries by ISO code; where parts share one (Wales, England: GB), the
    country itself, which has the numeric code too."""
    out = {}
    for country in countryinfo.all_countries():
        iso = country.iso() or {}
        code = str(iso.get("alpha2", "")).upper()
        if code and (code not in out or "numeric" in iso):
            out[code] = country
    return out


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(ISO code, Arabic name as news writes it, English and Russian variants) per country."""
    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"], fallback=True)
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    cldr, info = _cldr(), _countryinfo_by_code()
    rows = []
    for country in pycountry.countries:
        common = getattr(country, "common_name", None)
        # The official name's translation first, as news spells it in the gazetteer; then the
        # common name's (فنزويلا, not جمهورية فنزويلا البوليفارية). Common-name translations
        # are checked against the gazetteer only: iso-codes translates "Moldova" as المالديف.
        # CLDR's everyday name next (تركيا, which iso-codes does not translate as Türkiye),
        # and the official name as it is only when nothing else is found.
        code = country.alpha_2
        official = ar.gettext(country.name)
        arabic = _arabic(official, loose=False)
        if arabic is None and common and ar.gettext(common) != common:
            arabic = _arabic(ar.gettext(common), loose=False)
        if arabic is None and code in cldr["ar"]:
            arabic = _arabic(cldr["ar"][code])
        arabic = arabic or _arabic(official)
        if arabic is None:
            continue
        english = {_first_part(country.name).lower()}
        if common:
            english.add(_first_part(common).lower())
        spellings = _english_spellings(info[code]) if code in info else set()
        acronyms = {v for v in spellings if " " not in v}
        english |= spellings
        english -= _EN_SKIP
        russian = _russian_forms(ru.gettext(country.name))
        if common:
            russian |= _russian_forms(ru.gettext(common))
        if code in cldr["ru"]:
            russian |= _russian_forms(cldr["ru"][code])
            if cldr["ru"][code].isupper():  # ОАЭ, США, КНДР
                acronyms.add(cldr["ru"][code].lower())
        # Other variants need four letters: shorter ones would also match the start of ordinary
        # words (each is matched as a prefix, for case endings). Acronyms match whole words only.
        variants = tuple(sorted({v for v in english | russian if len(v) >= 4} | acronyms))
        if variants:
            rows.append((code, arabic, variants))
    return tuple(rows)


@lru_cache(maxsize=1)
def alias_lines() -> tuple[str, ...]:
    """Glossary lines "Arabic<TAB>english|russian" for every country pycountry knows."""
    return tuple(f"{arabic}\t{'|'.join(variants)}" for _, arabic, variants in _table())


# Russian adjectives of nationality: a stem, ск or цк, and an adjective's ending (французский,
# турецкого, армянская, молдавских).
_RU_ADJECTIVE = re.compile(r"(?P<base>[а-яё]{3,}?)(?P<suffix>ск|цк)(?:ий|ый|ой|ая|яя|ое|ее|ие|ые|ого|его|ому|ему|им|ым"
                           r"|ом|ем|ую|юю|ей|их|ых|ими|ыми)")
_RU_VOWELS = str.maketrans("", "", "аеёиоуыэюяйь")
# The adjectives Russian forms from another stem than the country's name (Германия -> немецкий,
# США -> американский), by ISO code: a closed list of the language, not of any corpus. Regular
# ones (французский, итальянский, турецкий, молдавский) are found by russian_adjective().
# английский is left out: it is mostly the English language, not Britain.
_RU_IRREGULAR = {
    "DE": ("немецк",), "US": ("американск",), "GB": ("британск",), "GR": ("греческ",),
    "SE": ("шведск",), "DK": ("датск",), "FI": ("финск",), "CZ": ("чешск",),
    "NL": ("голландск", "нидерландск"), "SA": ("саудовск",), "AE": ("эмиратск",), "BY": ("белорусск",),
}


@lru_cache(maxsize=1)
def _russian_stems() -> tuple[tuple[str, str], ...]:
    """(Russian stem of a one-word country name, its Arabic name)."""
    return tuple((variant, arabic) for _, arabic, variants in _table() for variant in variants
                 if " " not in variant and re.fullmatch("[а-яё]+", variant))


@lru_cache(maxsize=64)
def _russian_name(code: str) -> str | None:
    """A Russian variant the glossary reads as this country (германи for DE)."""
    variants = next((variants for c, _, variants in _table() if c == code), ())
    return next((v for v in variants if re.fullmatch("[а-яё ]+", v)), None)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


@lru_cache(maxsize=4096)
def russian_adjective(word: str) -> str | None:
    """The stem of the country's Russian name a Russian adjective of nationality is formed from
    (французского -> франци), or None; the glossary then takes the stem to the Arabic name.

    Russian forms these adjectives from the country's stem, changing its end: франци-я ->
    француз-ский, итали-я -> итальян-ский, турци-я -> турец-кий, молдов-а -> молдав-ский. The
    adjective's base (the word without ск/цк and its ending) belongs to a country when
    - it shares at least four letters with the country's stem, and 70% of the stem (француз /
      франци, итальян / итали; not армей-ский "army" / армени-я, 4 of 6);
    - or it starts the stem and has five letters (казах / казахстан, афган / афганистан);
    - or both have the same consonants, at least three (турец / турци, молдав / молдов, армян /
      армени).
    A base that fits two countries equally well is left alone.
    """
    m = _RU_ADJECTIVE.fullmatch(word)
    if not m:
        return None
    for code, forms in _RU_IRREGULAR.items():
        if word.startswith(forms):
            return _russian_name(code)
    base = m["base"] + ("ц" if m["suffix"] == "цк" else "")
    consonants = base.translate(_RU_VOWELS)
    best: dict[str, tuple[int, str]] = {}  # Arabic name -> (letters shared, stem)
    for stem, arabic in _russian_stems():
        shared = _common_prefix(base, stem)
        fits = ((shared >= 4 and shared >= 0.7 * len(stem))
                or (len(base) >= 5 and stem.startswith(base))
                or (len(consonants) >= 3 and consonants == stem.translate(_RU_VOWELS)))
        if fits and shared >= best.get(arabic, (-1, ""))[0]:
            best[arabic] = (shared, stem)
    if not best:
        return None
    top = max(shared for shared, _ in best.values())
    winners = [stem for shared, stem in best.values() if shared == top]
    return winners[0] if len(winners) == 1 else None


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


@lru_cache(maxsize=1)
def capital_lines() -> dict[str, tuple[str, ...]]:
    """A country's Arabic name as news spells it -> the Arabic spellings of its capital."""
    by_code = capitals()
    return {arabic: by_code[code] for code, arabic, _ in _table() if code in by_code}


def version() -> str:
    """Changes when the country data changes (the stored tokens of Latin text are then rebuilt)."""
    from importlib.metadata import version as dist_version

    return f"{pycountry.__version__}+{dist_version('countryinfo')}+{dist_version('babel')}"
