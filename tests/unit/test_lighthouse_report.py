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
    assert under_budget({"performance": 0.99, "accessibility": 1.0}, 0.99, 1.0) == []
    assert under_budget({"performance": 0.98, "accessibility": 1.0}, 0.99, 1.0) == [
        "performance 0.98 < 0.99"]
    assert len(under_budget({"performance": 1.0}, 0.99, 1.0)) == 1  # no accessibility score


def test_median_of_runs():
    runs = [{"performance": 0.97}, {"performance": 1.0}, {"performance": 0.99}]
    assert median_scores(runs) == {"performance": 0.99}
