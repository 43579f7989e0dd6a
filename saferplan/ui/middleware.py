"""Site-wide response headers and request-size limits, applied before any view runs."""

from django.conf import settings
from django.shortcuts import render

from saferplan.storage import FileNotStored

# Browser features no page of SaferPlan uses, switched off for every page and anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ]
)

# What a form's other fields and the multipart framing add to its files.
FORM_OVERHEAD_BYTES = 1024 * 1024


def accepts_uploads(max_bytes):
    """Let a view receive files of up to `max_bytes` in all; other views get
    DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), plenty for a form without files."""

    def decorate(view):
        view.max_upload_bytes = max_bytes
        return view

    return decorate


def permissions_policy(get_response):
    def middleware(request):
        response = get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


class RequestSizeLimitMiddleware:
    """Refuse a body larger than the view accepts from its Content-Length, before reading it.

    Without this Django reads the whole body (200 MB, say) and only then refuses it. A body sent
    without a Content-Length (chunked) is refused too: Django's WSGI handler would read it as
    empty, and the person would be told nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        files = getattr(view_func, "max_upload_bytes", None)
        limit = (
            settings.DATA_UPLOAD_MAX_MEMORY_SIZE if files is None else files + FORM_OVERHEAD_BYTES
        )
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return refusal(request, files, status=411)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return refusal(request, files, status=400)
        if length > limit:
            return refusal(request, files, status=413)
        return None


def refusal(request, files, status):
    files_mb = None if files is None else files / (1024 * 1024)
    return render(
        request, "ui/too_large.html", {"files_mb": files_mb, "status": status}, status=status
    )


class FileNotStoredMiddleware:
    """A page that says nothing was saved when the upload folder refuses a file (full,
    read-only), for every upload; `saferplan.storage` has already undone the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, FileNotStored):
            return render(request, "ui/file_not_stored.html", status=507)
        return None
