"""The review file: decisions are checked against the record model, appended whole, read back
line by line (a bad line is reported, the rest applies) and laid over the records."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from dashboard.data import load_records
from dashboard.review import Decision, append_decision, apply_reviews, decide, read_reviews, review_path

RECORDS = Path(__file__).with_name("test_dashboard_records.jsonl")
AT = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture()
def records():
    return load_records(RECORDS)


def shown(records, event_id: str) -> dict:
    return records.set_index("id").loc[event_id].to_dict() | {"id": event_id}


def test_review_file_sits_beside_the_data_under_its_name(tmp_path: Path) -> None:
    assert review_path(tmp_path / "events.jsonl") == tmp_path / "events.jsonl.review"
    assert review_path(tmp_path / "corpus") == tmp_path / "corpus.review"


def test_decisions_survive_a_reload_and_overlay_the_records(records, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl.review"
    append_decision(path, decide(shown(records, "e1"), "correct", reviewer="ana", at=AT,
                                 corrections={"place_name": "Zhanaozen", "date_start": "2022-01-04"}))
    append_decision(path, decide(shown(records, "e2"), "reject", reviewer="ben", at=AT))
    append_decision(path, decide(shown(records, "e3"), "confirm", reviewer="ana", at=AT))
    reviewed, reviews = apply_reviews(records, read_reviews(path))
    assert reviews.problems == ()
    by_id = reviewed.set_index("id")
    assert (by_id.at["e1", "place_name"], by_id.at["e1", "date_start"]) == ("Zhanaozen", "2022-01-04")
    assert by_id.loc[["e1", "e2", "e3"], "review"].tolist() == ["corrected", "rejected", "confirmed"]
    assert by_id.at["e4", "review"] is None
    first = read_reviews(path).decisions[0][1]
    assert (first.reviewer, first.at, first.changes["place_name"][1]) == ("ana", "2024-05-01T12:00:00+00:00", "Zhanaozen")
    assert first.changes["place_name"][0] == shown(records, "e1")["place_name"]  # the value it replaced
    assert records.set_index("id").at["e1", "place_name"] == first.changes["place_name"][0]  # input untouched


@pytest.mark.parametrize(("corrections", "message"), [
    ({"lat": 999}, "field 'lat'"),
    ({"date_start": "2030-01-01", "date_end": "2029-01-01"}, "is after date_end"),
    ({"sentence": "rewritten"}, "cannot correct sentence"),
    ({}, "changes nothing"),
])
def test_a_correction_the_model_refuses_is_never_written(records, corrections: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        decide(shown(records, "e1"), "correct", reviewer="ana", at=AT, corrections=corrections)


def test_a_torn_or_corrupt_line_is_reported_and_the_rest_applies(records, tmp_path: Path) -> None:
    path = tmp_path / "r.review"
    append_decision(path, decide(shown(records, "e1"), "reject", reviewer="ana", at=AT))
    with path.open("ab") as handle:
        handle.write(b'{"event_id": "e2", "act')  # a crash in mid-write
    append_decision(path, decide(shown(records, "e3"), "reject", reviewer="ana", at=AT))
    append_decision(path, Decision("nope", "reject", "ana", "2024-05-01T12:00:00+00:00"))
    reviews = read_reviews(path)
    assert [number for number, _ in reviews.decisions] == [1, 3, 4]
    assert len(reviews.problems) == 1 and reviews.problems[0].startswith("line 2:")
    reviewed, applied = apply_reviews(records, reviews)
    assert applied.problems[1] == "line 4: no event 'nope' in the data"
    assert reviewed.set_index("id").loc[["e1", "e2", "e3"], "review"].tolist() == ["rejected", None, "rejected"]
    assert applied.report().startswith("2 review lines skipped: line 2:")


def test_a_hand_edited_invalid_correction_is_skipped_on_load(records, tmp_path: Path) -> None:
    path = tmp_path / "r.review"
    path.write_text('{"event_id": "e1", "action": "correct", "reviewer": "x", "at": "2024-01-01T00:00:00+00:00", '
                    '"changes": {"lat": [null, 999]}}\n', encoding="utf-8")
    reviewed, reviews = apply_reviews(records, read_reviews(path))
    assert reviews.problems and "field 'lat'" in reviews.problems[0]
    assert reviewed.set_index("id").at["e1", "review"] is None


def test_no_review_file_means_no_decisions(tmp_path: Path) -> None:
    assert read_reviews(tmp_path / "missing.review").decisions == ()


def test_export_applies_the_review_file_beside_the_data(records, tmp_path: Path) -> None:
    import csv
    import shutil

    from dala.cli import main

    data = tmp_path / "events.jsonl"
    shutil.copy(RECORDS, data)
    append_decision(review_path(data), decide(shown(records, "e1"), "correct", reviewer="ana", at=AT,
                                              corrections={"place_name": "Zhanaozen"}))
    append_decision(review_path(data), decide(shown(records, "e2"), "reject", reviewer="ana", at=AT))
    out = tmp_path / "out.csv"
    assert main(["export", "--data", str(data), "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert rows["e1"]["review"] == "corrected" and rows["e1"]["place_name"] == "Zhanaozen"
    assert "e2" not in rows and rows["e3"]["review"] == ""  # rejected hidden by default; unreviewed empty
    assert main(["export", "--data", str(data), "--rejected", "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        assert {row["id"]: row["review"] for row in csv.DictReader(handle)}["e2"] == "rejected"


def live_pair(tmp_path: Path):
    """Two LiveData over one records file, as two workers of one server hold them."""
    import shutil

    from dashboard.live import LiveData

    data = tmp_path / "events.jsonl"
    shutil.copy(RECORDS, data)
    return [LiveData(load_records(data), source=data.name, review_file=review_path(data), colors={}) for _ in range(2)]


def test_a_decision_in_one_worker_shows_in_the_other(tmp_path: Path) -> None:
    from dashboard.filters import Filters, filter_events

    first, second = live_pair(tmp_path)
    before = second.current()
    assert len(filter_events(before.data, Filters())) == 8
    first.review("e2", "reject", reviewer="ana", now=AT)
    after = second.current()
    assert after.version != before.version
    assert len(filter_events(after.data, Filters())) == 7  # rejected: hidden by default
    assert len(filter_events(after.data, Filters(rejected=True))) == 8
    assert second.current() is after  # unchanged file: the same snapshot, no rebuild


def test_review_outcome_says_what_happened_in_one_line(tmp_path: Path) -> None:
    from dashboard.callbacks import corrections_from_form, review_outcome

    live, _ = live_pair(tmp_path)
    assert review_outcome(live, None, "confirm", "ana", None) == ("Select an event first.", None)
    message, snapshot = review_outcome(live, "e1", "correct", "ana", {"lat": 999})
    assert message.startswith("Not recorded: field 'lat'") and snapshot is None
    assert review_outcome(live, "e1", "confirm", " ", None)[0] == "Not recorded: a decision needs a reviewer's name"
    corrections = corrections_from_form({"place_name": " Zhanaozen ", "actors": "Protesters, Police", "country_code": "kz",
                                         "date_start": "", "event_type": None})
    assert corrections == {"place_name": "Zhanaozen", "actors": ["Protesters", "Police"], "country_code": "KZ"}
    message, snapshot = review_outcome(live, "e1", "correct", "ana", corrections)
    assert message == "e1 corrected by ana; saved to events.jsonl.review."
    assert snapshot.data.events.set_index("id").at["e1", "place_name"] == "Zhanaozen"


def test_reviews_need_a_records_file() -> None:
    from dashboard.live import LiveData

    live = LiveData(load_records(RECORDS), source="in-memory records", review_file=None, colors={})
    with pytest.raises(ValueError, match="reviews need a records file of your own"):
        live.review("e1", "confirm", reviewer="ana")


def test_the_built_in_records_get_no_review_file(tmp_path: Path) -> None:
    from dashboard.live import review_file_for
    from dashboard.data import BUILTIN_RECORDS

    assert review_file_for(BUILTIN_RECORDS) is None  # they ship inside the package
    assert review_file_for(tmp_path / "copy.jsonl") == tmp_path / "copy.jsonl.review"


def test_each_page_load_shows_the_decisions_made_since_the_app_started(records, tmp_path: Path) -> None:
    import shutil

    from dashboard.app import create_app

    data = tmp_path / "events.jsonl"
    shutil.copy(RECORDS, data)
    app = create_app(data)

    def count() -> str:
        (node,) = [n for n in app.layout()._traverse() if getattr(n, "id", None) == "event-count"]
        return node.children

    assert count() == "8 events"
    append_decision(review_path(data), decide(shown(records, "e2"), "reject", reviewer="ana", at=AT))
    assert count() == "7 events"
