"""Titles: quoted proper names, not quoted speech, with their kind."""

from __future__ import annotations

import pytest

from kazextract import extract
from kazextract.components.titles import find_quoted, is_title_text

# (sentence, expected [(title text, kind)]) — written for kazextract in the
# style of Kazakh news, clutter included
TITLE_TABLE: list[tuple[str, list[tuple[str, str]]]] = [
    ("Ақтауда «Қорқыт ата» кинофестивалі өтті.", [("Қорқыт ата", "festival")]),
    ("«Памир тауларындай биік» атты көркем-публицистикалық фильм түсіріледі.", [("Памир тауларындай биік", "film")]),
    ("«Теңіз итбалықтарының ертегісі» атты деректі фильм түсірілуде.", [("Теңіз итбалықтарының ертегісі", "film")]),
    ("«Победителей видно на старте» көркем фильмі көрсетілді.", [("Победителей видно на старте", "film")]),
    ("Оғыз хан атындағы «Түрікменфильм» бірлестігімен келісім жасалды.", [("Түрікменфильм", "organization")]),
    ("«Қазақстан темір жолы» ҰК АҚ жаңа вагондар алды.", [("Қазақстан темір жолы", "organization")]),
    ("«ҚазМұнайГаз» ҰК АҚ басқарма төрағасы мәлімдеді.", [("ҚазМұнайГаз", "organization")]),
    ("«Алматы Тауэр» ЖШС құрылысты аяқтады.", [("Алматы Тауэр", "organization")]),
    ("«Болашақ» бағдарламасы бойынша 500 студент оқиды.", [("Болашақ", "program")]),
    ("„Болашақ“ бағдарламасының түлектері жиналды.", [("Болашақ", "program")]),
    ("“Рухани жаңғыру” бағдарламасы аясында кітап шықты.", [("Рухани жаңғыру", "program")]),
    ("«\"Болашақ\" бағдарламасы» атты кітап жарық көрді.", [('"Болашақ" бағдарламасы', "publication")]),
    ("«Цифрлық Қазақстан» жобасы іске қосылды.", [("Цифрлық Қазақстан", "project")]),
    ("«Егемен Қазақстан» газетінде мақала жарияланды.", [("Егемен Қазақстан", "publication")]),
    ("«Ана тілі» газеті 100 жыл толды.", [("Ана тілі", "publication")]),
    ("Ол «Тарлан» сыйлығын алды.", [("Тарлан", "award")]),
    ("Ол «Құрмет» орденімен марапатталды.", [("Құрмет", "award")]),
    ("«Астана халықаралық форумы» мамырда өтеді.", [("Астана халықаралық форумы", "other")]),
    ("«Astana Mining & Metallurgy» конгресі басталды.", [("Astana Mining & Metallurgy", "other")]),
    ("«Шабыт» фестивалі жастарды жинады.", [("Шабыт", "festival")]),
    ("«Алтын бидай» байқауы жеңімпаздары анықталды.", [("Алтын бидай", "event")]),
    ("«Qazaqstan» телеарнасы жаңа маусымды бастады.", [("Qazaqstan", "organization")]),
    ("«Абай жолы» романы қайта басылды.", [("Абай жолы", "publication")]),
    ("«Томирис» картинасы көрермен жинады.", [("Томирис", "film")]),
    # coordinated titles share the head noun after the last one
    ("«Әміре» және «Анаға апарар жол» картиналары бар.", [("Әміре", "film"), ("Анаға апарар жол", "film")]),
    ("«Шығыс қақпасы» логистикалық хабын салу басталды.", [("Шығыс қақпасы", "project")]),
    ("«Ою-өрнек әлемі» атты фотоальбом жарық көрді.", [("Ою-өрнек әлемі", "publication")]),
    ("«Жерұйық» атты тарихи драма түсіріледі.", [("Жерұйық", "film")]),
    ("Министр: «Біз бұл жобаны міндетті түрде аяқтаймыз.» — деді.", []),
    ("«Бүгінгі кездесу өте маңызды болды, екі ел ынтымақтастығын нығайтамыз», — деді елші.", []),
    ("— «Иә, біз дайынбыз!» деп жауап берді ол.", []),
    ("Ол «жақсы» деп айтты да кетті.", []),
    ("Сайт мәзірі «Жаңалықтар | Саясат", []),
    ("Ақтауда «Қорқыт ата кинофестивалі өтті.\nКелесі жол «Түрікменфильм» бірлестігі.", [("Түрікменфильм", "organization")]),
    ("«Қорқыт ата» кинофестивалі мен «Қорқыт ата» фестивалінің қонақтары.", [("Қорқыт ата", "festival")]),
    ("«KazakhFilm» студиясы жаңа фильм түсірді.", [("KazakhFilm", "organization")]),
    ("«Жібек жолы» жобасының екінші кезеңі.", [("Жібек жолы", "project")]),
    ("«Ұлы дала елі» көрмесі ашылды.", [("Ұлы дала елі", "event")]),
    ('Компания "Samruk-Kazyna Invest" ЖШС болып өзгерді.', [("Samruk-Kazyna Invest", "organization")]),
    ("ҚАЗАҚСТАНДА «ЖАСЫЛ ЕЛ» ЖОБАСЫ БАСТАЛДЫ", [("ЖАСЫЛ ЕЛ", "project")]),
    # the head noun decides, not the first cue word
    ("Шымкентте «Ұлы дала сахнасы» театр фестивалі басталды.", [("Ұлы дала сахнасы", "festival")]),
    ("«Жас толқын» кино фестиваліне 40 фильм келді.", [("Жас толқын", "festival")]),
    ("«Алтын домбыра» арнайы сыйлығы берілді.", [("Алтын домбыра", "award")]),
    ("«Дала тынысы» телеарнасының жаңа жобасы.", [("Дала тынысы", "organization")]),
    ("«Жол құрылыс сервис» ЖШС-нің директоры мәлімдеді.", [("Жол құрылыс сервис", "organization")]),
    ("«Арна Медиа» холдингі жаңа студия ашты.", [("Арна Медиа", "organization")]),
    # a title inside quoted speech is still a title
    ("«Біз «Абай жолы» романы бойынша жаңа қойылым дайындадық», — деді режиссер.", [("Абай жолы", "publication")]),
    # mismatched quote styles still pair
    ('Ақтауда "Достық көпірі» фестивалі өтті.', [("Достық көпірі", "festival")]),
]


