"""scripts/check_links.py against a local HTTP server on 127.0.0.1.

These tests never contact the internet: every URL points at 127.0.0.1.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest

from kb.checks import links as cl
from scripts.check_links import main as check_links_main


class Handler(http.server.BaseHTTPRequestHandler):
    hits: dict[str, int] = {}

    def log_message(self, *args):  # keep test output quiet
        pass

    def _answer(self, body: bool):
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/r1":
            self.send_response(301)
            self.send_header("Location", "/r2")
        elif self.path == "/r2":
            self.send_response(302)
            self.send_header("Location", "/r3")
        elif self.path == "/r3":
            self.send_response(307)
            self.send_header("Location", "/ok")
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path == "/no-head":
            self.send_response(200)
        elif self.path == "/flaky" and Handler.hits[self.path] == 1:
            self.send_response(503)
        elif self.path == "/flaky":
            self.send_response(200)
        elif self.path == "/slow":
            time.sleep(1.5)
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    # A proxy in the environment must not see (or forward) the local requests.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    Handler.hits.clear()


def test_200(server):
    r = cl.check_url(server + "/ok", timeout=2, retries=0)
    assert (r.outcome, r.status, r.redirects) == ("ok", 200, 0)
    assert r.checked


def test_redirect_chain_is_followed_and_counted(server):
    r = cl.check_url(server + "/r1", timeout=2, retries=0)
    assert (r.outcome, r.status, r.redirects) == ("ok", 200, 3)
    assert r.final_url == server + "/ok"


def test_404_is_broken_and_not_retried(server):
    r = cl.check_url(server + "/missing", timeout=2, retries=3, backoff=0)
    assert (r.outcome, r.status) == ("broken", 404)
    assert Handler.hits["/missing"] == 1


def test_timeout_is_retried_then_reported(server):
    start = time.monotonic()
    r = cl.check_url(server + "/slow", timeout=0.3, retries=1, backoff=0)
    assert r.outcome == "timeout" and r.status is None
    assert Handler.hits["/slow"] == 2
    assert time.monotonic() - start < 3


def test_server_error_is_retried(server):
    r = cl.check_url(server + "/flaky", timeout=2, retries=2, backoff=0)
    assert (r.outcome, r.status) == ("ok", 200)


def test_head_refused_falls_back_to_get(server):
    assert cl.check_url(server + "/no-head", timeout=2, retries=0).outcome == "ok"


def test_redirect_loop_is_broken(server):
    r = cl.check_url(server + "/loop", timeout=2, retries=0)
    assert r.outcome == "broken" and "redirect" in r.error


def test_find_urls_in_markdown_and_yaml():
    md = ("See [the guide](https://www.gov.uk/guide).\n"
          "Bare <https://example.org/a?b=1&c=2>, and https://example.net/x.\n"
          "  url: https://www.nspcc.org.uk/\n")
    assert cl.find_urls(md) == [("https://www.gov.uk/guide", 1),
                                ("https://example.org/a?b=1&c=2", 2),
                                ("https://example.net/x", 2),
                                ("https://www.nspcc.org.uk/", 3)]


def _docs(tmp_path, base):
    docs = tmp_path / "docs"
    (docs / "_data").mkdir(parents=True)
    (docs / "page.md").write_text(f"# P\n\n[ok]({base}/ok) and [gone]({base}/missing)\n")
    (docs / "_data" / "sources.yml").write_text(f"- key: a\n  url: {base}/r1\n")
    return docs


def test_cli_reports_file_and_line_and_exits_1(server, tmp_path, capsys):
    docs = _docs(tmp_path, server)
    cache = tmp_path / "links.json"
    status = check_links_main([str(docs), "--cache", str(cache), "--timeout", "2", "--retries", "0"])
    out = capsys.readouterr().out
    assert status == 1
    assert f"page.md:3: {server}/missing: HTTP 404" in out
    assert f"{server}/r1 redirects (3x) to {server}/ok" in out
    assert "Checked 3 URLs (0 from cache): 2 ok, 1 broken" in out

    saved = json.loads(cache.read_text())
    assert saved[server + "/ok"]["outcome"] == "ok"
    assert saved[server + "/missing"]["status"] == 404
    datetime.fromisoformat(saved[server + "/ok"]["checked"])  # a real date

    # Second run: working links come from the cache; the broken one is checked again.
    Handler.hits.clear()
    status = check_links_main([str(docs), "--cache", str(cache), "--timeout", "2", "--retries", "0"])
    out = capsys.readouterr().out
    assert status == 1 and "(2 from cache)" in out
    assert "/ok" not in Handler.hits and Handler.hits.get("/missing") == 1


def test_stale_cache_entries_are_rechecked():
    now = datetime.now(timezone.utc)
    old = {"outcome": "ok", "checked": (now - timedelta(days=30)).isoformat()}
    new = {"outcome": "ok", "checked": (now - timedelta(days=1)).isoformat()}
    assert not cl.fresh_from_cache(old, timedelta(days=7), now)
    assert cl.fresh_from_cache(new, timedelta(days=7), now)
    assert not cl.fresh_from_cache({**new, "outcome": "broken"}, timedelta(days=7), now)


def test_offline_is_a_warning_not_a_failure(tmp_path, capsys):
    # Port 9 (discard) on 127.0.0.1 refuses connections: nothing answers at all.
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "p.md").write_text("[a](http://127.0.0.1:9/a) [b](http://127.0.0.1:9/b)\n")
    cache = tmp_path / "links.json"
    status = check_links_main([str(docs), "--cache", str(cache), "--timeout", "1", "--retries", "0"])
    out = capsys.readouterr().out
    assert status == 0
    assert "WARNING: offline" in out and "none has been marked broken" in out
    assert not cache.exists()  # an offline run records nothing


def test_one_answer_means_online(server):
    results = [cl.Result("x", "unreachable", error="refused"),
               cl.Result("y", "broken", status=404)]
    assert not cl.is_offline(results)
    assert cl.is_offline(results[:1])


def test_help(capsys):
    with pytest.raises(SystemExit) as exc:
        check_links_main(["--help"])
    assert exc.value.code == 0
    assert "offline" in capsys.readouterr().out
