import pytest

from retrieval.chunking import chunk, sentence_spans

ARTICLE = ("عقد الاجتماع الثلاثي في مينسك يوم الخميس. وجاء في البيان أن معظم البنود تنفذ بنجاح! "
           "هل ستستمر المحادثات؟ نعم\nالمصدر: تاس")


@pytest.mark.parametrize("text, n", [
    ("جملة واحدة فقط", 1),
    ("الأولى. الثانية؟ الثالثة!", 3),
    ("سطر\nسطر آخر\n\n", 2),
    ("نسبة 3.5 في المئة. ثم", 2),   # a decimal point is not a sentence end
    ("", 0),
])
def test_sentence_spans(text, n):
    spans = sentence_spans(text)
    assert len(spans) == n
    for start, end in spans:
        assert text[start:end] == text[start:end].strip()


@pytest.mark.parametrize("size", [40, 80, 200, 10_000])
def test_offsets_map_back_and_words_stay_whole(size):
    passages = chunk("a1", ARTICLE, size=size, overlap=1)
    assert passages
    words = set(ARTICLE.split())
    for n, p in enumerate(passages):
        assert p.id == f"a1:{n}" and p.n == n
        assert ARTICLE[p.start:p.end] == p.text
        for w in p.text.split():
            assert w in words, f"{w!r} is a cut word"
    # every word of the article is in some passage
    covered = set()
    for p in passages:
        covered.update(range(p.start, p.end))
    assert all(i in covered for i, ch in enumerate(ARTICLE) if not ch.isspace())


def test_long_sentence_is_split_at_spaces():
    text = " ".join(["كلمة"] * 300)  # one 1,500-character sentence
    passages = chunk("x", text, size=200, overlap=0)
    assert len(passages) > 5
    assert all(len(p.text) <= 200 for p in passages)
    assert all(text[p.start:p.end] == p.text for p in passages)


def test_ids_are_stable():
    assert chunk("a", ARTICLE, 60) == chunk("a", ARTICLE, 60)


def test_overlap_repeats_a_sentence():
    passages = chunk("a", ARTICLE, size=90, overlap=1)
    assert len(passages) >= 2
    assert passages[1].start < passages[0].end  # the second passage repeats the first's last sentence
