"""Screening: decisions, exclusion reasons, queues, keyword highlighting, dual screening."""
