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
    "not_found_closest": {
        "ar": "لا يبدو أن المقالات المتوفرة لديّ تجيب عن هذا السؤال. هذه أقرب المقاطع إليه، للاطلاع فقط (ليست إجابة):",
        "en": "The articles I have do not seem to answer this question. These are the closest passages, "
              "for reference only (not an answer):",
        "ru": "Похоже, в имеющихся у меня статьях нет ответа на этот вопрос. Вот самые близкие фрагменты, "
              "только для справки (это не ответ):",
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
        "ar": "لم يستند الرد المُولَّد إلى مصادر تؤيده عند التحقق، لذا أعرض المقتطفات بدلاً منه.",
        "en": "The generated reply was not backed by the sources it cited, so here are the excerpts instead.",
        "ru": "Сгенерированный ответ не подтвердился источниками, на которые ссылался, поэтому привожу выдержки.",
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
    "start": {
        "ar": "مرحباً! أجيب عن أسئلة حول المحادثات بين روسيا وأرمينيا وأذربيجان بشأن ناغورني قره باغ، "
              "من أرشيف مقالات إخبارية عربية. كل إجابة تحمل إحالات [1]، [2] إلى المقطع الذي تستند إليه.\n\n"
              "اكتب سؤالك مباشرة، مثلاً: متى عقد الاجتماع الثلاثي في مينسك؟\n\n"
              "الأوامر:\n/ask سؤال — اطرح سؤالاً (في المجموعات)\n/sources — مصادر الإجابة الأخيرة مع المقاطع\n"
              "/new — محادثة جديدة\n/about — ما الذي يغطيه الأرشيف\n/timeline [موضوع] — الخط الزمني للمحادثات\n"
              "/help — هذه الرسالة",
        "en": "Hello! I answer questions about the Russia / Armenia / Azerbaijan talks over Nagorno-Karabakh "
              "from an archive of Arabic news articles. Every answer cites [1], [2] the passage it rests on.\n\n"
              "Just type your question, e.g.: When was the trilateral meeting in Minsk held?\n\n"
              "Commands:\n/ask question — ask (in groups)\n/sources — sources of the last answer, with passages\n"
              "/new — start a new conversation\n/about — what the archive covers\n"
              "/timeline [topic] — the talks' events in order, with sources\n/help — this message",
        "ru": "Здравствуйте! Я отвечаю на вопросы о переговорах России, Армении и Азербайджана по Нагорному "
              "Карабаху по архиву арабских новостных статей. Каждый ответ ссылается [1], [2] на свой фрагмент.\n\n"
              "Просто напишите вопрос, например: Когда прошла трёхсторонняя встреча в Минске?\n\n"
              "Команды:\n/ask вопрос — задать вопрос (в группах)\n/sources — источники последнего ответа\n"
              "/new — новый разговор\n/about — что охватывает архив\n"
              "/timeline [тема] — хронология событий с источниками\n/help — это сообщение",
    },
    "rate_limited": {
        "ar": "لقد أرسلت أسئلة كثيرة خلال دقيقة. حاول مجدداً بعد {seconds} ثانية.",
        "en": "You have asked many questions in the last minute. Please try again in {seconds} seconds.",
        "ru": "Слишком много вопросов за минуту. Попробуйте снова через {seconds} с.",
    },
    "not_allowed": {
        "ar": "هذا البوت غير متاح في هذه المحادثة.",
        "en": "This bot is not available in this chat.",
        "ru": "Этот бот недоступен в этом чате.",
    },
    "new_done": {
        "ar": "بدأنا محادثة جديدة؛ لن أعتمد على الأسئلة السابقة.",
        "en": "New conversation started; earlier questions are forgotten.",
        "ru": "Начат новый разговор; прежние вопросы забыты.",
    },
    "no_sources": {
        "ar": "لا توجد إجابة سابقة بمصادر في هذه المحادثة.",
        "en": "There is no earlier answer with sources in this chat.",
        "ru": "В этом чате ещё нет ответа с источниками.",
    },
    "source_gone": {
        "ar": "لم يعد هذا المصدر متاحاً.",
        "en": "This source is no longer available.",
        "ru": "Этот источник больше недоступен.",
    },
    "about": {
        "ar": "يضم الأرشيف {articles} مقالاً ({passages} مقطعاً)، من {first} إلى {last}.",
        "en": "The archive holds {articles} articles ({passages} passages), from {first} to {last}.",
        "ru": "В архиве {articles} статей ({passages} фрагментов), с {first} по {last}.",
    },
    "ask_usage": {
        "ar": "اكتب السؤال بعد الأمر، مثلاً: /ask متى عقد اجتماع مينسك؟",
        "en": "Write the question after the command, e.g. /ask When was the Minsk meeting?",
        "ru": "Напишите вопрос после команды, например: /ask Когда была встреча в Минске?",
    },
    "source_button": {"ar": "المقطع {n}", "en": "Passage {n}", "ru": "Фрагмент {n}"},
    "text_only": {
        "ar": "أقرأ الأسئلة المكتوبة فقط؛ اكتب سؤالك نصاً من فضلك.",
        "en": "I can only read written questions; please type your question.",
        "ru": "Я понимаю только письменные вопросы; пожалуйста, напишите вопрос текстом.",
    },
    # -- admins -----------------------------------------------------------------------------
    "admin_only": {
        "ar": "هذا الأمر متاح للمشرفين فقط.",
        "en": "This command is for admins only.",
        "ru": "Эта команда только для администраторов.",
    },
    "add_usage": {
        "ar": "أرسل /add متبوعاً بنص المقال أو برابط، أو ردّ بـ /add على رسالة تحوي المقال، أو أرسل ملفاً "
              "(.txt .md .html .pdf .docx .jsonl). يمكن أن تبدأ الأسطر الأولى بـ title: أو date: أو source: أو url:.",
        "en": "Send /add followed by the article text or a link, reply /add to a message holding the article, "
              "or send a file (.txt .md .html .pdf .docx .jsonl). First lines may be title:, date:, source:, url:.",
        "ru": "Отправьте /add с текстом статьи или ссылкой, ответьте /add на сообщение со статьёй или пришлите "
              "файл (.txt .md .html .pdf .docx .jsonl). Первые строки могут быть title:, date:, source:, url:.",
    },
    "working": {"ar": "⏳ جارٍ المعالجة…", "en": "⏳ Working…", "ru": "⏳ Обработка…"},
    "progress": {"ar": "⏳ جارٍ الفهرسة: {done}/{total}", "en": "⏳ Indexing: {done}/{total}",
                 "ru": "⏳ Индексация: {done}/{total}"},
    "refused": {"ar": "❌ تعذّرت الإضافة: {reason}", "en": "❌ Could not add: {reason}",
                "ru": "❌ Не удалось добавить: {reason}"},
    "report": {
        "ar": "✅ انتهى: أضيف {added}، حُدّث {updated}، دون تغيير {unchanged}، مكرر {duplicates}، "
              "مشابه بانتظار التأكيد {near}، فشل {failed}.",
        "en": "✅ Done: added {added}, updated {updated}, unchanged {unchanged}, duplicates {duplicates}, "
              "near duplicates held {near}, failed {failed}.",
        "ru": "✅ Готово: добавлено {added}, обновлено {updated}, без изменений {unchanged}, дубликатов "
              "{duplicates}, похожих ждут подтверждения {near}, ошибок {failed}.",
    },
    "report_added": {"ar": "أضيف: {id} — {title}", "en": "added: {id} — {title}", "ru": "добавлено: {id} — {title}"},
    "report_duplicate": {"ar": "مكرر: النص نفسه موجود في المقال {of}", "en": "duplicate: the same text is article {of}",
                         "ru": "дубликат: тот же текст — статья {of}"},
    "report_near": {
        "ar": "مشابه جداً ({sim:.0%}) للمقال {of} (الخبر نفسه من مصدر آخر؟). اضغط الزر لإضافته رغم ذلك.",
        "en": "very similar ({sim:.0%}) to article {of} (the same story from another outlet?). "
              "Press the button to add it anyway.",
        "ru": "очень похоже ({sim:.0%}) на статью {of} (та же новость из другого издания?). "
              "Нажмите кнопку, чтобы всё же добавить.",
    },
    "report_failed": {"ar": "فشل: {item}: {reason}", "en": "failed: {item}: {reason}", "ru": "ошибка: {item}: {reason}"},
    "impossible_date": {"ar": "هذا التاريخ غير موجود في التقويم؛ تحقّق من اليوم والشهر.",
                        "en": "That date is not in the calendar; please check the day and the month.",
                        "ru": "Такой даты нет в календаре; проверьте день и месяц."},
    "no_events": {"ar": "لا تتحدث المقالات التي لديّ عن أحداث بتاريخ {when}.",
                  "en": "The articles I have do not speak of events dated {when}.",
                  "ru": "В моих статьях нет событий с датой {when}."},
    "events_header": {"ar": "ما تذكره المقالات من أحداث بتاريخ {when} (اقتباسات حرفية):",
                      "en": "What the articles report for {when} (verbatim quotations):",
                      "ru": "Что статьи сообщают о событиях {when} (дословные цитаты):"},
    "timeline_head": {"ar": "الخط الزمني: {topic}", "en": "Timeline: {topic}", "ru": "Хронология: {topic}"},
    "timeline_head_all": {"ar": "الخط الزمني للمحادثات", "en": "Timeline of the talks", "ru": "Хронология переговоров"},
    "timeline_empty": {"ar": "لا أجد في المقالات أحداثاً مؤرخة عن «{topic}».",
                       "en": "I find no dated events about “{topic}” in the articles.",
                       "ru": "В статьях нет датированных событий о «{topic}»."},
    "timeline_none": {"ar": "لا تذكر المقالات أي أحداث مؤرخة بعد.", "en": "The articles mention no dated events yet.",
                      "ru": "В статьях пока нет датированных событий."},
    "no_articles": {"ar": "لا مقالات في الملف", "en": "no articles in the file", "ru": "в файле нет статей"},
    "report_note": {"ar": "ملاحظة عن {id}: {note}", "en": "note on {id}: {note}", "ru": "примечание к {id}: {note}"},
    "report_more": {"ar": "… و{n} غيرها (انظر /log)", "en": "… and {n} more (see /log)", "ru": "… и ещё {n} (см. /log)"},
    "report_removed": {"ar": "حُذف: {ids}", "en": "removed: {ids}", "ru": "удалено: {ids}"},
    "add_anyway": {"ar": "أضفه رغم التشابه", "en": "Add anyway", "ru": "Всё равно добавить"},
    "pending_gone": {"ar": "انتهت صلاحية هذا الطلب؛ أرسل المقال مجدداً.",
                     "en": "This request has expired; send the article again.",
                     "ru": "Запрос устарел; отправьте статью снова."},
    "remove_usage": {"ar": "اكتب: /remove معرّف_المقال (انظر /list).", "en": "Usage: /remove ARTICLE_ID (see /list).",
                     "ru": "Использование: /remove ID_СТАТЬИ (см. /list)."},
    "remove_confirm": {"ar": "حذف المقال {id} — {title}؟", "en": "Remove article {id} — {title}?",
                       "ru": "Удалить статью {id} — {title}?"},
    "yes_remove": {"ar": "نعم، احذف", "en": "Yes, remove", "ru": "Да, удалить"},
    "cancel": {"ar": "إلغاء", "en": "Cancel", "ru": "Отмена"},
    "removed": {"ar": "🗑 حُذف المقال {id}.", "en": "🗑 Article {id} removed.", "ru": "🗑 Статья {id} удалена."},
    "cancelled": {"ar": "أُلغي.", "en": "Cancelled.", "ru": "Отменено."},
    "no_article": {"ar": "لا يوجد مقال بالمعرّف {id}.", "en": "There is no article with id {id}.",
                   "ru": "Статьи с id {id} нет."},
    "list_page": {"ar": "المقالات {first}–{last} من {total}:", "en": "Articles {first}–{last} of {total}:",
                  "ru": "Статьи {first}–{last} из {total}:"},
    "empty_corpus": {"ar": "الأرشيف فارغ.", "en": "The archive is empty.", "ru": "Архив пуст."},
    "stats": {
        "ar": "المقالات: {articles}\nالمقاطع: {passages}\nالفترة: {first} — {last}\nالمصادر: {sources}",
        "en": "Articles: {articles}\nPassages: {passages}\nDates: {first} — {last}\nOutlets: {sources}",
        "ru": "Статей: {articles}\nФрагментов: {passages}\nДаты: {first} — {last}\nИздания: {sources}",
    },
    "log_empty": {"ar": "لا تغييرات مسجلة بعد.", "en": "No changes logged yet.", "ru": "Изменений пока нет."},
    "file_too_big": {"ar": "الملف كبير جداً ({mb:.1f} ميغابايت)؛ الحد 20 ميغابايت.",
                     "en": "The file is too large ({mb:.1f} MB); the limit is 20 MB.",
                     "ru": "Файл слишком большой ({mb:.1f} МБ); предел 20 МБ."},
}

