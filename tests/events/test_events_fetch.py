"""``fairweather events fetch`` against a local HTTP server that serves a GDELT-like folder (never the network).

The folder is built here: real-format GDELT 2.0 export rows (61 columns) zipped into 15-minute files, and a
``masterfilelist.txt`` naming them (with the publisher's URLs, so a download from anywhere but the mirror
would fail) beside mentions and GKG lines the fetcher must skip.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import threading
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from fairweather.cli import app
from fairweather.errors import ChecksumError, DateError, DownloadError
from fairweather.sources.eventfiles import read_events
from fairweather.sources.gdelt_fetch import FetchProgress, fetch_gdelt

runner = CliRunner()
PUBLISHER = "http://data.gdeltproject.org/gdeltv2/"
#: batch stamp -> rows (source, target, CAMEO code, quad class, Goldstein)
BATCHES = {
    "20250612234500": [("RUS", "IRN", "043", 1, 2.8)],  # the day before the range
    "20250613000000": [("RUS", "IRN", "043", 1, 2.8), ("CHN", "IRN", "0331", 1, 5.2)],
    "20250613001500": [("RUS", "IRN", "072", 2, 8.3)],
    "20250614234500": [("CHN", "ISR", "112", 3, -2.0), ("RUS", "USA", "111", 3, -2.0), ("PRK", "IRN", "051", 1, 3.4)],
    "20250615000000": [("RUS", "IRN", "061", 2, 6.4)],  # the day after
}
IN_RANGE = ["20250613000000", "20250613001500", "20250614234500"]


def _row(eid: int, stamp: str, src: str, tgt: str, code: str, quad: int, gold: float) -> str:
    f = [""] * 61
    day = stamp[:8]
    f[0], f[1], f[2], f[3], f[4] = str(eid), day, day[:6], day[:4], f"{day[:4]}.4438"
    f[5], f[6], f[7], f[12] = src + "GOV", src, src, "GOV"
    f[15], f[16], f[17], f[22] = tgt + "GOV", tgt, tgt, "GOV"
    f[25], f[26], f[27], f[28] = "1", code, code[:3], code[:2]
    f[29], f[30], f[31], f[32], f[33], f[34] = str(quad), str(gold), "4", "1", "4", "-1.5"
    for base in (35, 43, 51):
        f[base:base + 8] = ["1", "Iran", "IR", "IR", "", "32", "53", "IR"]
    f[59], f[60] = stamp, f"https://example.org/news/{eid}"
    return "\t".join(f)


def _zip(path: Path, stamp: str, rows: list[str]) -> bytes:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{stamp}.export.CSV", "\n".join(rows) + "\n")
    return path.read_bytes()


@pytest.fixture()
def site(tmp_path) -> Path:
    """A folder laid out as GDELT's gdeltv2/: export zips, and their list with the publisher's URLs."""
    root = tmp_path / "site"
    root.mkdir()
    lines, eid = [], 1
    for stamp, rows in BATCHES.items():
        texts = [_row(eid + i, stamp, *r) for i, r in enumerate(rows)]
        eid += len(rows)
        data = _zip(root / f"{stamp}.export.CSV.zip", stamp, texts)
        lines.append(f"{len(data)} {hashlib.md5(data).hexdigest()} {PUBLISHER}{stamp}.export.CSV.zip")
        lines.append(f"318084 bb27f78ba45f69a17ea6ed7755e9f8ff {PUBLISHER}{stamp}.mentions.CSV.zip")
        lines.append(f"10768507 ea8dde0beb0ba98810a92db068c0ce99 {PUBLISHER}{stamp}.gkg.csv.zip")
    (root / "masterfilelist.txt").write_text("\n".join(lines) + "\n", encoding="ascii")
    return root


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder; records every path; can serve other bytes or cut a transfer short."""

    requests: list[str]
    bodies: dict[str, bytes]
    cut: set[str]

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        name = self.path.rsplit("/", 1)[-1]
        self.requests.append(name)
        if name in self.bodies:
            body = self.bodies[name]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if name in self.cut:  # promise the whole file, send half, hang up
            body = (Path(self.directory) / "site" / name).read_bytes()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        super().do_GET()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def server(site):
    """A local HTTP server over ``site`` (its URL, its request log, and its knobs)."""
    handler = type("Handler", (_Handler,), {"requests": [], "bodies": {}, "cut": set()})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site.parent)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield type("Server", (), {"url": f"http://127.0.0.1:{httpd.server_address[1]}/{site.name}/", "handler": handler,
                                  "site": site})
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _leftovers(folder: Path) -> list[str]:
    """Temporary or partial files in ``folder`` (hidden .tmp files of a write)."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_the_range_selects_its_days_export_files_only(server, tmp_path):
    out = tmp_path / "gdelt"
    result = fetch_gdelt("2025-06-13", "2025-06-14", out, base_url=server.url)
    assert [p.name for p in result.files] == [f"{s}.export.CSV.zip" for s in IN_RANGE]
    assert sorted(p.name for p in out.glob("*.zip")) == [f"{s}.export.CSV.zip" for s in IN_RANGE]
    # the list once, then exactly the chosen files, from the mirror (not the publisher's URLs in the list)
    assert server.handler.requests == ["masterfilelist.txt", *(f"{s}.export.CSV.zip" for s in IN_RANGE)]
    for path in result.files:
        assert path.read_bytes() == (server.site / path.name).read_bytes()
    assert result.downloaded == [p.name for p in result.files] and result.present == []


def test_a_second_run_resumes_skipping_verified_files(server, tmp_path):
    out = tmp_path / "gdelt"
    fetch_gdelt("2025-06-13", "2025-06-14", out, base_url=server.url)
    (out / f"{IN_RANGE[0]}.export.CSV.zip").unlink()
    damaged = out / f"{IN_RANGE[1]}.export.CSV.zip"
    damaged.write_bytes(damaged.read_bytes()[:-7])  # e.g. a copy cut short by hand
    server.handler.requests.clear()
    result = fetch_gdelt("2025-06-13", "2025-06-14", out, base_url=server.url)
    # the cached list covers the range (it lists a later day): not read again; only the two bad files are fetched
    assert server.handler.requests == [f"{IN_RANGE[0]}.export.CSV.zip", f"{IN_RANGE[1]}.export.CSV.zip"]
    assert result.present == [f"{IN_RANGE[2]}.export.CSV.zip"]
    assert result.replaced == [damaged.name]
    assert damaged.read_bytes() == (server.site / damaged.name).read_bytes()
    server.handler.requests.clear()
    again = fetch_gdelt("2025-06-13", "2025-06-14", out, base_url=server.url)
    assert server.handler.requests == [] and len(again.present) == 3 and again.downloaded == []


def test_a_range_ending_on_the_lists_last_day_reads_the_list_again(server, tmp_path):
    out = tmp_path / "gdelt"
    fetch_gdelt("2025-06-15", "2025-06-15", out, base_url=server.url)
    server.handler.requests.clear()
    fetch_gdelt("2025-06-15", "2025-06-15", out, base_url=server.url)
    assert server.handler.requests == ["masterfilelist.txt"]  # the list may have grown since


def test_a_checksum_mismatch_keeps_nothing_of_that_file_and_says_what_to_do(server, tmp_path):
    bad = f"{IN_RANGE[1]}.export.CSV.zip"
    good = (server.site / bad).read_bytes()
    server.handler.bodies[bad] = bytes(b ^ 1 for b in good[:10]) + good[10:]  # same size, other bytes
    out = tmp_path / "gdelt"
    with pytest.raises(ChecksumError) as err:
        fetch_gdelt("2025-06-13", "2025-06-14", out, base_url=server.url)
    message = str(err.value)
    assert bad in message and "md5" in message and "line 7 of" in message  # its line in the list
    assert "Run the same command again" in message and "--base-url" in message
    assert not (out / bad).exists() and _leftovers(out) == []
    others = [f"{s}.export.CSV.zip" for s in IN_RANGE if s != IN_RANGE[1]]
    assert sorted(p.name for p in out.glob("*.zip")) == others  # the other files were fetched and kept
    assert not list(out.glob(".masterfilelist*"))  # a stale list is not trusted again
    # once the server serves the right bytes, the same command completes, fetching only the missing file
    del server.handler.bodies[bad]
    server.handler.requests.clear()
    result = fetch_gdelt("2025-06-13", "2025-06-14", out, base_url=server.url)
    assert result.downloaded == [bad] and server.handler.requests == ["masterfilelist.txt", bad]


def test_a_longer_body_than_listed_is_refused(server, tmp_path):
    name = f"{IN_RANGE[0]}.export.CSV.zip"
    server.handler.bodies[name] = (server.site / name).read_bytes() + b"x" * 200_000  # more than one read
    out = tmp_path / "gdelt"
    with pytest.raises(ChecksumError, match=r"more than [\d,]+ bytes"):
        fetch_gdelt("2025-06-13", "2025-06-13", out, base_url=server.url)
    assert not (out / name).exists() and _leftovers(out) == []


def test_a_broken_connection_stops_leaving_only_verified_files(server, tmp_path):
    cut = f"{IN_RANGE[1]}.export.CSV.zip"
    server.handler.cut.add(cut)
    out = tmp_path / "gdelt"
    with pytest.raises(DownloadError) as err:
        fetch_gdelt("2025-06-13", "2025-06-14", out, base_url=server.url)
    assert not isinstance(err.value, ChecksumError)
    assert cut in str(err.value) and "the connection broke" in str(err.value)
    assert "run the same command again to resume" in str(err.value)
    assert sorted(p.name for p in out.glob("*.zip")) == [f"{IN_RANGE[0]}.export.CSV.zip"]
    assert _leftovers(out) == []


def test_a_missing_file_is_named_and_the_others_kept(server, tmp_path):
    gone = f"{IN_RANGE[2]}.export.CSV.zip"
    (server.site / gone).unlink()
    out = tmp_path / "gdelt"
    with pytest.raises(DownloadError, match="HTTP 404") as err:
        fetch_gdelt("2025-06-13", "2025-06-14", out, base_url=server.url)
    assert gone in str(err.value) and "1 of 3 file(s) were not kept" in str(err.value)
    assert len(list(out.glob("*.zip"))) == 2


def test_an_unreachable_server_says_so(tmp_path):
    import socket

    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DownloadError, match="Cannot read GDELT's file list .*Check the network connection"):
        fetch_gdelt("2025-06-13", "2025-06-14", tmp_path / "gdelt", base_url=f"http://127.0.0.1:{port}/", timeout=5)


def test_an_interruption_leaves_nothing_half_written(server, tmp_path):
    class StopMidway(FetchProgress):
        def advanced(self, entry, read):
            if entry.name == f"{IN_RANGE[1]}.export.CSV.zip":
                raise KeyboardInterrupt

    out = tmp_path / "gdelt"
    with pytest.raises(KeyboardInterrupt):
        fetch_gdelt("2025-06-13", "2025-06-14", out, base_url=server.url, progress=StopMidway())
    assert sorted(p.name for p in out.glob("*.zip")) == [f"{IN_RANGE[0]}.export.CSV.zip"]
    assert _leftovers(out) == []


def test_an_unreadable_list_line_in_the_range_is_reported_not_downloaded(server, tmp_path):
    listing = server.site / "masterfilelist.txt"
    lines = listing.read_text().splitlines()
    lines[3] = lines[3].replace(" ", "  ", 1).split(" ", 1)[1]  # line 4 (20250613000000): the size is gone
    listing.write_text("\n".join(lines) + "\n")
    result = fetch_gdelt("2025-06-13", "2025-06-14", tmp_path / "gdelt", base_url=server.url)
    assert [p.name for p in result.files] == [f"{s}.export.CSV.zip" for s in IN_RANGE[1:]]
    assert [(p.line, p.name) for p in result.unverifiable] == [(4, f"{IN_RANGE[0]}.export.CSV.zip")]
    assert "line 4" in result.summary() and "cannot be read" in result.summary()


def test_dates_outside_the_list_or_reversed_are_user_errors(server, tmp_path):
    with pytest.raises(DateError, match="names no export file from 2024-01-01 to 2024-01-02 .*2025-06-12 23:45"):
        fetch_gdelt("2024-01-01", "2024-01-02", tmp_path / "g", base_url=server.url)
    with pytest.raises(DateError, match="ends .* before it starts"):
        fetch_gdelt("2025-06-14", "2025-06-13", tmp_path / "g", base_url=server.url)


def test_fetched_files_import_with_events_import(server, tmp_path):
    out = tmp_path / "gdelt"
    res = runner.invoke(app, ["events", "fetch", "--from", "2025-06-13", "--to", "2025-06-14", "--out", str(out),
                              "--base-url", server.url])
    assert res.exit_code == 0, res.output
    assert "3 file(s) in" in res.stderr and "3 downloaded" in res.stderr
    parquet = tmp_path / "events.parquet"
    res = runner.invoke(app, ["events", "import", str(out / "*.export.CSV.zip"), "--out", str(parquet)])
    assert res.exit_code == 0, res.output
    table = pq.read_table(parquet)
    assert table.num_rows == sum(len(BATCHES[s]) for s in IN_RANGE)
    assert sorted(table["event_code"].to_pylist()) == sorted(r[2] for s in IN_RANGE for r in BATCHES[s])
    assert read_events(str(out / "*.export.CSV.zip")).report.rows_rejected == 0


def test_the_command_line_names_a_bad_file_with_exit_code_3(server, tmp_path):
    bad = f"{IN_RANGE[0]}.export.CSV.zip"
    server.handler.bodies[bad] = b"not the file"
    res = runner.invoke(app, ["events", "fetch", "--from", "2025-06-13", "--to", "2025-06-13", "--out",
                              str(tmp_path / "g"), "--base-url", server.url])
    assert res.exit_code == 3 and bad in res.stderr and "was not kept" in res.stderr.replace("\n", " ")
    res = runner.invoke(app, ["events", "fetch", "--from", "13/06/2025", "--to", "2025-06-13", "--out",
                              str(tmp_path / "g"), "--base-url", server.url])
    assert res.exit_code == 2 and "--from must be a date" in res.stderr


def test_the_list_reader_keeps_the_ranges_export_lines_and_names_bad_ones():
    import datetime as dt

    from fairweather.sources.gdelt_filelist import parse_file_list

    md5 = "8aa013cd1523daa6c502b3f04fbee192"
    lines = [
        f"4316 {md5} {PUBLISHER}20250612234500.export.CSV.zip",  # before the range: only in the span
        f"4316 {md5} {PUBLISHER}20250613000000.translation.export.CSV.zip",  # the other stream
        f"4316 {md5} {PUBLISHER}20250613000000.mentions.CSV.zip",
        f"4316 {md5[:-1]} {PUBLISHER}20250613001500.export.CSV.zip",  # line 4: md5 too short
        "",
        f"4316 {md5} {PUBLISHER}20250613003000.export.CSV.zip",
        f"43x6 {md5} {PUBLISHER}20250620000000.export.CSV.zip",  # after the range: its problem is not ours
    ]
    listed = parse_file_list(lines, "list", start=dt.date(2025, 6, 13), end=dt.date(2025, 6, 13))
    assert [(e.name, e.line) for e in listed.entries] == [("20250613003000.export.CSV.zip", 6)]
    assert [(p.line, p.reason) for p in listed.problems] == [(4, f"md5 {md5[:-1]!r} is not 32 hex digits")]
    assert listed.span() == (dt.datetime(2025, 6, 12, 23, 45), dt.datetime(2025, 6, 20))
    translated = parse_file_list(lines, "list", stream="translation")
    assert [e.name for e in translated.entries] == ["20250613000000.translation.export.CSV.zip"]
