"""`dala extract` / `dala timex` end to end: bad inputs reported one line each, others still processed,
atomic and idempotent output."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dala.cli import main

GOOD_DE = ("Von Erika Muster – 6. Januar 2022\n"
           "Russland hat gestern 3.000 Soldaten nach Kasachstan entsandt. "
           "Präsident Tokajew bat die OVKS am 5. Januar um Hilfe.\n")
GOOD_EN = ("By Jane Roe, March 3, 2023\n"
           "Kazakhstan's president Tokayev met Vladimir Putin in Moscow last week. "
           "Protesters gathered in Almaty on 1 March.\n")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "de.txt").write_text(GOOD_DE, encoding="utf-8")
    (folder / "en.md").write_text(GOOD_EN, encoding="utf-8")
    return folder


def test_extract_writes_events_and_sites(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(corpus), "-o", str(out)]) == 0
    records = read_jsonl(out)
    assert {r["doc_id"] for r in records} == {"de", "en"}
    assert {r["kind"] for r in records} == {"event", "site"}
    publications = [r for r in records if r.get("event_type") == "publication"]
    assert sorted(r["date_start"] for r in publications) == ["2022-01-06", "2023-03-03"]
    assert "2 documents" in capsys.readouterr().err


def test_rerun_gives_same_ids_and_no_duplicates(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    main(["extract", str(corpus), "-o", str(out)])
    first = read_jsonl(out)
    main(["extract", str(corpus), str(corpus / "de.txt"), "-o", str(out)])
    second = read_jsonl(out)
    assert [r["id"] for r in first] == [r["id"] for r in second]
    assert len({r["id"] for r in second}) == len(second)


def test_bad_inputs_reported_and_others_processed(corpus: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture) -> None:
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (corpus / "latin1.txt").write_bytes("Gr\xfc\xdfe aus der Stra\xdfe".encode("latin-1"))
    (corpus / "french.txt").write_text("Le président a dit que la crise est finie et que tout va bien.")
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(corpus), str(tmp_path / "missing.txt"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    for name, reason in [("empty.txt", "empty document"), ("binary.txt", "binary file"),
                         ("latin1.txt", "not UTF-8"), ("french.txt", "unknown language"),
                         ("missing.txt", "no such file")]:
        assert any(name in line and reason in line for line in err.splitlines()), name
    assert "2 documents" in err and "5 failures" in err
    assert {r["doc_id"] for r in read_jsonl(out)} == {"de", "en"}


def test_all_inputs_bad_leaves_existing_output(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"kind": "event"}\n')
    assert main(["extract", str(tmp_path / "missing.txt"), "-o", str(out)]) == 1
    assert out.read_text() == '{"kind": "event"}\n'


def test_invalid_dct_is_a_usage_error(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", str(corpus), "--dct", "2024-02-30", "-o", str(tmp_path / "o.jsonl")])
    assert exit_info.value.code == 2
    assert "invalid --dct '2024-02-30'" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()


def test_unknown_output_format_refused_before_work(corpus: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", str(corpus), "-o", str(tmp_path / "o.xlsx")]) == 2
    assert "unsupported records format '.xlsx'" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", [".csv", ".geojson", ".parquet"])
def test_other_output_formats(corpus: Path, tmp_path: Path, suffix: str) -> None:
    from events.records import read_records

    out = tmp_path / f"out{suffix}"
    assert main(["extract", str(corpus), "-o", str(out)]) == 0
    assert set(read_records(out)["kind"]) == {"event", "site"}


def test_dct_without_byline_dates_relative_expressions(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Russland hat gestern Truppen nach Kasachstan entsandt, sagte die Regierung.", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(doc), "--dct", "2022-01-07", "-o", str(out)]) == 0
    events = [r for r in read_jsonl(out) if r["kind"] == "event" and r["event_type"] != "publication"]
    assert events and events[0]["date_start"] == "2022-01-06" and events[0]["date_source"] == "relative"


def test_no_anchor_leaves_relative_dates_undated(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("Russland hat gestern Truppen nach Kasachstan entsandt, sagte die Regierung.", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(doc), "-o", str(out)]) == 0
    records = read_jsonl(out)
    assert all(r["date_start"] is None for r in records if r["kind"] == "event")


def test_timex_command(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    text = "Am 7. Januar 2022 und gestern geschah etwas in der Hauptstadt, sagte er."
    doc.write_text(text, encoding="utf-8")
    out = tmp_path / "t.jsonl"
    assert main(["timex", str(doc), "--dct", "2022-01-07", "--lang", "de", "-o", str(out)]) == 0
    rows = read_jsonl(out)
    assert [(r["text"], r["value"]) for r in rows] == [("7. Januar 2022", "2022-01-07"), ("gestern", "2022-01-06")]
    assert all(text[r["start"]:r["end"]] == r["text"] and r["doc_id"] == "a" for r in rows)


def test_progress_bar_only_on_larger_corpora(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(7):
        (folder / f"d{number}.txt").write_text(GOOD_DE, encoding="utf-8")
    assert main(["extract", str(folder), "-o", str(tmp_path / "o.jsonl")]) == 0
    assert "extracting" in capsys.readouterr().err
    assert main(["extract", str(folder / "d0.txt"), "-o", str(tmp_path / "p.jsonl")]) == 0
    assert "extracting" not in capsys.readouterr().err


def test_html_input_offsets_refer_to_the_visible_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Russland hat am 6. Januar 2022 Truppen nach Almaty entsandt.</p>"
                    "<script>var x = '7. Januar 2022';</script></body></html>", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(page), "--lang", "de", "-o", str(out)]) == 0
    events = [r for r in read_jsonl(out) if r["kind"] == "event"]
    assert [(e["date_start"], e["place_name"]) for e in events] == [("2022-01-06", "Almaty")]
    assert events[0]["sentence"].startswith("Russland hat am 6. Januar 2022")


@pytest.mark.parametrize("command", ["extract", "timex"])
def test_workers_give_the_records_and_failures_of_one_process(command: str, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(9):
        text = GOOD_DE if number % 2 else GOOD_EN
        (folder / f"d{number}.txt").write_text(text.replace("3.000", f"{number + 1}.000"), encoding="utf-8")
    (folder / "d4.txt").write_bytes(b"\x00\x01binary")  # fails in whichever process reads it
    outputs = {}
    for workers in ("1", "3"):
        out = tmp_path / f"w{workers}.jsonl"
        assert main([command, str(folder), "--workers", workers, "-o", str(out)]) == 1
        err = capsys.readouterr().err
        outputs[workers] = (out.read_bytes(), [line for line in err.splitlines() if "d4.txt" in line])
    assert outputs["1"] == outputs["3"]
    assert outputs["1"][0] and len(outputs["1"][1]) == 2  # the error line and the summary's "failed:" line


def test_workers_must_be_positive(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["extract", str(corpus), "--workers", "0", "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "--workers must be at least 1, not 0" in capsys.readouterr().err
