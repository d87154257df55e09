"""One memoised component in place of spaCy's ``attribute_ruler`` + rule ``lemmatizer``, same output.

In the English pipelines (``en_core_web_sm/md/lg/trf``) the attribute ruler maps each token's tag
(plus a few words, dependency labels and two-token contexts) to POS, MORPH and sometimes LEMMA, TAG or
DEP, and the rule lemmatizer then derives LEMMA from (text, POS, MORPH). Both run a Python loop over
Token objects, about a tenth of en_core_web_sm's CPU on news text (0.9-1.0 s of 8.1-8.2 s on 120
Wikinews articles), although their result for a token depends on a few values that repeat all the time.

:class:`TokenAttrs` computes the same thing from ``Doc.to_array`` columns with two memo tables:

1. the ruler: for each token, a key made of everything a supported pattern can read of it (see
   :class:`TokenAttrs` for how values no pattern tells apart share a key) gives the rules whose
   one-token patterns match it, and which positions of the multi-token patterns it satisfies (those
   are then checked against the neighbours); the rules that target a token are applied in rule order,
   later rules overwriting earlier ones attribute by attribute, as ``AttributeRuler.set_annotations``
   does (all patterns are matched against the Doc as it was before any rule applied);
2. the lemmatizer: (ORTH, POS, MORPH) -> lemma, filled by calling the pipeline's own lemmatizer on the
   token (so the rule tables, exceptions and ``is_base_form`` are spaCy's), only for tokens whose
   lemma is unset (or always with ``overwrite``).

:func:`supported` says whether a pipeline's ruler and lemmatizer are ones this was verified for: a
stock ``AttributeRuler`` immediately followed by a stock ``EnglishLemmatizer`` in ``rule`` mode, whose
patterns use only ORTH, LOWER, TAG, DEP, POS and IS_SPACE with equality, ``IN``, ``NOT_IN`` and
``REGEX`` (no operators, no extension attributes) and whose rules set only POS, MORPH, LEMMA, TAG and
DEP. :func:`install` swaps the component in when it is and when :func:`self_check` (the stock
components and this one on random hand-built Docs, at load time) finds no difference; otherwise it
leaves the pipeline untouched and logs why. ``benchmarks/token_identity.py`` compares every token attribute against the
stock pipeline on a corpus.
"""

from __future__ import annotations

import logging
import random
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

log = logging.getLogger(__name__)

NAME = "eventwire_token_attrs"
RULER, LEMMATIZER = "attribute_ruler", "lemmatizer"
# Pattern keys we can read from (ORTH, TAG, DEP, POS) and the attribute ids that rules may set.
_READ = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "TAG": TAG, "DEP": DEP, "POS": POS, "IS_SPACE": IS_SPACE}
_SET = (POS, MORPH, LEMMA, TAG, DEP)
_OPS = {"IN", "NOT_IN", "REGEX"}
# Memo tables are emptied when one reaches this size (a bound on memory over very long runs), and
# the lemmatizer's own cache with them. The largest, the lemma memo, holds ~15,000 entries after 1,000
# Reuters articles and ~40,000 after 6,000: bounded here, a long run keeps what a short one does.
MAX_MEMO = 20_000

Predicate = Callable[[int, str], bool]  # (attribute value, its string) -> match


class Unsupported(ValueError):
    """The pipeline's ruler or lemmatizer is not one this component was verified for."""


def _equals(want: int) -> Predicate:
    return lambda v, s: v == want


def _member(ids: frozenset[int], inside: bool) -> Predicate:
    return lambda v, s: (v in ids) is inside


def _search(rx: re.Pattern[str]) -> Predicate:
    return lambda v, s: rx.search(s) is not None


def _all(tests: list[Predicate]) -> Predicate:
    return lambda v, s: all(t(v, s) for t in tests)


