"""Reflex pages, per-page state, components and theme. Calls services; holds no rules."""
