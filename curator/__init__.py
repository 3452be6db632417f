"""Curator: curate an evidence synthesis, from database searches to its tables."""

__version__ = "0.1.0"
APP_NAME = "Curator"
