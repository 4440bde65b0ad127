"""Read and write Dala records (JSONL, CSV, GeoJSON, GeoParquet), chosen by file suffix.

Records are plain dicts, the JSON form of the model in ``events/model.py`` (``records.schema.json`` is
generated from it). Every format carries the same fields so a user can move between them freely; writes
are atomic (temporary file + rename) so an interrupted run never leaves a half-written output in place of
good data. pandas is imported only by the functions that need it: writing JSONL does not.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from events.model import (
    BASE_FIELDS, EVENT_FIELDS, SCHEMA_PATH, SITE_FIELDS, EventRecord, SiteRecord, fields_of_type, span_fields,
)

if TYPE_CHECKING:
    import pandas as pd

ALL_FIELDS: tuple[str, ...] = EVENT_FIELDS + tuple(f for f in SITE_FIELDS if f not in EVENT_FIELDS)
REQUIRED_COLUMNS = BASE_FIELDS  # kind, id, doc_id: what makes a file Dala records at all
INTEGER_FIELDS = fields_of_type(EventRecord, int) | fields_of_type(SiteRecord, int)
# Spans are lists of offsets: a JSON-encoded cell in CSV, so reading back is exact.
# Fields holding a list of names: joined with ACTOR_SEPARATOR in CSV, Arrow lists in GeoParquet.
NAME_LIST_FIELDS: tuple[str, ...] = ("actors", "targets")
SPAN_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(span_fields(EventRecord) + span_fields(SiteRecord)))
SUFFIXES = (".jsonl", ".csv", ".geojson", ".parquet")
ACTOR_SEPARATOR = "; "


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of one record, the contract between extractor and dashboard."""
    return orjson.loads(SCHEMA_PATH.read_bytes())


def record_format(path: Path) -> str:
    """The format a path's suffix selects; raises ValueError naming the path for anything else."""
    suffix = path.suffix.lower()
    if suffix == ".geoparquet":
        suffix = ".parquet"
    if suffix not in SUFFIXES:
        raise ValueError(f"{path}: unsupported records format {path.suffix!r} (use .jsonl, .csv, .geojson or .parquet)")
    return suffix


# ---------------------------------------------------------------- writing

@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary sibling of ``path`` that replaces it only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        yield Path(tmp)
        os.chmod(tmp, _file_mode(path))  # mkstemp makes files private; outputs are ordinary files
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def check_output(path: Path) -> None:
    """Refuse an output that could not be written, before the work that would fill it (ValueError naming it).

    ``atomic_path`` creates missing folders and renames a file into place, so what counts is the
    nearest folder that exists: it must be a folder and writable.
    """
    if path.is_dir():
        raise ValueError(f"{path}: is a folder; give a file name for the output")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise ValueError(f"{path}: cannot create a folder under {folder}, which is a file")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ValueError(f"{path}: cannot write in {folder} (permission denied or read-only)")


