"""Text analysis: accents and ligatures, elision, stop words, stems (cached), language guess, phrases."""

from __future__ import annotations

from enact_match.matching import fold, guess_language
from enact_match.matching.analysis import TextAnalyzer, language_of, tokens, words


def test_fold_removes_accents_but_keeps_ligature_letters() -> None:
    assert fold("Cœur ÉLÉMENTS Æther ﬁbre naïve") == "coeur elements aether fibre naive"


def test_words_drop_french_elided_articles() -> None:
    assert words("l'apprentissage d’une machine qu'il jusqu'au") == [
        "apprentissage",
        "une",
        "machine",
        "il",
        "au",
    ]


def test_stopwords_of_both_languages_are_loaded_folded(stopwords: frozenset[str]) -> None:
    assert {"le", "the", "ete", "etre", "which"} <= stopwords
    assert "car" not in stopwords  # an English content word, kept on purpose


def test_features_ignore_stop_words_short_and_numeric_words(stopwords: frozenset[str]) -> None:
    analyzer = TextAnalyzer(stopwords, bigrams=False)
    features = analyzer.features("Le robot and the 2024 x robots de l'usine", "fr")
    names = [analyzer.vocabulary.names[f] for f in features]
    assert names == ["robot", "robot", "usin"]


def test_singular_and_plural_share_a_stem_in_each_language(stopwords: frozenset[str]) -> None:
    analyzer = TextAnalyzer(stopwords, bigrams=False)
    assert analyzer.features("séries temporelles", "fr") == analyzer.features("Série temporelle", "fr")
    assert analyzer.features("rolling mills", "en") == analyzer.features("rolling mill", "en")


def test_each_distinct_word_is_stemmed_once(stopwords: frozenset[str]) -> None:
    analyzer = TextAnalyzer(stopwords, bigrams=False)
    calls: list[str] = []
    stemmer = analyzer._stemmers["en"]

    class CountingStemmer:
        def stemWord(self, word: str) -> str:
            calls.append(word)
            return stemmer.stemWord(word)

    analyzer._stemmers["en"] = CountingStemmer()
    analyzer.features("robots robots robots sensors robots", "en")
    analyzer.features("sensors and robots", "en")
    assert sorted(calls) == ["robots", "sensors"]


def test_language_guess_tells_french_from_english() -> None:
    assert guess_language("Maintenance prédictive des laminoirs par l'analyse de séries temporelles") == "fr"
    assert guess_language("Predictive maintenance of rolling mills with time series of the sensors") == "en"
    # function words count in capitals and capitalised too; a tie is English
    assert guess_language("LE JUMEAU NUMÉRIQUE DES USINES") == "fr"
    assert guess_language("Les usines. The plants.") == "en"


def test_language_is_told_by_the_first_100_words_only() -> None:
    french_then_english = ["le"] * 50 + ["x"] * 50 + ["the"] * 1000
    assert language_of(french_then_english) == "fr"
    assert guess_language(" ".join(french_then_english)) == "fr"
    assert language_of(["x"] * 100 + ["le"]) == "en"


def test_tokens_are_runs_of_letters_and_digits_with_or_without_underscores() -> None:
    expected = ["jumeau", "numérique", "l", "usine", "4", "0", "IRM", "3T"]
    assert tokens("jumeau_numérique l'usine 4.0, IRM-3T") == expected
    assert tokens("jumeau numérique l'usine 4.0, IRM-3T") == expected


def test_bigrams_join_consecutive_content_words_across_stop_words(stopwords: frozenset[str]) -> None:
    analyzer = TextAnalyzer(stopwords, bigrams=True)
    names = [analyzer.vocabulary.names[f] for f in analyzer.features("maintenance des laminoirs", "fr")]
    assert names == ["mainten", "laminoir", "mainten laminoir"]


def test_thesaurus_phrase_matches_longest_first_and_reports_its_span(stopwords: frozenset[str]) -> None:
    analyzer = TextAnalyzer(stopwords, bigrams=False)
    analyzer.add_phrase("imagerie", "fr", "imaging")
    analyzer.add_phrase("imagerie par résonance magnétique", "fr", "mri")
    text = "L'Imagerie par résonance magnétique du cœur"
    tracked = analyzer.tracked_features(text, "fr")
    concepts = [
        (analyzer.vocabulary.names[t.feature], text[t.start : t.end])
        for t in tracked
        if t.feature in {analyzer.vocabulary.concept("imaging"), analyzer.vocabulary.concept("mri")}
    ]
    assert concepts == [("mri", "Imagerie par résonance magnétique")]


def test_batch_analysis_gives_the_features_and_ids_of_text_by_text_analysis(
    stopwords: frozenset[str],
) -> None:
    import random

    rng = random.Random(3)
    pool = [
        "maintenance",
        "des",
        "laminoirs",
        "prédictive",
        "robots",
        "usine",
        "l'acier",
        "the",
        "sensors",
        "cœur",
    ]
    texts = [" ".join(rng.choices(pool, k=rng.randint(0, 9))) for _ in range(60)]
    languages = [rng.choice(["fr", "en"]) for _ in texts]
    one_by_one = TextAnalyzer(stopwords, bigrams=True)
    batched = TextAnalyzer(stopwords, bigrams=True)
    for analyzer in (one_by_one, batched):
        analyzer.add_phrase("maintenance prédictive", "fr", "C1")
    expected = [one_by_one.features(text, language) for text, language in zip(texts, languages, strict=True)]
    # two batches, so that the second one meets both known and new stems and bigrams
    found: list[list[int]] = [[] for _ in texts]
    for start, end in ((0, 25), (25, 60)):
        features, owners = batched.features_batch(texts[start:end], languages[start:end])
        for feature, owner in zip(features.tolist(), owners.tolist(), strict=True):
            found[start + owner].append(feature)
    assert found == expected
    assert list(batched.vocabulary.names) == list(one_by_one.vocabulary.names)
    assert batched.vocabulary.kinds.tolist() == one_by_one.vocabulary.kinds.tolist()
