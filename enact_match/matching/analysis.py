"""French/English text analysis: normalising, elision, stop words, cached Snowball stems, bigrams, phrases."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, islice, pairwise, repeat
from pathlib import Path

import numpy as np
import snowballstemmer

LANGUAGES = ("fr", "en")

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
_COMBINING_MARKS = re.compile("[\u0300-\u036f]")
# A word, with a French elided article or pronoun in front of it dropped ("l'apprentissage",
# "qu’il"). The word itself is group 1, so findall() returns words only.
_TOKEN = re.compile(r"(?:\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)['’])?([^\W_]+)", re.IGNORECASE)
# The fast tokenizer of the analysis: plain runs of letters and digits. An elided article or pronoun
# comes out as a word of its own ("l'usine" → "l", "usine") and is then dropped like a stop word
# (one letter, or one of _ELIDED), which gives the same features as _TOKEN at half the cost.
_WORD = re.compile(r"[^\W_]+")
# The same runs in a text without an underscore, a fifth faster (no class subtraction per character).
_WORD_RUN = re.compile(r"\w+")
_ELIDED = frozenset({"qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"})
# Frequent function words that tell the two languages apart, counted among the first words of a text
# (written in lower case, capitalised or in capitals): +1 for French, -1 for English.
_FRENCH_MARKERS = "le la les des du une est et dans pour par sur avec aux cette qui sont nous de"
_ENGLISH_MARKERS = "the of and to is for with on by are this that from we an be which in"
_MARKER_VOTES = {
    form: vote
    for markers, vote in ((_FRENCH_MARKERS, 1), (_ENGLISH_MARKERS, -1))
    for word in markers.split()
    for form in (word, word.capitalize(), word.upper())
}
_LANGUAGE_WORDS = 100

# bigram codes looked up at once above which they are searched distinct and sorted
_SEARCH_DISTINCT = 4096

UNIGRAM, BIGRAM, CONCEPT = 0, 1, 2
_SHIFT = 31
_MASK = (1 << _SHIFT) - 1


def fold(text: str) -> str:
    """Case-fold and remove accents, keeping letters that have no decomposition.

    NFKD + removal of combining marks (not an ASCII filter): "Cœur" → "coeur", "ﬁbre" → "fibre",
    "Éléments" → "elements".
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES).casefold())
    return _COMBINING_MARKS.sub("", decomposed)


def words(text: str) -> list[str]:
    """The words of ``text`` as written, elided articles dropped ("l'usine" → "usine")."""
    return _TOKEN.findall(text)


