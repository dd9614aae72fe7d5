"""Use cases of ENACT Match, as verbs over a unit of work; they return plain frozen rows."""
