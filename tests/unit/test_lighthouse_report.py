"""scripts/lighthouse.py: reading scores and costly audits from a report."""

from scripts.lighthouse import costly_audits, median_scores, scores, under_budget

REPORT = {
    "categories": {
        "performance": {"score": 0.93, "auditRefs": [
            {"id": "first-contentful-paint", "weight": 10},
            {"id": "total-blocking-time", "weight": 30},
            {"id": "render-blocking-resources", "weight": 0},
        ]},
        "accessibility": {"score": 1, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
    },
    "audits": {
        "first-contentful-paint": {"score": 0.8, "displayValue": "2.1 s"},
        "total-blocking-time": {"score": 0.95, "displayValue": "140 ms"},
        "render-blocking-resources": {"score": 0, "details": {
            "type": "opportunity", "overallSavingsMs": 850}},
        "color-contrast": {"score": 1},
    },
}


def test_scores():
    assert scores(REPORT) == {"performance": 0.93, "accessibility": 1}


def test_costly_audits_worst_first():
    lines = costly_audits(REPORT, "performance")
    assert lines[0].startswith("first-contentful-paint: score 0.80 (2.1 s)")  # 10 * 0.2 = 2 points
    assert lines[1].startswith("total-blocking-time")  # 30 * 0.05 = 1.5 points
    assert lines[2] == "render-blocking-resources: could save 850 ms"
    assert costly_audits(REPORT, "accessibility") == []


def test_budget():
    ok = {"performance": 0.99, "accessibility": 1.0, "best-practices": 1.0}
    assert under_budget(ok, 0.99, 1.0) == []
    assert under_budget({**ok, "performance": 0.98}, 0.99, 1.0) == ["performance 0.98 < 0.99"]
    assert len(under_budget({"performance": 1.0, "best-practices": 1.0}, 0.99, 1.0)) == 1  # no accessibility
    full = {"performance": 1.0, "accessibility": 1.0}
    assert under_budget(full, 0.99, 1.0) == ["best-practices None < 1.0"]  # asked for by default
    assert under_budget({**full, "best-practices": 0.96}, 0.99, 1.0) == ["best-practices 0.96 < 1.0"]
    assert under_budget({**full, "best-practices": 0.96}, 0.99, 1.0, 0.9) == []


def test_costly_audits_say_what_the_console_showed():
    report = {"categories": {"best-practices": {"score": 0.96, "auditRefs": [
                  {"id": "errors-in-console", "weight": 1}]}},
              "audits": {"errors-in-console": {"score": 0, "details": {"items": [
                  {"source": "network", "description": "Failed to load resource: 404",
                   "sourceLocation": {"url": "http://127.0.0.1/pl/sitemap.xml"}}]}}}}
    [line] = costly_audits(report, "best-practices")
    assert line == ("errors-in-console: score 0.00\n"
                    "      Failed to load resource: 404 http://127.0.0.1/pl/sitemap.xml")


def test_median_of_runs():
    runs = [{"performance": 0.97}, {"performance": 1.0}, {"performance": 0.99}]
    assert median_scores(runs) == {"performance": 0.99}
