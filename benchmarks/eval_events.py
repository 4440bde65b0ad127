"""Score `events.pipeline.extract` against the held-out gold set in benchmarks/gold.

Why a separate benchmark: unit tests check each rule on sentences written for that rule; this
measures what the whole pipeline gets right on unseen articles, per language, so that a rule
change can be judged by its effect on dates, places and actors together.

Matching: a predicted dated event record matches a gold event when its `sentence` contains the
gold `sentence_contains` (whitespace-normalised); each gold event takes at most one prediction,
the one that agrees best. Predictions left over are false positives.

Only events whose `mode` is in `--modes` are scored, `asserted` by default: the gold annotates
what happened, and a plan, a denial or a hypothesis is not an event there (the extractor keeps
such records with their mode; a record without a `mode` counts as asserted).

    python benchmarks/eval_events.py [--verbose] [--gold-dir DIR] [--modes asserted,claimed]
"""
from __future__ import annotations

import argparse
import csv
import inspect
import json
import re
import shlex
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

GOLD_DIR = Path(__file__).resolve().parent / "gold"
REPO_ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("de", "en")

Record = dict
Extractor = Callable[..., list[Record]]


@dataclass(frozen=True, slots=True)
class Article:
    doc_id: str
    file: Path
    lang: str
    published: date | None
    author: str | None
    title: str | None

    @property
    def text(self) -> str:
        return self.file.read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    doc_id: str
    sentence_contains: str
    date_start: str
    date_end: str
    date_precision: str
    place_name: str | None
    country_code: str | None
    actors: tuple[str, ...]


def load_articles(gold_dir: Path = GOLD_DIR) -> list[Article]:
    """Manifest rows -> Article, in manifest order."""
    with (gold_dir / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return [
            Article(
                doc_id=row["doc_id"],
                file=gold_dir / row["file"],
                lang=row["language"],
                published=date.fromisoformat(row["published"]) if row["published"] else None,
                author=row["author"] or None,
                title=row["title"] or None,
            )
            for row in csv.DictReader(handle)
        ]


def load_gold(gold_dir: Path = GOLD_DIR) -> list[GoldEvent]:
    """events.jsonl -> GoldEvent (extra keys such as `note` are documentation only)."""
    events = []
    for line in (gold_dir / "events.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        events.append(GoldEvent(
            doc_id=raw["doc_id"], sentence_contains=raw["sentence_contains"],
            date_start=raw["date_start"], date_end=raw["date_end"],
            date_precision=raw["date_precision"], place_name=raw["place_name"],
            country_code=raw["country_code"], actors=tuple(raw["actors"]),
        ))
    return events


# ---------------------------------------------------------------- reading predictions defensively

def _text(record: Record, key: str) -> str | None:
    """A string field, or None when absent or of the wrong type: half-built stages must not crash us."""
    value = record.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _actors(record: Record) -> set[str]:
    value = record.get("actors")
    if not isinstance(value, (list, tuple)):
        return set()
    return {_norm(a) for a in value if isinstance(a, str) and a.strip()}


def _norm(text: str) -> str:
    """Compare names and sentences modulo case, spacing and typographic apostrophes (Xi’an = Xi'an)."""
    return re.sub(r"\s+", " ", text).strip().casefold().replace("\u2019", "'").replace("\u02bc", "'")


def is_dated_event(record: object) -> bool:
    """What the benchmark counts as a prediction: an event record (not a site, not the
    document's own `publication` record) with a date_start."""
    return (isinstance(record, dict) and record.get("kind", "event") == "event"
            and record.get("event_type") != "publication" and _text(record, "date_start") is not None)


# ---------------------------------------------------------------- matching and scoring

@dataclass(slots=True)
class Agreement:
    date_exact: bool
    date_overlap: bool
    granularity: bool
    place: bool
    country: bool
    actor_hits: int


def agreement(gold: GoldEvent, pred: Record) -> Agreement:
    start, end = _day(_text(pred, "date_start")), _day(_text(pred, "date_end"))
    gold_start, gold_end = date.fromisoformat(gold.date_start), date.fromisoformat(gold.date_end)
    place, country = _text(pred, "place_name"), _text(pred, "country_code")
    return Agreement(
        date_exact=(start, end) == (gold_start, gold_end),
        date_overlap=start is not None and end is not None and start <= gold_end and gold_start <= end,
        granularity=pred.get("date_precision") == gold.date_precision,
        place=gold.place_name is not None and place is not None and _norm(place) == _norm(gold.place_name),
        country=gold.country_code is not None and country is not None
        and country.upper() == gold.country_code.upper(),
        actor_hits=len(_actors(pred) & {_norm(a) for a in gold.actors}),
    )


