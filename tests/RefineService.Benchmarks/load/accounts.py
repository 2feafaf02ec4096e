#!/usr/bin/env python3
"""Drives the account benchmark against a running service, side by side in one run: the whole account in one call (JSON,
then NDJSON with the time to its first line), and the same roles as one POST /v1/recommendations each from 4 parallel
clients. Prints per round the wall time, the bytes answered, the service's peak resident memory during the phase
(VmHWM, reset before each phase) and the load average at the phase's start; then the medians.
The first WARMUP rounds (default 4) are printed but not counted: the service's hot code is compiled again, optimized,
while it runs (tiered compilation), and on 2 busy cores that takes the first few seconds of such work; a service that
answers every role of an organisation runs far longer than that.
Usage: accounts.py HOST PORT PID ACCOUNT_JSON PRINCIPALS_NDJSON [ROUNDS] [WARMUP]"""
import http.client
import json
import statistics
import sys
import threading
import time

host, port, pid, account_path, principals_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
rounds = int(sys.argv[6]) if len(sys.argv) > 6 else 5
warmup = int(sys.argv[7]) if len(sys.argv) > 7 else 4
account = open(account_path, "rb").read()
principals = [line.encode() for line in open(principals_path, encoding="utf-8") if line.strip()]


def reset_peak():
    # Writing 5 to clear_refs resets the peak resident set size (VmHWM) to the current one.
    with open(f"/proc/{pid}/clear_refs", "w") as f:
        f.write("5")


def peak_mib():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load():
    return open("/proc/loadavg").read().split()[0]


def post(connection, path, body, accept="application/json"):
    connection.request("POST", path, body, {"Content-Type": "application/json", "Accept": accept})
    return connection.getresponse()


def whole_account(accept):
    connection = http.client.HTTPConnection(host, port, timeout=120)
    t0 = time.perf_counter()
    response = post(connection, "/v1/accounts/recommendations", account, accept)
    first = None
    size = 0
    if accept == "application/x-ndjson":
        line = response.readline()
        first = time.perf_counter() - t0
        size += len(line)
    size += len(response.read())
    elapsed = time.perf_counter() - t0
    assert response.status == 200, response.status
    connection.close()
    return elapsed, size, first


def per_principal(clients=4):
    sizes = [0] * clients
    failures = []

    def client(k):
        connection = http.client.HTTPConnection(host, port, timeout=120)
        for body in principals[k::clients]:
            response = post(connection, "/v1/recommendations", body)
            data = response.read()
            if response.status != 200:
                failures.append(response.status)
            sizes[k] += len(data)
        connection.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:5]
    return time.perf_counter() - t0, sum(sizes)


results = {"account": [], "ndjson": [], "first": [], "single": [], "rss_account": [], "rss_ndjson": [], "rss_single": []}
print(f"{len(principals)} principals, account body {len(account) / 1e6:.1f} MB; rounds below 0 are the warm-up, not counted")
print("round  phase                  seconds   MB answered  peak RSS MiB  load")
for r in range(-warmup, rounds):
    if r == 0:
        results = {k: [] for k in results}
    l = load(); reset_peak()
    t, size, _ = whole_account("application/json")
    results["account"].append(t); results["rss_account"].append(peak_mib())
    print(f"{r:5}  account, JSON         {t:7.3f}  {size / 1e6:11.1f}  {results['rss_account'][-1]:12.0f}  {l}")
    l = load(); reset_peak()
    t, size, first = whole_account("application/x-ndjson")
    results["ndjson"].append(t); results["first"].append(first); results["rss_ndjson"].append(peak_mib())
    print(f"{r:5}  account, NDJSON       {t:7.3f}  {size / 1e6:11.1f}  {results['rss_ndjson'][-1]:12.0f}  {l}   first line {first * 1000:.0f} ms")
    l = load(); reset_peak()
    t, size = per_principal()
    results["single"].append(t); results["rss_single"].append(peak_mib())
    print(f"{r:5}  per role, 4 clients   {t:7.3f}  {size / 1e6:11.1f}  {results['rss_single'][-1]:12.0f}  {l}")

m = {k: statistics.median(v) for k, v in results.items()}
print(f"median: account JSON {m['account']:.3f} s, NDJSON {m['ndjson']:.3f} s (first line {m['first'] * 1000:.0f} ms), "
      f"per role from 4 clients {m['single']:.3f} s; account / per role = {m['account'] / m['single']:.2f}; "
      f"peak RSS {max(results['rss_account'] + results['rss_ndjson']):.0f} MiB (account), {max(results['rss_single']):.0f} MiB (per role)")
