"""A real HTTP server on 127.0.0.1 for download tests: scripted replies, every request counted.

Each path is given a list of replies, served in turn (the last one repeats): a status with
bytes, a body cut short, a body dripped a byte at a time, or a body larger than announced.
The server runs in a thread for one test, stops by itself, and never touches another host.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    announce: int | None = None
    """Content-Length to send; ``None``: the body's length; ``-1``: none (read until close)."""
    drip: float = 0.0
    """Seconds between bytes; 0 sends the body at once."""
    cut: int | None = None
    """Close the connection after this many bytes of the body."""


@dataclass
class Server:
    url: str
    replies: dict[str, list[Reply]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def serve(self, path: str, *replies: Reply) -> str:
        """Serve ``replies`` at ``path`` in turn; return its URL."""
        self.replies[path] = list(replies)
        return f"{self.url}{path.lstrip('/')}"

    def reply_to(self, path: str) -> Reply:
        self.requests.append(path)
        queue = self.replies.get(path)
        if not queue:
            return Reply(404, b"not found")
        return queue.pop(0) if len(queue) > 1 else queue[0]


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
        pass

    def do_GET(self) -> None:
        state: Server = self.server.state
        reply = state.reply_to(self.path)
        self.send_response(reply.status)
        length = len(reply.body) if reply.announce is None else reply.announce
        if length >= 0:
            self.send_header("Content-Length", str(length))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        body = reply.body if reply.cut is None else reply.body[: reply.cut]
        try:
            if reply.drip:
                for index in range(len(body)):
                    if state.stopping.wait(reply.drip):
                        return
                    self.wfile.write(body[index : index + 1])
                    self.wfile.flush()
            else:
                self.wfile.write(body)
        except OSError:
            return  # the client gave up, as it should
        if reply.cut is not None or length < 0:
            self.close_connection = True

    do_HEAD = do_GET  # noqa: N815 (the base's name)


def running() -> Iterator[Server]:
    """Run a server for one test (use as a generator fixture)."""
    http = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    http.daemon_threads = True
    state = Server(f"http://127.0.0.1:{http.server_address[1]}/")
    http.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=http.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    started = time.monotonic()
    try:
        yield state
    finally:
        state.stopping.set()
        http.shutdown()
        http.server_close()
        thread.join(timeout=5 + min(time.monotonic() - started, 0))
