from datetime import date

import pytest
from django.core.exceptions import ValidationError

from mutualis.steering.models import DueKind, Scheme
from mutualis.steering.periods import due_label, due_text, parse_due

SCHEME = Scheme(start_year=2021, end_year=2026)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (DueKind.SCHEME, date(2021, 1, 1), date(2027, 1, 1))),
        ("2022", (DueKind.YEAR, date(2022, 1, 1), date(2023, 1, 1))),
        ("T4 2021", (DueKind.QUARTER, date(2021, 10, 1), date(2022, 1, 1))),
        ("t1  2023", (DueKind.QUARTER, date(2023, 1, 1), date(2023, 4, 1))),
        ("10/2021", (DueKind.MONTH, date(2021, 10, 1), date(2021, 11, 1))),
        ("12/2021", (DueKind.MONTH, date(2021, 12, 1), date(2022, 1, 1))),
        ("01/01/2022", (DueKind.DAY, date(2022, 1, 1), date(2022, 1, 2))),
    ],
)
def test_due_periods_are_stored_as_half_open_spans(text, expected):
    assert parse_due(text, SCHEME) == expected


def test_a_due_period_nobody_can_read_is_refused():
    with pytest.raises(ValidationError):
        parse_due("bientôt", SCHEME)


@pytest.mark.parametrize("text", ["0000", "T1 0000", "9999", "T4 9999", "12/9999", "31/12/9999"])
def test_a_due_period_at_the_calendars_edge_is_refused_not_a_server_error(text):
    with pytest.raises(ValidationError):
        parse_due(text, SCHEME)


def test_due_text_reads_back_as_the_same_period():
    for text in ["", "2022", "T4 2021", "10/2021", "01/01/2022"]:
        kind, start, _end = parse_due(text, SCHEME)
        assert due_text(kind, start) == text


def test_due_labels_are_written_in_words():
    assert due_label(DueKind.QUARTER, date(2021, 10, 1)) == "4e trimestre 2021"
    assert due_label(DueKind.QUARTER, date(2021, 1, 1)) == "1er trimestre 2021"
    assert due_label(DueKind.MONTH, date(2021, 10, 1)) == "octobre 2021"
    assert due_label(DueKind.DAY, date(2022, 1, 1)) == "1 janvier 2022"
    assert due_label(DueKind.SCHEME, date(2021, 1, 1)) == "tout au long du schéma"
