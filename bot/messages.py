"""Every sentence the bot says to a user, in Arabic (default), English and Russian."""

from __future__ import annotations

LANGS = ("ar", "en", "ru")
LANGUAGE_NAMES = {"ar": "Arabic", "en": "English", "ru": "Russian"}

TEXTS: dict[str, dict[str, str]] = {
    "not_found": {
        "ar": "لا تتضمن المقالات المتوفرة لديّ إجابة عن هذا السؤال.",
        "en": "The articles I have do not contain an answer to this question.",
        "ru": "В имеющихся у меня статьях нет ответа на этот вопрос.",
    },
    "extractive_header": {
        "ar": "مقتطفات من المقالات (اقتباسات حرفية، وليست إجابة مُركّبة):",
        "en": "Excerpts from the articles (verbatim quotations, not a composed answer):",
        "ru": "Выдержки из статей (дословные цитаты, а не составленный ответ):",
    },
    "llm_failed": {
        "ar": "تعذّر الوصول إلى نموذج اللغة، لذا أعرض أقرب المقتطفات.",
        "en": "The language model could not be reached, so here are the closest excerpts.",
        "ru": "Языковая модель недоступна, поэтому привожу ближайшие выдержки.",
    },
    "uncited": {
        "ar": "لم يستند الرد المُولَّد إلى مصادر يمكن التحقق منها، لذا أعرض المقتطفات بدلاً منه.",
        "en": "The generated reply cited no checkable source, so here are the excerpts instead.",
        "ru": "Сгенерированный ответ не ссылался на проверяемые источники, поэтому привожу выдержки.",
    },
    "empty": {
        "ar": "الرجاء كتابة سؤال.",
        "en": "Please write a question.",
        "ru": "Пожалуйста, напишите вопрос.",
    },
    "no_words": {
        "ar": "لم أجد في رسالتك كلمات أبحث عنها. اكتب سؤالك بالكلمات من فضلك.",
        "en": "I found no words to search for in your message. Please write your question in words.",
        "ru": "В сообщении нет слов для поиска. Пожалуйста, сформулируйте вопрос словами.",
    },
    "too_long": {
        "ar": "السؤال طويل جداً ({n} حرفاً). الحد الأقصى {max} حرف؛ اختصره من فضلك.",
        "en": "The question is too long ({n} characters). The limit is {max}; please shorten it.",
        "ru": "Вопрос слишком длинный ({n} символов). Предел — {max}; сократите его, пожалуйста.",
    },
    "sources": {"ar": "المصادر", "en": "Sources", "ru": "Источники"},
    "error": {
        "ar": "عذراً، حدث خطأ أثناء معالجة طلبك. حاول مرة أخرى بعد قليل.",
        "en": "Sorry, something went wrong while handling your request. Please try again shortly.",
        "ru": "Извините, при обработке запроса произошла ошибка. Попробуйте чуть позже.",
    },
    "store_unavailable": {
        "ar": "قاعدة المقالات غير متاحة حالياً. حاول مرة أخرى بعد قليل.",
        "en": "The article store is unavailable right now. Please try again shortly.",
        "ru": "Хранилище статей сейчас недоступно. Попробуйте чуть позже.",
    },
}


def t(key: str, lang: str, **values) -> str:
    table = TEXTS[key]
    text = table.get(lang) or table["ar"]
    return text.format(**values) if values else text
