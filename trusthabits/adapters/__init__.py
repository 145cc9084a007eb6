"""Adapters: our code that talks to something outside the process — an SMTP server, a lock held
by the operating system or PostgreSQL, APScheduler's heartbeat, the database's health.

They hold no use case and import no service: services (`services/mail.py` sends through
`adapters/smtp.py`) and the entry points (`trusthabits.py`, `cli.py`) call them, and hand them
what to run (`scheduler_runner` is given the tick to run on the leader). The database engine
and sessions stay in `db/engine.py`, next to the tables and migrations they serve.
"""
