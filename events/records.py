"""Read and write Dala records (JSONL, CSV, GeoJSON, GeoParquet), chosen by file suffix.

Records are plain dicts, the JSON form of the model in ``events/model.py`` (``records.schema.json`` is
generated from it). Every format carries the same fields so a user can move between them freely; writes
are atomic (temporary file + rename) so an interrupted run never leaves a half-written output in place of
good data. pandas is imported only by the functions that need it: writing JSONL does not.

Every format reads back exactly what was written (``iter_records`` gives the validated JSON forms):
CSV cells are decoded by field type and never guessed ("NA" stays the text "NA"); lists and spans are
JSON cells in CSV and Arrow lists in GeoParquet. ``read_valid_records`` checks every row against the
model and keeps the valid ones, for the dashboard.
"""
from __future__ import annotations

import csv
import math
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from events.model import (
    BASE_FIELDS, EVENT_FIELDS, RECORD_TYPES, SCHEMA_PATH, SITE_FIELDS, EventRecord, FieldSpec, Record, SiteRecord,
    field_specs, fields_of_type, list_fields, non_null_fields, record_from_dict, required_fields, span_fields,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

ALL_FIELDS: tuple[str, ...] = EVENT_FIELDS + tuple(f for f in SITE_FIELDS if f not in EVENT_FIELDS)
REQUIRED_COLUMNS = BASE_FIELDS  # kind, id, doc_id: what makes a file Dala records at all
INTEGER_FIELDS = fields_of_type(EventRecord, int) | fields_of_type(SiteRecord, int)
FLOAT_FIELDS = fields_of_type(EventRecord, float) | fields_of_type(SiteRecord, float)
NUMBER_FIELDS = INTEGER_FIELDS | FLOAT_FIELDS
SPAN_FIELDS: tuple[str, ...] = tuple(dict.fromkeys(span_fields(EventRecord) + span_fields(SiteRecord)))
# Lists and spans: a JSON cell in CSV, so reading back is exact.
JSON_FIELDS = frozenset(SPAN_FIELDS) | list_fields(EventRecord) | list_fields(SiteRecord)
# Optional fields that are never null: a null read from a file means "absent" (actor_spans).
_ABSENT_IF_NULL = frozenset(name for cls in RECORD_TYPES.values() for name in non_null_fields(cls)
                            if name not in required_fields(cls))
SUFFIXES = (".jsonl", ".csv", ".geojson", ".parquet")


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
            _write_csv(tmp, rows)
        elif fmt == ".geojson":
            tmp.write_bytes(orjson.dumps(_feature_collection(rows)))
        else:
            _geoframe(rows).to_parquet(tmp, index=False)
    return len(rows)


# CSV cells. A spreadsheet runs a cell that starts with one of FORMULA_STARTS as a formula, so such
# text gets a leading "'" (OWASP's advice for CSV injection). The reader strips one leading "'", so
# text that itself starts with "'" gets one too, and "" is written "'" to tell it from null (an empty
# cell). Numbers stay bare (a negative longitude is a number, not a formula); lists and spans are
# JSON cells, which start with "[".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_QUOTE = "'"


def _csv_text(value: str) -> str:
    return _TEXT_QUOTE + value if not value or value.startswith(FORMULA_STARTS + (_TEXT_QUOTE,)) else value


def _csv_cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if name in JSON_FIELDS:
        return orjson.dumps(value).decode()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and name in NUMBER_FIELDS:
        return repr(value)  # repr: the shortest text that reads back as the same float
    return _csv_text(value if isinstance(value, str) else orjson.dumps(value).decode())


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    columns = _columns_of(rows)
    with path.open("w", encoding="utf-8", newline="") as out:
        # CRLF, as RFC 4180 has it; the csv module quotes a cell holding a character of the line
        # terminator, so with "\n" alone a lone "\r" in a sentence would go out unquoted and end the row.
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([_csv_cell(name, row.get(name)) for name in columns] for row in rows)


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
    """Typed columns (integers stay integers beside nulls; actors and spans are Arrow lists)."""
    import geopandas as gpd
    import pandas as pd

    columns = _columns_of(rows)
    frame = pd.DataFrame({name: _typed(name, [row.get(name) for row in rows]) for name in columns},
                         index=pd.RangeIndex(len(rows)))
    points = gpd.points_from_xy(frame.get("lon", pd.Series(dtype=float)), frame.get("lat", pd.Series(dtype=float)))
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")


def _typed(name: str, values: list[Any]) -> Any:
    """A column for ``values``: int64/Int64 for integer fields, float64 for float fields, else objects.

    Built from Python values so integers are never passed through floats; a column holding a value of
    the wrong type stays objects, for validation to report."""
    import numpy as np
    import pandas as pd

    if name in INTEGER_FIELDS and all(v is None or type(v) is int for v in values):
        try:
            return pd.array(values, dtype="Int64") if None in values else np.array(values, dtype=np.int64)
        except (OverflowError, TypeError):
            pass
    elif name in FLOAT_FIELDS and all(v is None or type(v) in (int, float) for v in values):
        return np.array([np.nan if v is None else v for v in values], dtype=np.float64)
    column = np.empty(len(values), dtype=object)
    column[:] = values
    return column


# ---------------------------------------------------------------- reading

class _FormatError(ValueError):
    """A readable file whose content is not records; the message says what is wrong."""


@dataclass(frozen=True)
class _Read:
    """One file as read: typed columns, the columns the file had, where each row stands in it
    ("line 3"), and rows the reader itself found wrong (a GeoJSON geometry that disagrees)."""

    frame: pd.DataFrame
    present: frozenset[str]
    where: list[str]
    problems: dict[int, str]


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES + (".geoparquet",))
        if not files:
            raise ValueError(f"{path}: folder holds no records files ({', '.join(SUFFIXES)})")
        return files
    if not path.exists():
        raise ValueError(f"{path}: no such file")
    return [path]


