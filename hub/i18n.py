"""Locale and time zone: Simplified Chinese by default, English on request, per user."""

from functools import cached_property, lru_cache

from babel import Locale, support
from flask import Request, current_app, g, session
from flask_babel import get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_context
from markupsafe import Markup
from wtforms.i18n import messages_path

from hub.timeutil import (
    format_datetime,
    long_date,
    long_datetime,
    month_title,
    to_local,
    zone_label,
)

LOCALE_NAMES = {"zh_CN": "中文", "en": "English"}


def select_locale() -> str:
    supported = current_app.config["HUB_LOCALES"]
    if getattr(current_user, "is_authenticated", False) and current_user.locale in supported:
        return current_user.locale
    chosen = session.get("locale")
    if chosen in supported:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def locale_code() -> str:
    """The configured code (zh_CN / en) of this request's locale, for templates.

    Babel expands zh_CN to zh_Hans_CN, so `str(get_locale())` never equals "zh_CN".
    """
    return _code_of(get_locale(), tuple(current_app.config["HUB_LOCALES"]))


@lru_cache(maxsize=16)
def _code_of(current: Locale | None, supported: tuple[str, ...]) -> str:
    """Asked five times by every page's layout: worked out once per locale."""
    for code in supported:
        if _parsed(code) == current:
            return code
    return str(current)


@lru_cache(maxsize=16)
def _parsed(code: str) -> Locale:
    """Locale.parse reads Babel's data each time: a quarter of the language switch's cost."""
    return Locale.parse(code)


def list_separator() -> str:
    """Between the items of a list in running text: 、 in Chinese, a comma in English."""
    locale = get_locale()
    return "、" if locale is not None and locale.language == "zh" else ", "


def join_list(items) -> str:
    """A list in running text: 提前 1 天、提前 1 小时 / 1 day before, 1 hour before."""
    return list_separator().join(str(i) for i in items)


def request_translations():
    """This request's translations for templates, looked up once per locale.

    Flask-Babel's own template callables find the translations anew for every `_()`: three
    context lookups and str(locale) each (about 800 werkzeug proxy lookups and 10–14 % of the
    dashboard's CPU, bench/results/2026-12-06-perfdash.md). Kept with the Locale object they
    belong to, so `force_locale` (mails in the reader's language) and `refresh()` (a changed
    language) still switch: another locale object, another lookup."""
    ctx = g.get("_flask_babel")
    locale = getattr(ctx, "babel_locale", None) if ctx is not None else None
    if locale is None:
        return get_translations()
    cached = getattr(ctx, "hub_translations", None)
    if cached is not None and cached[0] is locale:
        return cached[1]
    translations = get_translations()
    ctx.hub_translations = (locale, translations)
    return translations


@pass_context
def template_gettext(context, string: str, **variables) -> str:
    """Templates' `_()`: what Jinja's `_` (its alias of the newstyle `gettext` callable installed
    below) returns, without its two extra `Context.call` dispatches and the lambda: ~70 Python
    calls a `_()` down to ~17, and a page has 40–60 of them (issue 16,
    bench/results/2026-12-06-s7-dash3.md). Same string: translated, Markup under autoescape,
    always %-formatted with the keyword values (escaped)."""
    rv = request_translations().ugettext(string)
    if context.eval_ctx.autoescape:
        rv = Markup(rv)  # noqa: S704 - a translation of our own catalogue, as Jinja does
    if not variables and "%" not in rv:
        return rv  # what `rv % {}` gives, without Markup's formatting machinery (most `_()`s)
    return rv % variables


@lru_cache(maxsize=16)
def _wtforms_translations(locale: Locale):
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class HubRequest(Request):
    """Flask's request, with WTForms' own messages (Flask-WTF reads them from
    `request.wtforms_translations`) loaded once per locale and process instead of from disk in
    every request that builds a form (~0.6 ms: a list page's filter form, a notice's 签收 form)."""

    @cached_property
    def wtforms_translations(self):
        return _wtforms_translations(get_locale())


def select_timezone() -> str:
    return current_app.config["HUB_TIMEZONE"]


def init_app(app) -> None:
    from hub.extensions import babel

    babel.init_app(app, locale_selector=select_locale, timezone_selector=select_timezone)
    app.request_class = HubRequest
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        pgettext=lambda c, s: request_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: request_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.jinja_env.globals["_"] = template_gettext
    app.jinja_env.globals["get_locale"] = locale_code
    app.jinja_env.filters["localtime"] = format_datetime
    app.jinja_env.filters["localdate"] = lambda v: format_datetime(v, "%Y-%m-%d")
    app.jinja_env.filters["longdate"] = long_date
    app.jinja_env.filters["longtime"] = long_datetime
    app.jinja_env.filters["zonelabel"] = zone_label
    app.jinja_env.filters["joined"] = join_list
    app.jinja_env.globals["list_separator"] = list_separator
    app.jinja_env.globals["month_title"] = month_title
    app.jinja_env.globals["to_local"] = to_local
    app.jinja_env.globals["LOCALE_NAMES"] = LOCALE_NAMES
