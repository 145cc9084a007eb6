"""How the browser bundle is built: less CSS and fewer, better-grouped scripts for a phone.

Reflex builds the frontend with Vite; this plugin (in rxconfig.py) adjusts six things, each
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
- Pages with a parameter in their path are prerendered once more, at a template path
  (web/page_templates.py), so they paint before their scripts run like every other page.
- Each prerendered page asks for its scripts only after it has painted. The page is drawn
  whole, in the reader's language, without them (ui/states/app.py); asked for at once, their
  ~220 KB share a slow phone line with the page's stylesheet and hold back its first paint
  (`defer_scripts_until_painted`).

Every edit checks the shape of the file it changes and stops the build with a clear message
when Reflex generated something else; and the plugin refuses to run on other Reflex or Radix
Themes versions than the ones these edits were written for (`WRITTEN_FOR`): after an upgrade,
read each edit against the new generated files, then update the versions.

`theme.USED_COLOURS` must name every colour scale a component or the behaviour catalogue uses (a
test scans the code for them); a missing one would render as transparent.
"""

from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

import reflex as rx
from reflex_components_radix.themes.base import RadixThemesComponent

from trusthabits.ui.theme import USED_COLOURS
from trusthabits.web.page_templates import TEMPLATE_PATHS

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


def prerender_page_templates(config: str) -> str:
    """Every page without a parameter, as before, and each page template."""
    paths = json.dumps(list(TEMPLATE_PATHS))
    if paths in config or '"prerender"' not in config:  # done already, or a dev build (nothing prerendered)
        return config
    if config.count('"prerender": true') != 1:
        raise RuntimeError("react-router.config.js has changed shape (no '\"prerender\": true'); "
                           "update trusthabits/ui/frontend_build.py")
    every_page = f"({{getStaticPaths}}) => [...getStaticPaths(), ...{paths}]"
    return config.replace('"prerender": true', f'"prerender": {every_page}')


def drop_radix_loader(root: str) -> str:
    if "const loaders = {" not in root:
        raise RuntimeError("app/root.jsx has changed shape (no 'const loaders = {'); "
                           "update trusthabits/ui/frontend_build.py")
    return root.replace(RADIX_LOADER, "")


MODULE_PRELOAD = re.compile(r'<link rel="modulepreload" href="(/assets/[^"<>]+\.js)"/>')
# React Router's boot script: the manifest, then each route module, then the client entry.
BOOT_SCRIPT = re.compile(
    r'<script type="module" async="">import "(?P<manifest>/assets/[^"<>]+\.js)";\n'
    r'(?P<routes>(?:import \* as route\d+ from "/assets/[^"<>]+\.js";\n)+)\s*'
    r'window\.__reactRouterRouteModules = (?P<modules>\{[^<>;]*\});\s*'
    r'import\("(?P<entry>/assets/[^"<>]+\.js)"\);</script>')
ROUTE_IMPORT = re.compile(r'import \* as (route\d+) from "(/assets/[^"<>]+\.js)";')
# After the first frame has been drawn (a timeout queued from a frame callback runs after its
# paint); a page opened in a background tab draws no frames, so it starts at once.
AFTER_FIRST_PAINT = ("await new Promise(go => document.visibilityState === \"hidden\" ? go() : "
                     "requestAnimationFrame(() => setTimeout(go)));")


def defer_scripts_until_painted(html: str, file: str) -> str:
    """The same boot, in the same order, started after the page's first paint."""
    if AFTER_FIRST_PAINT in html:
        return html
    boot = BOOT_SCRIPT.search(html)
    preloads = MODULE_PRELOAD.findall(html)
    if boot is None or not preloads:
        raise RuntimeError(f"{file} has changed shape (no React Router boot script or module preloads); "
                           "update trusthabits/ui/frontend_build.py")
    routes = ROUTE_IMPORT.findall(boot["routes"])
    script = "\n".join([
        AFTER_FIRST_PAINT,
        f"for (const href of {json.dumps(preloads)}) "
        "document.head.append(Object.assign(document.createElement(\"link\"), {rel: \"modulepreload\", href}));",
        f"await import({json.dumps(boot['manifest'])});",
        *(f"const {name} = await import({json.dumps(url)});" for name, url in routes),
        f"window.__reactRouterRouteModules = {boot['modules']};",
        f"import({json.dumps(boot['entry'])});",
    ])
    html = MODULE_PRELOAD.sub("", html)
    return html.replace(boot.group(0), f'<script type="module">{script}</script>', 1)


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
        context["add_modify_task"]("react-router.config.js", prerender_page_templates)

    def post_build(self, **context: Any) -> None:
        super().post_build(**context)
        pages = sorted(Path(context["static_dir"]).rglob("*.html"))
        if not pages:
            raise RuntimeError(f"no prerendered pages in {context['static_dir']}; "
                               "update trusthabits/ui/frontend_build.py")
        for page in pages:
            page.write_text(defer_scripts_until_painted(page.read_text(), str(page)))
