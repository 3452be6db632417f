"""Import fidelity (issue 16): every exporter's columns where they belong, names read by each
exporter's convention, BibTeX identifiers verbatim, repairable damage repaired with a warning,
and nothing dropped without a line in the report."""

from __future__ import annotations

import pytest

from curator.core.errors import CuratorError
from curator.core.importers import import_file
from curator.core.importers.detect import detect, header
from curator.core.importers.exporters import recognise
from curator.core.importers.tabular import column_plan
from curator.core.names import parse_person


def paper(review, title: str) -> dict:
    rows = list(
        review.db.query(
            "SELECT p.*, v.name AS venue, r.source_id, LENGTH(p.abstract) AS abstract_length "
            "FROM papers p LEFT JOIN venues v ON v.id = p.venue_id "
            "JOIN records r ON r.paper_id = p.id WHERE p.title LIKE ? ORDER BY p.id LIMIT 1",
            [title + "%"],
        )
    )
    assert rows, f"no paper titled {title!r}"
    return rows[0]


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


# file, exporter, title start, first author's family, year, venue, DOI, abstract length
REAL_FILES = [
    ("litstudy/scopus.csv", "Scopus", "Scalable molecular dynamics with NAMD", "Phillips",
     2005, "Journal of Computational Chemistry", "10.1002/jcc.20289", 1632),
    ("bibliometrix/scopus_sample.csv", "Scopus", "Quantitative analysis of studies", "Liu",
     2026, "Digital Health", "10.1177/20552076261415846", 1917),
    ("bibliometrix/lens_sample.csv", "Lens", "Dynamic real-time risk analytics", "Radanliev",
     2020, "Environment systems & decisions", "10.1007/s10669-020-09792-x", 1374),
    ("bibliometrix/openalex_sample.csv", "OpenAlex", "Bibliometric Analysis using Bibliometrix",
     "Derviş", 2020, "Journal of Scientometric Research", "10.5530/jscires.8.3.32", 988),
    ("asreview_demo/embase.csv", "Embase", "Duplication cysts", "Liu", 2014,
     "Endoscopic Ultrasound", None, 958),
    ("colrev_sources/pubmed_csv.csv", "PubMed", "Paper title", "Smith", 2021, "Nature",
     "10.1111/nature1111", None),
    ("litstudy/ieee.csv", "IEEE Xplore", "European HPC Landscape", "Berberich", 2019,
     "2019 15th International Conference on eScience (eScience)",
     "10.1109/escience.2019.00062", 596),
    ("wosfile/wos_tab_delimited_win_utf8.txt", "Web of Science", "Knowledge networks as channels",
     "Owen-Smith", 2004, "ORGANIZATION SCIENCE", "10.1287/orsc.1030.0054", 1241),
    ("litstudy/springer.csv", "Springer", "Graph-Based Load Balancing Model", "Aliev", 2022,
     "11th International Conference on Theory and Application of Soft Computing, Computing "
     "with Words and Perceptions and Artificial Intelligence - ICSCCW-2021",
     "10.1007/978-3-030-92127-9_33", None),
    ("asreview_demo/generic_labels.csv", "ASReview", "Title of reference", "Marx", 2014, "Lorem",
     None, 504),
]  # fmt: skip


@pytest.mark.parametrize("case", REAL_FILES, ids=[c[0] for c in REAL_FILES])
def test_each_exporters_real_file_puts_fields_where_they_belong(review, shared_fixtures, case):
    name, exporter, title, family, year, venue, doi, abstract = case
    report = import_file(review, shared_fixtures / "formats" / name, "S")
    assert report.exporter == exporter
    found = paper(review, title)
    assert (found["first_author"], found["year"], found["venue"], found["doi"]) == (
        family,
        year,
        venue,
        doi,
    )
    assert found["abstract_length"] == abstract


