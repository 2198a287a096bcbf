"""The console: a Chinese browser interface to the register for the FIC's clerks, assessors and auditors, served
by the API's own app under /console/ and calling the application layer directly."""

from __future__ import annotations

from interfaces.console.mount import mount

__all__ = ["mount"]
