"""Normalised identifiers: DOI, PMID, PMCID, as stored and compared."""

from __future__ import annotations

import re

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|https?://doi\.org/)", re.I)
_DOI_SHAPE = re.compile(r"10\.\d{4,9}/\S+")


def normalise_doi(value: str | None) -> str | None:
    """Lower case, no resolver prefix or trailing punctuation; None when it is not a DOI."""
    if not value:
        return None
    text = value.strip()
    text = _DOI_PREFIX.sub("", text).strip()
    match = _DOI_SHAPE.search(text)
    if not match:
        return None
    return match.group(0).rstrip(".,;").lower()


def normalise_pmid(value: object) -> str | None:
    if value is None:
        return None
    digits = re.sub(r"\D", "", str(value).split("[")[0])
    return digits.lstrip("0") or None


# Where an export gives the PMID without a PMID field: Web of Science's accession number of a
# MEDLINE record ("MEDLINE:16842170") and the PubMed links EndNote, Bookends and others store.
_PMID_SOURCE = re.compile(
    r"^(?:MEDLINE|PMID|PUBMED):\s*(\d{1,9})$"
    r"|(?:pubmed\.ncbi\.nlm\.nih\.gov/|ncbi\.nlm\.nih\.gov/pubmed/)(\d{1,9})\b",
    re.I,
)


def pmid_in(*values: str | list[str] | None) -> str | None:
    """The PMID the first accession or link among `values` names, if any names one."""
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            match = _PMID_SOURCE.search(item.strip()) if item else None
            if match:
                return match.group(1) or match.group(2)
    return None


def normalise_pmcid(value: str | None) -> str | None:
    if not value:
        return None
    match = re.search(r"PMC\s*(\d+)", value, re.I)
    return f"PMC{match.group(1)}" if match else None