def _file_mode(path: Path) -> int:
    """The replaced file's permissions, or what a plain new file would get under the umask."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_records(path: Path | str, records: Iterable[dict[str, Any]]) -> int:
    """Write records to ``path`` in the format its suffix names; returns how many were written."""
    path = Path(path)
    fmt = record_format(path)
    rows = list(records)
    with atomic_path(path) as tmp:
        if fmt == ".jsonl":  # orjson writes UTF-8 as is (no \u escapes), one object per line
            with tmp.open("wb") as out:
                for row in rows:
                    out.write(orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE))
        elif fmt == ".csv":
            _frame_for_table(rows).to_csv(tmp, index=False)
        elif fmt == ".geojson":
            tmp.write_bytes(orjson.dumps(_feature_collection(rows)))
        else:
            _geoframe(rows).to_parquet(tmp, index=False)
    return len(rows)


def _frame_for_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Flatten list-valued fields so a spreadsheet shows them readably ("Russia; CSTO"); spans as JSON."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=_columns_of(rows))
    for column in set(NAME_LIST_FIELDS) & set(frame.columns):
        frame[column] = frame[column].map(lambda a: ACTOR_SEPARATOR.join(a) if isinstance(a, list) else a)
    for column in set(SPAN_FIELDS) & set(frame.columns):
        frame[column] = frame[column].map(lambda v: orjson.dumps(v).decode() if isinstance(v, list) else None)
    for column in INTEGER_FIELDS & set(frame.columns):  # keep ids integral beside missing values
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame


def _columns_of(rows: list[dict[str, Any]]) -> list[str]:
    present = {key for row in rows for key in row}
    ordered = [f for f in ALL_FIELDS if f in present]
    return ordered + sorted(present - set(ordered)) if rows else list(ALL_FIELDS)


def _feature_collection(rows: list[dict[str, Any]]) -> dict[str, Any]:
    features = []
    for row in rows:
        has_point = row.get("lat") is not None and row.get("lon") is not None
        geometry = {"type": "Point", "coordinates": [row["lon"], row["lat"]]} if has_point else None
        features.append({"type": "Feature", "id": row.get("id"), "geometry": geometry, "properties": row})
    return {"type": "FeatureCollection", "features": features}


def _geoframe(rows: list[dict[str, Any]]):
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame(rows, columns=_columns_of(rows))
    points = gpd.points_from_xy(frame.get("lon", pd.Series(dtype=float)), frame.get("lat", pd.Series(dtype=float)))
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")


# ---------------------------------------------------------------- reading

def read_records(path: Path | str) -> pd.DataFrame:
    """Read a records file, or every records file in a folder, into one frame with schema columns.

    Raises ValueError with a one-line message naming the file for anything missing, unreadable or not
    in the schema, so the CLI can refuse bad data before doing any work.
    """
    import pandas as pd

    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES + (".geoparquet",))
        if not files:
            raise ValueError(f"{path}: folder holds no records files ({', '.join(SUFFIXES)})")
        return pd.concat([read_records(p) for p in files], ignore_index=True)
    if not path.exists():
        raise ValueError(f"{path}: no such file")
    fmt = record_format(path)
    try:
        frame = _READERS[fmt](path)
    except _FormatError as err:
        raise ValueError(f"{path}: {err}") from None
    except Exception as err:  # corrupt parquet/CSV: name the file, keep the cause short
        raise ValueError(f"{path}: cannot read as {fmt[1:]}: {type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}") from None
    return _conform(frame, path)


class _FormatError(ValueError):
    """A readable file whose content is not records; the message says what is wrong."""


def _read_jsonl(path: Path) -> pd.DataFrame:
    import pandas as pd

    rows = []
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = orjson.loads(line)
            except orjson.JSONDecodeError as err:
                raise _FormatError(f"line {number} is not JSON ({err.msg})") from None
            if not isinstance(row, dict):
                raise _FormatError(f"line {number} is not a JSON object")
            rows.append(row)
    return pd.DataFrame(rows)


def _read_csv(path: Path) -> pd.DataFrame:
    import pandas as pd

    frame = pd.read_csv(path, dtype={"geonames_id": "Int64"}, keep_default_na=True)
    for column in set(NAME_LIST_FIELDS) & set(frame.columns):
        frame[column] = frame[column].map(
            lambda a: [] if pd.isna(a) or a == "" else str(a).split(ACTOR_SEPARATOR))
    for column in set(SPAN_FIELDS) & set(frame.columns):
        frame[column] = frame[column].map(lambda v: orjson.loads(v) if isinstance(v, str) and v else None)
    return frame


def _read_geojson(path: Path) -> pd.DataFrame:
    import pandas as pd

    data = orjson.loads(path.read_bytes())
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise _FormatError("not a GeoJSON FeatureCollection")
    return pd.DataFrame([feature.get("properties") or {} for feature in data.get("features", [])])


def _read_parquet(path: Path) -> pd.DataFrame:
    import pandas as pd

    frame = pd.read_parquet(path)
    frame = frame.drop(columns=[c for c in ("geometry",) if c in frame])
    for column in set(NAME_LIST_FIELDS) & set(frame.columns):
        frame[column] = frame[column].map(lambda a: [] if a is None else list(a))
    for column in set(SPAN_FIELDS) & set(frame.columns):  # Arrow lists come back as numpy arrays
        frame[column] = frame[column].map(_plain_list)
    return frame


def _plain_list(value: Any) -> Any:
    """Nested numpy arrays (how pandas returns Arrow lists) as plain lists of ints; None stays None."""
    if value is None:
        return None
    if hasattr(value, "tolist") and getattr(value, "dtype", None) != object:
        return value.tolist()
    return [_plain_list(item) for item in value]


_READERS = {".jsonl": _read_jsonl, ".csv": _read_csv, ".geojson": _read_geojson, ".parquet": _read_parquet}


def _conform(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Check the columns every record needs and add the optional ones as empty."""
    import pandas as pd

    if frame.empty:
        return pd.DataFrame(columns=list(ALL_FIELDS))
    missing = [c for c in REQUIRED_COLUMNS if c not in frame]
    if missing:
        raise ValueError(f"{path}: not Dala records (missing column {', '.join(missing)})")
    kinds = set(frame["kind"].dropna().unique()) - {"event", "site"}
    if kinds:
        raise ValueError(f"{path}: unknown record kind {sorted(kinds)[0]!r} (expected 'event' or 'site')")
    for column in ALL_FIELDS:
        if column not in frame:
            frame[column] = None
    for column in NAME_LIST_FIELDS:
        frame[column] = frame[column].map(lambda a: a if isinstance(a, list) else [])
    return frame
