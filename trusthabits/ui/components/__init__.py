"""Stateless building blocks shared by pages."""
