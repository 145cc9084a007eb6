"""Texts of the page frame that every page shares: what is said when a page sent something
that was refused at the boundary (ui/events.py)."""

MESSAGES: dict[str, dict[str, str]] = {
    "error.bad_input": {
        "en": "That did not work: the page sent something it should not have. Reload the page and try again.",
        "nl": "Dat lukte niet: de pagina stuurde iets wat niet klopt. Laad de pagina opnieuw en probeer het nog eens.",
    },
    "problem.dismiss": {
        "en": "OK",
        "nl": "OK",
    },
}
