"""Statuses and every other choice start with a capital, wherever they are shown (badges,
tables, filters)."""

from django.apps import apps
from django.utils import translation

# Units and periods, read inside a sentence: "tous les 12 mois", "échéance : trimestre 2 de 2026".
READ_INSIDE_A_SENTENCE = {
    "facilities.InspectionPlan.unit",
    "steering.Milestone.due_kind",
    "steering.AdjustmentChange.due_kind",
}


def test_every_model_choice_label_starts_with_a_capital():
    lowercase = []
    with translation.override("fr"):
        for model in apps.get_models():
            if not model.__module__.startswith("mutualis.") or model.__name__.startswith("Historical"):
                continue
            for field in model._meta.get_fields():
                name = f"{model._meta.label}.{field.name}"
                for _, label in getattr(field, "flatchoices", None) or []:
                    text = str(label)
                    if text[:1].islower() and name not in READ_INSIDE_A_SENTENCE:
                        lowercase.append(f"{name}: {text}")
    assert lowercase == []
