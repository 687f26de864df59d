"""Who publishes the workspace's fact checks: the settings ClaimReview needs.

Google's fact-check markup reads a ClaimReview's `url` (the published review's address), its
`author` (the publishing organisation) and the organisation's site; the workbench cannot guess
them, so the export asks for them once per workspace (`workbench publisher`, or the Export
page) and refuses, naming what is missing, until they are set.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from workbench.errors import PublisherNotSet, SettingError
from workbench.store import Store

NAME, SITE_URL, REVIEW_URL = "publisher_name", "publisher_site_url", "publisher_review_url"
SETTINGS = {
    NAME: "the publishing organisation's name (--name)",
    SITE_URL: "its site's address (--site-url)",
    REVIEW_URL: "the address of a published review, with {claim_id} in it (--review-url)",
}
CLAIM_ID = "{claim_id}"


@dataclass(frozen=True)
class Publisher:
    """The organisation that publishes the reviews, and where they are published."""

    name: str
    site_url: str
    review_url: str  # with {claim_id}, e.g. https://example.org/fact-checks/{claim_id}

    def url_of(self, claim_id: str) -> str:
        return self.review_url.replace(CLAIM_ID, claim_id)


def publisher(store: Store) -> Publisher:
    """The workspace's publisher; `PublisherNotSet`, naming what is missing, if incomplete."""
    found = store.settings()
    missing = [what for key, what in SETTINGS.items() if not found.get(key)]
    if missing:
        raise PublisherNotSet(missing)
    return Publisher(found[NAME], found[SITE_URL], found[REVIEW_URL])


def set_publisher(
    store: Store,
    *,
    name: str | None = None,
    site_url: str | None = None,
    review_url: str | None = None,
    who: str | None = None,
) -> dict[str, str]:
    """Set the settings given (the others are kept); all of them, as now stored."""
    values: dict[str, str | None] = {}
    if name is not None:
        if not name.strip():
            raise SettingError("the publisher's name is empty; give the organisation's name")
        values[NAME] = " ".join(name.split())
    if site_url is not None:
        values[SITE_URL] = _web_address(site_url, "the site's address")
    if review_url is not None:
        address = _web_address(review_url, "the review address")
        if CLAIM_ID not in address:
            raise SettingError(
                f"the review address {address!r} has no {CLAIM_ID}: write where one review "
                "is published, e.g. https://example.org/fact-checks/{claim_id}"
            )
        values[REVIEW_URL] = address
    store.set_settings(values, who=who)
    return store.settings()


def _web_address(url: str, what: str) -> str:
    clean = url.strip()
    parts = urlsplit(clean)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in clean:
        raise SettingError(f"{what} {url!r} is not a web address; give one such as https://...")
    return clean
