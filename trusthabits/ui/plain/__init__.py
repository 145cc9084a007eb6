"""Pages the server sends as plain HTML, without Reflex: the answer page team members open from
their mail. No script and one request, so they show at once on any phone, in the reader's
language from the first byte. Routes are mounted in `trusthabits/http_api.py`."""
