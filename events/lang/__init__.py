"""Language packs: everything language-specific, as files only.

A pack is the folder ``events/lang/<code>/``: hand-written ``<name>.yaml`` files (rules, lexicons,
actor and place aliases) plus ``generated/`` files written by ``python -m geodata.build``. Adding a
language (Russian next) means adding a folder that passes tests/test_lang_packs.py, which holds every
pack to ``REQUIRED_KEYS`` and ``OPTIONAL_KEYS``: the files the code reads, each key it reads and that
key's kind. A key the code reads belongs in one of the two tables. Files are read once per process
and shared read-only.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).parent
# libyaml's parser, about ten times faster than PyYAML's pure-Python one; same safe subset of YAML.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Kinds of values (checked by tests/test_lang_packs.py):
WORDS = "words"            # list of strings (quote YAML's no/on/yes, which read as booleans)
TEXT = "text"              # one string, often a regular expression
FLAG = "flag"              # true/false
COUNT = "count"            # an integer
WORD_MAP = "word map"      # mapping of strings to strings
WORD_LISTS = "word lists"  # mapping of strings to lists of strings
MAPPING = "mapping"        # mapping with a structure of its own, checked by the module that reads it
LIST = "list"              # list with a structure of its own, checked by the module that reads it

REQUIRED_KEYS: dict[str, dict[str, str]] = {
    "actors": {   # events/actors.py, events/names.py, events/coreference.py: actor recognition
        "alias_suffix": TEXT, "ambiguous_pronouns": WORDS, "anaphor_articles": WORDS, "anaphor_blockers": WORDS,
        "anaphor_organisations": WORD_LISTS, "anaphor_pronouns": WORD_MAP, "anaphor_roles": WORD_LISTS,
        "apposition_articles": WORDS, "between_adjective": TEXT, "company_token": TEXT, "company_words": WORDS,
        "common_noun_endings": WORDS, "coordination": TEXT, "demonym_ending": TEXT, "demonyms": WORD_MAP,
        "direction_aliases": WORDS, "direction_right_context": TEXT, "frame_end": TEXT, "group_heads": WORD_MAP,
        "head_suffix": TEXT, "legal_forms": WORDS, "locative_adjective": TEXT, "locative_articles": WORDS,
        "locative_appositive": TEXT, "locative_contexts": WORDS, "locative_nouns": WORDS, "locative_prepositions": WORDS,
        "name_max_tokens": COUNT, "name_particles": WORDS, "name_possessive_endings": WORDS,
        "name_skeleton": LIST, "name_stopwords": WORDS, "name_token": TEXT, "non_participant_frames": WORDS,
        "nouns_capitalised": FLAG, "origin_prepositions": WORDS, "place_heads": WORDS, "possessive_gap": TEXT,
        "possessor_ending": TEXT, "role_linkers": WORDS, "role_nouns": WORDS,
        "state_heads": WORDS,
    },
    "actor_aliases": {   # events/actors.py: canonical actor name -> forms / head nouns in this language
        "aliases": WORD_LISTS, "heads": WORD_LISTS,
    },
    "document": {"byline_patterns": WORDS},                       # events/documents.py
    "event_types": {"types": MAPPING},                            # events/event_types.py
    "events": {                      # events/pipeline.py, events/clauses.py, events/discourse.py
        "action_verb_exceptions": WORDS, "action_verb_pattern": TEXT, "action_verb_vetoes": WORDS, "claim_markers": WORDS,
        "clause_conjunctions": WORDS, "conditional_markers": WORDS, "date_conjunctions": WORDS, "future_markers": WORDS,
        "hypothetical_markers": WORDS, "negation_cancellers": WORDS, "negation_markers": WORDS, "past_auxiliaries": WORDS,
        "present_auxiliaries": WORDS, "range_connectors": WORDS, "report_markers": WORDS, "since_markers": WORDS,
    },
    "language": {"stopwords": WORDS},                             # events/documents.py: language detection
    "place_aliases": {"aliases": WORD_LISTS},   # geodata/build/gazetteer.py: gazetteer key -> names
    "places": {                                  # events/places_index.py, events/places.py
        "adjective_endings": WORD_LISTS, "bridge_words": WORDS, "common_word_places": WORDS,
        "determiners": WORDS, "genitive_suffixes": WORDS, "locative_prepositions": WORDS,
        "name_particles": WORDS, "never_places": WORDS, "not_places": WORDS,
        "town_after_capitalised_word_is_a_surname": FLAG,
    },
    "sentences": {"abbreviations": WORDS, "ordinal_followers": WORDS, "quotes": LIST},   # events/sentences.py
    "timex": {                                                            # events/timex/grammar.py
        "background_prefixes": WORDS, "clause_breaks": WORDS, "future_markers": WORDS,
        "generic_markers": WORDS, "past_markers": WORDS, "lexicons": MAPPING, "macros": WORD_MAP, "rules": LIST,
        "speech_verbs": WORDS, "strip_prefixes": WORDS, "strip_suffixes": WORDS, "tense_breaks": WORDS,
        "trigger_lexicons": WORDS,
        "year_veto_before": WORDS, "year_veto_units": WORDS,
    },
    # written by `python -m geodata.build` (geodata/build/homographs.py), read when building the place index
    "generated/places_homographs": {"homographs": WORDS},
}
# Keys a pack may leave out: the code reads them with a default.
OPTIONAL_KEYS: dict[str, dict[str, str]] = {
    "timex": {"case_sensitive": WORDS, "past_pattern": TEXT, "year_context_before": WORDS,
              "year_veto_after": TEXT},
    "places": {   # events/place_choice.py, events/places.py (currency_signs, district_*, organisation_words)
        "border_phrases": WORDS, "clause_marks": WORDS, "commodity_nouns": WORDS, "currency_signs": WORDS,
        "dateline_patterns": WORDS, "district_prefixes": WORD_MAP, "district_suffixes": WORD_MAP,
        "elaboration_words": WORDS, "event_locatives": WORDS, "locative_adjective_endings": WORDS,
        "organisation_words": WORDS, "origin_heads": WORDS, "origin_prepositions": WORDS, "topic_heads": WORDS,
    },
}


def available_languages() -> list[str]:
    """Languages that ship rule files; order is stable so 'auto' detection is deterministic."""
    return sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))


@lru_cache(maxsize=None)
def load(lang: str, name: str) -> Any:
    """Return the parsed ``<lang>/<name>.yaml``; a missing file is an error naming both."""
    path = LANG_DIR / lang / f"{name}.yaml"
    if not path.is_file():
        raise FileNotFoundError(f"no {name!r} rules for language {lang!r} (expected {path})")
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=YAML_LOADER)
