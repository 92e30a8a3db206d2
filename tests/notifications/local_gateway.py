"""A real SMS/WhatsApp gateway for tests, on 127.0.0.1, that keeps the contract of
docs/architecture.md: a key it has accepted is never delivered twice.

It records every request, can fail the first requests (503, nothing accepted), and can hold
the first request after accepting it until the test says so (to kill the worker while it
waits for the answer).
"""

from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    key: str
    body: dict
    authorization: str


@dataclass
class LocalGateway:
    fail_first: int = 0
    hold_first: bool = False
    requests: list[Received] = field(default_factory=list)
    deliveries: dict[str, int] = field(default_factory=dict)
    first_request_arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    port: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/send"

    def keys(self) -> list[str]:
        return [request.key for request in self.requests]

    def answer(self, received: Received) -> tuple[int, dict]:
        with self._lock:
            self.requests.append(received)
            number = len(self.requests)
            if number <= self.fail_first:
                return 503, {"error": "sedang sibuk"}
            if received.key in self.deliveries:
                return 200, {"id": f"gw-{received.key}", "duplicate": True}
            self.deliveries[received.key] = 1
        if number == 1 and self.hold_first:
            self.first_request_arrived.set()
            self.release.wait(60)
        return 200, {"id": f"gw-{received.key}"}


def _handler(gateway: LocalGateway):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the stdlib's name
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            received = Received(
                key=self.headers.get("Idempotency-Key", ""),
                body=body,
                authorization=self.headers.get("Authorization", ""),
            )
            status, answer = gateway.answer(received)
            payload = json.dumps(answer).encode()
            with contextlib.suppress(OSError):  # the worker may have been killed meanwhile
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        def log_message(self, *args):
            pass

    return Handler


@contextlib.contextmanager
def running_gateway(**options):
    gateway = LocalGateway(**options)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(gateway))
    server.daemon_threads = True
    gateway.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        gateway.release.set()
        server.shutdown()
        server.server_close()
