"""What the benchmark scripts share: Chromium's flags here and a tiny command line."""

from __future__ import annotations

import argparse
import json
from typing import Callable

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def url_and_cookie_cli(doc: str, measure: Callable[[str, str | None], dict]) -> None:
    """`script URL [--cookie NAME=VALUE]`, printing the measurement as JSON."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--cookie", help="NAME=VALUE to send, e.g. a session cookie")
    args = parser.parse_args()
    print(json.dumps(measure(args.url, args.cookie), indent=2))
