"""The live Signs of Safety map: board, undo commands, autosave, presentation view."""
