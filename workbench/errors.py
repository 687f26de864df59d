"""Errors the application raises for a user's mistake or a lost race.

Each message says how to fix the problem: the command line prints it as one line, the UI shows
it beside the form. `ConflictError` also carries the claim's current review, so the UI can show
"this claim changed since you loaded it" together with the new state.
"""

from __future__ import annotations

from workbench.records import Review


class WorkbenchError(Exception):
    """Base class of every error the `workbench` package raises on purpose."""


class ConflictError(WorkbenchError):
    """The claim changed since the reviewer loaded it; nothing was written."""

    def __init__(self, current: Review, expected_version: int) -> None:
        self.current = current
        self.expected_version = expected_version
        who = f" by {current.reviewer}" if current.reviewer else ""
        super().__init__(
            f"claim {current.claim_id} changed since you loaded it (version {expected_version}): "
            f"it is now {current.status}{who}, version {current.version}; look at its new state "
            "and decide again"
        )


class ReviewerRequired(WorkbenchError):
    """A change without a reviewer's name."""


class EvidenceRequired(WorkbenchError):
    """A verdict (verified, false, misleading) without a cited passage or URL."""


class InvalidTransition(WorkbenchError):
    """A status change the workflow does not allow, or a status that does not exist."""


class SignOffError(WorkbenchError):
    """A sign-off that breaks the two-person rule or has no decision to sign."""


class CorrectionError(WorkbenchError):
    """A reviewer's correction or added claim that does not fit the article or the schema."""


class UnknownArticle(WorkbenchError):
    """No article with this id in the workspace."""


class UnknownClaim(WorkbenchError):
    """No claim with this id in the workspace."""


class UnknownSource(WorkbenchError):
    """No source with this id in the workspace."""


class UnknownPassage(WorkbenchError):
    """No passage with this id in the workspace."""


class DuplicateArticle(WorkbenchError):
    """The same article text is already in the workspace."""

    def __init__(self, article_id: str, title: str) -> None:
        self.article_id = article_id
        super().__init__(
            f"this article is already in the workspace as {title!r} (id {article_id}); "
            "open that one, or change the text to add it as a new article"
        )


class NotLatestVersion(WorkbenchError):
    """A new draft was given as a version of a draft that already has a newer one."""

    def __init__(self, article_id: str, newer_id: str, newer_version: int) -> None:
        self.article_id, self.newer_id = article_id, newer_id
        super().__init__(
            f"{article_id!r} already has a newer version, {newer_id!r} (version "
            f"{newer_version}); add the new draft as a version of {newer_id!r}"
        )


class SchemaVersionError(WorkbenchError):
    """A database written by a newer version of the workbench."""


class WorkspaceError(WorkbenchError):
    """A workspace folder that cannot be used (not writable, not a demo workspace...)."""


class BrokenIndex(WorkspaceError):
    """The workspace's passage index cannot be opened or written; the store is whole."""

    def __init__(self, folder: object, reason: object) -> None:
        super().__init__(
            f"the passage index of the workspace {folder} cannot be used ({reason}); the store "
            f"is whole: run `workbench doctor --workspace {folder}` to make the index again "
            "from it"
        )


class SettingError(WorkbenchError):
    """A workspace setting that cannot be used as given."""


class PublisherNotSet(WorkbenchError):
    """ClaimReview needs the publisher's settings, and some are missing."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(
            "ClaimReview needs who publishes the reviews, and this workspace lacks "
            f"{'; '.join(missing)}: set them with `workbench publisher` or on the Export page"
        )


class DamagedStore(WorkspaceError):
    """The workspace's database file is not a database, or is damaged."""

    def __init__(self, path: object, reason: object) -> None:
        super().__init__(
            f"the workspace's database {path} is damaged ({reason}); nothing was changed: "
            "restore it from a backup, or move it aside to start an empty workspace there "
            "(articles and sources can then be added again)"
        )


class StoreUnavailable(WorkspaceError):
    """The database server cannot be reached or used with the URL given."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(
            f"cannot use the database {url} ({reason}); check that the server is running and "
            "the URL (postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE) in --database or "
            "WORKBENCH_DATABASE; nothing was written"
        )
