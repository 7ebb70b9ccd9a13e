"""deploy/nginx.conf itself, run by a real nginx when one is installed.

The server block is wrapped in a minimal main config, pointed at the test
build and a freshly generated header snippet, and served on 127.0.0.1.
Skipped (with the reason shown) when nginx is not installed: install
`nginx-light` to run it.
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from kb.postbuild.csp import parse_nginx_snippet  # noqa: E402
from scripts.security_headers import snippet_for  # noqa: E402

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(NGINX is None, reason="nginx is not installed")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"deploy/nginx.conf no longer has {old!r}"
    return text.replace(old, new)


@pytest.fixture(scope="module")
def nginx_url(browser_site, tmp_path_factory):
    work = tmp_path_factory.mktemp("nginx")
    snippet = work / "kb-security-headers.conf"
    snippet.write_text(snippet_for(browser_site), encoding="utf-8")
    port = _free_port()
    server = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    server = _replace_once(server, "listen 80;", f"listen 127.0.0.1:{port};")
    server = _replace_once(server, "root /srv/hips-kb/site;", f"root {browser_site};")
    server = _replace_once(server, "include /etc/nginx/snippets/kb-security-headers.conf;",
                           f"include {snippet};")
    mime = "/etc/nginx/mime.types"
    temps = "\n".join(f"    {name}_temp_path {work}/{name};"
                      for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # test folders are private
    (work / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {work}/nginx.pid;\n"
        f"error_log {work}/error.log;\nevents {{}}\n"
        f"http {{\n    include {mime};\n    default_type application/octet-stream;\n"
        f"{temps}\n{server}\n}}\n", encoding="utf-8")
    test = subprocess.run([NGINX, "-t", "-p", str(work), "-c", str(work / "nginx.conf")],
                          capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(50):
        try:
            urllib.request.urlopen(url + "index.html", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.terminate()
        pytest.fail("nginx did not start: " + (work / "error.log").read_text())
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def _get(url: str, **headers):
    try:
        return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=5)
    except urllib.error.HTTPError as err:
        return err


def test_nginx_sends_the_snippet_headers(nginx_url, browser_site):
    expected = parse_nginx_snippet(snippet_for(browser_site))
    for path in ("index.html", "assets/quick-exit.js", "does-not-exist.html"):
        response = _get(nginx_url + path)
        got = {name: response.headers.get(name) for name in expected}
        assert got == expected, path
    assert _get(nginx_url + "does-not-exist.html").status == 404


def test_nginx_compresses_text(nginx_url):
    response = _get(nginx_url + "assets/quick-exit.css", **{"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"
    assert b".kb-quick-exit" in gzip.decompress(response.read())


def test_nginx_hides_the_hash_list(nginx_url):
    assert _get(nginx_url + "csp-hashes.json").status == 404


def test_site_runs_under_nginx_without_csp_violations(browser, nginx_url):
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        blocked = []
        page.on("console", lambda msg: blocked.append(msg.text)
                if "Content Security Policy" in msg.text else None)
        page.goto(nginx_url + "index.html")
        page.wait_for_load_state("networkidle")
        assert page.locator(".kb-quick-exit__button").is_visible()
        assert not blocked, blocked
    finally:
        ctx.close()
