"""Dala's extractor: documents -> dated, located, attributed event records.

Public entry points: ``events.pipeline.extract`` / ``extract_document`` (one document to records),
``events.timex.tag`` (time expressions), ``events.records.read_records`` / ``write_records`` (files),
and the ``dala`` command in ``events.cli``. Submodules are imported on use, so reading records does not
load the gazetteer.
"""
