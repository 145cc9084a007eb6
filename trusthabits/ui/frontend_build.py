"""How the browser bundle is built: less CSS and fewer, better-grouped scripts for a phone.

Reflex builds the frontend with Vite; this plugin (in rxconfig.py) adjusts four things, each
measured with bench/lighthouse.py (numbers in the issue notes):

- Radix Themes' full stylesheet (812 KB, all 31 colour scales) is replaced by its base tokens,
  the colour scales in `USED_COLOURS`, and its component and utility rules.
- A PostCSS step drops Radix's responsive variants (`.md:rt-…`; we pass no responsive props to
  Radix components) and the rules of components we never draw (`RADIX_COMPONENTS` lists the
  ones we do). Tests check both against the compiled pages.
- Scripts that several pages share go into two chunks (`vendor`, `shared`) instead of dozens,
  so a phone makes 7 to 10 requests for a page instead of 36.
- The root no longer keeps a loader for all of Radix Themes: it only serves dynamic components,
  which TrustHabits does not use.

`USED_COLOURS` must name every colour scale a component or the behaviour catalogue uses (a test
scans the code for them); a missing one would render as transparent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import reflex as rx

from trusthabits.core.behaviours import BEHAVIOURS

ACCENT = "teal"
GRAY = "slate"

# Scales the UI names directly: accent and gray of the theme, gray buttons, red errors,
# green/amber statuses, and the need lines of the trend chart.
UI_COLOURS = frozenset({ACCENT, GRAY, "gray", "red", "green", "amber", "orange", "pink", "cyan"})
USED_COLOURS = tuple(sorted(UI_COLOURS | {b.colour for b in BEHAVIOURS}))

RADIX = "@radix-ui/themes"
TRIM_RADIX = Path(__file__).with_name("build") / "postcss-trim-radix.cjs"
# The Radix Themes components the pages use, with the CSS class prefixes their rules need (their
# own and the shared base they build on). A component missing here would be drawn unstyled: the
# e2e suite compares this with what the compiled pages import.
RADIX_COMPONENTS: dict[str, tuple[str, ...]] = {
    "Badge": ("Badge",), "Blockquote": ("Blockquote",), "Box": ("Box",),
    "Button": ("Button", "BaseButton"), "IconButton": ("IconButton", "BaseButton"),
    "Callout": ("Callout",), "Card": ("Card", "BaseCard"), "Code": ("Code",),
    "Dialog": ("Dialog", "BaseDialog"), "Flex": ("Flex",), "Grid": ("Grid",), "Heading": ("Heading",),
    "Link": ("Link",), "Progress": ("Progress",), "SegmentedControl": ("SegmentedControl",),
    "Spinner": ("Spinner",), "Strong": ("Strong",), "Table": ("Table",),
    "Text": ("Text",), "TextArea": ("TextArea",), "TextField": ("TextField",), "Theme": (),
}
CHUNK_GROUPS = """
            { name: "vendor", test: /node_modules/, minShareCount: 3, priority: 1 },
            { name: "shared", minShareCount: 3, priority: 0 },"""
RADIX_LOADER = f'    "{RADIX}": () => import("{RADIX}"),\n'


def stylesheet_paths() -> tuple[str, ...]:
    return (
        f"{RADIX}/tokens/base.css",
        *(f"{RADIX}/tokens/colors/{colour}.css" for colour in USED_COLOURS),
        f"{RADIX}/components.css",
        f"{RADIX}/utilities.css",
    )


def _insert_after(text: str, anchor: str, addition: str, file: str) -> str:
    if addition in text:
        return text
    if anchor not in text:
        raise RuntimeError(f"{file} has changed shape (no {anchor!r}); update trusthabits/ui/frontend_build.py")
    return text.replace(anchor, anchor + addition, 1)


def add_trim_radix(postcss_config: str) -> str:
    """Run our PostCSS step right after postcss-import has inlined Radix's files."""
    prefixes = sorted({prefix for needed in RADIX_COMPONENTS.values() for prefix in needed})
    entry = f'\n    "./{TRIM_RADIX.name}": {{ components: {json.dumps(prefixes)} }},'
    return _insert_after(postcss_config, '"postcss-import": {},', entry, "postcss.config.js")


def add_chunk_groups(vite_config: str) -> str:
    return _insert_after(vite_config, "groups: [", CHUNK_GROUPS, "vite.config.js")


def drop_radix_loader(root: str) -> str:
    return root.replace(RADIX_LOADER, "")


class TrustHabitsFrontend(rx.plugins.RadixThemesPlugin):
    """Radix Themes, with the build adjustments described above."""

    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        return stylesheet_paths() if self.enabled else ()

    def get_static_assets(self, **context: Any) -> list[tuple[Path, str]]:
        return [(Path(TRIM_RADIX.name), TRIM_RADIX.read_text())]

    def pre_compile(self, **context: Any) -> None:
        super().pre_compile(**context)
        context["add_modify_task"]("postcss.config.js", add_trim_radix)
        context["add_modify_task"]("vite.config.js", add_chunk_groups)
        context["add_modify_task"]("app/root.jsx", drop_radix_loader)
