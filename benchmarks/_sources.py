"""Where articles come from: agency styles (header, byline, dateline, sign-off) and page noise.

A ``Style`` renders a headline and body paragraphs the way one kind of source prints
them: wire copy (`(MENAFN- Kuwait News Agency (KUNA)) TOKYO, April 22 (KUNA) --`,
`NEW DELHI, March 4 (IANS)`, `Berlin (dpa) -`), scraped pages with navigation in
another language, share counters, copyright lines and glued tag lines, press releases.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks._mentions import month_day, weekday
from benchmarks._names import make_name


@dataclass
class Page:
    """What a style needs to print one article."""

    rng: random.Random
    headline: str
    paragraphs: list[str]
    published: dt.date | None
    city: str  # dateline city
    country: str  # ISO code of the reporting country
    tags: list[str]  # topic and country words for tag lines
    summary: str  # a standfirst: one line under the headline
    names: list[str]  # people of the article, for glued name lines

    def time(self) -> str:
        return f"{self.rng.randint(0, 23):02d}:{self.rng.choice((0, 5, 12, 20, 31, 42, 55)):02d}"

    def author(self) -> str:
        return make_name(self.rng, self.country).full

    def body(self, separator: str = "\n\n") -> str:
        return separator.join(self.paragraphs)


Render = Callable[[Page], str]


@dataclass(frozen=True)
class Style:
    name: str
    country: str | None  # None: any country
    weight: float
    undated_share: float
    render: Render


def _join(*blocks: str) -> str:
    return "\n".join(b for b in blocks if b is not None) + "\n"


def _short_month(day: dt.date) -> str:
    return day.strftime("%b")


_MENAFN_OUTLETS = (
    ("Gulf Times", ""),
    ("Trend News Agency", ""),
    ("Jordan News Agency (Petra)", "Petra"),
    ("Emirates News Agency (WAM)", "WAM"),
)


def _kuna(page: Page) -> str:
    outlet, code = ("Kuwait News Agency (KUNA)", "KUNA")
    if page.rng.random() < 0.25:
        outlet, code = page.rng.choice(_MENAFN_OUTLETS)
    tag = f" ({code})" if code else ""
    day = page.published
    if day is None:
        dateline = f"(MENAFN- {outlet}) {page.city.upper()}{tag} -- "
        return _join(page.headline, dateline + page.body("\n"))
    month = page.rng.choice((day.strftime("%B"), _short_month(day) + ("t" if day.month == 9 else "")))
    dateline = f"(MENAFN- {outlet}) {page.city.upper()}, {month} {day.day}{tag} -- "
    header = f" date {day.isoformat()} {page.rng.randint(150, 900)}"
    return _join(header, page.headline, dateline + page.body("\n") + " (end)")


def _indian(page: Page) -> str:
    agency = page.rng.choice(("IANS", "ANI", "PTI"))
    day = page.published
    if day is None:
        return _join(page.headline, "", f"{page.city} ({agency}) " + page.body(), "", f"--{agency}")
    stamp = f"{_short_month(day)} {day.day:02d}, {day.year} {page.time()} IST"
    if agency == "ANI":
        head = f"ANI | Updated: {stamp}"
        dateline = f"{page.city} [{page.rng.choice(('India', 'the country'))}], {day.strftime('%B')} {day.day} (ANI): "
        sign = "(ANI)"
    elif agency == "PTI":
        head = f"PTI | {_short_month(day)} {day.day}, {day.year}, {page.time()} IST"
        dateline = f"{page.city}, {_short_month(day)} {day.day} (PTI) "
        sign = f"PTI {page.rng.choice(('KR', 'ZH', 'SKU', 'RHL'))} {page.rng.choice(('ZH', 'NSD', 'RT'))}"
    else:
        head = f"Updated: {stamp}"
        dateline = f"{page.city}, {day.strftime('%B')} {day.day} (IANS) "
        sign = "--IANS\n\nhv/dpb"
    return _join(page.headline, head, "", dateline + page.body(), "", sign)


def _dpa(page: Page) -> str:
    day = page.published
    stamp = f"{day.strftime('%d.%m.%Y')}, {page.time()}" if day else ""
    return _join(page.headline, stamp, "", f"{page.city} (dpa) - " + page.body())


def _xinhua(page: Page) -> str:
    day = page.published
    editor = f"Editor: {make_name(page.rng, 'CN').full}"
    stamp = f"{day.isoformat()} {page.time()}:{page.rng.randint(0, 59):02d}" if day else ""
    dateline = (
        f"{page.city.upper()}, {month_day(day)} (Xinhua) -- " if day else f"{page.city.upper()} (Xinhua) -- "
    )
    return _join(page.headline, "Source: Xinhua", editor, stamp, "", dateline + page.body())


def _yonhap(page: Page) -> str:
    day = page.published
    nav = (
        "연합뉴스 Yonhap News Agency",
        "전체메뉴 | 로그인 | 회원가입 | 구독 | English | 中文 | 日本語",
        "정치  북한  경제  산업  사회  전국  세계  문화  스포츠  연예  사람들  오피니언",
        "English News > National > Politics",
    )
    lead = page.rng.choice(("", "(LEAD) ", "(2nd LD) "))
    stamp = f"{day.isoformat()} {page.time()}" if day else ""
    counters = f"공유  {page.rng.randint(0, 90)}    댓글  {page.rng.randint(0, 9)}    스크랩  {page.rng.randint(0, 9)}"
    dateline = (
        f"{page.city.upper()}, {_short_month(day)}. {day.day} (Yonhap) -- "
        if day
        else f"{page.city.upper()} (Yonhap) -- "
    )
    footer = (
        f"{page.rng.choice(('sjk', 'hague', 'yhk', 'khj'))}@yna.co.kr",
        "(END)",
        "",
        "이 기사를 공유합니다  페이스북 | X | 카카오톡 | 링크복사",
        "© Yonhap News Agency. All rights reserved. 무단 전재-재배포, AI 학습 및 활용 금지",
        "관련 뉴스",
        "1  ‘서울 아파트값’ 3주 연속 상승",
    )
    return _join(
        *nav,
        "",
        lead + page.headline,
        "",
        stamp,
        counters,
        "글자크기 가  가",
        "",
        dateline + page.body(),
        "",
        *footer,
    )


def _kyodo_qa(page: Page) -> str:
    from benchmarks._phrases import QUESTIONS

    lines = [
        page.headline,
        "",
        page.headline,
        "",
        "english.kyodonews.net",
        "",
        page.headline,
        "",
        page.summary,
        "",
        "English",
    ]
    lines.append("".join(page.tags))  # glued tag line: "PoliticsDiplomacyTradeJapan"
    lines.append("".join(page.names))  # glued names: "Takuya OgasawaraEduardo Manalastas"
    for index, paragraph in enumerate(page.paragraphs):
        if index < len(QUESTIONS) and page.rng.random() < 0.7:
            lines.append(QUESTIONS[index].replace("{t}", "it"))
        lines.append(paragraph)
    return _join(*lines)


def _japan_today(page: Page) -> str:
    day = page.published
    stamp = (
        f"{month_day(day, year=True)} | {page.rng.randint(1, 12):02d}:{page.rng.randint(0, 59):02d} pm JST"
        if day
        else ""
    )
    sign = page.rng.choice(("(c) KYODO", f"©{day.year if day else 2025} GPlusMedia Inc.", "(c) AFP"))
    return _join(page.headline, page.city.upper(), stamp, "", page.body(), "", sign)


def _anadolu(page: Page) -> str:
    day = page.published
    stamp = (
        f"{page.author()}   |{day.strftime('%d.%m.%Y')} - Update : {day.strftime('%d.%m.%Y')}"
        if day
        else page.author()
    )
    return _join(page.headline, "", page.summary, "", stamp, "", page.city.upper(), "", page.body())


def _daily_news(page: Page) -> str:
    day = page.published
    stamp = f"{weekday(day)}, {month_day(day, year=True)} - 01:00" if day else ""
    return _join("Daily News", stamp, "Home > Local", "", page.headline, "", page.body())


def _canadian_press(page: Page) -> str:
    day = page.published
    stamp = (
        f"Posted {_short_month(day)} {day.day}, {day.year} {page.rng.randint(1, 12)}:{page.rng.randint(10, 59)} am EDT"
        if day
        else ""
    )
    return _join(page.headline, "By The Canadian Press", stamp, "", f"{page.city.upper()} — " + page.body())


def _wire(agency: str, signature: str) -> Render:
    def render(page: Page) -> str:
        day = page.published
        by = f"By {page.author()}"
        if day is None:
            return _join(page.headline, by, "", f"{page.city.upper()} ({agency}) — " + page.body())
        stamp = f"{month_day(day, year=True)} {page.rng.randint(1, 12)}:{page.rng.randint(10, 59)} AM GMT+{page.rng.randint(1, 9)}Updated {page.rng.randint(2, 9)} hours ago"
        dateline = f"{page.city.upper()}, {month_day(day)} ({agency}) - "
        return _join(
            page.headline,
            by,
            stamp,
            "",
            dateline + page.body(),
            "",
            signature.format(a=page.author(), b=page.author()),
        )

    return render


def _antara(page: Page) -> str:
    reporter, editor = page.author(), page.author()
    return _join(
        page.headline,
        "",
        f"{page.city} (ANTARA) - " + page.body(),
        "",
        f"Reporter: {reporter}",
        f"Editor: {editor}",
        "COPYRIGHT © ANTARA",
    )


def _press_release(page: Page) -> str:
    day = page.published
    stamp = f"Published {day.day} {day.strftime('%B')} {day.year}" if day else ""
    counter = f"Press Release No. {page.rng.randint(10, 480)}/{day.year if day else 2025}"
    return _join(
        "Press release",
        "",
        page.headline,
        "",
        page.summary,
        "",
        counter,
        stamp,
        "",
        page.body(),
        "",
        "Share this page",
        "Facebook",
        "X",
    )


def _agencia_brasil(page: Page) -> str:
    day = page.published
    stamp = f"Published on {day.strftime('%d/%m/%Y')} - {page.time()}" if day else ""
    return _join(
        page.headline,
        stamp,
        f"By Agência Brasil - {page.city}",
        "",
        page.body(),
        "",
        "*With information from the Planalto Palace",
    )


def _aap(page: Page) -> str:
    day = page.published
    stamp = (
        f"AAP | {month_day(day, year=True)}, {page.rng.randint(1, 12)}:{page.rng.randint(10, 59)}pm"
        if day
        else "AAP"
    )
    return _join(page.headline, stamp, "", page.body())


def _tass(page: Page) -> str:
    day = page.published
    dateline = f"{page.city.upper()}, {month_day(day)}. /TASS/. " if day else f"{page.city.upper()}. /TASS/. "
    return _join(page.headline, "", dateline + page.body())


def _spa(page: Page) -> str:
    day = page.published
    dateline = f"{page.city}, {month_day(day, year=True)}, SPA -- " if day else f"{page.city}, SPA -- "
    return _join(page.headline, "", dateline + page.body())


def _bernama(page: Page) -> str:
    day = page.published
    dateline = (
        f"{page.city.upper()}, {month_day(day)} (Bernama) -- "
        if day
        else f"{page.city.upper()} (Bernama) -- "
    )
    return _join(page.headline, "", dateline + page.body(), "", "-- BERNAMA")


_NAVIGATION = (
    "Inicio | Noticias | Política | Economía | Deportes | Contacto",
    "Accueil | Actualités | Politique | Économie | Monde | Contact",
    "Startseite | Nachrichten | Politik | Wirtschaft | Sport | Kontakt",
    "Início | Notícias | Política | Economia | Esportes",
    "Главная | Новости | Политика | Экономика | Спорт",
    "الرئيسية | أخبار | سياسة | اقتصاد | رياضة",
    "首页 | 新闻 | 政治 | 经济 | 体育",
    "トップ | ニュース | 政治 | 経済 | スポーツ",
    "Anasayfa | Gündem | Dünya | Ekonomi | Spor",
    "Beranda | Berita | Politik | Ekonomi | Olahraga",
)


def _web(page: Page) -> str:
    day = page.published
    nav = page.rng.choice(_NAVIGATION)
    byline = f"By {page.author()} | {month_day(day, year=True)}" if day else f"By {page.author()}"
    share = page.rng.choice(("Share", "Compartir", "Partager", "Teilen")) + f" {page.rng.randint(2, 900)}"
    return _join(
        nav,
        "",
        page.headline,
        byline,
        share,
        "",
        page.body(),
        "",
        "".join(page.tags),
        f"© {day.year if day else 2025} {page.city} Herald. All rights reserved.",
    )


def _german(page: Page) -> str:
    day = page.published
    stamp = f"{day.strftime('%d.%m.%Y')}, {page.time()} Uhr" if day else ""
    return _join(page.headline, stamp, "", f"{page.city} (dpa) - " + page.body())


STYLES: tuple[Style, ...] = (
    Style("menafn", "KW", 6, 0.04, _kuna),
    Style("india-wire", "IN", 8, 0.04, _indian),
    Style("dpa", "DE", 5, 0.05, _dpa),
    Style("xinhua", "CN", 5, 0.03, _xinhua),
    Style("yonhap", "KR", 4, 0.03, _yonhap),
    Style("kyodo-qa", "JP", 2, 1.0, _kyodo_qa),
    Style("japantoday", "JP", 3, 0.05, _japan_today),
    Style("anadolu", "TR", 3, 0.05, _anadolu),
    Style("dailynews", "LK", 2, 0.1, _daily_news),
    Style("canadian-press", "CA", 2, 0.05, _canadian_press),
    Style("ap", "US", 4, 0.05, _wire("AP", "Associated Press writer {a} contributed to this report.")),
    Style("reuters", None, 6, 0.03, _wire("Reuters", "Reporting by {a}; Editing by {b}")),
    Style("afp", "FR", 3, 0.05, _wire("AFP", "© Agence France-Presse")),
    Style("antara", "ID", 3, 0.6, _antara),
    Style("press-release", None, 4, 0.1, _press_release),
    Style("agencia-brasil", "BR", 2, 0.05, _agencia_brasil),
    Style("aap", "AU", 2, 0.05, _aap),
    Style("tass", "RU", 3, 0.03, _tass),
    Style("spa", "SA", 2, 0.05, _spa),
    Style("bernama", "MY", 2, 0.05, _bernama),
    Style("web", None, 6, 0.3, _web),
)
GERMAN = Style("dpa-de", "DE", 0, 0.0, _german)


_NOISE = (
    "Advertisement",
    "Read more:",
    "Also Read | ",
    "Follow us on Google News",
    "Subscribe",
    "Related",
    "Share",
    "Tweet",
    "Print",
    "Email",
)


def add_noise(rng: random.Random, text: str, headlines: list[str]) -> tuple[str, int]:
    """Scatter page noise over a rendered article; returns the text and the lines added."""
    lines = text.rstrip("\n").split("\n")
    added = 0
    for _ in range(rng.choice((1, 1, 2, 3, 4))):
        kind = rng.random()
        if kind < 0.3:
            line = rng.choice(_NAVIGATION)
            position = 0
        elif kind < 0.5:
            line = f"{rng.choice(('Share', 'Tweet', 'Comments', 'Views'))} {rng.randint(0, 2000)} | {rng.choice(('Share', 'Tweet'))} {rng.randint(0, 90)}"
            position = min(len(lines), rng.randint(1, 4))
        elif kind < 0.7:
            line = rng.choice(_NOISE)
            if line.endswith(":"):
                line += " " + rng.choice(headlines)
            elif line.endswith("| "):
                line += rng.choice(headlines)
            position = rng.randint(1, len(lines))
        elif kind < 0.85:
            line = f"www.{rng.choice(('newswire', 'dailyglobe', 'asiatimes-online', 'diplomatnews'))}.com/world/{rng.randint(100000, 999999)}"
            position = len(lines)
        else:
            line = f"© {rng.randint(2019, 2025)} {rng.choice(('Global Media Group', 'The Daily Courier', 'News Network Ltd'))}. All rights reserved."
            position = len(lines)
        lines.insert(position, line)
        added += 1
    return "\n".join(lines) + "\n", added
