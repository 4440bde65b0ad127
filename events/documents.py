"""Documents in: files (.txt/.md/.html) plus what is known about them (manifest, --dct, byline).

Every way a file can be unusable is caught here and reported as a one-line ``DocumentError`` that names
the file, so the extractor downstream only ever sees clean text and one bad file never stops a batch.
"""
from __future__ import annotations

import csv
import io
import os
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

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
    file: str | None = None  # the row's file column as written, and its line: for messages
    line: int | None = None


@dataclass(frozen=True)
class Manifest:
    """The rows of one manifest, keyed by their file's path relative to the manifest's folder.

    Keying by relative path (not file name) lets ``a/index.txt`` and ``b/index.txt`` have rows of
    their own; a row whose file is not where it says is still found by file name when that is
    unambiguous, so a manifest of bare names keeps working for files in subfolders.
    """

    path: Path
    folder: Path  # the manifest's folder, resolved: what the rows' paths are relative to
    entries: dict[str, ManifestEntry]
    by_name: dict[str, list[str]] = field(default_factory=dict, repr=False)  # file name -> keys

    def entry_for(self, path: Path) -> ManifestEntry | None:
        """The row describing ``path``: by relative path, else by file name if one misplaced row has it."""
        entry = self.entries.get(_relative_key(path.resolve(), self.folder))
        if entry is not None:
            return entry
        misplaced = [key for key in self.by_name.get(path.name, ()) if not (self.folder / key).is_file()]
        return self.entries[misplaced[0]] if len(misplaced) == 1 else None

    def unmatched(self, paths: list[Path]) -> list[ManifestEntry]:
        """Rows whose file is neither where the row says nor among ``paths`` (worth a warning)."""
        used = {entry.line for entry in map(self.entry_for, paths) if entry is not None}
        return [entry for key, entry in self.entries.items()
                if entry.line not in used and not (self.folder / key).is_file()]


ManifestLike = Manifest | Mapping[str, ManifestEntry]  # a plain mapping is keyed by file name


def manifest_entry(manifest: ManifestLike | None, path: Path) -> ManifestEntry:
    """The manifest's row for ``path``, or an empty entry."""
    if isinstance(manifest, Manifest):
        return manifest.entry_for(path) or ManifestEntry()
    return (manifest or {}).get(path.name, ManifestEntry())


def _relative_key(path: Path, folder: Path) -> str:
    """``path`` (absolute, normalised) relative to ``folder``, with forward slashes."""
    return Path(os.path.relpath(path, folder)).as_posix()


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


def read_manifest(path: Path) -> Manifest:
    """Read a manifest (the format of the seed corpus's ``manifest.csv``); ``published`` may be
    written in any common date format (:func:`parse_date_string`).

    Raises ValueError naming the file and line for anything that would make rows ambiguous or lost:
    a short or long row, a file described twice, a doc_id given twice, a bad date or bytes that are not UTF-8.
    """
    if not path.is_file():
        raise ValueError(f"{path}: manifest not found")
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        raise ValueError(f"{path}, line {line}: manifest is not UTF-8 text "
                         f"(invalid byte 0x{raw[err.start]:02x} at offset {err.start})") from None
    folder = path.parent.resolve()
    entries: dict[str, ManifestEntry] = {}
    ids: dict[str, ManifestEntry] = {}
    by_name: dict[str, list[str]] = defaultdict(list)
    reader = csv.DictReader(io.StringIO(content, newline=""))
    if not reader.fieldnames or "file" not in reader.fieldnames:
        raise ValueError(f"{path}: manifest needs a 'file' column (has {reader.fieldnames})")
    for row in reader:
        number = reader.line_num
        if None in row.values():  # DictReader fills the columns a short row lacks with None
            given = sum(value is not None for value in row.values())
            raise ValueError(f"{path}, line {number}: {given} of the header's {len(reader.fieldnames)} columns "
                             f"({','.join(reader.fieldnames)})")
        if None in row:  # ... and keeps what a long row has beyond them under the key None
            raise ValueError(f"{path}, line {number}: {len(reader.fieldnames) + len(row[None])} fields, the header has "
                             f"{len(reader.fieldnames)} ({','.join(reader.fieldnames)}); quote a value that contains a comma")
        published = row["published"].strip() if "published" in row else ""
        try:
            when = parse_date_string(published, what="published date") if published else None
        except ValueError as err:
            raise ValueError(f"{path}, line {number}: {err}") from None
        file = row["file"].strip()
        if not file:
            raise ValueError(f"{path}, line {number}: empty 'file' column")
        entry = ManifestEntry(
            doc_id=(row.get("doc_id") or "").strip() or None,
            lang=(row.get("language") or "").strip() or None,
            published=when,
            author=(row.get("author") or "").strip() or None,
            title=(row.get("title") or "").strip() or None,
            file=file, line=number,
        )
        key = _relative_key(Path(os.path.normpath(folder / file)), folder)
        if key in entries:
            raise ValueError(f"{path}: lines {entries[key].line} and {number} both describe the file {file!r}")
        if entry.doc_id is not None and entry.doc_id in ids:
            raise ValueError(f"{path}: lines {ids[entry.doc_id].line} and {number} both give doc_id {entry.doc_id!r}")
        entries[key] = entry
        if entry.doc_id is not None:
            ids[entry.doc_id] = entry
        by_name[PurePosixPath(key).name].append(key)
    return Manifest(path=path, folder=folder, entries=entries, by_name=dict(by_name))


