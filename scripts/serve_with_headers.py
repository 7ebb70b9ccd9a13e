#!/usr/bin/env python3
"""Serve a built site locally with the production security headers.

The headers are the ones deploy/nginx.conf sends: kb.postbuild.csp.security_headers()
with the inline-code hashes the build wrote to <site>/csp-hashes.json. Use it
to check a build in a browser before deploying:

    scripts/serve_with_headers.py --site site --port 8104

The browser tests import `serve()` to do the same in a background thread.
"""

from __future__ import annotations

import argparse
import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.postbuild.csp import read_hashes, security_headers  # noqa: E402


class _Handler(SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib name
        pass  # quiet: the tests read requests from the browser instead


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser that navigates away mid-response closes the socket.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def make_server(site: Path, port: int = 0, host: str = "127.0.0.1",
                headers: dict[str, str] | None = None) -> ThreadingHTTPServer:
    """A threaded static server for *site* that adds *headers* to every response.

    With headers=None it sends the production headers for this build.
    """
    if headers is None:
        headers = security_headers(read_hashes(site))
    handler = type("Handler", (_Handler,), {"extra_headers": dict(headers)})
    return _QuietServer((host, port), functools.partial(handler, directory=str(site)))


def serve(site: Path, port: int = 0, host: str = "127.0.0.1",
          headers: dict[str, str] | None = None) -> tuple[ThreadingHTTPServer, str]:
    """Start make_server() in a daemon thread; return it and its base URL."""
    server = make_server(site, port, host, headers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--port", type=int, default=8104)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    if not (args.site / "csp-hashes.json").is_file():
        parser.error(f"{args.site}/csp-hashes.json not found: build the site first")
    server = make_server(args.site, args.port, args.host)
    print(f"Serving {args.site} at http://{args.host}:{args.port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
