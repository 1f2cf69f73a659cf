"""The store's exceptions. Every message is one line a page can show as it is."""
from __future__ import annotations


class StoreError(Exception):
    """Anything the store refuses or cannot do."""


class StoreUnavailable(StoreError):
    """The database cannot be reached (or opened). The message never holds a password."""


class EditError(StoreError, ValueError):
    """An edit names a field that cannot be edited or gives it a value of the wrong form."""


class EditConflict(StoreError):
    """Someone else saved this event after it was read: the save is refused, nothing is written."""

    def __init__(self, message: str, *, event_id: str, expected_version: int, current):
        super().__init__(message)
        self.event_id = event_id
        self.expected_version = expected_version
        self.current = current  # edits.State as it is in the store now


class BackupError(StoreError):
    """A backup file that cannot be restored; the store was not changed."""
