"""French/English text analysis: normalising, elision, stop words, cached Snowball stems, bigrams, phrases."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

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
_ELIDED = frozenset({"qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"})
# Frequent function words that tell the two languages apart; counted on the first characters only.
# One pass: group 1 is a French marker, group 2 an English one.
_MARKERS = re.compile(
    r"\b(?:(le|la|les|des|du|une|est|et|dans|pour|par|sur|avec|aux|cette|qui|sont|nous|de)"
    r"|(the|of|and|to|is|for|with|on|by|are|this|that|from|we|an|be|which|in))\b"
)
_LANGUAGE_SAMPLE = 2000

UNIGRAM, BIGRAM, CONCEPT = 0, 1, 2


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


def guess_language(text: str) -> str:
    """``"fr"`` or ``"en"`` by counting function words at the start of ``text`` (English on a tie)."""
    french = english = 0
    for is_french, _ in _MARKERS.findall(text[:_LANGUAGE_SAMPLE].casefold()):
        if is_french:
            french += 1
        else:
            english += 1
    return "fr" if french > english else "en"


class Vocabulary:
    """Feature ids and names: word stems, stem bigrams and thesaurus concepts share one id space."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.kinds: list[int] = []
        self._unigrams: dict[str, int] = {}
        self._bigrams: dict[tuple[int, int], int] = {}
        self._concepts: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.names)

    def _add(self, name: str, kind: int) -> int:
        self.names.append(name)
        self.kinds.append(kind)
        return len(self.names) - 1

    def unigram(self, stem: str) -> int:
        feature = self._unigrams.get(stem)
        if feature is None:
            feature = self._unigrams[stem] = self._add(stem, UNIGRAM)
        return feature

    def bigram(self, first: int, second: int) -> int:
        feature = self._bigrams.get((first, second))
        if feature is None:
            name = f"{self.names[first]} {self.names[second]}"
            feature = self._bigrams[first, second] = self._add(name, BIGRAM)
        return feature

    def concept(self, concept_id: str) -> int:
        feature = self._concepts.get(concept_id)
        if feature is None:
            feature = self._concepts[concept_id] = self._add(concept_id, CONCEPT)
        return feature


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
        if not isinstance(tokens, list):
            tokens = list(tokens)
        cache = self._word_ids[language]
        # one C-level dict lookup per occurrence; only words never seen before go through Python
        ids = list(map(cache.get, tokens))
        if None in ids:
            for position, feature in enumerate(ids):
                if feature is None:
                    token = tokens[position]
                    feature = cache.get(token)
                    if feature is None:
                        feature = cache[token] = self._word_feature(token, language)
                    ids[position] = feature
        return [feature for feature in ids if feature >= 0]

    def _word_feature(self, token: str, language: str) -> int:
        word = unicodedata.normalize("NFKC", token.translate(_LIGATURES)).casefold()
        folded = fold(word)
        if len(folded) < 2 or folded.isdigit() or folded in self._stopwords or folded in _ELIDED:
            return -1
        return self.vocabulary.unigram(fold(self._stemmers[language].stemWord(word)))

    def features(self, text: str, language: str) -> list[int]:
        """All feature ids of ``text`` (with repeats): stems, then stem bigrams and thesaurus concepts."""
        stems = self.stem_ids(_WORD.findall(text), language)
        return stems + self._compound_features(stems)

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

    def _compound_features(self, stems: Sequence[int]) -> list[int]:
        return [feature for feature, _, _ in self._compound_positions(stems)]

    def _compound_positions(self, stems: Sequence[int]) -> list[tuple[int, int, int]]:
        """(feature, first word, last word) of the bigrams and thesaurus phrases (longest phrase first)."""
        found: list[tuple[int, int, int]] = []
        if self._bigrams:
            bigram = self.vocabulary.bigram
            found.extend((bigram(a, b), i, i + 1) for i, (a, b) in enumerate(pairwise(stems)))
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
