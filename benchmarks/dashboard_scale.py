"""How the dashboard copes with many events, measured in headless Chromium.

For each size the app is built on synthetic events (benchmarks.synth_events) and loaded in a fresh
browser context per run:
  * page ready   navigation start -> timeline and map SVGs drawn, #event-count shows a number,
                 no Dash callback in flight (timed inside the page with performance.now()).
  * filter       press on one actor in #actor-filter -> #event-count changed and both graphs
                 fired plotly_afterplot; "back" is the click that deselects it again.
  * breakdown    when the last _dash-update-component response arrived and when each graph
                 last fired plotly_afterplot, plus the bytes of those responses.
Medians over runs. The first (small) size is the peer: sizes are measured interleaved, run by run,
and the ratio to the peer's run next to it is printed too, because absolute times on a shared
2-core machine are noisy. Issue targets: 100k -> ready < 3 s, filter < 300 ms; 1M must still
load and filter.

    python -m benchmarks.dashboard_scale --sizes 10000 100000 1000000 --runs 3
"""
from __future__ import annotations

import argparse
import os
import shlex
import statistics
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from playwright.sync_api import Page, sync_playwright

from benchmarks.synth_events import synth_events
from dashboard.browser import graphs_rendered_js, launch_chromium, open_page, read_count, serve

TARGET_READY_S = 3.0
TARGET_FILTER_MS = 300.0
TIMEOUT_MS = 180_000

# Records the first moment the page is ready, and every plotly_afterplot per graph (listeners are
# attached when the graphs first exist and re-attached if Dash ever replaces the graph element).
INSTRUMENT_JS = """() => {
    window.__afterplot = window.__afterplot || {timeline: 0, map: 0};
    for (const id of ['timeline', 'map']) {
        const plot = document.querySelector(`#${id} .js-plotly-plot`);
        if (plot && plot.on && !plot.__dalaTimed) {
            plot.__dalaTimed = true;
            plot.on('plotly_afterplot', () => { window.__afterplot[id] = performance.now(); });
        }
    }
}"""

READY_JS = """() => {
    const ready = (%s)();
    if (ready && window.__readyAt === undefined) window.__readyAt = performance.now();
    return ready;
}"""

FILTER_DONE_JS = """([before, t0]) => {
    (%s)();
    const text = document.getElementById('event-count').innerText;
    const plotted = window.__afterplot.timeline > t0 && window.__afterplot.map > t0;
    const idle = !document.querySelector('[data-dash-is-loading="true"]');
    if (text !== before && plotted && idle) { window.__doneAt = performance.now(); return true; }
    return false;
}""" % INSTRUMENT_JS


@dataclass
class Toggle:
    """One filter change, in ms after the pointer press (payload in MB)."""

    total_ms: float          # count changed, both graphs replotted, no callback in flight
    response_ms: float       # last _dash-update-component response received
    timeline_ms: float       # timeline's last plotly_afterplot
    map_ms: float            # map's last plotly_afterplot
    payload_mb: float


@dataclass
class Run:
    ready_s: float
    filter: Toggle
    back: Toggle
    count_ok: bool


@dataclass
class SizeResult:
    events: int
    build_s: float
    actor: str
    share: float
    runs: list[Run] = field(default_factory=list)
    error: str | None = None

    def median(self, name: str) -> float:
        """Median over runs of a dotted attribute path, e.g. 'ready_s' or 'filter.map_ms'."""
        return statistics.median(_attribute(run, name) for run in self.runs)


def _attribute(value: object, dotted: str) -> float:
    for name in dotted.split("."):
        value = getattr(value, name)
    return value


def pick_actor(events: pd.DataFrame, share: float = 0.05) -> tuple[str, float]:
    """The actor whose share of events is closest to `share` (the 5% case of DASH-PERFORMANCE.md)."""
    shares = events["actors"].explode().value_counts() / len(events)
    actor = (shares - share).abs().idxmin()
    return str(actor), float(shares[actor])


def measure_ready(page: Page, url: str) -> float:
    page.goto(url, timeout=TIMEOUT_MS)
    page.wait_for_function(READY_JS % graphs_rendered_js(), timeout=TIMEOUT_MS, polling="raf")
    page.evaluate(INSTRUMENT_JS)
    return page.evaluate("() => window.__readyAt") / 1000


def measure_toggle(page: Page, actor: str) -> Toggle:
    """Click `actor` in the open dropdown and time the views' update from the pointer press."""
    page.evaluate(INSTRUMENT_JS)
    option = page.get_by_role("option", name=actor, exact=True)
    option.wait_for(timeout=TIMEOUT_MS)
    before = page.inner_text("#event-count")
    page.evaluate("""() => { window.__pressAt = undefined;
        document.addEventListener('pointerdown', e => { window.__pressAt = e.timeStamp; },
                                  {capture: true, once: true}); }""")
    option.click()
    t0 = page.evaluate("() => window.__pressAt")
    page.wait_for_function(FILTER_DONE_JS, arg=[before, t0], timeout=TIMEOUT_MS, polling="raf")
    timings = page.evaluate("""(t0) => {
        const calls = performance.getEntriesByType('resource')
            .filter(e => e.name.includes('_dash-update-component') && e.startTime >= t0);
        return {total: window.__doneAt - t0, response: Math.max(0, ...calls.map(e => e.responseEnd - t0)),
                timeline: window.__afterplot.timeline - t0, map: window.__afterplot.map - t0,
                bytes: calls.reduce((sum, e) => sum + (e.encodedBodySize || e.transferSize || 0), 0)};
    }""", t0)
    return Toggle(total_ms=timings["total"], response_ms=timings["response"], timeline_ms=timings["timeline"],
                  map_ms=timings["map"], payload_mb=timings["bytes"] / 1e6)


