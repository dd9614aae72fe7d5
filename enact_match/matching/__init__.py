"""Pure matching engine: French/English text analysis, TF-IDF index, ranking and explanations (no Qt, no database)."""
