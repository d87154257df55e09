"""Phrase resolution rules (``eventwire.actors.phrase``), on hand-built phrases and small KBs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.actors import phrase, resolve_phrase
from eventwire.actors.kb import KnowledgeBase, build, load
from eventwire.records import UNRESOLVED


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


def fields(kb: KnowledgeBase, text: str, on: dt.date | None = None) -> tuple[str | None, str | None, str | None]:
    a = resolve_phrase(text, kb, on)
    return a.code, a.country, a.sector


def tiny(**layers: list[dict[str, Any]]) -> KnowledgeBase:
    """The package KB plus hand-written rows (fictional names, so the rule, not the data, is tested)."""
    return build([layers])


# --- rule 7: a country anywhere, no role --------------------------------------------------

@pytest.mark.parametrize("text, country", [
    ("warehouses across Portugal", "PRT"),
    ("a Norwegian fjord", "NOR"),
    ("villages near the border with Chile", "CHL"),
])
def test_country_anywhere_without_role(kb: KnowledgeBase, text: str, country: str) -> None:
    assert fields(kb, text) == (country, country, None)


def test_nothing_known_is_unresolved(kb: KnowledgeBase) -> None:
    assert resolve_phrase("three men in a boat", kb) == UNRESOLVED
    assert resolve_phrase("Zebulon Quartermaine", kb) == UNRESOLVED


def test_region_inside_a_personal_name_is_not_a_place(kb: KnowledgeBase) -> None:
    # "Sabah" is a Malaysian state; inside an unknown name with no role it must not give MYS.
    assert resolve_phrase("Faisal Al-Sabah Al-Otaibi", kb) == UNRESOLVED


# --- roles, heads and owners ---------------------------------------------------------------

def test_head_noun_decides_the_sector(kb: KnowledgeBase) -> None:
    assert fields(kb, "an opposition legislator")[2] == "LEG"
    assert fields(kb, "Peruvian opposition lawmakers") == ("PERLEGOPP", "PER", "LEG")


def test_owner_is_not_the_country_after_to(kb: KnowledgeBase) -> None:
    assert fields(kb, "Japan's ambassador to Brazil") == ("JPNGOV", "JPN", "GOV")
    assert fields(kb, "the ambassador to Brazil") == ("GOV", None, "GOV")


def test_country_after_in_owns_a_role(kb: KnowledgeBase) -> None:
    assert fields(kb, "labour unions in Norway") == ("NORLAB", "NOR", "LAB")


def test_secondary_sectors_are_in_the_code(kb: KnowledgeBase) -> None:
    assert fields(kb, "Kenya's defence ministry") == ("KENMILGOV", "KEN", "MIL")
    assert fields(kb, "Peru's interior minister") == ("PERCOPGOV", "PER", "COP")
    assert fields(kb, "the Ghanaian state broadcaster") == ("GHAJRNGOV", "GHA", "JRN")


def test_former_title_is_elite(kb: KnowledgeBase) -> None:
    assert fields(kb, "a former Chilean diplomat") == ("CHLELI", "CHL", "ELI")
    assert fields(kb, "an ex-minister from Peru") == ("PERELI", "PER", "ELI")
    assert fields(kb, "a former FBI agent") == ("USAELI", "USA", "ELI")


def test_religious_community_and_its_leaders(kb: KnowledgeBase) -> None:
    assert fields(kb, "Sikhs in Canada") == ("CANSIK", "CAN", "SIK")
    assert fields(kb, "Buddhist leaders in Thailand")[1:] == ("THA", "REL")
    assert fields(kb, "Christian clerics")[2] == "REL"


def test_generic_sector_nouns(kb: KnowledgeBase) -> None:
    assert fields(kb, "a paramilitary force")[2] == "PRM"
    assert fields(kb, "self-declared republic")[2] == "PRE"
    assert fields(kb, "bus drivers")[2] == "CVL"
    assert fields(kb, "paramedics")[2] == "MED"
    assert fields(kb, "Ethiopian reporters") == ("ETHJRN", "ETH", "JRN")
    assert fields(kb, "a Peruvian lawyer") == ("PERJUD", "PER", "JUD")


# --- places ----------------------------------------------------------------------------------

def test_city_or_region_gives_the_country(kb: KnowledgeBase) -> None:
    assert fields(kb, "Osaka police") == ("JPNCOP", "JPN", "COP")
    assert fields(kb, "Oklahoma authorities") == ("USAGOV", "USA", "GOV")  # ISO 3166-2 subdivision
    assert fields(kb, "Cambridge University")[1:] == ("GBR", "EDU")


def test_place_alone_is_its_residents_but_a_capital_is_the_state(kb: KnowledgeBase) -> None:
    assert fields(kb, "Mombasa") == ("KENCVL", "KEN", "CVL")
    assert fields(kb, "Nairobi") == ("KENGOV", "KEN", "GOV")


def test_swapped_letters_in_a_place_name(kb: KnowledgeBase) -> None:
    assert fields(kb, "Osaak police") == ("JPNCOP", "JPN", "COP")


def test_uninhabited_territory_is_not_a_country(kb: KnowledgeBase) -> None:
    assert resolve_phrase("Bouvet Island", kb).country is None


def test_lower_case_word_never_matches_an_acronym(kb: KnowledgeBase) -> None:
    # "car" is not CAR (Central African Republic); "us" is not the US.
    assert fields(kb, "car thieves")[1] is None
    assert fields(kb, "CAR rebels") == ("CAFREB", "CAF", "REB")


# --- named groups, time-aware --------------------------------------------------------------

def test_group_rows_follow_the_date() -> None:
    kb = tiny(groups=[
        {"name": "Zorland Front", "country": "PER", "sector": "REB", "until": "2020-01-31"},
        {"name": "Zorland Front", "country": "PER", "sector": "GOV", "since": "2020-02-01"},
    ])
    assert fields(kb, "Zorland Front", dt.date(2019, 5, 1)) == ("PERREB", "PER", "REB")
    assert fields(kb, "Zorland Front", dt.date(2021, 5, 1)) == ("PERGOV", "PER", "GOV")
    assert fields(kb, "Zorland Front") == ("PERGOV", "PER", "GOV")


def test_group_in_head_or_after_of_wins_over_roles(kb: KnowledgeBase) -> None:
    assert fields(kb, "Boko Haram insurgents") == ("NGAREB", "NGA", "REB")
    assert fields(kb, "fighters of the Arakan Army") == ("MMRREB", "MMR", "REB")
    assert fields(kb, "Abkhazia")[1:] == ("GEO", "PRE")
    assert fields(kb, "the Taliban", dt.date(2010, 1, 1)) == ("AFGREB", "AFG", "REB")
    assert fields(kb, "the Taliban", dt.date(2023, 1, 1)) == ("AFGGOV", "AFG", "GOV")


def test_organisation_after_of_with_a_role(kb: KnowledgeBase) -> None:
    code, country, sector = fields(kb, "a spokesman for the African Union")
    assert country is None and sector == "IGO" and (code or "").startswith("IGO")


# --- people ----------------------------------------------------------------------------------

PEOPLE = [
    {"name": "Ana Quispe Mamani", "country": "PER", "sector": "GOV", "role": "minister",
     "start": "2015-01-01", "end": "2018-12-31"},
    {"name": "Ana Quispe Mamani", "country": "PER", "sector": "LEG", "role": "senator",
     "start": "2019-01-01", "end": None},
    {"name": "Tomas Vrbl", "country": "CZE", "sector": "GOV", "role": "minister",
     "start": "2001-01-01", "end": "2005-01-01"},
    {"name": "Ilse Okonkwo", "country": "NGA", "sector": "MIL", "also": ["GOV"], "role": "deputy minister",
     "start": "2020-01-01", "end": "2024-12-31"},
]


def test_official_is_time_aware_and_former_is_elite() -> None:
    kb = tiny(officials=PEOPLE)
    assert fields(kb, "Ana Quispe Mamani", dt.date(2016, 1, 1)) == ("PERGOV", "PER", "GOV")
    assert fields(kb, "Ana Quispe Mamani", dt.date(2020, 1, 1)) == ("PERLEG", "PER", "LEG")
    assert fields(kb, "Tomas Vrbl", dt.date(2010, 1, 1)) == ("CZEELI", "CZE", "ELI")
    assert fields(kb, "Tomas Vrbl") == ("CZEELI", "CZE", "ELI")  # undated, long gone
    assert fields(kb, "Ilse Okonkwo") == ("NGAMILGOV", "NGA", "MIL")  # undated, left recently


def test_title_does_not_override_the_office_held_on_the_date() -> None:
    kb = tiny(officials=PEOPLE)
    assert fields(kb, "Minister Ana Quispe Mamani", dt.date(2020, 1, 1))[2] == "LEG"


def test_partial_and_extended_names() -> None:
    kb = tiny(officials=PEOPLE)
    assert fields(kb, "Ana Quispe", dt.date(2020, 1, 1))[1] == "PER"            # prefix of the full name
    assert fields(kb, "Ana Maria Quispe Mamani", dt.date(2020, 1, 1))[1] == "PER"  # full name inside


def test_title_and_surname_need_exactly_one_official() -> None:
    kb = tiny(officials=PEOPLE)
    assert fields(kb, "Deputy Minister Okonkwo", dt.date(2022, 1, 1)) == ("NGAMILGOV", "NGA", "MIL")
    assert fields(kb, "Okonkwo", dt.date(2022, 1, 1)) == (None, None, None)  # no title: not enough


def test_accents_are_ignored(kb: KnowledgeBase) -> None:
    assert fields(kb, "Egils Levits", dt.date(2020, 1, 1))[1] == "LVA"
    assert fields(kb, "Edgars Rinkēvičs", dt.date(2024, 1, 1)) == fields(kb, "Edgars Rinkevics", dt.date(2024, 1, 1))


def test_words_splits_hyphens_and_possessives() -> None:
    assert phrase.words("a Lima-based group's leader") == ["a", "Lima", "based", "group", "leader"]


def test_backer_is_not_the_owner(kb: KnowledgeBase) -> None:
    assert fields(kb, "Chilean-backed rebels") == ("REB", None, "REB")
    assert fields(kb, "pro-Peruvian militias") == ("UAF", None, "UAF")
    assert fields(kb, "Chilean rebels") == ("CHLREB", "CHL", "REB")


def test_weak_title_takes_the_sector_it_speaks_for(kb: KnowledgeBase) -> None:
    assert fields(kb, "a spokesman for the Chilean navy") == ("CHLMIL", "CHL", "MIL")
    assert fields(kb, "a Chilean spokesman") == ("CHLGOV", "CHL", "GOV")


def test_people_of_one_country(kb: KnowledgeBase) -> None:
    assert fields(kb, "Yazidi activists")[1] == "IRQ"
    assert fields(kb, "Hazaras") == ("AFGCVL", "AFG", "CVL")


def test_bare_surname_after_another_given_name_is_someone_else() -> None:
    kb = tiny(officials=[{"name": "Ramon Zubiria", "aliases": ["Zubiria"], "country": "PER", "sector": "GOV",
                          "role": "president", "start": "2020-01-01", "end": None}])
    assert fields(kb, "Zubiria") == ("PERGOV", "PER", "GOV")
    assert fields(kb, "Mr. Zubiria") == ("PERGOV", "PER", "GOV")      # an honorific is not a given name
    assert fields(kb, "Lucia Zubiria") == (None, None, None)          # another person with that surname


def test_subdivisions_named_with_common_words_need_their_type_word(kb: KnowledgeBase) -> None:
    assert fields(kb, "the Gulf states")[1] is None          # not Papua New Guinea's Gulf province
    assert fields(kb, "East African leaders")[1] is None     # not Cameroon's East region
    assert fields(kb, "Delta State governor") == ("NGAGOV", "NGA", "GOV")


def test_a_title_and_the_first_word_name_an_official_of_a_surname_first_state() -> None:
    # Fictional officials in office at the same time: in KOR the family name comes first.
    kb = tiny(officials=[
        {"name": "Gwak Min-seo", "country": "KOR", "sector": "GOV", "role": "prime minister",
         "start": "2090-01-01", "end": "2095-01-01"},
        {"name": "Anna Lindqvist", "country": "NOR", "sector": "GOV", "role": "prime minister",
         "start": "2090-01-01", "end": "2095-01-01"},
    ])
    on = dt.date(2091, 1, 1)
    assert resolve_phrase("Prime Minister Gwak", kb, on).name == "Gwak Min-seo"
    assert fields(kb, "Prime Minister Gwak", on) == ("KORGOV", "KOR", "GOV")
    assert resolve_phrase("Prime Minister Lindqvist", kb, on).name == "Anna Lindqvist"
    # The last part of a surname-first name is a given name, not a surname.
    assert resolve_phrase("Prime Minister Seo", kb, on).name is None
    assert resolve_phrase("Prime Minister Anna", kb, on).name is None
