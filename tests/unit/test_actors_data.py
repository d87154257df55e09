"""The actor data files load, use known sectors and codes, and keep their documented invariants."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from importlib import resources
from typing import Any

import pytest
import yaml

from eventwire.actors.kb import DATA_FILES, SECTORS, build, key
from eventwire.errors import InputError


def rows(name: str) -> list[dict[str, Any]]:
    text = resources.files("eventwire.actors").joinpath(f"data/{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    assert isinstance(data, list)
    return data


COUNTRIES = {r["iso3"] for r in rows("countries")}
IGOS = {r["code"] for r in rows("igos")}


@pytest.mark.parametrize("name", ["metonyms", "officials", "leaders", "heads", "groups"])
def test_sectors_countries_and_igos_are_known(name: str) -> None:
    for row in rows(name):
        assert row.get("sector", "GOV") in SECTORS, row
        assert set(row.get("also") or ()) <= SECTORS, row
        assert row.get("country") is None or row["country"] in COUNTRIES, row
        assert row.get("igo") is None or row["igo"] in IGOS, row


def test_roles_nouns_are_unique_and_sectors_known() -> None:
    seen = Counter(n.lower() for r in rows("roles") for n in r["nouns"])
    assert [n for n, c in seen.items() if c > 1] == []
    for r in rows("roles"):
        assert r["sector"] in SECTORS and set(r.get("also") or ()) <= SECTORS


def test_places_use_known_countries() -> None:
    for r in rows("places"):
        assert r["country"] in COUNTRIES


def test_no_group_name_names_two_different_actors() -> None:
    by_key: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for r in rows("groups"):
        for text in [r["name"], *(r.get("aliases") or ())]:
            by_key[key(str(text))].add((r.get("country"), r.get("igo"), r["name"]))
    assert {k: v for k, v in by_key.items() if len(v) > 1} == {}


def test_official_dates_are_ordered() -> None:
    for r in rows("officials") + rows("leaders") + rows("heads"):
        if r.get("start") and r.get("end"):
            assert str(r["start"]) <= str(r["end"]), r


def test_every_data_file_is_a_kb_layer() -> None:
    assert {"groups", "places", "leaders", "heads"} <= set(DATA_FILES)


def test_unknown_sector_in_a_user_file_is_an_input_error() -> None:
    with pytest.raises(InputError):
        build([{"groups": [{"name": "Nowhere Club", "sector": "XYZ"}]}])


def test_names_of_a_state_before_its_independence_resolve_to_the_state_it_was_part_of() -> None:
    south = {"iso3": "SSD", "name": "South Sudan", "capitals": ["Juba"], "demonyms": ["South Sudanese"],
             "formerly": [{"country": "SDN", "until": "2011-07-08"}]}
    kb = build([{"countries": [south],
                 "metonyms": [{"text": "SPLA", "country": "SSD", "sector": "MIL"}]}])
    old, new = dt.date(2000, 1, 1), dt.date(2015, 1, 1)
    juba_then, juba_now = kb.lookup_name("Juba", old), kb.lookup_name("Juba", new)
    assert juba_then is not None and juba_then.actor.code == "SDN"   # a city of Sudan, not a government
    assert juba_now is not None and juba_now.actor.code == "SSDGOV"
    spla = kb.lookup_name("SPLA", old)
    assert spla is not None and spla.actor.code == "SDNMIL"
    assert kb.lookup_name("Juba", None).actor.code == "SSDGOV"  # type: ignore[union-attr]


def test_country_on_a_date_and_the_states_split_off_since() -> None:
    kb = build()
    assert kb.country_on("SSD", dt.date(2000, 1, 1)) == "SDN"
    assert kb.country_on("SSD", dt.date(2011, 7, 9)) == "SSD"
    assert kb.country_on("SSD", None) == "SSD" and kb.country_on(None, dt.date(2000, 1, 1)) is None
    assert "SSD" in kb.later_states("SDN") and kb.later_states("FRA") == frozenset()


def test_an_official_keeps_the_country_of_their_row_before_its_independence() -> None:
    # The prime minister of a republic inside a federation is that republic's, not the federation's.
    row = {"name": "Ana Testova", "country": "SVK", "sector": "GOV", "role": "prime minister",
           "start": "1992-06-24", "end": "1994-03-15"}
    kb = build([{"officials": [row]}])
    name = kb.lookup_name("Ana Testova", dt.date(1992, 10, 1))
    assert name is not None and name.actor.code == "SVKGOV"


def test_a_timestamp_in_a_user_file_counts_as_its_day() -> None:
    from eventwire.actors.kb import _date

    assert _date(dt.datetime(2011, 7, 8, 0, 0)) == dt.date(2011, 7, 8)
    assert _date("2011-07-08") == dt.date(2011, 7, 8) and _date(1992) == dt.date(1992, 1, 1) and _date(None) is None
