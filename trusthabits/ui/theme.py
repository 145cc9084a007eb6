"""Look and feel, and the one source of its colours: the accent and gray scales, the colour
scales the app names, the few shades we darken for contrast, and the brand colour of the icon,
the browser's address bar and the web manifest. Tap targets and widths live here too.

`assets/theme.css` holds layout rules only; the colour overrides below are put into the page
head (`head_style()`), and a test checks `assets/manifest.webmanifest` against `BRAND_COLOUR`.
"""

from __future__ import annotations

import reflex as rx

from trusthabits.core.behaviours import BEHAVIOURS
from trusthabits.core.i18n import LANGUAGES

ACCENT = "teal"
GRAY = "slate"
BRAND_COLOUR = "#0d9488"  # the icon, the address bar on a phone, the installed app's splash
BACKGROUND_COLOUR = "#ffffff"
# Scales the UI names directly: accent and gray of the theme, gray buttons, red errors,
# green/amber statuses, and the need lines of the trend chart. The behaviour catalogue adds its own.
UI_COLOURS = frozenset({ACCENT, GRAY, "gray", "red", "green", "amber", "orange", "pink", "cyan"})
USED_COLOURS = tuple(sorted(UI_COLOURS | {b.colour for b in BEHAVIOURS}))

# Radix's teal-9 under white text is 3.1:1; this darker teal reaches 5.2:1 (WCAG AA) in both
# colour modes. Teal text on a tinted teal panel (callouts) is 4.1:1 with Radix's light teal-11;
# this one is 5.8:1 (dark mode keeps Radix's light-on-dark teal-11, which already passes). Links,
# soft buttons and badges use the alpha step, so it gets the same value.
CONTRAST_SHADES = {"--teal-9": "#0b7a70", "--teal-10": "#096b62"}
LIGHT_CONTRAST_SHADES = {"--teal-11": "#006b5f", "--teal-a11": "#006b5f"}

# The plain-HTML pages (ui/plain/): the same accent and contrast, in light and dark mode.
PLAIN_LIGHT = {"text": "#1c2024", "muted": "#60646c", "line": "#d9d9e0", "surface": "#ffffff",
               "page": "#fcfcfd", "accent": CONTRAST_SHADES["--teal-9"], "on_accent": "#ffffff",
               "link": LIGHT_CONTRAST_SHADES["--teal-11"], "alert": "#ce2c31", "alert_soft": "#ffebec"}
PLAIN_DARK = {"text": "#edeef0", "muted": "#b0b4ba", "line": "#43484e", "surface": "#18191b",
              "page": "#111113", "accent": CONTRAST_SHADES["--teal-9"], "on_accent": "#ffffff",
              "link": "#0bd8b6", "alert": "#ff9592", "alert_soft": "#3b1219"}

TAP_TARGET = "44px"
CONTENT_MAX_WIDTH = "40rem"
NAV_HEIGHT = "4rem"

theme = rx.theme(accent_color=ACCENT, gray_color=GRAY, radius="large", scaling="100%")

# Scoped to the app root by Reflex; page-wide CSS (layout rules) lives in assets/theme.css.
STYLESHEETS = ["/theme.css"]


def _rule(selectors: str, shades: dict[str, str]) -> str:
    return selectors + " {" + " ".join(f"{name}: {value};" for name, value in shades.items()) + "}"


def language_css() -> str:
    """Of the texts drawn in every language (`states.app.t`), show the one <html lang> names."""
    return "\n".join(f'html:not([lang="{lang}"]) .lang-{lang} {{display: none}}' for lang in LANGUAGES)


def colour_css() -> str:
    """The colour overrides as page-wide CSS. The `html` prefix outranks Radix's own `.light` /
    `.dark` selectors, which it puts on both <html> and the theme root."""
    return "\n".join([
        _rule("html.light, html.dark, html .light, html .dark, html .light-theme, html .dark-theme",
              CONTRAST_SHADES),
        _rule("html.light, html .light, html .light-theme", LIGHT_CONTRAST_SHADES),
    ])


def head_style() -> rx.Component:
    """The language and colour rules inline in <head>: no extra request before the first paint."""
    return rx.el.style(language_css() + "\n" + colour_css())


global_style = {
    # 16px inputs stop iOS Safari from zooming into a field on focus.
    "input, select, textarea": {"font_size": "16px"},
    # `colour-<scale>` gives an element its behaviour's colour as `--behaviour-colour`: repeated
    # marks (dots, this week's cells) then use fixed classes from assets/theme.css instead of a
    # computed style each, which keeps redrawing them cheap.
    **{f".colour-{colour}": {
        "--behaviour-6": f"var(--{colour}-6)",
        "--behaviour-8": f"var(--{colour}-8)",
        "--behaviour-colour": f"var(--{colour}-9)",
        "--behaviour-soft": f"var(--{colour}-a3)",
        "--behaviour-soft-hover": f"var(--{colour}-a4)",
        "--behaviour-icon": f"var(--{colour}-11)",
        "--behaviour-text": f"var(--{colour}-12)",
    } for colour in USED_COLOURS},
}

native_select_style = {
    "width": "100%",
    "min_height": TAP_TARGET,
    "padding": "0 0.75rem",
    "border_radius": "var(--radius-3)",
    "border": "1px solid var(--gray-a7)",
    "background": "var(--color-surface)",
    "color": "var(--gray-12)",
}

textarea_style = {
    **native_select_style,
    "padding": "0.5rem 0.75rem",
    "font_family": "inherit",
    "resize": "vertical",
}
