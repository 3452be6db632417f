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
from curator.core.importers.pipeline import (
    ImportSpec,
    identification,
    import_file,
    import_files,
    imports,
    new_paper_ids,
)

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
