"""A paper whose file the upload folder refuses (a real 1 MB tmpfs, full half-way) is not saved."""

from django.core.files.uploadedfile import SimpleUploadedFile

from saferplan.meetings.models import Paper
from tests.conftest import files_under

M = "/p/thanet/meetings"


def test_a_paper_that_cannot_be_stored_is_not_put_on_the_agenda(
    client, world, meetings, full_media_folder
):
    client.force_login(world.coordinator)
    papers = Paper.objects.count()
    response = client.post(
        f"{M}/items/{meetings.item.pk}/papers/new/",
        {
            "title": "Slides",
            "kind": "presentation",
            "file": SimpleUploadedFile("slides.pdf", b"%PDF-1.4" + b"\0" * 2 * 1024 * 1024),
        },
    )
    assert response.status_code == 507
    page = response.content.decode()
    assert "The file could not be stored" in page
    assert "Nothing was saved" in page
    assert Paper.objects.count() == papers
    assert not meetings.item.papers.filter(title="Slides").exists()
    assert files_under(full_media_folder) == []
