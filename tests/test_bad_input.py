"""Bad input and bad outputs found before the work, not after it: one line, the right exit code, nothing left behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dala.cli import main
from dashboard.app import create_app
from dashboard.data import load_records, prepare
from dashboard.figures import type_colors
from dashboard.filters import Filters
from dashboard.views import compute_views
from events.documents import DocumentError, load_document, markdown_to_text
from events.records import read_records

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Russland hat am 6. Januar 2022 Truppen nach Almaty entsandt, sagte die Regierung.\n"


@pytest.fixture()
def document(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


# ------------------------------------------------------------------ outputs checked before any work

def unwritable_outputs(tmp_path: Path) -> list[tuple[Path, str]]:
    (tmp_path / "folder.jsonl").mkdir()
    (tmp_path / "plain").write_text("x")
    return [(tmp_path / "folder.jsonl", "is a folder"),
            (tmp_path / "plain" / "sub" / "out.jsonl", "which is a file")]


@pytest.mark.parametrize("command", ["extract", "timex"])
def test_extract_refuses_an_unwritable_output_before_reading(tmp_path: Path, document: Path, command: str,
                                                              capsys: pytest.CaptureFixture,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import events.documents

    def must_not_read(*args, **kwargs):
        raise AssertionError("a document was read before the output was checked")

    monkeypatch.setattr(events.documents, "read_text", must_not_read)
    for output, message in unwritable_outputs(tmp_path):
        assert main([command, str(document), "-o", str(output)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and message in err[0] and str(output) in err[0]


@pytest.mark.parametrize("suffix", [".png", ".jsonl"])
def test_export_refuses_an_unwritable_output(tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / f"folder{suffix}").mkdir()
    assert main(["export", "-o", str(tmp_path / f"folder{suffix}")]) == 2
    assert "is a folder" in capsys.readouterr().err


@pytest.fixture()
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write in: root writes through permission bits, so for root a read-only mount."""
    folder = tmp_path / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "dala-test", str(folder)], check=True)
        try:
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)


def test_a_read_only_folder_is_refused_before_work(read_only_folder: Path, document: Path,
                                                   capsys: pytest.CaptureFixture) -> None:
    output = read_only_folder / "sub" / "o.jsonl"
    assert main(["extract", str(document), "-o", str(output)]) == 2
    assert capsys.readouterr().err.strip() == (f"dala: error: {output}: cannot write in {read_only_folder} "
                                               "(permission denied or read-only)")


# ------------------------------------------------------------------ empty and sites-only records

