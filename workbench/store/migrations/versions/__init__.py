"""The revisions of the review store's schema, oldest first by their numbers."""
