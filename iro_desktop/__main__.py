"""`python -m iro_desktop` runs the command line."""

from iro_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