@dataclass(frozen=True, slots=True)
class Input:
    """One document to read and the id its records get."""

    path: Path
    doc_id: str
    disambiguated: bool = False  # its file name was shared, so the id is a longer path


def expand_paths(paths: list[Path]) -> list[Input]:
    """Files named directly (whatever their suffix, so errors are reported) plus documents in folders,
    each once, with an id unique among them.

    A document found in a folder is named by its path relative to that folder without suffix
    (``a/index``; in a flat folder, the stem); a file named directly by its stem. Inputs that would
    share an id are named by their paths relative to their common parent instead (with the suffix if
    that is still not enough), so the same inputs always give the same ids.
    """
    found: list[Input] = []
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            candidates = [(p, p.relative_to(path).with_suffix("").as_posix()) for p in files]
        else:
            candidates = [(path, Path(path.name).stem)]
        for file, doc_id in candidates:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                found.append(Input(file, doc_id))
    for _ in range(_DISAMBIGUATION_ROUNDS):
        groups: dict[str, list[int]] = defaultdict(list)
        for index, item in enumerate(found):
            groups[item.doc_id].append(index)
        shared = [indexes for indexes in groups.values() if len(indexes) > 1]
        if not shared:
            return found
        for indexes in shared:
            for index, doc_id in zip(indexes, _path_ids([found[i].path.resolve() for i in indexes])):
                found[index] = Input(found[index].path, doc_id, disambiguated=True)
    raise ValueError("cannot give these documents distinct ids: "
                     + ", ".join(str(item.path) for item in found
                                 if sum(other.doc_id == item.doc_id for other in found) > 1))


_DISAMBIGUATION_ROUNDS = 4  # each round names colliding files from a higher common parent; two suffice in practice


def _path_ids(paths: list[Path]) -> list[str]:
    """Ids for files that share a name: their paths from their common parent, without suffix if that is enough."""
    parent = Path(os.path.commonpath(paths))
    relative = [p.relative_to(parent) for p in paths]
    stems = [r.with_suffix("").as_posix() for r in relative]
    return stems if len(set(stems)) == len(stems) else [r.as_posix() for r in relative]


def assign_ids(inputs: list[Input], manifest: ManifestLike | None) -> list[Input]:
    """The inputs with the manifest's doc_ids applied; ValueError naming both files if two ids coincide."""
    final = [Input(i.path, entry.doc_id, disambiguated=False) if (entry := manifest_entry(manifest, i.path)).doc_id
             else i for i in inputs]
    owner: dict[str, Input] = {}
    for item in final:
        if item.doc_id in owner:
            raise ValueError(f"{owner[item.doc_id].path} and {item.path} would both have doc_id {item.doc_id!r} "
                             f"(set distinct doc_ids in the manifest)")
        owner[item.doc_id] = item
    return final


