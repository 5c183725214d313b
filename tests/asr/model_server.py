"""Test helpers: a tiny model-shaped zip and a local HTTP server (127.0.0.1 only) that serves it.

The server honours `Range: bytes=N-` like a real download host, can be told to cut the next response
short (to simulate a dropped connection) or to ignore ranges, and records every request's Range header.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

MODEL_FILES = {
    "am/final.mdl": b"acoustic model" * 200,
    "conf/model.conf": b"--min-active=200\n",
    "graph/HCLG.fst": b"graph" * 500,
    "README": b"test model\n",
}


def model_zip(top: str | None = "tiny-model", files: dict[str, bytes] | None = None) -> bytes:
    """A zip laid out like Vosk's archives (one top folder holding am/, conf/, graph/)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, data in (files or MODEL_FILES).items():
            zf.writestr(f"{top}/{name}" if top else name, data)
    return buf.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class ZipServer:
    body: bytes
    url: str = ""
    cut_next_after: int | None = None  # the next response stops after this many bytes
    ignore_range: bool = False
    ranges: list[str | None] = field(default_factory=list)


@contextmanager
def serve(body: bytes, name: str = "tiny-model.zip") -> Iterator[ZipServer]:
    state = ZipServer(body)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            rng = self.headers.get("Range")
            state.ranges.append(rng)
            if self.path != f"/{name}":
                self.send_error(404)
                return
            start = 0
            if rng and not state.ignore_range and rng.startswith("bytes="):
                start = int(rng[6:].split("-")[0])
                if start >= len(state.body):
                    self.send_response(416)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(state.body) - 1}/{len(state.body)}")
            else:
                self.send_response(200)
            payload = state.body[start:]
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if state.cut_next_after is not None:
                payload = payload[: state.cut_next_after]
                state.cut_next_after = None
                self.wfile.write(payload)
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/{name}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens (the port was just released)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/model.zip"
