"""A <select> of 500 options rendered by Django's own form templates and by the project's renderer
(core overrides the select, its options written in Python): median CPU time of 15 renderings.

    .venv/bin/python bench/select_options.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutualis.settings")
django.setup()

from django import forms  # noqa: E402  (after setup)
from django.forms.renderers import DjangoTemplates, get_default_renderer  # noqa: E402

OPTIONS = 500
ROUNDS = 15


class Picker(forms.Form):
    organisation = forms.ChoiceField(choices=[(str(i), f"Commune {i}") for i in range(OPTIONS)])


def median_ms(renderer) -> float:
    field = Picker(initial={"organisation": "7"}, renderer=renderer)["organisation"]
    times = []
    for _ in range(ROUNDS):
        start = time.process_time()
        str(field)
        times.append(time.process_time() - start)
    return statistics.median(times) * 1000


if __name__ == "__main__":
    django_ms, project_ms = median_ms(DjangoTemplates()), median_ms(get_default_renderer())
    print(f"{OPTIONS} options: Django's templates {django_ms:.1f} ms, the project's {project_ms:.1f} ms "
          f"({django_ms / project_ms:.1f}x)")  # fmt: skip
