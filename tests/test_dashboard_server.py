"""dashboard.server serves the app over a real socket, and benchmarks/load.py reports in its format."""
from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dashboard.answers import ResponseCache, SharedResponseCache
from dashboard.server import serve

REPO = Path(__file__).resolve().parents[1]
RECORDS = Path(__file__).with_name("test_dashboard_records.jsonl")
SERVE_CODE = ("import sys; from dashboard.server import serve; "
              "serve(sys.argv[1], host='127.0.0.1', port=0, workers=2, ready=lambda url: print(url, flush=True))")
LAST_LINE = re.compile(r"load: clients=2 requests=4 errors=0 p50=\d+ms p95=\d+ms p99=\d+ms single_p95=\d+ms")


def request(port: int, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=None if body is None else json.dumps(body),
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def views_update(dependencies: list[dict], actors: list[str]) -> dict:
    """The body the browser posts when the actor filter changes (as in the Dash renderer)."""
    (callback,) = [dep for dep in dependencies if "timeline.figure" in dep["output"]]
    outputs = [dict(zip(("id", "property"), part.split("."))) for part in callback["output"].strip(".").split("...")]
    values = {"actor-filter.value": actors, "type-filter.value": [], "doc-filter.value": [],
              "text-filter.value": "", "timeline-lanes.value": "actor"}
    inputs = [{**item, "value": values.get(f"{item['id']}.{item['property']}")} for item in callback["inputs"]]
    return {"output": callback["output"], "outputs": outputs, "inputs": inputs,
            "changedPropIds": ["actor-filter.value"], "state": []}


@pytest.fixture(scope="module")
def server_port():
    """serve() in a subprocess on a free port, stopped by SIGTERM as a service manager would."""
    process = subprocess.Popen([sys.executable, "-c", SERVE_CODE, str(RECORDS)], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), process.stderr.read()
        yield urlsplit(url).port
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0


def test_server_answers_a_filter_change_like_the_browser(server_port) -> None:
    status, page = request(server_port, "GET", "/")
    assert status == 200 and b"_dash-renderer" in page
    _, dependencies = request(server_port, "GET", "/_dash-dependencies")
    body = views_update(json.loads(dependencies), ["Russia"])
    status, answer = request(server_port, "POST", "/_dash-update-component", body)
    assert status == 200
    assert json.loads(answer)["response"]["event-count"]["children"] == "3 events"
    # The same request again (answered from the cache) gives the same bytes.
    assert request(server_port, "POST", "/_dash-update-component", body) == (200, answer)
    status, everything = request(server_port, "POST", "/_dash-update-component", views_update(json.loads(dependencies), []))
    assert status == 200 and json.loads(everything)["response"]["event-count"]["children"] == "8 events"


def test_response_cache_forgets_the_oldest_past_its_size() -> None:
    cache = ResponseCache(max_bytes=10)
    cache.put("a", b"1234")
    cache.put("b", b"5678")
    assert cache.get("a") == b"1234"  # now "b" is the oldest
    cache.put("c", b"9abc")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (b"1234", None, b"9abc")
    cache.put("huge", b"x" * 11)
    assert cache.get("huge") is None and cache.get("c") == b"9abc"


@pytest.mark.parametrize("option", [dict(workers=0), dict(threads=0)])
def test_serve_refuses_no_workers_before_loading(option: dict) -> None:
    with pytest.raises(ValueError, match="workers and threads must be at least 1"):
        serve(REPO / "no-such-file.jsonl", **option)


def test_load_benchmark_prints_its_last_line() -> None:
    result = subprocess.run([sys.executable, "-m", "benchmarks.load", "--clients", "2", "--changes", "2",
                             "--data", str(RECORDS)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert LAST_LINE.fullmatch(result.stdout.strip().splitlines()[-1]), result.stdout


def test_shared_cache_lets_one_worker_answer_from_another(tmp_path: Path) -> None:
    first, second = (SharedResponseCache(tmp_path, max_bytes=100, shared_bytes=8) for _ in range(2))
    first.put("a", b"1234")
    assert second.get("a") == b"1234"  # not in second's own LRU: read from the shared directory
    first.put("b", b"5678")
    first.put("c", b"9abc")  # past first's share of the directory: kept in its own LRU only
    assert (second.get("b"), second.get("c"), first.get("c")) == (b"5678", None, b"9abc")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a", "b"]  # no partial files left
