"""Actor recognition: dictionary aliases plus context rules, all lexicons as data.

Five rule families, each one combined regex per language, built once and cached:

1. dictionary aliases (geodata/sources/actors.yaml for all languages, the pack's
   actor_aliases.yaml for one) with the language's inflection suffix; a
   state or group alias after a locative preposition is a place, not an actor;
2. demonym + agentive head noun ("russische Truppen" -> Russia, "kasachische Nationalisten"
   -> Kazakh nationalists); an abstract head ("russisches Öl") yields nothing;
3. role noun + name ("der weißrussische Aktivist Dzmitry Halko");
4. appositions ("der Gründer von NED, Carl Gershman", "John Smith, a spokesman for ...");
5. companies outside the dictionary by their company word or legal form ("KMG Trading").

`event_participants` then keeps, of the mentions of one event, those that take part in it.

Overlaps are resolved longest-first, dictionary before context persons before demonyms.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

import yaml

from events import lang as lang_data
from events.lexicon_regex import trie_alternation
from events.names import NameMatcher

DICTIONARY_PATH = Path(__file__).resolve().parents[1] / "geodata" / "sources" / "actors.yaml"
ACTOR_TYPES = frozenset({"state", "organisation", "person", "group"})
_LOCATIVE_TYPES = frozenset({"state", "group"})
_LOOKBEHIND = 60  # characters of left context inspected for locatives and demonyms
_PRIORITY_DICTIONARY, _PRIORITY_PERSON, _PRIORITY_DEMONYM = 3, 2, 1
# A phrase whose event word stands this close after its opener is the event itself ("following
# the signing of", "nach dem Treffen mit"): its names take part.
_FRAME_HEAD = 16
_COMPANY_TOKENS = 5  # capitalised words of a company name before its company word ("Trans-Asia Gas Pipeline Company")
_MIN_VARIANT = 5  # shorter surnames ("Li", "Wang") are matched as written only


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    name: str
    type: str
    country_code: str | None
    wikidata: str | None
    # For a reference resolved by events/coreference.py ("er", "der Präsident"): the span of the
    # mention it was resolved to; `text` is then the anaphor as written, `name` the antecedent's.
    antecedent: tuple[int, int] | None = None

    @property
    def resolved(self) -> bool:
        """True for a pronoun or description resolved to an actor named before."""
        return self.antecedent is not None


@dataclass(frozen=True, slots=True)
class Actor:
    """One dictionary entry, independent of language."""

    name: str
    type: str
    country_code: str | None
    wikidata: str | None
    demonym: str | None
    source: bool = False  # a news agency or medium: recognised (no person, no place), never an actor
    stands_for: str | None = None  # metonymy: reported as this actor ("Kremlin" -> Russia)
    gender: str | None = None  # persons: "m" | "f", for pronoun resolution (events/coreference.py)
    roles: tuple[str, ...] = ()  # persons: offices ("head_of_state"); organisations: kinds ("company")


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    priority: int
    actor: Actor


@lru_cache(maxsize=1)
def load_dictionary() -> tuple[tuple[Actor, tuple[str, ...]], ...]:
    """(actor, aliases shared by all languages) for every entry; validated once."""
    with DICTIONARY_PATH.open(encoding="utf-8") as handle:
        entries = yaml.load(handle, Loader=lang_data.YAML_LOADER)
    result = []
    for entry in entries:
        if entry.get("type") not in ACTOR_TYPES:
            raise ValueError(f"actor {entry.get('name')!r}: unknown type {entry.get('type')!r}")
        if entry.get("gender") not in (None, "m", "f"):
            raise ValueError(f"actor {entry['name']!r}: gender must be m or f, got {entry['gender']!r}")
        actor = Actor(entry["name"], entry["type"], entry.get("country"), entry.get("wikidata"), entry.get("demonym"),
                      bool(entry.get("source")), entry.get("stands_for"), entry.get("gender"),
                      tuple(entry.get("roles") or ()))
        result.append((actor, tuple(entry.get("aliases") or ())))
    by_name = {actor.name: actor for actor, _ in result}
    for actor, _ in result:
        if actor.stands_for is not None and actor.stands_for not in by_name:
            raise ValueError(f"actor {actor.name!r}: stands_for names unknown actor {actor.stands_for!r}")
    return tuple(result)


@lru_cache(maxsize=1)
def _reported_as() -> dict[str, Actor]:
    """Entry name -> the actor records carry for it (itself, or what it stands for)."""
    by_name = {actor.name: actor for actor, _ in load_dictionary()}
    return {name: by_name[actor.stands_for] if actor.stands_for else actor for name, actor in by_name.items()}


@lru_cache(maxsize=1)
def actor_forms() -> dict[str, str]:
    """Every name the dictionary and the language packs give an actor, lower-cased, -> the name its
    records carry ("russland" -> "Russia", "kreml" -> "Russia"): what a user may type for an actor."""
    forms: dict[str, str] = {}
    for actor, aliases in load_dictionary():
        reported = _reported_as()[actor.name].name
        for form in (actor.name, *aliases):
            forms.setdefault(form.casefold(), reported)
    for lang in lang_data.available_languages():
        for name, aliases in language_aliases(lang)[0].items():
            for form in aliases:
                forms.setdefault(form.casefold(), _reported_as()[name].name)
    return forms


@lru_cache(maxsize=None)
def language_aliases(lang: str) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(aliases, heads) of the pack's actor_aliases.yaml, by canonical name; an unknown name is an error."""
    data = lang_data.load(lang, "actor_aliases")
    known = {actor.name for actor, _ in load_dictionary()}
    for section in ("aliases", "heads"):
        unknown = sorted(set(data[section]) - known)
        if unknown:
            raise ValueError(f"{lang}/actor_aliases.yaml {section}: unknown actors {unknown} (see {DICTIONARY_PATH})")
    return data["aliases"], data["heads"]