def _read(path: Path) -> _Read:
    fmt = record_format(path)
    try:
        read = _READERS[fmt](path)
    except _FormatError as err:
        raise ValueError(f"{path}: {err}") from None
    except Exception as err:  # corrupt parquet/CSV: name the file, keep the cause short
        raise ValueError(f"{path}: cannot read as {fmt[1:]}: {type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}") from None
    if len(read.frame):
        missing = [c for c in REQUIRED_COLUMNS if c not in read.present]
        if missing:
            raise ValueError(f"{path}: not Dala records (missing column {', '.join(missing)})")
    return read


def read_records(path: Path | str) -> pd.DataFrame:
    """Read a records file, or every records file in a folder, into one frame with schema columns, as
    written: rows are not checked against the model (`read_valid_records` does that).

    Raises ValueError with a one-line message naming the file for anything missing, unreadable or not
    in the schema, so the CLI can refuse bad data before doing any work.
    """
    import pandas as pd

    frames = []
    for file in _files(Path(path)):
        frame = _read(file).frame
        kinds = set(frame["kind"].dropna().unique()) - set(RECORD_TYPES) if len(frame) else set()
        if kinds:
            raise ValueError(f"{file}: unknown record kind {sorted(map(str, kinds))[0]!r} (expected 'event' or 'site')")
        frames.append(_conform(frame))
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


class RowProblem(NamedTuple):
    """An invalid row: where it stands ("line 3"; "a.jsonl, line 3" in a folder) and what is wrong."""

    where: str
    message: str


@dataclass(frozen=True)
class ValidRecords:
    """The rows of a records file or folder that follow the model, and a sample of the others."""

    frame: pd.DataFrame
    invalid: int
    problems: tuple[RowProblem, ...]  # the first REPORTED of them

    def report(self) -> str:
        """One short block for stderr: the count, then one line per reported row."""
        lines = [f"{self.invalid} invalid record(s) skipped, {len(self.frame)} loaded:"]
        lines += [f"  {problem.where}: {problem.message}" for problem in self.problems]
        if self.invalid > len(self.problems):
            lines.append(f"  ... and {self.invalid - len(self.problems)} more")
        return "\n".join(lines)


REPORTED = 5


