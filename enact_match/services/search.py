"""Global search over companies, units, teams, needs and contacts, tolerant of accents, legal forms and typos.

Names are cut into folded words (lower case, no accents, legal forms such as SAS or GmbH dropped).
A query word is compared once with the vocabulary of distinct words (a few tens of thousands even
for 50,000 records) — words it begins are exact hits, others are scored with rapidfuzz's
`ratio` in one vectorised `cdist` call — and each record's score is then the mean, over the query
words, of its best word's similarity, computed with numpy over a flat word-id array. The cost
of a keystroke grows with the vocabulary, not with the number of records times a fuzzy scorer.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from enact_match.services import catalog, codes
from enact_match.services.catalog import Viewer
from enact_match.storage.database import Database

_LEGAL_FORMS = frozenset(form.casefold() for form in codes.LEGAL_FORMS)
_WORD = re.compile(r"[0-9a-z]+")
# Below this similarity (0–100) a vocabulary word does not count as a match of a query word.
_MIN_SIMILARITY = 72


def search_words(text: str) -> list[str]:
    """The folded words of a name or query, legal forms left out ("Société ÉLAN SAS" → societe, elan)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = plain.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return [word for word in _WORD.findall(plain) if word not in _LEGAL_FORMS]


@dataclass(frozen=True)
class SearchItem:
    """A searchable record: what is shown and the text it is found by.

    `opens` names the record to open when the hit is chosen (a contact opens its company or team).
    """

    kind: str
    id: uuid.UUID
    label: str
    detail: str
    text: str
    opens: tuple[str, uuid.UUID] | None = None


@dataclass(frozen=True)
class SearchHit:
    """A search result; `score` is 0–100."""

    kind: str
    id: uuid.UUID
    label: str
    detail: str
    score: float
    opens: tuple[str, uuid.UUID] | None = None


class SearchIndex:
    """An in-memory index of search items (build it in the background; queries are thread-safe)."""

    def __init__(self, items: Iterable[SearchItem]) -> None:
        self._items = list(items)
        vocabulary: dict[str, int] = {}
        word_ids: list[int] = []
        starts: list[int] = []
        lengths: list[int] = []
        for item in self._items:
            words = search_words(item.text) or ["_"]
            starts.append(len(word_ids))
            for word in dict.fromkeys(words):
                word_ids.append(vocabulary.setdefault(word, len(vocabulary)))
            lengths.append(len(item.label))
        self._words = list(vocabulary)
        order = sorted(range(len(self._words)), key=self._words.__getitem__)
        self._sorted = np.asarray(order, dtype=np.int64)
        self._sorted_words = [self._words[index] for index in order]
        self._word_ids = np.asarray(word_ids, dtype=np.int64)
        self._starts = np.asarray(starts, dtype=np.int64)
        # A slight preference for short labels among equal scores ("Elan" before "Elan Industrie").
        self._length_penalty = np.minimum(np.asarray(lengths, dtype=np.float32), 200) / 1000

    @classmethod
    def build(cls, db: Database, viewer: Viewer | None = None) -> SearchIndex:
        """Index every company, unit, team, need (that the viewer may see) and contact."""
        return cls(items_of(db, viewer))

    def __len__(self) -> int:
        return len(self._items)

    def _similarities(self, word: str) -> np.ndarray:
        """Similarity (0–100) of every vocabulary word with one query word."""
        scores = np.zeros(len(self._words), dtype=np.float32)
        if len(word) >= 3:
            fuzzy = process.cdist([word], self._words, scorer=fuzz.ratio, score_cutoff=_MIN_SIMILARITY)[0]
            scores = fuzzy.astype(np.float32)
        # Words the query word begins: typing "nanc" finds "nancy" at once.
        low = bisect.bisect_left(self._sorted_words, word)
        high = bisect.bisect_left(self._sorted_words, word + "\uffff")
        if high > low:
            scores[self._sorted[low:high]] = 100.0
        return scores

    def query(self, text: str, limit: int = 20) -> list[SearchHit]:
        """The best items for `text`, best first (empty for a query without words)."""
        words = search_words(text)
        if not words or not self._items:
            return []
        total = np.zeros(len(self._items), dtype=np.float32)
        for word in dict.fromkeys(words):
            per_word = self._similarities(word)[self._word_ids]
            total += np.maximum.reduceat(per_word, self._starts)
        total /= len(dict.fromkeys(words))
        candidates = np.flatnonzero(total >= _MIN_SIMILARITY * 0.9)
        if candidates.size == 0:
            return []
        ranked = total[candidates] - self._length_penalty[candidates]
        if candidates.size > limit:
            best = np.argpartition(-ranked, limit)[:limit]
            candidates, ranked = candidates[best], ranked[best]
        order = np.argsort(-ranked, kind="stable")
        hits = []
        for position in order:
            item = self._items[int(candidates[position])]
            score = float(total[candidates[position]])
            hits.append(SearchHit(item.kind, item.id, item.label, item.detail, round(score, 1), item.opens))
        return hits


def items_of(db: Database, viewer: Viewer | None = None) -> list[SearchItem]:
    """The searchable items of a database."""
    items: list[SearchItem] = []
    for company in catalog.list_companies(db):
        label = f"{company.name} {company.legal_form}" if company.legal_form else company.name
        items.append(
            SearchItem(
                "companies", company.id, label, company.city or "", f"{company.name} {company.siren or ''}"
            )
        )
    for unit in catalog.list_units(db):
        label = f"{unit.acronym} — {unit.name}" if unit.acronym else unit.name
        words = f"{unit.acronym or ''} {unit.name} {unit.unit_code or ''}"
        items.append(SearchItem("units", unit.id, label, unit.city or "", words))
    for team in catalog.list_teams(db):
        label = f"{team.acronym} — {team.name}" if team.acronym else team.name
        items.append(
            SearchItem("teams", team.id, label, team.unit_acronym or "", f"{team.acronym or ''} {team.name}")
        )
    for need in catalog.list_needs(db, viewer):
        detail = " · ".join(part for part in (need.ref, need.company_name) if part)
        items.append(SearchItem("needs", need.id, need.title, detail, f"{need.ref or ''} {need.title}"))
    for contact in catalog.list_contacts(db):
        opens = (
            ("companies", contact.company_id)
            if contact.company_id
            else ("teams", contact.team_id)
            if contact.team_id
            else None
        )
        detail = " · ".join(part for part in (contact.role, contact.organisation) if part)
        items.append(SearchItem("contacts", contact.id, contact.name, detail, contact.name, opens))
    return items
