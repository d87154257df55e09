"""Golden articles (written for these tests) for in-article coreference and time-aware roles."""

from __future__ import annotations

import pytest

import eventwire

pytestmark = pytest.mark.model

APPOSITION = ("David Miller, Kenya's interior minister, told reporters in Nairobi that the border would reopen. "
              "Miller said trade would resume. He added that police would patrol the crossing. "
              "Poland welcomed the step, and the country offered advisers. NATO officials met in Brussels; "
              "the alliance said it would watch closely.")


def _by_text(coded: object) -> dict[str, list[object]]:
    out: dict[str, list[object]] = {}
    for m in coded.actors:  # type: ignore[attr-defined]
        out.setdefault(m.text, []).append(m.actor)
    return out


def test_apposition_surname_pronoun_country_and_alliance() -> None:
    found = _by_text(eventwire.code_text(APPOSITION, date="2024-01-19"))
    miller = found["David Miller"][0]
    assert miller.country == "KEN" and miller.name == "David Miller"  # type: ignore[attr-defined]
    assert found["Miller"][0] == miller and found["He"][0] == miller
    assert found["the country"][0].country == "POL"  # type: ignore[attr-defined]
    assert found["the alliance"][0].sector == "IGO"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("date", "code"), [("2014-06-01", "USAGOV"), ("2023-06-01", None)])
def test_office_holder_is_resolved_as_of_the_article_date(date: str, code: str | None) -> None:
    # Barack Obama was US president 2009-2017: in 2014 he is the government, in 2023 he is not.
    coded = eventwire.code_text("Barack Obama met Angela Merkel in Berlin.", date=date)
    obama = next(m.actor for m in coded.actors if m.text == "Barack Obama")
    if code is None:
        assert obama.code != "USAGOV"
    else:
        assert obama.code == code


MINISTER = ("Estonian defence minister Kadri Saar visited the border on Monday. Speaking to the press, "
            "the minister said military cooperation with Finland would grow.")


def test_the_minister_is_the_defence_minister_but_the_press_and_an_adjective_are_not_actors() -> None:
    found = _by_text(eventwire.code_text(MINISTER, date="2024-01-19"))
    saar = found["Estonian defence minister Kadri Saar"][0]
    assert saar.country == "EST" and saar.name == "Kadri Saar"  # type: ignore[attr-defined]
    assert found["minister"][0] == saar
    assert all(a.country is None for a in found.get("press", []))  # type: ignore[attr-defined]
    assert "military" not in found


def test_joint_subjects_are_actors_and_each_others_recipients() -> None:
    coded = eventwire.code_text("Latvia and Finland held talks in Riga on Friday.", date="2024-01-19")
    talks = next(e for e in coded.events if e.event_type == "CONSULT")
    assert {m.actor.country for m in talks.actor} == {"LVA", "FIN"}
    assert {m.actor.country for m in talks.recipient} == {"LVA", "FIN"}


def test_a_name_that_is_also_a_back_reference_is_one_mention() -> None:
    # "the bloc" is a name of the EU in the knowledge base and a definite back-reference: one mention,
    # or the store (which keys mentions by span) would refuse the article.
    coded = eventwire.code_text("EU ministers met in Brussels on Monday. Officials said the bloc would not easily "
                                "allow more resources for the bloc.", date="1987-03-01")
    spans = [(m.start, m.end) for m in coded.actors]
    assert len(spans) == len(set(spans))
    assert any(m.text == "the bloc" for m in coded.actors)
