"""Layouts met in real exports beyond the shared fixtures (the field study): each test writes a
few records shaped like the real file and checks every field lands where it belongs."""

from __future__ import annotations

import pytest

from curator.core.importers import UnsupportedFormat, import_file


def records(review) -> list[dict]:
    return list(review.db.query("SELECT * FROM record_rows ORDER BY position"))


def people(review, position: int) -> list[tuple[str, str | None]]:
    """(family, given) of the authors of the paper made from the record at `position`."""
    return [
        (row["family"], row["given"])
        for row in review.db.query(
            "SELECT a.family, a.given FROM records r JOIN paper_authors pa ON pa.paper_id ="
            " r.paper_id JOIN authors a ON a.id = pa.author_id WHERE r.position = ?"
            " ORDER BY pa.position",
            [position],
        )
    ]


def write(tmp_path, name: str, content: str):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    return path


# Web of Science plain text of its MEDLINE database (JabRef's IsiImporterTestMedline.isi has
# this shape): all authors on one AU line, pages under PS, the PMID in UT as "MEDLINE:<pmid>".
WOS_MEDLINE = """FN ISI Export Format
VR 1.0
PT J
TI Effects of a drug on alertness during sleep deprivation.
AU Wesensten, Nancy J
SO Curr Pharm Des
VL 12
IS 20
PS 2457-71
PY 2006
UT MEDLINE:16842170
ER

PT J
TI Estrogen therapy selectively enhances prefrontal cognitive processes.
AU Joffe, Hadine; Hall, Janet E; Yurgelun-Todd, Deborah
SO Menopause
VL 13
PS 411-22
PY 2006
UT MEDLINE:16735938
ER

EF
"""


def test_wos_medline_plain_text_authors_pages_and_pmid(review, tmp_path):
    report = import_file(review, write(tmp_path, "wos_medline.txt", WOS_MEDLINE), "S")
    assert (report.format, report.read, report.imported) == ("wos", 2, 2)
    first, second = records(review)
    assert (first["pages"], first["pmid"]) == ("2457-71", "16842170")
    assert (second["pages"], second["pmid"]) == ("411-22", "16735938")
    assert people(review, 2) == [
        ("Joffe", "Hadine"),
        ("Hall", "Janet E"),
        ("Yurgelun-Todd", "Deborah"),
    ]


# The same database exported as WoS tab-delimited (litsearchr's WoS_medline.txt): no BP/EP
# columns, pages in PS, the PMID in UT (and AN).
WOS_MEDLINE_TAB_HEADER = "PT\tAN\tDT\tTI\tAU\tSO\tVL\tIS\tPS\tPY\tAB\tDI\tUT\tDA"
WOS_MEDLINE_TAB = (
    WOS_MEDLINE_TAB_HEADER
    + "\nJ\t29782655\tJournal Article\tCross-scale occupancy dynamics.\tTingley, Morgan W;"
    " Stillman, Andrew N\tThe Journal of animal ecology\t87\t5\t1484-1496\t2018\tFire creates"
    " challenges.\t10.1111/1365-2656.12851\tMEDLINE:29782655\t2019-04-10\n"
)


def test_wos_medline_tab_delimited_pages_and_pmid(review, tmp_path):
    report = import_file(review, write(tmp_path, "wos_medline_tab.txt", WOS_MEDLINE_TAB), "S")
    assert report.read == 1 and "PS" not in report.not_kept
    row = records(review)[0]
    assert (row["pages"], row["pmid"]) == ("1484-1496", "29782655")


# Web of Science tab-delimited from BIOSIS (litsearchr's WoS_biosis.txt): the corresponding
# author carries an e-mail address in brackets, and a generational suffix follows the given
# names after a second comma.
WOS_BIOSIS_TAB = (
    "PT\tUT\tAN\tPM\tDT\tTI\tAU\tSO\tPY\tVL\tIS\tPS\tBP\tEP\tAB\tDI\n"
    "J\tBIOSIS:PREV201800719120\tPREV201800719120\t\tArticle\tBlack-backed woodpecker"
    " abundance\tMatseur, Elizabeth A. (eamatseur@mail.missouri.edu) ; Thompson, Frank R.,"
    " III; Dickerson, Brian E.\tJournal of Wildlife Management\t2018\t82\t5\t1039-1048\t1039"
    "\t1048\tThe Black Hills population.\t10.1002/jwmg.21450\n"
)


