"""The message catalogues: complete in both languages, and used for every visible text."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from trusthabits.core.i18n import CATALOGUES, negotiate, translate

UI_DIR = Path(__file__).resolve().parents[2] / "trusthabits" / "ui"
# Components whose positional string arguments are shown to the user.
TEXT_COMPONENTS = {
    "text", "heading", "button", "link", "badge", "callout", "label", "strong", "em",
    "option", "span", "p", "h1", "h2", "h3", "title", "item", "tooltip", "alert_dialog",
}
# Keyword arguments whose string values are shown (or read out) to the user.
TEXT_PROPS = {"placeholder", "aria_label", "title", "alt", "label", "content"}
ALLOWED = {"TrustHabits"}  # the brand is the same in every language


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_the_same_keys():
    keys = {lang: set(messages) for lang, messages in CATALOGUES.items()}
    reference = keys["en"]
    for lang, lang_keys in keys.items():
        assert lang_keys == reference, f"{lang}: missing {reference - lang_keys}, extra {lang_keys - reference}"


def test_placeholders_match_across_languages():
    for key, text in CATALOGUES["en"].items():
        for lang, messages in CATALOGUES.items():
            assert _placeholders(messages[key]) == _placeholders(text), (lang, key)


def test_no_empty_or_untranslated_texts():
    for lang, messages in CATALOGUES.items():
        for key, text in messages.items():
            assert text.strip(), (lang, key)
    # Placeholders are not words: "{day} {month}" is the same in every language.
    words = lambda text: re.sub(r"\{[a-z_]+\}", "", text)  # noqa: E731
    same = [k for k, v in CATALOGUES["en"].items() if CATALOGUES["nl"][k] == v and re.search(r"[a-z]{4}", words(v))]
    # Brand and language names are the same in both, Dutch managers say "empowerment" too, and a
    # week is a "week" in Dutch; anything else is a forgotten translation.
    assert set(same) <= {"app.name", "language.en", "language.nl", "behaviour.empowerment.name",
                         "mail.share_period_week"}, same


def _ui_sources() -> list[Path]:
    return sorted(UI_DIR.rglob("*.py"))


def _component_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _user_visible(value: ast.AST) -> bool:
    return (
        isinstance(value, ast.Constant)
        and isinstance(value.value, str)
        and re.search(r"[A-Za-z]{2}", value.value) is not None
        and value.value not in ALLOWED
    )


def find_hard_coded_strings(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _component_name(node)
        if name in TEXT_COMPONENTS:
            found += [a.value for a in node.args if _user_visible(a)]
        found += [kw.value.value for kw in node.keywords if kw.arg in TEXT_PROPS and _user_visible(kw.value)]
    return found


def test_the_detector_catches_hard_coded_texts():
    sample = 'rx.button("Save", on_click=x)\nrx.input(placeholder="Your name")\nrx.text(t("ok"), " ")'
    assert find_hard_coded_strings(sample) == ["Save", "Your name"]


@pytest.mark.parametrize("path", _ui_sources(), ids=lambda p: str(p.relative_to(UI_DIR)))
def test_no_hard_coded_user_facing_strings_in_components(path):
    assert find_hard_coded_strings(path.read_text()) == []


def test_every_key_the_ui_uses_exists():
    used: set[str] = set()
    for path in _ui_sources():
        text = path.read_text()
        used |= set(re.findall(r"""\btv?\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", text))
        used |= set(re.findall(r"""_tr\(\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", text))
        used |= set(re.findall(r"""_key=["']([a-z_]+\.[a-z0-9_.]+)["']""", text))
        used |= set(re.findall(r"""NavItem\([^,]+,\s*["']([a-z_]+\.[a-z0-9_.]+)["']""", text))
    assert used, "the scan found no keys at all"
    assert used - set(CATALOGUES["en"]) == set()


def test_service_error_keys_exist():
    services = Path(__file__).resolve().parents[2] / "trusthabits"
    keys = set()
    for path in list(services.glob("core/*.py")) + list(services.glob("services/*.py")):
        keys |= set(re.findall(r"""["'](error\.[a-z_]+)["']""", path.read_text()))
    assert keys and keys - set(CATALOGUES["en"]) == set()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7", "nl"),
        ("en-GB,en;q=0.9,nl;q=0.8", "en"),
        ("de-DE,de;q=0.9,nl;q=0.5,en;q=0.4", "nl"),
        ("fr-FR", "en"),
        ("", "en"),
        ("nl;q=0, en", "en"),
        ("en;q=0.5, nl-BE", "nl"),
    ],
)
def test_negotiate_picks_the_best_supported_language(header, expected):
    assert negotiate(header) == expected


def test_translate_fills_placeholders_and_falls_back_to_english():
    assert translate("error.signin_locked", "nl", minutes=3).endswith("over 3 minuten opnieuw.")
    assert translate("nav.today", "fr") == "Today"
