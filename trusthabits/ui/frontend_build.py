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

Every edit checks the shape of the file it changes and stops the build with a clear message
when Reflex generated something else; and the plugin refuses to run on other Reflex or Radix
Themes versions than the ones these edits were written for (`WRITTEN_FOR`): after an upgrade,
read each edit against the new generated files, then update the versions.

`theme.USED_COLOURS` must name every colour scale a component or the behaviour catalogue uses (a
test scans the code for them); a missing one would render as transparent.
"""

from __future__ import annotations

import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

import reflex as rx
from reflex_components_radix.themes.base import RadixThemesComponent

from trusthabits.ui.theme import USED_COLOURS

RADIX = "@radix-ui/themes"
# The versions whose generated files these edits were read against.
WRITTEN_FOR = {"reflex": "0.10.1", RADIX: "3.3.0"}
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
    if "const loaders = {" not in root:
        raise RuntimeError("app/root.jsx has changed shape (no 'const loaders = {'); "
                           "update trusthabits/ui/frontend_build.py")
    return root.replace(RADIX_LOADER, "")


def installed_versions() -> dict[str, str]:
    """The Reflex package, and the Radix Themes release its components import."""
    radix = str(RadixThemesComponent.get_fields()["library"].default).rpartition("@")[2]
    return {"reflex": version("reflex"), RADIX: radix}


def check_versions(found: dict[str, str]) -> None:
    """Stop with a clear message on versions the build edits were not written for."""
    if found != WRITTEN_FOR:
        wrong = ", ".join(f"{name} {found.get(name)} (written for {want})"
                          for name, want in WRITTEN_FOR.items() if found.get(name) != want)
        raise RuntimeError(
            f"trusthabits/ui/frontend_build.py edits files generated by Reflex and Radix Themes; found {wrong}. "
            "Check each edit against the newly generated files, then update WRITTEN_FOR.")


class TrustHabitsFrontend(rx.plugins.RadixThemesPlugin):
    """Radix Themes, with the build adjustments described above."""

    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        return stylesheet_paths() if self.enabled else ()

    def get_static_assets(self, **context: Any) -> list[tuple[Path, str]]:
        return [(Path(TRIM_RADIX.name), TRIM_RADIX.read_text())]

    def pre_compile(self, **context: Any) -> None:
        check_versions(installed_versions())
        super().pre_compile(**context)
        context["add_modify_task"]("postcss.config.js", add_trim_radix)
        context["add_modify_task"]("vite.config.js", add_chunk_groups)
        context["add_modify_task"]("app/root.jsx", drop_radix_loader)
