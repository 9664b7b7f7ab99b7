#!/usr/bin/env python3
"""Turns one benchmark run directory (written by run-load.sh) into tables and a chart. Stdlib only.

    report.py RUN_DIR [--latest DIR]

Reads RUN_DIR/runs.jsonl (one line per run), and for each run:
  - Gatling (rate + capacity): the statistics table of the HTML report (<results>/<sim>-<ts>/index.html;
    Gatling 3.15 no longer writes js/stats.json, the numbers are the same), the console log's
    "Errors" section, and <name>.marker.json (the measurement window);
  - wrk (saturation): its text output plus the BENCH_* lines printed by wrk/request.lua;
  - <name>.procmon.csv / <name>.metrics.csv (procmon.py): Reef's CPU, RSS, heap and threads.
Prints the markdown report and writes RUN_DIR/report.md, RUN_DIR/latency.svg, RUN_DIR/summary.json
(and, with --latest DIR, DIR/latest.md + DIR/latest.svg).
"""
import argparse
import csv
import html
import json
import math
import os
import re
import shutil
import sys

TARGETS = ["direct", "nginx", "reef"]
SCENARIOS = {
    "generate": "SharkAPI `POST /v1/generate`",
    "poll": "SharkAPI `GET /v1/jobs/{id}` (running job)",
    "async": "Shark AI `POST /api/v1/images/generations` (`async: true`)",
}
COLORS = {"direct": "#2b8a3e", "nginx": "#1c7ed6", "reef": "#e8590c"}


# ---------------------------------------------------------------------------------- inputs

def load_json(path, default=None):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def gatling_index(results_dir):
    """The index.html of the (single) simulation report under a Gatling results folder."""
    if not os.path.isdir(results_dir):
        return None
    for entry in sorted(os.listdir(results_dir), reverse=True):
        candidate = os.path.join(results_dir, entry, "index.html")
        if os.path.isfile(candidate):
            return candidate
    return None


TD = re.compile(r'<td class="value[^"]*\bcol-(\d+)">([^<]*)</td>')
TH = re.compile(r'<th id="col-(\d+)"[^>]*>\s*<span>(?:<abbr[^>]*>)?([^<]+)')
ROW = re.compile(r'<tr id="([^"]+)"[^>]*>(.*?)</tr>', re.S)
NAME = re.compile(r'class="ellipsed-name">([^<]*)<')

COLUMN_KEYS = {
    "Total": "total", "OK": "ok", "KO": "ko", "% KO": "ko_pct", "Cnt/s": "cnt_per_s", "Min": "min",
    "50th pct": "p50", "90th pct": "p90", "99th pct": "p99", "99.9th pct": "p999", "Max": "max",
    "Mean": "mean", "Std Dev": "stddev",
}


def number(text):
    text = text.strip().replace(",", "")
    if text in ("", "-"):
        return None
    try:
        return float(text)
    except ValueError:
        return None


def gatling_stats(index_path):
    """{request name: {total, ok, ko, p50, p90, p99, max, mean, ...}} from the report's stats table."""
    with open(index_path, encoding="utf-8") as f:
        page = f.read()
    columns = {int(n): COLUMN_KEYS.get(html.unescape(label).strip(), label.strip()) for n, label in TH.findall(page)}
    stats = {}
    for row_id, body in ROW.findall(page):
        cells = TD.findall(body)
        if not cells:
            continue
        name_match = NAME.search(body)
        name = "ALL" if row_id == "ROOT" else html.unescape(name_match.group(1)) if name_match else row_id
        stats[name] = {columns.get(int(n), f"col{n}"): number(v) for n, v in cells}
    return stats


