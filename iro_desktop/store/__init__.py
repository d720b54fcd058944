"""Persistence: SQLAlchemy models, engine, unit of work, migrations. SQLite-specific code lives only here."""