def _first_upper_variants(words) -> set[str]:
    """Each word as written and with a capital first letter (sentence-initial use)."""
    return {variant for word in words for variant in (word, word[0].upper() + word[1:])}


def _title_variants(words) -> set[str]:
    """Lower-case nouns as written, Capitalised and Title Case ("foreign ministry" -> "Foreign Ministry")."""
    titled = {" ".join(part[0].upper() + part[1:] for part in word.split(" ")) for word in words}
    return _first_upper_variants(words) | titled


class _Rules:
    """Compiled matchers for one language, built from its actors.yaml and the dictionary."""

    def __init__(self, lang: str) -> None:
        rules = lang_data.load(lang, "actors")
        _require_strings(lang, rules)
        self.lang = lang
        # German nouns are always capitalised; English role and head nouns may be either.
        self.noun_forms = (lambda words: set(words)) if rules["nouns_capitalised"] else _title_variants
        self._build_dictionary(rules)
        self._build_locatives(rules)
        self._build_demonyms(rules)
        self._build_persons(rules)
        self._build_participants(rules)
        self._build_companies(rules)
        self.names = NameMatcher(
            rules["name_skeleton"], self._person_forms(), rules["name_token"], rules["name_stopwords"],
            rules["common_noun_endings"])
        self.skeleton = lru_cache(maxsize=65536)(self.names.skeleton)

    def _person_forms(self) -> list[tuple[str, list[str]]]:
        """Every written form of each dictionary person, shared and of this language."""
        forms: dict[str, list[str]] = {}
        for alias, actor in self.alias_actor.items():
            if actor.type == "person":
                forms.setdefault(actor.name, []).append(alias)
        return list(forms.items())

    def _build_dictionary(self, rules: dict) -> None:
        self.alias_actor: dict[str, Actor] = {}
        self.head_actor: dict[tuple[str | None, str], Actor] = {}
        aliases, heads = language_aliases(self.lang)
        for actor, shared in load_dictionary():
            for alias in (*shared, *aliases.get(actor.name, ())):
                self.alias_actor.setdefault(alias, actor)
            for head in heads.get(actor.name, ()):
                self.head_actor[(actor.country_code, head.lower())] = actor
        self.actor_by_name = {actor.name: actor for actor in self.alias_actor.values()}
        self.alias_suffix = rules["alias_suffix"]
        self.alias_re = re.compile(
            rf"(?<![\w-])(?P<alias>{trie_alternation(self.alias_actor)}){self.alias_suffix}(?!\w)"
        )

    def _build_locatives(self, rules: dict) -> None:
        articles = trie_alternation(rules["locative_articles"])
        prepositions = trie_alternation(_first_upper_variants(rules["locative_prepositions"]))
        self.locative_tail_re = re.compile(
            rf"(?:(?<![\w-])(?:{prepositions})\s+(?:(?:{articles})\s+)?(?:{rules['locative_adjective']}\s+)?"
            rf"(?:{rules['locative_appositive']}\s+)?"
            rf"|(?<![\w-])(?:{trie_alternation(rules['locative_nouns'])})\s+(?:(?:{articles})\s+)?"
            rf"(?:{rules['locative_adjective']}\s+)?"
            + "".join(f"|{context}" for context in rules["locative_contexts"])
            + r")[„“”\"«»‚‘']?\Z"  # a quoted name is as much a place: 'in „Nur-Sultan“'
        )
        self.place_head_re = re.compile(
            rf"{rules['possessive_gap']}(?:{rules['between_adjective']}\s+){{0,2}}"
            rf"(?:{trie_alternation(self.noun_forms(rules['place_heads']))})(?!\w)")
        self.articles = frozenset(rules["locative_articles"])
        self.origin_prepositions = frozenset(_first_upper_variants(rules["origin_prepositions"]))
        self.coordination_re = re.compile(rules["coordination"])
        self.direction_aliases = frozenset(rules["direction_aliases"])
        self.direction_right_re = re.compile(rules["direction_right_context"])

    def _build_demonyms(self, rules: dict) -> None:
        by_name = {actor.name: actor for actor, _ in load_dictionary()}
        self.demonym_actor: dict[str, Actor] = {}
        for adjective, actor_name in rules["demonyms"].items():
            if actor_name not in by_name:
                raise ValueError(f"{self.lang} demonym {adjective!r} names unknown actor {actor_name!r}")
            self.demonym_actor[adjective.lower()] = by_name[actor_name]
        self.group_heads = {head.lower(): label for head, label in rules["group_heads"].items()}
        org_heads = {head for _, head in self.head_actor}
        self.heads = self.noun_forms(set(rules["state_heads"]) | set(rules["group_heads"]) | org_heads)
        self.head_suffix = rules["head_suffix"]
        self.heads_re = re.compile(rf"(?:{trie_alternation(self.heads)}){self.head_suffix}(?!\w)")
        self.between = rules["between_adjective"]
        adjective_forms = trie_alternation(_first_upper_variants(rules["demonyms"]))
        adjectives = rf"(?<![\w-])(?P<adj>{adjective_forms}){rules['demonym_ending']}"
        self.demonym_re = re.compile(
            rf"{adjectives}\s+(?:{self.between}\s+){{0,2}}?"
            rf"(?P<head>{trie_alternation(self.heads)}){self.head_suffix}(?!\w)"
        )
        self.demonym_tail_re = re.compile(rf"{adjectives}\s+(?:{self.between}\s+){{0,2}}\Z")

    def _build_persons(self, rules: dict) -> None:
        role_forms = self.noun_forms(rules["role_nouns"])
        self.role_words = frozenset(word for form in role_forms for word in form.split())
        self.possessive_gap_re = re.compile(rf"{rules['possessive_gap']}(?:{rules['between_adjective']}\s+){{0,2}}")
        self.possessive_endings = tuple(rules["name_possessive_endings"])
        roles = trie_alternation(role_forms)
        self.compound_head_re = re.compile(
            rf"(?:{trie_alternation(role_forms | self.heads)}){self.head_suffix}", re.IGNORECASE
        )
        token = rules["name_token"]
        particle = rf"(?:(?:{trie_alternation(rules['name_particles'])})[\s-])?"
        name = rf"{token}(?:\s+{particle}{token}){{0,{int(rules['name_max_tokens']) - 1}}}"
        self.name_token_re = re.compile(token)
        self.name_stopwords = frozenset(rules["name_stopwords"])
        self.noun_endings = tuple(rules["common_noun_endings"])
        linkers = trie_alternation(rules["role_linkers"])
        articles = trie_alternation(rules["locative_articles"])
        apposition_articles = trie_alternation(self.noun_forms(rules["apposition_articles"]))
        self.role_name_re = re.compile(rf"(?<!\w)(?P<role>{roles}){self.head_suffix}\s+(?P<name>{name})")
        self.apposition_re = re.compile(
            rf"(?<!\w)(?P<role>{roles}){self.head_suffix}\s+(?:{linkers})\s+(?:(?:{articles})\s+)?"
            rf"(?P<org>[^,.;:!?()\n]{{1,60}}?),\s+(?P<name>{name})"
        )
        self.reverse_apposition_re = re.compile(
            rf",\s+(?:(?:{apposition_articles})\s+)?(?:{self.between}\s+){{0,2}}?"
            rf"(?P<role>{roles}){self.head_suffix}(?!\w)"
        )
        self.name_tail_re = re.compile(rf"(?<![\w-])(?:{name})\Z")

    def _build_participants(self, rules: dict) -> None:
        self.frame_re = re.compile("|".join(f"(?:{frame})" for frame in rules["non_participant_frames"]))
        self.frame_end_re = re.compile(rules["frame_end"])
        self.possessor_ending = rules["possessor_ending"]
        self.possessive_re = re.compile(rules["possessive_gap"])
        self.adjective_re = re.compile(rf"{self.between}\s+")

    def _build_companies(self, rules: dict) -> None:
        token = rules["company_token"]
        words = trie_alternation(rules["company_words"])
        legal = trie_alternation(rules["legal_forms"])
        run = rf"{token}(?:\s+{token}){{0,{_COMPANY_TOKENS - 1}}}?"
        self.company_re = re.compile(
            rf"(?<![\w-])(?P<name>{run}\s+(?:{words})(?=\s+(?:{legal})(?!\w)|(?![\w-]))|{run}(?=\s+(?:{legal})(?!\w)))"
            rf"(?:\s+(?:{legal})(?!\w))?")
        # most texts name no company word at all: one search decides that before the costlier scan
        self.company_hint_re = re.compile(rf"(?<![\w-])(?:{words}|{legal})(?!\w)")
        self.company_token_re = re.compile(token)
        self.company_words = frozenset(rules["company_words"])

    # -- rule family 5 --------------------------------------------------------------------
    def company_candidates(self, text: str) -> list[_Candidate]:
        """'COSCO Shipping Ports', 'SOCAR Midstream Operations LLC' -> an organisation named by its
        capitalised words up to a company word or a legal form, which the name drops ('ECT
        Participations BV' -> 'ECT Participations'); leading stopwords ('The') are no part of it.
        A dictionary name of the same span wins ('China National Petroleum Corporation' -> CNPC)."""
        found: list[_Candidate] = []
        if self.company_hint_re.search(text) is None:
            return found
        for match in self.company_re.finditer(text):
            tokens = list(self.company_token_re.finditer(text, match.start("name"), match.end("name")))
            while tokens and tokens[0].group() in self.name_stopwords:
                tokens.pop(0)
            if not tokens or (len(tokens) == 1 and tokens[0].group() in self.company_words):
                continue
            start, name_end = tokens[0].start(), match.end("name")
            name = " ".join(text[start:name_end].split())
            found.append(_Candidate(start, match.end(), _PRIORITY_PERSON, Actor(name, "organisation", None, None, None)))
        return found

    # -- who takes part in an event (events/pipeline.py) ----------------------------------
    def takes_part(self, text: str, mention: ActorMention, others: _Known[ActorMention],
                   span: tuple[int, int], trigger: tuple[int, int] | None) -> bool:
        """Whether a mention is a participant of the event, not a name the clause merely mentions."""
        if mention.type == "group" and mention.wikidata is None and mention.name not in _reported_as():
            return False  # "Chinese companies", "kasachische Nationalisten": unnamed groups describe, not name
        if self._in_frame(text, mention.start, others, span, trigger):
            return False
        if mention.type == "person":  # "Toqaev's victory", "die Erwähnungen Nasarbajews": persons acted on
            return True
        return not self._possessor_of_other(text, mention, others, trigger)

    def _in_frame(self, text: str, start: int, others: _Known[ActorMention], span: tuple[int, int],
                  trigger: tuple[int, int] | None) -> bool:
        """Inside a time, cause, topic or relative phrase ("after the death of X", "in the context of
        X", ", who ..."), unless that phrase holds the event word itself ("following the signing of
        an agreement between X and Y"). A name set off by commas right after it is its apposition
        ("zu Ehren des ersten Präsidenten, Nursultan Nasarbajew, ...")."""
        for frame in self.frame_re.finditer(text, span[0], start):
            end_match = self.frame_end_re.search(text, frame.end(), span[1])
            end = end_match.end() if end_match else span[1]
            if end_match and end_match.group() == ",":
                after = len(text) - len(text[end:].lstrip())
                apposition = others.starting_within(after, after)
                if apposition and text.startswith(",", apposition[0].end):
                    end = apposition[0].end
            if trigger is not None and frame.start() <= trigger[0] < end:
                if trigger[0] - frame.end() <= _FRAME_HEAD:
                    continue
                end = min(end, trigger[0])
            if start < end:
                return True
        return False

    def _possessor_of_other(self, text: str, mention: ActorMention, others: _Known[ActorMention],
                            trigger: tuple[int, int] | None) -> bool:
        """'China's first train', 'Kasachstans KazMunayGas', "SOCAR's subsidiary": a state or body
        that only qualifies what follows, unless that is one of its organs or the event word
        ("Kazakhstan's national railway company", "Russlands Truppen")."""
        gap = self.possessive_re.match(text, mention.end) if self._genitive(mention) else None
        if gap is None:
            return False
        position = gap.end()
        for _ in range(3):
            if self.heads_re.match(text, position) or (trigger is not None and position == trigger[0]):
                return False
            if others.starting_within(position, position):
                return True
            adjective = self.adjective_re.match(text, position)
            if adjective is None:
                return True
            position = adjective.end()
        return True

    def _genitive(self, mention: ActorMention) -> bool:
        """'Russlands' (alias + genitive s), not 'Belarus'; English marks it by the possessive gap."""
        ending = self.possessor_ending
        return not ending or (mention.text.endswith(ending) and mention.text[:-len(ending)] in self.alias_actor)

    # -- rule family 1 --------------------------------------------------------------------
    def dictionary_candidates(self, text: str) -> list[_Candidate]:
        found: list[_Candidate] = []
        last_place_end = last_origin_end = -1
        for match in self.alias_re.finditer(text):
            actor = self.alias_actor[match.group("alias")]
            start, end = match.span()
            if end < len(text) and text[end] == "-" and not self._is_agentive_compound(text, end + 1):
                continue
            if actor.type in _LOCATIVE_TYPES:
                if self._is_origin(text, start) or (
                        last_origin_end >= 0 and self.coordination_re.fullmatch(text, last_origin_end, start)):
                    last_origin_end = end  # "diplomats from Turkey, Iran and Russia": the states act
                    found.append(_Candidate(start, end, _PRIORITY_DICTIONARY, actor))
                    continue
                coordinated = last_place_end >= 0 and self.coordination_re.fullmatch(text, last_place_end, start)
                if (
                    coordinated
                    or self.locative_tail_re.search(text, max(0, start - _LOOKBEHIND), start)
                    or self.place_head_re.match(text, end)
                    or (match.group("alias") in self.direction_aliases and self.direction_right_re.match(text, end))
                ):
                    last_place_end = end
                    continue
            found.append(_Candidate(start, end, _PRIORITY_DICTIONARY, actor))
        return found

    def with_variant_names(self, text: str, known: list[_Candidate]) -> list[_Candidate]:
        """`known` plus dictionary persons in another transliteration ("Toqaev", "Imomali Rakhmon"),
        and with given names in another spelling joined to a surname found as written."""
        taken = [(c.start, c.end) for c in known]
        result = []
        for c in known:
            start = self.names.given_name_start(text, c.start, c.actor.name) if c.actor.type == "person" else c.start
            result.append(c if start == c.start else _Candidate(start, c.end, c.priority, c.actor))
        result += [_Candidate(hit.start, hit.end, _PRIORITY_DICTIONARY, self.actor_by_name[hit.key])
                   for hit in self.names.find(text, taken)]
        return sorted(result, key=lambda c: c.start)

    def _is_origin(self, text: str, start: int) -> bool:
        """'Diplomaten aus Russland', 'troops from Russia': an agentive head, then an origin preposition."""
        words = text[max(0, start - _LOOKBEHIND):start].split()
        if words and words[-1] in self.articles:
            words.pop()
        if len(words) < 2 or words[-1] not in self.origin_prepositions:
            return False
        return self.compound_head_re.fullmatch(words[-2]) is not None

    def _is_agentive_compound(self, text: str, head_start: int) -> bool:
        """'US-Regierung', 'NATO-Truppen' act; 'Ukraine-Konflikt', 'Pentagon-Biolabor' do not."""
        head = re.match(r"[\w-]+", text[head_start:head_start + 40])
        return bool(head) and self.compound_head_re.fullmatch(head.group()) is not None

    # -- rule family 2 --------------------------------------------------------------------
    def demonym_candidates(self, text: str) -> list[_Candidate]:
        found = []
        for match in self.demonym_re.finditer(text):
            state = self.demonym_actor[match.group("adj").lower()]
            actor = self._head_actor(state, match.group("head").lower())
            found.append(_Candidate(match.start(), match.end(), _PRIORITY_DEMONYM, actor))
        return found

    def _head_actor(self, state: Actor, head: str) -> Actor:
        if (state.country_code, head) in self.head_actor:
            return self.head_actor[(state.country_code, head)]
        if head in self.group_heads:
            label = f"{state.demonym or state.name} {self.group_heads[head]}"
            return Actor(label, "group", state.country_code, None, None)
        return state

    # -- rule families 3 and 4 ------------------------------------------------------------
    def person_candidates(
        self, text: str, known: list[_Candidate]
    ) -> tuple[list[_Candidate], list[tuple[int, int]]]:
        """Context persons, plus role phrases whose demonym must not become a state actor."""
        index = _Known(known)
        persons, consumed = self._role_persons(text, index)
        appositions, described = self._apposition_persons(text, index)
        return persons + appositions, consumed + described

    def _role_persons(self, text: str, known: _Known[_Candidate]) -> tuple[list[_Candidate], list[tuple[int, int]]]:
        """'der weißrussische Aktivist Dzmitry Halko', 'NED founder Carl Gershman'."""
        persons: list[_Candidate] = []
        consumed: list[tuple[int, int]] = []
        for match in self.role_name_re.finditer(text):
            demonym_start = self._demonym_start(text, match.start())
            possessor = self._possessor(text, match.start(), known)
            phrase_start = match.start() if demonym_start is None else demonym_start
            if possessor is not None:  # "Kasachstans Präsident Tokajew": only the person acts
                phrase_start = min(phrase_start, possessor.start)
            span = self._clean_name(text, match.start("name"), match.end("name"), known, from_left=True)
            if span is None:  # "der russische Präsident Wladimir Putin": the dictionary names him
                named = [c for c in known.starting_within(match.start("name"), match.start("name"))
                         if c.actor.type == "person"]
                consumed.extend((phrase_start, c.end) for c in named)
                continue
            consumed.append((phrase_start, span[1]))
            country = self._country_before(text, match.start("role"), known, demonym_start)
            persons.append(self._person(text, span, possessor.actor.country_code if possessor else country))
        return persons, consumed

    def _possessor(self, text: str, role_start: int, known: _Known[_Candidate]) -> _Candidate | None:
        """A state right before a role noun, as its possessor: "Russlands Präsident", "Tajikistan's president".

        Only mentions ending in the _LOOKBEHIND characters before the role are looked at, as for demonyms."""
        for candidate in known.touching(max(0, role_start - _LOOKBEHIND), role_start - 1):
            if (candidate.actor.type == "state" and candidate.end < role_start
                    and self.possessive_gap_re.fullmatch(text, candidate.end, role_start)):
                return candidate
        return None

    def _apposition_persons(
        self, text: str, known: _Known[_Candidate]
    ) -> tuple[list[_Candidate], list[tuple[int, int]]]:
        """'Der Präsident des NED, Allen Weinstein' and 'John Smith, a spokesman for the CSTO'.

        What describes the person before its name ("der Leiter der kasachischen Wahlkommission,
        Nurlan Abdirow") comes back as consumed: the person acts, not the body named in the role."""
        persons = []
        consumed = []
        for match in self.apposition_re.finditer(text):
            span = self._clean_name(text, match.start("name"), match.end("name"), known, from_left=True)
            if span is not None:
                country = self._country_within(known, match.start("org"), match.end("org"))
                persons.append(self._person(text, span, country))
            name_start = match.start("name")
            if span is not None or any(c.actor.type == "person" for c in known.starting_within(name_start, name_start)):
                consumed.append((match.start(), match.start("name")))
        for match in self.reverse_apposition_re.finditer(text):
            name = self.name_tail_re.search(text, max(0, match.start() - _LOOKBEHIND), match.start())
            span = name and self._clean_name(text, name.start(), name.end(), known, from_left=False)
            if span:
                country = self._country_within(known, match.start(), match.end())
                if country is None:
                    country = self._country_after(text, known, match.end())
                persons.append(self._person(text, span, country))
        return persons, consumed

    def repeated_persons(self, text: str, introduced: list[_Candidate]) -> list[_Candidate]:
        """Later mentions of a person introduced by context: full name or surname ("Ehrlichs")."""
        forms: dict[str, Actor] = {}
        for candidate in introduced:
            full_name = candidate.actor.name
            forms[full_name] = candidate.actor
            surname = full_name.split()[-1]
            if full_name != surname and not self._bad_token(surname):
                forms.setdefault(surname, candidate.actor)
        pattern = re.compile(rf"(?<![\w-])(?P<form>{trie_alternation(forms)}){self.alias_suffix}(?!\w)")
        found = [
            _Candidate(m.start(), m.end(), _PRIORITY_PERSON - 1, forms[m.group("form")]) for m in pattern.finditer(text)
        ]
        return found + self._variant_surnames(text, forms)

    def _variant_surnames(self, text: str, forms: dict[str, Actor]) -> list[_Candidate]:
        """The surname of a person introduced by context in another transliteration ("Amirzhan
        Kosanov" ... "Qosanov"): the same skeleton (events/names.py) names the same person, in the
        form first seen. Exact skeletons only: these persons have no dictionary entry to check against."""
        skeletons: dict[str, Actor] = {}
        for form, actor in forms.items():
            if " " not in form and len(form) >= _MIN_VARIANT:
                skeletons.setdefault(self.skeleton(form), actor)
        found: list[_Candidate] = []
        if not skeletons:
            return found
        for match in self.name_token_re.finditer(text):
            token = match.group()
            if len(token) < _MIN_VARIANT or token in forms or self._bad_token(token):
                continue
            actor = skeletons.get(self.skeleton(token))
            if actor is not None:
                found.append(_Candidate(match.start(), match.end(), _PRIORITY_PERSON - 1, actor))
        return found

    def _person(self, text: str, span: tuple[int, int], country: str | None) -> _Candidate:
        start, end = span
        for ending in self.possessive_endings:  # "Nazarbaev's choice": the name is "Nazarbaev"
            if text.endswith(ending, start, end):
                end -= len(ending)
                break
        span = (start, end)
        name = " ".join(text[start:end].split())
        return _Candidate(span[0], span[1], _PRIORITY_PERSON, Actor(name, "person", country, None, None))

    def _clean_name(
        self, text: str, start: int, end: int, known: _Known[_Candidate], *, from_left: bool
    ) -> tuple[int, int] | None:
        """Keep the name-like run of tokens: stop at stopwords, common nouns, known actors."""
        tokens = [t.span() for t in self.name_token_re.finditer(text, start, end)]
        good = [not self._bad_token(text[s:e]) and not known.overlaps(s, e) for s, e in tokens]
        if from_left:
            run = tokens[: good.index(False)] if False in good else tokens
        else:
            run = tokens[len(good) - good[::-1].index(False):] if False in good else tokens
        return (run[0][0], run[-1][1]) if run else None

    def _bad_token(self, token: str) -> bool:
        """Stopwords, common nouns and dictionary aliases (also places: "In Moscow, ...") are no name parts."""
        return (
            token in self.name_stopwords
            or token in self.role_words
            or (bool(self.noun_endings) and token.endswith(self.noun_endings))
            or self.alias_re.fullmatch(token) is not None
        )

    def _demonym_start(self, text: str, role_start: int) -> int | None:
        window_start = max(0, role_start - _LOOKBEHIND)
        match = self.demonym_tail_re.search(text, window_start, role_start)
        return match.start() if match else None

    def _country_before(
        self, text: str, role_start: int, known: _Known[_Candidate], demonym_start: int | None
    ) -> str | None:
        """Country of a demonym ('weißrussische Aktivist') or of an organisation right before the role."""
        if demonym_start is not None:
            adjective = self.demonym_tail_re.search(text, demonym_start, role_start).group("adj")
            return self.demonym_actor[adjective.lower()].country_code
        return self._country_within(known, role_start - 2, role_start)

    @staticmethod
    def _country_within(known: _Known[_Candidate], start: int, end: int) -> str | None:
        for candidate in known.touching(start, end):
            if candidate.actor.country_code:
                return candidate.actor.country_code
        return None

    @staticmethod
    def _country_after(text: str, known: _Known[_Candidate], role_end: int) -> str | None:
        """Country of the organisation that completes a role in the same clause ("the founder of NED")."""
        following = known.starting_within(role_end, role_end + 40)
        if not following or re.search(r"[.,;:!?]", text[role_end:following[0].start]):
            return None
        return following[0].actor.country_code


