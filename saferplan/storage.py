"""Uploaded files saved whole or not at all, together with the rows that point at them.

A full or read-only upload folder must not leave a truncated file, nor a row saved without its
file, nor a file without its row: `WholeFileSystemStorage` (the default storage) never leaves a
partial file, and `atomic_with_files()` is `transaction.atomic()` that also deletes the files its
block saved when the block fails. A failed write raises `FileNotStored`, which
`saferplan.ui.middleware.file_not_stored_page` turns into a page that says nothing was saved.
"""

import contextlib
import contextvars
import logging
import os
import uuid

from django.core.files.storage import FileSystemStorage, default_storage
from django.db import transaction

logger = logging.getLogger(__name__)

# The names saved inside the innermost atomic_with_files() block, if any.
saved_in_block = contextvars.ContextVar("saved_in_block", default=None)


class FileNotStored(OSError):
    """The upload folder refused a file (full, read-only, missing); nothing of it remains."""


class WholeFileSystemStorage(FileSystemStorage):
    """FileSystemStorage that never leaves a truncated file behind.

    Django writes straight to the final name and leaves what it wrote when the disk fills. Here
    the file is written under a private name in the same folder and linked to its final name
    only once whole; whatever happens, the private name is removed.
    """

    def _save(self, name, content):
        folder = os.path.dirname(name)
        partial = os.path.join(folder, f".partial-{uuid.uuid4().hex}")
        try:
            try:
                partial = super()._save(partial, content)
                name = self.link_as(partial, name)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(self.path(partial))
        except OSError as error:
            logger.error("Could not store %s in %s: %s", name, self.location, error)
            raise FileNotStored(error.errno, f"could not store {name}: {error.strerror}") from error
        saved = saved_in_block.get()
        if saved is not None:
            saved.append(name)
        return name

    def link_as(self, partial, name):
        """Give the whole file at `partial` the first free name like `name`; that name."""
        while True:
            try:
                os.link(self.path(partial), self.path(name))
            except FileExistsError:
                name = self.get_available_name(name)
            else:
                return name


@contextlib.contextmanager
def atomic_with_files():
    """A transaction whose saved files are deleted if it fails, so that the database and the
    upload folder agree: an update and its evidence, a paper and its file, a job and its upload."""
    saved = []
    outer = saved_in_block.get()
    token = saved_in_block.set(saved)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        for name in saved:
            with contextlib.suppress(OSError):
                default_storage.delete(name)
        raise
    finally:
        saved_in_block.reset(token)
    if outer is not None:
        outer.extend(saved)