def _rank(a: Agreement) -> tuple:
    return (a.date_exact, a.date_overlap, a.place, a.country, a.actor_hits, a.granularity)


@dataclass(slots=True)
class DocResult:
    article: Article
    pairs: list[tuple[GoldEvent, Record]] = field(default_factory=list)
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[Record] = field(default_factory=list)
    error: str | None = None
    records: list = field(default_factory=list)


def match(article: Article, gold: list[GoldEvent], records: Iterable[object], error: str | None = None) -> DocResult:
    """One-to-one: each gold event takes the best-agreeing unused prediction in its sentence."""
    records = list(records)
    unused = [r for r in records if is_dated_event(r)]
    result = DocResult(article, error=error, records=records)
    for event in gold:
        needle = _norm(event.sentence_contains)
        candidates = [r for r in unused if needle in _norm(_text(r, "sentence") or "")]
        if not candidates:
            result.missed.append(event)
            continue
        best = max(candidates, key=lambda r: _rank(agreement(event, r)))
        unused.remove(best)
        result.pairs.append((event, best))
    result.spurious = unused
    return result


@dataclass(slots=True)
class Count:
    """Micro counts: true positives, predicted, gold."""
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.predicted if self.predicted else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


METRICS = ("event", "date exact", "date overlap", "granularity", "place", "country (lenient)", "actors")


def score(results: Iterable[DocResult]) -> dict[str, Count]:
    """End-to-end micro P/R: denominators are all predictions and all gold events, so a missed or
    spurious event costs every attribute, and a missing field counts as wrong."""
    counts = {name: Count() for name in METRICS}
    for doc in results:
        predictions = [pred for _, pred in doc.pairs] + doc.spurious
        golds = [gold for gold, _ in doc.pairs] + doc.missed
        agreements = [agreement(g, p) for g, p in doc.pairs]
        n_pred, n_gold = len(predictions), len(golds)
        counts["event"].add(len(doc.pairs), n_pred, n_gold)
        counts["date exact"].add(sum(a.date_exact for a in agreements), n_pred, n_gold)
        counts["date overlap"].add(sum(a.date_overlap for a in agreements), n_pred, n_gold)
        counts["granularity"].add(sum(a.granularity for a in agreements), n_pred, n_gold)
        counts["place"].add(sum(a.place for a in agreements),
                            sum(_text(p, "place_name") is not None for p in predictions),
                            sum(g.place_name is not None for g in golds))
        counts["country (lenient)"].add(sum(a.country for a in agreements),
                                        sum(_text(p, "country_code") is not None for p in predictions),
                                        sum(g.country_code is not None for g in golds))
        counts["actors"].add(sum(a.actor_hits for a in agreements),
                             sum(len(_actors(p)) for p in predictions), sum(len(g.actors) for g in golds))
    return counts


# ---------------------------------------------------------------- running the pipeline

def byline_span(text: str) -> tuple[int, int]:
    """Every gold article's first line is its byline (metadata, as `dala extract` detects it)."""
    end = text.find("\n")
    return (0, end if end >= 0 else len(text))


DEFAULT_MODES = ("asserted",)


def in_modes(record: object, modes: Iterable[str]) -> bool:
    """Whether a record's mode is scored (records from before the field existed are asserted)."""
    return not isinstance(record, dict) or record.get("mode", "asserted") in modes


def run(articles: list[Article], gold: list[GoldEvent], extract: Extractor,
        modes: Iterable[str] = DEFAULT_MODES) -> list[DocResult]:
    """Extract every article and score the records in ``modes``; an exception in one article is
    reported, not fatal."""
    modes = tuple(modes)
    results = []
    passes_byline = "skip" in inspect.signature(extract).parameters
    for article in articles:
        doc_gold = [g for g in gold if g.doc_id == article.doc_id]
        text = article.text
        options = {"skip": byline_span(text)} if passes_byline else {}
        try:
            records = extract(text, doc_id=article.doc_id, lang=article.lang, published=article.published,
                              author=article.author, title=article.title, **options)
            error = None if isinstance(records, list) else f"extract returned {type(records).__name__}, not list"
        except Exception as exc:  # noqa: BLE001 - a crashing stage must not hide the other articles' figures
            records, error = [], f"{type(exc).__name__}: {exc}"
        scored = [r for r in records if in_modes(r, modes)] if isinstance(records, list) else []
        results.append(match(article, doc_gold, scored, error))
    return results


def _describe(pred: Record) -> str:
    fields = {key: pred.get(key) for key in ("date_start", "date_end", "date_precision", "date_text",
                                             "place_name", "country_code", "actors")}
    return json.dumps(fields, ensure_ascii=False, default=str)


