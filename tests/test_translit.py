"""Cross-script name keys: the same name in Latin, Cyrillic and Arabic letters meets; others do not."""

import pytest

from retrieval.article import Article
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.search import hybrid
from retrieval.normalize import arabic_token
from retrieval.translit import MIN_KEY, arabic_key_variants, closest_spellings, name_key, name_key_variants, spelled


@pytest.mark.parametrize("latin, cyrillic, arabic", [
    ("Lavrov", "Лавров", "لافروف"),
    ("Bayramov", "Байрамов", "بيراموف"),
    ("Mirzoyan", "Мирзоян", "ميرزويان"),
    ("Pashinyan", "Пашинян", "باشينيان"),
    ("Aliyev", "Алиев", "علييف"),
    ("Zakharova", "Захарова", "زاخاروفا"),
    ("Peskov", "Песков", "بيسكوف"),
    ("Mnatsakanyan", "Мнацаканян", "مناتساكانيان"),
    ("Michel", "Мишель", "ميشيل"),
    ("Blinken", "Блинкен", "بلينكن"),
    ("Minsk", "Минск", "مينسك"),
    ("Yerevan", "Ереван", "يريفان"),
    ("Lachin", "Лачин", "لاتشين"),
    ("Putin", "Путин", "بوتين"),
    ("Ilham", "Ильхам", "إلهام"),
    ("Vladimir", "Владимир", "فلاديمير"),
    ("Rudenko", "Руденко", "رودينكو"),
    ("Erdogan", "Эрдоган", "أردوغان"),
    ("Stepanakert", "Степанакерт", "ستيباناكيرت"),
    # names that appear in no seed article: the mechanism, not a list
    ("Overchuk", "Оверчук", "أوفيرتشوك"),
    ("Khachaturyan", "Хачатурян", "خاتشاتوريان"),
    ("Scholz", "Шольц", "شولتس"),
    ("Denver", "Денвер", "دنفر"),
])
def test_one_name_three_scripts_one_key(latin, cyrillic, arabic):
    keys = {name_key(latin), name_key(cyrillic), name_key(arabic)}
    assert len(keys) == 1 and len(keys.pop()) >= 2


@pytest.mark.parametrize("a, b", [
    ("Lavrov", "Peskov"), ("Aliyev", "Mirzoyan"), ("لافروف", "بيراموف"), ("Minsk", "Moscow"),
    ("Putin", "Pashinyan"),
])
def test_different_names_differ(a, b):
    assert name_key(a) != name_key(b)


def test_diacritics_case_and_punctuation_do_not_matter():
    assert name_key("LAVROV") == name_key("lavrov") == name_key("لافْرُوف")
    assert name_key("Shol'ts") == name_key("Sholts")
    assert name_key("") == name_key("---") == ""


def test_a_proclitic_is_tried_off_and_on():
    # "Jeyhun" has a two-letter key: too short to look up alone, so it is not indexed
    assert len(name_key("Jeyhun")) < MIN_KEY and name_key("Jeyhun") not in arabic_key_variants("وجيهون")
    assert name_key("Lavrov") in arabic_key_variants("ولافروف")
    assert name_key("Lavrov") in arabic_key_variants("لافروف")


def test_among_words_a_short_key_meets_the_closest_spelling_is_meant():
    # "srf" is the key of زاخاروفا and of تصرف ("behaviour"), صرف ("exchange")
    assert closest_spellings("Zakharova", {"زاخاروفا", "تصرف", "صرف"}) == {"زاخاروفا"}
    # a close collision keeps the name too (مناسك "rites" is spelled like Minsk)
    assert "مينسك" in closest_spellings("Minsk", {"مينسك", "مناسك", "منسق"})
    # a single match is kept when it is spelled like the name at all (MIN_SPELLING), not otherwise
    assert closest_spellings("Lavrov", {"لافروف"}) == {"لافروف"}
    assert closest_spellings("India", {"عندها"}) == set()



