"""Actor mentions in running text (``eventwire.actors.match``) with the new data and rules."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.tokens import Doc

from eventwire.actors import match
from eventwire.records import ActorMention

pytestmark = pytest.mark.model

TEXT = ("Hezbollah fired rockets on Monday. A former Chilean minister condemned the attack. "
        "Osaka police arrested two men in Kyoto. The Chilean defence minister flew to Lima.")


@pytest.fixture(scope="module")
def mentions(stages) -> list[ActorMention]:  # type: ignore[no-untyped-def]
    doc: Doc = stages.nlp(TEXT)
    return match.find_mentions(doc, stages.kb, stages.nlp, dt.date(2024, 5, 1))


def by_text(mentions: list[ActorMention]) -> dict[str, str | None]:
    return {m.text: m.actor.code for m in mentions}


def test_named_group_is_a_mention(mentions: list[ActorMention]) -> None:
    found = by_text(mentions)
    assert found.get("Hezbollah") == "LBNPTYREB"
    assert next(m for m in mentions if m.text == "Hezbollah").how == "group"


def test_former_title_is_elite_in_text(mentions: list[ActorMention]) -> None:
    assert by_text(mentions).get("former Chilean minister") == "CHLELI"


def test_city_qualifies_a_role_but_is_not_an_actor_alone(mentions: list[ActorMention]) -> None:
    found = by_text(mentions)
    assert found.get("Osaka police") == "JPNCOP"
    assert found.get("Kyoto") is None  # a city alone is a place, not an actor


def test_secondary_sector_is_in_the_text_code(mentions: list[ActorMention]) -> None:
    assert by_text(mentions).get("Chilean defence minister") == "CHLMILGOV"