def _predicate(key: str, value: object) -> tuple[Predicate, frozenset[int], list[re.Pattern[str]]]:
    """The test one pattern entry applies, the attribute values it names and the regular expressions
    it applies to the attribute's string."""
    if isinstance(value, bool | int | str):
        want = int(value) if isinstance(value, bool | int) else get_string_id(value)
        return _equals(want), frozenset({want}), []
    if isinstance(value, dict) and value and set(value) <= _OPS:
        tests: list[Predicate] = []
        named: frozenset[int] = frozenset()
        regexes: list[re.Pattern[str]] = []
        for op, arg in value.items():
            if op == "REGEX":
                if not isinstance(arg, str):
                    raise Unsupported(f"REGEX on {key} with {arg!r}")
                regexes.append(re.compile(arg))
                tests.append(_search(regexes[-1]))
                continue
            if not isinstance(arg, list | tuple) or not all(isinstance(a, str | int) for a in arg):
                raise Unsupported(f"{op} on {key} with {arg!r}")
            ids = frozenset(get_string_id(a) for a in arg)
            tests.append(_member(ids, op == "IN"))
            named |= ids
        return _all(tests), named, regexes
    raise Unsupported(f"pattern value {value!r} for {key}")


@dataclass(frozen=True)
class _Spec:
    """One token of a pattern: attribute id -> predicate."""

    tests: tuple[tuple[int, Predicate], ...]


@dataclass(frozen=True)
class _Rule:
    index: int  # the rule's position in the ruler (later ones win)
    specs: tuple[_Spec, ...]
    target: int  # which token of the match receives the attributes, 0-based


@dataclass
class _Compiled:
    rules: list[_Rule]
    # Per attribute read: the values the patterns name, and the regular expressions they apply. A
    # value not named behaves like any other value not named, up to those expressions' results.
    named: dict[int, frozenset[int]]
    regexes: dict[int, list[re.Pattern[str]]]


def _compile(ruler: AttributeRuler) -> _Compiled:
    """The ruler's patterns compiled; :class:`Unsupported` when one is outside the verified kind."""
    out = _Compiled([], {}, {})
    for i, entry in enumerate(ruler.patterns):
        set_attrs = ruler.attrs[i]
        if not set(set_attrs) <= set(_SET):
            raise Unsupported(f"rule {i} sets {sorted(map(str, set_attrs))}")
        patterns: Any = entry["patterns"]
        for pattern in patterns:
            if not isinstance(pattern, list) or not pattern:
                raise Unsupported(f"rule {i}: pattern {pattern!r}")
            specs = []
            for spec in pattern:
                tests = []
                for key, value in spec.items():
                    attr = _READ.get(key.upper()) if isinstance(key, str) else None
                    if attr is None:
                        raise Unsupported(f"rule {i}: pattern key {key!r}")
                    test, values, regexes = _predicate(key, value)
                    tests.append((attr, test))
                    out.named[attr] = out.named.get(attr, frozenset()) | values
                    out.regexes.setdefault(attr, []).extend(regexes)
                specs.append(_Spec(tuple(tests)))
            index = ruler.indices[i]
            target = index + len(specs) if index < 0 else index
            if not 0 <= target < len(specs):
                raise Unsupported(f"rule {i}: index {index} outside its pattern")
            out.rules.append(_Rule(i, tuple(specs), target))
    return out


def supported(nlp: Language) -> str | None:
    """None when :class:`TokenAttrs` can stand in for ``nlp``'s ruler and lemmatizer, else why not."""
    names = nlp.pipe_names
    if RULER not in names or LEMMATIZER not in names:
        return "no attribute_ruler or lemmatizer"
    if names.index(LEMMATIZER) != names.index(RULER) + 1:
        return "the lemmatizer does not directly follow the attribute_ruler"
    ruler, lemmatizer = nlp.get_pipe(RULER), nlp.get_pipe(LEMMATIZER)
    if type(ruler) is not AttributeRuler:
        return f"attribute_ruler is a {type(ruler).__name__}"
    if type(lemmatizer) is not EnglishLemmatizer or lemmatizer.mode != "rule":
        return f"lemmatizer is a {type(lemmatizer).__name__} in mode {getattr(lemmatizer, 'mode', None)!r}"
    try:
        _compile(ruler)
    except Unsupported as exc:
        return str(exc)
    return None