def _gold_fields(gold: GoldEvent) -> str:
    return json.dumps({"date_start": gold.date_start, "date_end": gold.date_end,
                       "date_precision": gold.date_precision, "place_name": gold.place_name,
                       "country_code": gold.country_code, "actors": list(gold.actors)}, ensure_ascii=False)


def mismatch_lines(doc: DocResult) -> list[str]:
    """Every disagreement in one article, for --verbose."""
    lines = []
    for gold in doc.missed:
        lines.append(f"  MISSED   «{gold.sentence_contains}» gold {_gold_fields(gold)}")
    for gold, pred in doc.pairs:
        a = agreement(gold, pred)
        gold_actors = {_norm(x) for x in gold.actors}
        problems = [name for name, ok in (("date", a.date_exact), ("granularity", a.granularity),
                                          ("place", a.place or (gold.place_name is None and _text(pred, "place_name") is None)),
                                          ("country", a.country or (gold.country_code is None and _text(pred, "country_code") is None)),
                                          ("actors", _actors(pred) == gold_actors)) if not ok]
        if problems:
            lines.append(f"  WRONG {'/'.join(problems)} «{gold.sentence_contains}»\n"
                         f"           gold {_gold_fields(gold)}\n           pred {_describe(pred)}")
    for pred in doc.spurious:
        sentence = re.sub(r"\s+", " ", _text(pred, "sentence") or "")[:90]
        lines.append(f"  SPURIOUS «{sentence}» pred {_describe(pred)}")
    return lines


def format_report(results: list[DocResult], command: str, verbose: bool) -> str:
    by_lang = {"all": score(results)} | {lang: score(r for r in results if r.article.lang == lang)
                                          for lang in LANGUAGES}
    n_pred = sum(len(r.pairs) + len(r.spurious) for r in results)
    n_gold = sum(len(r.pairs) + len(r.missed) for r in results)
    out = [f"$ {command}", "",
           f"gold: {len(results)} articles, {n_gold} events; predicted dated events: {n_pred}", ""]
    out.append(f"{'':<18}" + "".join(f"{'-- ' + lang + ' --':^20}" for lang in by_lang))
    out.append(f"{'metric':<18}" + f"{'P':>7}{'R':>6}{'F1':>6} " * len(by_lang))
    for metric in METRICS:
        cells = (f"{p:7.2f}{r:6.2f}{f1:6.2f} " for p, r, f1 in (c[metric].prf() for c in by_lang.values()))
        out.append(f"{metric:<18}" + "".join(cells))
    out.append("")
    out.append("counts tp/pred/gold (all): " + "; ".join(
        f"{m} {c.tp}/{c.predicted}/{c.gold}" for m, c in by_lang["all"].items()))
    without_document_dates = score(
        match(doc.article, [g for g, _ in doc.pairs] + doc.missed,
              [r for r in doc.records if not (isinstance(r, dict) and r.get("date_source") == "document")])
        for doc in results)
    out.append("without date_source=document predictions (all): " + "; ".join(
        f"{m} P/R/F1 {'/'.join(f'{x:.2f}' for x in without_document_dates[m].prf())}"
        for m in ("event", "date exact")))
    spurious = Counter(str(pred.get("date_source")) for doc in results for pred in doc.spurious)
    out.append("spurious by date_source: " + (", ".join(f"{k} {v}" for k, v in sorted(spurious.items())) or "none"))
    for doc in results:
        if doc.error:
            out.append(f"ERROR {doc.article.doc_id}: {doc.error}")
    if verbose:
        for doc in results:
            lines = mismatch_lines(doc)
            if lines:
                out.append(f"\n[{doc.article.doc_id}] ({doc.article.lang})")
                out.extend(lines)
    return "\n".join(out)


def _load_extract() -> Extractor:
    if str(REPO_ROOT) not in sys.path:  # run as a plain script from anywhere
        sys.path.insert(0, str(REPO_ROOT))
    from events.pipeline import extract
    return extract


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score events.pipeline.extract on the held-out gold set.")
    parser.add_argument("--verbose", action="store_true", help="list every mismatch")
    parser.add_argument("--gold-dir", type=Path, default=GOLD_DIR, help="folder with manifest.csv and events.jsonl")
    parser.add_argument("--modes", default=",".join(DEFAULT_MODES),
                        help="comma-separated event modes to score (default: asserted)")
    args = parser.parse_args(argv)
    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    command = shlex.join([Path(sys.executable).name, *sys.argv])
    try:
        extract = _load_extract()
    except Exception as exc:  # noqa: BLE001 - report what is missing instead of a traceback
        print(f"$ {command}\n\ncannot import events.pipeline.extract: {type(exc).__name__}: {exc}")
        return 2
    results = run(load_articles(args.gold_dir), load_gold(args.gold_dir), extract, modes)
    print(format_report(results, command, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
