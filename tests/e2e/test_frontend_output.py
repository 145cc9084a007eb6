"""What a phone downloads, checked on the production build the other browser tests use: the
trimmed Radix stylesheet (only the colour scales we use, no responsive variants), a handful
of grouped scripts per page, and no responsive props in the compiled pages (the trim relies
on that). Speed itself is measured by bench/lighthouse.py, not asserted here."""

from __future__ import annotations

import json
import re
import urllib.request

from tests.e2e.conftest import ROOT, WEB_WORKDIR

BREAKPOINT_RULE = re.compile(r"\.(xs|sm|md|lg|xl)\\:rt-")
RESPONSIVE_PROP = re.compile(r'\[?"(initial|xs|sm|md|lg|xl)"\]?\s*:')


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def test_a_page_loads_the_trimmed_stylesheet_and_few_scripts(app_server):
    html = _get(f"{app_server.base_url}/")
    assert 'rel="modulepreload"' not in html  # asked for after the first paint (ui/frontend_build.py)
    scripts = json.loads(re.search(r"for \(const href of (\[[^\]]+\])\)", html).group(1))
    assert 0 < len(scripts) <= 12, scripts
    css = _get(app_server.base_url + re.search(r'href="(/assets/__reflex_global_styles[^"]*\.css)"', html).group(1))
    assert ".rt-Button" in css and ".rt-BaseDialogContent" in css and "--teal-9" in css and "--violet-9" in css
    assert ".rt-SliderRoot" not in css and ".rt-DropdownMenuContent" not in css  # components we never draw
    assert "--tomato-9:" not in css  # a colour scale nothing uses is not defined
    assert not BREAKPOINT_RULE.search(css)
    assert len(css) < 350_000  # Radix's full stylesheet alone is 812 KB


RADIX_IMPORT = re.compile(r'import \{([^}]*)\} from "@radix-ui/themes"')


def test_every_radix_component_the_pages_use_keeps_its_css(app_server):
    """The CSS trim keeps only the components in frontend_build.RADIX_COMPONENTS."""
    from trusthabits.ui.frontend_build import RADIX_COMPONENTS

    web = ROOT / WEB_WORKDIR
    used = set()
    for path in [*web.rglob("app/**/*.jsx"), *web.rglob("app_components/**/*.jsx"), *web.rglob("utils/**/*.js*")]:
        for names in RADIX_IMPORT.findall(path.read_text()):
            used.update(name.split(" as ")[0].strip() for name in names.split(",") if name.strip())
    assert "Button" in used and "Text" in used  # the scan found the imports
    assert used <= set(RADIX_COMPONENTS), used - set(RADIX_COMPONENTS)


def test_the_root_keeps_no_loader_for_all_of_radix(app_server):
    # That loader (for dynamic components, which we don't use) pulled every Radix primitive
    # into every page; frontend_build.drop_radix_loader removes it.
    root = (ROOT / WEB_WORKDIR / "app" / "root.jsx").read_text()
    assert "const loaders = {" in root
    assert 'import("@radix-ui/themes")' not in root


def test_no_compiled_page_passes_responsive_props_to_radix(app_server):
    compiled = [*(ROOT / WEB_WORKDIR / "app_components").rglob("*.jsx"),
        *(ROOT / WEB_WORKDIR / "app" / "routes").rglob("*.jsx")]
    assert compiled
    offenders = {path.name: RESPONSIVE_PROP.findall(path.read_text()) for path in compiled}
    assert not {name: found for name, found in offenders.items() if found}


def test_scripts_and_styles_are_sent_with_brotli_to_a_browser_that_asks(app_server):
    html = _get(f"{app_server.base_url}/")
    script = re.search(r'"(/assets/entry\.client[^"]+\.js)"', html).group(1)
    sizes = {}
    for encoding in ("br", "gzip"):
        request = urllib.request.Request(app_server.base_url + script, headers={"Accept-Encoding": f"{encoding}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["Content-Encoding"] == encoding
            sizes[encoding] = len(response.read())
    assert sizes["br"] < sizes["gzip"] * 0.95, sizes