# Files built from each exporter's documented header, where ../shared holds no real export:
# Zotero: the columns of Zotero's CSV export translator (translators/CSV.js, exportedFields);
# Rayyan: the columns of Rayyan's articles.csv export (as read by published R scripts);
# Covidence: the columns of Covidence's "Export references > CSV";
# Dimensions: the preamble line and columns of a Dimensions publications export;
# EndNote: the header line of EndNote's "Tab Delimited" output style.
ZOTERO = (
    '"Key","Item Type","Publication Year","Author","Title","Publication Title","ISBN","ISSN",'
    '"DOI","Url","Abstract Note","Date","Date Added","Date Modified","Access Date","Pages",'
    '"Num Pages","Issue","Volume","Number Of Volumes","Journal Abbreviation","Short Title",'
    '"Series","Series Number","Series Text","Series Title","Publisher","Place","Language",'
    '"Rights","Type","Archive","Archive Location","Library Catalog","Call Number","Extra",'
    '"Notes","File Attachments","Link Attachments","Manual Tags","Automatic Tags","Editor"\n'
    '"ABCD1234","journalArticle","2016","Månsson, Kristoffer N. T.; Salami, Ali",'
    '"Neuroplasticity in response to cognitive behavior therapy","Translational Psychiatry",'
    '"","2158-3188","10.1038/tp.2015.218","https://doi.org/10.1038/tp.2015.218",'
    '"Cognitive behavior therapy (CBT) is an effective treatment.","2016","","","","e727",'
    '"","2","6","","","","","","","","Nature","","en","","","","","","","","","","",'
    '"anxiety; neuroimaging","MRI",""\n'
)
RAYYAN = (
    "key,title,authors,journal,issn,volume,issue,pages,year,month,day,publisher,pmc_id,"
    "pubmed_id,url,abstract,notes,doi,keywords,language,location\n"
    'rayyan-1,Exploring simulation games,"Jones, Matt L. and Barnish, Maxwell S. and '
    'Hughes, Robert R.",Frontiers in Veterinary Science,2297-1769,10,,,2023,,,,,,,'
    '"Computer simulation games are used.",'
    '"RAYYAN-INCLUSION: {""Matt""=>""Included"", ""Laura""=>""Included""} | '
    'RAYYAN-LABELS: sheep,games",10.3389/fvets.2023.1079948,,en,\n'
    'rayyan-2,Airborne antimicrobial resistance,"Jones, Matt",Environment Agency Report,,,,,'
    '2020,,,,,,,,"RAYYAN-INCLUSION: {""Matt""=>""Excluded"", ""Laura""=>""Excluded""} | '
    'RAYYAN-EXCLUSION-REASONS: wrong publication type",,,,\n'
    'rayyan-3,Community dynamics,"Rivett, D. W. and Bell, T.",Nature Communications,,16,1,'
    '3002,2025,,,,,,,,"RAYYAN-INCLUSION: {""Matt""=>""Included"", ""Laura""=>""Excluded""}",'
    "10.1038/s41467-025-57591-2,,,\n"
)
COVIDENCE = (
    '"Title","Authors","Abstract","Published Year","Published Month","Journal","Volume",'
    '"Issue","Pages","Accession Number","DOI","Ref","Covidence #","Study","Notes","Tags"\n'
    '"Internet-delivered CBT for social anxiety","Andersson, G.; Carlbring, P.",'
    '"A randomised trial of internet-delivered therapy.","2014","May","Psychological Medicine",'
    '"44","6","1-10","","10.1017/S0033291713002297","","#123","Andersson 2014",'
    '"Exclusion reason: Wrong population; ","awaiting classification"\n'
    '"Group therapy for panic","Hayes, S.","","2019","","Behaviour Research and Therapy",'
    '"","","","","","","#124","Hayes 2019","Exclusion reason: Conference abstract only; ",""\n'
)
DIMENSIONS = (
    "\"About the data: Exported on Mar 01, 2024. Criteria: 'scoping review' in full text.\"\n"
    '"Rank","Publication ID","DOI","PMID","PMCID","Title","Abstract","Source title",'
    '"Anthology title","MeSH terms","Publication date","PubYear","Volume","Issue","Pagination",'
    '"Open Access","Publication Type","Authors","Authors (Raw Affiliation)",'
    '"Corresponding Authors","Times cited","Dimensions URL"\n'
    '"1","pub.1100000001","10.1186/s13643-016-0384-4","27919275","PMC5139140",'
    '"Rayyan—a web and mobile app for systematic reviews","Synthesis of multiple randomized '
    'controlled trials.","Systematic Reviews","","","2016-12-05","2016","5","1","210",'
    '"All OA; Gold","Article","Ouzzani, Mourad; Hammady, Hossam; Fedorowicz, Zbys; '
    'Elmagarmid, Ahmed","","","3000","https://app.dimensions.ai/details/publication/'
    'pub.1100000001"\n'
)
ENDNOTE = (
    "Reference Type\tAuthor\tYear\tTitle\tSecondary Title\tVolume\tNumber\tPages\tKeywords\t"
    "Abstract\tURL\tDOI\tLanguage\n"
    "Journal Article\tSmith, John; Doe, Jane\t2012\tA tab-delimited record\tJournal of Tests\t"
    "3\t2\t10-20\tone; two\tAn abstract of forty characters or so....\t\t10.1000/xyz123\t"
    "English\n"
)
BUILT = [
    ("zotero.csv", ZOTERO, "Zotero", "Neuroplasticity in response", "Månsson", 2016,
     "Translational Psychiatry", "10.1038/tp.2015.218", 59),
    ("rayyan.csv", RAYYAN, "Rayyan", "Exploring simulation games", "Jones", 2023,
     "Frontiers in Veterinary Science", "10.3389/fvets.2023.1079948", 35),
    ("covidence.csv", COVIDENCE, "Covidence", "Internet-delivered CBT", "Andersson", 2014,
     "Psychological Medicine", "10.1017/s0033291713002297", 49),
    ("dimensions.csv", DIMENSIONS, "Dimensions", "Rayyan—a web and mobile app", "Ouzzani", 2016,
     "Systematic Reviews", "10.1186/s13643-016-0384-4", 51),
    ("endnote.txt", ENDNOTE, "EndNote", "A tab-delimited record", "Smith", 2012,
     "Journal of Tests", "10.1000/xyz123", 41),
]  # fmt: skip


