"""Progress updates and plan spreadsheets when the upload folder fails, and uploads too large.

The upload folder really fails: a tmpfs of 1 MB (full half-way through a file) or a read-only one.
"""

import socket
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from saferplan.jobs.models import Job
from saferplan.plans.models import Evidence, ProgressUpdate
from tests.conftest import files_under


def post_update_with_evidence(client, action):
    return client.post(
        f"/p/thanet/plan/actions/{action.pk}/",
        {
            "status": "completed",
            "note": "Order made by the council",
            "evidence": [
                SimpleUploadedFile("order.pdf", b"%PDF-1.4 small"),
                # Larger than the upload folder, and than Django keeps in memory: it is
                # written from a temporary file, and fails half-way.
                SimpleUploadedFile("film.mp4", b"\0" * 3 * 1024 * 1024),
            ],
        },
    )


@pytest.mark.parametrize("folder", ["full_media_folder", "read_only_media_folder"])
def test_an_update_whose_files_cannot_be_stored_is_not_saved_and_the_form_says_so(
    client, world, plans, folder, request
):
    media = request.getfixturevalue(folder)
    client.force_login(world.council_officer)
    updates, evidence = ProgressUpdate.objects.count(), Evidence.objects.count()
    response = post_update_with_evidence(client, plans.council_action)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your update was not saved: the server could not store the files" in page
    assert "Order made by the council" in page  # the words are kept for another try
    assert (ProgressUpdate.objects.count(), Evidence.objects.count()) == (updates, evidence)
    assert files_under(media) == []


def test_a_plan_spreadsheet_that_cannot_be_stored_starts_no_job(
    client, world, plans, full_media_folder
):
    client.force_login(world.coordinator)
    response = client.post(
        "/p/thanet/plan/import/",
        {
            "year": "2016",
            "status": "draft",
            "file": SimpleUploadedFile("plan.csv", b"Priority,Issue\n" + b"x," * 1024 * 1024),
        },
    )
    assert response.status_code == 507
    assert "Nothing was saved: the server's upload folder is full" in response.content.decode()
    assert not Job.objects.exists()
    assert files_under(full_media_folder) == []


def raw_post(live_server, path, headers, body=b""):
    """Send a POST by hand: its headers and the start of its body only, then read the answer."""
    address = urlsplit(live_server.url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as connection:
        lines = [f"POST {path} HTTP/1.1", f"Host: {address.netloc}", *headers, "", ""]
        connection.sendall("\r\n".join(lines).encode() + body)
        answer = b""
        while b"</html>" not in answer:
            chunk = connection.recv(65536)
            if not chunk:
                break
            answer += chunk
    return answer.decode(errors="replace")


def test_an_update_too_large_is_refused_before_its_body_arrives(
    live_server, transactional_db, client, world, plans
):
    client.force_login(world.council_officer)
    answer = raw_post(
        live_server,
        f"/p/thanet/plan/actions/{plans.council_action.pk}/",
        [
            f"Cookie: sessionid={client.cookies['sessionid'].value}",
            "Content-Type: multipart/form-data; boundary=xyz",
            f"Content-Length: {200 * 1024 * 1024}",
        ],
        body=b"--xyz\r\n" + b"\0" * 65536,  # 64 KB of the 200 MB announced
    )
    assert answer.startswith("HTTP/1.1 413")
    assert "The upload is too large" in answer
    assert "This page takes files of up to 100 MB in all." in answer
    assert not ProgressUpdate.objects.filter(note__contains="x").exists()


def test_an_upload_without_a_length_is_refused_at_once(live_server, transactional_db):
    answer = raw_post(
        live_server,
        "/account/sign-in/",
        ["Content-Type: multipart/form-data; boundary=xyz", "Transfer-Encoding: chunked"],
        body=b"10000\r\n" + b"\0" * 65536,
    )
    assert answer.startswith("HTTP/1.1 411")
    assert "Your browser sent the upload without saying its size" in answer
