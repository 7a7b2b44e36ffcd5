"""Country names across scripts: English and Russian names reach the Arabic name news writes."""

import pytest

from retrieval.article import Article
from retrieval.countries import adjective_forms, alias_lines, demonym_lines, russian_adjective
from retrieval.lexical import LexicalIndex
from retrieval.question import analyse, country_adjectives, searched_adjectives
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.normalize import analyze, curated_lines, has_arabic, tokenize
from retrieval.search import hybrid


def tokens(text: str) -> set[str]:
    return set(tokenize(text))


@pytest.mark.parametrize("english, russian, arabic", [
    ("China", "Китай", "الصين"),
    ("Germany", "Германия", "ألمانيا"),
    ("France", "Франция", "فرنسا"),
    ("Belgium", "Бельгия", "بلجيكا"),
    ("Spain", "Испания", "إسبانيا"),
    ("Australia", "Австралия", "أستراليا"),
    ("United States", "США", "الولايات المتحدة"),
    ("United Kingdom", "Соединённое Королевство", "بريطانيا"),
    ("Moldova", "Молдова", "مولدوفا"),
    ("Venezuela", "Венесуэла", "فنزويلا"),
])
def test_one_country_three_scripts_one_token(english, russian, arabic):
    assert tokens(english) == tokens(arabic) == tokens(russian)
    assert all(has_arabic(t) for t in tokens(english))


@pytest.mark.parametrize("form", ["Китая", "Китаю", "Китаем", "китайской"])
def test_russian_case_forms_reach_the_same_country(form):
    assert tokens(form) == tokens("الصين")


def test_the_curated_glossary_wins_over_official_names():
    # pycountry calls Russia الاتحاد الروسي; the articles (and the glossary) write روسيا
    assert tokens("Russia") == tokens("روسيا")
    assert tokens("Turkey") == tokens("تركيا")


def test_united_is_not_a_football_club():
    words = [w for w, _ in analyze("What did Blinken say after the talks in the United States?")]
    assert "united" not in words and "ولايات" in words


def test_ordinary_words_stay_words():
    # short or ambiguous names are left out: "us" is a pronoun, "chad" a first name
    assert tokens("tell us about Chad") == tokens("tell us about chad") and not any(has_arabic(t) for t in tokens("us chad"))


def test_the_whole_world_not_this_corpus():
    lines = alias_lines()
    assert len(lines) > 190
    for line in lines:
        arabic, variants = line.split("\t")
        assert has_arabic(arabic) and variants and not has_arabic(variants)


def first_found(tmp_path, embedder, articles: dict[str, str], questions: list[str]) -> list[str]:
    """The article each question finds first, in an index of these articles (id -> text)."""
    index = Index(tmp_path, embedder)
    ingest(index, [Article(id=aid, text=text, title="") for aid, text in articles.items()])
    return [hybrid(index, q, 1)[0].article_id for q in questions]


def test_an_english_question_finds_the_country_it_names(tmp_path, fake_embedder):
    articles = {"cn": "أعلنت الصين دعمها لتسوية النزاع عبر المفاوضات.",
                "mu": "فاز مانشستر يونايتد على منافسه في الدوري الإنجليزي.",
                "us": "استضافت الولايات المتحدة محادثات بين وزيري الخارجية."}
    questions = ["What did China say about the conflict?", "Что заявил Китай?", "Which talks did the United States host?"]
    assert first_found(tmp_path, fake_embedder, articles, questions) == ["cn", "cn", "us"]


def test_english_adjectives_of_nationality_reach_their_country():
    lines = dict(reversed(line.split("\t")) for line in demonym_lines(curated_lines()))
    assert lines["turkish"] == "تركيا" and lines["french"] == "فرنسا" and lines["chinese"] == "الصين"
    # "Russian" and "Armenian" start with their country's name: the glossary reaches them already
    assert "russian" not in lines and "armenian" not in lines
    # shared by several territories: the most populous keeps it (not Martinique, not the British
    # Indian Ocean Territory, whose demonym is India's)
    assert "indian" not in lines
    assert tokens("the Turkish minister") >= tokens("تركيا") and tokens("French mediation") >= tokens("فرنسا")


