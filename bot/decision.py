"""Answer or refuse: does the corpus hold the answer to this question?

Three kinds of evidence, read off the retrieved passages:
- dense: the best cosine similarity, and how far it stands above the next passage's, read per
  language pair (an English or Russian question against Arabic passages sits lower than an
  Arabic one for the same relevance);
- terms: the idf-weighted share of the question's informative terms that the best passage holds
  (a rare word decides, عدد or قال barely count), and the share of informative words the corpus
  does not know at all (a question about a salary, in a corpus that never mentions one);
- names across scripts: an English or Russian name counts as held when an Arabic word with the
  same cross-script key is in the passage (retrieval/translit.py);
- offline only, vetoes a quotation cannot get past: an announcement asked about as if it
  had happened (when.py: every passage about the asked date was written before it; with no
  date asked, every quoted sentence naming the question's rarest word speaks of a date after
  its article, and no later article names it); a
  contrast (qualifiers.py): the question asks about one country's office, and
  the passages to be quoted name another country's and never this one's ("رئيس وزراء أذربيجان"
  against "رئيس الوزراء الأرمني", also for an English or Russian question), or the articles to be
  quoted never name the office at all ("سفير أرمينيا" where no one is an ambassador; "ما اسم قائد…"
  where no one is a commander); a country or place
  the quoted passages (or their articles' titles) never name; a "how many" that no quoted
  sentence answers with a quantity (of the unit asked; a length of time for "how long"); a
  year no article mentions or is dated in; people or places an English or Russian question
  names together that no sentence (or two in a row) of the quoted passages names together; a
  place a question asks as where someone was that no sentence naming that person names as a
  place; a birthplace asked that no quoted passage tells a birth of (milestone.py); what a
  person said, who heads or holds something, and when, as no quoted sentence tells it (said.py,
  headed.py, holder.py, when.py); what someone agreed, promised, proposed or
  demanded that no quoted sentence tells of them (deed.py); a "how many" whose sentences naming
  the counted thing count other things (counted.py). With
  an LLM the LLM reads those differences itself.

They are combined by a logistic model per language pair whose coefficients are fitted on public
data (XQuAD and ARCD with held-out contexts) by `bench/calibrate_decision.py` and stored in
decision.json beside this file. An English or Russian question is also read by the Arabic model,
as far as the Arabic index reads it (its names, places, glossary words and numbers): the two
confidences are mixed by the share of the question's information those words carry (see
`blend`). "What did Lindberg say about his mission?" is mostly a name, which the Arabic model
weighs as it weighs an Arabic question's words; XQuAD's English questions, mostly words the
index cannot read, stay with the cross-lingual model fitted on them. Answerable and held-out
questions weigh the same in that fit, so a confidence of 0.5 means even odds (the public sets
hold two answerable questions for every held-out one only because every third context is held
out). The threshold depends on who answers: without an LLM a wrong quotation reaches the
reader, so the bar is high (precision first); with an LLM only clearly irrelevant questions are
stopped before the call and the LLM decides the rest with its not-found marker (recall first).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from retrieval.chunking import sentence_spans
from retrieval.embeddings import similarity_range
from retrieval.index import Index
from retrieval.normalize import analyze, has_arabic, sentence_tokens
from retrieval.question import Question, tokens_needed
from retrieval.search import Hit, coverage, term_weights

from . import deed, headed, holder, qualifiers, said, when
from .counted import ASKS_COUNT, asked_counted, counted_elsewhere
from .extract import counts, counts_other_than_time, counts_things, unit_said
from .milestone import birth_untold

CALIBRATION = Path(__file__).with_name("decision.json")
FEATURES = ("dense", "coverage", "unknown", "margin", "support", "wide", "sentence")
# An English or Russian question also has the latent-term cosine of its first passage
# (retrieval/latent.py): the one evidence that reads its ordinary words against Arabic text.
CROSS_LINGUAL_FEATURES = FEATURES + ("latent",)
SENTENCE_DEPTH = 3  # the passages an extractive answer quotes
# A question in a language the bot does not read (French, Arabizi) is quoted from offline only
# when at least this share of its words is something the Arabic index reads (names, numbers,
# glossary terms): "le prix du pétrole à Bakou" is one place name and two words nobody checked.
FOREIGN_READABLE = 0.5
# The Arabic model's share of an English or Russian question's confidence is the share of its
# information the Arabic index reads, to this power (see blend). bench/calibrate_decision.py
# prints each on XQuAD, where they are within 0.01 of one another (too few questions made of
# names there); squared, a question must be mostly names before the Arabic model speaks for it.
READ_POWER = 2


@dataclass
class Evidence:
    pair: str  # "ar" (Arabic question) or "xx" (English or Russian question), against Arabic text
    dense: float  # best cosine among the passages, mapped through the embedder's range for the pair (0..1)
    coverage: float  # best idf-weighted share of the known informative terms held by one passage
    unknown: float  # share of the informative weight carried by words the corpus never uses
    margin: float = 0.0  # how far the best passage's cosine stands above the next one's (scaled)
    support: float = 0.0  # cosine of the passage that holds most of the terms (scaled, may be < 0)
    wide: float = 0.0  # the best cosine on the same scale, not clipped (unrelated questions fall below 0)
    sentence: float = 0.0  # the most of the question's informative weight one sentence holds
    latent: float | None = None  # latent-term cosine of the first passage (cross-lingual questions)
    unknown_words: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)  # the question's words the best passage holds
    names: list[str] = field(default_factory=list)  # names matched across scripts
    foreign: bool = False  # a question in a language the bot does not read
    readable: float = 1.0  # share of the question's words the Arabic index reads
    # Share of an English or Russian question's information carried by the words the Arabic index
    # reads, each word weighed by how rare it is in its own language (Question.readable_information).
    read_information: float = 0.0
    # A country the question ties to a word, tied to another country in the passages to be
    # quoted and to this one nowhere (qualifiers.py): "رئيس وزراء أذربيجان" → "رئيس الوزراء الأرمني".
    contrast: str = ""
    # A question asking what came of an event that the passages only announce: every passage
    # speaking of its date was written before it (bot/when.py; set by the answerer, which knows
    # the asked time).
    announced: str = ""
    # A country or well-known place the question names that no passage to be quoted names
    # (qualifiers.py): the question asks about Iran's minister, the passages quote Armenia's.
    unnamed: str = ""
    # A country or place the quoted passages name, but not those about the rest of the question
    # (qualifiers.place_apart): "place / the question's rarest other word".
    place_apart: str = ""
    # A question asking how many, how much or how long, and no sentence of the passages to be
    # quoted (holding its words, for an Arabic question) gives a quantity (bot/extract.py: a
    # number that is not a date, or a number word): a quotation without one does not answer it.
    uncounted: str = ""  # what no sentence gives: "a quantity", "a quantity in hours", "a length of time"
    # A year the question names that no article mentions, speaks of or was written in ("Где
    # встречались Путин и Алиев в 2022 году?"): whatever the passages say of the rest happened in
    # other years. The model weighs it as one unknown word among several.
    unmentioned_years: list[str] = field(default_factory=list)
    # People and places an English or Russian question names together that no sentence of the
    # passages to be quoted holds together (qualifiers.apart): "When did Lavrov meet Erdogan?"
    apart: str = ""
    # A person and the place a question asks as where something happened, which no sentence
    # naming the person names as a place (qualifiers.elsewhere): "When did Putin visit Baku?"
    # against Putin beside "areas under Baku's control".
    elsewhere: str = ""
    # An office the question ties to a country ("سفير أرمينيا", "Armenia's prime minister"), or the
    # role an Arabic question asks the name of ("ما اسم قائد…"), that the articles to be quoted
    # never name, for any country (qualifiers.unheld).
    unheld: str = ""
    # A question asking what a named person said about something, and no quoted passage has the
    # person saying anything of it: named in one sentence, the topic in another story (bot/said.py).
    unsaid: str = ""
    # A question asking who heads, leads or commands something, and no quoted sentence holds it
    # with a head or a word for heading it (bot/headed.py).
    unheaded: str = ""
    # A question asking who holds an office, and no quoted sentence holds the office, what the
    # question ties it to, and a name (bot/holder.py).
    holderless: str = ""
    # A "when" question whose event (its rarest word the passages hold) no quoted sentence dates
    # (bot/when.py undated).
    undated: str = ""
    # A question asking what someone agreed, promised or proposed, and no quoted sentence tells that
    # deed of whoever it names, about its rarest word (bot/deed.py).
    undone: str = ""
    # A question asking where someone was born, and no quoted passage tells a birth (bot/milestone.py).
    unborn: str = ""

    def vector(self, features: tuple[str, ...] = FEATURES) -> list[float]:
        return [float(getattr(self, f) or 0.0) for f in features]


@dataclass
class Decision:
    answerable: bool
    confidence: float
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["confidence"] = round(self.confidence, 3)
        return d


def gather(index: Index, question: Question, hits: list[Hit]) -> Evidence:
    """The evidence the passages give for this question."""
    lex = index.lexical()
    top_idf = lex.max_idf()
    known, unknown, unknown_words = 0.0, 0.0, []
    for term in question.search_terms:
        w = max((lex.idf(t) for t in term.weighed), default=0.0)
        if w > 0:
            known += w
        elif _counts_when_unknown(term) and not any(lex.knows(t) for t in term.also):
            # A word no passage writes as the reader did but some write with a pronoun attached
            # (ملكية, ملكيته: question._with_pronoun_forms) is used by the articles: it weighs
            # nothing, for or against.
            unknown += top_idf
            unknown_words.append(term.word)
    # A translated question is searched and weighed as the Arabic question it became.
    pair = "ar" if question.language == "ar" or question.translation is not None else "xx"
    sims = [h.dense_score for h in hits if h.dense_score is not None]
    lo, hi = similarity_range(index.embedder, cross_lingual=pair == "xx") or (0.0, 1.0)
    dense = min(1.0, max(0.0, (max(sims) - lo) / (hi - lo))) if sims else 0.0
    best = max(hits, key=lambda h: h.coverage, default=None)
    names = sorted({t.word for t in question.search_terms if t.name})
    ranked = sorted(sims, reverse=True)
    margin = (ranked[0] - ranked[1]) / (hi - lo) if len(ranked) > 1 else 0.0
    floor = ranked[-1] if ranked else lo
    support = ((best.dense_score if best and best.dense_score is not None else floor) - lo) / (hi - lo) if best else -1.0
    wide = (ranked[0] - lo) / (hi - lo) if ranked else -1.0
    # An answer is usually one sentence: a question whose words are all in the passage but
    # scattered over unrelated sentences ("who is Azerbaijan's prime minister?") is near-topic.
    weighted = term_weights(index, question.search_terms)
    # A "how many" question: does a sentence of the passages to be quoted give a quantity (of
    # the unit it names: "how many hours")? Found in a sentence holding the question's words, or
    # in any sentence.
    how_many = question.asks == "number"
    unit = question.unit
    # What it counts, when it names a thing rather than a unit: a sentence naming the thing must
    # give its number near it (bot/counted.py).
    # A price asks a sum of money and what it is the price of ("كم بلغ ثمن الفرقاطة"): the sum stands
    # near the thing too.
    thing = asked_counted(question.text, question.search_terms) if how_many and unit in (None, "money") else ()
    # And the passage that counts it must speak of the rest of the question as much as half the best
    # passage does: "كم عدد الجنود الروس الذين تمركزوا على خط التماس؟" is not answered by a
    # distractor's "أصيب ستة جنود", soldiers counted in a story with no line of contact.
    # A count of things asked with no unit is not given by a percentage or a sum of money, and is
    # given by a passage about the rest of the question, as a thing's count is.
    count = how_many and unit is None and bool(ASKS_COUNT.search(question.text))
    counting = counting_passages(weighted, thing, hits[:SENTENCE_DEPTH], count)
    sentence, counted_with_words, counted_anywhere = 0.0, False, False
    for hit in hits[:SENTENCE_DEPTH]:
        of_it = hit.passage_id in counting
        for start, end in sentence_spans(hit.text):
            held = coverage(weighted, sentence_tokens(hit.text[start:end]))[0]
            sentence = max(sentence, held)
            # A thing counted ("how many soldiers") is not counted by a length of time ("ثلاثة عقود").
            if how_many and of_it and not counted_with_words and counts(hit.text[start:end], unit) and \
                    (not thing or counts_other_than_time(hit.text[start:end])) and \
                    (not count or counts_things(hit.text[start:end])) and \
                    not counted_elsewhere(thing, hit.text[start:end]):
                counted_anywhere, counted_with_words = True, held > 0
    # For an Arabic question only the sentences holding its words count. An English or Russian
    # question's counted word ("hours", "часов") is often one the index cannot read, so any sentence
    # of the quoted passages may be the one that counts ("استمرت نحو 4 ساعات" holds no name of
    # "Сколько часов длились переговоры в Москве?"); when it can read it ("How many armed
    # clashes…" → اشتباكات), a sentence holding the question's words must, as in Arabic.
    counted = counted_with_words if (pair == "ar" or thing) and sentence > 0 else counted_anywhere
    missing = ""
    if how_many and hits and not counted:
        what = " ".join(word for word, _ in thing)
        missing = (f"{unit_said(unit)} for {what}" if unit else f"a quantity of {what}") if thing else \
            "a quantity that counts things (not a percentage or a sum of money)" if count else unit_said(unit)

    contrast, unheld = None, ""
    if not question.foreign:
        quoted = {h.article_id: h.title for h in hits[:SENTENCE_DEPTH]}

        def articles() -> list[str]:  # the whole articles quoted from, titles too
            return list(quoted.values()) + [p.text for aid in quoted for p in index.catalog.article_passages(aid)]

        # An English or Russian question's office and country are read on the glossary's words.
        ties = (qualifiers.ties(question.text, index.names()) if question.language == "ar"
                else qualifiers.ties_across(question.text))
        contrast = qualifiers.contrast(ties, [h.text for h in hits], SENTENCE_DEPTH, articles,
                                       named=qualifiers.named_countries(question.search_terms))
        role = qualifiers.asked_role(question.text) if question.language == "ar" else None
        unheld = qualifiers.unheld(ties, articles, question.search_terms, role) if hits else ""
    # A quoted passage's article title says where its whole article is ("... في مينسك"): the
    # second paragraph of the Minsk meeting's report need not name Minsk again.
    unnamed = qualifiers.unnamed_place(question.search_terms, [h.text for h in hits[:SENTENCE_DEPTH]]
                                       + [h.title for h in hits[:SENTENCE_DEPTH] if h.title])
    # Named, but only in a story beside the one about the rest of the question.
    place_apart = qualifiers.place_apart(question.search_terms, [(h.text, h.title) for h in hits[:SENTENCE_DEPTH]],
                                         lex.idf) if hits and not unnamed else ""

    # Names an English or Russian question asks about together (capitalised, so the question says
    # which words are names): one sentence or two of the quoted passages must hold two of them.
    apart = qualifiers.apart(question.search_terms, [h.text for h in hits[:SENTENCE_DEPTH]],
                             index.names(), text=question.text) if pair == "xx" else ""
    elsewhere = qualifiers.elsewhere(question.text, question.search_terms, hits[:SENTENCE_DEPTH], index.names())
    speech = said.asked_speech(question.text, question.search_terms,
                               qualifiers.asked_people(question.search_terms, index.names(), question.language))
    unsaid = said.unsaid(speech, [h.text for h in hits[:SENTENCE_DEPTH]], lex.idf) if hits else ""
    undated = when.undated(index, question, hits[:SENTENCE_DEPTH])
    holderless = holder.unnamed_holder(holder.asked_office(question.text, question.search_terms),
                                       [h.text for h in hits[:SENTENCE_DEPTH]], index.names()) if hits else ""
    unheaded = headed.unheaded(headed.asked_head(question.text, question.search_terms),
                               [h.text for h in hits[:SENTENCE_DEPTH]]) if hits else ""
    undone = untold_deed(index, question, hits[:SENTENCE_DEPTH])
    unborn = birth_untold(question.text, question.asks, [h.text for h in hits[:SENTENCE_DEPTH]]) if hits else ""

    return Evidence(
        pair=pair,
        dense=dense,
        coverage=best.coverage if best else 0.0,
        unknown=unknown / (known + unknown) if known + unknown > 0 else 0.0,
        unknown_words=unknown_words,
        matched=best.matched if best else [],
        names=names,
        margin=margin,
        support=support,
        wide=wide,
        sentence=sentence,
        latent=hits[0].latent_score if hits else None,
        foreign=question.foreign and question.translation is None,
        readable=question.readable_share,
        read_information=question.readable_information if pair == "xx" else 0.0,
        contrast=contrast.describe() if contrast else "",
        unnamed=unnamed,
        place_apart=place_apart,
        uncounted=missing,
        unmentioned_years=[w for w in unknown_words if _is_year(w) and not index.catalog.dated_in(w)],
        apart=apart,
        elsewhere=elsewhere,
        unheld=unheld,
        unsaid=unsaid,
        unheaded=unheaded,
        holderless=holderless,
        undated=undated,
        undone=undone,
        unborn=unborn,
    )


# The word "number" of "كم عدد": the question's frame, not what it is about.
_COUNT_WORD = frozenset(token for _, token in analyze("عدد أعداد"))


def counting_passages(weighted, thing, hits: list[Hit], count: bool = False) -> set[str]:
    """The passages that may count the asked thing: those holding at least half as much of the
    question's other words (idf-weighted) as the passage holding most; all of them when the
    question asks no thing or count (`count`: it asks a count of something the index cannot read,
    "How many employees did Halliburton lay off?") or says nothing else."""
    rest = [(t, w) for t, w in weighted
            if t.word not in {word for word, _ in thing} and not t.tokens & _COUNT_WORD] if thing or count else []
    about = {h.passage_id: coverage(rest, sentence_tokens(h.text))[0] for h in hits}
    most = max(about.values(), default=0.0)
    return {pid for pid, share in about.items() if share >= most / 2}


def untold_deed(index: Index, question: Question, hits: list[Hit]) -> str:
    """What the question asks someone agreed, promised, proposed or demanded, when no sentence of
    these passages tells it of them (bot/deed.py), or ""."""
    asked_deed = deed.asked_deed(question.text, question.search_terms)
    if asked_deed is None or not hits:
        return ""
    read = [(h, sentence_spans(h.text)) for h in hits]
    # What the deed is about: the rarest word held beside the doers and the word asking the
    # deed ("في بروكسل"), or among the doers when the question names nothing else.
    doers = {word for doer in asked_deed.actors for word, _ in doer}
    about = [t for t in question.search_terms if tokens_needed(t) and not deed.tells_deed(t.word)]
    about = [t for t in about if t.word not in doers] or about
    return deed.undone(asked_deed, when.event_word(index, about, read), [h.text for h in hits])


def _counts_when_unknown(term) -> bool:
    """An Arabic word, a city's name, or a year, that no passage holds.

    An English or Russian word is always unknown to an Arabic index (names that matched are not
    unknown): its absence says nothing about the corpus, so only words the index could have
    held are counted.
    """
    if has_arabic(term.word) or term.place:  # a city the articles never name is readable too
        return True
    return _is_year(term.word)  # a year the corpus never mentions


def _is_year(word: str) -> bool:
    return word.isdigit() and len(word) == 4


@lru_cache(maxsize=4)
def load_calibration(path: Path = CALIBRATION) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def llm_threshold(pair: str, calibration: dict | None = None, default: float = 0.25) -> float:
    """The gate before an LLM for this language pair: fitted on the public data to stop at most
    1% of answerable questions (bench/calibrate_decision.py). Arabic confidences separate the
    unrelated from the near-topic lower down than cross-lingual ones do."""
    calibration = calibration or load_calibration()
    return float(calibration["pairs"][pair].get("llm_threshold", default))


def confidence(ev: Evidence, calibration: dict | None = None) -> float:
    calibration = calibration or load_calibration()
    p = model_confidence(ev, ev.pair, calibration)
    if ev.pair == "xx" and ev.read_information > 0 and "ar" in calibration["pairs"]:
        return blend(p, model_confidence(ev, "ar", calibration), ev.read_information)
    return p


def model_confidence(ev: Evidence, pair: str, calibration: dict) -> float:
    """One language pair's logistic model on this evidence."""
    cal = calibration["pairs"][pair]
    features = tuple(cal.get("features") or calibration.get("features", FEATURES))
    if "latent" in features and ev.latent is None and "without_latent" in cal:
        # No latent terms to read (an embedder without a sparse head): the model fitted without them.
        cal = cal["without_latent"]
        features = tuple(cal["features"])
    z = cal["bias"] + sum(w * x for w, x in zip(cal["weights"], ev.vector(features)))
    return 1.0 / (1.0 + math.exp(-z))


