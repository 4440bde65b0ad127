"""Rule-based coreference within one document: "er", "she", "der Präsident", "the company".

A sentence whose subject is a pronoun or a definite description loses its actor unless the
reference is resolved to someone named before. Three kinds of anaphor, all lexicons in the pack's
actors.yaml:

- personal pronouns (`anaphor_pronouns`, pronoun -> gender) resolve to the last person mentioned in
  the same or the `PRONOUN_REACH` previous sentences whose gender is compatible (known and equal, or
  unknown; an `ambiguous_pronouns` form such as German "sie", which is also "they", needs a known
  female person). The short reach is because German "er" also stands for masculine things ("der
  Damm ... Er brach");
- a definite article, an optional demonym and a role noun (`anaphor_roles`: "der Präsident",
  "the Russian president") resolve to the last person holding that role: introduced with a role
  noun of the same role just before the name ("Präsident Tokajew"), or holding it in the dictionary
  (`roles`); a demonym restricts the person's country;
- a definite article and an organisation noun (`anaphor_organisations`: "das Unternehmen", "the
  ministry") resolve to the last organisation of that kind: by the dictionary's `roles`, or a mention
  whose own text ends in such a noun ("das russische Außenministerium").

A description right after a preposition (`anaphor_blockers`: "zum Präsidenten", "of the company")
or before a name or linker ("der Präsident des NED", "the president of ...") is not an anaphor.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache

from events import lang as lang_data
from events.actors import Actor, ActorMention, find_actors, load_dictionary
from events.lexicon_regex import trie_alternation
from events.sentences import Sentence, split_sentences

PRONOUN_REACH = 2      # sentences back a pronoun may reach (the same sentence counts as 0)
ROLE_CONTEXT = 60      # characters before a person's name searched for the role noun introducing it
ROLE_GAP_WORDS = 3     # words between that role noun and the name ("Präsidenten des Landes, X")
_CLAUSE_END_RE = re.compile(r"[.;:!?()]")
_SPACES_AND_COMMAS_RE = re.compile(r"[ ,]*")  # what may stand between a description and a name
_PERSON = "person"


@dataclass(frozen=True, slots=True)
class _Anaphor:
    start: int
    end: int
    kind: str                  # "pronoun" | "role" | "organisation"
    value: str                 # gender for pronouns, role or organisation kind otherwise
    country_code: str | None   # from a demonym ("der russische Präsident")
    needs_known_gender: bool = False


class _Rules:
    """The anaphor matchers of one language."""

    def __init__(self, lang: str) -> None:
        rules = lang_data.load(lang, "actors")
        self.pronoun_gender = {form: gender for form, gender in rules["anaphor_pronouns"].items()}
        self.ambiguous = frozenset(rules["ambiguous_pronouns"])
        pronouns = {variant for form in self.pronoun_gender for variant in (form, form[0].upper() + form[1:])}
        self.pronoun_re = re.compile(rf"(?<![\w-])(?:{trie_alternation(pronouns)})(?![\w-])")
        self.role_of = {noun: role for role, nouns in rules["anaphor_roles"].items() for noun in nouns}
        self.kind_of = {noun: kind for kind, nouns in rules["anaphor_organisations"].items() for noun in nouns}
        nouns = set(self.role_of) | set(self.kind_of)
        noun_forms = nouns if rules["nouns_capitalised"] else nouns | {n[0].upper() + n[1:] for n in nouns}
        articles = {variant for a in rules["anaphor_articles"] for variant in (a, a[0].upper() + a[1:])}
        by_name = {actor.name: actor for actor, _ in load_dictionary()}
        self.demonym_country = {adjective.lower(): by_name[name].country_code
                                for adjective, name in rules["demonyms"].items()}
        demonyms = trie_alternation({v for a in rules["demonyms"] for v in (a, a[0].upper() + a[1:])})
        self.description_re = re.compile(
            rf"(?<![\w-])(?:{trie_alternation(articles)})\s+"
            rf"(?:(?P<adj>{demonyms}){rules['demonym_ending']}\s+)?"
            rf"(?P<noun>{trie_alternation(noun_forms)})(?![\w-])"
        )
        self.blockers = frozenset(word.casefold() for word in rules["anaphor_blockers"])
        linkers = trie_alternation(rules["role_linkers"])
        self.linker_after_re = re.compile(rf"\s+(?:{linkers})\b")
        role_forms = {form for form in noun_forms if form in self.role_of or form[0].lower() + form[1:] in self.role_of}
        self.role_before_re = re.compile(
            rf"(?<![\w-])(?P<noun>{trie_alternation(role_forms)}){rules['head_suffix']}(?![\w-])")

    def anaphors(self, text: str, mentions: list[ActorMention]) -> list[_Anaphor]:
        """Pronouns and descriptions; a description followed by a name (a mention) or a linker is none."""
        named_starts = {m.start for m in mentions}
        found = []
        for match in self.pronoun_re.finditer(text):
            form = match.group().casefold()
            found.append(_Anaphor(match.start(), match.end(), "pronoun", self.pronoun_gender[form], None,
                                  form in self.ambiguous))
        for match in self.description_re.finditer(text):
            after = _SPACES_AND_COMMAS_RE.match(text, match.end()).end()  # no copy of the rest of the text
            if self._blocked(text, match.start()) or after in named_starts or self.linker_after_re.match(
                    text, match.end()):
                continue
            noun = match.group("noun")
            key = noun if noun in self.role_of or noun in self.kind_of else noun[0].lower() + noun[1:]
            adjective = match.group("adj")
            country = self.demonym_country[adjective.lower()] if adjective else None
            if key in self.role_of:
                found.append(_Anaphor(match.start(), match.end(), "role", self.role_of[key], country))
            else:
                found.append(_Anaphor(match.start(), match.end(), "organisation", self.kind_of[key], country))
        return sorted(found, key=lambda a: a.start)

    def _blocked(self, text: str, start: int) -> bool:
        words = text[max(0, start - 30):start].split()
        return bool(words) and words[-1].casefold() in self.blockers

    def context_role(self, text: str, mention: ActorMention, floor: int) -> str | None:
        """The role a person was introduced with: "Präsident Tokajew", "des ersten Präsidenten des Landes, X".

        The role noun must stand after `floor` (the end of the previous mention) and at most
        `ROLE_GAP_WORDS` words before the name, within the clause."""
        window_start = max(floor, mention.start - ROLE_CONTEXT)
        roles = list(self.role_before_re.finditer(text, window_start, mention.start))
        if not roles:
            return None
        gap = text[roles[-1].end():mention.start]
        if len(gap.split()) > ROLE_GAP_WORDS or _CLAUSE_END_RE.search(gap):
            return None
        noun = roles[-1].group("noun")
        return self.role_of.get(noun) or self.role_of.get(noun[0].lower() + noun[1:])

    def kind_by_text(self, mention: ActorMention) -> str | None:
        """'russische Außenministerium' ends in an organisation noun of kind 'ministry'."""
        last = mention.text.split()[-1].casefold() if mention.text.split() else ""
        for noun, kind in self.kind_of.items():
            if last.endswith(noun.casefold()):
                return kind
        return None


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    return _Rules(lang)


@lru_cache(maxsize=1)
def _entries() -> dict[str, Actor]:
    return {actor.name: actor for actor, _ in load_dictionary()}


def resolve_references(text: str, sentences: list[Sentence], mentions: list[ActorMention], *,
                       lang: str) -> list[ActorMention]:
    """Mentions for the anaphors of `text` that resolve to an earlier mention (sorted by position).

    Each has `text` = the anaphor as written, `name` (type, country, wikidata) = the antecedent's and
    `antecedent` = the antecedent's span; a resolved mention can itself be an antecedent. Anaphors
    overlapping a mention of `mentions` (an actor found by name) are left alone.
    """
    rules = _rules(lang)
    starts = [s.start for s in sentences]
    entries = _entries()
    known = sorted(mentions, key=lambda m: m.start)
    resolved: list[ActorMention] = []
    history: list[ActorMention] = []   # earlier mentions, named or resolved, in text order
    position = 0
    for anaphor in rules.anaphors(text, known):
        if any(m.start < anaphor.end and anaphor.start < m.end for m in known):
            continue
        while position < len(known) and known[position].start < anaphor.start:
            history.append(known[position])
            position += 1
        antecedent = _antecedent(text, anaphor, history, rules, entries, starts)
        if antecedent is None:
            continue
        mention = replace(antecedent, start=anaphor.start, end=anaphor.end,
                          text=text[anaphor.start:anaphor.end], antecedent=(antecedent.start, antecedent.end))
        resolved.append(mention)
        history.append(mention)
    return resolved


def _search_order(history: list[ActorMention], sentence_of: list[int], current: int) -> list[int]:
    """Indices of `history` in the order candidates are tried: the anaphor's own sentence from the
    nearest mention back, then each earlier sentence from its first mention on, because the first
    mention of a sentence is usually its subject ("Mirsijojew übernahm ... von Karimow. 2021 wurde
    er wiedergewählt": er = Mirsijojew)."""
    order: list[int] = []
    index = len(history) - 1
    while index >= 0 and sentence_of[index] == current:
        order.append(index)
        index -= 1
    while index >= 0:
        sentence = sentence_of[index]
        first = index
        while first > 0 and sentence_of[first - 1] == sentence:
            first -= 1
        order.extend(range(first, index + 1))
        index = first - 1
    return order


def _antecedent(text: str, anaphor: _Anaphor, history: list[ActorMention], rules: _Rules,
                entries: dict[str, Actor], starts: list[int]) -> ActorMention | None:
    sentence = bisect_right(starts, anaphor.start) - 1
    sentence_of = [bisect_right(starts, m.start) - 1 for m in history]
    for index in _search_order(history, sentence_of, sentence):
        mention = history[index]
        entry = entries.get(mention.name)
        if anaphor.kind == "pronoun":
            if sentence - sentence_of[index] > PRONOUN_REACH:
                return None
            if mention.type != _PERSON:
                continue
            gender = entry.gender if entry else None
            if gender == anaphor.value or (gender is None and not anaphor.needs_known_gender):
                return mention
        elif anaphor.country_code and mention.country_code != anaphor.country_code:
            continue
        elif anaphor.kind == "role" and mention.type == _PERSON:
            roles = entry.roles if entry else ()
            floor = history[index - 1].end if index else 0
            if anaphor.value in roles or rules.context_role(text, mention, floor) == anaphor.value:
                return mention
        elif anaphor.kind == "organisation" and mention.type != _PERSON:
            kinds = {*(entry.roles if entry else ()), rules.kind_by_text(mention)}
            if anaphor.value in kinds:
                return mention
    return None


def find_document_actors(text: str, *, lang: str, sentences: list[Sentence] | None = None) -> list[ActorMention]:
    """`find_actors` plus the resolved references of the whole document, sorted by position.

    The pipeline's one call for actors: pass the document's sentences when it has them already.
    """
    mentions = find_actors(text, lang=lang)
    if sentences is None:
        sentences = split_sentences(text, lang=lang)
    references = resolve_references(text, sentences, mentions, lang=lang)
    return sorted(mentions + references, key=lambda m: m.start)