@pytest.mark.parametrize("country, adjectives", [
    ("روسيا", {"الروسي"}),
    ("أرمينيا", {"الأرميني", "الأرمني"}),
    ("أذربيجان", {"الأذربيجاني"}),
    ("الصين", {"الصيني"}),
    ("فرنسا", {"الفرنسي"}),
    ("السعودية", {"السعودي"}),
])
def test_a_country_has_its_arabic_adjective(country, adjectives):
    assert set(adjective_forms(curated_lines())[country]) == adjectives


def test_only_one_word_countries_get_adjectives():
    forms = adjective_forms(curated_lines())
    assert "الولايات المتحدة" not in forms and "قره باغ" not in forms and "مينسك" not in forms


def test_us_in_capitals_is_the_country_and_in_lower_case_the_pronoun():
    assert tokens("US") == tokens("الولايات المتحدة") and tokens("tell us") == set()


def test_an_english_or_russian_country_word_also_reaches_the_adjective():
    arabic_adjective = tokenize("الأرمنية")[0]
    for question in ("What did the Armenian government say?", "Что сказало армянское правительство?"):
        term = next(t for t in analyse(question).terms if t.word == analyze("أرمينيا")[0][0])
        assert arabic_adjective in term.tokens and tokenize("أرمينيا")[0] in term.tokens
    # an Arabic question keeps the form its reader wrote
    term = next(t for t in analyse("ماذا قالت أرمينيا؟").terms if t.word == analyze("أرمينيا")[0][0])
    assert arabic_adjective not in term.tokens


def _lexical(**passages: str) -> LexicalIndex:
    """A BM25 index over passages given as id=tokens."""
    return LexicalIndex.build([(pid, f"r{i}", tokens, "", "") for i, (pid, tokens) in enumerate(passages.items())])


def test_bm25_scores_a_terms_alternatives_as_their_best_not_their_sum():
    lex = _lexical(both="روسيا روس اتفاق", one="روسيا اتفاق", other="مصر سياحة", more="مصر اقتصاد")
    alone = dict(lex.search([["روسيا"], ["اتفاق"]], 4))
    either = dict(lex.search([["روسيا", "روس"], ["اتفاق"]], 4))
    summed = dict(lex.search([["روسيا"], ["روس"], ["اتفاق"]], 4))
    assert either["one"] == pytest.approx(alone["one"])
    assert either["both"] == pytest.approx(max(alone["both"], dict(lex.search([["روس"], ["اتفاق"]], 4))["both"]))
    assert summed["both"] > either["both"]  # as separate terms they add up
    assert "other" not in either


def test_a_borrowed_alternative_scores_at_its_terms_own_idf():
    # مهمتها (a pronoun form, in one passage) is rarer than مهمة (in three): as an alternative it
    # realises the term but must not outscore the reader's own word.
    lex = _lexical(bare="مهم عمل", form="مهمتها عمل", x="مهم سياحة", y="مهم اقتصاد", z="مصر اقتصاد")
    own = dict(lex.search([["مهم", "مهمتها"]], 5))
    borrowed = dict(lex.search([["مهم", "مهمتها"]], 5, borrowed=frozenset({"مهمتها"})))
    assert own["form"] > own["bare"]  # scored at its own idf, the rarer form wins
    assert borrowed["form"] == pytest.approx(borrowed["bare"])  # at the term's idf, the two tie
    assert borrowed["bare"] == pytest.approx(own["bare"])


@pytest.mark.parametrize("adjective, arabic", [
    ("французский", "فرنسا"),  # франци-я -> француз-ский
    ("итальянская", "إيطاليا"),  # итали-я -> итальян-ский
    ("турецкого", "تركيا"),  # турци-я -> турец-кий: the same consonants
    ("молдавские", "مولدوفا"),  # молдов-а -> молдав-ский
    ("японскому", "اليابان"),
    ("австрийский", "النمسا"),  # not Australia, which shares five letters
    ("австралийский", "أستراليا"),
    ("казахстанский", "كازاخستان"),
    ("сирийской", "سوريا"),  # CLDR's everyday Arabic name, not الجمهورية العربية السورية
    ("немецкий", "ألمانيا"),  # formed from another stem: the closed list of such adjectives
    ("американские", "الولايات المتحدة"),
])
def test_russian_adjectives_of_nationality_reach_their_country(adjective, arabic):
    assert tokens(adjective) == tokens(arabic)


