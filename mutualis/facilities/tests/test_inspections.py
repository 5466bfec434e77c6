import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from mutualis.core.tests.uploads import image_bytes
from mutualis.facilities.models import Compliance, FacilityStatus, InspectionKind, InspectionPhoto
from mutualis.facilities.services import facility_archive, inspection_record
from mutualis.facilities.tests.factories import days_ago

PNG = image_bytes("png")


@pytest.fixture
def record(goal, hugo):
    def make(**fields):
        return inspection_record(**{
            "facility": goal, "kind": InspectionKind.MAIN, "inspected_on": days_ago(0), "inspector": hugo,
            "findings": "Contrôle de stabilité : basculement à 1100 N.", "compliance": Compliance.COMPLIANT,
            "by": hugo, **fields,
        })  # fmt: skip

    return make


def _major(record, **fields):
    return record(compliance=Compliance.MAJOR, actions_required="Remplacer le contrepoids.", **fields)


def test_a_major_defect_puts_the_facility_out_of_service(record, goal):
    _major(record)
    goal.refresh_from_db()
    assert goal.status == FacilityStatus.OUT_OF_SERVICE


def test_the_owner_is_emailed_when_the_facility_goes_out_of_service(record, alice, bob):
    _major(record)
    assert sorted(message.to[0] for message in mail.outbox) == ["alice@example.org", "bob@example.org"]
    assert "Remplacer le contrepoids." in mail.outbox[0].body


def test_minor_defects_leave_an_out_of_service_facility_out_of_service(record, goal):
    _major(record, inspected_on=days_ago(2))
    record(compliance=Compliance.MINOR, actions_required="Resserrer un boulon.")
    goal.refresh_from_db()
    assert goal.status == FacilityStatus.OUT_OF_SERVICE


def test_a_compliant_inspection_puts_the_facility_back_in_service(record, goal):
    _major(record, inspected_on=days_ago(2))
    record()
    goal.refresh_from_db()
    assert goal.status == FacilityStatus.IN_SERVICE


def test_an_older_major_defect_entered_late_leaves_the_facility_in_service(record, goal):
    record()
    _major(record, inspected_on=days_ago(30))
    goal.refresh_from_db()
    assert goal.status == FacilityStatus.IN_SERVICE


def test_a_defect_needs_the_actions_to_take(record):
    with pytest.raises(ValidationError) as error:
        record(compliance=Compliance.MINOR, actions_required=" ")
    assert "actions_required" in error.value.error_dict


def test_an_inspection_cannot_be_dated_in_the_future(record):
    with pytest.raises(ValidationError) as error:
        record(inspected_on=days_ago(-1))
    assert "inspected_on" in error.value.error_dict


def test_an_archived_facility_cannot_be_inspected(record, goal, hugo):
    facility_archive(facility=goal, by=hugo)
    with pytest.raises(ValidationError):
        record()


def test_photos_are_kept_with_consent(record):
    inspection = record(photos=[SimpleUploadedFile("but.png", PNG)], photos_consent=True)
    assert inspection.photos.count() == 1


def test_photos_without_consent_are_refused_and_nothing_is_written(record, goal):
    with pytest.raises(ValidationError) as error:
        record(photos=[SimpleUploadedFile("but.png", PNG)], photos_consent=False)
    assert "photos" in error.value.error_dict
    assert not goal.inspections.exists()
    assert not InspectionPhoto.objects.exists()


def test_archiving_twice_is_refused(goal, hugo):
    facility_archive(facility=goal, by=hugo)
    with pytest.raises(ValidationError):
        facility_archive(facility=goal, by=hugo)
