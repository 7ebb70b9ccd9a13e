"""deploy/nginx.conf serves text compressed and lets browsers keep hashed assets.

The file is parsed with crossplane (NGINX's own Python parser), not searched
as text, so a commented-out directive does not count.
"""

from __future__ import annotations

import re

import crossplane
import pytest

from tests.conftest import ROOT

CONF = ROOT / "deploy" / "nginx.conf"

# What must be compressed: the search index is JSON, the flowchart is SVG.
# nginx always compresses text/html once gzip is on.
MUST_COMPRESS = {"text/css", "application/javascript", "text/javascript",
                 "application/json", "image/svg+xml"}


def _server(path=CONF) -> list[dict]:
    parsed = crossplane.parse(str(path), single=True, check_ctx=False, check_args=False)
    assert parsed["status"] == "ok", parsed["errors"]
    blocks = [d for d in parsed["config"][0]["parsed"] if d["directive"] == "server"]
    assert len(blocks) == 1, "expected one server block"
    return blocks[0]["block"]


def _args(block: list[dict], name: str) -> list[list[str]]:
    return [d["args"] for d in block if d["directive"] == name]


def test_gzip_is_on_for_text_types():
    server = _server()
    assert _args(server, "gzip") == [["on"]]
    types = {t for args in _args(server, "gzip_types") for t in args}
    assert MUST_COMPRESS <= types, f"not compressed: {sorted(MUST_COMPRESS - types)}"
    assert _args(server, "gzip_vary") == [["on"]]
    for args in _args(server, "gzip_static"):  # only if the build precompresses
        assert args[0] in ("on", "always")


def test_no_location_turns_compression_off():
    for d in _server():
        if d["directive"] == "location":
            assert ["off"] not in _args(d["block"], "gzip"), d["args"]


def _hashed_location(server: list[dict]) -> tuple[re.Pattern, list[dict]]:
    for d in server:
        if d["directive"] == "location" and d["args"][0] == "~*" and _args(d["block"], "expires"):
            return re.compile(d["args"][1], re.IGNORECASE), d["block"]
    pytest.fail("no `location ~* ...` with `expires` for hashed assets")


def test_hashed_assets_are_cached_and_keep_the_security_headers():
    pattern, block = _hashed_location(_server())
    # add_header here would drop the server-level security headers.
    assert not _args(block, "add_header") and not _args(block, "include")
    assert _args(block, "expires") == [["1y"]]

    from kb.postbuild.assets import css_bundle_name

    import pathlib

    import material

    assets = pathlib.Path(material.__file__).parent / "templates" / "assets"
    names = [p.name for p in assets.glob("*/*.min.*") if p.suffix in (".css", ".js")]
    assert names, "Material's assets not found"
    for name in names + [css_bundle_name(".a{}").split("/")[-1]]:
        assert pattern.search("/assets/" + name), name
    for name in ("quick-exit.js", "review.js", "kb.css", "sheet.css", "index.html",
                 "search_index.json", "lunr.multi.min.js"):
        assert not pattern.search("/assets/" + name), name


def test_a_config_without_gzip_fails(tmp_path):
    bad = tmp_path / "nginx.conf"
    bad.write_text("server {\n  # gzip on;\n  gzip_types text/css;\n  location / { }\n}\n")
    server = _server(bad)
    assert _args(server, "gzip") == []
