"""Typed records: the only things that pass between stages.

Every record is a frozen dataclass; lists are tuples so a record handed on cannot be changed in
place (use :func:`dataclasses.replace` to derive a new one). ``to_dict`` gives the JSON shape of
``INTERFACE.md`` and ``from_dict`` reads it back: ``X.from_dict(x.to_dict()) == x`` for every record.

Offsets (``start``/``end``) are character offsets into ``Article.text``, end exclusive.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE",
    "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
MODALITIES: tuple[str, ...] = ("asserted", "intended", "hypothetical", "conditional", "demanded", "denied")


def _date_out(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _date_in(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _datetime_in(value: Any) -> dt.datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


@dataclass(frozen=True)
class Tone:
    """How positive or negative a stretch of text is, on GDELT's tone scale (``eventwire.tone`` says
    how words are counted): ``positive`` and ``negative`` are the percentages (0..100) of its ``words``
    that carry positive and negative valence; ``score`` = positive - negative (-100..+100, GDELT's
    Tone/AvgTone) and ``polarity`` = positive + negative (0..100, how emotionally charged)."""

    positive: float
    negative: float
    words: int

    @property
    def score(self) -> float:
        return round(self.positive - self.negative, 4)

    @property
    def polarity(self) -> float:
        return round(self.positive + self.negative, 4)

    def to_dict(self) -> dict[str, Any]:
        return {"score": self.score, "positive": self.positive, "negative": self.negative,
                "polarity": self.polarity, "words": self.words}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Tone:
        return cls(positive=float(d["positive"]), negative=float(d["negative"]), words=int(d["words"]))


def _tone_out(tone: Tone | None) -> dict[str, Any] | None:
    return tone.to_dict() if tone is not None else None


def _tone_in(value: Any) -> Tone | None:
    return Tone.from_dict(value) if value else None


@dataclass(frozen=True)
class Actor:
    """A resolved actor: CAMEO-style ``code`` (country + sectors, or an IGO code), ISO3 ``country``
    (None for an IGO or an unknown actor), primary PLOVER/CAMEO agent ``sector`` and a display ``name``.
    An actor that did not resolve has every field None (never a guess presented as a match)."""

    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None

    @property
    def resolved(self) -> bool:
        return self.code is not None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "country": self.country, "sector": self.sector, "name": self.name}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(code=d.get("code"), country=d.get("country"), sector=d.get("sector"), name=d.get("name"))


UNRESOLVED = Actor()


@dataclass(frozen=True)
class ActorMention:
    """A span of the article that names (or refers to) an actor, with what it resolved to.

    ``how`` says which rule found it (``kb``, ``ner``, ``role``, ``coref``, ...), for ``--explain``."""

    text: str
    start: int
    end: int
    actor: Actor = UNRESOLVED
    how: str = "kb"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, **self.actor.to_dict(), "how": self.how}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ActorMention:
        return cls(text=d["text"], start=int(d["start"]), end=int(d["end"]), actor=Actor.from_dict(d),
                   how=d.get("how", "kb"))


@dataclass(frozen=True)
class Sentence:
    """One sentence of the article, by character offsets."""

    index: int
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Sentence:
        return cls(index=int(d["index"]), start=int(d["start"]), end=int(d["end"]))


@dataclass(frozen=True)
class Article:
    """A clean article: body ``text`` plus what is known about it.

    ``id`` is derived from the normalised text (see ``ingest.ids``); ``ref`` is the caller's own
    identifier (a JSONL ``id``, a feed guid, ``path`` or ``path#line``) and is echoed as the output ``id``.
    ``language_reason`` says why the language is what it is; ``notes`` records anything an ingest rule
    decided that a user may want to audit (lines dropped as boilerplate, a date moved, ...)."""

    id: str
    text: str
    ref: str | None = None
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    credit: str | None = None
    section: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    language_reason: str | None = None
    kind: str | None = None
    input: str | None = None
    retrieved: dt.datetime | None = None
    content_hash: str | None = None
    duplicate_of: str | None = None
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # A retrieval time with a zone is kept in UTC: one instant, one spelling (local zones have
        # ambiguous and missing hours that would not survive a JSON round trip).
        if self.retrieved is not None and self.retrieved.tzinfo is not None:
            object.__setattr__(self, "retrieved", self.retrieved.astimezone(dt.UTC))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "ref": self.ref, "title": self.title, "published": _date_out(self.published),
            "source": self.source, "credit": self.credit, "section": self.section, "author": self.author,
            "url": self.url, "language": self.language, "language_reason": self.language_reason,
            "kind": self.kind, "input": self.input,
            "retrieved": self.retrieved.isoformat() if self.retrieved else None,
            "content_hash": self.content_hash, "duplicate_of": self.duplicate_of,
            "notes": list(self.notes), "text": self.text,
        }  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Article:
        return cls(
            id=d["id"], text=d["text"], ref=d.get("ref"), title=d.get("title"),
            published=_date_in(d.get("published")), source=d.get("source"), credit=d.get("credit"),
            section=d.get("section"), author=d.get("author"), url=d.get("url"), language=d.get("language"),
            language_reason=d.get("language_reason"), kind=d.get("kind"), input=d.get("input"),
            retrieved=_datetime_in(d.get("retrieved")), content_hash=d.get("content_hash"),
            duplicate_of=d.get("duplicate_of"), notes=tuple(d.get("notes") or ()),
        )  # fmt: skip


@dataclass(frozen=True)
class Place:
    """Where an event happened: the span that names it, geocoded when possible."""

    text: str
    start: int
    end: int
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "country": self.country,
                "lat": self.lat, "lon": self.lon}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(text=d["text"], start=int(d["start"]), end=int(d["end"]), country=d.get("country"),
                   lat=d.get("lat"), lon=d.get("lon"))


@dataclass(frozen=True)
class Event:
    """One PLOVER 2.0 event with its evidence.

    ``start``/``end`` locate the predicate that triggered the event (``trigger``); ``sentence`` with
    ``sentence_start``/``sentence_end`` is the evidence sentence, and ``tone`` that sentence's tone.
    ``explain`` lists the lexicon entry and parse relations that produced the event."""

    id: str
    event_type: str
    sentence: str
    sentence_start: int
    sentence_end: int
    start: int
    end: int
    trigger: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    actor: tuple[ActorMention, ...] = ()
    recipient: tuple[ActorMention, ...] = ()
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    date: dt.date | None = None
    date_reason: str | None = None
    location: Place | None = None
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.5
    explain: tuple[str, ...] = ()
    tone: Tone | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "event_type": self.event_type, "mode": self.mode, "context": list(self.context),
            "actor": [m.to_dict() for m in self.actor], "recipient": [m.to_dict() for m in self.recipient],
            "cameo": self.cameo, "quad_class": self.quad_class, "goldstein": self.goldstein,
            "date": _date_out(self.date), "date_reason": self.date_reason,
            "location": self.location.to_dict() if self.location else None,
            "negated": self.negated, "modality": self.modality,
            "sentence": self.sentence, "sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
            "start": self.start, "end": self.end, "trigger": self.trigger,
            "confidence": self.confidence, "explain": list(self.explain), "tone": _tone_out(self.tone),
        }  # fmt: skip

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=d["id"], event_type=d["event_type"], sentence=d["sentence"],
            sentence_start=int(d["sentence_start"]), sentence_end=int(d["sentence_end"]),
            start=int(d["start"]), end=int(d["end"]), trigger=d["trigger"], mode=d.get("mode"),
            context=tuple(d.get("context") or ()),
            actor=tuple(ActorMention.from_dict(x) for x in d.get("actor") or ()),
            recipient=tuple(ActorMention.from_dict(x) for x in d.get("recipient") or ()),
            cameo=d.get("cameo"), quad_class=d.get("quad_class"), goldstein=d.get("goldstein"),
            date=_date_in(d.get("date")), date_reason=d.get("date_reason"),
            location=Place.from_dict(d["location"]) if d.get("location") else None,
            negated=bool(d.get("negated", False)), modality=d.get("modality", "asserted"),
            confidence=float(d.get("confidence", 0.5)), explain=tuple(d.get("explain") or ()),
            tone=_tone_in(d.get("tone")),
        )  # fmt: skip


@dataclass(frozen=True)
class Quote:
    """Something an actor said: ``direct`` when in quotation marks, else reported speech.

    ``scare`` marks short quoted phrases that are not statements by anyone ("hot phase");
    they are kept for auditing but are not counted as statements of the speaker. ``tone`` is the tone
    of the span."""

    id: str
    text: str
    start: int
    end: int
    direct: bool = True
    cue: str | None = None
    speaker: ActorMention | None = None
    scare: bool = False
    tone: Tone | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "start": self.start, "end": self.end, "direct": self.direct,
                "cue": self.cue, "speaker": self.speaker.to_dict() if self.speaker else None,
                "scare": self.scare, "tone": _tone_out(self.tone)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(id=d["id"], text=d["text"], start=int(d["start"]), end=int(d["end"]),
                   direct=bool(d.get("direct", True)), cue=d.get("cue"),
                   speaker=ActorMention.from_dict(d["speaker"]) if d.get("speaker") else None,
                   scare=bool(d.get("scare", False)), tone=_tone_in(d.get("tone")))


@dataclass(frozen=True)
class Reject:
    """An input (or part of one) that could not be processed, and why. The run goes on."""

    input: str
    stage: str
    reason: str
    ref: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"input": self.input, "stage": self.stage, "reason": self.reason, "ref": self.ref}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reject:
        return cls(input=d["input"], stage=d["stage"], reason=d["reason"], ref=d.get("ref"))


@dataclass(frozen=True)
class CodedArticle:
    """Everything the pipeline found in one article: what ``eventwire code`` prints per input row.
    ``tone`` is the article's tone (None when it was not parsed: not English)."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    tone: Tone | None = None

    @property
    def statements(self) -> tuple[Quote, ...]:
        """The quotes that are statements by someone (scare quotes left out): what every count of
        quotes reports, in run summaries and in ``eventwire stats`` alike."""
        return tuple(q for q in self.quotes if not q.scare)

    def __post_init__(self) -> None:
        # Quotes are kept in text order (statements and scare quotes are listed apart in JSON; the order
        # is what puts them back together).
        ordered = tuple(sorted(self.quotes, key=lambda q: (q.start, q.end, q.id,
                                                            json.dumps(q.to_dict(), sort_keys=True))))
        if ordered != self.quotes:
            object.__setattr__(self, "quotes", ordered)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article.ref if self.article.ref is not None else self.article.id,
            "article": self.article.to_dict(),
            "sentences": [s.to_dict() for s in self.sentences],
            "actors": [m.to_dict() for m in self.actors],
            "events": [e.to_dict() for e in self.events],
            # Scare quotes ("hot phase") are kept apart from statements, as the quotes contract says.
            "quotes": [q.to_dict() for q in self.quotes if not q.scare],
            "scare_quotes": [q.to_dict() for q in self.quotes if q.scare],
            "tone": _tone_out(self.tone),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CodedArticle:
        return cls(
            article=Article.from_dict(d["article"]),
            sentences=tuple(Sentence.from_dict(x) for x in d.get("sentences") or ()),
            actors=tuple(ActorMention.from_dict(x) for x in d.get("actors") or ()),
            events=tuple(Event.from_dict(x) for x in d.get("events") or ()),
            quotes=tuple(Quote.from_dict(x) for x in [*(d.get("quotes") or ()), *(d.get("scare_quotes") or ())]),
            tone=_tone_in(d.get("tone")),
        )