def test_spellings_are_compared_as_arabic_writes_a_foreign_name():
    # o/u and i/e are the و and ي Arabic writes for them: "Soviet" is سوفيات (or its stem سوفي),
    # not صفحته ("its page") or سيفتح ("will open"), which share its key sft
    assert spelled("Soviet") == spelled("سوفيات")
    assert closest_spellings("Soviet", {"سوفيات", "سوفي", "صفحته", "سيفتح", "بصفته"}) == {"سوفيات", "سوفي"}
    assert closest_spellings("Aliyev", {"علييف", "بوليفيا", "حلفايه", "خليف"}) == {"علييف"}
    assert closest_spellings("Алиев", {"علييف", "بوليفيا", "حلفايه", "خليف"}) == {"علييف"}
    assert "جورجيا" in closest_spellings("Georgia", {"جورجيا", "غريغ"})
    assert closest_spellings("Scholz", {"شولتس", "تشيلس"}) == {"شولتس"}
    assert spelled("Zakharova") == "saHarwfa"  # kh is one letter, not the k-s of x


def test_a_stemmed_name_is_compared_as_the_word_it_was_cut_from():
    # لاتشين is indexed as its stem لاتش, which scores below لشن ("to launch"), a word its key
    # also meets: compared bare, the name meant was the one dropped.
    assert "لاتش" not in closest_spellings("Lachin", {"لاتش", "لشن"})
    assert "لاتش" in closest_spellings("Lachin", {"لاتش", "لشن"}, {"لاتش": {"لاتشين"}, "لشن": {"لشن"}})
    # and the other way round: بش (the stem of بشأن, "concerning") is no name however its stem is spelled
    assert closest_spellings("Pashinyan", {"باشين", "بش"}, {"باشين": {"باشينيان"}, "بش": {"بشان"}}) == {"باشين"}


def test_a_stem_as_close_as_a_word_is_kept_beside_it():
    # the seed writes السوفيتية (stem سوفي), another article السوفيات: both are Soviet
    words = {"سوفي": {"سوفيتية"}, "سوف": {"سوفيات"}, "تصف": {"تصفيق"}}
    assert {"سوفي", "سوف"} <= closest_spellings("Soviet", {"سوفي", "سوف", "تصف"}, words)


def test_an_english_name_reaches_the_arabic_word_whose_stem_cuts_its_end(tmp_path, fake_embedder):
    """An article added tomorrow names a town whose Arabic spelling the stemmer cuts (-ين), among
    articles holding a short word with the same key."""
    index = Index(tmp_path, fake_embedder)
    ingest(index, [
        Article(id="noise", text="قررت الحكومة لشن حملة على الفساد في الأقاليم.", title="حملة"),
        Article(id="town", text="وصل الوفد إلى بلدة كوبتشين الحدودية أمس.", title="زيارة حدودية"),
    ])
    term = index.analyse("Kopchin?").terms[0]
    assert term.name and any(t.startswith("كوبتش") for t in term.tokens)
    assert hybrid(index, "Kopchin?", 1)[0].article_id == "town"


def test_an_index_built_with_key_tokens_is_read_again_for_its_words(tmp_path, fake_embedder):
    """Indexes before stop 39 stored key -> stem (name_keys); the first lookup reads the words from
    the passages once and drops the old table, so every name stays reachable without a reindex
    (articles added with --no-save too, which a reindex of the corpus folder does not reach)."""
    index = Index(tmp_path, fake_embedder)
    ingest(index, [Article(id="z", text="أعلنت ماريا زاخاروفا عقد اجتماع ثلاثي.", title="اجتماع")])
    db = index.catalog._db
    db.execute("DELETE FROM name_words")
    db.execute("CREATE TABLE name_keys (key TEXT NOT NULL, token TEXT NOT NULL, PRIMARY KEY (key, token))")
    db.execute("DELETE FROM meta WHERE key='name_keys_version'")  # as an index of stop 38 has none
    reopened = Index(tmp_path, fake_embedder)

    def has_name_keys_table() -> bool:
        return bool(reopened.catalog._all("SELECT 1 FROM sqlite_master WHERE type='table' AND name='name_keys'"))

    assert has_name_keys_table()
    found = reopened.name_tokens([name_key("Zakharova")])
    assert {"زاخاروفا"} <= set().union(*found[name_key("Zakharova")].values())
    assert not has_name_keys_table()


def test_arabic_writes_no_vowel_between_t_and_s():
    # تسلا is Tesla (t-s-l), while مناتساكانيان's ts is Mnatsakanyan's: both readings are keyed
    assert name_key("Tesla") in arabic_key_variants("تسلا")
    assert name_key("Mnatsakanyan") in arabic_key_variants("مناتساكانيان")
    assert name_key("Mnatsakanyan") != name_key("Mntesakanyan")


