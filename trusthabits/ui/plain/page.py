"""The frame of a plain-HTML page: head, inline styles (no extra request), brand, content."""

from __future__ import annotations

from html import escape

from trusthabits.ui.theme import BRAND_COLOUR, PLAIN_DARK, PLAIN_LIGHT, TAP_TARGET


def _variables(palette: dict[str, str]) -> str:
    return "".join(f"--{name.replace('_', '-')}:{value};" for name, value in palette.items())


STYLE = (
    f":root{{{_variables(PLAIN_LIGHT)}color-scheme:light dark}}"
    f"@media (prefers-color-scheme:dark){{:root{{{_variables(PLAIN_DARK)}}}}}"
    "*{box-sizing:border-box}"
    "body{margin:0;background:var(--page);color:var(--text);font:16px/1.5 system-ui,-apple-system,'Segoe UI',"
    "Roboto,sans-serif;-webkit-tap-highlight-color:transparent}"
    "main{max-width:32rem;margin:0 auto;padding:1rem 1rem 2rem}"
    ".brand{display:flex;align-items:center;gap:.5rem;font-weight:700;font-size:1.125rem;margin-bottom:1rem}"
    "h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0}"
    ".muted{color:var(--muted);font-size:.875rem}"
    f"details summary{{min-height:{TAP_TARGET};display:flex;align-items:center;cursor:pointer;font-size:.875rem;"
    "list-style:none}details u{color:var(--link)}"
    "fieldset{border:0;margin:1.25rem 0 0;padding:0;min-width:0}"
    "fieldset.missing{border:2px solid var(--alert);border-radius:.75rem;padding:.5rem}"
    "legend{padding:0;margin-bottom:.4rem;font-weight:500;float:left;width:100%}"
    ".tiles{display:flex;gap:.5rem;clear:both}"
    f".tile{{position:relative;flex:1;display:flex;align-items:center;justify-content:center;min-height:48px;"
    f"min-width:{TAP_TARGET};border:1px solid var(--line);border-radius:.75rem;background:var(--surface);"
    "font-size:1.125rem;font-weight:500;cursor:pointer}"
    ".tile input{position:absolute;inset:0;opacity:0;margin:0;cursor:pointer}"
    ".tile:has(input:checked){background:var(--accent);color:var(--on-accent);border-color:var(--accent)}"
    ".tile:has(input:focus-visible){outline:2px solid var(--accent);outline-offset:2px}"
    ".scale{display:flex;justify-content:space-between;color:var(--muted);font-size:.75rem;margin-top:.25rem}"
    ".comment-label{display:block;font-weight:500;margin:1.5rem 0 .25rem}"
    "textarea{width:100%;font:inherit;padding:.5rem .75rem;border:1px solid var(--line);border-radius:.75rem;"
    "background:var(--surface);color:var(--text);resize:vertical}"
    ".alert{background:var(--alert-soft);color:var(--alert);border-radius:.75rem;padding:.75rem;margin:1rem 0 0}"
    f"button{{display:block;width:100%;min-height:{TAP_TARGET};margin-top:1.25rem;border:0;border-radius:.75rem;"
    "background:var(--accent);color:var(--on-accent);font:inherit;font-weight:500;cursor:pointer}"
    "#pulse-message{padding-top:2rem}"
    ".notice{border-left:4px solid var(--alert);background:var(--alert-soft);border-radius:.5rem;padding:.75rem;"
    "margin:1rem 0}.notice p{margin:.25rem 0 0;font-size:.875rem}"
    "a{color:var(--link)}h2{font-size:1.125rem;margin:1.5rem 0 .5rem}ul{padding-left:1.2rem}li{margin:.25rem 0}"
)


def document(language: str, title: str, body: str) -> str:
    """A whole page: `body` is HTML the caller built with every value escaped."""
    return (
        f'<!DOCTYPE html><html lang="{escape(language)}" dir="ltr" data-ready="1"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="theme-color" content="{BRAND_COLOUR}"><meta name="robots" content="noindex">'
        # No referrer leaves for another site (a link is a credential), but the form's post keeps
        # its Origin header, which the cross-site guard checks (under no-referrer it is "null").
        '<meta name="referrer" content="same-origin">'
        f'<link rel="icon" href="/icon.svg" type="image/svg+xml"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body><main>"
        '<div class=brand><img src="/icon.svg" width="28" height="28" alt="">TrustHabits</div>'
        f"{body}</main></body></html>"
    )
