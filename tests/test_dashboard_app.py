"""The built app (layout ids, local map outlines), the evidence panel, exports and `dala serve|export`."""
from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from dash import dcc, html

from dashboard import ids
from dashboard.app import create_app
from dashboard.data import BUILTIN_RECORDS, Dataset, load_records, prepare
from dashboard.evidence import build_evidence, describe_when, highlight_segments, record_marks, search_marks
from dashboard.export import caption_text, export_records, view_figure
from dashboard.figures import type_colors
from dashboard.filters import Filters, filter_events, filter_sites, resolve_actors, view_link
from dashboard.views import compute_views, event_record
from dala.cli import main
from events.pipeline import extract
from events.records import write_records

RECORDS = Path(__file__).with_name("test_dashboard_records.jsonl")
CONTRACT_IDS = ("timeline", "map", "event-table", "evidence", "actor-filter", "type-filter", "date-range",
                "event-count", "download-view")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def data() -> Dataset:
    return prepare(load_records(RECORDS))


@pytest.fixture(scope="module")
def app():
    return create_app(RECORDS)


def walk(component):
    """Every component in a Dash tree (children lists, single children, option labels)."""
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from walk(child)


def texts(component) -> list[str]:
    """All plain-string children in a tree (what the browser shows as text)."""
    found = []
    for node in walk(component) if hasattr(component, "to_plotly_json") else [component]:
        children = getattr(node, "children", node if isinstance(node, str) else None)
        found += [child for child in (children if isinstance(children, list) else [children]) if isinstance(child, str)]
    return found


# ------------------------------------------------------------------ app

def test_layout_holds_every_contract_id(app) -> None:
    present = {getattr(node, "id", None) for node in walk(app.layout())}
    assert set(CONTRACT_IDS) <= present
    assert {ids.TIMELINE, ids.MAP, ids.EVENT_COUNT} == {"timeline", "map", "event-count"}


def test_initial_page_shows_every_event(app) -> None:
    (count,) = [node for node in walk(app.layout()) if getattr(node, "id", None) == "event-count"]
    assert count.children == "8 events"


def test_map_outlines_are_served_by_the_app_not_the_cdn(app) -> None:
    (graph,) = [node for node in walk(app.layout()) if getattr(node, "id", None) == "map"]
    url = graph.config["topojsonURL"]
    assert url.startswith("/") and "cdn" not in url
    response = app.server.test_client().get(url + "world_50m.json")
    assert response.status_code == 200 and "countries" in json.loads(response.data)["objects"]


def test_actor_options_show_counts_but_are_named_by_actor(app) -> None:
    (dropdown,) = [node for node in walk(app.layout()) if getattr(node, "id", None) == "actor-filter"]
    russia = next(option for option in dropdown.options if option["value"] == "Russia")
    assert texts(russia["label"]) == ["Russia", " (3)"] and russia["search"] == "Russia"
    assert russia["label"].children[1].to_plotly_json()["props"]["aria-hidden"] == "true"


def test_app_accepts_a_dataframe(data: Dataset) -> None:
    app = create_app(load_records(RECORDS))
    assert any(getattr(node, "id", None) == "timeline" for node in walk(app.layout()))


def test_app_refuses_a_bad_file_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.jsonl"):
        create_app(path)


# ------------------------------------------------------------------ evidence

@pytest.mark.parametrize(("sentence", "marks", "expected"), [
    ("On 5 January protesters gathered in Almaty.", {"date": "5 January", "place": "Almaty"},
     [("On ", None), ("5 January", "date"), (" protesters gathered in ", None), ("Almaty", "place"), (".", None)]),
    ("Im Januar berieten sie in Moskau.", {"date": "im Januar", "place": None},
     [("Im Januar", "date"), (" berieten sie in Moskau.", None)]),
    ("Almaty, 2022", {"date": "Almaty, 2022", "place": "Almaty"}, [("Almaty, 2022", "date")]),
    ("Nothing here.", {"date": "2022", "place": "Astana"}, [("Nothing here.", None)]),
])
def test_records_without_spans_mark_the_first_occurrence(sentence: str, marks: dict, expected: list) -> None:
    segments = highlight_segments(sentence, search_marks(sentence, marks))
    assert segments == expected
    assert "".join(text for text, _ in segments) == sentence


def marked(record: dict) -> list[tuple[str, str]]:
    panel = html.Div(build_evidence(record))
    return [(mark.children, mark.className) for mark in walk(panel) if isinstance(mark, html.Mark)]


