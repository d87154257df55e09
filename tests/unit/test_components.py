"""The spaCy components (eventwire.components) on the installed model: same records as code_text,
declared requires/assigns, config options, errors for a missing earlier component, and a to_disk
round trip."""

from __future__ import annotations

import datetime as dt
import importlib
import re
import tomllib
from pathlib import Path

import pytest
import spacy
from spacy.lang.en import English
from spacy.language import Language
from spacy.tokens import Doc, DocBin

import eventwire
from eventwire import components
from eventwire.errors import InputError, ModelError
from eventwire.settings import Settings

pytestmark = pytest.mark.model

TALKS = "Russia and Belarus held talks in Minsk on Friday."
ACCUSE = ('Germany accused Russia of attacking a power plant on Monday. "We are ready to talk," '
          "the Kremlin said.")
DATE = "2024-03-07"  # a Thursday: "on Friday" is 2024-03-01, "on Monday" 2024-03-04

KB_EXTRA = """\
officials:
  - {name: Mara Quill, country: FRA, sector: GOV, role: foreign minister, start: 2020-02-01, end: null}
"""
LEXICON_EXTRA = """\
- {lemma: parley, pos: VERB, event_type: CONSULT}
"""
PARLEY = "Mara Quill parleyed with Belarus on Friday."


def _pipeline(model: str, actors_config: dict[str, object] | None = None,
              events_config: dict[str, object] | None = None) -> Language:
    nlp = spacy.load(model)
    nlp.add_pipe("eventwire_actors", config=actors_config or {})
    nlp.add_pipe("eventwire_quotes")
    nlp.add_pipe("eventwire_events", config=events_config or {})
    return nlp


@pytest.fixture(scope="module")
def plain(settings: Settings) -> Language:
    """The installed model without eventwire's components."""
    return spacy.load(settings.spacy_model)


@pytest.fixture(scope="module")
def nlp(settings: Settings) -> Language:
    return _pipeline(settings.spacy_model, {"date": DATE})


@pytest.mark.parametrize("text", [TALKS, ACCUSE])
def test_components_give_what_code_text_gives(nlp: Language, text: str) -> None:
    doc = nlp(text)
    coded = eventwire.code_text(text, date=DATE)
    assert coded.events, "the texts are chosen to have events"
    # Whole records: types, actor codes, offsets, dates, ids and explain lines.
    assert doc._.eventwire_events == coded.events
    assert doc._.eventwire_actors == coded.actors
    assert doc._.eventwire_quotes == coded.quotes
    assert doc._.eventwire_article.id == coded.article.id
    for e in doc._.eventwire_events:
        assert text[e.start:e.end] == e.trigger
        assert e.explain


def test_expected_plover_types_and_actor_codes(nlp: Language) -> None:
    (talks,) = nlp(TALKS)._.eventwire_events
    # A joint event: both parties are actors and each other's recipients.
    assert (talks.event_type, [m.actor.code for m in talks.actor], [m.actor.code for m in talks.recipient]) \
        == ("CONSULT", ["RUS", "BLR"], ["RUS", "BLR"])
    assert talks.date == dt.date(2024, 3, 1)
    doc = nlp(ACCUSE)
    (accuse,) = doc._.eventwire_events
    assert (accuse.event_type, [m.actor.code for m in accuse.actor], [m.actor.code for m in accuse.recipient]) \
        == ("ACCUSE", ["DEU"], ["RUS"])
    assert accuse.date == dt.date(2024, 3, 4)
    # The quotes component adds the quotation's "We", resolved to the speaker's state.
    (quote,) = doc._.eventwire_quotes
    assert quote.speaker is not None and quote.speaker.actor.code == "RUSGOV"
    we = [m for m in doc._.eventwire_actors if m.text == "We"]
    assert [m.actor.code for m in we] == ["RUSGOV"]


def test_doc_date_wins_over_config(nlp: Language) -> None:
    doc = nlp.make_doc(TALKS)
    doc._.eventwire_date = dt.date(2024, 1, 22)  # a Monday
    (talks,) = nlp(doc)._.eventwire_events
    assert talks.date == dt.date(2024, 1, 19)
    assert nlp(TALKS)._.eventwire_events[0].date == dt.date(2024, 3, 1)


def test_bad_doc_date_is_refused_when_set(nlp: Language) -> None:
    doc = nlp.make_doc(TALKS)
    with pytest.raises(InputError, match="eventwire_date"):
        doc._.eventwire_date = "someday soon"
    doc._.eventwire_date = "2024-01-22"
    assert doc._.eventwire_date == dt.date(2024, 1, 22)