@pytest.mark.parametrize("latin, arabic", [("Castro", "كاسترو"), ("Kasparov", "كاسباروف"), ("Tesla", "تسلا")])
def test_two_arabic_letters_are_not_read_as_one_sound_where_a_vowel_stood_between(latin, arabic):
    # ك+س is also an x (ألكسندر, Alexander) and ت+س a ts (Mnatsakanyan): both readings are keyed
    assert name_key(latin) in arabic_key_variants(arabic)
    assert name_key("Alexander") in arabic_key_variants("ألكسندر")
    # and spelled both ways, so the name's spelling is compared with the closer one
    assert closest_spellings(latin, {arabic, "قتر"}) == {arabic}


def test_the_letters_apart_are_for_names_from_other_scripts(tmp_path, fake_embedder):
    # شراكة ("partnership") is keyed Srk only with its ك+ة read apart: an English name reaches
    # it, an Arabic word no passage has (شاركوا, falling back on its key) does not
    index = Index(tmp_path, fake_embedder)
    ingest(index, [Article(id="p", text="وأعربا عن ارتياحهما إزاء نمو الشراكة الاستراتيجية.", title="شراكة")])
    assert name_key("Sharak") in arabic_key_variants("شراكة")
    term = next(t for t in index.analyse("من شاركوا في الاجتماع؟").terms if t.word == "شاركوا")
    assert not any(token.startswith("شراك") for token in term.tokens)
    assert any(token.startswith("شراك") for token in index.analyse("Sharak?").terms[0].tokens)


def test_a_names_kh_is_also_read_as_the_arabic_h():
    # Мохсен is محسن, Ахмед أحمد: the Russian х writes ح as well as خ
    assert closest_spellings("Мохсена", {"محسن", "مخلص"}) == {"محسن"}
    assert closest_spellings("Khachaturyan", {"خاتشاتوريان"}) == {"خاتشاتوريان"}


def test_castro_reaches_his_article_and_not_a_word_with_a_similar_key(tmp_path, fake_embedder):
    index = Index(tmp_path, fake_embedder)
    ingest(index, [
        Article(id="cuba", text="بدأ الرئيس الأميركي باراك أوباما ونظيره راؤول كاسترو التقارب بين البلدين.", title="كوبا"),
        Article(id="noise", text="وافق المجلس على قرار جديد بشأن الميزانية.", title="المجلس"),
    ])
    term = next(t for t in index.analyse("What did Castro say?").terms if t.word == "castro")
    assert term.name and "كاسترو" in term.tokens
    assert hybrid(index, "Castro?", 1)[0].article_id == "cuba"


def test_a_question_of_names_only_is_found_by_the_names(tmp_path, fake_embedder):
    index = Index(tmp_path, fake_embedder)
    ingest(index, [
        Article(id="noise", text="إن تصرف الحكومة أثار الجدل. وقد تصرف الوزير بسرعة. تصرف غريب.", title="تصرف"),
        Article(id="zakharova", text="أعلنت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا عقد اجتماع ثلاثي.",
                title="اجتماع في موسكو"),
        Article(id="other", text="افتتح معرض الكتاب أبوابه أمس في العاصمة.", title="معرض"),
    ])
    question = index.analyse("Zakharova?")
    assert question.terms[0].name and "تصرف" not in question.terms[0].tokens
    for asked in ("Zakharova?", "Захарова?"):
        assert hybrid(index, asked, 1)[0].article_id == "zakharova"


def test_a_name_among_words_the_index_cannot_read_still_brings_its_article(tmp_path, fake_embedder, monkeypatch):
    """An article added tomorrow about a new envoy: the English question's only readable word is
    his name, so the lexical side has no share of the fusion; the embedder alone misses it here
    (its candidates cut to 3 among 12 articles), and the name's passages must still be compared."""
    import retrieval.search as search

    index = Index(tmp_path, fake_embedder)
    noise = [Article(id=f"n{i}", title=f"خبر {i}", text=f"ناقش المجلس البلدي رقم {i} خطة الطرق والمياه في المدينة.")
             for i in range(12)]
    envoy = Article(id="envoy", title="مبعوث أوروبي جديد",
                    text="عيّن الاتحاد الأوروبي الدبلوماسي ماغنوس ليندبرغ مبعوثا خاصا إلى جنوب القوقاز.")
    ingest(index, noise + [envoy])
    monkeypatch.setattr(search, "DEPTH", 3)
    question = "What did Lindberg say about his mission?"
    assert search.cross_lingual_weight(index.analyse(question)) == 0.0  # no lexical share
    assert "envoy" not in [pid.split(":")[0] for pid, _ in search.dense_search(index, index.analyse(question), 3)]
    hits = hybrid(index, question, 5)
    assert "envoy" in [h.article_id for h in hits]
    envoy_hit = next(h for h in hits if h.article_id == "envoy")
    assert envoy_hit.dense_score is not None and "lindberg" in envoy_hit.matched  # its own cosine, its name
    monkeypatch.setattr(search, "NAME_CANDIDATES", 0)  # without them, as before
    assert "envoy" not in [h.article_id for h in hybrid(index, question, 5)]


