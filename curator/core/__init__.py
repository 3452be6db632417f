"""Curator's Qt-free library: the review file and everything done to it (see docs/architecture.md)."""
