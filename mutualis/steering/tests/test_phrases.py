from mutualis.steering.phrases import (
    adjustments_sentence,
    milestones_sentence,
    organisations_phrase,
    participation_sentence,
)


def test_communes_and_other_bodies_in_the_plural():
    assert (
        participation_sentence(14, 5, 2024) == "En 2024, 14 communes et 5 autres organismes ont pris part à l'action."
    )


def test_one_commune_takes_the_singular():
    assert participation_sentence(1, 0, 2024) == "En 2024, 1 commune a pris part à l'action."


def test_one_commune_and_one_other_body_take_the_plural_verb():
    assert participation_sentence(1, 1, 2024) == "En 2024, 1 commune et 1 autre organisme ont pris part à l'action."


def test_bodies_without_communes_are_not_other_ones():
    assert organisations_phrase(0, 3) == "3 organismes"
    assert organisations_phrase(0, 1) == "1 organisme"


def test_nobody_takes_part():
    assert participation_sentence(0, 0, 2024) == (
        "En 2024, aucune commune ni aucun autre organisme n'a pris part à l'action."
    )


def test_milestones_met_and_late_agree_in_number():
    assert milestones_sentence(2, 1) == "2 échéances ont été tenues ; 1 échéance est en retard."
    assert milestones_sentence(1, 3) == "1 échéance a été tenue ; 3 échéances sont en retard."
    assert milestones_sentence(0, 0) == "Aucune échéance n'a été tenue ; aucune n'est en retard."


def test_adjustments_agree_in_number():
    assert adjustments_sentence(0) == "Aucun ajustement n'a été proposé."
    assert adjustments_sentence(1) == "1 ajustement a été proposé par le comité technique."
    assert adjustments_sentence(2) == "2 ajustements ont été proposés par le comité technique."
