"""The public API: `from events import extract, extract_file`, resolved lazily so `import events` is cheap."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import events
from dala.cli import main
from events.documents import DocumentError, ManifestEntry

REPO = Path(__file__).resolve().parents[1]
BYLINED = ("Von Erika Muster – 6. Januar 2022\n"
           "Russland hat gestern 3.000 Soldaten nach Kasachstan entsandt. "
           "Präsident Tokajew bat die OVKS am 5. Januar um Hilfe.\n")
HEAVY = ("dashboard", "dash", "plotly", "pandas", "numpy", "pyarrow", "geopandas", "shapely", "tqdm")


def run_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_import_events_loads_no_extractor_stage() -> None:
    loaded = run_python("import sys, events; print(sorted(m for m in sys.modules if m.startswith('events.')))")
    assert loaded == "[]"


def test_extract_command_imports_neither_dashboard_nor_heavy_libraries(tmp_path: Path) -> None:
    document = tmp_path / "de.txt"
    document.write_text(BYLINED, encoding="utf-8")
    argv = ["extract", str(document), "-o", str(tmp_path / "out.jsonl")]
    loaded = run_python(f"import sys; from dala.cli import main; main({argv!r}); "
                        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    assert loaded == "[]"
    assert (tmp_path / "out.jsonl").is_file()


def test_extract_is_the_pipeline_entry_point() -> None:
    from events import extract

    records = extract("Russland hat am 6. Januar 2022 Soldaten nach Almaty entsandt.", doc_id="d", lang="de",
                      published=date(2022, 1, 7))
    event = next(r for r in records if r["kind"] == "event" and r["event_type"] != "publication")
    assert (event["date_start"], event["place_name"], event["actors"]) == ("2022-01-06", "Almaty", ["Russia"])


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        events.no_such_thing  # noqa: B018


def test_extract_file_gives_what_the_command_writes(tmp_path: Path) -> None:
    from events import extract_file

    document = tmp_path / "de.txt"
    document.write_text(BYLINED, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(document), "-o", str(out)]) == 0
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    records = extract_file(document)
    assert json.loads(json.dumps(records)) == written
    publication = next(r for r in records if r["event_type"] == "publication")
    assert (publication["date_start"], publication["doc_author"]) == ("2022-01-06", "Erika Muster")
    reported = [r for r in records if r["event_type"] != "publication"]
    assert reported and all("Von Erika Muster" not in r["sentence"] for r in reported)  # the byline is metadata


def test_extract_file_dct_wins_over_manifest_and_byline(tmp_path: Path) -> None:
    from events import extract_file

    document = tmp_path / "de.txt"
    document.write_text(BYLINED, encoding="utf-8")
    manifest = {"de.txt": ManifestEntry(doc_id="muster-1", published=date(2022, 1, 5))}
    by_manifest = extract_file(document, manifest=manifest)
    by_dct = extract_file(str(document), dct=date(2022, 1, 4), manifest=manifest)
    assert {r["doc_id"] for r in by_manifest} == {"muster-1"}
    assert [r["date_start"] for r in by_manifest if r["event_type"] == "publication"] == ["2022-01-05"]
    assert [r["date_start"] for r in by_dct if r["event_type"] == "publication"] == ["2022-01-04"]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty document"),
    (b"\x00\x01binary", "binary file"),
    ("Gr\xfc\xdfe".encode("latin-1"), "not UTF-8"),
])
def test_extract_file_refuses_bad_files_naming_them(tmp_path: Path, content: bytes, message: str) -> None:
    from events import extract_file

    document = tmp_path / "bad.txt"
    document.write_bytes(content)
    with pytest.raises(DocumentError, match=message) as raised:
        extract_file(document)
    assert str(document) in str(raised.value)