def read_valid_records(path: Path | str) -> ValidRecords:
    """Read like `read_records`, then check every row against the record model and keep the valid ones.

    Raises ValueError (one line) for what `read_records` refuses, and when rows were read but none is
    valid. The check runs on whole columns (`invalid_rows`); the messages come from `from_dict`.
    """
    import pandas as pd

    frames, problems, invalid, total = [], [], 0, 0
    files = _files(Path(path))
    for file in files:
        read = _read(file)
        bad = invalid_rows(read.frame, read.present)
        for index in read.problems:
            bad[index] = True
        for index in bad.nonzero()[0][:REPORTED - len(problems)]:
            where = read.where[index] if len(files) == 1 and file == Path(path) else f"{file.name}, {read.where[index]}"
            problems.append(RowProblem(where, read.problems.get(index)
                                       or _row_problem(read, int(index))))
        invalid += int(bad.sum())
        total += len(read.frame)
        frames.append(_conform(read.frame.loc[~bad].reset_index(drop=True)))
    frame = frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
    if total and frame.empty:
        first = problems[0]
        raise ValueError(f"{path}: no valid records ({invalid} invalid; {first.where}: {first.message})")
    return ValidRecords(frame, invalid, tuple(problems))


def iter_records(path: Path | str) -> Iterator[dict[str, Any]]:
    """Every record of a file or folder as a validated JSON form (`from_dict(...).to_dict()`), in file
    order; ValueError naming the row at the first invalid one."""
    for file in _files(Path(path)):
        read = _read(file)
        for index, row in enumerate(_rows(read.frame, read.present)):
            if index in read.problems:
                raise ValueError(f"{file}, {read.where[index]}: {read.problems[index]}")
            try:
                yield record_from_dict(row).to_dict()
            except ValueError as err:
                raise ValueError(f"{file}, {read.where[index]}: {err}") from None


def _row_problem(read: _Read, index: int) -> str:
    row = next(iter(_rows(read.frame.iloc[index:index + 1], read.present)))
    try:
        record_from_dict(row)
    except ValueError as err:
        return str(err)
    raise AssertionError(f"invalid_rows and from_dict disagree on {row!r}")  # a bug, never bad data


def _rows(frame: pd.DataFrame, present: frozenset[str]) -> Iterator[dict[str, Any]]:
    """Rows as the JSON forms `from_dict` takes: plain Python values, None for missing ones.

    A null in an optional field that is never null (``actor_spans``) reads as absent, as a CSV cell
    cannot tell them apart."""
    names = [name for name in frame.columns if name in present]
    columns = [[None if _is_null(v) else v for v in frame[name].tolist()] for name in names]
    for values in zip(*columns):
        yield {name: value for name, value in zip(names, values)
               if value is not None or name not in _ABSENT_IF_NULL}


def _is_null(value: Any) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _read_jsonl(path: Path) -> _Read:
    rows, where = [], []
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
            where.append(f"line {number}")
    return _Read(_frame_of(rows), frozenset(k for row in rows for k in row), where, {})


