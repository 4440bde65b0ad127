"""Compile a language's timex.yaml into one combined regex plus lexicon lookups.

Why one regex: trying one alternation of all rules (earlier rules preferred at the same start) is
far faster than one scan per rule. A second, cheap regex of trigger words (digits, month names,
units, relative words ...) decides where the combined regex is tried at all, so most of a text is
only looked at once. Lexicons compile to prefix-tree alternations, which the regex engine matches
about ten times faster than a flat list of words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Any

from events.lang import load
from events.lexicon_regex import trie_alternation

PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)(?::(\w+))?\}")  # {name}: identifier syntax of the rule files, not a language
NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
WORD = re.compile(r"\w+")
CHAR_CLASS_PAIR = re.compile(r"\[([^\W\d_])([^\W\d_])\]")   # "[Ii]m" in a pattern is the word "im"
# Left context a rule may need before its trigger word ("in der vergangenen", "Mitte der", "vom").
LEFT_CONTEXT_WORDS = 4
LEFT_CONTEXT_CHARS = 40


@dataclass(frozen=True)
class Rule:
    """One pattern of the rule file: its name, normaliser and the group prefix in the big regex."""
    name: str
    norm: str
    prefix: str
    groups: frozenset[str]          # the group names the rule's pattern defines (without prefix)
    keep_prefix: bool = False       # span keeps leading prepositions ("am selben Tag", TIMEX practice)
    aside: bool = False             # its dates span time ("1870/71") and do not set the story's time

    def get(self, m: re.Match[str], name: str) -> str | None:
        """The text of group ``name`` of this rule in a combined-regex match (None when absent)."""
        return m.group(f"{self.prefix}_{name}") if name in self.groups else None


@dataclass(frozen=True)
class Grammar:
    """Everything the tagger needs for one language, built once per process."""
    lang: str
    lexicons: dict[str, dict[str, Any]]
    rules: dict[str, Rule]          # keyed by group prefix ("r3")
    context_words: frozenset[str]   # lower-case words a rule may have before its trigger word
    combined: re.Pattern[str]
    trigger: re.Pattern[str]
    speech_verbs: re.Pattern[str]
    generic_markers: re.Pattern[str]
    clause_breaks: tuple[str, ...]
    strip_prefix: re.Pattern[str]   # leading context words that are not part of a span ("im", "am")
    strip_suffix: re.Pattern[str]   # trailing ones ("lang")
    bc: re.Pattern[str]             # era marker ("v. Chr.", "BC") anywhere in a match makes its year negative
    background: re.Pattern[str]     # text before a date marking it an aside ("seit 1939", "(1908)"): no new story time
    tense: re.Pattern[str]          # tense cues: group "future" ("wird", "will"), "past" ("hatte", "-ed") or
                                    # "brk", a word starting a new clause ("und", "and")


def _variants(words: list[str], case_sensitive: bool) -> set[str]:
    """Lexicon keys as written plus, unless case matters, every mix of lower-case and capitalised
    words ("diesem Zeitpunkt", "Zu diesem Zeitpunkt": German nouns and sentence starts)."""
    if case_sensitive:
        return set(words)
    return {" ".join(mix) for key in words
            for mix in product(*[(w, w[:1].upper() + w[1:]) for w in key.split(" ")])}


def _alternation(words: list[str], case_sensitive: bool = False) -> str:
    """Match any of ``words`` (never match when there are none); longest wins because the trie's
    optional tails are greedy. A space in a lexicon entry matches any run of whitespace."""
    if not words:
        return "(?!)"
    variants = _variants([w.lower() if not case_sensitive else w for w in words], case_sensitive)
    return trie_alternation(variants, space=r"\s+")


def _lower_of_case_pair(m: re.Match[str]) -> str:
    """"[Ii]" -> "i": a class of one letter in both cases stands for that letter in a word."""
    upper, lower = m.group(1), m.group(2)
    return lower if upper.isupper() and lower.islower() else m.group(0)


def _words(values: list[Any], where: str) -> list[str]:
    """The list's words; YAML reads unquoted on/no/yes as booleans, which must not become words."""
    for value in values:
        if not isinstance(value, str):
            raise ValueError(f"timex rules {where}: entry {value!r} is not a word (quote it in the YAML)")
    return values


