"""eventwire's actors, quotes and events stages as components of anyone's spaCy pipeline.

    import spacy
    import eventwire.components  # registers the factories (the package's entry points also do)

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("eventwire_actors", config={"date": "2024-01-19"})
    nlp.add_pipe("eventwire_quotes")
    nlp.add_pipe("eventwire_events")
    doc = nlp("Russia and Belarus held talks in Minsk on Friday.")
    [e.event_type for e in doc._.eventwire_events]   # ['CONSULT']

Each component is a thin adapter over a stage function (``actors.find``; ``quotes.find`` then
``actors.first_person``; ``events.code``), called in the order ``pipeline.code_articles`` calls them,
so a Doc run through the three holds the records ``eventwire.code_text`` gives for the same text.

Doc extensions (all default None, which means "that component has not run on this Doc"):

=============================  =====================================================================
``doc._.eventwire_date``       input, optional: the article's publication date for this Doc (set a
                               ``datetime.date`` or a date string, read back a date); wins over the
                               ``date`` config of ``eventwire_actors``. Actors are resolved as of it
                               (who held an office then); relative dates ("on Friday") count from it.
``doc._.eventwire_article``    the :class:`~eventwire.records.Article` built from ``doc.text`` (set by
                               ``eventwire_actors``; its ``id`` prefixes every quote and event id)
``doc._.eventwire_actors``     tuple of :class:`~eventwire.records.ActorMention` (``eventwire_quotes``
                               adds the "we" of each direct quote, resolved to the speaker's state)
``doc._.eventwire_quotes``     tuple of :class:`~eventwire.records.Quote`, each with its ``tone``
``doc._.eventwire_events``     tuple of :class:`~eventwire.records.Event`, each with its ``explain``
                               and the ``tone`` of its evidence sentence
=============================  =====================================================================

Offsets in the records are character offsets into ``doc.text``. The records are kept in
``doc.user_data`` in their ``to_dict`` form (under keys ``"eventwire:<extension name>"``), so a coded
Doc goes through ``doc.to_bytes``/``from_bytes``, ``DocBin(store_user_data=True)`` and
``nlp.pipe(..., n_process=2)``; each read of an extension rebuilds the records, so read it once into a
variable inside a loop. Config values are strings (paths, an ISO date) so that ``nlp.to_disk``
writes them and ``spacy.load`` rebuilds the components; extra data files are read when the component
is built.

Besides what ``requires`` declares, the quotes and events components read coarse POS tags
(``token.pos``); en_core_web_sm sets them in its ``attribute_ruler``, which declares nothing, so
declaring ``token.pos`` would make ``nlp.analyze_pipes()`` report a false problem. Each component
instead checks at run time that the annotation it reads is present and names what is missing.
Multi-paragraph text is split at blank lines by ``eventwire_paragraphs`` (``nlp/__init__.py``), which
``eventwire code`` puts before the parser; add it the same way to get identical sentences.
"""

import datetime as dt
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire import actors, events, quotes, tone
from eventwire import nlp as _nlp  # registers eventwire_paragraphs for pipelines built from a config
from eventwire.actors.kb import KnowledgeBase
from eventwire.errors import InputError, ModelError
from eventwire.ingest import ids
from eventwire.ingest.dates import parse_date
from eventwire.records import ActorMention, Article, Event, Quote

ACTORS, QUOTES, EVENTS = "eventwire_actors", "eventwire_quotes", "eventwire_events"
DATE, ARTICLE = "eventwire_date", "eventwire_article"
PARAGRAPHS = _nlp.PARAGRAPHS
EXTENSIONS = (DATE, ARTICLE, ACTORS, QUOTES, EVENTS)

# spaCy annotation -> what provides it, for the run-time check's message.
_ANNOTATION = {"DEP": "a dependency parser", "TAG": "a tagger", "POS": "coarse POS tags (attribute_ruler)",
               "LEMMA": "a lemmatizer", "ENT_IOB": "an entity recognizer"}


