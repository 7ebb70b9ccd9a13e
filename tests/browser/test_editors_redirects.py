"""Redirect pages (docs/_data/redirects.yml) take the reader to the new page in
Chromium: from file://, and over HTTP when the site sits under a sub-path.

Uses the shallow-clone fixture site (tests/editors_fixture.py), whose
redirects.yml sends old-signs.md to signs.md.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]



class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def sub_path_url(editors_history_site, tmp_path_factory):
    """The site served at http://127.0.0.1:<port>/intranet/kb/."""
    _, _, site = editors_history_site
    root = tmp_path_factory.mktemp("webroot")
    (root / "intranet").mkdir()
    os.symlink(site, root / "intranet" / "kb")
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # any free port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/intranet/kb/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("folder", ["", "pl/"])
def test_redirect_from_file_url(editors_history_site, page, folder):
    _, _, site = editors_history_site
    page.goto((site / folder / "old-signs.html").as_uri())
    page.wait_for_url((site / folder / "signs.html").as_uri(), timeout=10000)
    assert page.locator("h1").first.is_visible()


@pytest.mark.parametrize("folder", ["", "ar/"])
def test_redirect_under_a_sub_path(sub_path_url, page, folder):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(sub_path_url + folder + "old-signs.html")
    page.wait_for_url(sub_path_url + folder + "signs.html", timeout=10000)
    assert page.locator("h1").first.is_visible()
    # Nothing outside the site's own address was asked for.
    assert all(u.startswith(sub_path_url) or u.startswith("data:") for u in requests), requests