@pytest.mark.parametrize("case", BUILT, ids=[c[2] for c in BUILT])
def test_each_exporters_documented_header_is_recognised(review, tmp_path, case):
    name, body, exporter, title, family, year, venue, doi, abstract = case
    report = import_file(review, write(tmp_path, name, body), "S")
    assert report.exporter == exporter
    found = paper(review, title)
    assert (found["first_author"], found["year"], found["venue"], found["doi"]) == (
        family,
        year,
        venue,
        doi,
    )
    assert found["abstract_length"] == abstract


def test_zotero_abstract_and_manual_tags_are_kept_and_the_rest_is_reported(review, tmp_path):
    report = import_file(review, write(tmp_path, "zotero.csv", ZOTERO), "S")
    found = paper(review, "Neuroplasticity")
    assert found["abstract"].startswith("Cognitive behavior therapy")
    assert found["keywords"] == '["anxiety", "neuroimaging"]'
    assert "Automatic Tags" in report.not_kept and "Date Added" in report.not_kept
    assert "Abstract Note" not in report.not_kept and "Manual Tags" not in report.not_kept
    assert report.not_kept_line().startswith(f"{len(report.not_kept)} column(s) not kept")


def test_rayyan_authors_joined_with_and_are_separate_people(review, tmp_path):
    import_file(review, write(tmp_path, "rayyan.csv", RAYYAN), "S")
    found = paper(review, "Exploring simulation games")
    assert found["authors_text"] == "Jones, M. L.; Barnish, M. S.; Hughes, R. R."


def test_old_scopus_rows_with_an_extra_funding_text_are_realigned(review, shared_fixtures):
    report = import_file(review, shared_fixtures / "formats/litstudy/scopus.csv", "S")
    found = paper(review, "Petri nets and ODEs as complementary methods")
    assert (found["pmid"], found["language"], found["type"]) == ("35064163", "English", "Article")
    assert found["source_id"] == "2-s2.0-85123480963"
    ids = [r[0] for r in review.db.execute("SELECT source_id FROM records")]
    assert len(set(ids)) == len(ids) == 58 and "Scopus" not in ids
    realigned = [w for _, w in report.warnings if "realigned" in w]
    assert len(realigned) == 56 and realigned[0].startswith("line ")


def test_a_row_longer_than_an_unknown_header_is_refused_naming_the_line(review, tmp_path):
    path = write(tmp_path, "odd.csv", "Title,Year,Journal\nA,2001,J\nB,2002,Extra,J2\n")
    with pytest.raises(CuratorError, match=r"line 3.*4 values but the header names 3"):
        import_file(review, path, "S")
    assert review.db.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 0


def test_the_dialog_and_report_see_where_every_column_goes(shared_fixtures):
    detected = detect(shared_fixtures / "formats/bibliometrix/scopus_sample.csv")
    exporter, plan = column_plan(header(detected))
    assert exporter is not None and exporter.name == "Scopus"
    targets = dict(plan)
    assert (targets["Source title"], targets["Authors"], targets["EID"]) == (
        "venue",
        "authors",
        "source_id",
    )
    assert targets["Cited by"] is None
    assert column_plan(header(detected), {"Cited by": "ignore", "Art. No.": "pages"})[1][8] == (
        "Art. No.",
        "pages",
    )


def test_an_unknown_header_is_no_exporter():
    assert recognise(["Paper name", "When"]) is None