# LoadError codes (retrieval/errors.py) in the admins' languages; English comes from the code itself.
REASONS = {
    "ar": {
        "too_big": "حجم الملف {mb:.1f} ميغابايت، والحد {limit} ميغابايت",
        "unsupported": "نوع الملف '{ext}' غير مدعوم؛ الأنواع المدعومة: {supported}",
        "empty": "الملف فارغ",
        "no_text": "لم يُستخرج أي نص من الملف",
        "no_page_text": "لم يُعثر على نص مقال في الصفحة",
        "binary": "يبدو الملف ثنائياً وليس نصاً",
        "not_utf8": "الملف ليس نصاً بترميز UTF-8",
        "pdf_password": "ملف PDF محمي بكلمة مرور",
        "pdf_damaged": "ملف PDF تالف أو ليس PDF ({detail})",
        "docx_bomb": "ملف DOCX يتضخم إلى أكثر من 100 ميغابايت عند فكّه (قنبلة ضغط؟)",
        "docx_damaged": "ملف DOCX تالف أو محمي بكلمة مرور",
        "no_article_text": "لا يوجد نص للمقال",
        "bad_url": "الرابط ليس عنوان http(s) صالحاً",
        "unknown_host": "تعذّر العثور على الموقع {host}",
        "private_address": "الرابط يشير إلى عنوان خاص أو محلي ({ip})؛ مرفوض",
        "http_status": "أجابت الصفحة برمز HTTP {status}",
        "not_html": "الرابط ليس صفحة ويب ({ctype})",
        "page_too_big": "الصفحة أكبر من {limit:.0f} ميغابايت",
        "timeout": "لم يستجب الموقع خلال {seconds:.0f} ثانية",
        "unreachable": "تعذّر الوصول إلى الموقع ({detail})",
        "redirects": "إعادات توجيه كثيرة جداً",
    },
    "ru": {
        "too_big": "файл {mb:.1f} МБ; предел {limit} МБ",
        "unsupported": "тип файла '{ext}' не поддерживается; поддерживаются: {supported}",
        "empty": "файл пуст",
        "no_text": "из файла не удалось извлечь текст",
        "no_page_text": "на странице не найден текст статьи",
        "binary": "файл похож на двоичный, а не на текст",
        "not_utf8": "файл не является текстом в UTF-8",
        "pdf_password": "PDF защищён паролем",
        "pdf_damaged": "PDF повреждён или это не PDF ({detail})",
        "docx_bomb": "DOCX распаковывается в более чем 100 МБ (zip-бомба?)",
        "docx_damaged": "DOCX повреждён или защищён паролем",
        "no_article_text": "нет текста статьи",
        "bad_url": "ссылка не является корректным http(s) URL",
        "unknown_host": "сайт {host} не найден",
        "private_address": "ссылка ведёт на частный или локальный адрес ({ip}); отказано",
        "http_status": "страница ответила HTTP {status}",
        "not_html": "ссылка ведёт не на веб-страницу ({ctype})",
        "page_too_big": "страница больше {limit:.0f} МБ",
        "timeout": "сайт не ответил за {seconds:.0f} с",
        "unreachable": "сайт недоступен ({detail})",
        "redirects": "слишком много перенаправлений",
    },
}