def _lexicons(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Read lexicons; a {from, except} entry derives a sub-lexicon from another one."""
    lexicons: dict[str, dict[str, Any]] = {}
    for name, entries in spec.items():
        if isinstance(entries, dict) and "from" in entries:
            continue
        if isinstance(entries, list):
            entries = {word: True for word in entries}
        lexicons[name] = {k.lower(): v for k, v in zip(_words(list(entries), name), entries.values())}
    for name, entries in spec.items():
        if isinstance(entries, dict) and "from" in entries:
            base, excluded = lexicons[entries["from"]], set(entries.get("except", []))
            lexicons[name] = {k: v for k, v in base.items() if k not in excluded}
    return lexicons


def _expand(pattern: str, prefix: str, lexicons: dict[str, dict[str, Any]],
            macros: dict[str, str], case_sensitive: set[str]) -> str:
    """Replace {name} placeholders by named groups and prefix every group name with the rule's id."""
    pattern = NAMED_GROUP.sub(lambda m: f"(?P<{prefix}_{m.group(1)}>", pattern)
    used: set[str] = set()

    def group(m: re.Match[str]) -> str:
        source, alias = m.group(1), m.group(2) or m.group(1)
        if source in lexicons:
            body = _alternation(list(lexicons[source]), source in case_sensitive)
        elif source in macros:
            body = macros[source]
        else:
            raise ValueError(f"timex rule uses unknown lexicon or macro {source!r}")
        if alias in used:          # a second use of the same name only matches, it is not captured
            return f"(?:{body})"
        used.add(alias)
        return f"(?P<{prefix}_{alias}>{body})"

    return PLACEHOLDER.sub(group, pattern)


@lru_cache(maxsize=None)
def grammar(lang: str) -> Grammar:
    """Build (once) the grammar for ``lang`` from events/lang/<lang>/timex.yaml."""
    spec = load(lang, "timex")
    for key, value in spec.items():
        if isinstance(value, list) and key != "rules":
            _words(value, f"{lang}/{key}")
    lexicons = _lexicons(spec["lexicons"])
    macros = dict(spec.get("macros", {}))
    macros["veto"] = f"(?:{_alternation(spec.get('year_veto_units', []))})(?!\\w)"
    macros["veto_after"] = spec.get("year_veto_after") or "(?!)"
    # Python lookbehinds need a fixed width: one per word.
    macros["year_context"] = "(?:" + "|".join(
        [f"(?<=\\b{re.escape(w)} )" for w in _variants(spec.get("year_context_before", []), False)] or ["(?!)"]) + ")"
    macros["veto_before"] = "".join(
        f"(?<!{re.escape(w)} )" for w in _variants(spec.get("year_veto_before", []), False))
    case_sensitive = set(spec.get("case_sensitive", []))
    rules: dict[str, Rule] = {}
    branches = []
    context_words = {word for lexicon in lexicons.values() for key in lexicon for word in key.split()}
    for index, rule in enumerate(spec["rules"]):
        prefix = f"r{index}"
        body = _expand(rule["pattern"], prefix, lexicons, macros, case_sensitive)
        groups = frozenset(n[len(prefix) + 1:] for n in NAMED_GROUP.findall(body))
        rules[prefix] = Rule(rule["name"], rule["norm"], prefix, groups, rule.get("keep_prefix", False),
                             rule.get("aside", False))
        plain = CHAR_CLASS_PAIR.sub(_lower_of_case_pair, rule["pattern"])
        context_words.update(w.lower() for w in re.findall(r"[^\W\d_]{2,}", plain))
        branches.append(f"(?<!\\w)(?P<{prefix}>{body})")
    combined = re.compile("|".join(branches))
    heads = [w.split()[-1] for name in spec["trigger_lexicons"] for w in lexicons[name]]
    trigger = re.compile(r"\b(?:\d|(?:" + trie_alternation(_variants(heads, False) | {
        w for name in case_sensitive for w in lexicons[name]}, space=r"\s+") + r")\b)")
    return Grammar(
        lang=lang,
        lexicons=lexicons,
        rules=rules,
        context_words=frozenset(context_words),
        combined=combined,
        trigger=trigger,
        speech_verbs=re.compile(r"(?<!\w)(?:" + _alternation(spec.get("speech_verbs", [])) + r")(?!\w)"),
        generic_markers=re.compile(r"(?<!\w)(?:" + _alternation(spec.get("generic_markers", [])) + r")(?!\w)"),
        clause_breaks=tuple(spec.get("clause_breaks", [])),
        strip_prefix=re.compile(r"(?:" + _alternation(spec.get("strip_prefixes", [])) + r")\s+"),
        bc=re.compile(macros.get("bc", "(?!)")),
        background=re.compile(r"(?<!\w)(?:" + _alternation(spec.get("background_prefixes", [])) + r")\s+\Z|\(\Z"),
        strip_suffix=re.compile(r"\s+(?:" + _alternation(spec.get("strip_suffixes", [])) + r")$"),
        tense=_tense_pattern(spec),
    )


def _tense_pattern(spec: dict[str, Any]) -> re.Pattern[str]:
    """One regex for all tense cues and the words that end their clause. Future comes first, so a
    word that is both ("scheduled" is a future word and an -ed form) counts as future."""
    past = _alternation(spec["past_markers"])
    if spec.get("past_pattern"):
        past = f"{past}|{spec['past_pattern']}"
    return re.compile(r"(?<!\w)(?:(?P<future>" + _alternation(spec["future_markers"]) + r")|(?P<past>"
                      + past + r")|(?P<brk>" + _alternation(spec["tense_breaks"]) + r"))(?!\w)")


def scan(text: str, g: Grammar) -> list[tuple[Rule, re.Match[str]]]:
    """All rule matches, non-overlapping. The combined regex is tried only at the start of a
    trigger word and at the starts of the few words before it that rules use as left context
    ("in der vergangenen", "Mitte der"); of the matches that reach the trigger the longest wins."""
    found: list[tuple[Rule, re.Match[str]]] = []
    last_end = 0
    for trigger in g.trigger.finditer(text):
        head = trigger.start()
        if head < last_end:
            continue
        floor = max(last_end, head - LEFT_CONTEXT_CHARS)
        starts = [head]
        for word in reversed(list(WORD.finditer(text, floor, head))[-LEFT_CONTEXT_WORDS:]):
            if word.group().lower() not in g.context_words:
                break
            starts.append(word.start())
        best: re.Match[str] | None = None
        for start in reversed(starts):      # leftmost first: it wins ties
            m = g.combined.match(text, start)
            if m is not None and m.end() > head and (best is None or m.end() > best.end()):
                best = m
        if best is not None:
            found.append((g.rules[best.lastgroup], best))
            last_end = best.end()
    return found