def _check_annotations(doc: Doc, component: str, needed: tuple[str, ...]) -> None:
    """Raise ModelError naming what the pipeline lacks, rather than code a Doc with no parse."""
    if len(doc) == 0:
        return
    missing = [_ANNOTATION[a] for a in needed if not doc.has_annotation(a)]
    if missing:
        raise ModelError(f"{component} needs {', '.join(missing)} earlier in the pipeline "
                         "(e.g. spacy.load('en_core_web_sm'))")


def _previous(doc: Doc, component: str, ext: str, provider: str) -> Any:
    value = doc._.get(ext)
    if value is None:
        raise ModelError(f"{component} needs doc._.{ext}: add nlp.add_pipe({provider!r}) before {component!r}")
    return value


def _paths(values: list[str]) -> tuple[Path, ...]:
    return tuple(Path(v) for v in values)


def _date(value: Any, where: str) -> dt.date | None:
    """A date from a config string or ``doc._.eventwire_date`` (date, datetime or string)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parsed = parse_date(str(value))
    if parsed is None:
        raise InputError(f"{where}: cannot read date {str(value)[:60]!r}")
    return parsed


# Values live in ``doc.user_data`` as the records' ``to_dict`` forms (plain lists, dicts and strings),
# so a coded Doc survives ``doc.to_bytes``, ``DocBin(store_user_data=True)`` and
# ``nlp.pipe(n_process=2)``, which all pass user data through msgpack; the getters rebuild the records.
_RECORD: dict[str, Any] = {ACTORS: ActorMention, QUOTES: Quote, EVENTS: Event}


def _key(name: str) -> str:
    return f"eventwire:{name}"


def _register_records(name: str, cls: Any) -> None:
    def get(doc: Doc) -> tuple[Any, ...] | None:
        raw = doc.user_data.get(_key(name))
        return None if raw is None else tuple(cls.from_dict(d) for d in raw)

    def put(doc: Doc, value: tuple[Any, ...] | None) -> None:
        doc.user_data[_key(name)] = None if value is None else [r.to_dict() for r in value]

    Doc.set_extension(name, getter=get, setter=put, force=True)


def _get_article(doc: Doc) -> Article | None:
    raw = doc.user_data.get(_key(ARTICLE))
    return None if raw is None else Article.from_dict(raw)


def _put_article(doc: Doc, value: Article | None) -> None:
    doc.user_data[_key(ARTICLE)] = None if value is None else value.to_dict()


def _get_date(doc: Doc) -> dt.date | None:
    raw = doc.user_data.get(_key(DATE))
    return None if raw is None else dt.date.fromisoformat(raw)


def _put_date(doc: Doc, value: dt.date | str | None) -> None:
    """Checked when set, so a bad date fails where it is given, not inside the pipeline."""
    date = _date(value, f"doc._.{DATE}")
    doc.user_data[_key(DATE)] = None if date is None else date.isoformat()


for _name, _cls in _RECORD.items():
    _register_records(_name, _cls)
Doc.set_extension(ARTICLE, getter=_get_article, setter=_put_article, force=True)
Doc.set_extension(DATE, getter=_get_date, setter=_put_date, force=True)


def _check_english(nlp: Language, component: str) -> None:
    if nlp.lang != "en":
        raise ModelError(f"{component} needs an English pipeline; this one is for {nlp.lang!r}")


class ActorsComponent:
    """Sets ``doc._.eventwire_article`` and ``doc._.eventwire_actors`` (``actors.find``)."""

    def __init__(self, nlp: Language, name: str, date: str | None, kb_extra: list[str]) -> None:
        _check_english(nlp, name)
        self.nlp, self.name = nlp, name
        self.date = _date(date, f"{name} config 'date'")
        self.kb: KnowledgeBase = actors.load(_paths(kb_extra))

    def article(self, doc: Doc) -> Article:
        """The Article the stages see: ``doc.text`` as the body, dated by the Doc or the config.

        Its id is the content hash of the text, as for any ingested article, so a text coded here and
        through ``eventwire code`` gets the same record ids."""
        own = doc._.get(DATE)
        published = own if own is not None else self.date
        digest = ids.content_hash(doc.text)
        return Article(id=digest[:16], text=doc.text, published=published, language=self.nlp.lang,
                       language_reason=f"parsed by the spaCy pipeline {self.nlp.meta.get('name', '?')!r}",
                       kind="spacy", input="<doc>", content_hash=digest)

    def __call__(self, doc: Doc) -> Doc:
        _check_annotations(doc, self.name, ("DEP", "TAG", "ENT_IOB"))
        article = self.article(doc)
        doc._.set(ARTICLE, article)
        doc._.set(ACTORS, actors.find(doc, article, self.kb, self.nlp))
        return doc


class QuotesComponent:
    """Sets ``doc._.eventwire_quotes`` (``quotes.find``) and adds first-person mentions inside direct
    quotes to ``doc._.eventwire_actors`` (``actors.first_person``)."""

    def __init__(self, nlp: Language, name: str) -> None:
        _check_english(nlp, name)
        self.name = name
        self.tone = tone.load()

    def __call__(self, doc: Doc) -> Doc:
        _check_annotations(doc, self.name, ("DEP", "TAG", "POS", "LEMMA"))
        article = _previous(doc, self.name, ARTICLE, ACTORS)
        mentions = _previous(doc, self.name, ACTORS, ACTORS)
        said = tone.of_quotes(tone.Counts(doc, self.tone), quotes.find(doc, article, mentions))
        doc._.set(QUOTES, said)
        doc._.set(ACTORS, actors.first_person(doc, mentions, said))
        return doc


class EventsComponent:
    """Sets ``doc._.eventwire_events`` (``events.code``) from the actors and quotes already found."""

    def __init__(self, nlp: Language, name: str, kb_extra: list[str], lexicon_extra: list[str]) -> None:
        _check_english(nlp, name)
        self.name = name
        self.coder = events.Coder.load(actors.load(_paths(kb_extra)), _paths(lexicon_extra))
        self.tone = tone.load()

    def __call__(self, doc: Doc) -> Doc:
        _check_annotations(doc, self.name, ("DEP", "POS", "LEMMA", "ENT_IOB"))
        article = _previous(doc, self.name, ARTICLE, ACTORS)
        mentions = _previous(doc, self.name, ACTORS, ACTORS)
        said = _previous(doc, self.name, QUOTES, QUOTES)
        found = events.code(doc, article, mentions, self.coder, said)
        doc._.set(EVENTS, tone.of_events(tone.Counts(doc, self.tone), found))
        return doc


_PARSE = ["token.dep", "token.head", "doc.sents"]


@Language.factory(
    ACTORS,
    default_config={"date": None, "kb_extra": []},
    requires=["doc.ents", "token.ent_type", "token.tag", *_PARSE],
    assigns=[f"doc._.{ARTICLE}", f"doc._.{ACTORS}"],
)
def make_actors(nlp: Language, name: str, date: str | None, kb_extra: list[str]) -> ActorsComponent:
    """Actor mentions resolved through the knowledge base (plus ``kb_extra`` YAML files), as of
    ``date`` (ISO date string; ``doc._.eventwire_date`` wins) or undated."""
    return ActorsComponent(nlp, name, date, kb_extra)


@Language.factory(
    QUOTES,
    requires=["token.lemma", "token.tag", *_PARSE, f"doc._.{ARTICLE}", f"doc._.{ACTORS}"],
    assigns=[f"doc._.{QUOTES}", f"doc._.{ACTORS}"],
)
def make_quotes(nlp: Language, name: str) -> QuotesComponent:
    """Direct and reported quotes with their speakers; needs ``eventwire_actors`` before it."""
    return QuotesComponent(nlp, name)


@Language.factory(
    EVENTS,
    default_config={"kb_extra": [], "lexicon_extra": []},
    requires=["token.lemma", "token.ent_type", *_PARSE, f"doc._.{ARTICLE}", f"doc._.{ACTORS}",
              f"doc._.{QUOTES}"],
    assigns=[f"doc._.{EVENTS}"],
)
def make_events(nlp: Language, name: str, kb_extra: list[str], lexicon_extra: list[str]) -> EventsComponent:
    """PLOVER events; needs ``eventwire_actors`` and ``eventwire_quotes`` before it. ``kb_extra`` (give
    the same files as to ``eventwire_actors``) serves place lookup, ``lexicon_extra`` adds predicates."""
    return EventsComponent(nlp, name, kb_extra, lexicon_extra)
