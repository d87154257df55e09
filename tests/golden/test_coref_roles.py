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
