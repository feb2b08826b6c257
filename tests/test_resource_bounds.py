"""Resource bounds of a real ``armskg ingest``: memory on huge inputs, temporary files, the HTML
worker process, and a full disk (a real, small tmpfs in a private mount namespace)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from robustness import ARMSKG, article_records, cli, store_quads, write_jsonl

pytestmark = pytest.mark.slow

MB = 1024 * 1024
PAGE = (
    "<html><head><title>Drones</title></head><body><article>"
    + "<p>Iran supplied Russia with Shahed-136 drones, the officials said on Tuesday in the capital.</p>" * 4
    + "</article></body></html>"
)


def _peak_rss_mb(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, float]:
    """Run ``armskg ARGS`` under a small wrapper; (exit code, stderr, peak resident memory in MB)."""
    wrapper = textwrap.dedent(
        """
        import resource, subprocess, sys
        done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
        sys.stderr.write(done.stderr)
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, str(ARMSKG), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, **(env or {})},
        check=False,
    )
    peak_kb, code = result.stdout.split()
    return int(code), result.stderr, int(peak_kb) / 1024


def test_memory_stays_bounded_on_50_mb_inputs(tmp_path: Path, record_property: Callable[[str, object], None]) -> None:
    small = tmp_path / "small"
    small.mkdir()
    write_jsonl(small / "ok.jsonl", article_records(20))
    code, _, baseline = _peak_rss_mb("ingest", "--store", tmp_path / "kg0", small, cwd=tmp_path)
    assert code == 0

    huge = tmp_path / "huge"
    huge.mkdir()
    with (huge / "mixed.jsonl").open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "one-huge-line", "text": "x" * (30 * MB)}) + "\n")
        broken = "{not json " + "y" * 1000 + "\n"
        for _ in range(20 * MB // len(broken)):
            out.write(broken)
        for record in article_records(20):
            out.write(json.dumps(record) + "\n")
    (huge / "big.txt").write_text("Iran supplied Russia with drones. " * (50 * MB // 34), encoding="utf-8")
    (huge / "big.html").write_text(PAGE * (50 * MB // len(PAGE)), encoding="utf-8")
    (huge / "one-line.txt").write_bytes(b"z" * (50 * MB))
    total = sum(p.stat().st_size for p in huge.iterdir())
    assert total > 190 * MB

    code, stderr, peak = _peak_rss_mb("ingest", "--store", tmp_path / "kg1", huge, cwd=tmp_path)
    assert code == 1  # some inputs failed
    assert re.search(r"mixed\.jsonl:1: line is 31,457,\d{3} bytes, over the limit", stderr), stderr[:500]
    for name in ("big.txt", "big.html", "one-line.txt"):
        assert f"{name}: file is" in stderr and "over the limit" in stderr
    assert len([line for line in stderr.splitlines() if "not valid JSON" in line]) == 20 * MB // len(broken)
    record_property("peak_rss_mb_small", round(baseline))
    record_property("peak_rss_mb_huge", round(peak))
    print(f"\npeak memory: {baseline:.0f} MB for 20 articles, {peak:.0f} MB for {total / MB:.0f} MB of huge inputs")
    assert peak < baseline + 100, (
        f"reading {total / MB:.0f} MB of input grew memory from {baseline:.0f} to {peak:.0f} MB"
    )


def test_no_temporary_files_and_no_worker_process_are_left_behind(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(3):
        (inputs / f"page{n}.html").write_text(PAGE, encoding="utf-8")
    (inputs / "slow.html").write_text("<html><body>" + "<p>a b c</p>" * 150_000 + "</body></html>", encoding="utf-8")
    write_jsonl(inputs / "notes.jsonl", article_records(5))
    env = {"TMPDIR": str(temp)}
    result = cli("ingest", "--store", tmp_path / "kg", "--html-timeout-s", "1", inputs, cwd=tmp_path, env=env)
    assert result.returncode == 1 and "slow.html: HTML extraction stopped after 1 s" in result.stderr
    assert "ingested 8 articles" in result.stdout
    result = cli("export", "--store", tmp_path / "kg", "-o", tmp_path / "out.trig", "--format", "trig", cwd=tmp_path)
    assert result.returncode == 0
    assert list(temp.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "kg", "out.trig", "tmp"]

    # SIGKILL of the ingest while its HTML worker runs: the worker ends too
    process = subprocess.Popen(
        [str(ARMSKG), "ingest", "--store", str(tmp_path / "kg2"), "--html-timeout-s", "600", str(inputs / "slow.html")],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while not workers and time.monotonic() < deadline:
        workers = _children(process.pid)
        time.sleep(0.1)
    assert workers, "no HTML worker process started"
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers), "the HTML worker outlived the killed ingest"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


_DISK_FULL = """
set -u
mount -t tmpfs -o size=1500k tmpfs "$DISK" || exit 97
"$ARMSKG" ingest --store "$DISK/kg" "$CORPUS" > "$OUT/ingest1.out" 2> "$OUT/ingest1.err"; echo $? > "$OUT/ingest1.rc"
"$ARMSKG" summary --store "$DISK/kg" > "$OUT/summary.out" 2> "$OUT/summary.err"; echo $? > "$OUT/summary.rc"
cat /dev/zero > "$DISK/filler" 2> /dev/null  # whatever the failed ingest left free, the export meets a full disk
"$PYTHON" -c '
import sys
from pathlib import Path
from armskg.graph.store import StoreError, export_store, open_store
store = open_store(Path(sys.argv[1]), read_only=True)
try:
    export_store(store, "trig", Path(sys.argv[2]))
    print("exported")
except StoreError as error:
    print(error)
' "$DISK/kg" "$DISK/export.trig" > "$OUT/export.out" 2> "$OUT/export.err"
rm -f "$DISK/filler"
ls -a "$DISK" > "$OUT/disk.ls"
mount -o remount,size=256m "$DISK" || exit 98
"$ARMSKG" ingest --store "$DISK/kg" "$CORPUS" > "$OUT/ingest2.out" 2> "$OUT/ingest2.err"; echo $? > "$OUT/ingest2.rc"
cp -r "$DISK/kg" "$OUT/kg"
"""


def test_a_full_disk_gives_a_clear_error_and_the_store_recovers(tmp_path: Path) -> None:
    unshare = shutil.which("unshare")
    probe = (
        subprocess.run([unshare or "unshare", "-Urm", "true"], capture_output=True, check=False) if unshare else None
    )
    if probe is None or probe.returncode != 0:
        pytest.skip("needs unshare with user and mount namespaces (a private tmpfs stands in for a full disk)")
    corpus = write_jsonl(tmp_path / "c.jsonl", article_records(200))
    (tmp_path / "disk").mkdir()
    (tmp_path / "out").mkdir()
    script = tmp_path / "disk-full.sh"
    script.write_text(_DISK_FULL, encoding="utf-8")
    env = {
        **os.environ,
        "DISK": str(tmp_path / "disk"),
        "OUT": str(tmp_path / "out"),
        "CORPUS": str(corpus),
        "ARMSKG": str(ARMSKG),
        "PYTHON": sys.executable,
    }
    done = subprocess.run(
        [unshare or "", "-Urm", "sh", str(script)], env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    assert (out / "ingest1.rc").read_text().strip() == "1"
    [line] = (out / "ingest1.err").read_text().strip().splitlines()
    assert line.startswith("armskg: ") and "the disk is full" in line, line
    assert (out / "summary.rc").read_text().strip() == "0", (out / "summary.err").read_text()
    assert "the disk is full" in (out / "export.out").read_text()
    assert [n for n in (out / "disk.ls").read_text().split() if n not in (".", "..", "kg")] == []  # no partial export
    assert (out / "ingest2.rc").read_text().strip() == "0", (out / "ingest2.err").read_text()
    reference = tmp_path / "reference"
    assert cli("ingest", "--store", reference, corpus, cwd=tmp_path).returncode == 0
    assert store_quads(out / "kg") == store_quads(reference)


def test_an_export_is_written_whole_with_the_usual_permissions(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", article_records(5))
    assert cli("ingest", "--store", tmp_path / "kg", corpus, cwd=tmp_path).returncode == 0
    out = tmp_path / "graph.nq"
    out.write_text("an older export\n", encoding="utf-8")
    old_umask = os.umask(0o022)
    try:
        result = cli("export", "--store", tmp_path / "kg", "--format", "nquads", "-o", out, cwd=tmp_path)
    finally:
        os.umask(old_umask)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_mode & 0o777 == 0o644
    assert out.read_text(encoding="utf-8").count("\n") > 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jsonl", "graph.nq", "kg"]