def _require_strings(lang: str, rules: dict) -> None:
    """YAML reads bare On/No/Yes as booleans; a word list must hold words only."""
    for key, value in rules.items():
        items = value if isinstance(value, list) else list(value) if isinstance(value, dict) else []
        if key == "name_skeleton":  # [regex, replacement] pairs
            bad = [item for item in items if not (isinstance(item, list) and len(item) == 2
                                                  and all(isinstance(part, str) for part in item))]
        else:
            bad = [item for item in items if not isinstance(item, str)]
        if bad:
            raise ValueError(f"{lang}/actors.yaml {key}: non-text entries {bad!r} (quote them)")


class _Span(NamedTuple):
    start: int
    end: int


_Located = TypeVar("_Located", _Candidate, _Span, ActorMention)


class _Known(Generic[_Located]):
    """Spans indexed by position, so each lookup near a name or role is a bisect: scanning every
    dictionary mention for every person made long texts quadratic. ``reach`` is the largest end
    among the spans so far (spans from several rules may overlap)."""

    def __init__(self, candidates: list[_Located]) -> None:
        self.items = sorted(candidates, key=lambda c: c.start)
        self.starts = [c.start for c in self.items]
        self.reach = list(accumulate((c.end for c in self.items), max))

    def touching(self, start: int, end: int) -> list[_Located]:
        """Candidates with c.end >= start and c.start <= end, in text order."""
        lo, hi = bisect_left(self.reach, start), bisect_right(self.starts, end)
        return [c for c in self.items[lo:hi] if c.end >= start]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a candidate shares a character with [start, end)."""
        index = bisect_left(self.starts, end)
        return index > 0 and self.reach[index - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """Whether one candidate contains all of [start, end)."""
        index = bisect_right(self.starts, start)
        return index > 0 and self.reach[index - 1] >= end

    def starting_within(self, lo: int, hi: int) -> list[_Located]:
        """Candidates with lo <= c.start <= hi, in text order."""
        return self.items[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    try:
        return _Rules(lang)
    except FileNotFoundError as error:
        raise ValueError(f"no actor rules for language {lang!r}") from error


def find_actors(text: str, *, lang: str) -> list[ActorMention]:
    """All actor mentions in `text`, sorted by position, non-overlapping."""
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}")
    rules = _rules(lang)
    dictionary = rules.dictionary_candidates(text)
    dictionary = rules.with_variant_names(text, dictionary)
    persons, consumed = rules.person_candidates(text, dictionary)
    consumed_index = _Known([_Span(s, e) for s, e in consumed])
    # a state or body inside a role phrase only describes the person named by it
    dictionary = [c for c in dictionary if c.actor.type == "person" or not consumed_index.covers(c.start, c.end)]
    dictionary_index = _Known(dictionary)
    demonyms = [
        c for c in rules.demonym_candidates(text)
        if not consumed_index.covers(c.start, c.end)
        and not any(c.end < d.end for d in dictionary_index.starting_within(c.start + 1, c.end - 1))  # "US State| Department"
    ]
    companies = [c for c in rules.company_candidates(text) if not consumed_index.covers(c.start, c.end)]
    chosen = _resolve(dictionary + persons + demonyms + companies)
    introduced = [c for c in chosen if c.priority == _PRIORITY_PERSON and c.actor.type == "person"]
    if introduced:
        chosen = _resolve(chosen + rules.repeated_persons(text, introduced))
    reported = _reported_as()
    mentions = []
    for c in chosen:
        if c.actor.source:
            continue
        actor = reported.get(c.actor.name, c.actor)
        mentions.append(ActorMention(c.start, c.end, text[c.start:c.end], actor.name, actor.type,
                                     actor.country_code, actor.wikidata))
    return mentions


def event_participants(text: str, mentions: tuple[ActorMention, ...] | list[ActorMention], *,
                       span: tuple[int, int], trigger: tuple[int, int] | None, lang: str) -> list[ActorMention]:
    """The mentions of one event that take part in it, as PLOVER and ACLED count actors: the doer and
    those acted on or with, not every name in the sentence. Names in a time, cause, topic or relative
    phrase ("after the death of X") and a state or body qualifying something else ("China's first
    train", "SOCAR's subsidiary") are left out, and so are unnamed groups ("Chinese companies");
    `span` is the sentence."""
    rules = _rules(lang)
    others = _Known(list(mentions))
    return [m for m in mentions if rules.takes_part(text, m, others, span, trigger)]


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, left to right; at one start the longest, then the surest, wins."""
    chosen: list[_Candidate] = []
    last_end = -1
    for candidate in sorted(candidates, key=lambda c: (c.start, c.start - c.end, -c.priority)):
        if candidate.start >= last_end:
            chosen.append(candidate)
            last_end = candidate.end
    return chosen