def blend(cross_lingual, arabic, read, power: float | None = None):
    """An English or Russian question's confidence: the Arabic model's for the part of it the
    Arabic index reads, the cross-lingual model's for the rest.

    The cross-lingual model was fitted on XQuAD, whose English and Russian questions are mostly
    words the index cannot read (0.16 of their terms are names, numbers or glossary words): it
    learnt to trust the dense and latent cosines and not the few names ("coverage" weighs
    -0.4). A news question is often mostly names, and for those the index's evidence is as good
    as for an Arabic question's words. Works on floats and numpy arrays alike (the calibration
    script measures it on the public data).
    """
    weight = arabic_weight(read, power)
    return weight * arabic + (1 - weight) * cross_lingual


def arabic_weight(read, power: float | None = None):
    """The Arabic model's share of an English or Russian question's confidence (see blend)."""
    return read ** (READ_POWER if power is None else power)


def decide(ev: Evidence, threshold: float, calibration: dict | None = None, offline: bool = False) -> Decision:
    """Answer when the confidence reaches the threshold. Offline (quotations, no LLM to read the
    question against the passages), a veto refuses whatever the confidence."""
    p = confidence(ev, calibration)
    reasons = [
        f"dense similarity {ev.dense:.2f} of the embedder's range ({'Arabic' if ev.pair == 'ar' else 'cross-lingual'} question)",
        f"the best passage holds {ev.coverage:.0%} of the question's informative terms"
        + (f" ({', '.join(ev.matched)})" if ev.matched else ""),
    ]
    if ev.unknown_words:
        reasons.append(f"words no article uses: {', '.join(ev.unknown_words)}")
    if ev.names:
        reasons.append(f"names matched across scripts: {', '.join(ev.names)}")
    if ev.latent is not None:
        reasons.append(f"latent terms shared with the first passage: cosine {ev.latent:.2f}")
    if ev.pair == "xx" and ev.read_information > 0:
        reasons.append(f"{ev.read_information:.0%} of the question's information is in words the Arabic index reads "
                       f"(the Arabic model weighs {arabic_weight(ev.read_information):.0%} of the confidence)")
    reasons.append(f"confidence {p:.2f} {'≥' if p >= threshold else '<'} threshold {threshold:.2f}")
    veto = _offline_veto(ev) if offline else None
    if veto:
        reasons.append(veto)
        return Decision(False, p, reasons)
    return Decision(p >= threshold, p, reasons)


