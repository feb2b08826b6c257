"""How ``armskg serve`` bounds a pathological query, and what the front costs: figures, printed.

Builds a small store from one bundled sample article (about 1,000 quads, as in the measurement
that grew Oxigraph 0.5.13 to 24 GB), then:

1. small-query throughput and latency with N clients, straight to ``oxigraph`` and through
   armskg's front;
2. the pathological ``ORDER BY`` over a four-way cross product of the named graphs, once
   stopped by the timeout and once by the memory limit: the status and the seconds until the
   client has its error, the child's peak resident memory, and the small queries other
   clients got answered before, during and after it (with any errors);
3. how long a killed child takes to be replaced.

Run: ``python benchmarks/endpoint_limits.py [--clients 8] [--seconds 3]``.  Nothing is asserted;
``tests/test_endpoint_limits.py`` holds the checks.
"""

from __future__ import annotations

import argparse
import gc
import json
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import psutil
import pyoxigraph as ox

from armskg.graph.endpoint import SparqlServer, free_port, oxigraph_binary
from armskg.graph.ingest import ingest
from armskg.graph.store import open_store
from armskg.loaders.readers import read_articles

PATHOLOGICAL = (
    "SELECT * WHERE { GRAPH ?w {?a ?b ?c} GRAPH ?x {?d ?e ?f} GRAPH ?y {?g ?h ?i} GRAPH ?z {?j ?k ?l} } "
    "ORDER BY ?a ?d ?g ?j"
)
SMALL = "SELECT ?t ?s WHERE { ?t a <https://w3id.org/armskg/ontology#Transfer> ; <https://w3id.org/armskg/ontology#supplier> ?s } LIMIT 10"  # noqa: E501
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def query(url: str, text: str, timeout: float = 120) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url + "?" + urllib.parse.urlencode({"query": text}), headers={"Accept": "application/sparql-results+json"}
    )
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@dataclass
class Load:
    """Clients sending small queries until stopped; each answer's time and second are kept."""

    url: str
    clients: int
    times: list[tuple[float, float]] = field(default_factory=list)  # (finished at, seconds)
    errors: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def _run(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                status, body = query(self.url, SMALL, timeout=60)
            except OSError as error:
                self.errors.append(type(error).__name__)
                continue
            if status != 200 or not json.loads(body)["results"]["bindings"]:
                self.errors.append(f"HTTP {status}")
                continue
            now = time.monotonic()
            self.times.append((now, now - started))

    def start(self) -> Load:
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(self.clients)]
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=120)

    def rate(self, start: float, end: float) -> float:
        return sum(1 for at, _ in self.times if start <= at < end) / max(end - start, 1e-9)


def build_store(folder: Path) -> Path:
    location = folder / "store"
    sample = Path(str(resources.files("armskg.samples").joinpath("03_iran_drones_denial.txt")))
    store = open_store(location)
    ingest(store, read_articles([sample]))
    total, named = len(store), sum(1 for q in store if not isinstance(q.graph_name, ox.DefaultGraph))
    store.flush()
    del store
    gc.collect()
    print(f"store: {total} quads, {named} in named graphs (one sample article)")
    return location


class Served:
    """``armskg serve`` in its own process (as a user runs it), and its oxigraph child."""

    def __init__(self, location: Path, *args: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/query"
        armskg = Path(sys.executable).parent / "armskg"
        command = [str(armskg), "serve", "--store", str(location), "--port", str(self.port), *args]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wait_until_up(self.url)

    def child_rss(self) -> int:
        try:
            return sum(int(c.memory_info().rss) for c in psutil.Process(self.process.pid).children())
        except psutil.Error:
            return 0

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        _, err = self.process.communicate(timeout=60)
        return err


def wait_until_up(url: str) -> None:
    for _ in range(600):
        try:
            query(url, "ASK {}", timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"no answer from {url}")


def throughput(location: Path, clients: int, seconds: float) -> None:
    port = free_port()
    command = [str(oxigraph_binary()), "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    direct = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/query"
        wait_until_up(url)
        report("oxigraph alone", url, clients, seconds)
    finally:
        direct.terminate()
        direct.wait()
    served = Served(location)
    try:
        report("armskg serve", served.url, clients, seconds)
    finally:
        served.stop()


def report(label: str, url: str, clients: int, seconds: float) -> None:
    load = Load(url, clients).start()
    time.sleep(seconds)
    load.stop()
    latencies = sorted(s for _, s in load.times)
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99)] * 1000
    print(
        f"  {label:18s} {clients} clients: {len(latencies) / seconds:7.0f} queries/s, "
        f"p50 {p50:5.1f} ms, p99 {p99:6.1f} ms, {len(load.errors)} errors"
    )


def pathological(location: Path, label: str, timeout_s: int, memory_mb: int, clients: int) -> None:
    served = Served(location, "--timeout-s", str(timeout_s), "--memory-mb", str(memory_mb))
    peak = [0]
    done = threading.Event()

    def sample_rss() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], served.child_rss())
            time.sleep(0.01)

    watcher = threading.Thread(target=sample_rss, daemon=True)
    watcher.start()
    try:
        load = Load(served.url, clients).start()
        time.sleep(1.0)
        started = time.monotonic()
        status, body = query(served.url, PATHOLOGICAL)
        ended = time.monotonic()
        time.sleep(1.0)
        load.stop()
    finally:
        done.set()
        log = served.stop()
    error = json.loads(body).get("error") if status != 200 else "-"
    restarts = sum("restarting" in line for line in log.splitlines())
    print(f"  {label}: armskg serve --timeout-s {timeout_s} --memory-mb {memory_mb}")
    print(f"    client got HTTP {status} ({error}) after {ended - started:.2f} s; oxigraph restarted {restarts}x")
    print(f"    oxigraph's peak RSS {peak[0] / 2**20:.0f} MB (sampled every 10 ms)")
    print(
        f"    other clients: {load.rate(started - 1, started):.0f} q/s before, "
        f"{load.rate(started, ended):.0f} q/s during, {load.rate(ended, ended + 1):.0f} q/s after; "
        f"{len(load.errors)} errors"
    )


def restart_time(location: Path) -> None:
    with SparqlServer(location, port=free_port()) as server:
        times = []
        for _ in range(5):
            child = server.process
            assert child is not None
            started = time.monotonic()
            child.kill()
            status, _ = query(server.url, SMALL)
            times.append(time.monotonic() - started)
            assert status == 200
        print(
            f"  a killed child is replaced and answering after {statistics.median(times) * 1000:.0f} ms (median of 5)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=8, help="clients sending small queries")
    parser.add_argument("--seconds", type=float, default=3.0, help="length of each throughput run")
    args = parser.parse_args()
    print(f"machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB")
    with tempfile.TemporaryDirectory(prefix="armskg-bench-") as folder:
        location = build_store(Path(folder))
        print("small queries (the clients run in this process, the servers in their own):")
        throughput(location, args.clients, args.seconds)
        throughput(location, 32, args.seconds)
        print("the pathological ORDER BY:")
        pathological(location, "stopped by the timeout", timeout_s=5, memory_mb=4096, clients=args.clients)
        pathological(location, "stopped by the memory limit", timeout_s=30, memory_mb=512, clients=args.clients)
        print("restarts:")
        restart_time(location)


if __name__ == "__main__":
    main()