def _frame_of(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    names = _columns_of(rows) if rows else []
    return pd.DataFrame({name: _typed(name, [row.get(name) for row in rows]) for name in names},
                        index=pd.RangeIndex(len(rows)))


def _read_csv(path: Path) -> _Read:
    """Cells as text (no "NA" -> null guessing), decoded by field: the inverse of `_csv_cell`."""
    import pandas as pd

    raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    frame = pd.DataFrame({name: _typed(name, _csv_column(name, raw[name].tolist())) for name in raw.columns},
                         index=pd.RangeIndex(len(raw)))
    return _Read(frame, frozenset(raw.columns), [f"row {i + 2}" for i in range(len(raw))], {})


def _csv_column(name: str, cells: list[str]) -> list[Any]:
    if name in JSON_FIELDS or name in NUMBER_FIELDS:
        return [_csv_value(name, cell) for cell in cells]
    quote = _TEXT_QUOTE  # text, most columns: inline, as this runs once per cell of the file
    return [(cell[1:] if cell[0] == quote else cell) if cell else None for cell in cells]


def _csv_value(name: str, cell: str) -> Any:
    """One cell's value; a cell that does not decode stays text, for validation to report."""
    if cell == "":
        return None
    if name in JSON_FIELDS:
        try:
            return orjson.loads(cell)
        except orjson.JSONDecodeError:
            return cell
    if name in NUMBER_FIELDS:
        try:
            number = int(cell) if name in INTEGER_FIELDS else float(cell)
        except ValueError:
            return cell
        return number if math.isfinite(number) else cell
    return cell[1:] if cell.startswith(_TEXT_QUOTE) else cell


def _read_geojson(path: Path) -> _Read:
    data = orjson.loads(path.read_bytes())
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise _FormatError("not a GeoJSON FeatureCollection")
    features = data.get("features") or []
    if not isinstance(features, list):
        raise _FormatError("'features' is not a list")
    rows, problems = [], {}
    for index, feature in enumerate(features):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        rows.append(properties if isinstance(properties, dict) else {})
        problem = _geometry_problem(feature, rows[-1]) if isinstance(feature, dict) else "not a GeoJSON Feature"
        if problem:
            problems[index] = problem
    where = [f"features[{i}]" for i in range(len(rows))]
    return _Read(_frame_of(rows), frozenset(k for row in rows for k in row), where, problems)


def _geometry_problem(feature: dict[str, Any], properties: dict[str, Any]) -> str | None:
    """Why a feature's geometry does not stand for its properties' lat/lon, or None if it does."""
    geometry, lat, lon = feature.get("geometry"), properties.get("lat"), properties.get("lon")
    if geometry is None:
        return None if lat is None or lon is None else "geometry is null but lat/lon are set"
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        return "geometry is not a Point"
    coordinates = geometry.get("coordinates")
    if not (isinstance(coordinates, list) and len(coordinates) in (2, 3) and all(
            isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c) for c in coordinates)):
        return f"geometry coordinates {coordinates!r} are not [lon, lat] numbers"
    if coordinates[:2] != [lon, lat]:
        return f"geometry coordinates {coordinates[:2]!r} disagree with lon/lat {[lon, lat]!r}"
    return None


def _read_parquet(path: Path) -> _Read:
    """Column by column as Python values (Arrow lists as lists, integers exact beside nulls)."""
    import pandas as pd
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    names = [name for name in table.column_names if name != "geometry"]
    frame = pd.DataFrame({name: _typed(name, table.column(name).to_pylist()) for name in names},
                         index=pd.RangeIndex(table.num_rows))
    return _Read(frame, frozenset(names), [f"row {i + 1}" for i in range(table.num_rows)], {})


_READERS = {".jsonl": _read_jsonl, ".csv": _read_csv, ".geojson": _read_geojson, ".parquet": _read_parquet}