def test_coded_doc_survives_to_bytes_and_docbin(nlp: Language) -> None:
    doc = nlp(ACCUSE)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.eventwire_events == doc._.eventwire_events
    assert again._.eventwire_quotes == doc._.eventwire_quotes
    assert again._.eventwire_article == doc._.eventwire_article
    docbin = DocBin(store_user_data=True, docs=[doc])
    (loaded,) = DocBin().from_bytes(docbin.to_bytes()).get_docs(nlp.vocab)
    assert loaded._.eventwire_events == doc._.eventwire_events
    assert loaded._.eventwire_actors == doc._.eventwire_actors


def test_empty_text(nlp: Language) -> None:
    doc = nlp("")
    assert (doc._.eventwire_actors, doc._.eventwire_quotes, doc._.eventwire_events) == ((), (), ())


def test_analyze_pipes_reports_declared_requires_and_assigns(nlp: Language) -> None:
    analysis = nlp.analyze_pipes()
    summary = analysis["summary"]
    assert set(summary["eventwire_actors"]["assigns"]) == {"doc._.eventwire_article", "doc._.eventwire_actors"}
    assert {"doc.ents", "token.dep"} <= set(summary["eventwire_actors"]["requires"])
    assert "doc._.eventwire_actors" in summary["eventwire_quotes"]["requires"]
    assert set(summary["eventwire_quotes"]["assigns"]) == {"doc._.eventwire_quotes", "doc._.eventwire_actors"}
    assert {"doc._.eventwire_actors", "doc._.eventwire_quotes", "token.lemma"} \
        <= set(summary["eventwire_events"]["requires"])
    assert summary["eventwire_events"]["assigns"] == ["doc._.eventwire_events"]
    # Everything required is assigned by an earlier component of the installed model or ours.
    assert all(not problems for problems in analysis["problems"].values())


def test_events_without_earlier_components_says_what_to_add(plain: Language) -> None:
    events = components.make_events(plain, "eventwire_events", [], [])
    with pytest.raises(ModelError, match=re.escape("nlp.add_pipe('eventwire_actors')")):
        events(plain(TALKS))
    actors = components.make_actors(plain, "eventwire_actors", None, [])
    with pytest.raises(ModelError, match=re.escape("nlp.add_pipe('eventwire_quotes')")):
        events(actors(plain(TALKS)))


def test_unparsed_doc_is_refused(plain: Language) -> None:
    actors = components.make_actors(plain, "eventwire_actors", None, [])
    with pytest.raises(ModelError, match="dependency parser"):
        actors(plain.make_doc(TALKS))


def test_bad_config_date_is_refused(plain: Language) -> None:
    with pytest.raises(InputError, match="config 'date'"):
        components.make_actors(plain, "eventwire_actors", "not a date", [])


def test_extra_files_in_config_match_settings(settings: Settings, tmp_path: Path) -> None:
    kb, lex = tmp_path / "kb.yaml", tmp_path / "lex.yaml"
    kb.write_text(KB_EXTRA)
    lex.write_text(LEXICON_EXTRA)
    nlp = _pipeline(settings.spacy_model, {"date": "2024-01-22", "kb_extra": [str(kb)]},
                    {"kb_extra": [str(kb)], "lexicon_extra": [str(lex)]})
    (event,) = nlp(PARLEY)._.eventwire_events
    assert (event.event_type, [m.actor.code for m in event.actor]) == ("CONSULT", ["FRAGOV"])
    with_extra = Settings.from_env(kb_extra=(kb,), lexicon_extra=(lex,))
    assert nlp(PARLEY)._.eventwire_events == eventwire.code_text(PARLEY, date="2024-01-22",
                                                                 settings=with_extra).events
    # Without the files neither the name nor the verb is known.
    assert _pipeline(settings.spacy_model)(PARLEY)._.eventwire_events == ()


def test_to_disk_round_trip(settings: Settings, tmp_path: Path) -> None:
    lex = tmp_path / "lex.yaml"
    lex.write_text(LEXICON_EXTRA)
    nlp = _pipeline(settings.spacy_model, {"date": DATE}, {"lexicon_extra": [str(lex)]})
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == nlp.pipe_names
    for name in ("eventwire_actors", "eventwire_quotes", "eventwire_events"):
        assert loaded.config["components"][name] == nlp.config["components"][name]
    assert loaded.config["components"]["eventwire_events"]["lexicon_extra"] == [str(lex)]
    assert loaded(PARLEY)._.eventwire_events == nlp(PARLEY)._.eventwire_events != ()
    # from_disk into a pipeline built from the same config gives the same components too.
    rebuilt = English.from_config(nlp.config).from_disk(tmp_path / "pipe")
    assert rebuilt(ACCUSE)._.eventwire_events == nlp(ACCUSE)._.eventwire_events


def test_entry_points_name_registered_factories() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    points = pyproject["project"]["entry-points"]["spacy_factories"]
    assert {"eventwire_actors", "eventwire_quotes", "eventwire_events"} <= set(points)
    for name, target in points.items():
        module, _, attr = target.partition(":")
        assert callable(getattr(importlib.import_module(module), attr))
        assert Language.has_factory(name)
