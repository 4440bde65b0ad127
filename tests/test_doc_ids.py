"""Document ids and manifest rows: no two documents share an id, no manifest row is ambiguous or lost."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dala.cli import main
from events.documents import expand_paths, read_manifest

TEXT = "Russland hat am 6. Januar 2022 Truppen nach Almaty entsandt, sagte die Regierung.\n"
OTHER = "Kasachstan hat am 7. Januar 2022 die Grenze zu Kirgistan geschlossen, sagte die Regierung.\n"


def write(path: Path, content: str = TEXT) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    return path


def doc_ids(out: Path) -> dict[str, set[str]]:
    """doc_id -> the sentences of its events."""
    found: dict[str, set[str]] = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["kind"] == "event" and record["event_type"] != "publication":
            found.setdefault(record["doc_id"], set()).add(record["sentence"])
    return found


def ids_of(paths: list[Path]) -> list[str]:
    return [item.doc_id for item in expand_paths(paths)]


def test_same_file_name_in_two_subfolders_keeps_both_documents(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture) -> None:
    write(tmp_path / "corpus" / "a" / "index.txt", TEXT)
    write(tmp_path / "corpus" / "b" / "index.txt", OTHER)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "corpus"), "-o", str(out)]) == 0
    found = doc_ids(out)
    assert set(found) == {"a/index", "b/index"}
    assert found["a/index"] != found["b/index"]
    assert "2 documents" in capsys.readouterr().err


def test_files_named_directly_keep_their_stem_unless_two_share_it(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture) -> None:
    one, two = write(tmp_path / "x" / "report.txt", TEXT), write(tmp_path / "y" / "report.txt", OTHER)
    alone = write(tmp_path / "y" / "other.txt", OTHER)
    assert ids_of([alone]) == ["other"]
    assert ids_of([one, two, alone]) == ["x/report", "y/report", "other"]
    assert ids_of([two, one]) == ["y/report", "x/report"]  # the same files, the same ids, in any order
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(one), str(two), "-o", str(out)]) == 0
    assert set(doc_ids(out)) == {"x/report", "y/report"}
    assert "2 documents share a file name, so their ids are paths: x/report, y/report" in capsys.readouterr().err


def test_a_flat_folder_keeps_stems_and_one_name_with_two_suffixes_keeps_both(tmp_path: Path) -> None:
    write(tmp_path / "c" / "a.txt")
    write(tmp_path / "c" / "b.txt")
    assert ids_of([tmp_path / "c"]) == ["a", "b"]
    write(tmp_path / "c" / "a.md")
    assert ids_of([tmp_path / "c"]) == ["a.md", "a.txt", "b"]


def test_a_folder_and_a_file_named_directly_that_collide(tmp_path: Path) -> None:
    write(tmp_path / "corpus" / "a.txt")
    extra = write(tmp_path / "extra" / "a.txt", OTHER)
    assert ids_of([tmp_path / "corpus", extra]) == ["corpus/a", "extra/a"]


def test_manifest_rows_match_by_relative_path(tmp_path: Path) -> None:
    write(tmp_path / "c" / "a" / "index.txt", TEXT)
    write(tmp_path / "c" / "b" / "index.txt", OTHER)
    write(tmp_path / "c" / "manifest.csv", "file,doc_id,published\n"
                                           "a/index.txt,alpha,2022-01-07\nb/index.txt,beta,2022-01-08\n")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "c"), "--manifest", str(tmp_path / "c" / "manifest.csv"),
                 "-o", str(out)]) == 0
    assert set(doc_ids(out)) == {"alpha", "beta"}


def test_manifest_of_bare_names_still_finds_a_file_in_a_subfolder(tmp_path: Path) -> None:
    path = write(tmp_path / "c" / "sub" / "a.txt")
    write(tmp_path / "c" / "manifest.csv", "file,doc_id\na.txt,alpha\n")
    manifest = read_manifest(tmp_path / "c" / "manifest.csv")
    assert manifest.entry_for(path).doc_id == "alpha"
    write(tmp_path / "c" / "a.txt")  # now the row's own file exists: it describes that one only
    assert manifest.entry_for(path) is None
    assert manifest.entry_for(tmp_path / "c" / "a.txt").doc_id == "alpha"


@pytest.mark.parametrize(("rows", "message"), [
    ("a.txt,same\nb.txt,same\n", "lines 2 and 3 both give doc_id 'same'"),
    ("a.txt,one\n./a.txt,two\n", "lines 2 and 3 both describe the file './a.txt'"),
])
def test_ambiguous_manifest_is_a_usage_error_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                              rows: str, message: str) -> None:
    write(tmp_path / "a.txt")
    write(tmp_path / "b.txt", OTHER)
    write(tmp_path / "m.csv", "file,doc_id\n" + rows)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--manifest", str(tmp_path / "m.csv"),
                 "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_manifest_id_that_equals_another_documents_id_is_a_usage_error(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture) -> None:
    write(tmp_path / "a.txt")
    write(tmp_path / "b.txt", OTHER)
    write(tmp_path / "m.csv", "file,doc_id\na.txt,b\n")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--manifest", str(tmp_path / "m.csv"),
                 "-o", str(out)]) == 2
    assert "would both have doc_id 'b'" in capsys.readouterr().err
    assert not out.exists()


def test_short_manifest_row_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "m.csv", "doc_id,file,published\nx,a.txt,2022-01-07\ny\n")
    with pytest.raises(ValueError, match=r"m.csv, line 3: 1 of the header's 3 columns"):
        read_manifest(path)


def test_long_manifest_row_is_an_error_not_shifted_columns(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    # An unquoted comma in a title would otherwise push the rest of the row into the wrong columns.
    write(tmp_path / "a.txt")
    manifest = write(tmp_path / "m.csv", "file,title,author\na.txt,Astana, a capital,Smith\n")
    with pytest.raises(ValueError, match=r"m.csv, line 2: 4 fields, the header has 3 .*quote a value"):
        read_manifest(manifest)
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(tmp_path / "a.txt"), "--manifest", str(manifest), "-o", str(out)]) == 2
    assert "line 2: 4 fields" in capsys.readouterr().err and not out.exists()


def test_non_utf8_manifest_names_the_file(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_bytes("file,author\na.txt,M\xfcller\n".encode("latin-1"))
    write(tmp_path / "a.txt")
    assert main(["extract", str(tmp_path / "a.txt"), "--manifest", str(manifest), "-o", str(tmp_path / "o.jsonl")]) == 2
    err = capsys.readouterr().err
    assert f"{manifest}, line 2: manifest is not UTF-8 text (invalid byte 0xfc at offset 19)" in err


def test_manifest_rows_for_missing_files_are_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    write(tmp_path / "a.txt")
    write(tmp_path / "m.csv", "file,doc_id\na.txt,alpha\ngone.txt,beta\nb.txt,gamma\n")
    write(tmp_path / "b.txt", OTHER)  # exists but not given: no warning, it is not lost, just not asked for
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(tmp_path / "a.txt"), "--manifest", str(tmp_path / "m.csv"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"dala: warning: {tmp_path / 'm.csv'}, line 3: file 'gone.txt' not found" in err
    assert "b.txt" not in err
    assert set(doc_ids(out)) == {"alpha"}
