"""Reading citation exports (RIS, MEDLINE, Web of Science, BibTeX, CSV/TSV/XLSX, EndNote XML,
CSL-JSON, Ovid, Refer) into a review: detection, encodings, the import pipeline and report."""

from curator.core.importers.base import (
    Citation,
    ImportCancelled,
    ImportFailure,
    ImportReport,
    UnsupportedFormat,
)
from curator.core.importers.detect import FORMATS, Detected, detect, preview

# The pipeline (and with it the review, sqlite-utils and pandas) is loaded when first used:
# the reader process (`batches`) needs the readers only, and starts 0.3 s sooner without it.
_PIPELINE = {"ImportSpec", "identification", "import_file", "import_files", "imports",
             "new_paper_ids"}  # fmt: skip


def __getattr__(name: str):
    if name in _PIPELINE:
        from curator.core.importers import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FORMATS",
    "Citation",
    "Detected",
    "ImportCancelled",
    "ImportFailure",
    "ImportReport",
    "ImportSpec",
    "UnsupportedFormat",
    "detect",
    "identification",
    "import_file",
    "import_files",
    "imports",
    "new_paper_ids",
    "preview",
]