def test_a_question_that_is_all_but_its_name_ranks_the_passage_with_the_name_first(seed_index, monkeypatch):
    """"What did Rudenko say?" is its name and a common verb: the one passage spelling رودينكو
    must come first, as for the Arabic question, not after the embedder's near misses; a question
    of words the index cannot read keeps the small weight its names had."""
    import retrieval.search as search
    from retrieval.question import informativeness

    assert informativeness("say", "en") < 0.3 < 0.9 < informativeness("rudenko", "en")
    asked = ("What did Rudenko say?", "Что заявил Руденко?")
    for question in asked:
        q = seed_index.analyse(question)
        assert q.readable_information > 0.6 and search.cross_lingual_rerank(q) > 2.5 * search.CROSS_LINGUAL_RERANK
        assert "رودينكو" in hybrid(seed_index, question, 1)[0].text
    plain = seed_index.analyse("What type of engine did the car use?")
    assert plain.readable_information == 0.0 and search.cross_lingual_rerank(plain) == search.CROSS_LINGUAL_RERANK
    monkeypatch.setattr(search, "INFORMED_RERANK", 0.0)  # names as a tie-breaker only, as before
    assert not all("رودينكو" in hybrid(seed_index, question, 1)[0].text for question in asked)


def test_a_name_of_two_consonants_reaches_only_the_names_the_corpus_announces(tmp_path, fake_embedder):
    # Kerry's key (kr) is too short to key every Arabic word by: كرة ("ball") has it too. The
    # minister the article announces after his title is keyed so; the ball is not.
    index = Index(tmp_path, fake_embedder)
    ingest(index, [
        Article(id="iran", text="قال وزير الخارجية الأميركي جون كيري إن إيران لا تزال خصما.", title="كيري وإيران"),
        Article(id="ball", text="سجل اللاعب هدفا بالكرة في الدقيقة الأخيرة من كرة القدم.", title="كرة"),
    ])
    assert len(name_key("Kerry")) == MIN_KEY - 1
    for question in ("What did Kerry say about Iran?", "Что сказал Керри об Иране?"):
        term = next(t for t in index.analyse(question).terms if t.word in ("kerry", "керри"))
        assert term.name and arabic_token("كيري") in term.tokens and arabic_token("كرة") not in term.tokens
    assert hybrid(index, "Kerry?", 1)[0].article_id == "iran"
    # a common word of two consonants is no name, however capitalised ("War", "Home")
    assert not next(t for t in index.analyse("Kerry at War?").terms if t.word == "war").name


def test_an_ng_is_read_as_n_and_as_n_and_g(tmp_path, fake_embedder):
    # The key's digraph makes "ng" one n; Arabic writes it نغ as often (بوينغ، فانينغ), whose
    # letters read apart keep the g. An English or Russian name looks up both readings.
    assert name_key_variants("Boeing") >= {"bng"} and name_key_variants("Фаннинга") >= {"fng"}
    assert "bn" == name_key("Boeing")  # the digraph's reading alone: too short to look up
    index = Index(tmp_path, fake_embedder)
    ingest(index, [
        Article(id="boeing", text="أطلقت مجموعة بوينغ الأميركية تحذيرا لشركات الطيران بشأن طراز 777.", title="تحذير"),
        Article(id="surf", text="نجا بطل العالم لركوب الأمواج ميك فانينغ من سمكة قرش.", title="قرش"),
    ])
    for question, token in (("Boeing?", "بوينغ"), ("Фаннинг?", "فانينغ")):
        term = next(t for t in index.analyse(question).terms if t.name)
        assert arabic_token(token) in term.tokens, question
    assert hybrid(index, "Boeing?", 1)[0].article_id == "boeing"
    assert hybrid(index, "Фаннинг?", 1)[0].article_id == "surf"
