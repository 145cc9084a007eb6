"""Look and feel: one accent colour, generous tap targets, system light/dark."""

import reflex as rx

from trusthabits.ui.frontend_build import ACCENT, GRAY, USED_COLOURS

TAP_TARGET = "44px"
CONTENT_MAX_WIDTH = "40rem"
NAV_HEIGHT = "4rem"

theme = rx.theme(accent_color=ACCENT, gray_color=GRAY, radius="large", scaling="100%")

# Scoped to the app root by Reflex; page-wide CSS (colour tokens) lives in assets/theme.css.
STYLESHEETS = ["/theme.css"]

global_style = {
    # 16px inputs stop iOS Safari from zooming into a field on focus.
    "input, select, textarea": {"font_size": "16px"},
    # `colour-<scale>` gives an element its behaviour's colour as `--behaviour-colour`: repeated
    # marks (dots, this week's cells) then use fixed classes from assets/theme.css instead of a
    # computed style each, which keeps redrawing them cheap.
    **{f".colour-{colour}": {
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
