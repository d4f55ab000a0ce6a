"""Shared test helpers: databases on SQLite and PostgreSQL, a running bot on the emulator."""