@pytest.mark.parametrize("word", ["армейский", "европейский", "советского", "политический", "минский",
                                  "московская", "грузовой", "стратегического", "международный",
                                  # short country stems that start ordinary words: Togo, Samoa, Palau
                                  "того", "самой", "палатой"])
def test_other_russian_adjectives_stay_words(word):
    # армей-ский (army) shares four letters with армени-я, but not 70% of it nor its consonants
    assert russian_adjective(word) is None and not any(has_arabic(t) for t in tokens(word))


@pytest.mark.parametrize("phrase", ["на немецком языке", "американский язык жестов", "английский перевод"])
def test_a_language_is_not_a_country(phrase):
    assert not any(has_arabic(t) for t in tokens(phrase))


@pytest.mark.parametrize("name, arabic", [
    ("Великобритания", "بريطانيا"),  # CLDR's Russian name; iso-codes has Соединённое Королевство
    ("the UK", "بريطانيا"),  # countryinfo's acronym
    ("Great Britain", "بريطانيا"),
    ("UAE", "الإمارات العربية المتحدة"),
    ("ОАЭ", "الإمارات العربية المتحدة"),
    ("Syria", "سوريا"),
    ("Türkiye", "تركيا"),
])
def test_everyday_names_and_acronyms(name, arabic):
    assert tokens(name) == tokens(arabic)


def test_iso_codes_and_foreign_spellings_are_not_names():
    # "ARE" is the United Arab Emirates' ISO code, "Island" Iceland's own name: English words here
    assert not any(has_arabic(t) for t in tokens("what are the island nations"))


def test_a_russian_question_with_an_adjective_finds_the_country(tmp_path, fake_embedder):
    articles = {"fr": "أكدت فرنسا استعدادها للوساطة بين أرمينيا وأذربيجان.",
                "tr": "أعلنت تركيا دعمها لأذربيجان في المفاوضات.",
                "eg": "ارتفعت أسعار القطن في الأسواق المصرية."}
    questions = ["Что предложила французская сторона?", "Что заявил турецкий министр?"]
    assert first_found(tmp_path, fake_embedder, articles, questions) == ["fr", "tr"]


def test_an_adjective_whose_token_is_mostly_another_word_does_not_stand_for_its_country(tmp_path, fake_embedder):
    """الجورجي stems to جورج, which is mostly the name George: a question about Georgia must not
    find a passage on George Bush by it. التركي's ترك ("left") is rarer than the adjective, so
    Turkey keeps it, and so do Russia and Armenia."""
    adjectives = searched_adjectives()
    assert "جورجيا" not in adjectives and "مايوت" not in adjectives
    assert adjectives["تركيا"] == ("التركي",) and adjectives["روسيا"] == ("الروسي",)
    assert country_adjectives()["جورجيا"] == ("الجورجي",)  # still a country's word for the checks
    articles = {"bush": "قال الرئيس الأميركي الأسبق جورج بوش إن رئيس الحزب سيزور الولاية.",
                "tbilisi": "اجتمع رئيس جورجيا مع وفد من الاتحاد الأوروبي في تبليسي."}
    assert first_found(tmp_path, fake_embedder, articles, ["Who is the president of Georgia?"]) == ["tbilisi"]
    index = Index(tmp_path / "tr", fake_embedder)
    ingest(index, [Article(id="tr", title="", text="طرح الرئيس التركي رجب طيب أردوغان مبادرة جديدة.")])
    turkey = next(t for t in index.analyse("What did the Turkish president propose?").terms if t.word == "تركيا")
    assert "ترك" in turkey.tokens
