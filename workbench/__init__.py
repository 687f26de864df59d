"""workbench: the application around the `claims` library: storage, review, export, CLI, UI."""
