"""Qt widgets, item models, undo commands, workers and settings. Talks to services only."""
