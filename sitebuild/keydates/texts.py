"""Words the calendar pages need in each language. Kyrgyz and Kazakh: draft, not yet checked
by a native speaker. Kyrgyz uses the modern month names (январь …), everywhere on the site."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitebuild.keydates.load import KeyDate

MONTHS = {  # name of the month on its own (year view headings)
    "ru": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
           "сентябрь", "октябрь", "ноябрь", "декабрь"],
    "ky": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
           "сентябрь", "октябрь", "ноябрь", "декабрь"],
    "kk": ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
           "қыркүйек", "қазан", "қараша", "желтоқсан"],
}
MONTHS_OF = {  # the month in a date: "3 марта"
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"],
    "ky": MONTHS["ky"],
    "kk": MONTHS["kk"],
}
DAY_FORMAT = {"ru": "{day} {month}", "ky": "{day}-{month}", "kk": "{day} {month}"}

WEEKDAYS = {  # Monday first (fact sheet; Kyrgyz from seed 002)
    "ru": [("Пн", "понедельник"), ("Вт", "вторник"), ("Ср", "среда"), ("Чт", "четверг"),
           ("Пт", "пятница"), ("Сб", "суббота"), ("Вс", "воскресенье")],
    "ky": [("ДШ", "дүйшөмбү"), ("ШШ", "шейшемби"), ("ШР", "шаршемби"), ("БШ", "бейшемби"),
           ("ЖМ", "жума"), ("ИМ", "ишемби"), ("ЖК", "жекшемби")],
    "kk": [("Дс", "дүйсенбі"), ("Сс", "сейсенбі"), ("Ср", "сәрсенбі"), ("Бс", "бейсенбі"),
           ("Жм", "жұма"), ("Сн", "сенбі"), ("Жс", "жексенбі")],
}

LABELS = {
    "ru": {
        "add": "Добавить в календарь (.ics)",
        "more": "Подробнее",
        "since": "Отмечается с {year} года.",
        "subscribe": "Подписаться в приложении календаря",
        "feed_link": "Ссылка на календарь (скопируйте её в приложение)",
        "download_all": "Скачать весь календарь (.ics): это копия, сама она не обновляется",
        "chapter": "SWIT, раздел {number}",
        "key_dates_in": "Даты месяца",
        "year_view": "Календарь на {year} год",
        "alarm": "Завтра — ключевая дата",
        "organiser_name": "для организаторов",
        "reminder": "Через {weeks}: {when} — {title}",
        "reminder_description": "Напоминание для организаторов: {when} — {title}. Есть время подготовить акцию и материалы.",
        "copy": "Скопировать ссылку",
        "copied": "Ссылка скопирована",
        "qr": "QR-код ссылки на календарь",
        "qr_hint": "Наведите камеру телефона на код на экране компьютера, чтобы открыть ссылку на телефоне.",
        "apple": "Подписаться на iPhone или Mac",
        "google": "Добавить в Google Календарь",
        "outlook": "Добавить в Outlook.com",
        "opens_google": "откроется сайт Google",
        "opens_outlook": "откроется сайт Outlook",
        "organiser_feed": "Календарь для организаторов",
        "topic_feeds": "Календари по темам",
        "json": "Все даты в JSON",
        "embed": "Список дат для вашего сайта",
        "embed_title": "Ключевые даты",
        "embed_more": "Все даты и подписка",
    },
    "ky": {
        "add": "Календарга кошуу (.ics)",
        "more": "Кененирээк",
        "since": "{year}-жылдан бери белгиленет.",
        "subscribe": "Календарь тиркемесинде жазылуу",
        "feed_link": "Календардын шилтемеси (аны тиркемеге көчүрүңүз)",
        "download_all": "Бүт календарды жүктөп алуу (.ics): бул көчүрмө, ал өзү жаңыланбайт",
        "chapter": "SWIT, {number}-бөлүм",
        "key_dates_in": "Айдын даталары",
        "year_view": "{year}-жылдын календары",
        "alarm": "Эртең — маанилүү дата",
        "organiser_name": "уюштуруучулар үчүн",
        "reminder": "{weeks} кийин: {when} — {title}",
        "reminder_description": "Уюштуруучулар үчүн эскертме: {when} — {title}. Акцияны жана материалдарды даярдоого убакыт бар.",
        "copy": "Шилтемени көчүрүү",
        "copied": "Шилтеме көчүрүлдү",
        "qr": "Календардын шилтемесинин QR-коду",
        "qr_hint": "Шилтемени телефондо ачуу үчүн телефондун камерасын компьютердин экранындагы кодго багыттаңыз.",
        "apple": "iPhone же Mac'та жазылуу",
        "google": "Google Календарга кошуу",
        "outlook": "Outlook.com'го кошуу",
        "opens_google": "Google сайты ачылат",
        "opens_outlook": "Outlook сайты ачылат",
        "organiser_feed": "Уюштуруучулар үчүн календарь",
        "topic_feeds": "Темалар боюнча календарлар",
        "json": "Бардык даталар JSON форматында",
        "embed": "Сиздин сайт үчүн даталардын тизмеси",
        "embed_title": "Маанилүү даталар",
        "embed_more": "Бардык даталар жана жазылуу",
    },
    "kk": {
        "add": "Күнтізбеге қосу (.ics)",
        "more": "Толығырақ",
        "since": "{year} жылдан бері атап өтіледі.",
        "subscribe": "Күнтізбе қолданбасында жазылу",
        "feed_link": "Күнтізбе сілтемесі (оны қолданбаға көшіріңіз)",
        "download_all": "Бүкіл күнтізбені жүктеп алу (.ics): бұл көшірме, ол өзі жаңартылмайды",
        "chapter": "SWIT, {number}-бөлім",
        "key_dates_in": "Айдың күндері",
        "year_view": "{year} жылғы күнтізбе",
        "alarm": "Ертең — маңызды күн",
        "organiser_name": "ұйымдастырушыларға",
        "reminder": "{weeks} кейін: {when} — {title}",
        "reminder_description": "Ұйымдастырушыларға арналған ескертпе: {when} — {title}. Акция мен материалдарды дайындауға уақыт бар.",
        "copy": "Сілтемені көшіру",
        "copied": "Сілтеме көшірілді",
        "qr": "Күнтізбе сілтемесінің QR-коды",
        "qr_hint": "Сілтемені телефонда ашу үшін телефон камерасын компьютер экранындағы кодқа бағыттаңыз.",
        "apple": "iPhone немесе Mac-та жазылу",
        "google": "Google Күнтізбесіне қосу",
        "outlook": "Outlook.com-ға қосу",
        "opens_google": "Google сайты ашылады",
        "opens_outlook": "Outlook сайты ашылады",
        "organiser_feed": "Ұйымдастырушыларға арналған күнтізбе",
        "topic_feeds": "Тақырыптар бойынша күнтізбелер",
        "json": "Барлық күндер JSON форматында",
        "embed": "Сіздің сайтыңызға арналған күндер тізімі",
        "embed_title": "Маңызды күндер",
        "embed_more": "Барлық күндер және жазылу",
    },
}


def weeks_phrase(lang: str, weeks: int) -> str:
    """"3 недели", "3 жумадан", "3 аптадан" (Russian needs its plural forms)."""
    if lang == "ru":
        if weeks % 10 == 1 and weeks % 100 != 11:
            return f"{weeks} неделю"
        if 2 <= weeks % 10 <= 4 and not 12 <= weeks % 100 <= 14:
            return f"{weeks} недели"
        return f"{weeks} недель"
    return f"{weeks} {'жумадан' if lang == 'ky' else 'аптадан'}"


def day_label(lang: str, day: int, month: int) -> str:
    return DAY_FORMAT[lang].format(day=day, month=MONTHS_OF[lang][month - 1])


def when(event: KeyDate, lang: str) -> str:
    """"3 марта", "25 ноября – 10 декабря", "3 марта 2027", "28 декабря 2027 – 3 января 2028"."""
    start = day_label(lang, event.day, event.month)
    end = day_label(lang, event.end_day, event.end_month)
    if event.yearly:
        return f"{start} – {end}" if event.multi_day else start
    if event.year != event.end_year:
        return f"{start} {event.year} – {end} {event.end_year}"
    return f"{start} – {end} {event.end_year}" if event.multi_day else f"{start} {event.year}"


def reminder_summary(event: KeyDate, lang: str, weeks: int) -> str:
    """"Через 3 недели: 17 декабря — …"."""
    return LABELS[lang]["reminder"].format(weeks=weeks_phrase(lang, weeks), when=when(event, lang),
                                            title=event.texts[lang].title)
