"""A police.uk upload that the upload folder refuses (a real 1 MB tmpfs, full half-way) starts no
job and leaves no file."""

from django.core.files.uploadedfile import SimpleUploadedFile

from saferplan.jobs.models import Job
from tests.conftest import files_under


def test_a_police_file_that_cannot_be_stored_starts_no_job(client, world, full_media_folder):
    client.force_login(world.coordinator)
    content = b"Crime ID,Month,Reported by\n" + b"x,2019-02,Kent Police\n" * 200_000
    response = client.post(
        "/p/thanet/crime/import/",
        {"file": SimpleUploadedFile("2019-02-kent-street.csv", content)},
    )
    assert response.status_code == 507
    assert "Nothing was saved: the server's upload folder is full" in response.content.decode()
    assert not Job.objects.exists()
    assert files_under(full_media_folder) == []
