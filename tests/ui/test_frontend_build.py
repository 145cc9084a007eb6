"""The frontend build adjustments (trusthabits/ui/frontend_build.py): every colour scale the
app uses is loaded, and the edits to Reflex's generated files apply once and fail loudly when
those files change shape."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from trusthabits.core.behaviours import BEHAVIOURS
from trusthabits.ui import frontend_build, theme

ROOT = Path(__file__).resolve().parents[2]
SCALE = (r"(?:amber|blue|bronze|brown|crimson|cyan|gold|grass|gray|green|indigo|iris|jade|lime|mauve|mint|olive|"
         r"orange|pink|plum|purple|red|ruby|sage|sand|sky|slate|teal|tomato|violet|yellow)")
USES = [
    re.compile(rf'color_scheme="({SCALE})"'),
    re.compile(rf"var\(--({SCALE})-a?\d+\)"),
    re.compile(rf'colour="({SCALE})"'),
]


def _scales_named_in(paths) -> set[str]:
    found = set()
    for path in paths:
        text = path.read_text()
        for pattern in USES:
            found.update(pattern.findall(text))
    return found


def test_every_colour_scale_the_app_names_is_loaded():
    sources = [*(ROOT / "trusthabits").rglob("*.py"), ROOT / "assets" / "theme.css"]
    named = _scales_named_in(sources) | {b.colour for b in BEHAVIOURS}
    assert named, "the scan found no colours at all: the patterns are wrong"
    assert named <= set(theme.USED_COLOURS), named - set(theme.USED_COLOURS)


def test_the_scan_would_notice_an_unlisted_colour(tmp_path):
    page = tmp_path / "page.py"
    page.write_text('rx.badge("x", color_scheme="plum")\nstyle = "var(--jade-a9)"\n')
    assert _scales_named_in([page]) == {"plum", "jade"}


def test_stylesheets_load_only_the_used_colour_scales():
    paths = frontend_build.stylesheet_paths()
    colours = [p.rsplit("/", 1)[1].removesuffix(".css") for p in paths if "/tokens/colors/" in p]
    assert colours == list(theme.USED_COLOURS)
    assert "@radix-ui/themes/styles.css" not in paths


POSTCSS = 'export default {\n  plugins: {\n    "postcss-import": {},\n    autoprefixer: {},\n  },\n};\n'
VITE = ("output: {\n  codeSplitting: {\n    groups: [\n      { test: /env.json/, name: \"reflex-env\" },\n    ],\n"
        "  },\n},\n")
ROOT_JSX = '  const loaders = {\n    "@radix-ui/themes": () => import("@radix-ui/themes"),\n  };\n'


@pytest.mark.parametrize(("edit", "original", "expected"), [
    (frontend_build.add_trim_radix, POSTCSS, '"./postcss-trim-radix.cjs": { components: ["Badge", "BaseButton",'),
    (frontend_build.add_chunk_groups, VITE, 'name: "vendor"'),
])
def test_config_edits_apply_once(edit, original, expected):
    once = edit(original)
    assert expected in once and once.count(expected) == 1
    assert edit(once) == once


@pytest.mark.parametrize("edit", [frontend_build.add_trim_radix, frontend_build.add_chunk_groups])
def test_config_edits_refuse_a_file_of_another_shape(edit):
    with pytest.raises(RuntimeError, match="changed shape"):
        edit("module.exports = {}")


def test_the_full_radix_loader_is_removed_from_the_root():
    assert "@radix-ui/themes" not in frontend_build.drop_radix_loader(ROOT_JSX)
    assert "const loaders = {" in frontend_build.drop_radix_loader(ROOT_JSX)


def test_the_postcss_step_is_shipped_with_the_app():
    assert frontend_build.TRIM_RADIX.is_file()
    assert "xs|sm|md|lg|xl" in frontend_build.TRIM_RADIX.read_text()


def test_the_radix_loader_edit_refuses_a_root_of_another_shape():
    with pytest.raises(RuntimeError, match="changed shape"):
        frontend_build.drop_radix_loader("export default function App() {}")


def test_the_build_runs_only_on_the_versions_its_edits_were_written_for():
    frontend_build.check_versions(frontend_build.installed_versions())  # this checkout's own
    with pytest.raises(RuntimeError, match=r"reflex 0\.11\.0 \(written for 0\.10\.1\)"):
        frontend_build.check_versions({**frontend_build.WRITTEN_FOR, "reflex": "0.11.0"})
    with pytest.raises(RuntimeError, match="@radix-ui/themes 3.4.0"):
        frontend_build.check_versions({**frontend_build.WRITTEN_FOR, "@radix-ui/themes": "3.4.0"})


def test_colours_come_from_theme_py_only():
    css = (ROOT / "assets" / "theme.css").read_text()
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgb\(", css), "a colour in theme.css: put it in trusthabits/ui/theme.py"
    manifest = json.loads((ROOT / "assets" / "manifest.webmanifest").read_text())
    assert (manifest["theme_color"], manifest["background_color"]) == (theme.BRAND_COLOUR, theme.BACKGROUND_COLOUR)
    assert "--teal-9: #0b7a70;" in theme.colour_css()



# The shape React Router 7 prerenders for a page (trimmed to what the edit reads).
PRERENDERED = (
    '<head><link rel="modulepreload" href="/assets/manifest-9.js"/>'
    '<link rel="modulepreload" href="/assets/vendor-C.js"/>'
    '<link href="/assets/styles-B.css" rel="stylesheet" type="text/css"/></head><body><main>Vandaag</main>'
    '<script type="module" async="">import "/assets/manifest-9.js";\n'
    'import * as route0 from "/assets/root-C.js";\nimport * as route1 from "/assets/_index-B.js";\n  \n'
    '  window.__reactRouterRouteModules = {"root":route0,"routes/_index":route1};\n\n'
    'import("/assets/entry.client-B.js");</script></body>'
)


def test_a_page_asks_for_its_scripts_after_its_first_paint_in_the_same_order():
    html = frontend_build.defer_scripts_until_painted(PRERENDERED, "index.html")
    assert 'rel="modulepreload"' not in html  # nothing fetched before the page is drawn
    assert '<link href="/assets/styles-B.css" rel="stylesheet"' in html and "<main>Vandaag</main>" in html
    script = re.search(r'<script type="module">(.*)</script>', html, re.S).group(1)
    lines = script.splitlines()
    assert lines[0] == frontend_build.AFTER_FIRST_PAINT
    assert '["/assets/manifest-9.js", "/assets/vendor-C.js"]' in lines[1]  # then all at once, as before
    assert lines[2:] == [
        'await import("/assets/manifest-9.js");',
        'const route0 = await import("/assets/root-C.js");',
        'const route1 = await import("/assets/_index-B.js");',
        'window.__reactRouterRouteModules = {"root":route0,"routes/_index":route1};',
        'import("/assets/entry.client-B.js");',
    ]
    assert frontend_build.defer_scripts_until_painted(html, "index.html") == html


@pytest.mark.parametrize("html", [
    "<html><body>no scripts</body></html>",
    PRERENDERED.replace('import("/assets/entry.client-B.js");', 'import("/assets/entry.client-B.js").then(go);'),
    PRERENDERED.replace("modulepreload", "preload"),
])
def test_the_script_edit_refuses_a_page_of_another_shape(html):
    with pytest.raises(RuntimeError, match="index.html has changed shape"):
        frontend_build.defer_scripts_until_painted(html, "index.html")


def test_the_script_edit_reads_every_page_reflex_built(tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "index.html").write_text(PRERENDERED)
    (tmp_path / "team" / "index.html").write_text(PRERENDERED)
    frontend_build.TrustHabitsFrontend().post_build(static_dir=tmp_path)
    for page in (tmp_path / "index.html", tmp_path / "team" / "index.html"):
        assert frontend_build.AFTER_FIRST_PAINT in page.read_text()
    with pytest.raises(RuntimeError, match="no prerendered pages"):
        frontend_build.TrustHabitsFrontend().post_build(static_dir=tmp_path / "empty")


RR_CONFIG = ('export default {"basename": "/", "future": {"unstable_optimizeDeps": true}, "ssr": false, '
             '"prerender": true, "build": "build"};')


def test_pages_with_a_parameter_are_prerendered_at_their_template_path():
    edited = frontend_build.prerender_page_templates(RR_CONFIG)
    assert '"prerender": ({getStaticPaths}) => [...getStaticPaths(), ...["/team/_", "/reflect/_"]]' in edited
    assert frontend_build.prerender_page_templates(edited) == edited
    dev = RR_CONFIG.replace('"prerender": true, "build": "build"', '"ssr": false')
    assert frontend_build.prerender_page_templates(dev) == dev  # a dev build prerenders nothing
    with pytest.raises(RuntimeError, match="changed shape"):
        frontend_build.prerender_page_templates(RR_CONFIG.replace("true", "false"))