def gatling_errors(console_path, limit=3):
    """The last 'Errors' section of Gatling's console output: [(message, count)]."""
    try:
        with open(console_path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError:
        return []
    last = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("---- Errors"):
            block = []
            i += 1
            while i < len(lines) and lines[i].startswith(">"):
                block.append(lines[i])
                i += 1
            last = block
        else:
            i += 1
    errors = []
    for line in last:
        m = re.match(r">\s*(.*?)\s+(\d+)\s+\(\s*[\d.]+%\)\s*$", line)
        if m:
            errors.append((m.group(1).strip(), int(m.group(2))))
    return errors[:limit]


def read_csv(path):
    try:
        with open(path, newline="") as f:
            return list(csv.DictReader(f))
    except OSError:
        return []


def proc_summary(rows, clk_tck, start_ms=None, end_ms=None):
    """Reef CPU (% of one core), RSS and the machine's CPU between start_ms and end_ms."""
    samples = []
    for r in rows:
        try:
            samples.append((int(r["t_ms"]), int(r["cpu_ticks"]), int(r["rss_kb"]), int(r["threads"]),
                            int(r["machine_busy_ticks"]), int(r["machine_total_ticks"]), int(r.get("group_ticks") or 0),
                            int(r["machine_steal_ticks"]) if r.get("machine_steal_ticks") else None))
        except (KeyError, ValueError, TypeError):
            continue
    if start_ms is not None:
        window = [s for s in samples if start_ms - 600 <= s[0] <= end_ms + 600]
        if len(window) >= 2:
            samples = window
    if len(samples) < 2:
        return {}
    first, last = samples[0], samples[-1]
    seconds = (last[0] - first[0]) / 1000.0
    if seconds <= 0:
        return {}
    busy = last[4] - first[4]
    total = last[5] - first[5]
    return {
        "cpu_pct": 100.0 * (last[1] - first[1]) / clk_tck / seconds,
        "rss_mb_max": max(s[2] for s in samples) / 1024.0,
        "rss_mb_avg": sum(s[2] for s in samples) / len(samples) / 1024.0,
        "threads_max": max(s[3] for s in samples),
        "machine_cpu_pct": 100.0 * busy / total if total > 0 else None,
        "pg_cpu_pct": max(0.0, 100.0 * (last[6] - first[6]) / clk_tck / seconds),
        # CPU time the VM's host took from this machine (a noisy neighbour), % of all cores' time
        "steal_pct": 100.0 * (last[7] - first[7]) / total if total > 0 and None not in (first[7], last[7]) else None,
        "seconds": seconds,
    }


def metrics_summary(rows):
    heap = [int(r["heap_used_bytes"]) for r in rows if r.get("ok") == "1" and r.get("heap_used_bytes")]
    threads = [int(r["live_threads"]) for r in rows if r.get("ok") == "1" and r.get("live_threads")]
    live = [int(r["live_after_gc_bytes"]) for r in rows
            if r.get("ok") == "1" and r.get("live_after_gc_bytes") not in (None, "", "-1")]
    failed = sum(1 for r in rows if r.get("ok") == "0")
    return {
        "heap_mb_max": max(heap) / 1048576.0 if heap else None,
        "live_mb_max": max(live) / 1048576.0 if live else None,
        "live_threads_max": max(threads) if threads else None,
        "scrapes": len(rows), "scrapes_failed": failed,
    }


def parse_wrk(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError:
        return {}
    out = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", text)
    out["rps"] = float(m.group(1)) if m else None
    m = re.search(r"BENCH_SUMMARY (.*)", text)
    if m:
        out.update({k: int(v) for k, v in (p.split("=") for p in m.group(1).split())})
    m = re.search(r"BENCH_LATENCY_US (.*)", text)
    if m:
        out.update({k: int(v) / 1000.0 for k, v in (p.split("=") for p in m.group(1).split())})
    return out


LOG_LINE = re.compile(r"^\d\d:\d\d:\d\d\.\d+ (WARN|ERROR)\s+\[([^\]]+)\] \([^)]*\) (.*)$")


def reef_log_summary(path, limit=4):
    """WARN/ERROR lines of a Reef log: counts and the most frequent messages (digits folded)."""
    counts = {"WARN": 0, "ERROR": 0}
    messages = {}
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = LOG_LINE.match(line.rstrip("\n"))
                if not m:
                    continue
                level, logger, message = m.groups()
                counts[level] += 1
                key = (level, logger, re.sub(r"\d+", "N", message)[:160])
                messages[key] = messages.get(key, 0) + 1
    except OSError:
        return None
    top = sorted(messages.items(), key=lambda kv: -kv[1])[:limit]
    return {"warn": counts["WARN"], "error": counts["ERROR"],
            "top": [{"level": k[0], "logger": k[1], "message": k[2], "count": v} for k, v in top]}


# --------------------------------------------------------------------------------- compute

def collect(run_dir):
    meta = load_json(os.path.join(run_dir, "meta.json"), {}) or {}
    clk = meta.get("clk_tck") or os.sysconf("SC_CLK_TCK")
    runs = []
    with open(os.path.join(run_dir, "runs.jsonl")) as f:
        for line in f:
            if line.strip():
                runs.append(json.loads(line))
    rate_rows, sat_rows, capacity = [], [], None
    for run in runs:
        name = run["name"]
        base = os.path.join(run_dir, name)
        proc = read_csv(base + ".procmon.csv")
        if run["kind"] == "rate":
            marker = load_json(base + ".marker.json", {}) or {}
            index = gatling_index(os.path.join(run_dir, "gatling", name))
            stats = gatling_stats(index).get("measure", {}) if index else {}
            duration = (marker.get("measure_end_ms", 0) - marker.get("measure_start_ms", 0)) / 1000.0 or meta.get("duration")
            ok = stats.get("ok") or 0
            row = {
                "scenario": run["scenario"], "target": run["target"], "rate": float(run["rate"]),
                "ok_per_s": ok / duration if duration else None,
                "total": stats.get("total"), "ok": stats.get("ok"), "ko": stats.get("ko") or 0,
                "p50": stats.get("p50"), "p90": stats.get("p90"), "p99": stats.get("p99"), "max": stats.get("max"),
                "mean": stats.get("mean"), "errors": gatling_errors(base + ".gatling.log"),
                "failed": index is None or not stats, "exit": run.get("exit"),
            }
            p = proc_summary(proc, clk, marker.get("measure_start_ms"), marker.get("measure_end_ms"))
            row["machine_cpu_pct"] = p.get("machine_cpu_pct")
            row["steal_pct"] = p.get("steal_pct")
            if run["target"] == "reef":
                row.update({"reef_cpu_pct": p.get("cpu_pct"), "reef_rss_mb": p.get("rss_mb_max"),
                            "pg_cpu_pct": p.get("pg_cpu_pct")})
            rate_rows.append(row)
        elif run["kind"] == "saturation":
            w = parse_wrk(base + ".wrk.txt")
            p = proc_summary(proc, clk)
            socket = sum(w.get(k, 0) for k in ("connect_err", "read_err", "write_err", "timeout_err"))
            row = {
                "scenario": run["scenario"], "target": run["target"], "connections": int(run["connections"]),
                "threads": int(run["threads"]), "rps": w.get("rps"), "requests": w.get("requests"),
                "p50": w.get("p50"), "p90": w.get("p90"), "p99": w.get("p99"), "max": w.get("max"),
                "non2xx": w.get("status_err", 0), "socket_errors": socket, "failed": not w.get("rps"),
                "machine_cpu_pct": p.get("machine_cpu_pct"), "steal_pct": p.get("steal_pct"),
            }
            if run["target"] == "reef":
                row.update({"reef_cpu_pct": p.get("cpu_pct"), "reef_rss_mb": p.get("rss_mb_max"),
                            "pg_cpu_pct": p.get("pg_cpu_pct")})
            sat_rows.append(row)
        elif run["kind"] == "capacity":
            index = gatling_index(os.path.join(run_dir, "gatling", name))
            stats = gatling_stats(index).get("ALL", {}) if index else {}
            p = proc_summary(proc, clk)
            m = metrics_summary(read_csv(base + ".metrics.csv"))
            capacity = {
                "users": int(run["users"]), "ramp": int(run["ramp"]), "wait": float(run["wait"]),
                "timeout": int(run["timeout"]), "poll_interval": run["poll_interval"],
                "reconciler": run["reconciler"], "total": stats.get("total"), "ok": stats.get("ok"),
                "ko": stats.get("ko"), "p50": stats.get("p50"), "p99": stats.get("p99"), "max": stats.get("max"),
                "min": stats.get("min"), "errors": gatling_errors(base + ".gatling.log", limit=5),
                "rss_mb_max": p.get("rss_mb_max"), "os_threads_max": p.get("threads_max"),
                "reef_cpu_pct": p.get("cpu_pct"), "machine_cpu_pct": p.get("machine_cpu_pct"),
                "pg_cpu_pct": p.get("pg_cpu_pct"), "heap_mb_max": m["heap_mb_max"], "live_mb_max": m.get("live_mb_max"), "live_threads_max": m["live_threads_max"],
                "scrapes_failed": m["scrapes_failed"], "scrapes": m["scrapes"],
                "stub": load_json(base + ".stub-stats.json", {}),
                "failed": index is None or not stats, "exit": run.get("exit"),
            }
    logs = {}
    for name in ("rate", "capacity"):
        summary = reef_log_summary(os.path.join(run_dir, "logs", f"reef-{name}.log"))
        if summary:
            logs[name] = summary
    return {"meta": meta, "rate": rate_rows, "saturation": sat_rows, "capacity": capacity, "reef_logs": logs}


# ---------------------------------------------------------------------------------- output

def fmt(value, digits=0, unit=""):
    if value is None:
        return "-"
    if isinstance(value, float) and math.isnan(value):
        return "-"
    return f"{value:,.{digits}f}{unit}"


def rate_label(rate):
    return str(int(rate)) if float(rate).is_integer() else f"{rate:g}"


def order(rows, key="rate"):
    return sorted(rows, key=lambda r: (list(SCENARIOS).index(r["scenario"]) if r["scenario"] in SCENARIOS else 9,
                                       r.get(key, 0), TARGETS.index(r["target"]) if r["target"] in TARGETS else 9))


def markdown(data, svg_name):
    meta = data["meta"]
    out = []
    out.append("# Reef load benchmark")
    out.append("")
    jar = f", jar built {meta['jar_built']}" if meta.get("jar_built") else ""
    if meta.get("jar_stale"):
        jar += " (**older than the sources**: SKIP_BUILD=1)"
    out.append(f"Run `{meta.get('run_id', '?')}` ({meta.get('started', '')}), Reef `{meta.get('git', '?')}`{jar}, "
               f"{meta.get('cores', '?')} cores shared by the load generator, nginx, the stub, Reef and PostgreSQL. "
               f"{meta.get('java', '')}; {meta.get('nginx', '')}.")
    out.append("")
    if data["rate"]:
        out.append(f"Fixed-rate runs: Gatling open model (`constantUsersPerSec`), {meta.get('warmup')} s warm-up (not counted; "
               f"its first half, at most 5 s, ramps the rate up from 1/s) + {meta.get('duration')} s measured per cell, request timeout {meta.get('request_timeout')} s. "
               + (f"Before each scenario's first Reef cell, Reef ran that scenario unmeasured for {meta.get('prime_seconds')} s "
                  f"at {meta.get('prime_rate')} req/s (JIT warm-up; steady-state figures). " if meta.get('prime_seconds') else "")
               + "Reef: `-Xmx" + str(meta.get('reef_xmx')) + "`, **reconciler disabled** (`reef.reconciler.enabled=false`) "
               "so background polls do not pollute the measurement. Reef's poll-answer reuse window: "
               + (f"`{meta['poll_reuse']}`" if meta.get('poll_reuse') else "the default, 1 s")
               + " (a tenant's polls of one job share upstream calls; the poll scenario polls one job). Latencies in ms (Gatling has 1 ms resolution). "
               "`ok/s` = successful responses / measured seconds; `err` = non-2xx + timeouts + connection errors; "
               "Reef CPU = % of one core (utime+stime delta from /proc), RSS = peak VmRSS; PG CPU = all `postgres` "
               "processes, % of one core; machine = all cores busy % (100 = both cores); steal = % of the VM's CPU time "
               "its host took (`/proc/stat`), a noisy-neighbour signal: a cell with steal above a few % is not a clean sample.")
        out.append("")
    if meta.get("quick"):
        out.append("**QUICK mode: short runs, numbers are for smoke-testing only.**")
        out.append("")

    rows = order(data["rate"])
    if rows:
        out.append("## Latency at fixed arrival rates")
        out.append("")
        out.append("| scenario | rate/s | target | ok/s | p50 | p90 | p99 | max | err | Reef CPU % | Reef RSS MB | PG CPU % | machine CPU % | steal % |")
        out.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in rows:
            if r["failed"]:
                out.append(f"| {r['scenario']} | {rate_label(r['rate'])} | {r['target']} | run failed (exit {r['exit']}) "
                           "| | | | | | | | | | |")
                continue
            reef = r["target"] == "reef"
            out.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                r["scenario"], rate_label(r["rate"]), r["target"], fmt(r["ok_per_s"], 1), fmt(r["p50"]), fmt(r["p90"]),
                fmt(r["p99"]), fmt(r["max"]), fmt(r["ko"]), fmt(r.get("reef_cpu_pct")) if reef else "",
                fmt(r.get("reef_rss_mb")) if reef else "", fmt(r.get("pg_cpu_pct")) if reef else "",
                fmt(r.get("machine_cpu_pct")), fmt(r.get("steal_pct"), 1)))
        out.append("")

        overhead = []
        by_key = {(r["scenario"], r["rate"], r["target"]): r for r in rows if not r["failed"]}
        for (scenario, rate, target), r in sorted(by_key.items(), key=lambda kv: (list(SCENARIOS).index(kv[0][0])
                                                                                   if kv[0][0] in SCENARIOS else 9, kv[0][1])):
            if target != "reef":
                continue
            direct = by_key.get((scenario, rate, "direct"))
            nginx = by_key.get((scenario, rate, "nginx"))

            def delta(a, b, k):
                return None if a is None or b is None or a.get(k) is None or b.get(k) is None else a[k] - b[k]
            overhead.append("| {} | {} | {} | {} | {} | {} | {} |".format(
                scenario, rate_label(rate), fmt(delta(r, direct, "p50")), fmt(delta(r, direct, "p90")),
                fmt(delta(r, direct, "p99")), fmt(delta(r, nginx, "p50")), fmt(delta(r, nginx, "p99"))))
        if overhead:
            out.append("### Reef overhead (Reef minus direct at the same rate, ms)")
            out.append("")
            out.append("| scenario | rate/s | Δp50 vs direct | Δp90 vs direct | Δp99 vs direct | Δp50 vs nginx | Δp99 vs nginx |")
            out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
            out.extend(overhead)
            out.append("")
        errors = [(r, e) for r in rows for e in r["errors"] if r["ko"]]
        if errors:
            out.append("Errors seen (Gatling's messages, top 3 per cell):")
            out.append("")
            for r, (message, count) in errors:
                out.append(f"- {r['scenario']} / {r['target']} @ {rate_label(r['rate'])}/s: {count} x `{message}`")
            out.append("")
        out.append(f"![p50 and p99 latency vs rate]({svg_name})")
        out.append("")

    sat = order(data["saturation"], key="connections")
    if sat:
        c = sat[0]
        out.append(f"## Saturation (wrk, closed model: -t{c['threads']} -c{c['connections']}, "
                   f"{meta.get('sat_duration')} s)")
        out.append("")
        out.append("Throughput ceiling with a fixed number of connections. wrk waits for each answer before the next "
                   "request on a connection, so its latencies understate queueing (coordinated omission); use the "
                   "fixed-rate table for latency.")
        out.append("")
        out.append("| scenario | target | req/s | p50 | p90 | p99 | max | non-2xx | socket err | Reef CPU % | Reef RSS MB | PG CPU % | machine CPU % | steal % |")
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for r in sat:
            if r["failed"]:
                out.append(f"| {r['scenario']} | {r['target']} | run failed | | | | | | | | | | | |")
                continue
            reef = r["target"] == "reef"
            out.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                r["scenario"], r["target"], fmt(r["rps"], 0), fmt(r["p50"], 2), fmt(r["p90"], 2), fmt(r["p99"], 2),
                fmt(r["max"], 1), fmt(r["non2xx"]), fmt(r["socket_errors"]),
                fmt(r.get("reef_cpu_pct")) if reef else "", fmt(r.get("reef_rss_mb")) if reef else "",
                fmt(r.get("pg_cpu_pct")) if reef else "", fmt(r.get("machine_cpu_pct")), fmt(r.get("steal_pct"), 1)))
        out.append("")

    cap = data["capacity"]
    if cap:
        out.append(f"## Capacity: {cap['users']:,} open sync Shark AI requests")
        out.append("")
        out.append(f"Started over {cap['ramp']} s; the stateful stub completes each task {cap['wait']:g} s after creation; "
                   f"Reef polls upstream every {cap['poll_interval']} per waiting request; client timeout "
                   f"{cap['timeout']} s; reconciler enabled: {cap['reconciler']}.")
        out.append("")
        if cap["failed"]:
            out.append(f"**Run failed** (Gatling exit {cap['exit']}); see the run directory.")
        else:
            out.append("| requests | ok | err | min s | p50 s | p99 s | max s | peak heap MB | peak live heap after GC MB | peak RSS MB | peak live threads | peak OS threads | Reef CPU % (avg) | PG CPU % | machine CPU % |")
            out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")

            def s(v):
                return fmt(v / 1000.0, 1) if v is not None else "-"
            out.append("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |".format(
                fmt(cap["total"]), fmt(cap["ok"]), fmt(cap["ko"]), s(cap["min"]), s(cap["p50"]), s(cap["p99"]),
                s(cap["max"]), fmt(cap["heap_mb_max"]), fmt(cap.get("live_mb_max")), fmt(cap["rss_mb_max"]), fmt(cap["live_threads_max"]),
                fmt(cap["os_threads_max"]), fmt(cap["reef_cpu_pct"]), fmt(cap["pg_cpu_pct"]), fmt(cap["machine_cpu_pct"])))
        out.append("")
        stub = cap.get("stub") or {}
        if stub:
            out.append(f"Stub counters: {stub.get('submits', '-')} submits, {stub.get('polls', '-')} polls "
                       f"({stub.get('polls_completed', '-')} saw `completed`, {stub.get('not_found', '-')} unknown ids). "
                       f"Heap / live threads from `/q/metrics` every 2 s ({cap['scrapes_failed']} of {cap['scrapes']} "
                       "scrapes failed or took > 5 s).")
            out.append("")
        if cap["errors"]:
            out.append("Errors: " + "; ".join(f"{count} x `{message}`" for message, count in cap["errors"]))
            out.append("")
    logs = data.get("reef_logs") or {}
    if any(v["warn"] or v["error"] for v in logs.values()):
        out.append("## Reef's log")
        out.append("")
        for name, v in logs.items():
            what = "rate and saturation runs" if name == "rate" else "capacity run"
            out.append(f"- {what} (`logs/reef-{name}.log`): {v['error']} ERROR, {v['warn']} WARN lines"
                       + (", most frequent:" if v["top"] else ""))
            for t in v["top"]:
                out.append(f"  - {t['count']} x {t['level']} `{t['logger']}`: `{t['message']}`")
        out.append("")
    return "\n".join(out)