@pytest.fixture(params=["empty", "sites-only"])
def thin_records(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "records.jsonl"
    if request.param == "empty":
        path.write_text("")
    else:
        path.write_text('{"kind": "site", "id": "s1", "doc_id": "d", "name": "Almaty", "category": "city", '
                        '"lat": 43.25, "lon": 76.92, "country_code": "KZ", "geonames_id": 1526384, '
                        '"place_text": "Almaty", "sentence": "In Almaty.", "char_start": 0, "char_end": 10}\n')
    return path


def test_empty_or_sites_only_records_are_an_empty_view(thin_records: Path) -> None:
    data = prepare(load_records(thin_records))
    assert len(data.events) == 0
    views = compute_views(data, Filters(), lanes="actor", colors=type_colors(data.events["event_type"]))
    assert views.count == "0 events" and views.empty and views.table_rows == []
    create_app(thin_records)


def test_export_of_empty_or_sites_only_records(thin_records: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture) -> None:
    image = tmp_path / "view.svg"
    assert main(["export", "--data", str(thin_records), "-o", str(image)]) == 0
    assert "0 events" in image.read_text(encoding="utf-8")
    records = tmp_path / "out.jsonl"
    assert main(["export", "--data", str(thin_records), "-o", str(records)]) == 0
    assert "0 records" in capsys.readouterr().err
    assert len(read_records(records)) == 0


# ------------------------------------------------------------------ Ctrl-C

def test_ctrl_c_during_extract_exits_130_quietly_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(600):  # long enough (minutes) that the interrupt lands mid-run on a fast machine
        (corpus / f"d{number:03}.txt").write_text(TEXT * 400, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "events.parquet"
    out.write_bytes(b"previous output")
    # a shell starts background jobs with SIGINT ignored, and Python keeps an ignored SIGINT: restore
    # the default so the child gets a KeyboardInterrupt however the test suite itself was started
    process = subprocess.Popen([sys.executable, "-m", "dala.cli", "extract", str(corpus), "-o", str(out)],
                               cwd=ROOT, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 60
        seen = ""
        while "extracting" not in seen and time.monotonic() < deadline:  # the progress bar: work has begun
            seen += process.stderr.read(1)
        assert "extracting" in seen
        process.send_signal(signal.SIGINT)
        err = seen + process.stderr.read()
        assert process.wait(timeout=60) == 130
    finally:
        process.kill()
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.strip().splitlines()[-1].endswith(f"dala: interrupted; {out} left unchanged")
    assert out.read_bytes() == b"previous output"
    assert sorted(p.name for p in out_dir.iterdir()) == ["events.parquet"]


WRITES = ([(["extract", "{doc}"], suffix) for suffix in (".jsonl", ".csv", ".geojson", ".parquet")]
          + [(["timex", "{doc}"], ".jsonl")]
          + [(["export"], suffix) for suffix in (".jsonl", ".csv", ".geojson", ".png")])


@pytest.mark.parametrize(("argv", "suffix"), WRITES)
def test_ctrl_c_while_writing_leaves_the_old_output_and_no_temporary_file(
        tmp_path: Path, document: Path, argv: list[str], suffix: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / f"result{suffix}"
    out.write_bytes(b"previous output")

    def interrupted(source: str, target: str) -> None:  # Ctrl-C once the temporary file is complete
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    assert main([arg.format(doc=document) for arg in argv] + ["-o", str(out)]) == 130
    assert capsys.readouterr().err.strip().splitlines()[-1] == f"dala: interrupted; {out} left unchanged"
    assert out.read_bytes() == b"previous output"
    assert [p.name for p in out_dir.iterdir()] == [out.name]


# ------------------------------------------------------------------ small ones

def test_nul_byte_after_the_first_8_kb_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(TEXT.encode() * 200 + b"\x00" + TEXT.encode())
    assert path.stat().st_size > 8192
    with pytest.raises(DocumentError, match="binary file"):
        load_document(path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("\ufeff".encode(encoding) + TEXT.encode(encoding))
    document = load_document(path)
    assert document.text == TEXT.strip() + "\n" or document.text == TEXT
    assert document.lang == "de"


def test_utf32_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "wider.txt"
    path.write_bytes(TEXT.encode("utf-32"))
    with pytest.raises(DocumentError, match="UTF-32 text is not supported; convert it to UTF-8"):
        load_document(path)


def test_size_error_gives_exact_figures(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (2 * 1024 * 1024 + 1))
    with pytest.raises(DocumentError) as error:
        load_document(path)
    assert str(error.value) == f"{path}: file too large (2,097,153 bytes; the limit is 2,097,152 bytes (2 MiB))"


@pytest.mark.parametrize("command", ["serve", "export"])
def test_data_url_is_refused_as_given(command: str, capsys: pytest.CaptureFixture) -> None:
    argv = [command, "--data", "http://example.org/records.jsonl"] + (["-o", "x.png"] if command == "export" else [])
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert ("--data takes a local file or folder, not a URL ('http://example.org/records.jsonl')"
            in capsys.readouterr().err)


MARKDOWN = [
    ("# Titel der Meldung\n\nText.", "Titel der Meldung\n\nText."),
    ("## Zweiter Kopf ##", "Zweiter Kopf"),
    ("Das ist **fett** und *schräg* und _auch_ und __fett__ und ~~weg~~.",
     "Das ist fett und schräg und auch und fett und weg."),
    ("Die [OVKS](https://odkb.org \"Seite\") half. Siehe ![Karte](k.png) und <https://example.org>.",
     "Die OVKS half. Siehe Karte und https://example.org."),
    ("- erster Punkt\n* zweiter Punkt\n+ dritter", "erster Punkt\nzweiter Punkt\ndritter"),
    ("7. Januar 2022 war ein Freitag.", "7. Januar 2022 war ein Freitag."),  # numbers stay: may be dates
    ("> Am 5. Januar\n> > sagte er", "Am 5. Januar\nsagte er"),
    ("Mit `code *bleibt*` drin.", "Mit code *bleibt* drin."),
    ("snake_case_name und 2*3*4 bleiben", "snake_case_name und 2*3*4 bleiben"),
    ("Ein \\*Stern\\* bleibt", "Ein *Stern* bleibt"),
    ("**[verlinkt](x)**", "verlinkt"),
    ("Titel\n=====\n\nText\n\n---\n\nMehr", "Titel\n\nText\n\nMehr"),
    ("| a | b |\n|---|:-:|\n| 1 | 2 |", "| a | b |\n| 1 | 2 |"),
    ("```\n**roh**\n```", "**roh**"),
    ("Text[^1]\n\n[ref]: https://example.org \"Titel\"", "Text[^1]"),
    ("[1]: Anmerkung ohne Adresse", "[1]: Anmerkung ohne Adresse"),  # not a link definition: text
    ("[Foo](https://en.wikipedia.org/wiki/Foo_(bar)) ok", "Foo ok"),
    ("**fett mit *schräg* drin**", "fett mit schräg drin"),
]


@pytest.mark.parametrize(("markup", "text"), MARKDOWN)
def test_markdown_to_text(markup: str, text: str) -> None:
    assert markdown_to_text(markup) == text


def test_markdown_markup_stays_out_of_evidence(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("# Lage in Kasachstan\n\n**Russland** hat am 6. Januar 2022 Truppen nach "
                    "[Almaty](https://de.wikipedia.org/wiki/Almaty) entsandt, sagte die *Regierung*.\n",
                    encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(path), "--lang", "de", "-o", str(out)]) == 0
    events = [r for r in read_records(out).to_dict("records") if r["kind"] == "event"]
    sentence = "Russland hat am 6. Januar 2022 Truppen nach Almaty entsandt, sagte die Regierung."
    assert [e["sentence"] for e in events] == [sentence]
    text = load_document(path, lang="de").text
    assert text[events[0]["char_start"]:events[0]["char_end"]] == sentence
