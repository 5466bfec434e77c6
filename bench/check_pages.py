"""Quick check of the pages scenario's report formatting, on made-up figures (no database, no
Django settings, not collected by pytest): `.venv/bin/python bench/check_pages.py`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import growth_table, left_out_lines, page_table, summary  # noqa: E402


def row(name: str, cpu: float, *, html: bool = True, queries: int = 3) -> dict:
    return {
        "name": name,
        "path": f"/{name}/",
        "queries": queries,
        "size": 2048,
        "html": html,
        "median_cpu": cpu,
        "p95_cpu": cpu * 1.5,
        "median_wall": cpu * 2,
        "p95_wall": cpu * 3,
    }


ROWS = [
    row("core:health", 2.0),
    row("bench:empty_base", 4.0),
    row("portal:home", 30.0, queries=20),
    row("territory:organisation_list", 10.0),
    row("agreements:convention_pdf", 500.0, html=False),
    row("billing:charge_list", 6.0),
]


def test_the_table_puts_the_worst_ratio_first_and_marks_the_floors() -> None:
    lines = page_table(ROWS, baseline=1.0, timer="cpu")
    assert lines[2].startswith("| agreements:convention_pdf | `/agreements:convention_pdf/` | 500.0 | 750.0 | 1000.0 |")
    assert lines[2].endswith("| 3 | 2.0 | 500.0 |")
    assert lines[-1].startswith("| **core:health** (floor) |")


def test_the_summary_takes_the_median_of_html_pages_without_the_floors() -> None:
    lines = summary(ROWS, baseline=2.0, timer="cpu")
    # HTML pages without the floors: 30, 10, 6 → median 10 ms, ratio 5.
    assert lines[0] == "median HTML page: 10.0 ms, ratio 5.0 (target ≤ 8) over 3 HTML pages"
    assert lines[1] == "`/sante/` logged in: 2.0 ms, ratio 1.0 (target ≤ 2.5), 3 queries"
    assert lines[2] == "empty page extending base.html: 4.0 ms, ratio 2.0 (target ≤ 4), 3 queries"
    assert lines[3] == "home: 30.0 ms, ratio 15.0 (target ≤ 12 for the coordination), 20 queries"


def test_the_growth_table_marks_what_grows_beyond_one_and_a_half() -> None:
    runs = {
        1: {"pages": {"coordination": [row("portal:home", 30.0), row("equipment:catalogue", 10.0)]}},
        100: {"pages": {"coordination": [row("portal:home", 33.0), row("equipment:catalogue", 80.0)]}},
    }
    lines = growth_table(runs, timer="cpu")
    assert "| portal:home | 30.0 | 33.0 | 1.10 | 3 / 3 | 2 / 2 |" in lines
    assert "| equipment:catalogue | 10.0 | 80.0 | **8.00** | 3 / 3 | 2 / 2 |" in lines
    assert any(line.startswith("| territory:organisation_list | not measured at 1×, 100× |") for line in lines)


def test_routes_left_out_are_grouped_by_reason() -> None:
    lines = left_out_lines({"b:x": "HTTP 405", "a:y": "HTTP 405", "c:z": "HTTP 403"})
    assert lines == ["- HTTP 403 (1): c:z", "- HTTP 405 (2): a:y, b:x"]


if __name__ == "__main__":
    for name, check in list(globals().items()):
        if name.startswith("test_"):
            check()
            print(f"ok  {name}")
