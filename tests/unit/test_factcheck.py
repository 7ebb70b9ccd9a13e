"""Fact checks of the content against the content brief (issues 2, 6 and 14).

The expected values here are the brief's facts: the specification the
content must follow, written down once so that a change to a number, a date
or a route is a deliberate decision (by a safeguarding lead, recorded in the
brief) and never an accident. They are not results computed by the code.

The seed-overlap test needs the two seed pages, which are not part of this
repository; point KB_SEEDS_DIR at them (default /work/shared/seeds).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DATA = DOCS / "_data"
SEEDS = Path(os.environ.get("KB_SEEDS_DIR", "/work/shared/seeds"))

# Brief section 6: every published number, by contact id in contacts.yml.
BRIEF_NUMBERS = {
    "police-101": "101",
    "childline": "0800 1111",
    "nspcc-helpline": "0808 800 5000",
    "modern-slavery-helpline": "08000 121 700",
    "crimestoppers": "0800 555 111",
    "ictg-service": "0800 043 4303",
    "hampshire-childrens-services": "0300 555 1384",
    "hampshire-out-of-hours": "0300 555 1373",
    "hampshire-professionals-urgent": "01329 225379",
    "portsmouth-mash": "023 9268 8793",
    "portsmouth-eds": "0300 555 1373",
    "southampton-crs-professionals": "023 8083 2300",
    "southampton-edt": "023 8023 3344",
    # Brief section 9 (issue 14): the Isle of Wight pages' numbers.
    "iow-public": "01983 823435",
    "iow-professionals-urgent": "01983 823436",
    "iow-out-of-hours": "0300 555 1373",
}
# Brief sections 6 and 9: lines that must be shown without a number.
# Issue 14 review, point 4: the Portsmouth 0845 number is only on undated or
# old pages, so it is shown as "to be confirmed", named in its note.
BRIEF_NO_NUMBER = {"iow-older-24-hour-number", "southampton-crs-public",
                   "portsmouth-mash-alternative"}
SOUTHAMPTON_CONFLICT = ("023 8083 3004", "023 8083 3336")
IOW_CONFLICT = ("0300 300 0117", "01983 823435")

PHONE = re.compile(r"(?<![\d.:/-])0\d{2,4}[ \u00a0]?\d{3,4}[ \u00a0]?\d{3,4}(?![\d.:/-])")


def contacts() -> dict[str, dict]:
    data = yaml.safe_load((DATA / "contacts.yml").read_text(encoding="utf-8"))
    return {c["id"]: c for group in data["groups"] for c in group["contacts"]}


def sources() -> dict[str, dict]:
    data = yaml.safe_load((DATA / "sources.yml").read_text(encoding="utf-8"))
    return {entry["key"]: entry for entry in data}


def english_markdown() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md")
                  if not re.search(r"\.(pl|ar)\.md$", p.name) and "_data" not in p.parts)


def body(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("---", 2)[2] if text.startswith("---") else text


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", text))


# --- Contacts (brief section 6) ----------------------------------------------

def test_every_published_number_is_the_briefs():
    found = {cid: c.get("number") for cid, c in contacts().items() if c.get("number")}
    assert found == BRIEF_NUMBERS


def test_unverified_lines_have_no_number_and_say_why():
    all_contacts = contacts()
    for cid in BRIEF_NO_NUMBER:
        contact = all_contacts[cid]
        assert contact["number"] is None, f"{cid} must not show a number"
        assert contact["status"] == "to-be-confirmed"
        assert contact.get("note"), f"{cid} needs a note saying why"


def test_southampton_public_line_shows_the_conflict_not_a_guess():
    note = re.sub(r"\s+", " ", contacts()["southampton-crs-public"]["note"])
    for number in SOUTHAMPTON_CONFLICT:
        assert number in note
    assert "confirm" in note.lower()


def test_isle_of_wight_older_number_shows_the_conflict_not_a_guess():
    note = re.sub(r"\s+", " ", contacts()["iow-older-24-hour-number"]["note"])
    for number in IOW_CONFLICT:
        assert number in note
    assert "confirm" in note.lower()


def test_portsmouth_0845_number_is_named_in_the_note_not_published():
    contact = contacts()["portsmouth-mash-alternative"]
    note = re.sub(r"\s+", " ", contact["note"])
    assert contact["number"] is None and contact["status"] == "to-be-confirmed"
    assert "0845 671 0271" in note
    assert "undated" in note and "confirm" in note.lower()


def test_hampshire_public_line_hours():
    assert contacts()["hampshire-childrens-services"]["hours"] == (
        "Monday to Thursday 8.30am to 5pm, Friday 8.30am to 4.30pm")


def test_the_999_line_is_present():
    data = yaml.safe_load((DATA / "contacts.yml").read_text(encoding="utf-8"))
    assert data["emergency"] == "If a child is in immediate danger, call 999."


@pytest.mark.parametrize("path", english_markdown(), ids=lambda p: str(p.relative_to(DOCS)))
def test_no_phone_number_is_written_in_a_page(path):
    """Numbers live in contacts.yml only, so a correction reaches every page."""
    assert PHONE.findall(body(path)) == []


def test_phone_pattern_finds_numbers():
    text = "Call 023 8083 3004 or 0300 555 1384, not 2026-11-21 or 3.11."
    assert PHONE.findall(text) == ["023 8083 3004", "0300 555 1384"]


# --- Definitions and their citations (brief section 1) -------------------------

def test_definition_citations_have_the_briefs_dates():
    reg = sources()
    assert str(reg["dfe-cse-2017"]["date"]).startswith("2017-02")
    assert str(reg["hmg-svs-2018"]["date"]) == "2018-04"
    assert "2018" in reg["ho-county-lines"]["quote_version"]
    assert "20 October 2023" in reg["ho-county-lines"]["quote_version"]
    palermo = reg["un-palermo-2000"]
    assert str(palermo["date"]) == "2000-11-15"
    note = re.sub(r"\s+", " ", palermo["note"])
    for fact in ["A/RES/55/25", "15 November 2000", "25 December 2003", "February 2006"]:
        assert fact in note


def definition_claims(text: str) -> list[str]:
    """Sentences that say CCE has a statutory or legal definition (brief section 9:
    the Crime and Policing Act 2026 creates an offence, not a definition)."""
    return [s for s in sentences(text)
            if re.search(r"\b(statutory|legal) definition|definition[^.]*\bin law\b", s.lower())
            and not re.search(r"\b(no|not)\b", s.lower())]


def test_no_page_claims_a_statutory_definition_of_cce():
    problems = []
    files = english_markdown() + [DATA / "sources.yml", DATA / "glossary.yml"]
    for path in files:
        problems += [(path.name, s) for s in definition_claims(body(path))]
    assert problems == []


def test_definition_check_catches_a_claim():
    assert definition_claims("The Crime and Policing Act 2026 gives a statutory definition of CCE.")
    assert not definition_claims("The Act still gives no legal definition of child criminal exploitation.")


def test_the_act_has_its_royal_assent_date_and_no_guessed_commencement():
    act = sources()["crime-policing-act-2026"]
    note = re.sub(r"\s+", " ", act["note"])
    assert "29 April 2026" in note
    assert "to be confirmed" in note
    page = re.sub(r"\s+", " ", body(DOCS / "understanding" / "cce.md"))
    assert "29 April 2026" in page
    # The circular does not list the CCE offence as commenced: never say when it starts.
    for s in sentences(page):
        if "come into force" in s.lower() or "comes into force" in s.lower():
            assert "to be confirmed" in s.lower(), s


# --- Police actions flowchart (brief section 5) --------------------------------

# The brief's steps for each route, in order, as words each step's text holds:
# section 5 as corrected by section 9. An immediate response comes first; in
# the missing route the CERAF, the referral and the strategy discussion come
# before the return home steps; the unaccompanied route adds a safe place to
# stay and the warning about going missing; the CERAF comes as soon as there
# is a concern.
BRIEF_ROUTES = {
    "missing": ["report", "999", "risk", "search", "exploitation", "ceraf", "refer",
                "strategy discussion", "safe and well", "children's services", "72 hours",
                "metrac"],
    "unaccompanied": ["999", "safe", "refer", "safe place to stay", "going missing",
                      "trafficking", "nrm", "ictg"],
    "exploitation": ["danger", "999", "ceraf", "refer", "crime report", "strategy discussion",
                     "trafficking", "nrm", "metrac"],
}


def flowchart() -> dict:
    return yaml.safe_load((DATA / "flowchart.yml").read_text(encoding="utf-8"))


def test_flowchart_has_the_briefs_three_routes_in_order():
    assert [r["id"] for r in flowchart()["routes"]] == list(BRIEF_ROUTES)


@pytest.mark.parametrize("route_id", list(BRIEF_ROUTES))
def test_flowchart_route_follows_the_briefs_steps_in_order(route_id):
    route = next(r for r in flowchart()["routes"] if r["id"] == route_id)
    texts = [n["text"].lower() for n in route["nodes"]]
    position = 0
    for step in BRIEF_ROUTES[route_id]:
        later = [i for i, t in enumerate(texts) if i >= position and step in t]
        assert later, f"{route_id}: no step mentions {step!r} after step {position + 1}"
        position = later[0]


def test_every_flowchart_step_cites_a_source():
    missing = [n["id"] for r in flowchart()["routes"] for n in r["nodes"] if not n.get("source")]
    assert missing == []


# --- Own words (brief: "facts carry over, their sentences do not") ------------

RUN = 8


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)}


def shared_runs(page: str, seed: str, allowed: set[tuple[str, ...]]) -> set[tuple[str, ...]]:
    return (_runs(_words(page)) & _runs(_words(seed))) - allowed


def test_web_addresses_are_not_counted_as_copied_words():
    page = "[Catch-22](https://catch-22.org.uk/resources/what-do-we-mean-by-child-criminal-exploitation)"
    seed = "Read more: What do we mean by child criminal exploitation in law today?"
    assert shared_runs(page, seed, set())
    assert not shared_runs(without_titles(page), seed, set())


def test_shared_runs_finds_a_copied_sentence():
    seed = "Criminal exploitation of children is broader than just county lines, and includes more."
    page = "Note that criminal exploitation of children is broader than just county lines today."
    assert shared_runs(page, seed, set())
    assert not shared_runs("Criminal exploitation is wider than county lines.", seed, set())


def _quoted_runs() -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for entry in sources().values():
        for quote in entry.get("quotes") or []:
            runs |= _runs(_words(quote))
    return runs


def without_titles(text: str) -> str:
    """Source titles may be named exactly: they are names, not sentences.
    Web addresses are not sentences either (a deep link may spell a title)."""
    text = re.sub(r"https?://\S+", " URL ", text)
    for entry in sources().values():
        title = r"\s+".join(re.escape(word) for word in str(entry["title"]).split())
        text = re.sub(title, " TITLE ", text, flags=re.I)
    return text


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed pages not available (set KB_SEEDS_DIR)")
@pytest.mark.parametrize("path", english_markdown(), ids=lambda p: str(p.relative_to(DOCS)))
def test_page_shares_no_long_run_of_words_with_a_seed(path):
    allowed = _quoted_runs()
    page = without_titles(body(path))
    # A quote's opening words may run on from the heading or sentence before it.
    page = "\n".join(line for line in page.splitlines() if not line.startswith(">"))
    copied = {}
    for seed in sorted(SEEDS.glob("*.txt")):
        runs = shared_runs(page, seed.read_text(encoding="utf-8"), allowed)
        if runs:
            copied[seed.name] = sorted(" ".join(r) for r in runs)
    assert copied == {}, f"{path.relative_to(ROOT)} copies seed wording: {copied}"