def _conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the optional columns as empty, and give every row an actors list."""
    import pandas as pd

    if frame.empty:
        return pd.DataFrame(columns=list(ALL_FIELDS))
    for column in ALL_FIELDS:
        if column not in frame:
            frame[column] = None
    frame["actors"] = frame["actors"].map(lambda a: a if isinstance(a, list) else [])
    return frame


# ---------------------------------------------------------------- validation on whole columns

def invalid_rows(frame: pd.DataFrame, present: Iterable[str]) -> np.ndarray:
    """Which rows `from_dict` would refuse, computed column by column so a million rows take seconds.

    The rules are the model's: each field's type, nullability and constraints from `field_specs`, the
    cross-field rules from ORDERED and ALIGNED. Numbers and plain text are checked vectorised; other
    values by the field's own `FieldSpec.check`, once per distinct value where values repeat (dates,
    enums). ``present`` names the columns the file had: a required one it lacks fails every row."""
    import numpy as np

    present = frozenset(present)
    bad = np.zeros(len(frame), dtype=bool)
    if not len(frame):
        return bad
    kinds = frame["kind"].to_numpy(dtype=object)
    bad |= ~np.fromiter((type(k) is str and k in RECORD_TYPES for k in kinds), dtype=bool, count=len(kinds))
    for kind, cls in RECORD_TYPES.items():
        rows = kinds == kind
        if not rows.any():
            continue
        part = frame.loc[rows]
        part_bad = np.zeros(len(part), dtype=bool)
        for spec in field_specs(cls):
            if spec.name not in present:
                part_bad |= spec.required
            else:
                part_bad |= _bad_values(part[spec.name], spec)
        part_bad |= _bad_across(part, cls, part_bad)
        bad[rows] = part_bad
    return bad


def _bad_values(column: pd.Series, spec: FieldSpec) -> np.ndarray:
    import numpy as np
    import pandas as pd

    null = column.isna().to_numpy()
    bad = null & (not spec.nullable) & (spec.required or spec.name not in _ABSENT_IF_NULL)
    if null.all():
        return bad
    values = column[~null]
    low, high = spec.constraints.get("minimum", -math.inf), spec.constraints.get("maximum", math.inf)
    if spec.base in (int, float) and pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        numbers = values.to_numpy(dtype=np.float64)
        wrong = (numbers < low) | (numbers > high)
        if spec.base is float:
            wrong = wrong | ~np.isfinite(numbers)
    elif spec.base is str and pd.api.types.infer_dtype(values, skipna=False) == "string":
        wrong = (values.str.len() < spec.constraints.get("minLength", 0)).to_numpy()
        if "pattern" in spec.constraints:  # re.match, as FieldSpec.check does, once per distinct value
            pattern = re.compile(spec.constraints["pattern"])
            codes, uniques = pd.factorize(values)
            wrong = wrong | np.fromiter((pattern.match(v) is None for v in uniques), dtype=bool,
                                        count=len(uniques))[codes]
    else:
        wrong = _bad_by_check(values, spec)
    bad = bad.copy()
    bad[~null] |= wrong
    return bad


def _bad_by_check(values: pd.Series, spec: FieldSpec) -> np.ndarray:
    """The field's own check, once per distinct value (actor lists and dates repeat a lot)."""
    import numpy as np
    import pandas as pd

    if pd.api.types.infer_dtype(values, skipna=False) == "string":  # dates, enums: distinct values at C speed
        codes, uniques = pd.factorize(values)
        values, distinct = list(uniques), codes
    else:
        distinct = None
    verdicts: dict[Any, bool] = {}

    def fails(value: Any) -> bool:
        try:
            key = _typed_key(value)
            return verdicts[key]
        except TypeError:  # unhashable (a dict): check it alone
            key = None
        except KeyError:
            pass
        try:
            spec.check(value)
            verdict = False
        except ValueError:
            verdict = True
        if key is not None:
            verdicts[key] = verdict
        return verdict

    verdict_of = np.fromiter((fails(v) for v in values), dtype=bool, count=len(values))
    return verdict_of if distinct is None else verdict_of[distinct]


def _typed_key(value: Any) -> Any:
    """A hashable key that tells 1 from True and 1.0, and lists apart from tuples."""
    if type(value) is list:
        try:
            "".join(value)  # only strings: the plain tuple is exact, and quick to build (actor lists)
            return list, tuple(value)
        except TypeError:
            return list, tuple(_typed_key(item) for item in value)
    return type(value), value


def _bad_across(part: pd.DataFrame, cls: type[Record], bad: np.ndarray) -> np.ndarray:
    """ORDERED and ALIGNED over the rows whose fields are valid one by one."""
    import numpy as np

    out = np.zeros(len(part), dtype=bool)
    for first, second in cls.ORDERED:  # ISO dates compare as text like the dates they name
        if first not in part or second not in part:
            continue
        low, high = part[first].to_numpy(dtype=object), part[second].to_numpy(dtype=object)
        check = ~bad & part[first].notna().to_numpy() & part[second].notna().to_numpy()
        out[check] |= low[check] > high[check]
    for spans, items in cls.ALIGNED:
        if spans not in part or items not in part:
            continue
        check = ~bad & part[spans].notna().to_numpy()
        count = part[spans][check].map(len).to_numpy()
        out[check] |= (count > 0) & (count != part[items][check].map(len).to_numpy())
    return out
