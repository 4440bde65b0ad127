"""The ``dala`` command: the one place where the extractor (``events``) and the dashboard meet."""
