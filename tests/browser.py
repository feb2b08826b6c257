"""Run pages in a real headless Chromium, for tests that need a browser.

Chromium runs as a subprocess (``--dump-dom``, ``--screenshot``) with a fresh profile, no
background networking, every host name resolving to nothing (so any request would fail), and
``--virtual-time-budget`` so that timers and animations run to completion fast. No Python
dependency beyond the standard library: :func:`png_colours` and :func:`png_box` read the screenshots.

Find the browser with :func:`find_chromium` (``$ARMSKG_CHROMIUM``, else ``chromium``,
``chromium-browser``, ``google-chrome`` on ``PATH``); :func:`require_chromium` skips the test when
there is none, or fails it when ``$CI`` is set, so CI never passes by skipping.
"""

from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import tempfile
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

__all__ = [
    "CHROMIUM_ENV",
    "INSTALL_HINT",
    "BrowserRun",
    "chromium_command",
    "dump_dom",
    "find_chromium",
    "png_box",
    "png_colours",
    "png_rows",
    "require_chromium",
    "root_dataset",
    "screenshot",
]

CHROMIUM_ENV = "ARMSKG_CHROMIUM"
INSTALL_HINT = "install it with `apt-get install -y chromium` (Debian) or set $ARMSKG_CHROMIUM to a Chromium binary"
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def find_chromium() -> str | None:
    """The Chromium binary to use, or ``None`` when there is none."""
    chosen = os.environ.get(CHROMIUM_ENV)
    if chosen:
        return chosen if Path(chosen).is_file() else shutil.which(chosen)
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """The Chromium binary; skip the calling test without one, or fail it under CI (``$CI`` set)."""
    binary = find_chromium()
    if binary is None:
        message = f"Chromium not found: {INSTALL_HINT}"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (required because $CI is set)")
        pytest.skip(message)
    return binary


@dataclass(frozen=True)
class BrowserRun:
    """What one Chromium run gave: its output, its log and how long it took."""

    stdout: str
    stderr: str
    seconds: float


def chromium_command(binary: str, profile: Path, page: Path, *actions: str, budget_ms: int) -> list[str]:
    """The argument list of one run: fixed flags, a fresh profile, the actions, then the page."""
    return [
        binary,
        *_FLAGS,
        f"--user-data-dir={profile}",
        f"--virtual-time-budget={budget_ms}",
        *actions,
        page.resolve().as_uri(),
    ]


def _run(page: Path, *actions: str, budget_ms: int, timeout: float) -> BrowserRun:
    """Run Chromium once on a local page in a throw-away profile."""
    binary = require_chromium()
    with tempfile.TemporaryDirectory(prefix="armskg-chromium-") as profile:
        started = time.perf_counter()
        process = subprocess.Popen(
            chromium_command(binary, Path(profile), page, *actions, budget_ms=budget_ms),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, so a timeout can end all its children
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
        seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"Chromium exited with {process.returncode}: {stderr[-2000:]}")
    return BrowserRun(stdout, stderr, seconds)


def dump_dom(page: Path, *, budget_ms: int = 15000, timeout: float = 60.0) -> BrowserRun:
    """Load ``page``, let its scripts run for ``budget_ms`` of virtual time, return the DOM as HTML."""
    return _run(page, "--dump-dom", budget_ms=budget_ms, timeout=timeout)


def screenshot(
    page: Path,
    out: Path,
    *,
    size: tuple[int, int] = (1280, 860),
    budget_ms: int = 15000,
    timeout: float = 60.0,
) -> bytes:
    """Load ``page`` and save a PNG screenshot of ``size`` pixels to ``out``; return its bytes."""
    _run(page, f"--screenshot={out}", f"--window-size={size[0]},{size[1]}", budget_ms=budget_ms, timeout=timeout)
    return out.read_bytes()


class _RootAttributes(HTMLParser):
    """Collects the attributes of the first ``<html>`` start tag."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html" and self.attributes is None:
            self.attributes = {name: value or "" for name, value in attrs}


def root_dataset(dom: str) -> dict[str, str]:
    """The ``data-*`` attributes of the ``<html>`` element, as ``dataset`` keys (``jsErrors``)."""
    parser = _RootAttributes()
    parser.feed(dom)
    found: dict[str, str] = {}
    for name, value in (parser.attributes or {}).items():
        if name.startswith("data-"):
            head, *rest = name[5:].split("-")
            found[head + "".join(part.capitalize() for part in rest)] = value
    return found


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def png_rows(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the RGB bytes of each row of an 8-bit RGB or RGBA PNG (alpha dropped).

    A small reader of what Chromium and matplotlib write (no interlacing, no palette); enough to
    tell a drawn page from a blank one, and to find a colour on it, without an imaging library.
    """
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, bytearray(), b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour_type not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {colour_type}, interlace {interlace})")
    bpp = 3 if colour_type == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(bytes(idat))
    previous = bytearray(stride)
    rows: list[bytes] = []
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        row = bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                row[i] = (row[i] + row[i - bpp]) & 0xFF
        elif kind == 2:
            row = bytearray((a + b) & 0xFF for a, b in zip(row, previous, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = row[i - bpp] if i >= bpp else 0
                row[i] = (row[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                left = row[i - bpp] if i >= bpp else 0
                corner = previous[i - bpp] if i >= bpp else 0
                row[i] = (row[i] + _paeth(left, previous[i], corner)) & 0xFF
        elif kind != 0:
            raise ValueError(f"bad PNG filter {kind}")
        rows.append(bytes(row) if bpp == 3 else bytes(b for i, b in enumerate(row) if i % 4 != 3))
        previous = row
    return width, height, rows


def png_colours(data: bytes) -> Counter[str]:
    """Pixel count per colour (``"#rrggbb"``, alpha dropped) of an 8-bit RGB or RGBA PNG."""
    width, _, rows = png_rows(data)
    colours: Counter[str] = Counter()
    for row in rows:
        colours.update("#" + row[i : i + 3].hex() for i in range(0, 3 * width, 3))
    return colours


def png_box(
    data: bytes,
    region: tuple[int, int, int, int] | None = None,
    background: str = "#ffffff",
    colours: set[str] | None = None,
) -> tuple[int, int, int, int] | None:
    """Bounding box ``(left, top, right, bottom)`` of the pixels that are not ``background``.

    ``region`` (left, top, right, bottom; right and bottom excluded) limits the search; with
    ``colours`` (``"#rrggbb"``) only pixels of those colours count. The box is in image
    coordinates; ``None`` when no pixel of the region counts.
    """
    width, height, rows = png_rows(data)
    left, top, right, bottom = region or (0, 0, width, height)
    plain = bytes.fromhex(background.lstrip("#"))
    wanted = {bytes.fromhex(c.lstrip("#")) for c in colours} if colours is not None else None
    xs: list[int] = []
    ys: list[int] = []
    for y in range(top, bottom):
        row = rows[y]
        pixels = ((x, row[3 * x : 3 * x + 3]) for x in range(left, right))
        drawn = [x for x, p in pixels if (p in wanted if wanted is not None else p != plain)]
        if drawn:
            xs += (drawn[0], drawn[-1])
            ys.append(y)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)
