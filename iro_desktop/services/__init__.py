"""Use cases: one method per user action, one unit of work each; they return domain objects."""
