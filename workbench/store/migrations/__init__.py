"""The Alembic environment of the review store: `env.py` and the revisions in `versions/`."""
