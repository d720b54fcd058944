"""IRO Desktop: child protection conferences, live Signs of Safety mapping, decisions and records."""

__version__ = "0.1.0"
APP_NAME = "IRO Desktop"
ORG_NAME = "IRO Desktop"
