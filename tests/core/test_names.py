"""Normalising author and venue names, and identifiers."""

import pytest

from curator.core.identifiers import normalise_doi, normalise_pmcid, normalise_pmid
from curator.core.names import parse_person, venue_key


@pytest.mark.parametrize(
    "text, family, initials",
    [
        ("Månsson, K.", "Månsson", "K"),
        ("Mansson KN", "Mansson", "KN"),
        ("Kristoffer N. T. Månsson", "Månsson", "KNT"),
        ("De Villers-Sidani, É.", "De Villers-Sidani", "É"),
        ("Ludwig van Beethoven", "van Beethoven", "L"),
        ("Smith, J.-P.", "Smith", "JP"),
        ("Plato", "Plato", ""),
    ],
)
def test_parse_person(text, family, initials):
    person = parse_person(text)
    assert (person.family, person.initials) == (family, initials)


def test_author_key_ignores_accents_and_given_name_spelling():
    assert parse_person("Månsson, Kristoffer").key == parse_person("Mansson K").key
    assert parse_person("Hayes, A.").key != parse_person("Hayes, S.").key


def test_venue_key():
    assert venue_key("Psychotherapy research : journal of the Society") == venue_key(
        "Psychotherapy Research"
    )
    assert venue_key("The Lancet") == venue_key("LANCET")
    assert venue_key("Journal of Speech & Hearing") == venue_key("journal of speech and hearing")
    assert venue_key("World Psychiatry") != venue_key("World Psychology")


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("https://doi.org/10.1038/TP.2015.218", "10.1038/tp.2015.218"),
        ("doi: 10.1044/1092-4388(2008/018).", "10.1044/1092-4388(2008/018)"),
        ("http://dx.doi.org/10.1/abc", None),
        ("10.1007/978-1-4614-4842-6_13", "10.1007/978-1-4614-4842-6_13"),
        ("", None),
        ("not a doi", None),
    ],
)
def test_normalise_doi(raw, expected):
    assert normalise_doi(raw) == expected


def test_normalise_pmid_and_pmcid():
    assert normalise_pmid("26836414 [Indexed for MEDLINE]") == "26836414"
    assert normalise_pmid(None) is None
    assert normalise_pmcid("pmc 12345") == "PMC12345"
    assert normalise_pmcid("nothing") is None
