"""events.geocode: city names to coordinates, offline."""

from __future__ import annotations

import pytest

from eventwire.events import geocode


def test_a_city_gets_its_coordinates_and_country() -> None:
    lat, lon, iso3 = geocode.locate("Tbilisi")  # type: ignore[misc]
    assert iso3 == "GEO"
    assert 41 < lat < 42.5 and 44 < lon < 45.5


def test_the_name_at_the_end_of_a_phrase_is_tried() -> None:
    found = geocode.locate("Afghanistan's northern Mazar-e-Sharif")
    assert found is not None and found[2] == "AFG"


def test_the_known_country_filters_namesakes_and_the_biggest_wins() -> None:
    paris = geocode.locate("Paris")
    assert paris is not None and paris[2] == "FRA"
    texas = geocode.locate("Paris", "USA")
    assert texas is None or (texas[2] == "USA" and texas[1] < -60)


@pytest.mark.parametrize("text", ["", "the border area", "Zzyzxville"])
def test_no_city_no_coordinates(text: str) -> None:
    assert geocode.locate(text) is None


def test_the_pin_is_the_places_not_its_reference_points() -> None:
    # Balad is a town of the gazetteer; Baghdad, the reference point, must not win.
    found = geocode.locate("Balad, 80 kilometers (50 miles) north of Baghdad")
    assert found is not None and found[2] == "IRQ" and found[0] > 33.8
    # An unknown place with a known reference point gets no pin at all.
    assert geocode.locate("Zqxwort, 55 miles west of Sarajevo") is None


def test_a_trailing_settlement_word_is_dropped() -> None:
    found = geocode.locate("Khost city")
    assert found is not None and found[2] == "AFG"


def test_known_towns_from_the_5000_list() -> None:
    assert geocode.known("Birao")
    assert not geocode.known("Zqxwort")
