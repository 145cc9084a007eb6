"""Message catalogues (English and Dutch) and language negotiation.

Texts live in one module per area (`accounts.py`, …), each a dict of dotted key →
{"en": …, "nl": …}, so a translator sees both languages side by side and a feature adds its own
module without touching the others. Add a new module to `_AREAS`. Tests enforce that every key
has every language with the same `{placeholders}`.
"""

from __future__ import annotations

from trusthabits.core.i18n import (
    accounts,
    anonymity,
    behaviours,
    calendar,
    daily_log,
    data_lifecycle,
    habit_reach,
    history,
    pages,
    pulse,
    reflection_loop,
    rhythm,
    safety,
    trends,
)

DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "nl")
_AREAS = (accounts, anonymity, behaviours, calendar, daily_log, data_lifecycle, habit_reach, history, pages, pulse,
          reflection_loop, rhythm, safety, trends)


def _build() -> dict[str, dict[str, str]]:
    catalogues: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for area in _AREAS:
        for key, texts in area.MESSAGES.items():
            for lang in LANGUAGES:
                if key in catalogues[lang]:
                    raise ValueError(f"message key {key!r} is defined twice")
                if lang in texts:
                    catalogues[lang][key] = texts[lang]
    return catalogues


CATALOGUES: dict[str, dict[str, str]] = _build()


def catalogue(language: str) -> dict[str, str]:
    return CATALOGUES.get(language, CATALOGUES[DEFAULT_LANGUAGE])


def translate(key: str, language: str, **values: object) -> str:
    text = catalogue(language).get(key) or CATALOGUES[DEFAULT_LANGUAGE].get(key, key)
    return text.format(**values) if values else text


def negotiate(accept_language: str | None) -> str:
    """The best supported language for an HTTP Accept-Language header."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in CATALOGUES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE
