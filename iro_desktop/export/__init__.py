"""PDF and interchange files from plain data; nothing of Qt or sessions."""
