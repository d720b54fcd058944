"""The conference file: a whole conference as one versioned JSON file (docs/conference-file.md)."""
