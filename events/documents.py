"""Documents in: files (.txt/.md/.html) plus what is known about them (manifest, --dct, byline).

Every way a file can be unusable is caught here and reported as a one-line ``DocumentError`` that names
the file, so the extractor downstream only ever sees clean text and one bad file never stops a batch.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from events import lang as lang_data

SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 2 * 1024 * 1024
_WORD = re.compile(r"[^\W\d_]+")
_BYLINE_LINES = 3
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A manifest is typed by whoever gathered the corpus, in their language rather than the document's:
# its dates may be written in any of the corpus languages.
MANIFEST_DATE_LANGUAGES = ("de", "en", "ru")
# A date that comes out differently against two anchors years apart ("yesterday", "vor 3 Tagen")
# is relative; the clock is never an anchor.
_PROBE_ANCHORS = (datetime(2000, 6, 15), datetime(2010, 3, 3))


class DocumentError(ValueError):
    """A file that cannot be extracted; ``str()`` is the one-line message for the user."""


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    text: str
    lang: str
    published: date | None = None
    author: str | None = None
    title: str | None = None
    path: Path | None = None
    # Where the byline stands, so it is not also read as a sentence reporting an event.
    byline: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    doc_id: str | None = None
    lang: str | None = None
    published: date | None = None
    author: str | None = None
    title: str | None = None


def parse_iso_date(value: str, *, what: str) -> date:
    """Parse YYYY-MM-DD strictly; the error names the offending value and where it came from."""
    try:
        if not _ISO_DATE.fullmatch(value.strip()):
            raise ValueError
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"invalid {what} {value!r}: expected a date as YYYY-MM-DD") from None


def parse_date_string(value: str, *, what: str) -> date:
    """One date written by a person, in any common format: "2022-01-07", "07.01.2022" (day first),
    "7 January 2022", "January 7, 2022", "7. Januar 2022", "7 января 2022".

    ISO dates take the fast path; only other formats import dateparser (slow to import, so a
    start-up with ISO manifests never pays for it). Day, month and year must all be written:
    nothing is filled in from today's date, and a relative date ("yesterday") is an error, since
    a manifest has no anchor for it.
    """
    text = value.strip()
    if _ISO_DATE.fullmatch(text):
        return parse_iso_date(text, what=what)
    import dateparser

    found = [dateparser.parse(text, languages=list(MANIFEST_DATE_LANGUAGES), settings={
        "REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY", "PREFER_LOCALE_DATE_ORDER": False,
        "RELATIVE_BASE": anchor}) for anchor in _PROBE_ANCHORS]
    if found[0] is None or found[1] is None:
        raise ValueError(f"invalid {what} {value!r}: expected a day, month and year "
                         f"(such as 2022-01-07, 07.01.2022 or 7 January 2022)")
    if found[0] != found[1]:
        raise ValueError(f"invalid {what} {value!r}: a relative date has no anchor here; "
                         f"write the day, month and year")
    return found[0].date()


def read_manifest(path: Path) -> dict[str, ManifestEntry]:
    """Manifest rows keyed by file name (the format of the seed corpus's ``manifest.csv``);
    ``published`` may be written in any common date format (:func:`parse_date_string`)."""
    if not path.is_file():
        raise ValueError(f"{path}: manifest not found")
    entries: dict[str, ManifestEntry] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or "file" not in reader.fieldnames:
            raise ValueError(f"{path}: manifest needs a 'file' column (has {reader.fieldnames})")
        for number, row in enumerate(reader, 2):
            published = (row.get("published") or "").strip()
            try:
                when = parse_date_string(published, what="published date") if published else None
            except ValueError as err:
                raise ValueError(f"{path}, line {number}: {err}") from None
            entries[Path(row["file"]).name] = ManifestEntry(
                doc_id=(row.get("doc_id") or "").strip() or None,
                lang=(row.get("language") or "").strip() or None,
                published=when,
                author=(row.get("author") or "").strip() or None,
                title=(row.get("title") or "").strip() or None,
            )
    return entries


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files named directly (whatever their suffix, so errors are reported) plus documents in folders."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES))
        else:
            found.append(path)
    seen: set[Path] = set()
    return [p for p in found if not (p.resolve() in seen or seen.add(p.resolve()))]


def load_document(path: Path, *, lang: str = "auto", dct: date | None = None,
                  manifest: dict[str, ManifestEntry] | None = None,
                  max_bytes: int = MAX_BYTES) -> Document:
    """Read and validate one file; raise DocumentError naming it on any problem."""
    text = read_text(path, max_bytes=max_bytes)
    entry = (manifest or {}).get(path.name, ManifestEntry())
    language = resolve_language(text, entry.lang or lang, path=path)
    document = Document(doc_id=entry.doc_id or path.stem, text=text, lang=language, path=path,
                        published=dct or entry.published, author=entry.author, title=entry.title)
    return with_byline(document)


def read_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The document's plain text: bytes checked for size, binary content and UTF-8 first."""
    if not path.exists():
        raise DocumentError(f"{path}: no such file")
    if not path.is_file():
        raise DocumentError(f"{path}: not a regular file")
    if path.suffix.lower() not in SUFFIXES:
        raise DocumentError(f"{path}: unsupported file type {path.suffix or '(none)'!r} (use .txt, .md or .html)")
    size = path.stat().st_size
    if size > max_bytes:
        raise DocumentError(f"{path}: file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB)")
    raw = path.read_bytes()
    if b"\x00" in raw[:8192]:
        raise DocumentError(f"{path}: binary file (contains NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DocumentError(f"{path}: not UTF-8 text (invalid byte 0x{raw[err.start]:02x} at offset {err.start})") from None
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{path}: empty document (no text)")
    return text


def resolve_language(text: str, requested: str, *, path: Path | None = None) -> str:
    """The language to extract with: the requested one if we have rules for it, else detected."""
    known = lang_data.available_languages()
    if requested != "auto":
        if requested not in known:
            raise DocumentError(f"{path}: unsupported language {requested!r} (supported: {', '.join(known)})")
        return requested
    detected = detect_language(text)
    if detected is None:
        raise DocumentError(f"{path}: unknown language (not recognisably {' or '.join(known)}); pass --lang to force one")
    return detected


def detect_language(text: str) -> str | None:
    """Pick the language whose function words are most frequent; None if none is convincing."""
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return None
    scores = {code: sum(w in stops for w in words) / len(words) for code, stops in _stopwords().items()}
    best = max(sorted(scores), key=scores.__getitem__)
    return best if scores[best] >= 0.08 else None


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    return {code: frozenset(lang_data.load(code, "language")["stopwords"])
            for code in lang_data.available_languages()}


def with_byline(document: Document) -> Document:
    """Fill author and publication date from a byline on the first lines when nothing else gave them."""
    match = find_byline(document.text, lang=document.lang)
    if match is None:
        return document
    span, author, when = match
    return replace(document, byline=span, author=document.author or author,
                   published=document.published or when)


def find_byline(text: str, *, lang: str) -> tuple[tuple[int, int], str, date | None] | None:
    """(span, author, date) of a byline such as "Von X – 31. Januar 2024" near the top, if any."""
    from events.timex import tag  # the tagger reads the date part, so bylines need no date parser of their own

    offset = 0
    for line in text.split("\n")[:_BYLINE_LINES]:
        for pattern in _byline_patterns(lang):
            found = pattern.match(line)
            if found:
                days = [t for t in tag(found.group("date"), lang=lang, dct=None)
                        if t.precision == "day" and t.date_start is not None]
                when = days[0].date_start if days else None
                if when is not None:
                    return (offset, offset + len(line)), found.group("author").strip(), when
        offset += len(line) + 1
    return None


@lru_cache(maxsize=None)
def _byline_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in lang_data.load(lang, "document").get("byline_patterns", ()))


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, with block elements as line breaks (scripts and styles dropped)."""

    _BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
               "header", "footer", "blockquote", "title"}
    _HIDDEN = {"script", "style", "noscript", "template", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden_depth += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML document; offsets in records refer to this text."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = re.sub(r"[ \t\u00a0]+", " ", "".join(parser.parts))
    return re.sub(r"\n\s*\n\s*", "\n\n", text).strip()


def iter_documents(paths: list[Path], *, lang: str = "auto", dct: date | None = None,
                   manifest: dict[str, ManifestEntry] | None = None,
                   max_bytes: int = MAX_BYTES) -> Iterator[Document | DocumentError]:
    """Each input as a Document, or the DocumentError saying why it cannot be one."""
    for path in expand_paths(paths):
        try:
            yield load_document(path, lang=lang, dct=dct, manifest=manifest, max_bytes=max_bytes)
        except DocumentError as err:
            yield err