def reason(exc, lang: str) -> str:
    """A LoadError's reason in the user's language."""
    template = REASONS.get(lang, {}).get(getattr(exc, "code", ""))
    return template.format(**exc.params) if template else str(exc)


COMMANDS = {
    "ar": [("ask", "اطرح سؤالاً"), ("sources", "مصادر الإجابة الأخيرة"), ("new", "محادثة جديدة"),
           ("about", "ما الذي يغطيه الأرشيف"), ("timeline", "الخط الزمني للمحادثات"), ("help", "المساعدة"), ("start", "البداية")],
    "en": [("ask", "Ask a question"), ("sources", "Sources of the last answer"), ("new", "New conversation"),
           ("about", "What the archive covers"), ("timeline", "Timeline of the talks"), ("help", "Help"), ("start", "Start")],
    "ru": [("ask", "Задать вопрос"), ("sources", "Источники последнего ответа"), ("new", "Новый разговор"),
           ("about", "Что охватывает архив"), ("timeline", "Хронология переговоров"), ("help", "Помощь"), ("start", "Начало")],
}


def user_language(code: str | None) -> str:
    """Telegram's language_code -> ar (the default), en or ru."""
    code = (code or "").lower()
    return "en" if code.startswith("en") else "ru" if code.startswith(("ru", "uk", "be")) else "ar"


def t(key: str, lang: str, **values) -> str:
    table = TEXTS[key]
    text = table.get(lang) or table["ar"]
    return text.format(**values) if values else text
