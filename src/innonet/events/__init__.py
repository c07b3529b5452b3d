"""Formats, events, registration with double opt-in, check-in, feedback and calendars."""