def load_stopwords(directory: str | os.PathLike[str]) -> frozenset[str]:
    """Read every ``*.txt`` list of ``directory`` (one word a line, ``#`` comments) into one folded set."""
    stopwords: set[str] = set()
    for path in sorted(Path(directory).glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if word and not word.startswith("#"):
                stopwords.add(fold(word))
    return frozenset(stopwords)


def tokens(text: str) -> list[str]:
    """The words of ``text`` as the analysis cuts them: maximal runs of letters and digits."""
    return (_WORD if "_" in text else _WORD_RUN).findall(text)


def language_of(words: Iterable[str]) -> str:
    """``"fr"`` or ``"en"`` by counting function words among the first 100 ``words`` (English on a tie)."""
    return "fr" if sum(map(_MARKER_VOTES.get, islice(words, _LANGUAGE_WORDS), repeat(0))) > 0 else "en"


def guess_language(text: str) -> str:
    """:func:`language_of` the :func:`tokens` of ``text`` (only its first words are cut)."""
    return language_of(match.group() for match in _WORD.finditer(text))


class _Growable:
    """A numpy array that grows by doubling (amortised O(1) appends of many values at once)."""

    def __init__(self, dtype: type) -> None:
        self._data = np.zeros(64, dtype=dtype)
        self.size = 0

    def extend(self, values: np.ndarray) -> None:
        needed = self.size + len(values)
        if needed > len(self._data):
            grown = np.zeros(max(needed, 2 * len(self._data)), dtype=self._data.dtype)
            grown[: self.size] = self._data[: self.size]
            self._data = grown
        self._data[self.size : needed] = values
        self.size = needed

    def truncate(self, size: int) -> None:
        self.size = min(self.size, size)

    @property
    def view(self) -> np.ndarray:
        return self._data[: self.size]


class _Names(Sequence[str]):
    """``vocabulary.names[feature]``: a stem, ``"stem stem"`` (bigram) or a concept id, built on demand."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary

    def __len__(self) -> int:
        return len(self._vocabulary)

    def __getitem__(self, feature):  # type: ignore[override]
        if isinstance(feature, slice):
            return [self[i] for i in range(*feature.indices(len(self)))]
        return self._vocabulary.name(int(feature))


class Vocabulary:
    """Feature ids and names: word stems, stem bigrams and thesaurus concepts share one id space.

    Stems have a *key* (their index in a list of distinct stems) that exists before their feature id:
    the batch analysis assigns feature ids to new stems and new bigrams in the order of their first
    occurrence (each text's stems, then its bigrams), exactly as one text at a time would. Bigrams are
    kept as sorted int64 codes ``left stem key << 31 | right stem key`` (no Python object per bigram).
    """

    def __init__(self) -> None:
        self._kinds = _Growable(np.int8)
        # per feature: the stem key (unigram), the code (bigram) or the index in _concept_names (concept)
        self._payload = _Growable(np.int64)
        self._stems: list[str] = []
        self._stem_keys: dict[str, int] = {}
        self._key_feature = _Growable(np.int64)  # stem key → unigram feature id, -1 before it has one
        self._concept_names: list[str] = []
        self._concepts: dict[str, int] = {}
        self._bigram_codes = np.zeros(0, dtype=np.int64)  # sorted
        self._bigram_ids = np.zeros(0, dtype=np.int64)
        self._bigram_extra: dict[int, int] = {}  # a few bigrams added one at a time, merged in later

    def __len__(self) -> int:
        return self._kinds.size

    @property
    def kinds(self) -> np.ndarray:
        """Kind (UNIGRAM, BIGRAM or CONCEPT) of every feature."""
        return self._kinds.view

    @property
    def names(self) -> _Names:
        return _Names(self)

    def name(self, feature: int) -> str:
        kind = int(self._kinds.view[feature])
        payload = int(self._payload.view[feature])
        if kind == UNIGRAM:
            return self._stems[payload]
        if kind == CONCEPT:
            return self._concept_names[payload]
        return f"{self._stems[payload >> _SHIFT]} {self._stems[payload & _MASK]}"

    def _add(self, kinds: np.ndarray | int, payloads: np.ndarray | int) -> int:
        first = len(self)
        self._kinds.extend(np.atleast_1d(np.asarray(kinds, dtype=np.int8)))
        self._payload.extend(np.atleast_1d(np.asarray(payloads, dtype=np.int64)))
        return first

    @property
    def stem_count(self) -> int:
        return len(self._stems)

    def mark(self) -> tuple[int, int, int]:
        """What the vocabulary holds now (features, stems, concepts), for :meth:`rollback`."""
        return len(self), len(self._stems), len(self._concept_names)

    def rollback(self, mark: tuple[int, int, int]) -> None:
        """Forget every feature, stem and concept added since :meth:`mark`."""
        features, stems, concepts = mark
        self._kinds.truncate(features)
        self._payload.truncate(features)
        for stem in self._stems[stems:]:
            del self._stem_keys[stem]
        del self._stems[stems:]
        self._key_feature.truncate(stems)
        key_feature = self._key_feature.view
        key_feature[key_feature >= features] = -1
        for name in self._concept_names[concepts:]:
            del self._concepts[name]
        del self._concept_names[concepts:]
        kept = self._bigram_ids < features
        self._bigram_codes, self._bigram_ids = self._bigram_codes[kept], self._bigram_ids[kept]
        self._bigram_extra = {code: found for code, found in self._bigram_extra.items() if found < features}

    def portable(
        self, features: np.ndarray, text_of: np.ndarray, feature_since: int, key_since: int
    ) -> PortableFeatures:
        """``features`` found by this copy since it had ``feature_since`` features and ``key_since`` stems
        (sent as int32 when they fit: half the bytes through the pipe)."""
        narrow = max(len(self), int(text_of.max(initial=0)) + 1) < 2**31
        return PortableFeatures(
            features.astype(np.int32) if narrow else features,
            text_of.astype(np.int32) if narrow else text_of,
            feature_since,
            key_since,
            self._kinds.view[feature_since:].copy(),
            self._payload.view[feature_since:].copy(),
            tuple(self._stems[key_since:]),
            tuple(self._concept_names),
        )

    def adopt(self, found: PortableFeatures) -> tuple[np.ndarray, np.ndarray]:
        """``found``'s features in this vocabulary's ids: the copy's new features that this vocabulary has
        keep its ids, the others are added in the copy's order (so ids are given as if the copy's texts
        had been analysed here, after what was analysed here meanwhile)."""
        stem_keys = np.fromiter(map(self.stem_key, found.stems), dtype=np.int64, count=len(found.stems))

        def own_keys(keys: np.ndarray) -> np.ndarray:
            foreign = keys >= found.key_since
            keys = keys.copy()
            keys[foreign] = stem_keys[keys[foreign] - found.key_since]
            return keys

        kinds, payloads = found.kinds, found.payloads.copy()
        unigram, bigram, concept = kinds == UNIGRAM, kinds == BIGRAM, kinds == CONCEPT
        payloads[unigram] = own_keys(payloads[unigram])
        payloads[bigram] = own_keys(payloads[bigram] >> _SHIFT) << _SHIFT | own_keys(payloads[bigram] & _MASK)
        ids = np.full(len(kinds), -1, dtype=np.int64)
        ids[unigram] = self._key_feature.view[payloads[unigram]]
        # the copy's new bigrams, in increasing code order: one sort serves the look-up and the insertion
        bigram_at = np.flatnonzero(bigram)
        bigram_at = bigram_at[np.argsort(payloads[bigram_at])]
        if len(bigram_at):
            ids[bigram_at] = self._bigram_lookup(payloads[bigram_at], ordered=True)
        new_bigrams = bigram_at[ids[bigram_at] < 0]
        for i in np.flatnonzero(concept).tolist():
            name = found.concepts[payloads[i]]
            ids[i] = self._concepts.get(name, -1)
            if ids[i] < 0:
                payloads[i] = len(self._concept_names)
                self._concepts[name] = -1  # given its id below, in order
                self._concept_names.append(name)
        missing = np.flatnonzero(ids < 0)
        if len(missing):
            ids[missing] = self._add(kinds[missing], payloads[missing]) + np.arange(len(missing))
            added_unigrams = missing[unigram[missing]]
            self._key_feature.view[payloads[added_unigrams]] = ids[added_unigrams]
            if len(new_bigrams):
                self._insert_bigrams(payloads[new_bigrams], ids[new_bigrams], ordered=True)
            for i in missing[concept[missing]].tolist():
                self._concepts[self._concept_names[payloads[i]]] = int(ids[i])
        features = found.features.astype(np.int64)
        foreign = features >= found.feature_since
        features[foreign] = ids[features[foreign] - found.feature_since]
        return features, found.text_of.astype(np.int64)

    def stem_key(self, stem: str) -> int:
        key = self._stem_keys.get(stem)
        if key is None:
            key = self._stem_keys[stem] = len(self._stems)
            self._stems.append(stem)
            self._key_feature.extend(np.array([-1]))
        return key

    def unigram(self, stem: str) -> int:
        return self.unigram_of_key(self.stem_key(stem))

    def unigram_of_key(self, key: int) -> int:
        feature = int(self._key_feature.view[key])
        if feature < 0:
            feature = self._add(UNIGRAM, key)
            self._key_feature.view[key] = feature
        return feature

    def bigram(self, first: int, second: int) -> int:
        """The bigram feature of two unigram features (created when new)."""
        payload = self._payload.view
        code = int(payload[first]) << _SHIFT | int(payload[second])
        found = int(self._bigram_lookup(np.array([code]))[0])
        if found < 0:
            found = self._bigram_extra[code] = self._add(BIGRAM, code)
        return found

    def concept(self, concept_id: str) -> int:
        feature = self._concepts.get(concept_id)
        if feature is None:
            feature = self._concepts[concept_id] = self._add(CONCEPT, len(self._concept_names))
            self._concept_names.append(concept_id)
        return feature

    def _bigram_lookup(self, codes: np.ndarray, ordered: bool = False) -> np.ndarray:
        """Feature id of each bigram code, -1 for unknown ones (``ordered``: the codes are increasing)."""
        found = np.full(len(codes), -1, dtype=np.int64)
        if len(self._bigram_codes):
            at = (
                np.searchsorted(self._bigram_codes, codes)
                if ordered
                else _search_sorted(self._bigram_codes, codes)
            )
            at_clipped = np.minimum(at, len(self._bigram_codes) - 1)
            hit = self._bigram_codes[at_clipped] == codes
            found[hit] = self._bigram_ids[at_clipped[hit]]
        if self._bigram_extra:
            missing = np.flatnonzero(found < 0)
            extra = self._bigram_extra
            found[missing] = [extra.get(code, -1) for code in codes[missing].tolist()]
        return found

    def _insert_bigrams(self, codes: np.ndarray, ids: np.ndarray, ordered: bool = False) -> None:
        """Add bigram codes and their ids to the sorted arrays (``ordered``: the codes are increasing)."""
        if self._bigram_extra:
            codes = np.concatenate([codes, np.fromiter(self._bigram_extra.keys(), np.int64)])
            ids = np.concatenate([ids, np.fromiter(self._bigram_extra.values(), np.int64)])
            self._bigram_extra = {}
            ordered = False
        if not ordered:
            order = np.argsort(codes)
            codes, ids = codes[order], ids[order]
        at = np.searchsorted(self._bigram_codes, codes)
        self._bigram_codes = np.insert(self._bigram_codes, at, codes)
        self._bigram_ids = np.insert(self._bigram_ids, at, ids)

    def assign(
        self, keys: np.ndarray, text_of: np.ndarray, texts: int, bigrams: bool
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Feature ids of the stems (``keys``, grouped by text) and of their bigrams, new ones created.

        Returns (stem features, bigram features, text of each bigram). New features get ids in the
        order in which a text-by-text analysis would meet them: text after text, its stems then its bigrams.
        """
        lengths = np.bincount(text_of, minlength=texts)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        if bigrams and len(keys) > 1:
            pair = np.flatnonzero(text_of[1:] == text_of[:-1])
        else:
            pair = np.zeros(0, dtype=np.int64)
        codes = keys[pair] << _SHIFT | keys[pair + 1]
        unigram = self._key_feature.view[keys]
        bigram = self._bigram_lookup(codes) if len(codes) else np.zeros(0, dtype=np.int64)
        new_stems = np.flatnonzero(unigram < 0)
        new_pairs = np.flatnonzero(bigram < 0)
        if len(new_stems) or len(new_pairs):
            # stream position of each occurrence: text base + index (stems), base + length + index (bigrams)
            base = np.concatenate([[0], np.cumsum(lengths + np.maximum(lengths - 1, 0))[:-1]])
            stem_keys, first_stem = np.unique(keys[new_stems], return_index=True)
            stem_at = new_stems[first_stem]
            stem_position = base[text_of[stem_at]] + stem_at - starts[text_of[stem_at]]
            pair_codes, first_pair = np.unique(codes[new_pairs], return_index=True)
            pair_at = pair[new_pairs[first_pair]]
            pair_text = text_of[pair_at]
            pair_position = base[pair_text] + lengths[pair_text] + pair_at - starts[pair_text]
            position = np.concatenate([stem_position, pair_position])
            order = np.argsort(position, kind="stable")
            is_pair = order >= len(stem_keys)
            payload = np.concatenate([stem_keys, pair_codes])[order]
            first = self._add(np.where(is_pair, BIGRAM, UNIGRAM), payload)
            ids = first + np.arange(len(order))
            self._key_feature.view[payload[~is_pair]] = ids[~is_pair]
            if len(pair_codes) > 64:
                self._insert_bigrams(payload[is_pair], ids[is_pair])
            else:
                self._bigram_extra.update(zip(payload[is_pair].tolist(), ids[is_pair].tolist(), strict=True))
            unigram = self._key_feature.view[keys]
            if len(new_pairs):
                bigram[new_pairs] = self._bigram_lookup(codes[new_pairs])
        return unigram, bigram, text_of[pair]


def _search_sorted(haystack: np.ndarray, needles: np.ndarray) -> np.ndarray:
    """``np.searchsorted(haystack, needles)``; many needles are searched distinct and in increasing order:
    texts repeat their bigrams, and ordered bisections stay in cache, which pays for the sort."""
    if len(needles) <= _SEARCH_DISTINCT:
        return np.searchsorted(haystack, needles)
    distinct, inverse = np.unique(needles, return_inverse=True)
    return np.searchsorted(haystack, distinct)[inverse]


@dataclass(frozen=True)
class WordKeys:
    """The words of some texts as stem keys (-1 for a dropped word), all texts in a row; ``lengths``
    counts the words of each text."""

    keys: np.ndarray
    lengths: np.ndarray


@dataclass(frozen=True)
class PortableFeatures:
    """Features found by a forked copy of an analyser, with what the original needs to read them.

    ``features`` and ``text_of`` are as :meth:`TextAnalyzer.features_of` returns them, in the copy's ids.
    The copy had the original's vocabulary up to feature ``feature_since`` and stem key ``key_since``;
    ``kinds`` and ``payloads`` describe its features from ``feature_since`` on (payloads in its stem keys),
    ``stems`` its stems from ``key_since`` on, ``concepts`` all its concept names.
    """

    features: np.ndarray
    text_of: np.ndarray
    feature_since: int
    key_since: int
    kinds: np.ndarray
    payloads: np.ndarray
    stems: tuple[str, ...]
    concepts: tuple[str, ...]


@dataclass(frozen=True)
class TrackedFeature:
    """A feature found in a text, with the span of the words that produced it."""

    feature: int
    start: int
    end: int


class TextAnalyzer:
    """Turns texts into feature ids: words → folded Snowball stems (cached per word) → bigrams and phrases.

    The per-word cache is what makes Snowball affordable: each distinct written word is normalised and
    stemmed once per language, then every later occurrence costs one dict lookup.
    """

    def __init__(self, stopwords: frozenset[str], bigrams: bool) -> None:
        self.vocabulary = Vocabulary()
        self._stopwords = stopwords
        self._bigrams = bigrams
        self._stemmers = {"fr": snowballstemmer.stemmer("french"), "en": snowballstemmer.stemmer("english")}
        self._word_ids: dict[str, dict[str, int]] = {language: {} for language in LANGUAGES}
        # first stem id → phrases (stem ids, concept feature id), longest first
        self._phrases: dict[int, list[tuple[tuple[int, ...], int]]] = {}

    def mark(self) -> tuple[int, int, int]:
        """What the analyser knows now, for :meth:`rollback` (a cancelled analysis)."""
        return self.vocabulary.mark()

    def rollback(self, mark: tuple[int, int, int]) -> None:
        """Forget the features, stems and cached words met since :meth:`mark`."""
        self.vocabulary.rollback(mark)
        stems = mark[1]
        for cache in self._word_ids.values():
            for word in [word for word, key in cache.items() if key >= stems]:
                del cache[word]

    def add_phrase(self, text: str, language: str, concept_id: str) -> None:
        """Map the stemmed word sequence of ``text`` to the feature of ``concept_id``."""
        stems = tuple(self.stem_ids(words(text), language))
        if not stems:
            return
        feature = self.vocabulary.concept(concept_id)
        phrases = self._phrases.setdefault(stems[0], [])
        if (stems, feature) not in phrases:
            phrases.append((stems, feature))
            phrases.sort(key=lambda phrase: -len(phrase[0]))

    def stem_ids(self, tokens: Iterable[str], language: str) -> list[int]:
        """Unigram feature ids of written words, stop words and one-character or numeric words dropped."""
        vocabulary = self.vocabulary
        return [vocabulary.unigram_of_key(key) for key in self._stem_keys(tokens, language) if key >= 0]

    def _stem_keys(self, tokens: Iterable[str], language: str) -> list[int]:
        """Stem key of each written word (-1 for a dropped word): one C-level dict lookup per occurrence;
        only words never seen before go through Python code."""
        if not isinstance(tokens, list):
            tokens = list(tokens)
        cache = self._word_ids[language]
        keys = list(map(cache.get, tokens))
        if None in keys:
            for position, key in enumerate(keys):
                if key is None:
                    token = tokens[position]
                    key = cache.get(token)
                    if key is None:
                        key = cache[token] = self._word_key(token, language)
                    keys[position] = key
        return keys

    def _word_key(self, token: str, language: str) -> int:
        word = unicodedata.normalize("NFKC", token.translate(_LIGATURES)).casefold()
        folded = fold(word)
        if len(folded) < 2 or folded.isdigit() or folded in self._stopwords or folded in _ELIDED:
            return -1
        return self.vocabulary.stem_key(fold(self._stemmers[language].stemWord(word)))

    def features(self, text: str, language: str) -> list[int]:
        """All feature ids of ``text`` (with repeats): stems, then stem bigrams and thesaurus concepts."""
        features, _ = self.features_batch([text], [language])
        return features.tolist()

    def features_batch(self, texts: Sequence[str], languages: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The features of many texts at once: (feature ids, index of the text of each feature).

        Same features and same new ids as :meth:`features` called text after text; the words go through
        one dict lookup each, and bigrams are built with numpy from the per-text arrays of stem keys.
        """
        return self.features_of(self.word_keys(texts, languages))

    def word_keys(self, texts: Sequence[str], languages: Sequence[str]) -> WordKeys:
        """The stem key of every word of ``texts`` (the tokenising and stemming half of the analysis)."""
        return self.keys_of_words([tokens(text) for text in texts], languages)

    def keys_of_words(self, word_lists: Sequence[list[str]], languages: Sequence[str]) -> WordKeys:
        """:meth:`word_keys` of texts already cut into :func:`tokens`."""
        key_lists = [
            self._stem_keys(words, language) for words, language in zip(word_lists, languages, strict=True)
        ]
        lengths = np.fromiter(map(len, key_lists), dtype=np.int64, count=len(key_lists))
        keys = np.fromiter(chain.from_iterable(key_lists), dtype=np.int64, count=int(lengths.sum()))
        return WordKeys(keys, lengths)

    def features_of(self, words: WordKeys) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`features_batch` from the texts' :meth:`word_keys`."""
        count = len(words.lengths)
        kept = words.keys >= 0
        keys = words.keys[kept]
        text_of = np.repeat(np.arange(count, dtype=np.int64), words.lengths)[kept]
        stems, bigrams, bigram_text = self.vocabulary.assign(keys, text_of, count, self._bigrams)
        features = [stems, bigrams]
        owners = [text_of, bigram_text]
        if self._phrases:
            concept_features: list[int] = []
            concept_texts: list[int] = []
            first_words = np.fromiter(self._phrases.keys(), dtype=np.int64, count=len(self._phrases))
            hits = np.unique(text_of[np.isin(stems, first_words)])
            if len(hits):
                starts = np.concatenate([[0], np.cumsum(np.bincount(text_of, minlength=count))])
                for text in hits.tolist():
                    for feature, _, _ in self._phrase_positions(
                        stems[starts[text] : starts[text + 1]].tolist()
                    ):
                        concept_features.append(feature)
                        concept_texts.append(text)
            features.append(np.asarray(concept_features, dtype=np.int64))
            owners.append(np.asarray(concept_texts, dtype=np.int64))
        if count == 1:
            return np.concatenate(features), np.concatenate(owners)
        # grouped by text (stems, bigrams, concepts of text 0, then of text 1...), as text-by-text analysis
        feature_array, owner_array = np.concatenate(features), np.concatenate(owners)
        order = np.argsort(owner_array, kind="stable")
        return feature_array[order], owner_array[order]

    def tracked_features(self, text: str, language: str) -> list[TrackedFeature]:
        """Like :meth:`features`, each feature with the span of ``text`` it came from (for explanations)."""
        stems: list[int] = []
        spans: list[tuple[int, int]] = []
        for match in _WORD.finditer(text):
            found = self.stem_ids([match.group()], language)
            if found:
                stems.append(found[0])
                spans.append(match.span())
        tracked = [TrackedFeature(stem, *span) for stem, span in zip(stems, spans, strict=True)]
        for feature, first, last in self._compound_positions(stems):
            tracked.append(TrackedFeature(feature, spans[first][0], spans[last][1]))
        return tracked

    def _compound_positions(self, stems: Sequence[int]) -> list[tuple[int, int, int]]:
        """(feature, first word, last word) of the bigrams and thesaurus phrases (longest phrase first)."""
        found: list[tuple[int, int, int]] = []
        if self._bigrams:
            bigram = self.vocabulary.bigram
            found.extend((bigram(a, b), i, i + 1) for i, (a, b) in enumerate(pairwise(stems)))
        found.extend(self._phrase_positions(stems))
        return found

    def _phrase_positions(self, stems: Sequence[int]) -> list[tuple[int, int, int]]:
        """(feature, first word, last word) of the thesaurus phrases, longest first, without overlap."""
        found: list[tuple[int, int, int]] = []
        phrases = self._phrases
        if phrases and not phrases.keys().isdisjoint(stems):
            position, count = 0, len(stems)
            while position < count:
                length = 1
                for phrase, feature in phrases.get(stems[position], ()):
                    size = len(phrase)
                    if tuple(stems[position : position + size]) == phrase:
                        found.append((feature, position, position + size - 1))
                        length = size
                        break
                position += length
        return found
