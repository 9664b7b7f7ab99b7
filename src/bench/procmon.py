#!/usr/bin/env python3
"""Samples one process (and the whole machine) from /proc until stopped; stdlib only.

    procmon.py --pid PID --out samples.csv [--interval 1] \
               [--metrics http://127.0.0.1:9000/q/metrics --metrics-out metrics.csv --metrics-interval 2]

samples.csv: t_ms, cpu_ticks (utime+stime of PID), rss_kb (VmRSS), threads, machine_busy_ticks,
machine_total_ticks (from /proc/stat, all cores), group_ticks (utime+stime summed over every process
whose command name is --group, default "postgres": the database's share of the CPU). metrics.csv (Reef's Prometheus endpoint):
t_ms, heap_used_bytes (sum of jvm_memory_used_bytes{area="heap"}), live_threads
(jvm_threads_live_threads), ok (1 if the scrape worked). Stops on SIGTERM/SIGINT or when PID exits.
report.py turns these into CPU % of one core (tick delta / CLK_TCK / elapsed), RSS and heap peaks.
"""
import argparse
import os
import re
import signal
import sys
import threading
import time
import urllib.request

stop = threading.Event()


def proc_sample(pid):
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    # fields after the ")" that closes the command name; utime, stime are fields 14, 15 (1-based)
    rest = stat[stat.rindex(")") + 2:].split()
    ticks = int(rest[11]) + int(rest[12])
    rss_kb, threads = 0, 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss_kb = int(line.split()[1])
            elif line.startswith("Threads:"):
                threads = int(line.split()[1])
    return ticks, rss_kb, threads


def group_ticks(comm):
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        if name == comm:
            rest = stat[stat.rindex(")") + 2:].split()
            total += int(rest[11]) + int(rest[12])
    return total


def machine_sample():
    with open("/proc/stat") as f:
        cpu = f.readline().split()[1:]
    values = [int(v) for v in cpu[:8]]  # user nice system idle iowait irq softirq steal
    idle = values[3] + values[4]
    total = sum(values)
    return total - idle, total, values[7]


HEAP = re.compile(r'^jvm_memory_used_bytes\{[^}]*area="heap"[^}]*\}\s+([0-9.eE+-]+)', re.M)
LIVE = re.compile(r'^jvm_gc_live_data_size_bytes(?:\{[^}]*\})?\s+([0-9.eE+-]+)', re.M)
THREADS = re.compile(r'^jvm_threads_live_threads(?:\{[^}]*\})?\s+([0-9.eE+-]+)', re.M)


def scrape(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        text = response.read().decode("utf-8", "replace")
    heap = sum(float(v) for v in HEAP.findall(text))
    threads = THREADS.findall(text)
    live = LIVE.findall(text)
    return int(heap), int(float(threads[0])) if threads else -1, int(float(live[0])) if live else -1


def metrics_loop(url, out, interval):
    with open(out, "w", buffering=1) as f:
        f.write("t_ms,heap_used_bytes,live_threads,ok,live_after_gc_bytes\n")
        while not stop.is_set():
            t = int(time.time() * 1000)
            try:
                heap, threads, live = scrape(url)
                f.write(f"{t},{heap},{threads},1,{live}\n")
            except Exception:  # Reef too busy to answer in 5 s is itself a data point
                f.write(f"{t},,,0,\n")
            stop.wait(interval)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--group", default="postgres")
    parser.add_argument("--metrics")
    parser.add_argument("--metrics-out")
    parser.add_argument("--metrics-interval", type=float, default=2.0)
    args = parser.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    helper = None
    if args.metrics and args.metrics_out:
        helper = threading.Thread(target=metrics_loop, args=(args.metrics, args.metrics_out, args.metrics_interval),
                                  daemon=True)
        helper.start()

    with open(args.out, "w", buffering=1) as f:
        f.write("t_ms,cpu_ticks,rss_kb,threads,machine_busy_ticks,machine_total_ticks,group_ticks,machine_steal_ticks\n")
        while not stop.is_set():
            t = int(time.time() * 1000)
            try:
                ticks, rss, threads = proc_sample(args.pid)
            except (FileNotFoundError, ProcessLookupError):
                break
            busy, total, steal = machine_sample()
            group = group_ticks(args.group) if args.group else 0
            f.write(f"{t},{ticks},{rss},{threads},{busy},{total},{group},{steal}\n")
            stop.wait(args.interval)
    stop.set()
    if helper:
        helper.join(timeout=6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
