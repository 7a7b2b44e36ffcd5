"""What a named person said about something: the person must be saying it in the quoted passages.

"What did Blinken say about the Lachin corridor?" finds Blinken announcing progress on the peace
treaty, and the Lachin corridor in the next sentence, about what Washington's talks focused on:
every readable word of the question is in one passage, two sentences apart, and a quotation
would present Blinken's words on something else as his words on Lachin. "Что сказал Эрдоган о
Минской группе ОБСЕ?" finds Erdogan proposing the six-party format, and the Minsk group in
another article.

A question that asks what a person said, stated or thought about a topic (English, Russian or
Arabic; `asked_speech`) is answered by a sentence that names the person, gives their words near
the name and holds the topic's rarest word, or by a sentence that goes on reporting the person's
words: news names who speaks once and goes on "وأضاف ..."، "وأكد الوزير ..."، "وجاء في البيان ...".
Any other sentence is another story of the same article. `unsaid` gives the person and the
topic when no quoted passage holds them that way; the offline decision refuses on it
(bot/decision.py). With an LLM, the LLM reads the passages and decides.

Only names are checked as speakers: a name is how a question points at one person, while a title
("the Russian minister") is written in as many ways as there are articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from retrieval.chunking import sentence_spans
from retrieval.names import REPORTING_VERBS, STANCE_VERBS
from retrieval.normalize import analyze, normalize, sentence_tokens, strip_marks
from retrieval.question import Term, meets, terms_in, tokens_needed

# "What did Blinken say about …", "What has Lavrov stated on …", "What does Aliyev think of …".
_EN = re.compile(
    r"\bwhat\s+(?:did|does|do|has|have|had|will|would)\s+(?P<speaker>.+?)\s+"
    r"(?:say|said|says|state|stated|tell|told|think|thought|announce|announced|declare|declared|write|wrote|"
    r"report|reported|claim|claimed|stress|stressed|note|noted)\b(?:\s+\w+){0,2}?\s+"
    r"(?:about|on|of|regarding|concerning)\s+(?P<topic>.+)", re.IGNORECASE)
_RU_VERB = r"(?:сказал|заявил|говорил|сообщил|думает|считает|написал|писал|подчеркнул|отметил)\w*"
_RU_ABOUT = r"(?:о|об|обо|про|насч[её]т)"
# "Что сказал Эрдоган о …", "Что Лавров сказал о …".
_RU = re.compile(
    rf"(?<!\w)что\s+(?:{_RU_VERB}\s+(?P<speaker>.+?)|(?P<speaker2>.+?)\s+{_RU_VERB})\s+{_RU_ABOUT}\s+(?P<topic>.+)",
    re.IGNORECASE)
# "ماذا قال بلينكن عن …", "ما الذي صرح به لافروف بشأن …", "بماذا وصف …".
_AR = re.compile(
    r"(?:^|\s)(?:[وف]?ماذا|ما\s+الذ[يى]|بماذا)\s+"
    r"(?:قال|قالت|قاله|قالته|صرح|صرحت|صرح\s+به|ذكر|ذكرت|ذكره|اعلن|أعلن|أعلنت|اعلنت|كتب|رأى|راى|يرى|اكد|أكد|أكدت)\s+"
    r"(?P<speaker>.+?)\s+(?:عن|بشأن|بشان|حول|بخصوص|إزاء|ازاء|تجاه)\s+(?P<topic>.+)")

# A sentence that goes on reporting what someone said: its first words hold a verb of saying
# ("وأضاف"، "وفي الوقت ذاته، أكد الوزير الروسي"، "وجاء في البيان"), as normalize() folds them
# (أكد → اكد, رأى → راي), with و/ف before it and the feminine ت after it.
_REPORTING = re.compile(rf"(?<!\w)[وف]?(?:{REPORTING_VERBS})ت?(?!\w)")
_OPENING = 6  # words of a sentence in which its verb of saying stands

# "What did Nabil al-Arabi say?", "Что заявил Набиль аль-Араби на встрече с де Мистурой?", "ماذا
# قال لافروف في مينسك؟": what a person said, with no topic; at most a setting after the verb (a
# place, a meeting, whom it was said to). Read when the patterns above, which need a topic, do not.
_AFTER_VERB = r"(?:\s+(?:at|in|during|after|before|when|while|to|на|в|во|после|перед|при|журналистам|في|خلال|بعد|"\
           r"قبل|أثناء|اثناء|امام|أمام|عقب|ل\w+)\b.*)?\W*$"
_EN_BARE = re.compile(
    r"\bwhat\s+(?:did|does|has|have|had|will|would)\s+(?P<speaker>.+?)\s+"
    r"(?:say|said|state|stated|announce|announced|declare|declared|claim|claimed|"
    r"(?:tell|told)(?:\s+(?!(?:at|in|during|after|before|when|while)\b)\w+){0,2})\b" + _AFTER_VERB,
    re.IGNORECASE)
_RU_BARE = re.compile(rf"(?<!\w)что\s+(?:{_RU_VERB}\s+(?P<speaker>.+?)|(?P<speaker2>.+?)\s+{_RU_VERB})" + _AFTER_VERB,
                      re.IGNORECASE)
_AR_BARE = re.compile(r"(?:^|\s)(?:[وف]?ماذا|ما\s+الذ[يى])\s+(?:قال|قالت|صرح|صرحت|اعلن|أعلن|أعلنت|اعلنت|اكد|أكد|أكدت)"
                      r"\s+(?P<speaker>\S+(?:\s+\S+)?)" + _AFTER_VERB)
# The verbs that give someone's words or stance anywhere in a sentence (saying): those above and
# the ones news reports a position with ("أعلنت زاخاروفا"، "رحب لافروف بـ"، "حذر"، "نفى"، "طالب").
_SAYING = re.compile(rf"(?<!\w)[وف]?(?:{STANCE_VERBS})(?:ت|ا|وا)?(?!\w)")
# Besides a verb of saying, the words that give a person's words in the sentence naming them:
# "بحسب لافروف"، "وفقا لزاخاروفا", a quotation opened by a colon.
_ATTRIBUTION = re.compile(r"(?<!\w)[وف]?(?:بحسب|حسب|وفقا|وفق|نقلا|قوله|قولها|تصريح\w*|بيان\w*)(?!\w)|[:«\"]")


@dataclass(frozen=True)
class Speech:
    speaker: str  # the speaker as the question names them
    speaker_tokens: frozenset[str]  # index tokens that name them
    topic: tuple[tuple[frozenset[str], ...], ...]  # per topic term: the token sets a sentence must all meet
    topic_words: tuple[str, ...]
    # per topic term: the Arabic tokens that say how informative it is (Term.weighed)
    topic_weighed: tuple[frozenset[str], ...] = ()


def asked_speech(text: str, terms: Iterable[Term], names: Iterable[tuple[str, Iterable[str]]]) -> Speech | None:
    """The person a question asks the words of and what about, or None.

    `names`: the question's names (its word, the index tokens naming it), as read for its
    language (bot/qualifiers.py); the speaker is the one named between the question's verb of
    saying and "about". The topic is the question's terms after "about" that an Arabic passage
    can hold (an English word the index cannot read says nothing either way).
    """
    text = strip_marks(text)
    m = _EN.search(text) or _RU.search(text) or _AR.search(text)
    bare = None if m else (_EN_BARE.search(text) or _RU_BARE.search(text) or _AR_BARE.search(text))
    if not (m or bare):
        return None
    groups = (m or bare).groupdict()
    speaker_span = groups.get("speaker") or groups.get("speaker2") or ""
    spoken = {token for _, token in analyze(speaker_span)}
    speaker = next(((word, frozenset(tokens)) for word, tokens in names if set(tokens) & spoken), None)
    if speaker is None:
        return None
    if bare:  # no topic: the person must be saying something
        return Speech(speaker[0], speaker[1], (), ())
    topic = [(t.word, tokens_needed(t), t.weighed) for t in terms_in(m["topic"], terms) if not t.tokens & speaker[1]]
    if not topic:
        return None
    return Speech(speaker[0], speaker[1], tuple(needed for _, needed, _ in topic), tuple(word for word, _, _ in topic),
                  tuple(weighed for _, _, weighed in topic))


def unsaid(speech: Speech | None, passages: Sequence[str], idf: Callable[[str], float] | None = None) -> str:
    """"speaker / topic" when no passage has the speaker saying anything of the topic, or "".

    `idf` (the index's): the topic's rarest word must be among what the person says, as the rarest
    word decides a question: "What did Angela Merkel say about the Iran deal?" is not answered by
    Merkel promising talks on Greece's bailout deal. Without it, any word of the topic will do."""
    if speech is None:
        return ""
    needed_words = speech.topic
    if idf is not None and speech.topic_weighed:
        rarity = [max((idf(token) for token in weighed), default=0.0) for weighed in speech.topic_weighed]
        needed_words = (speech.topic[rarity.index(max(rarity))],)
    for text in passages:
        sentences = [text[start:end] for start, end in sentence_spans(text)]
        tokens = [sentence_tokens(s) for s in sentences]
        for i, held in enumerate(tokens):
            if not held & speech.speaker_tokens:
                continue
            if not speech.topic:
                # Anything the person says: a verb of saying or an attribution near their name in
                # the sentence naming them ("وصرح نائب وزير الخارجية الروسي، أندريه رودينكو، بأن..."),
                # or the next sentence going on with their words.
                if saying_near(sentences[i], speech.speaker_tokens) or i + 1 < len(sentences) and reports(sentences[i + 1]):
                    return ""
                continue
            # The person's sentence, when it gives their words (saying: "أعرب لافروف عن قلقه إزاء",
            # not "بدأه أوباما ونظيره راؤول كاسترو", where the embassies reopened), and the sentences
            # after it that go on reporting speech.
            spoken = tokens[i] if saying_near(sentences[i], speech.speaker_tokens) else frozenset()
            j = i + 1
            while j < len(sentences) and reports(sentences[j]):
                spoken |= tokens[j]
                j += 1
            if any(meets(spoken, needed) for needed in needed_words):
                return ""
    if not speech.topic:
        return f"{speech.speaker} / (anything)"
    return f"{speech.speaker} / {', '.join(speech.topic_words)}"


# How near the person's name a verb of saying or an attribution stands when it gives their words:
# "أعرب لافروف عن قلقه"، "وصرح نائب وزير الخارجية الروسي، أندريه رودينكو، بأن". Further on it gives
# someone else's: "ويبدأ غابريال، الذي يشغل كذلك منصب نائب المستشارة أنجيلا ميركل ووزير الطاقة،
# زيارته ... بحسب بيان من وزارته" is Gabriel's ministry speaking, Merkel named in his title.
NEAR_NAME = 8


def saying_near(sentence: str, speaker: frozenset[str]) -> bool:
    """Does the sentence give someone's words within NEAR_NAME words of where it names the speaker?"""
    words = sentence.split()
    at = [k for k, word in enumerate(words) if sentence_tokens(word) & speaker]
    return any(saying(" ".join(words[max(0, k - NEAR_NAME):k + NEAR_NAME + 1])) for k in at)


def saying(sentence: str) -> bool:
    """Does the sentence give someone's words anywhere (a verb of saying, an attribution)?"""
    folded = normalize(sentence)
    return bool(_REPORTING.search(folded) or _SAYING.search(folded) or _ATTRIBUTION.search(sentence)
                or _ATTRIBUTION.search(folded))


def reports(sentence: str) -> bool:
    """Does the sentence open by reporting speech (وأضاف، أكد الوزير، وجاء في البيان)?"""
    return bool(_REPORTING.search(normalize(" ".join(sentence.split()[:_OPENING]))))

