"""Use cases: plain functions taking a SQLModel Session. Never imports reflex."""