def load_document(path: Path, *, lang: str = "auto", dct: date | None = None,
                  manifest: ManifestLike | None = None, max_bytes: int = MAX_BYTES,
                  doc_id: str | None = None) -> Document:
    """Read and validate one file; raise DocumentError naming it on any problem.

    The id is the manifest's doc_id, else ``doc_id`` (what :func:`expand_paths` gave), else the stem.
    """
    text = read_text(path, max_bytes=max_bytes)
    entry = manifest_entry(manifest, path)
    language = resolve_language(text, entry.lang or lang, path=path)
    document = Document(doc_id=entry.doc_id or doc_id or path.stem, text=text, lang=language, path=path,
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
        raise DocumentError(f"{path}: file too large ({size:,} bytes; the limit is {_byte_count(max_bytes)})")
    text = _decode(path.read_bytes(), path)
    if path.suffix.lower() == ".md":
        text = markdown_to_text(text)
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{path}: empty document (no text)")
    return text


_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")  # checked first: the first starts like UTF-16's
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), or UTF-16 when a BOM says so (then unambiguous); NUL anywhere is binary."""
    if raw.startswith(_UTF32_BOMS):
        raise DocumentError(f"{path}: UTF-32 text is not supported; convert it to UTF-8")
    if raw.startswith(_UTF16_BOMS):
        try:
            text = raw.decode("utf-16")  # the BOM gives the byte order and is dropped
        except UnicodeDecodeError as err:
            raise DocumentError(f"{path}: not UTF-16 text ({err.reason} at offset {err.start})") from None
        if "\x00" in text:
            raise DocumentError(f"{path}: binary file (contains NUL characters), not text")
        return text
    if b"\x00" in raw:
        raise DocumentError(f"{path}: binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DocumentError(f"{path}: not UTF-8 text (invalid byte 0x{raw[err.start]:02x} at offset {err.start})") from None


def _byte_count(count: int) -> str:
    """ "2,097,152 bytes (2 MiB)": exact, so a file one byte over the limit is not "2.1 MB of 2.1 MB"."""
    mebibytes = f" ({count // 2**20} MiB)" if count and count % 2**20 == 0 else ""
    return f"{count:,} bytes{mebibytes}"


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


_MD_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_MD_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_MD_RULE = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")  # also setext underlines
_MD_TABLE_RULE = re.compile(r" *\|?(?: *:?-+:? *\|)+ *(?::?-+:? *)?$")
_MD_LINK_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*<?\S+>?(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?[ \t]*$")
_MD_QUOTE = re.compile(r" {0,3}>[ ]?")
_MD_BULLET = re.compile(r"[ \t]*[-*+][ \t]+")  # numbered items keep their numbers: "7. Januar" may be text
_MD_INLINE = re.compile(
    r"\\([!-/:-@\[-`{-~])"                                  # backslash escape: the character itself
    r"|(`+)(.+?)\2"                                         # code span: its content as it is
    r"|!?\[([^\]]*)\](?:\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)|\[[^\]]*\])"  # link, image: the text
    r"|<((?:https?|mailto):[^>\s]+)>"                       # autolink: the address
    r"|(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\6"                   # strong, strike-through
    r"|(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])"  # emphasis with *
    r"|(?<![\w_\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?![\w_])")   # emphasis with _, never inside words (snake_case)


def markdown_to_text(markup: str) -> str:
    """Plain text of a Markdown document, as a reader sees it; offsets in records refer to this text.

    Headings, emphasis, links (their text), images (their alt text), code ticks, bullets, quote marks,
    rules and table rules go; numbered items keep their numbers and fenced code its lines.
    Backslash escapes give the character itself.
    """
    lines: list[str] = []
    fence: str | None = None
    for line in markup.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        opening = _MD_FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1).startswith(fence):
                fence = None
            else:
                lines.append(line)
            continue
        if opening:
            fence = opening.group(1)[0] * 3
            continue
        while (quote := _MD_QUOTE.match(line)) is not None:
            line = line[quote.end():]
        if _MD_TABLE_RULE.match(line) or _MD_LINK_DEFINITION.match(line):
            continue
        if _MD_RULE.match(line):  # a rule or setext underline: the paragraph ends here
            lines.append("")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1) or ""
        else:
            line = _MD_BULLET.sub("", line, count=1) if _MD_BULLET.match(line) else line
        lines.append(_markdown_inline(line.rstrip()))
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_MD_INLINE_START = re.compile(r"[\\`\[<*_~]")  # a line with none of these has no inline markup


def _markdown_inline(line: str) -> str:
    """One line's text without inline markup; what markup encloses is converted in turn (``**[a](b)**``).

    Lines without a markup character skip the pattern: 2 MB of news text took 2.5 s with the pattern
    on every line and takes 0.4 s so (markup-dense text, such as a README, about 1.4 s).
    """
    return _MD_INLINE.sub(_inline_text, line) if _MD_INLINE_START.search(line) else line


def _inline_text(match: re.Match[str]) -> str:
    escaped, _, code, label, address = match.group(1, 2, 3, 4, 5)
    if escaped is not None:
        return escaped
    if code is not None:
        return code.strip()
    if address is not None:
        return address
    inner = next(group for group in (label, *match.group(7, 8, 9)) if group is not None)
    return _markdown_inline(inner)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML document; offsets in records refer to this text."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = re.sub(r"[ \t\u00a0]+", " ", "".join(parser.parts))
    return re.sub(r"\n\s*\n\s*", "\n\n", text).strip()
