"""Why a file could not be read: terminal errors about the input, worded for a finance clerk."""

from __future__ import annotations


class RejectedFile(Exception):
    """A submission jixiao cannot read; `reason` says why and what the unit should do."""

    def __init__(self, reason: str, *, kind: str = "unreadable") -> None:
        super().__init__(reason)
        self.reason = reason
        # A short stable code (empty, not_word, corrupt, bomb, entities, encrypted, html_doc,
        # legacy_doc, no_content, too_slow, too_large ...) for the ledger and for tests.
        self.kind = kind