def svg_chart(data):
    rows = [r for r in data["rate"] if not r["failed"]]
    scenarios = [s for s in SCENARIOS if any(r["scenario"] == s for r in rows)]
    if not scenarios:
        return None
    rates = sorted({r["rate"] for r in rows})
    panel_w, panel_h = 380, 300
    margin_l, margin_r, margin_t, margin_b = 60, 20, 50, 50
    width = panel_w * len(scenarios)
    legend_h = 60
    height = panel_h + legend_h
    values = [max(v, 0.5) for r in rows for v in (r["p50"], r["p99"]) if v is not None]
    lo = 0.5
    hi = 10 ** math.ceil(math.log10(max(values + [10])))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>']

    def y_of(v, top, bottom):
        v = max(v, lo)
        return bottom - (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * (bottom - top)

    for i, scenario in enumerate(scenarios):
        x0 = i * panel_w
        left, right = x0 + margin_l, x0 + panel_w - margin_r
        top, bottom = margin_t, panel_h - margin_b
        parts.append(f'<text x="{x0 + panel_w / 2}" y="20" text-anchor="middle" font-weight="bold">'
                     f'{html.escape(scenario)}</text>')
        parts.append(f'<text x="{x0 + panel_w / 2}" y="36" text-anchor="middle" font-size="10" fill="#555">'
                     f'{html.escape(SCENARIOS[scenario].replace("`", ""))}</text>')
        parts.append(f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" fill="none" stroke="#999"/>')
        # y grid (log decades)
        ticks = [0.5] + [10 ** k for k in range(0, int(math.log10(hi)) + 1)]
        for t in ticks:
            y = y_of(t, top, bottom)
            parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="#eee"/>')
            label = "≤0.5" if t == 0.5 else f"{t:g}"
            parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{label}</text>')
        parts.append(f'<text x="{x0 + 14}" y="{(top + bottom) / 2}" transform="rotate(-90 {x0 + 14} {(top + bottom) / 2})" '
                     'text-anchor="middle" fill="#555">latency, ms (log)</text>')
        # x positions (categorical rates)
        n = len(rates)
        xs = {rate: left + (right - left) * ((k + 0.5) / n) for k, rate in enumerate(rates)}
        for rate, x in xs.items():
            parts.append(f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 4}" stroke="#999"/>')
            parts.append(f'<text x="{x:.1f}" y="{bottom + 18}" text-anchor="middle" fill="#555">{rate_label(rate)}</text>')
        parts.append(f'<text x="{(left + right) / 2}" y="{bottom + 36}" text-anchor="middle" fill="#555">'
                     'offered rate, requests/s</text>')
        for t_index, target in enumerate(TARGETS):
            series = sorted((r for r in rows if r["scenario"] == scenario and r["target"] == target),
                            key=lambda r: r["rate"])
            shift = (t_index - 1) * 7  # side by side, so equal values stay visible
            for key, dash in (("p50", ""), ("p99", ' stroke-dasharray="5,4"')):
                points = [(xs[r["rate"]] + shift, y_of(r[key], top, bottom)) for r in series if r[key] is not None]
                if not points:
                    continue
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
                parts.append(f'<polyline points="{path}" fill="none" stroke="{COLORS[target]}" stroke-width="2"{dash}/>')
                for x, y in points:
                    if key == "p50":
                        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{COLORS[target]}"/>')
                    else:
                        parts.append(f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="white" '
                                     f'stroke="{COLORS[target]}" stroke-width="1.5"/>')
    # legend
    ly = panel_h + 20
    lx = 20
    for target in TARGETS:
        c = COLORS[target]
        parts.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 30}" y2="{ly}" stroke="{c}" stroke-width="2"/>'
                     f'<circle cx="{lx + 15}" cy="{ly}" r="3.5" fill="{c}"/>'
                     f'<text x="{lx + 36}" y="{ly + 4}">{target} p50</text>')
        parts.append(f'<line x1="{lx}" y1="{ly + 22}" x2="{lx + 30}" y2="{ly + 22}" stroke="{c}" stroke-width="2" '
                     f'stroke-dasharray="5,4"/><rect x="{lx + 11.5}" y="{ly + 18.5}" width="7" height="7" fill="white" '
                     f'stroke="{c}" stroke-width="1.5"/><text x="{lx + 36}" y="{ly + 26}">{target} p99</text>')
        lx += 130
    meta = data["meta"]
    parts.append(f'<text x="{width - 10}" y="{ly + 26}" text-anchor="end" font-size="10" fill="#777">'
                 f'Gatling open model, {meta.get("duration")} s per point after {meta.get("warmup")} s warm-up; '
                 f'{meta.get("cores")} cores shared; run {html.escape(str(meta.get("run_id", "")))}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("run_dir")
    parser.add_argument("--latest", help="also write latest.md and latest.svg into this directory")
    args = parser.parse_args()
    data = collect(args.run_dir)
    svg = svg_chart(data)
    with open(os.path.join(args.run_dir, "summary.json"), "w") as f:
        json.dump(data, f, indent=2, default=str)
    report_md = markdown(data, "latency.svg" if svg else "")
    with open(os.path.join(args.run_dir, "report.md"), "w") as f:
        f.write(report_md + "\n")
    if svg:
        with open(os.path.join(args.run_dir, "latency.svg"), "w") as f:
            f.write(svg)
    if args.latest:
        os.makedirs(args.latest, exist_ok=True)
        latest_md = markdown(data, "latest.svg" if svg else "")
        rel = os.path.relpath(args.run_dir, args.latest)
        with open(os.path.join(args.latest, "latest.md"), "w") as f:
            f.write(latest_md + f"\nRaw data, Gatling HTML reports and logs: `{rel}/`.\n")
        if svg:
            shutil.copyfile(os.path.join(args.run_dir, "latency.svg"), os.path.join(args.latest, "latest.svg"))
    print(report_md)
    if args.latest:
        print(f"\nWritten: {os.path.join(args.latest, 'latest.md')}" + (f", {os.path.join(args.latest, 'latest.svg')}" if svg else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