# The offline vetoes after the language one, in the order they are told (bot/qualifiers.py,
# said.py, deed.py, holder.py, headed.py, when.py): the Evidence field that holds what the check found,
# and the reason given with it.
_VETOES = (
    # the passages speak of another country's office, not the one asked
    ("contrast", "the passages tie the question's word to another country or office: {}"),
    # the office asked about is named nowhere in what would be quoted
    ("unheld", "the articles to be quoted never name the office or role the question asks about: {}"),
    # a country or place the quoted passages never name
    ("unnamed", "the passages to be quoted never name {}, which the question asks about"),
    ("place_apart", "the place the question names is named only in other stories than the one about the rest "
                    "of it: {}"),
    ("unmentioned_years", "names a year no article mentions or is dated in: {}"),
    ("apart", "no sentence of the passages to be quoted names them together: {}"),
    ("elsewhere", "no sentence of the passages to be quoted names the place as where the person was: {}"),
    ("unborn", "asks where someone was born, and no passage to be quoted tells a birth: {}"),
    ("undated", "asks when, and no sentence of the passages to be quoted that speaks of it gives a date: {}"),
    ("holderless", "no sentence of the passages to be quoted names who holds the office the question asks about: {}"),
    ("unheaded", "no sentence of the passages to be quoted names anyone heading or leading what the question "
                 "asks about: {}"),
    ("unsaid", "no passage to be quoted has the person saying anything of what the question asks about: {}"),
    ("announced", "asks what came of an event the articles only announce: {}"),
    # after "announced": a meeting still ahead is the more telling reason for "what was agreed there"
    ("undone", "no sentence of the passages to be quoted tells what the question asks was done: {}"),
    ("uncounted", "asks how many, how much or how long, and no sentence of the passages to be quoted gives {}"),
)


def _offline_veto(ev: Evidence) -> str | None:
    """Why quoting would mislead a reader with no LLM to read the passages, or None. With an LLM
    the LLM reads the question, the passages and their dates, and decides."""
    if ev.foreign and ev.readable < FOREIGN_READABLE:
        return (f"a language the bot does not read: {ev.readable:.0%} of its words can be checked "
                f"against the articles (< {FOREIGN_READABLE:.0%})")
    for field_name, reason in _VETOES:
        value = getattr(ev, field_name)
        if value:
            return reason.format(", ".join(value) if isinstance(value, list) else value)
    return None
