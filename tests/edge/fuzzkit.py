"""What the fuzz test and bench/fuzz_served.py send: hostile values, the URLs of every route with
its ids replaced, and the fields of the forms a page shows (as a browser finds them).

Plain functions over `app.url_map` and HTML text: no test client, no Flask request.
"""

import random
import re
from html import unescape

# values for any field or query argument: empty, long, control and invisible characters, numbers
# beyond every range, far and impossible dates and times, wrong choices, markup, system names
HOSTILE = [
    "", " ", "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
    "9223372036854775808", "99999999999999999999999", "-99999999999999999999999", "1e309",
    "NaN", "inf", "-0", "0x10", "1.5", "1,000", "１２", "x" * 10_000, "长" * 5_000, "\x00",
    "a\x00b", "\u202etxt.exe", "\u200b\u200b", "\ufeff", "\r\n", "\t", "9999-12-31",
    "0001-01-01", "10000-01-01", "2026-02-30", "1899-12-31", "2999-12-31", "3000-01-01",
    "25:61", "23:59", "00:00", "-01:00", "2026-13-01T25:00", "yes", "on", "true", "null",
    "none", "wrong-choice", "draft", "published", "admin", "park_admin", "staff", "zone",
    "<script>alert(1)</script>", "' OR 1=1 --", "%s%n%x", "../../etc/passwd", "C:\\x",
    "Asia/" + "x" * 300, "Asia/Shanghai", "UTC", "Mars/Olympus", "FREQ=SECONDLY",
    "FREQ=DAILY;COUNT=999999999", "FREQ=MONTHLY;BYDAY=9TU", "RRULE:FREQ=WEEKLY;UNTIL=99991231",
    "http://127.0.0.1:6379/", "javascript:alert(1)", "https://" + "a" * 600 + ".cn/",
    "=HYPERLINK(\"http://x\")", "@SUM(1)", "+1", "//evil.example/", "/\\evil.example",
]

# ids put into `<int:…>` segments: beyond 32 and 64 bits, negative, zero, unknown
ID_VARIANTS = ["2147483648", "9223372036854775808", "99999999999999999999999", "-1", "0",
               "987654"]
STRING_VARIANTS = ["x" * 300, "..%2F..%2Fetc%2Fpasswd", "%00", "\u202e", "a.b.c"]

# query arguments the list pages read (and some they should not)
QUERY_ARGS = ["page", "park", "series", "status", "problem", "overdue", "deleted", "sort", "dir",
              "when", "y", "m", "category", "date_from", "date_to", "kind", "field",
              "education", "expired", "user", "who", "object_type", "state", "channel", "q",
              "before", "after", "against", "next", "endpoint", "_method", "_external",
              "_scheme", "_anchor", "values"]

ARG = re.compile(r"<(?:([a-z]+)(?:\([^)]*\))?:)?([^>]+)>")


def routes(app, method: str) -> list[str]:
    """Every rule (its text) that takes `method`, the static files left out."""
    return sorted({r.rule for r in app.url_map.iter_rules()
                   if method in r.methods and r.endpoint != "static"})


def variants(rule: str) -> list[str]:
    """The rule with its id arguments set to each of ID_VARIANTS (strings "x"), then its string
    arguments set to each of STRING_VARIANTS (ids 1)."""
    if not ARG.search(rule):
        return []

    def fill(int_value: str, str_value: str) -> str:
        def one(m):
            if m.group(1) == "int":
                return int_value
            if m.group(1) == "any":
                return rule[m.start():m.end()].split("(")[1].split(",")[0].strip()
            return str_value
        return ARG.sub(one, rule)

    out = [fill(v, "x") for v in ID_VARIANTS]
    if any(c != "int" for c, _ in ARG.findall(rule)):
        out += [fill("1", v) for v in STRING_VARIANTS]
    return sorted(set(out))


FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
ATTR = re.compile(r'([a-zA-Z_:-]+)="([^"]*)"')
CONTROL = re.compile(r"<(input|select|textarea|button)\b([^>]*)>", re.I)


def forms(html: str) -> list[tuple[str, str, dict[str, list[str]]]]:
    """(method, action, {field name: [values the page offers]}) of every form on a page."""
    out = []
    for attrs, body in FORM.findall(html):
        a = dict(ATTR.findall(attrs))
        fields: dict[str, list[str]] = {}
        for _tag, cattrs in CONTROL.findall(body):
            c = dict(ATTR.findall(cattrs))
            if "name" in c:
                fields.setdefault(unescape(c["name"]), []).append(unescape(c.get("value", "")))
        for name, value in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>.*?<option[^>]*'
                                      r'value="([^"]*)"', body, re.S):
            fields.setdefault(unescape(name), []).append(unescape(value))
        out.append((a.get("method", "get").lower(), unescape(a.get("action", "")), fields))
    return out


def hostile_form(fields: dict[str, list[str]], rng: random.Random) -> list[tuple[str, str]]:
    """One hostile submission of a form: each field once, left out, or twice; values from the
    page (a real choice) or HOSTILE; a stray field now and then."""
    data = []
    for name, offered in fields.items():
        if name == "csrf_token":
            continue
        roll = rng.random()
        if roll < 0.1:
            continue
        count = 2 if roll > 0.85 else 1
        for _ in range(count):
            pool = offered if offered and rng.random() < 0.3 else HOSTILE
            data.append((name, rng.choice(pool)))
    if rng.random() < 0.2:
        data.append((rng.choice(QUERY_ARGS), rng.choice(HOSTILE)))
    return data
