"""Curation: facets and terms, key results, claims, evidence strength, open questions."""
