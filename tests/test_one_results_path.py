"""Issue 10, item 3: the anonymity rule is applied in one place. Answers and comments are read
(to compute or show anything) only by `services/results.py`; the only other modules that name
the tables write to them (the closing transaction, the demo workspace) or define them. A new
page, export or insight that reads answers directly fails here and must use `visible_results`."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "trusthabits"
ANSWER_TABLES = re.compile(r"\bPulse(Response|Comment)\b|\bpulse_(response|comment)\b")
ALLOWED = {
    "services/results.py",  # the one reader
    "services/pulse_rounds.py",  # writes them in the closing transaction
    "services/demo.py",  # writes a demo history
    "db/models.py",
}


def test_only_the_results_service_reads_answers():
    naming = {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
              if ANSWER_TABLES.search(path.read_text(encoding="utf-8"))}
    naming = {path for path in naming if not path.startswith("db/migrations/")}
    assert naming <= ALLOWED, f"answers read outside services/results.py: {sorted(naming - ALLOWED)}"
    assert "services/results.py" in naming  # the check still looks at the right files