def test_author_e_mail_and_suffix_are_not_given_names(review, tmp_path):
    import_file(review, write(tmp_path, "wos_biosis_tab.txt", WOS_BIOSIS_TAB), "S")
    assert people(review, 1) == [
        ("Matseur", "Elizabeth A."),
        ("Thompson", "Frank R."),
        ("Dickerson", "Brian E."),
    ]


# EndNote XML written by Bookends (JabRef's EndnoteXmlImporterTestArticle.xml): the PMID sits
# in accession-num with no remote database named, and the PubMed link says what it is.
ENDNOTE_PUBMED_LINK = """<?xml version="1.0" encoding="UTF-8"?>
<xml><records><record>
  <source-app name="Bookends" version="13.0.5">Bookends</source-app>
  <rec-number>2954</rec-number>
  <ref-type name="Journal Article">17</ref-type>
  <contributors><authors><author><style face="normal" size="100%">Ahmad, AS</style></author>
  </authors></contributors>
  <titles><title><style face="normal" size="100%">Trends in the lifetime risk of cancer
      </style></title></titles>
  <dates><year><style face="normal" size="100%">2015</style></year></dates>
  <urls><related-urls><url><style face="normal" size="100%">http://www.ncbi.nlm.nih.gov/pubmed/25647015</style></url></related-urls></urls>
  <accession-num><style face="normal" size="100%">25647015</style></accession-num>
</record></records></xml>
"""


def test_endnote_xml_pmid_from_its_pubmed_link(review, tmp_path):
    import_file(review, write(tmp_path, "bookends.xml", ENDNOTE_PUBMED_LINK), "S")
    assert records(review)[0]["pmid"] == "25647015"


def test_csv_pmid_from_its_pubmed_link(review, tmp_path):
    text = "Title,Authors,URL\nA trial,Smith J,https://pubmed.ncbi.nlm.nih.gov/31452104/\n"
    import_file(review, write(tmp_path, "list.csv", text), "S")
    assert records(review)[0]["pmid"] == "31452104"


# Ovid's export with full field names (JabRef's OvidImporterTest3.txt): each name on a line of
# its own, its value indented below it, authors numbered after their affiliations.
OVID_LABELS = """<1>
Unique Identifier
  31452104
Authors
  Smith, John A
Title
  A trial of decision support.
Source
  Journal of Tests. 12(3):45-67, 2019 Mar.
Abstract
  Background: a first paragraph.
  Results: a second paragraph.
Year of Publication
  2019
Database
  Ovid MEDLINE(R)

<2>
Score
  *****
Accession Number
  00042637-900000000-99667.
Author
  Holstiege, Jakob 1;  Mathes, Tim 2;  Pieper, Dawid 2
Title
  Effects of computer-aided clinical decision support systems: a systematic review.[Review]
Source
  Journal of the American Medical Informatics Association.\x20
Author Keywords
  computer-aided clinical decision support;  CDSS;  primary care.
Language
  English.
DOI Number
  10.1136/amiajnl-2014-002886
"""


def test_ovid_export_with_full_field_names(review, tmp_path):
    report = import_file(review, write(tmp_path, "ovid.txt", OVID_LABELS), "S")
    assert (report.format, report.read, report.imported) == ("ovid", 2, 2)
    first, second = records(review)
    assert first["title"] == "A trial of decision support." and first["pmid"] == "31452104"
    assert first["year"] == 2019 and first["venue"] == "Journal of Tests"
    assert first["abstract"] == "Background: a first paragraph.\nResults: a second paragraph."
    assert second["doi"] == "10.1136/amiajnl-2014-002886"
    assert second["keywords"] == (
        '["computer-aided clinical decision support", "CDSS", "primary care."]'
    )
    assert second["venue"] == "Journal of the American Medical Informatics Association"
    assert people(review, 2) == [("Holstiege", "Jakob"), ("Mathes", "Tim"), ("Pieper", "Dawid")]


