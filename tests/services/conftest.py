"""Fixtures the service tests share: a real SMTP server on loopback (defined with the mail
delivery tests)."""

from tests.services.test_mail_delivery import smtp_server  # noqa: F401 - a fixture
