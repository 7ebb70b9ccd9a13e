"""External links: find every URL in the content and data files, and check
each one (concurrently, with retries, cached with the date it was checked).
Without a network the check says "offline" instead of reporting every link
as broken. scripts/check_links.py is the command line."""

from __future__ import annotations

import json
import pathlib
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Iterable

import requests

from kb.core.paths import ROOT

DEFAULT_CACHE = ROOT / ".cache" / "links.json"
USER_AGENT = "HIPS-knowledge-base-link-checker/1.0 (+https://www.hipsprocedures.org.uk/)"

# A URL in Markdown or YAML text. Stops at white space, quotes, angle
# brackets and the brackets Markdown uses around links.
URL_RE = re.compile(r"https?://[^\s<>\"'`()\[\]{}|\\^]+")
TRAILING = ".,;:!?*_~"


@dataclass
class Occurrence:
    file: str
    line: int


@dataclass
class Result:
    url: str
    outcome: str                 # ok | broken | timeout | unreachable
    status: int | None = None    # final HTTP status, if any response came back
    final_url: str | None = None
    redirects: int = 0
    error: str | None = None
    checked: str = ""            # ISO timestamp (UTC)
    cached: bool = field(default=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    @property
    def responded(self) -> bool:
        return self.status is not None


# --- Finding URLs ------------------------------------------------------------

def find_urls(text: str) -> list[tuple[str, int]]:
    """Every http(s) URL in *text* with its 1-based line (Markdown or YAML)."""
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        for m in URL_RE.finditer(line):
            url = m.group(0).rstrip(TRAILING)
            host = url.split("://", 1)[1].split("/", 1)[0]
            if "." in host or host.startswith("localhost"):
                out.append((url, number))
    return out


def collect(paths: Iterable[pathlib.Path], root: pathlib.Path = ROOT
            ) -> dict[str, list[Occurrence]]:
    """url -> where it occurs, for every .md and .yml/.yaml file under *paths*."""
    found: dict[str, list[Occurrence]] = {}
    files: list[pathlib.Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*")
                            if p.suffix in (".md", ".yml", ".yaml") and p.is_file())
        elif path.is_file():
            files.append(path)
    for f in files:
        try:
            rel = f.resolve().relative_to(root).as_posix()
        except ValueError:
            rel = str(f)
        for url, line in find_urls(f.read_text(encoding="utf-8")):
            found.setdefault(url, []).append(Occurrence(rel, line))
    return found


# --- Checking ---------------------------------------------------------------

def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def check_url(url: str, timeout: float = 10.0, retries: int = 2, backoff: float = 0.5,
              session: requests.Session | None = None) -> Result:
    """Fetch *url* (HEAD, then GET if HEAD is refused), following redirects.

    Timeouts, connection errors, 429 and 5xx are retried *retries* times.
    """
    sess = session or requests.Session()
    headers = {"User-Agent": USER_AGENT}
    last: Result | None = None
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * (2 ** (attempt - 1)))
        try:
            resp = sess.head(url, allow_redirects=True, timeout=timeout, headers=headers)
            if resp.status_code in (400, 403, 405, 501) or resp.status_code >= 500:
                # Some servers refuse HEAD; ask again with GET, without the body.
                resp.close()
                resp = sess.get(url, allow_redirects=True, timeout=timeout,
                                headers=headers, stream=True)
            resp.close()
            status = resp.status_code
            last = Result(url, "ok" if status < 400 else "broken", status, resp.url,
                          len(resp.history), None if status < 400 else resp.reason,
                          now_iso())
            if status < 400 or (status < 500 and status != 429):
                return last
        except requests.exceptions.Timeout:
            last = Result(url, "timeout", error=f"no answer within {timeout:g} s",
                          checked=now_iso())
        except requests.exceptions.TooManyRedirects:
            return Result(url, "broken", error="too many redirects (a redirect loop?)",
                          checked=now_iso())
        except requests.exceptions.RequestException as exc:
            last = Result(url, "unreachable", error=_short_error(exc), checked=now_iso())
    assert last is not None
    return last


def _short_error(exc: Exception) -> str:
    text = str(exc)
    for hint, message in (("Name or service not known", "the host name could not be found (DNS)"),
                          ("Temporary failure in name resolution", "no DNS: the host name could not be looked up"),
                          ("nodename nor servname", "the host name could not be found (DNS)"),
                          ("Connection refused", "the connection was refused"),
                          ("Network is unreachable", "the network is unreachable")):
        if hint in text:
            return message
    return text[:200]