# Scopus CSV, old layout without "Author full names" (metaknowledge's scopus_testing.csv): a
# name Scopus has no initials for is still written family name first.
SCOPUS_OLD = (
    "Authors,Title,Year,Source title,Volume,Issue,Art. No.,Page start,Page end,DOI,Link,EID\n"
    '"Janko Wolfgang","APL in Business Data Processing",1985,"Angewandte Informatik",27,1,,'
    '17,18,,"https://www.scopus.com/inward/record.uri?eid=2-s2.0-0021901665",2-s2.0-0021901665\n'
    '"Wang W.T., Wang Z.","A Novel Partial Melting Process",2015,"J Supercond",28,11,,3249,'
    "3253,10.1007/s10948-015-3164-9,https://www.scopus.com/,2-s2.0-84943362392\n"
)


def test_scopus_name_without_initials_is_family_first(review, tmp_path):
    import_file(review, write(tmp_path, "scopus.csv", SCOPUS_OLD), "S")
    assert people(review, 1) == [("Janko", "Wolfgang")]
    assert people(review, 2) == [("Wang", "W.T."), ("Wang", "Z.")]


# ProQuest's plain-text "report" (metaknowledge's ProQuest_TestFile.testtxt): no citation format
# Curator reads, but one a user will try; the refusal says what to export instead.
PROQUEST_REPORT = """____________________________________________________________

Report Information from ProQuest
December 08 2015 21:33
____________________________________________________________

Document 1 of 1

Entrenchment and the Kripke-Wittgenstein paradox

Author: Dorst, Chris

Publication year: 2014
"""


def test_proquest_report_is_named_with_what_to_export_instead(review, tmp_path):
    with pytest.raises(UnsupportedFormat, match="ProQuest report.*RIS"):
        import_file(review, write(tmp_path, "ProQuestDocuments.txt", PROQUEST_REPORT), "S")


# ASReview's RIS export of a Lens search (asreview tests/demo_data/baseline_labeled-invalid_values.ris):
# pandas' "nan" written for missing values, a number line before each record, the PMID only in
# a PubMed link (L2).
ASREVIEW_LENS_RIS = """1.
TY  - JOUR
AU  - van Mackelenbergh, Madelaine G.
CY  - nan
EP  - nan
ID  - 079-903-264-116-968
JF  - Cancers
L1  - nan
PY  - 2019
SP  - 588
TI  - Clinical Trials Targeting the Stroma in Pancreatic Cancer
VL  - 11
ER  -

2.
TY  - JOUR
AU  - Adams, Hugo J. A.
EP  - 18
ID  - 007-189-812-368-705
JF  - Annals of hematology
L2  - https://pubmed.ncbi.nlm.nih.gov/26576560/
PY  - 2015
SP  - 11
TI  - Prognostic value of interim and end-of-treatment FDG-PET in follicular lymphoma
UR  - https://lens.org/007-189-812-368-705
ER  -
"""


def test_ris_nan_is_no_value_and_the_report_says_so(review, tmp_path):
    report = import_file(review, write(tmp_path, "lens_asreview.ris", ASREVIEW_LENS_RIS), "S")
    first = records(review)[0]
    assert first["pages"] == "588"
    assert '"EP": "nan"' in first["raw"]  # the record keeps what the file said
    assert (1, "'nan' (a missing value written by pandas) read as empty: CY, EP, L1") in (
        report.warnings
    )


def test_ris_pmid_from_its_pubmed_link(review, tmp_path):
    import_file(review, write(tmp_path, "lens_asreview.ris", ASREVIEW_LENS_RIS), "S")
    assert records(review)[1]["pmid"] == "26576560"


# Web of Science's own RIS export (asreview tests/demo_data/web_of_science.txt): the publisher
# is under PU, not PB.
WOS_RIS = """TY  - JOUR
AU  - Alceste, F
TI  - Holding Yourself Captive: Perceptions of Custody During Interviews and Interrogations
T2  - JOURNAL OF APPLIED RESEARCH IN MEMORY AND COGNITION
PU  - ELSEVIER SCIENCE INC
PI  - NEW YORK
PY  - 2018
DO  - 10.1016/j.jarmac.2018.03.001
AN  - WOS:000444108200009
ER  -
"""


def test_wos_ris_publisher_under_pu(review, tmp_path):
    import_file(review, write(tmp_path, "wos.ris", WOS_RIS), "S")
    row = next(
        iter(
            review.db.query("SELECT p.publisher FROM papers p JOIN records r ON r.paper_id = p.id")
        )
    )
    assert row["publisher"] == "ELSEVIER SCIENCE INC"
