"""Named-entity recognition over the sentences that can matter, not over every sentence.

In ``en_core_web_sm`` the entity recogniser is half of the pipeline's CPU (about 4.1 of 8.2 s on 120
Wikinews articles; it has its own token-to-vector layer), while the tagger, parser and lemmatizer that
come before it are enough to tell which sentences can hold something eventwire codes: a predicate of the
event lexicon, a speech verb or quotation mark, a title beside a name. A third of a news article's
tokens are in sentences with none of these (captions, background, scene-setting); their entities are
never read.

:func:`recognise` takes Docs parsed *without* the entity recogniser, asks ``focus(doc)`` which tokens
anchor something (a boolean mask over the tokens), and runs the recogniser once per batch over one Doc
per article made of the sentences holding an anchor, in order. Their entities are copied back onto
the full Docs; every token of the other sentences is outside any entity, as if the recogniser had
found none there.

Contract (checked by ``tests/unit/test_nlp_focus.py`` and, against the model, by
``benchmarks/parse_cpu.py``):

- A sentence is kept whole, or not at all; entities never cross a sentence start (spaCy's recogniser
  already refuses to), so every entity found maps back onto one sentence of the full Doc.
- The short Doc carries the tokens' texts, whitespace, norms (which tokenizer exceptions set per
  token) and sentence starts: everything the recogniser reads. Entities differ from a full run only
  where the recogniser's window (a few tokens) reaches across the seam between two kept sentences
  that were not neighbours.
- ``focus`` returns a mask as long as the Doc; a sentence is kept when any of its tokens is True.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

import numpy as np
from spacy.attrs import NORM, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

NER = "ner"
Focus = Callable[[Doc], np.ndarray]


def usable(nlp: Language) -> str | None:
    """None when ``nlp``'s entity recogniser can run on Docs of its own (it is a component named
    ``ner`` with its own token-to-vector layer); otherwise why not. A recogniser that listens to a
    shared ``tok2vec`` or ``transformer`` component (as in ``en_core_web_trf``) needs that component's
    output for the very same Doc, so it runs over whole Docs as usual."""
    if NER not in nlp.component_names:
        return "the pipeline has no 'ner' component"
    for name, component in nlp.components:
        if NER in getattr(component, "listening_components", ()):
            return f"'ner' listens to {name!r}"
    if not hasattr(nlp.get_pipe(NER), "pipe"):
        return "'ner' has no pipe()"
    return None


def kept_tokens(doc: Doc, mask: np.ndarray) -> np.ndarray:
    """Indices of the tokens of every sentence in which ``mask`` is True anywhere, in order."""
    if not len(doc) or not mask.any():
        return np.zeros(0, dtype=np.int64)
    starts = doc.to_array(SENT_START) == 1
    starts[0] = True
    sent_of = np.cumsum(starts) - 1
    wanted = np.zeros(int(sent_of[-1]) + 1, dtype=bool)
    wanted[sent_of[mask]] = True
    return np.flatnonzero(wanted[sent_of])


def _short_doc(doc: Doc, keep: np.ndarray) -> Doc:
    """The kept tokens of ``doc`` as a Doc of their own: texts, whitespace, norms, sentence starts."""
    cols = doc.to_array([ORTH, SPACY, NORM, SENT_START])[keep]
    strings = doc.vocab.strings
    starts = cols[:, 3] == 1
    if len(keep):
        # Every kept sentence begins at a marked sentence start (``kept_tokens`` splits there), except
        # possibly the Doc's first token, which need not be marked.
        starts[0] = True
    short = Doc(doc.vocab, words=[strings[int(o)] for o in cols[:, 0]], spaces=cols[:, 1].astype(bool).tolist(),
                sent_starts=starts.tolist())
    if len(keep):
        short.from_array([NORM], cols[:, 2:3].astype(np.uint64))
    return short


def _copy_back(doc: Doc, short: Doc, keep: np.ndarray) -> Doc:
    spans = [Span(doc, int(keep[e.start]), int(keep[e.end - 1]) + 1, label=e.label) for e in short.ents]
    doc.set_ents(spans, default="outside")
    return doc


def recognise(docs: Iterable[Doc], ner: Any, focus: Focus, batch_size: int) -> Iterator[Doc]:
    """The Docs of ``docs`` (parsed without ``ner``), in order, with the entities the recogniser ``ner``
    (a pipeline component, ``nlp.get_pipe("ner")``) finds in the sentences ``focus`` keeps. Reads
    ``batch_size`` Docs ahead."""
    it = iter(docs)
    while batch := list(islice(it, batch_size)):
        kept = [kept_tokens(doc, focus(doc)) for doc in batch]
        shorts = [_short_doc(doc, keep) for doc, keep in zip(batch, kept, strict=True)]
        found = ner.pipe(shorts, batch_size=max(1, len(shorts)))
        yield from (_copy_back(doc, short, keep) for doc, short, keep in zip(batch, found, kept, strict=True))