def is_offline(results: list[Result]) -> bool:
    """True when nothing answered at all: no URL got an HTTP response.

    One working link proves the network works, so then every failure is real.
    """
    return bool(results) and not any(r.responded for r in results)


def load_cache(path: pathlib.Path) -> dict[str, dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def save_cache(path: pathlib.Path, cache: dict[str, dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(cache, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(path)


def fresh_from_cache(entry: dict | None, max_age: timedelta, now: datetime) -> bool:
    """Only successful results are reused, and only while younger than *max_age*."""
    if not entry or entry.get("outcome") != "ok":
        return False
    try:
        checked = datetime.fromisoformat(entry["checked"])
    except (KeyError, TypeError, ValueError):
        return False
    return now - checked <= max_age


def check_all(urls: Iterable[str], workers: int = 8, timeout: float = 10.0,
              retries: int = 2, backoff: float = 0.5, cache: dict[str, dict] | None = None,
              max_age: timedelta = timedelta(days=7)) -> list[Result]:
    """Check *urls* concurrently, reusing fresh cache entries."""
    cache = cache if cache is not None else {}
    now = datetime.now(timezone.utc)
    results: dict[str, Result] = {}
    todo = []
    for url in dict.fromkeys(urls):
        entry = cache.get(url)
        if fresh_from_cache(entry, max_age, now):
            fields = {k: entry.get(k) for k in ("outcome", "status", "final_url", "error", "checked")}
            results[url] = Result(url, redirects=int(entry.get("redirects") or 0), cached=True,
                                  **fields)
        else:
            todo.append(url)
    if todo:
        with requests.Session() as sess, ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            adapter = requests.adapters.HTTPAdapter(pool_maxsize=max(1, workers))
            sess.mount("http://", adapter)
            sess.mount("https://", adapter)
            for res in pool.map(lambda u: check_url(u, timeout, retries, backoff, sess), todo):
                results[res.url] = res
    return [results[u] for u in dict.fromkeys(urls)]


def update_cache(cache: dict[str, dict], results: list[Result]) -> dict[str, dict]:
    """Record fresh results (never results from an offline run)."""
    for r in results:
        if not r.cached:
            entry = asdict(r)
            entry.pop("cached", None)
            entry.pop("url", None)
            cache[r.url] = entry
    return cache


# --- Reporting ---------------------------------------------------------------

def describe(r: Result) -> str:
    if r.outcome == "broken":
        return f"HTTP {r.status} {r.error or ''}".strip() if r.status else (r.error or "broken")
    if r.outcome == "timeout":
        return f"timed out ({r.error})"
    if r.outcome == "unreachable":
        return f"could not connect: {r.error}"
    return f"HTTP {r.status}"


def report(results: list[Result], where: dict[str, list[Occurrence]], out=None) -> int:
    """Print problems and a summary; return the exit status."""
    out = out or sys.stdout
    if is_offline(results):
        print(f"WARNING: offline. None of the {len(results)} external URLs could be "
              "reached (no DNS or no connection), so none has been marked broken. "
              "Run the check again on a machine with internet access.", file=out)
        return 0
    bad = [r for r in results if not r.ok]
    for r in bad:
        for occ in where.get(r.url, [Occurrence("?", 0)]):
            print(f"{occ.file}:{occ.line}: {r.url}: {describe(r)}", file=out)
        print("    How to fix: open the link in a browser. If the page has moved, "
              "update the URL (and the entry's `checked` record); if it has gone, "
              "find the new official page or remove the link.", file=out)
    for r in results:
        if r.ok and r.redirects and r.final_url and r.final_url != r.url:
            print(f"note: {r.url} redirects ({r.redirects}x) to {r.final_url}; "
                  "consider linking to the final address.", file=out)
    counts = {k: sum(1 for r in results if r.outcome == k)
              for k in ("ok", "broken", "timeout", "unreachable")}
    cached = sum(1 for r in results if r.cached)
    print(f"Checked {len(results)} URLs ({cached} from cache): {counts['ok']} ok, "
          f"{counts['broken']} broken, {counts['timeout']} timed out, "
          f"{counts['unreachable']} unreachable.", file=out)
    return 1 if bad else 0