SPANNED = {"sentence": "Am 5. Januar sagte Tokajew, Russland habe am 5. Januar Truppen nach Almaty geschickt.",
           "char_start": 100, "char_end": 185, "date_text": "5. Januar", "date_span": [145, 154], "place_text": "Almaty",
           "place_span": [168, 174], "actors": ["Kassym-Jomart Tokayev", "Russia"],
           "actor_spans": [[119, 126], [128, 136]]}


def test_evidence_marks_the_mention_the_spans_name_not_the_first_match() -> None:
    assert marked(SPANNED) == [("Tokajew", "mark-actor"), ("Russland", "mark-actor"),
                               ("5. Januar", "mark-date"), ("Almaty", "mark-place")]
    segments = highlight_segments(SPANNED["sentence"], record_marks(SPANNED))
    assert segments[0] == ("Am 5. Januar sagte ", None) and "".join(t for t, _ in segments) == SPANNED["sentence"]


def test_evidence_skips_null_actor_spans_and_spans_outside_the_sentence() -> None:
    record = {**SPANNED, "actor_spans": [None, [128, 136]], "date_span": [300, 310], "date_text": None}
    assert marked(record) == [("Russland", "mark-actor"), ("Almaty", "mark-place")]


def test_evidence_of_an_extracted_record_marks_its_own_mentions() -> None:
    text = "Am 6. Januar hieß es, Russland entsandte am 6. Januar Truppen nach Almaty."
    (event,) = [r for r in extract(text, doc_id="d", lang="de", published=date(2022, 1, 10))
                if r.get("event_type") == "mobilize"]
    assert highlight_segments(event["sentence"], record_marks(event)) == [
        ("Am 6. Januar hieß es, ", None), ("Russland", "actor"), (" entsandte am ", None), ("6. Januar", "date"),
        (" Truppen nach ", None), ("Almaty", "place"), (".", None)]


def test_evidence_shows_html_as_text(data: Dataset) -> None:
    record = data.events.set_index("id").loc["e7"].to_dict() | {"id": "e7"}
    panel = html.Div(build_evidence(record))
    shown = "".join(texts(panel))
    assert "<b>Nazarbayev</b>" in shown and "<script>window.__x=1</script>" in shown
    marks = [node for node in walk(panel) if isinstance(node, html.Mark)]
    assert [(mark.children, mark.className) for mark in marks] == [("the 1980s", "mark-date"),
                                                                   ("Semipalatinsk", "mark-place")]
    assert "dangerouslySetInnerHTML" not in json.dumps(panel.to_plotly_json(), default=str)
    assert not any(isinstance(node, dcc.Markdown) for node in walk(panel))
    for fact in ("A short history", "decade", "0.90", "unknown"):  # document, precision, confidence, author
        assert fact in shown


def test_evidence_without_a_selection_is_a_hint() -> None:
    assert "Click an event" in "".join(texts(html.Div(build_evidence(None))))


# ------------------------------------------------------------------ exports

def test_caption_states_filters_count_and_sources(data: Dataset) -> None:
    filters = Filters(actors=("Russia",), date_from="2022-01-01")
    caption = caption_text(filter_events(data, filters), filters)
    assert caption.startswith("2 events")
    assert "actors: Russia" in caption and "dates 2022-01-01 to …" in caption
    assert "Unrest in Kazakhstan — A. Writer" in caption and "Reactions abroad — B. Author" in caption
    assert "A short history" not in caption
    assert "Filters: no filters" in caption_text(data.events, Filters())


def test_view_figure_puts_timeline_map_and_caption_together(data: Dataset) -> None:
    figure = view_figure(data, Filters(types=("protest",)))
    assert figure.layout.geo.showcountries and figure.layout.xaxis.type == "date"
    assert {trace.type for trace in figure.data} == {"scatter", "scattergeo"}  # SVG traces for print
    assert any("2 events" in annotation.text for annotation in figure.layout.annotations)


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".geojson"])
def test_records_export_round_trip(data: Dataset, tmp_path: Path, suffix: str) -> None:
    filters = Filters(actors=("Russia",))
    path = tmp_path / f"out{suffix}"
    assert export_records(data, filters, path) == 3 + 1  # three events, one site of their documents
    back = load_records(path)
    events = back[back["kind"] == "event"].set_index("id")
    assert set(events.index) == {"e3", "e4", "e5"}
    assert list(events.loc["e3", "actors"]) == ["Russia", "CSTO"]
    assert events.loc["e4", "date_end"] == "2022-01-31" and events.loc["e4", "lat"] == pytest.approx(55.75)
    assert list(back.loc[back["kind"] == "site", "name"]) == ["Baikonur Cosmodrome"]