def build_subject(n: int, *, seed: int) -> tuple[object, SizeResult, int]:
    """The app on n synthetic events, its (still empty) result, and how many events the actor has."""
    from dashboard.app import create_app

    records = synth_events(n, seed=seed)
    events = records[records["kind"] == "event"]
    actor, share = pick_actor(events)
    with_actor = int(events["actors"].map(lambda names: actor in names).sum())
    started = time.perf_counter()
    app = create_app(records)
    return app, SizeResult(events=n, build_s=time.perf_counter() - started, actor=actor, share=share), with_actor


def measure_once(browser, url: str, result: SizeResult, with_actor: int) -> None:
    """One run in a fresh context (cold cache): load, pick the actor, drop it again."""
    with open_page(browser) as (page, watch):
        try:
            ready_s = measure_ready(page, url + "/")
            page.click("#actor-filter")
            forth = measure_toggle(page, result.actor)
            count_ok = read_count(page) == with_actor
            back = measure_toggle(page, result.actor)
            count_ok &= read_count(page) == result.events
        except Exception as error:  # noqa: BLE001 - a failed size is a result, not a crash
            result.error = f"{type(error).__name__}: {str(error).splitlines()[0]}"
            return
        if watch.blocked:
            result.error = f"network requests blocked: {watch.blocked[:3]}"
        result.runs.append(Run(ready_s, forth, back, count_ok))


def ratio(result: SizeResult, peer: SizeResult, name: str) -> float:
    """Median over runs of result/peer, pairing runs taken back to back (same machine load)."""
    pairs = list(zip(result.runs, peer.runs))
    return statistics.median(_attribute(mine, name) / _attribute(theirs, name) for mine, theirs in pairs)


def load_average() -> str:
    """1-minute load average: on a shared machine it says how much to trust the absolute times."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


def report(results: list[SizeResult], command: str, loads: tuple[str, str]) -> str:
    peer = next((r for r in results if r.runs), None)
    lines = [f"command: {command}", f"load average (1 min) before / after: {loads[0]} / {loads[1]}, "
             f"cores: {os.cpu_count()}", "",
             "| events | app build | page ready | filter -> 1 actor | filter back | ready / peer "
             "| filter / peer | count ok | runs |",
             "|---:|---:|---:|---:|---:|---:|---:|:-:|---:|"]
    measured = [r for r in results if r.runs]
    for r in results:
        if not r.runs:
            lines.append(f"| {r.events:,} | {r.build_s:.1f} s | failed: {r.error} | | | | | | 0 |")
            continue
        counts_ok = "yes" if all(run.count_ok for run in r.runs) else "NO"
        lines.append(
            f"| {r.events:,} | {r.build_s:.1f} s | {r.median('ready_s'):.2f} s "
            f"| {r.median('filter.total_ms'):.0f} ms ({r.actor}, {r.share:.0%}) "
            f"| {r.median('back.total_ms'):.0f} ms "
            f"| {ratio(r, peer, 'ready_s'):.2f}x | {ratio(r, peer, 'filter.total_ms'):.2f}x | {counts_ok} "
            f"| {len(r.runs)} |")
    lines += ["", "Filter changes, ms after the press (median): response received / timeline drawn / map drawn; "
              "response payload", "",
              "| events | -> 1 actor | payload | back to all | payload |", "|---:|---:|---:|---:|---:|"]
    for r in measured:
        cells = [f"{r.median(f'{way}.response_ms'):.0f} / {r.median(f'{way}.timeline_ms'):.0f} / "
                 f"{r.median(f'{way}.map_ms'):.0f} | {r.median(f'{way}.payload_mb'):.2f} MB"
                 for way in ("filter", "back")]
        lines.append(f"| {r.events:,} | {cells[0]} | {cells[1]} |")
    lines += [f"\ntargets (issue): 100k events -> page ready < {TARGET_READY_S:g} s, filter change "
              f"< {TARGET_FILTER_MS:g} ms; 1M -> loads and filters. Peer = first size; medians."]
    for r in measured:
        if r.events == 100_000:
            slowest_filter = max(r.median("filter.total_ms"), r.median("back.total_ms"))
            lines.append(f"100k: page-ready target {'met' if r.median('ready_s') < TARGET_READY_S else 'MISSED'}, "
                         f"filter target {'met' if slowest_filter < TARGET_FILTER_MS else 'MISSED'}")
    for r in results:
        if r.error:
            lines.append(f"{r.events:,} events: {r.error}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000],
                        help="event counts; the first is the peer the others are compared with")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median reported)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.runs < 1 or any(size < 1 for size in args.sizes):
        raise ValueError(f"runs and sizes must be positive, got runs={args.runs}, sizes={args.sizes}")
    command = "python -m benchmarks.dashboard_scale " + shlex.join(sys.argv[1:] if argv is None else argv)
    results = []
    load_before = load_average()
    with sync_playwright() as playwright, ExitStack() as servers:
        browser = launch_chromium(playwright)
        subjects = []
        for size in args.sizes:
            print(f"building the app on {size:,} events ...", file=sys.stderr, flush=True)
            app, result, with_actor = build_subject(size, seed=args.seed)
            subjects.append((servers.enter_context(serve(app)), result, with_actor))
            results.append(result)
        for run in range(args.runs):  # sizes interleaved, so every run meets its peer under the same load
            for url, result, with_actor in subjects:
                if result.error is None:
                    print(f"run {run + 1}: {result.events:,} events", file=sys.stderr, flush=True)
                    measure_once(browser, url, result, with_actor)
        browser.close()
    print(report(results, command, (load_before, load_average())))
    return 0 if all(r.runs for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
