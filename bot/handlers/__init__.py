"""Telegram handlers, grouped by who uses them. Thin: parse, check role, call a service, reply."""
