"""Reading documents: formats, manifest, language detection and the one-line errors for bad files."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from events.documents import (DocumentError, detect_language, expand_paths, html_to_text, load_document,
                              parse_iso_date, read_manifest)

GERMAN = "Die Regierung hat am Montag in der Hauptstadt eine Erklärung abgegeben, dass sie nicht zurücktritt.\n"
ENGLISH = "The government said on Monday that it would not resign, and that the protests were over.\n"


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.mark.parametrize(("text", "expected"), [(GERMAN, "de"), (ENGLISH, "en"),
                                                ("Le gouvernement a dit lundi qu'il ne démissionnerait pas.", None),
                                                ("12345 67890", None)])
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.txt", "", "empty document"),
    ("blank.txt", "  \n\t\n", "empty document"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file"),
    ("latin1.txt", "Die Stra\xdfe ist f\xfcr alle da und nicht nur f\xfcr die Regierung.".encode("latin-1"), "not UTF-8"),
    ("french.txt", "Le gouvernement a dit lundi qu'il ne démissionnerait pas, et que la crise est finie.", "unknown language"),
    ("data.pdf", GERMAN, "unsupported file type"),
])
def test_bad_files_give_one_line_errors_naming_the_file(tmp_path: Path, name: str, content: str | bytes,
                                                        message: str) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(DocumentError) as error:
        load_document(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "nope.txt")


def test_too_large_file(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", GERMAN * (5 * 1024 * 1024 // len(GERMAN) + 1))
    with pytest.raises(DocumentError, match="too large"):
        load_document(path)


def test_forced_language_overrides_detection(tmp_path: Path) -> None:
    assert load_document(write(tmp_path, "a.txt", ENGLISH), lang="de").lang == "de"


def test_unsupported_forced_language(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="unsupported language 'fr'"):
        load_document(write(tmp_path, "a.txt", GERMAN), lang="fr")


def test_html_is_reduced_to_visible_text() -> None:
    markup = ("<html><head><title>T</title><script>alert(1)</script></head>"
              "<body><h1>Kopf</h1><p>Erster &amp; zweiter</p><style>p{}</style><p>Dritter</p></body></html>")
    assert html_to_text(markup) == "Kopf\n\nErster & zweiter\n\nDritter"


def test_manifest_gives_metadata_by_file_name(tmp_path: Path) -> None:
    manifest = write(tmp_path, "manifest.csv", "file,doc_id,language,published,author,title\n"
                                               "a.txt,doc-a,de,2022-01-07,Jane Doe,Titel\n")
    doc = load_document(write(tmp_path, "a.txt", GERMAN), manifest=read_manifest(manifest))
    assert (doc.doc_id, doc.lang, doc.published, doc.author, doc.title) == (
        "doc-a", "de", date(2022, 1, 7), "Jane Doe", "Titel")


def test_manifest_with_bad_date_names_line(tmp_path: Path) -> None:
    manifest = write(tmp_path, "m.csv", "file,published\na.txt,07.01.2022\n")
    with pytest.raises(ValueError, match=r"m.csv, line 2: invalid published date '07.01.2022'"):
        read_manifest(manifest)


def test_dct_overrides_manifest(tmp_path: Path) -> None:
    manifest = write(tmp_path, "m.csv", "file,published\na.txt,2022-01-07\n")
    doc = load_document(write(tmp_path, "a.txt", GERMAN), manifest=read_manifest(manifest), dct=date(2020, 5, 1))
    assert doc.published == date(2020, 5, 1)


@pytest.mark.parametrize("value", ["2024-13-01", "31.01.2024", "yesterday", "2024-1-5", ""])
def test_invalid_dates_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match="expected a date as YYYY-MM-DD"):
        parse_iso_date(value, what="--dct")


def test_folders_expand_to_documents_once(tmp_path: Path) -> None:
    a = write(tmp_path, "a.txt", GERMAN)
    (tmp_path / "sub").mkdir()
    b = write(tmp_path / "sub", "b.html", "<p>x</p>")
    write(tmp_path, "notes.csv", "x")
    assert expand_paths([tmp_path, a]) == [a, b]


@pytest.mark.parametrize(("lang", "first_line", "author", "published"), [
    ("de", "Von Thomas Beispiel – 31. Januar 2024", "Thomas Beispiel", date(2024, 1, 31)),
    ("de", "Von Anna Berger - 3. März 2021", "Anna Berger", date(2021, 3, 3)),
    ("en", "By Jane Roe, January 31, 2024", "Jane Roe", date(2024, 1, 31)),
    ("en", "By John Smith – 7 January 2022", "John Smith", date(2022, 1, 7)),
])
def test_byline_gives_author_and_date(tmp_path: Path, lang: str, first_line: str, author: str,
                                      published: date) -> None:
    body = GERMAN if lang == "de" else ENGLISH
    doc = load_document(write(tmp_path, "a.txt", f"{first_line}\n{body}"), lang=lang)
    assert (doc.author, doc.published) == (author, published)
    assert doc.byline == (0, len(first_line))


def test_no_byline_no_date(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "a.txt", GERMAN))
    assert doc.published is None and doc.byline is None
