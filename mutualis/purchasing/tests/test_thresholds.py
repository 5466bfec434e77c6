from datetime import date
from decimal import Decimal

from mutualis.purchasing.consolidation import consolidate, procedure_for, thresholds_on
from mutualis.purchasing.models import Procedure, ProcurementThreshold, ThresholdKind
from mutualis.purchasing.tests.factories import NeedFactory


def test_no_formality_threshold_is_40000_before_april_2026(db):
    assert thresholds_on(date(2026, 3, 31))[ThresholdKind.NO_FORMALITY] == Decimal("40000")


def test_no_formality_threshold_is_60000_from_april_2026(db):
    assert thresholds_on(date(2026, 4, 1))[ThresholdKind.NO_FORMALITY] == Decimal("60000")


def test_european_threshold_for_supplies_is_216000_in_2026(db):
    assert thresholds_on(date(2026, 6, 1))[ThresholdKind.FORMALISED] == Decimal("216000")


def test_european_threshold_was_221000_in_2025(db):
    assert thresholds_on(date(2025, 12, 31))[ThresholdKind.FORMALISED] == Decimal("221000")


def test_50000_needs_an_adapted_procedure_before_april_2026_and_none_after(db):
    amount = Decimal("50000")
    assert procedure_for(amount, thresholds_on(date(2026, 3, 31))) == Procedure.ADAPTED
    assert procedure_for(amount, thresholds_on(date(2026, 4, 1))) == Procedure.NEGOTIATED_WITHOUT_NOTICE


def test_the_threshold_itself_calls_for_the_higher_procedure(db):
    thresholds = thresholds_on(date(2026, 6, 1))
    assert procedure_for(Decimal("59999.99"), thresholds) == Procedure.NEGOTIATED_WITHOUT_NOTICE
    assert procedure_for(Decimal("60000"), thresholds) == Procedure.ADAPTED
    assert procedure_for(Decimal("216000"), thresholds) == Procedure.OPEN_TENDER


def test_a_new_decree_is_a_new_row_and_applies_from_its_date(db):
    ProcurementThreshold.objects.create(
        kind=ThresholdKind.NO_FORMALITY, amount=Decimal("80000"), valid_from=date(2028, 1, 1), source="test"
    )
    assert thresholds_on(date(2027, 12, 31))[ThresholdKind.NO_FORMALITY] == Decimal("60000")
    assert thresholds_on(date(2028, 1, 1))[ThresholdKind.NO_FORMALITY] == Decimal("80000")


def test_consolidation_takes_the_thresholds_of_the_launch_day(db):
    # 1,000 × 12.50 € a year over 48 months: 50,000 € HT.
    need = NeedFactory(quantity=Decimal("1000"), current_unit_price=Decimal("12.5"))
    consultation = need.consultation
    consultation.target_launch = date(2026, 3, 15)
    assert consolidate(consultation).procedure == Procedure.ADAPTED
    consultation.target_launch = date(2026, 4, 15)
    assert consolidate(consultation).procedure == Procedure.NEGOTIATED_WITHOUT_NOTICE
