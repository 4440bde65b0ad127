"""What a naive date search finds in running text, beside Dala's tagger, on the same documents.

    python -m benchmarks.naive_dates [FILE...]   (default: the seed commentaries in ../shared/seeds)

`dateparser.search.search_dates` reads words such as "die" (Dienstag) or "mit" (Mittwoch) as dates; the
issue calls this the failure to beat. The script prints, per document, how many dates each finds and
the naive matches that Dala's tagger does not share (by overlapping span), so the difference can be read.
"""
from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def naive_spans(text: str, anchor: datetime) -> list[tuple[int, int, str]]:
    """search_dates hits with their offsets (it returns strings only, so find them left to right)."""
    from dateparser.search import search_dates

    spans, cursor = [], 0
    for found, _ in search_dates(text, languages=["de", "en"], settings={"RELATIVE_BASE": anchor}) or []:
        start = text.find(found, cursor)
        if start >= 0:
            spans.append((start, start + len(found), found))
            cursor = start + len(found)
    return spans


def main(argv: list[str]) -> int:
    from events.documents import load_document, read_manifest
    from events.timex import tag

    manifest = read_manifest(SEEDS / "manifest.csv") if (SEEDS / "manifest.csv").is_file() else {}
    files = [Path(a) for a in argv] or sorted(SEEDS.glob("*.txt"))
    if not files:
        print(f"no documents given and no seeds at {SEEDS}", file=sys.stderr)
        return 2
    print(f"command: python -m benchmarks.naive_dates {' '.join(argv)}".rstrip())
    for path in files:
        document = load_document(path, manifest=manifest)
        anchor = datetime.combine(document.published, datetime.min.time()) if document.published else datetime(2000, 1, 1)
        naive = naive_spans(document.text, anchor)
        ours = [t for t in tag(document.text, lang=document.lang, dct=document.published)]
        unshared = [s for s in naive if not any(t.start < s[1] and s[0] < t.end for t in ours)]
        print(f"\n{path.name}: search_dates {len(naive)} dates, Dala {len(ours)} expressions; "
              f"{len(unshared)} naive dates Dala does not tag:")
        print("  " + ", ".join(repr(s[2]) for s in unshared))
        print("  Dala: " + ", ".join(f"{t.text!r}={t.value}" for t in ours))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
