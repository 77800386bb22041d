"""Every error poise raises on purpose, in one tree.

    PoiseError                  base: a message for people, a stable `code`, a `hint` saying what to do
    ├── InputError              the text or file handed to poise cannot be read
    │   ├── EmptyMessage        nothing to read (empty or whitespace only)
    │   └── MalformedLine       a JSONL line that is not a JSON object with the needed fields
    ├── ModelError              a shipped model file is missing or damaged (reinstall, or `poise train`)
    ├── ConfigError             a setting or taxonomy file is wrong
    ├── RecordError             the business's record (the store) refuses an operation
    │   ├── UnknownCustomer     no customer with that id or address
    │   ├── ImportProblem       an import file is malformed; nothing was changed
    │   └── RecordConflict      two records claim the same external id
    └── DatabaseError           the database cannot be reached or is not migrated

The CLI prints `Error: <message>` (and the hint) and exits 1; JSON outputs carry `{"error", "code"}`.
"""
from __future__ import annotations


class PoiseError(Exception):
    """Base of every deliberate poise error: says what went wrong, where, and what to do."""

    code = "poise_error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message} ({self.hint})"

    def to_dict(self) -> dict[str, str]:
        """The JSON shape of this error, as written by the CLI and the API."""
        return {"error": str(self), "code": self.code}


class InputError(PoiseError):
    """The text or file handed to poise cannot be read."""

    code = "input_error"


class EmptyMessage(InputError):
    """Nothing to read: the message is empty or whitespace only."""

    code = "empty_message"


class MalformedLine(InputError):
    """A JSONL line that is not a JSON object with the needed fields."""

    code = "malformed_line"


class ModelError(PoiseError):
    """A shipped model file is missing or damaged."""

    code = "model_error"


class ConfigError(PoiseError):
    """A setting or taxonomy file is wrong."""

    code = "config_error"


class RecordError(PoiseError):
    """The business's record refuses an operation."""

    code = "record_error"


class UnknownCustomer(RecordError):
    """No customer with that id or address."""

    code = "unknown_customer"


class ImportProblem(RecordError):
    """An import file is malformed; nothing was changed."""

    code = "import_problem"


class RecordConflict(RecordError):
    """Two records claim the same external id."""

    code = "record_conflict"


class DatabaseError(PoiseError):
    """The database cannot be reached or is not migrated."""

    code = "database_error"