class TokenAttrs:
    """The attribute ruler and the lemmatizer of one pipeline, applied from memo tables. Sets exactly
    what the two stock components set (see the module docstring); raises :class:`Unsupported` at
    construction for a ruler or lemmatizer outside the verified kind.

    The ruler's memo key for a token is (lexical class, TAG, DEP class, POS, MORPH, LEMMA), where a
    class stands for every value the patterns cannot tell apart: the lexical class of an ORTH holds its
    ORTH and LOWER when a pattern names them (else -1), IS_SPACE, and the result of each regular
    expression on them; the DEP class is the label when a pattern names it, else -1 (the label itself
    when a pattern applies a regular expression to DEP). A memo miss evaluates the patterns on the
    token itself, which stands for its whole class."""

    def __init__(self, vocab: Vocab, ruler: AttributeRuler, lemmatizer: EnglishLemmatizer) -> None:
        self.vocab, self.ruler = vocab, ruler
        self.ruler_attrs = [dict(a) for a in ruler.attrs]
        self.lemmatizer = lemmatizer
        compiled = _compile(ruler)
        self.single = [r for r in compiled.rules if len(r.specs) == 1]
        self.multi = [r for r in compiled.rules if len(r.specs) > 1]
        self.named = compiled.named
        self.regexes = compiled.regexes
        for attr in (TAG, POS):
            if compiled.regexes.get(attr):
                raise Unsupported("a regular expression on TAG or POS")
        self.dep_named: frozenset[int] | None = (None if compiled.regexes.get(DEP)
                                                 else compiled.named.get(DEP, frozenset()))
        self.lex_memo: dict[int, tuple[object, ...]] = {}
        self.token_memo: dict[tuple[object, ...], tuple[tuple[int, ...], frozenset[tuple[int, int]]]] = {}
        self.result_memo: dict[tuple[object, ...], tuple[int, int, int, int, int | None]] = {}
        self.lemma_memo: dict[tuple[int, int, int], int] = {}

    def __reduce__(self) -> tuple[type[TokenAttrs], tuple[Vocab, AttributeRuler, EnglishLemmatizer]]:
        """Pickled as what it is built from (the compiled tests are closures), e.g. for ``nlp.pipe``
        with several processes where they are started by spawning rather than forking."""
        return TokenAttrs, (self.vocab, self.ruler, self.lemmatizer)

    def to_disk(self, path: Any, *, exclude: Any = ()) -> None:
        """Nothing of its own to save: it is rebuilt from the ruler and lemmatizer saved beside it."""

    def from_disk(self, path: Any, *, exclude: Any = ()) -> TokenAttrs:
        """Rebuilt from the ruler and lemmatizer, which a pipeline read from disk has loaded by now (they
        come before this component) but had not when it was constructed."""
        self.__init__(self.vocab, self.ruler, self.lemmatizer)  # type: ignore[misc]
        return self

    # -- the ruler ---------------------------------------------------------------------------------
    def _lexical(self, vocab: Vocab, orth: int) -> tuple[object, ...]:
        """The lexical class of ``orth`` (see the class docstring)."""
        lex = vocab[orth]
        parts: list[object] = [int(lex.is_space)]
        for attr, value, text in ((ORTH, orth, lex.orth_), (LOWER, lex.lower, lex.lower_)):
            parts.append(value if value in self.named.get(attr, ()) else -1)
            parts.extend(rx.search(text) is not None for rx in self.regexes.get(attr, ()))
        return tuple(parts)

    @staticmethod
    def _value(vocab: Vocab, attr: int, orth: int, tag: int, dep: int, pos: int) -> int:
        if attr == ORTH:
            return orth
        if attr == TAG:
            return tag
        if attr == DEP:
            return dep
        if attr == POS:
            return pos
        lex = vocab[orth]
        return int(lex.lower if attr == LOWER else lex.is_space)

    def _matches(self, vocab: Vocab, spec: _Spec, orth: int, tag: int, dep: int, pos: int) -> bool:
        strings = vocab.strings
        for attr, test in spec.tests:
            v = self._value(vocab, attr, orth, tag, dep, pos)
            if attr in (ORTH, LOWER, TAG, DEP):
                try:
                    text = strings[v]
                except KeyError:  # a string the store lacks (a Doc from another vocabulary): no pattern names it
                    text = ""
            else:
                text = str(v)
            if not test(v, text):
                return False
        return True

    def _token(self, vocab: Vocab, orth: int, tag: int, dep: int, pos: int
               ) -> tuple[tuple[int, ...], frozenset[tuple[int, int]]]:
        """The one-token rules matching a token, and the (multi rule, position) pairs it satisfies."""
        single = tuple(r.index for r in self.single if self._matches(vocab, r.specs[0], orth, tag, dep, pos))
        positions = frozenset((k, j) for k, r in enumerate(self.multi) for j, spec in enumerate(r.specs)
                              if self._matches(vocab, spec, orth, tag, dep, pos))
        return single, positions

    def _apply(self, rule_ids: tuple[int, ...], tag: int, pos: int, morph: int, lemma: int
               ) -> tuple[int, int, int, int, int | None]:
        """(POS, MORPH, LEMMA, TAG, DEP) after the rules ``rule_ids``, applied in rule order; DEP is
        None when no rule sets it (the token keeps its own label, which the memo key may fold)."""
        values: dict[int, int | None] = {POS: pos, MORPH: morph, LEMMA: lemma, TAG: tag, DEP: None}
        for i in sorted(set(rule_ids)):
            values.update(self.ruler_attrs[i])
        return values[POS], values[MORPH], values[LEMMA], values[TAG], values[DEP]  # type: ignore[return-value]

    # -- the component ------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        if not self.lemmatizer._validated:
            # Here, not at construction: a pipeline read from disk builds its components before it
            # loads the lemmatizer's tables.
            self.lemmatizer._validate_tables()
        memos = (self.lex_memo, self.token_memo, self.result_memo, self.lemma_memo)
        if any(len(m) > MAX_MEMO for m in memos):
            for m in memos:
                m.clear()
            # spaCy's rule lemmatizer keeps every (word, POS) it was asked about, without a bound.
            cache = getattr(self.lemmatizer, "cache", None)
            if isinstance(cache, dict):
                cache.clear()
        vocab = doc.vocab
        cols = doc.to_array([ORTH, TAG, DEP, POS, MORPH, LEMMA])
        orths, tags, deps, poss, morphs, lemmas = (cols[:, j].tolist() for j in range(6))
        dep_named = self.dep_named
        lex_memo, token_memo = self.lex_memo, self.token_memo
        keys: list[tuple[object, ...]] = []
        found: list[tuple[tuple[int, ...], frozenset[tuple[int, int]]]] = []
        starts: list[int] = []
        for i in range(n):
            orth, dep = orths[i], deps[i]
            lexical = lex_memo.get(orth)
            if lexical is None:
                lexical = lex_memo[orth] = self._lexical(vocab, orth)
            key: tuple[object, ...] = (lexical, tags[i], dep if dep_named is None or dep in dep_named else -1,
                   poss[i], morphs[i], lemmas[i])
            hit = token_memo.get(key)
            if hit is None:
                hit = token_memo[key] = self._token(vocab, orth, tags[i], dep, poss[i])
            keys.append(key)
            found.append(hit)
            if hit[1]:
                starts.append(i)
        extra: dict[int, list[int]] = {}
        for i in starts:
            for k, rule in enumerate(self.multi):
                if (k, 0) not in found[i][1] or i + len(rule.specs) > n:
                    continue
                if all((k, j) in found[i + j][1] for j in range(1, len(rule.specs))):
                    extra.setdefault(i + rule.target, []).append(rule.index)
        rows: list[tuple[int, int, int, int, int]] = []
        result_memo = self.result_memo
        for i in range(n):
            key = keys[i]
            more = extra.get(i)
            rkey: tuple[object, ...] = key if more is None else (key, tuple(sorted(more)))
            res = result_memo.get(rkey)
            if res is None:
                rule_ids = found[i][0] + tuple(more or ())
                res = result_memo[rkey] = self._apply(rule_ids, tags[i], poss[i], morphs[i], lemmas[i])
            rows.append((res[0], res[1], res[2], res[3], deps[i] if res[4] is None else res[4]))
        out = np.array(rows, dtype="uint64")
        doc.from_array([POS, MORPH, LEMMA, TAG, DEP], out)  # type: ignore[arg-type]
        self._lemmatize(doc, orths, out)
        return doc

    def _lemmatize(self, doc: Doc, orths: list[int], out: np.ndarray) -> None:
        """The lemmatizer's step: tokens with no lemma (every token with ``overwrite``) get the one
        ``self.lemmatizer`` gives for their (text, POS, MORPH), computed once per such triple."""
        overwrite = self.lemmatizer.overwrite
        memo = self.lemma_memo
        strings = doc.vocab.strings
        poss, morphs, lemmas = out[:, 0].tolist(), out[:, 1].tolist(), out[:, 2].tolist()
        changed = False
        for i, orth in enumerate(orths):
            if lemmas[i] and not overwrite:
                continue
            key = (orth, poss[i], morphs[i])
            lemma = memo.get(key)
            # A lemma string added inside a memory zone (``nlp.parse(transient=True)``) is gone from
            # the string store once the zone ends, while its id stays in the memo: made again then.
            if lemma is None or lemma not in strings:  # type: ignore[operator]  # (the stub knows only str keys)
                lemma = memo[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = lemma
            changed = True
        if changed:
            doc.from_array([LEMMA], np.asarray(lemmas, dtype="uint64"))  # type: ignore[arg-type]


@Language.factory(NAME)
def make_token_attrs(nlp: Language, name: str) -> TokenAttrs:
    """Built from the pipeline's own ``attribute_ruler`` and ``lemmatizer`` (see :func:`install`)."""
    ruler: Any = nlp.get_pipe(RULER)
    lemmatizer: Any = nlp.get_pipe(LEMMATIZER)
    return TokenAttrs(nlp.vocab, ruler, lemmatizer)


# Words besides those the patterns name, for the load-time check: regular-expression cases, inflected
# forms, a name, whitespace and punctuation.
_CHECK_WORDS = ("n't", "nt", "y'", "y", "nothin'", "walked", "cities", "better", "Paris", "\n\n", " ", ",", "5")


def self_check(nlp: Language, component: TokenAttrs, docs: int = 40, seed: int = 8) -> str | None:
    """Run the stock ruler + lemmatizer and ``component`` on ``docs`` hand-built Docs (random words,
    tags and labels drawn from what the ruler's patterns name, a fixed seed); None when every token's
    POS, TAG, MORPH, LEMMA and DEP agree, else a description of the first difference."""
    ruler: Any = nlp.get_pipe(RULER)
    lemmatizer: Any = nlp.get_pipe(LEMMATIZER)
    pools: dict[str, set[str]] = {"words": set(_CHECK_WORDS), "tags": {""}, "deps": {"", "nsubj"}}
    where = {"LOWER": "words", "ORTH": "words", "TEXT": "words", "TAG": "tags", "DEP": "deps"}
    for entry in ruler.patterns:
        for pattern in entry["patterns"]:
            for spec in pattern:
                for key, value in spec.items():
                    pool = where.get(str(key).upper())
                    if pool is None:
                        continue
                    listed = value.get("IN", []) + value.get("NOT_IN", []) if isinstance(value, dict) else [value]
                    pools[pool].update(v for v in listed if isinstance(v, str))
    words = sorted(pools["words"]) + [w.title() for w in sorted(pools["words"])[:20]]
    tags, deps = sorted(pools["tags"]), sorted(pools["deps"])
    rng = random.Random(seed)
    columns = [POS, TAG, MORPH, LEMMA, DEP]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # W108: tokens the ruler gives no POS
        for _ in range(docs):
            n = rng.randint(1, 8)
            spec = ([rng.choice(words) for _ in range(n)], [rng.choice(tags) for _ in range(n)],
                    [rng.choice(deps) for _ in range(n)])
            a, b = (Doc(nlp.vocab, words=spec[0], tags=spec[1], deps=spec[2], heads=list(range(n)))
                    for _ in range(2))
            lemmatizer(ruler(a))
            component(b)
            if not np.array_equal(a.to_array(columns), b.to_array(columns)):
                return f"differs from the stock components on {spec}"
    return None


def install(nlp: Language) -> bool:
    """Put :class:`TokenAttrs` in place of ``nlp``'s ruler and lemmatizer (which stay in the pipeline,
    disabled) when :func:`supported` and :func:`self_check` agree; otherwise leave ``nlp`` as it is
    (and log why). True when installed."""
    if NAME in nlp.pipe_names:
        return True
    why = supported(nlp)
    if why is None:
        # After the (then disabled) pair, so that a pipeline saved with ``to_disk`` builds them
        # first when it is loaded again.
        component: Any = nlp.add_pipe(NAME, after=LEMMATIZER)
        why = self_check(nlp, component)
        if why is not None:
            nlp.remove_pipe(NAME)
    if why is not None:
        log.info("stock attribute_ruler and lemmatizer kept: %s", why)
        return False
    nlp.disable_pipe(RULER)
    nlp.disable_pipe(LEMMATIZER)
    return True