def test_records_export_refuses_other_suffixes(data: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"out\.xlsx"):
        export_records(data, Filters(), tmp_path / "out.xlsx")


# ------------------------------------------------------------------ CLI

def test_cli_export_records(tmp_path: Path) -> None:
    out = tmp_path / "protests.jsonl"
    assert main(["export", "--data", str(RECORDS), "--type", "protest", "--from", "2022-01-06", "-o", str(out)]) == 0
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["e8"]


@pytest.mark.skipif(CHROMIUM is None, reason="kaleido needs the system Chromium")
def test_cli_export_image(tmp_path: Path) -> None:
    out = tmp_path / "view.svg"
    assert main(["export", "--data", str(RECORDS), "--actor", "Russia", "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "3 events · Filters: actors: Russia" in svg
    digest = prepare(load_records(RECORDS)).digest
    assert f"Data: {RECORDS.name}, 8 events, digest {digest}" in svg
    assert "View: http://127.0.0.1:8050/?actor=Russia" in svg
    countries = svg.split('class="layer countries"', 1)[1].split("</g>", 1)[0]
    assert countries.count("M") >= 20  # outlines drawn from the local shapes


def test_data_digest_names_the_content_not_its_order(data: Dataset) -> None:
    records = load_records(RECORDS)
    assert prepare(records.iloc[::-1].reset_index(drop=True)).digest == data.digest
    changed = records.copy()
    changed.loc[changed["id"] == "e1", "place_name"] = "Somewhere else"
    assert prepare(changed).digest != data.digest


def test_caption_cites_the_data_and_links_the_view(data: Dataset) -> None:
    filters = Filters(actors=("Russia",), date_from="2022-01-01")
    link = view_link("http://example.org:8050/?actor=Old#top", filters)
    assert link == "http://example.org:8050/?from=2022-01-01&actor=Russia"
    caption = caption_text(filter_events(data, filters), filters, data=data, link=link).splitlines()
    assert caption[-2:] == [f"Data: records, 8 events, digest {data.digest}", f"View: {link}"]


def test_exported_timeline_axis_fits_the_date_filter(data: Dataset) -> None:
    wide = view_figure(data, Filters())
    narrow = view_figure(data, Filters(date_from="2022-01-05", date_to="2022-01-07"))
    width = lambda figure: figure.layout.xaxis.range[1] - figure.layout.xaxis.range[0]  # noqa: E731
    assert width(narrow) < width(wide)


@pytest.mark.parametrize(("start", "end", "precision", "source", "says"), [
    ("2022-01-01", "2022-04-30", "year", "explicit", "2022-01-01 – 2022-04-30 (120 days, part of the year 2022)"),
    ("2022-01-01", "2022-01-31", "month", "relative", "the month of January 2022"),
    ("2021-12-27", "2022-01-02", "week", "document", "the week of 2021-12-27 (Monday to Sunday)"),
    ("2022-01-05", "2022-01-05", "day", "narrative", "on 2022-01-05"),
    ("1990-01-01", "1999-12-31", "decade", "explicit", "the years 1990–1999, a decade"),
])
def test_evidence_says_what_the_date_interval_is(start: str, end: str, precision: str, source: str, says: str) -> None:
    when = describe_when({"date_start": start, "date_end": end, "date_precision": precision,
                          "date_text": "Anfang 2022", "date_source": source})
    assert when.startswith(says + "; from “Anfang 2022”; ")
    assert describe_when({"date_start": None}) == "undated"


@pytest.mark.parametrize("actor", ["Russia", "russia", "RUSSIA", "Russland", "Moskau"])
def test_cli_export_finds_an_actor_by_case_and_other_names(actor: str, tmp_path: Path) -> None:
    out = tmp_path / "russia.jsonl"
    assert main(["export", "--data", str(RECORDS), "--actor", actor, "-o", str(out)]) == 0
    assert sorted(json.loads(line)["id"] for line in out.read_text().splitlines()) == ["e3", "e4", "e5", "s1"]


def test_resolve_actors_suggests_the_closest_and_refuses_the_unknown() -> None:
    known = ["Russia", "Kazakhstan", "Kassym-Jomart Tokayev"]
    assert resolve_actors(["kazakhstan", "Kasachstan"], known, {"kasachstan": "Kazakhstan"}) == ("Kazakhstan",)
    with pytest.raises(ValueError, match=r"unknown actor 'Tokajev'; did you mean Kassym-Jomart Tokayev\?"):
        resolve_actors(["Tokajev"], known)
    with pytest.raises(ValueError, match=r"unknown actor 'Xyzzy' \(the data has 3 actors\)$"):
        resolve_actors(["Xyzzy"], known)


def test_cli_version_and_help_are_plain_text(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0 and capsys.readouterr().out.startswith("dala ")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "``" not in capsys.readouterr().out


@pytest.mark.parametrize(("argv", "message"), [
    (["export", "--data", str(RECORDS), "--actor", "Rusia", "-o", "x.csv"], "unknown actor 'Rusia'; did you mean Russia?"),
    (["export", "--data", str(RECORDS), "--from", "2022-02-01", "--to", "2022-01-31", "-o", "x.csv"],
     "--from 2022-02-01 is after --to 2022-01-31"),
    (["serve", "--data", "missing.jsonl"], "missing.jsonl: no such file"),
    (["export", "--data", "missing.jsonl", "-o", "x.png"], "missing.jsonl: no such file"),
    (["export", "--data", str(RECORDS), "-o", "x.docx"], "unsupported output type '.docx'"),
])
def test_cli_refuses_bad_input_with_one_line(argv: list[str], message: str, capsys) -> None:
    assert main(argv) == 2
    error = capsys.readouterr().err.strip()
    assert message in error and len(error.splitlines()) == 1


# ------------------------------------------------------------------ one site set for every view

def site_names(figure) -> set[str]:
    """Names of the sites a map figure draws (hover text "Name (category)")."""
    return {text.rsplit(" (", 1)[0] for trace in figure.data if trace.name == "sites" for text in trace.hovertext}


@pytest.fixture(scope="module")
def builtin() -> Dataset:
    return prepare(load_records(BUILTIN_RECORDS))


SEED_DOC = "002_96b0152e93eaa248"  # the seed commentary naming eight sites; the other names one


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), 9),
    (Filters(docs=(SEED_DOC,)), 8),
    (Filters(date_from="2024-01-01", date_to="2024-12-31"), 1),  # only the other document has events then
    (Filters(types=("consult",)), 8),
    (Filters(docs=(SEED_DOC,), date_from="2024-01-01"), 0),
])
def test_map_image_and_records_export_show_one_site_set(builtin: Dataset, tmp_path: Path, filters: Filters,
                                                        expected: int) -> None:
    colors = type_colors(builtin.events["event_type"])
    app_map = compute_views(builtin, filters, lanes="actor", colors=colors).map
    image = view_figure(builtin, filters, colors=colors)
    export_records(builtin, filters, tmp_path / "out.jsonl")
    exported = {r["name"] for r in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())
                if r["kind"] == "site"}
    assert site_names(app_map) == site_names(image) == exported == set(filter_sites(builtin, filters)["name"])
    assert len(exported) == expected


