from decimal import Decimal

from mutualis.surveys.results import survey_results


def by_label(result):
    return {row.label: (row.count, row.percent) for row in result.rows}


def test_single_choice_thirds_add_up_to_100(survey, answer):
    for index in (0, 1, 2):
        answer(single=index)
    single = survey_results(survey).questions[0]
    assert by_label(single) == {
        "Oui, à temps plein": (1, Decimal("33.4")),
        "Oui, à temps partiel": (1, Decimal("33.3")),
        "Non": (1, Decimal("33.3")),
    }
    assert single.respondents == 3


def test_multiple_choice_percentages_are_shares_of_the_respondents(survey, answer):
    answer(multiple=[0, 1])
    answer(multiple=[0])
    answer(multiple=[0, 1, 2])
    multiple = survey_results(survey).questions[1]
    assert by_label(multiple) == {
        "Matériel": (3, Decimal("100.0")),
        "Remplacement": (2, Decimal("66.7")),
        "Achats groupés": (1, Decimal("33.3")),
    }
    assert not multiple.sums_to_100


def test_scale_gives_its_mean_and_a_distribution_adding_up_to_100(survey, answer):
    for value in (5, 4, 4):
        answer(scale=value)
    scale = survey_results(survey).questions[2]
    assert scale.mean == Decimal("4.33")
    assert [(row.label, row.count, row.percent) for row in scale.rows] == [
        ("1 – Aucun", 0, 0),
        ("2", 0, 0),
        ("3", 0, 0),
        ("4", 2, Decimal("66.7")),
        ("5 – Très fort", 1, Decimal("33.3")),
    ]


def test_free_texts_are_listed_and_skipped_optional_questions_do_not_count(survey, answer):
    answer(text="Un broyeur de végétaux partagé")
    answer(text="")
    text = survey_results(survey).questions[3]
    assert text.texts == ["Un broyeur de végétaux partagé"]
    assert text.respondents == 1


def test_free_texts_are_left_out_when_not_asked_for(survey, answer):
    answer(text="Une remarque")
    assert survey_results(survey, with_texts=False).questions[3].texts == []


def test_response_rate_is_answers_over_invitations(survey, answer, invite):
    answer()
    invite()
    invite()
    results = survey_results(survey)
    assert (results.answered, results.invited, results.response_rate) == (1, 3, Decimal("33.3"))
