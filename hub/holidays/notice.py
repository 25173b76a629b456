"""Read a year's arrangement as people type or paste it from the State Council's notice
(国务院办公厅关于××年部分节假日安排的通知), and write it back the same way.

One holiday per line, the name first, then a day or a range; 调休 working days on lines of
their own or in the holiday's line as the notice has them:

    春节 2027-02-05 至 2027-02-11
    端午节 2027-06-09
    调休上班 2027-02-14、2027-02-20
    二、春节：2月5日（星期五）至11日（星期四）放假调休，共7天。2月14日（星期日）上班。

Dates: 2027-02-05, 2027/2/5, 2027年2月5日, 2月5日 (in the year being edited) and, after 至, 11日
(the month before it). Text in brackets, "放假调休" and "共N天" are ignored; `#` starts a comment.
Pure functions: `parse` raises `NoticeErrors` listing every problem with its line number.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from hub.holidays.sources import Range, YearData

WORKDAY_WORDS = ("调休上班", "上班", "补班", "调休工作日", "working day", "workday")
RANGE_JOINERS = ("至", "到", "~", "-", "—", "–")
MAX_RANGE_DAYS = 31
DATE_RE = re.compile(
    r"(?P<y1>\d{4})\s*[-/.]\s*(?P<m1>\d{1,2})\s*[-/.]\s*(?P<d1>\d{1,2})"
    r"|(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日?"
    r"|(?P<d3>\d{1,2})\s*日")
ENUMERATION_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|\d+\s*[、.)]|[-*•])\s*")


@dataclass
class Problem:
    line: int  # 1-based; 0 for the whole text
    code: str  # no_date, bad_date, wrong_year, reversed, too_long, no_name, too_many_dates,
    #            overlap, workday_in_range, workday_weekday, empty
    text: str = ""  # the line as typed
    detail: str = ""  # a date or a name


@dataclass
class NoticeErrors(Exception):
    problems: list[Problem] = field(default_factory=list)


def _clean(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).split("#", 1)[0]
    line = re.sub(r"\([^)]*\)", " ", line)  # （星期五）
    line = re.sub(r"共\s*\d+\s*天", " ", line)
    return ENUMERATION_RE.sub("", line.replace("放假调休", " ").replace("放假", " ")).strip()


def _dates(clause: str, year: int, problems: list[Problem], lineno: int, raw: str):
    """(date, text between it and the date before) for each date of `clause`."""
    out: list[tuple[date, str]] = []
    end = 0
    for match in DATE_RE.finditer(clause):
        g = match.groupdict()
        between = clause[end:match.start()]
        end = match.end()
        if g["d1"]:
            y, m, d = int(g["y1"]), int(g["m1"]), int(g["d1"])
        elif g["d2"]:
            y, m, d = int(g["y2"] or year), int(g["m2"]), int(g["d2"])
        else:
            if not out:
                problems.append(Problem(lineno, "bad_date", raw, match.group(0)))
                return []
            y, m, d = out[-1][0].year, out[-1][0].month, int(g["d3"])
        try:
            out.append((date(y, m, d), between))
        except ValueError:
            problems.append(Problem(lineno, "bad_date", raw, match.group(0).strip()))
            return []
    return out


def _in_window(day: date, year: int) -> bool:
    return date(year - 1, 12, 1) <= day <= date(year, 12, 31)


def parse(text: str, year: int) -> YearData:
    """The arrangement of `year` in `text` (官方, entered by an admin). Raises NoticeErrors."""
    problems: list[Problem] = []
    ranges: list[tuple[int, Range]] = []
    workdays: dict[date, tuple[int, str]] = {}
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = _clean(raw)
        if not line:
            continue
        first_digit = re.search(r"\d", line)
        name = (line[:first_digit.start()] if first_digit else line).strip(" :：,，、")
        if first_digit is None:
            problems.append(Problem(lineno, "no_date", raw.strip()))
            continue
        rest = line[first_digit.start():]
        line_is_workdays = any(w in name.lower() for w in WORKDAY_WORDS)
        holiday_name = "" if line_is_workdays else name
        for clause in re.split(r"[。;；,，]", rest):
            if not clause.strip():
                continue
            found = _dates(clause, year, problems, lineno, raw.strip())
            if not found:
                continue
            if line_is_workdays or "上班" in clause:
                for day, _between in found:
                    if not _in_window(day, year):
                        problems.append(Problem(lineno, "wrong_year", raw.strip(), day.isoformat()))
                    elif day.weekday() < 5:
                        problems.append(Problem(lineno, "workday_weekday", raw.strip(),
                                                day.isoformat()))
                    else:
                        workdays.setdefault(day, (lineno, holiday_name))
                continue
            if not holiday_name:
                problems.append(Problem(lineno, "no_name", raw.strip()))
                continue
            if len(found) > 2 or (len(found) == 2 and not any(
                    j in found[1][1] for j in RANGE_JOINERS)):
                problems.append(Problem(lineno, "too_many_dates", raw.strip()))
                continue
            first, last = found[0][0], found[-1][0]
            if last < first:
                problems.append(Problem(lineno, "reversed", raw.strip(),
                                        f"{first.isoformat()} > {last.isoformat()}"))
            elif not _in_window(first, year) or last.year != year:
                problems.append(Problem(lineno, "wrong_year", raw.strip(),
                                        (first if last.year == year else last).isoformat()))
            elif (last - first).days >= MAX_RANGE_DAYS:
                problems.append(Problem(lineno, "too_long", raw.strip()))
            else:
                ranges.append((lineno, Range(holiday_name[:64], first, last)))
    ranges.sort(key=lambda pair: pair[1].first)
    for (_, a), (lineno, b) in pairwise(ranges):
        if b.first <= a.last:
            problems.append(Problem(lineno, "overlap", f"{b.name} / {a.name}", b.first.isoformat()))
    for day, (lineno, _name) in workdays.items():
        if any(r.first <= day <= r.last for _, r in ranges):
            problems.append(Problem(lineno, "workday_in_range", "", day.isoformat()))
    if not problems and not ranges:
        problems.append(Problem(0, "empty"))
    if problems:
        raise NoticeErrors(sorted(problems, key=lambda p: p.line))
    return YearData(year, None, None, "", [r for _, r in ranges],  # type: ignore[arg-type]
                    sorted((d, n[:64]) for d, (_, n) in workdays.items()))


def to_text(data: YearData) -> str:
    """The arrangement in the format `parse` reads: one line per holiday, its 调休 working days
    after it as the notice has them; working days of no listed holiday on lines of their own."""
    lines = []
    used: set[date] = set()
    for r in data.ranges:
        when = r.first.isoformat() if r.first == r.last else \
            f"{r.first.isoformat()} 至 {r.last.isoformat()}"
        own = [d for d, n in data.workdays if n and n == r.name and d not in used]
        used.update(own)
        extra = f"；调休上班 {'、'.join(d.isoformat() for d in own)}" if own else ""
        lines.append(f"{r.name} {when}{extra}")
    for day, _name in data.workdays:
        if day not in used:
            lines.append(f"调休上班 {day.isoformat()}")
    return "\n".join(lines)