def test_a_map_selection_restricts_sites_except_on_the_map_itself(builtin: Dataset, tmp_path: Path) -> None:
    central = Filters(area=((60.0, 43.0), (75.0, 43.0), (75.0, 50.0), (60.0, 50.0)))  # around Kazakhstan's centre
    export_records(builtin, central, tmp_path / "out.jsonl")
    exported = {r["name"] for r in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())
                if r["kind"] == "site"}
    assert exported == site_names(view_figure(builtin, central)) == {"Baikonur Cosmodrome", "Sary-Shagan test range"}
    colors = type_colors(builtin.events["event_type"])
    assert len(site_names(compute_views(builtin, central, lanes="actor", colors=colors).map)) == 9


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_spans_survive_loading_into_the_evidence_panel(tmp_path: Path, suffix: str) -> None:
    record = {"kind": "event", "id": "x1", "doc_id": "d", "event_type": "mobilize", "date_start": "2022-01-05",
              "date_end": "2022-01-05", "date_precision": "day", "date_text": "5. Januar", "date_source": "explicit",
              "place_name": "Almaty", "country_code": "KZ", "lat": 43.25, "lon": 76.91, "geo_precision": "city",
              "geonames_id": None, "confidence": 0.9, **SPANNED}
    write_records(tmp_path / f"r{suffix}", [record])
    data = prepare(load_records(tmp_path / f"r{suffix}"))
    assert marked(event_record(data, "x1")) == marked(SPANNED)