@pytest.mark.parametrize(("text", "expected"), TITLE_TABLE)
def test_titles(text: str, expected: list[tuple[str, str]]) -> None:
    record = extract(text)
    assert [(t.text, t.kind) for t in record.titles] == expected
    for title in record.titles:
        assert text[title.start : title.end] == title.text


def test_nested_quotes_give_the_outer_title() -> None:
    text = "«\"Болашақ\" бағдарламасы» атты кітап"
    quoted = find_quoted(text)
    assert [(text[q.start : q.end], q.depth) for q in quoted] == [
        ('"Болашақ" бағдарламасы', 0),
        ("Болашақ", 1),
    ]
    assert [t.text for t in extract(text).titles] == ['"Болашақ" бағдарламасы']


def test_unbalanced_quote_does_not_swallow_the_line() -> None:
    text = "Ол «жаңа жоба туралы айтты, ал «Самұрық» қоры қолдады."
    inner = [text[q.start : q.end] for q in find_quoted(text)]
    assert inner == ["жаңа жоба туралы айтты, ал «Самұрық"] or inner == ["Самұрық"] or inner == []
    # whichever pairing, the long speech-like stretch is not a title
    assert all(is_title_text(i) is False or len(i.split()) <= 3 for i in inner)


@pytest.mark.parametrize(
    ("inner", "title"),
    [
        ("Қорқыт ата", True),
        ("Біз дайынбыз!", False),
        ("Бүгін біз маңызды құжатқа қол қойдық.", False),
        ("— Иә", False),
        ("2025", False),
        (" ".join(["сөз"] * 13), False),
        ("Ядролық қарусыз әлем және жаһандық қауіпсіздік үшін Назарбаев сыйлығы", True),
    ],
)
def test_is_title_text(inner: str, title: bool) -> None:
    assert is_title_text(inner) is title
