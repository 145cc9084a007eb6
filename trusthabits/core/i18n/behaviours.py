"""Texts of the behaviour catalogue, as message keys derived from `core.behaviours`:
`behaviour.<key>.name`, `behaviour.<key>.description` and `micro.<key>.<action>`.

Derived rather than written out, so the catalogue stays the one place a behaviour is described
and a new behaviour needs no change here.
"""

from trusthabits.core.behaviours import BEHAVIOURS


def _messages() -> dict[str, dict[str, str]]:
    messages: dict[str, dict[str, str]] = {}
    for behaviour in BEHAVIOURS:
        messages[f"behaviour.{behaviour.key}.name"] = dict(behaviour.name)
        messages[f"behaviour.{behaviour.key}.description"] = dict(behaviour.description)
        for action in behaviour.micro_actions:
            messages[f"micro.{behaviour.key}.{action.key}"] = dict(action.text)
    return messages


MESSAGES: dict[str, dict[str, str]] = _messages()
