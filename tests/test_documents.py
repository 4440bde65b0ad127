"""Reading documents: formats, manifest, language detection and the one-line errors for bad files."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from events.documents import (DocumentError, detect_language, expand_paths, html_to_text, load_document,
                              parse_date_string, parse_iso_date, read_manifest)

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


MANIFEST_DATES = [
    ("2022-01-07", date(2022, 1, 7)),
    (" 2022-01-07 ", date(2022, 1, 7)),
    ("07.01.2022", date(2022, 1, 7)),
    ("7.1.2022", date(2022, 1, 7)),
    ("01/02/2022", date(2022, 2, 1)),          # numeric dates are read day first
    ("7 January 2022", date(2022, 1, 7)),
    ("January 7, 2022", date(2022, 1, 7)),
    ("7. Januar 2022", date(2022, 1, 7)),
    ("Freitag, 7. Januar 2022", date(2022, 1, 7)),
    ("7 января 2022 г.", date(2022, 1, 7)),
    ("2022-01-07T10:30:00", date(2022, 1, 7)),
]


@pytest.mark.parametrize(("value", "expected"), MANIFEST_DATES)
def test_manifest_dates_in_any_common_format(value: str, expected: date) -> None:
    assert parse_date_string(value, what="published date") == expected


@pytest.mark.parametrize(("value", "message"), [
    ("yesterday", "a relative date has no anchor"),
    ("gestern", "a relative date has no anchor"),
    ("vor 3 Tagen", "a relative date has no anchor"),
    ("вчера", "a relative date has no anchor"),
    ("7. Januar", "expected a day, month and year"),    # no year: nothing is taken from today
    ("January 2022", "expected a day, month and year"),
    ("32.01.2022", "expected a day, month and year"),
    ("soon", "expected a day, month and year"),
    ("2022-13-45", "expected a date as YYYY-MM-DD"),   # ISO-shaped but not a day
])
def test_manifest_dates_that_cannot_be_placed_are_refused(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"invalid published date '{value}': {message}"):
        parse_date_string(value, what="published date")


def test_manifest_with_bad_date_names_file_line_and_value(tmp_path: Path) -> None:
    manifest = write(tmp_path, "m.csv", "file,published\na.txt,2022-01-07\nb.txt,yesterday\n")
    with pytest.raises(ValueError, match=r"m.csv, line 3: invalid published date 'yesterday': a relative date"):
        read_manifest(manifest)


def test_manifest_date_in_words_reaches_the_document(tmp_path: Path) -> None:
    manifest = write(tmp_path, "m.csv", "file,published\na.txt,7. Januar 2022\n")
    doc = load_document(write(tmp_path, "a.txt", GERMAN), manifest=read_manifest(manifest))
    assert doc.published == date(2022, 1, 7)


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
    assert [(i.path, i.doc_id) for i in expand_paths([tmp_path, a])] == [(a, "a"), (b, "sub/b")]


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


def test_iso_manifest_dates_do_not_import_dateparser(tmp_path: Path) -> None:
    # dateparser takes about half a second to import; a start-up with ISO dates must not pay for it.
    manifest = write(tmp_path, "m.csv", "file,published\na.txt,2022-01-07\n")
    code = ("import sys; from pathlib import Path; from events.documents import read_manifest; "
            f"read_manifest(Path({str(manifest)!r})); print('dateparser' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.strip() == "False"
