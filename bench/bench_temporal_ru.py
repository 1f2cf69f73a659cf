"""Russian dates: dateparser's search_dates against preprocessing.russian.temporal, on the same sentences.

    .venv/bin/python bench/bench_temporal_ru.py [--repeat N] [-v]

Each sentence comes with its publication date and the values a reader should give: (start, end,
precision), ISO cut to precision, end only for ranges and spans. A phrase counts as right when the
tool gives exactly that value at that precision; for a range, dateparser (which has no ranges) is
counted right when it gives both ends as separate dates. A value matching no expected phrase is an
extra (a count read as a year, a wrong month). Times are per sentence, the fastest of --repeat
runs, after a warm-up call (dateparser's language data and pymorphy3's dictionaries load once); our
word and sentence caches are emptied before each run, so every word is parsed afresh.
Only search_dates is timed for dateparser; the precision of each date it finds is asked of
DateDataParser afterwards, outside the timing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from preprocessing.russian import temporal
from preprocessing.russian.temporal import find_times

P = dt.date(2020, 11, 9)  # a Monday
Q = dt.date(2021, 7, 28)  # a Wednesday

# (sentence, published, [(start, end, precision), ...])
CASES = [
    ("Учения прошли 3 марта.", P, [("2020-03-03", None, "day")]),
    ("Учения пройдут 3 марта.", P, [("2021-03-03", None, "day")]),
    ("Договор подписан 3 марта 2021 года в Москве.", P, [("2021-03-03", None, "day")]),
    ("Контракт был подписан 15 августа 2015 г. в Равалпинди.", P, [("2015-08-15", None, "day")]),
    ("Учение пройдет с 1 по 13 августа на полигоне Прудбой.", Q, [("2021-08-01", "2021-08-13", "day")]),
    ("Учение прошло с 28 сентября по 10 октября.", P, [("2020-09-28", "2020-10-10", "day")]),
    ("Учения прошли 12-25 мая.", P, [("2020-05-12", "2020-05-25", "day")]),
    ("Учения пройдут 12–25 мая 2022 года.", P, [("2022-05-12", "2022-05-25", "day")]),
    ("Маневры продлятся до 16 февраля.", P, [("2021-02-16", None, "day")]),
    ("Учение продлится по 30 апреля.", P, [("2021-04-30", None, "day")]),
    ("Учения прошли в мае.", P, [("2020-05", None, "month")]),
    ("Учения пройдут в мае 2023 года.", P, [("2023-05", None, "month")]),
    ("Предыдущее учение прошло в ноябре прошлого года на полигоне Тарбела.", P, [("2019-11", None, "month")]),
    ("Первые самолеты прибыли в марте этого года.", P, [("2020-03", None, "month")]),
    ("Министр обороны в начале декабря посетит Нью-Дели.", P, [("2020-12", None, "month")]),
    ("Россия сняла эмбарго на поставки оружия в 2014 году.", P, [("2014", None, "year")]),
    ("Пакистан получил вертолеты в 2017 г.", P, [("2017", None, "year")]),
    ("Второй фрегат будет передан в 2025 году.", P, [("2025", None, "year")]),
    ("Учения прошли осенью 2016-го.", P, [("2016", None, "year")]),
    ("Шестое учение прошло осенью прошлого года.", P, [("2019", None, "year")]),
    ("Летом 2018 года стороны подписали соглашение.", P, [("2018", None, "year")]),
    ("В прошлом году учение не проводилось из-за пандемии.", P, [("2019", None, "year")]),
    ("Все четыре машины переданы заказчику в этом году.", P, [("2020", None, "year")]),
    ("В следующем году учения пройдут в России.", P, [("2021", None, "year")]),
    ("В текущем году поставки продолжатся.", P, [("2020", None, "year")]),
    ("Поставки начались в этом месяце.", P, [("2020-11", None, "month")]),
    ("Контракт подписан в прошлом месяце.", P, [("2020-10", None, "month")]),
    ("Министр посетил Москву на прошлой неделе.", dt.date(2020, 11, 2), [("2020-10", None, "month")]),
    ("Министр посетит Москву на следующей неделе.", dt.date(2020, 10, 28), [("2020-11", None, "month")]),
    ("Церемония открытия учений состоялась в четверг в Карачи.", P, [("2020-11-05", None, "day")]),
    ("Учение начнется в среду на полигоне Пхонхеу.", P, [("2020-11-11", None, "day")]),
    ("Во вторник глава Мьянмы посетил штаб флота.", P, [("2020-11-03", None, "day")]),
    ("Заседание прошло в минувшую пятницу.", P, [("2020-11-06", None, "day")]),
    ("Сегодня на полигоне Молькино стартовало учение.", P, [("2020-11-09", None, "day")]),
    ("Вчера министр прибыл в Москву.", P, [("2020-11-08", None, "day")]),
    ("Завтра министр прибудет в Москву.", P, [("2020-11-10", None, "day")]),
    ("Накануне во Владивосток прибыл отряд кораблей.", P, [("2020-11-08", None, "day")]),
    ("Позавчера министр прибыл в Москву.", P, [("2020-11-07", None, "day")]),
    ("Учения «Дружба» проводятся ежегодно с 2016 года.", P, [("2016", None, "year")]),
    ("Начиная с 2018 года учения проходят ежегодно.", P, [("2018", None, "year")]),
    ("Пакистан получил вертолеты в 2017–2018 годах.", P, [("2017", "2018", "year")]),
    ("Отношения улучшились в середине 2000-х.", P, [("2000", "2009", "year")]),
    ("В 1990-х годах сотрудничество почти прекратилось.", P, [("1990", "1999", "year")]),
    ("Поставки завершатся в конце мая.", P, [("2021-05", None, "month")]),
    ("В начале 2022 года был подписан контракт.", P, [("2022", None, "year")]),
    ("Летом учения пройдут в Индии.", P, [("2021", None, "year")]),
    ("Три года назад стороны договорились о поставках.", P, [("2017", None, "year")]),
    ("Все пять комплектов будут переданы до конца 2023 года.", P, [("2023", None, "year")]),
    ("Учения «Кавказ-2020» прошли в сентябре.", P, [("2020", None, "year"), ("2020-09", None, "month")]),
    ("Форум «Армия-2022» пройдет в Кубинке.", P, [("2022", None, "year")]),
    ("Первое патрулирование провели в июле 2019 года, предыдущее — 24 мая этого года.", P,
     [("2019-07", None, "month"), ("2020-05-24", None, "day")]),
    # not dates: counts, designations, project numbers, money, "накануне визита"
    ("В учениях участвовали 2000 военнослужащих.", P, []),
    ("Было задействовано более 1500 единиц техники.", P, []),
    ("Индия получила С-400, Су-30МКИ и Т-90.", P, []),
    ("Фрегат проекта 11356 передан ВМС Индии.", P, []),
    ("Сделка стоимостью $5 млрд подписана.", P, []),
    ("Накануне визита министр заявил о поставках.", P, []),
    ("Около 250 военнослужащих 49-й армии прибыли на полигон.", P, []),
]


def _cut(d: dt.datetime, period: str) -> str:
    return d.date().isoformat()[:{"year": 4, "month": 7}.get(period, 10)]  # day, week, time: the day


def ours(sentence: str, published: dt.date) -> list[tuple]:
    return [(t.start, t.end, t.precision) for t in find_times(sentence, published) if t.start]


def make_dateparser():
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    def search(sentence: str, published: dt.date):
        base = dt.datetime.combine(published, dt.time())
        return search_dates(sentence, languages=["ru"], settings={"RELATIVE_BASE": base}) or []

    def values(found, published: dt.date) -> list[tuple]:
        ddp = DateDataParser(languages=["ru"], settings={"RELATIVE_BASE": dt.datetime.combine(published, dt.time())})
        out = []
        for text, when in found:
            period = ddp.get_date_data(text).period or "day"
            out.append((_cut(when, period), None, "year" if period == "year" else "month" if period == "month" else "day"))
        return out

    return search, values


def score(expected: list[tuple], got: list[tuple], split_ranges: bool) -> tuple[int, int]:
    """(phrases right, extra values). With split_ranges a range is right when both ends come as dates."""
    right, used = 0, set()
    for start, end, prec in expected:
        if (start, end, prec) in got:
            right += 1
            used.add((start, end, prec))
        elif split_ranges and end and (start, None, prec) in got and (end, None, prec) in got:
            right += 1
            used |= {(start, None, prec), (end, None, prec)}
    return right, sum(1 for g in got if g not in used)


def _forget() -> None:
    """Empty our per-sentence and per-word caches, so a repeat does not time lookups of the run before."""
    temporal._marks.cache_clear()
    temporal._reading.cache_clear()


def _timed(fn, repeat: int, reset=None) -> float:
    best = float("inf")
    for _ in range(repeat):
        if reset:
            reset()
        t = time.perf_counter()
        for sentence, published, _ in CASES:
            fn(sentence, published)
        best = min(best, time.perf_counter() - t)
    return best / len(CASES)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every sentence a tool got wrong")
    args = ap.parse_args(argv)
    search, dp_values = make_dateparser()
    total = sum(len(e) for _, _, e in CASES)

    t = time.perf_counter()
    find_times(CASES[0][0], CASES[0][1])
    ours_first = time.perf_counter() - t
    t = time.perf_counter()
    search(CASES[0][0], CASES[0][1])
    dp_first = time.perf_counter() - t

    tools = {
        "ours (preprocessing.russian.temporal)": (ours, lambda s, p: ours(s, p), False, _forget),
        "dateparser.search_dates": (search, lambda s, p: dp_values(search(s, p), p), True, None),
    }
    results = {}
    for name, (timed_fn, values_fn, split, reset) in tools.items():
        right = extra = 0
        for sentence, published, expected in CASES:
            got = values_fn(sentence, published)
            r, x = score(expected, got, split)
            right, extra = right + r, extra + x
            if args.verbose and (r < len(expected) or x):
                print(f"  [{name.split()[0]}] {sentence}\n      expected {expected}\n      got      {got}")
        results[name] = (right, extra, _timed(timed_fn, args.repeat, reset))

    print(f"{len(CASES)} sentences, {total} expected phrases; times are per sentence, best of {args.repeat}")
    for name, (right, extra, per) in results.items():
        print(f"{name:40s} right {right:3d}/{total} ({right / total:5.1%})  extra {extra:3d}  "
              f"{per * 1e6:9.1f} µs/sentence")
    (_, _, t_ours), (_, _, t_dp) = results.values()
    t_warm = _timed(ours, args.repeat)  # words already parsed, as after the first articles of a corpus
    print(f"{'ours, with warm word caches':40s} {'':34s}{t_warm * 1e6:9.1f} µs/sentence")
    print(f"dateparser / ours time ratio: {t_dp / t_ours:.1f}x (cold caches), {t_dp / t_warm:.1f}x (warm)")
    print(f"first call (loading): ours {ours_first * 1e3:.0f} ms, dateparser {dp_first * 1e3:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