@pytest.mark.parametrize(
    ("name", "family", "given"),
    [
        ("Yagai T.", "Yagai", "T."),
        ("Skeel R.D.", "Skeel", "R.D."),
        ("van Dis N.E.", "van Dis", "N.E."),
        ("Ho J.-P.", "Ho", "J.-P."),
        ("Mansson KN", "Mansson", "KN"),
        ("Gerhard Andersson", "Andersson", "Gerhard"),
        ("[No author name available]", "", ""),
        ("Anonymous", "", ""),
        ("et al.", "", ""),
    ],
)
def test_names_by_each_convention(name, family, given):
    found = parse_person(name)
    assert (found.family, found.given) == (family, given)


def test_scopus_short_names_print_the_right_way_round(review, tmp_path):
    body = (
        "Authors,Title,Year,Source title,DOI,EID\n"
        '"Yagai T., Kimura Y., Skeel R.D.",A paper,2020,A Journal,10.1/x,2-s2.0-1\n'
        '"[No author name available]",Nobody wrote this,2021,A Journal,10.1/y,2-s2.0-2\n'
    )
    import_file(review, write(tmp_path, "scopus.csv", body), "S")
    assert paper(review, "A paper")["authors_text"] == "Yagai, T.; Kimura, Y.; Skeel, R. D."
    nobody = paper(review, "Nobody")
    assert (nobody["authors_text"], nobody["first_author"]) == ("", "")


BIB = r"""@article{k1,
  title = {{Soil fauna} in a {W}etland},
  author = {M{\"u}ller, Anna and Li, W.},
  year = {2020},
  journal = {Ecosystem Health},
  doi = {10.1080/20964129.2020.1722034},
  url = {https://www.scopus.com/inward/record.uri?eid=2-s2.0-1&doi=10.1080%2f2096&partnerID=40},
  abstract = {NPP increased by 85.58% of the total; the rest {\&} more followed.},
  file = {C:\Papers\a_b.pdf}
}
"""


def test_bibtex_decodes_prose_only_and_keeps_links_verbatim(review, tmp_path):
    import_file(review, write(tmp_path, "scopus.bib", BIB), "S")
    found = paper(review, "Soil")
    assert found["title"] == "Soil fauna in a Wetland"
    assert found["first_author"] == "Müller"
    assert found["url"] == (
        "https://www.scopus.com/inward/record.uri?eid=2-s2.0-1&doi=10.1080%2f2096&partnerID=40"
    )
    assert found["abstract"] == "NPP increased by 85.58% of the total; the rest & more followed."
    raw = review.db.execute("SELECT raw FROM records").fetchone()[0]
    assert r"C:\\Papers\\a_b.pdf" in raw


def test_scopus_bibtex_abstract_is_not_cut_at_a_percent(review, shared_fixtures):
    import_file(review, shared_fixtures / "formats/synthesisr/Scopus_bib_example.bib", "S")
    found = paper(review, "Impacts of land conversion")
    assert found["abstract_length"] == 1473
    first = paper(review, "Soil fauna diversity")  # an entry with a repeated field
    assert first["first_author"] == "Li" and first["doi"] == "10.1080/20964129.2020.1722034"
    assert "{" not in first["title"]


WOS_GLUED = (
    "FN Clarivate Analytics Web of Science\nVR 1.0\n"
    "PT J\nAUGilles, H\n   Smith, J\nTI A glued tag\nSO JOURNAL OF TESTS\nPY 2019\nER\n\n"
    "PT J\nAU Doe, A\nTI Fine record\nSO JOURNAL OF TESTS\nPY 2020\nER\nEF\n"
)


def test_a_wos_tag_glued_to_its_value_is_repaired_with_a_warning(review, tmp_path):
    report = import_file(review, write(tmp_path, "savedrecs.txt", WOS_GLUED), "S")
    assert report.read == 2
    assert paper(review, "A glued tag")["authors_text"] == "Gilles, H.; Smith, J."
    assert report.warnings == [
        (1, "line 4: tag AU glued to its value ('AUGilles, H'); read as 'AU Gilles, H'")
    ]


def test_real_corruption_is_still_refused_whole(review, tmp_path):
    broken = WOS_GLUED.replace("TI Fine record", "%%% not a tag line")
    with pytest.raises(CuratorError, match="line 13"):
        import_file(review, write(tmp_path, "savedrecs.txt", broken), "S")
    assert review.db.execute("SELECT COUNT(*) FROM papers").fetchone()[0] == 0
