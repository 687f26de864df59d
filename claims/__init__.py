"""claims: the headless library. Article text in, a pandas claim table out (CLAIM-SCHEMA.md)."""
