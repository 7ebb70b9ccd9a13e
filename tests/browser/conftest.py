"""Shared fixtures for the browser tests (Playwright for Python, Debian's Chromium).

- `exit_stub`: a local stand-in for the quick-exit destination, so no test
  ever leaves this machine. It records each request and can hold a response
  back, to look at the page while the browser waits.
- `browser_site`: the real site, built once with QUICK_EXIT_URL pointing at
  the stub.
- `site_url`: that site served by scripts/serve_with_headers.py, with the
  production security headers (so every browser test also runs under the
  Content-Security-Policy).
- `site_pages`: every built HTML page, found by walking the build output.
- `browser`, `context`, `page`: Chromium, a fresh context and page per test.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from scripts.serve_with_headers import serve  # noqa: E402
from tests.conftest import build_site  # noqa: E402

STUB_PORT = 8114
STUB_TITLE = "Neutral stub page"


@dataclass
class StubRequest:
    path: str
    headers: dict[str, str]


@dataclass
class ExitStub:
    """The neutral destination: http://127.0.0.1:<port>/neutral."""

    url: str
    requests: list[StubRequest] = field(default_factory=list)
    # While set, answer 204 No Content: the browser stays where it is.
    staying: threading.Event = field(default_factory=threading.Event)

    def stay(self) -> None:
        self.staying.set()

    def reset(self) -> None:
        self.staying.clear()
        self.requests.clear()


def _stub_handler(stub_ref: list[ExitStub]):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            stub = stub_ref[0]
            # The browser fetches the stub's favicon on its own, sometimes
            # after a later test has started: that is not an exit, so it is
            # not recorded.
            if self.path != "/favicon.ico":
                stub.requests.append(StubRequest(self.path, dict(self.headers.items())))
            if stub.staying.is_set():
                self.send_response(204)
                self.end_headers()
                return
            body = (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                    f"<title>{STUB_TITLE}</title></head><body><main>"
                    f"<h1>{STUB_TITLE}</h1></main></body></html>").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):  # noqa: A002
            pass

    return Handler


def _bind(port: int, handler) -> ThreadingHTTPServer:
    try:
        return ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError:  # port taken (another run): take any free port
        return ThreadingHTTPServer(("127.0.0.1", 0), handler)


@pytest.fixture(scope="session")
def exit_stub():
    ref: list[ExitStub] = []
    server = _bind(STUB_PORT, _stub_handler(ref))
    server.daemon_threads = True
    ref.append(ExitStub(f"http://127.0.0.1:{server.server_address[1]}/neutral"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield ref[0]
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _fresh_stub(request):
    """Each test starts with an empty request log and the stub answering 200."""
    if "exit_stub" in request.fixturenames:
        request.getfixturevalue("exit_stub").reset()
    yield


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory, exit_stub) -> Path:
    # KB_BROWSER_SITE: reuse a folder you built yourself, with
    # QUICK_EXIT_URL=http://127.0.0.1:8114/neutral (for quick local runs).
    prebuilt = os.environ.get("KB_BROWSER_SITE")
    if prebuilt:
        return Path(prebuilt)
    dest = tmp_path_factory.mktemp("browser") / "site"
    build_site(dest, env={"QUICK_EXIT_URL": exit_stub.url})
    return dest


@pytest.fixture(scope="session")
def site_url(browser_site) -> str:
    server, url = serve(browser_site, port=0)  # any free port: runs never clash
    yield url
    server.shutdown()
    server.server_close()


SUBPATH = "safeguarding"


@pytest.fixture(scope="session")
def subpath_url(browser_site, tmp_path_factory) -> str:
    """The built site served with the production headers under /safeguarding/."""
    from kb.postbuild.csp import read_hashes, security_headers

    parent = tmp_path_factory.mktemp("subpath")
    (parent / SUBPATH).symlink_to(browser_site, target_is_directory=True)
    server, url = serve(parent, port=0, headers=security_headers(read_hashes(browser_site)))
    yield f"{url}{SUBPATH}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site_pages(browser_site) -> list[str]:
    """Every built HTML page, as a path relative to the site root."""
    pages = sorted(p.relative_to(browser_site).as_posix()
                   for p in browser_site.rglob("*.html"))
    assert pages, "the build produced no HTML pages"
    return pages


@pytest.fixture
def context(browser):
    ctx = browser.new_context()
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()
