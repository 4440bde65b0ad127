"""The record contract: one typed model of an event record and of a located-site record.

Everything else that names record fields derives from here: the writers' column order, the
dashboard's required columns, and the JSON Schema `records.schema.json`, which is generated from
these classes (``python -m events.model`` rewrites it; a test checks the committed file is current).
The pipeline builds these objects; files and the dashboard see their JSON form (`to_dict`), and
`from_dict` turns a JSON form back into a record, refusing any value outside the contract.

Mention spans (`date_span`, `place_span`, `actor_spans`) are document offsets, end exclusive, like
`char_start`/`char_end`; subtract `char_start` to get an offset into `sentence`.
"""
from __future__ import annotations

import json
import math
import re
import sys
import types
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Literal, NamedTuple, Self, Union, get_args, get_origin, get_type_hints

SCHEMA_PATH = Path(__file__).with_name("records.schema.json")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

DatePrecision = Literal["day", "week", "month", "season", "year", "decade", "century"]
DateSource = Literal["explicit", "relative", "narrative", "document"]
# PLOVER's mode: whether the text says the event happened (asserted) or only imagines, plans, denies
# or reports a claim of it. Views show asserted events by default.
Mode = Literal["asserted", "hypothetical", "future", "negated", "claimed"]
GeoPrecision = Literal["site", "city", "region", "country"]
# Why an event has its place: named in its own text, the focus place of its paragraph, or the dateline.
PlaceSource = Literal["text", "inherited", "dateline"]
ReviewStatus = Literal["confirmed", "corrected", "rejected"]


class Span(NamedTuple):
    """Where a mention stands in the document text: Python string offsets, end exclusive."""

    start: int
    end: int


def _field(description: str | None = None, *, default: Any = MISSING, **constraints: Any) -> Any:
    """A record field with its description and JSON Schema constraints (minLength, pattern, minimum...)."""
    return field(default=default, metadata={"description": description, "constraints": constraints})


_COUNTRY = {"pattern": "^[A-Z]{2}$"}
_LAT = {"minimum": -90, "maximum": 90}
_LON = {"minimum": -180, "maximum": 180}


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """What every record has: its id and its document. `KIND` tells the subclasses apart in files."""

    KIND: ClassVar[str]
    # Rules across fields, as data so the vectorised load check (events.records) applies the same ones:
    # (first, second) where first <= second when both are set; (spans, items) where a non-empty
    # spans list has one entry per item.
    ORDERED: ClassVar[tuple[tuple[str, str], ...]] = (("char_start", "char_end"),)
    ALIGNED: ClassVar[tuple[tuple[str, str], ...]] = ()
    id: str = _field("Stable: the same input gives the same id.", minLength=1)
    doc_id: str = _field(minLength=1)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The record a JSON object describes; ValueError naming the field and value if it breaks the
        contract. Keys outside the model are ignored; optional keys may be absent."""
        if data.get("kind", cls.KIND) != cls.KIND:
            raise ValueError(f"field 'kind': {data.get('kind')!r} is not {cls.KIND!r}")
        values = {}
        for spec in field_specs(cls):
            if spec.name in data:
                values[spec.name] = _convert(spec.name, spec.type, data[spec.name], spec.constraints)
            elif spec.required:
                raise ValueError(f"field {spec.name!r}: missing from a {cls.KIND} record")
        record = cls(**values)
        record._check_consistency()
        return record

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, in field order: ISO date strings, lists for tuples and spans."""
        out: dict[str, Any] = {"kind": self.KIND}
        for name in field_names(type(self))[1:]:
            out[name] = _plain(getattr(self, name))
        return out

    def _check_consistency(self) -> None:
        """The rules across fields that ORDERED and ALIGNED name."""
        for first, second in self.ORDERED:
            low, high = getattr(self, first), getattr(self, second)
            if low is not None and high is not None and low > high:
                raise ValueError(f"field {first!r}: {_plain(low)!r} is after {second} {_plain(high)!r}")
        for spans, items in self.ALIGNED:
            count, expected = len(getattr(self, spans)), len(getattr(self, items))
            if count and count != expected:
                raise ValueError(f"field {spans!r}: {count} spans for {expected} {items}")


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRecord(Record):
    """Something a sentence reports: when, where, who, and the sentence as evidence."""

    KIND: ClassVar[str] = "event"
    ORDERED: ClassVar[tuple[tuple[str, str], ...]] = (("char_start", "char_end"), ("date_start", "date_end"))
    ALIGNED: ClassVar[tuple[tuple[str, str], ...]] = (("actor_spans", "actors"),)
    event_type: str = _field("PLOVER event type, or 'publication' for a document's own record.")
    date_start: date | None = _field("Inclusive.")
    date_end: date | None = _field("Inclusive.")
    date_precision: DatePrecision | None = _field()
    date_text: str | None = _field("The time expression as written.")
    date_source: DateSource | None = _field()
    actors: tuple[str, ...] = _field("Canonical English names.")
    place_name: str | None = _field()
    place_text: str | None = _field("The place as written in the sentence.", default=None)
    country_code: str | None = _field(**_COUNTRY)
    lat: float | None = _field(**_LAT)
    lon: float | None = _field(**_LON)
    geo_precision: GeoPrecision | None = _field()
    geonames_id: int | None = _field()
    sentence: str = _field()
    char_start: int = _field("Where the sentence starts in the document text.", minimum=0)
    char_end: int = _field("Where the sentence ends (exclusive).", minimum=0)
    date_span: Span | None = _field("Document offsets of date_text; null when the date is not written.",
                                    default=None)
    place_span: Span | None = _field("Document offsets of place_text.", default=None)
    actor_spans: tuple[Span | None, ...] = _field(
        "Document offsets of each actor's first mention, aligned with actors; null for an actor the "
        "sentence does not name (a publication's author).", default=())
    confidence: float = _field(minimum=0, maximum=1)
    doc_title: str | None = _field(default=None)
    doc_author: str | None = _field(default=None)
    doc_published: date | None = _field(default=None)
    mode: Mode = _field("asserted, or what the text does instead of asserting it (PLOVER mode).",
                        default="asserted")
    actor: str | None = _field("Who did it: one of actors, or the person or organisation a pronoun or role "
                               "subject refers to ('er', 'the president'); null when there is no doer.",
                               default=None)
    targets: tuple[str, ...] = _field("To whom or against whom: actors named after the event word.",
                                      default=())
    place_source: PlaceSource | None = _field("Why the event has its place: text, inherited or dateline; "
                                              "null when unplaced.", default=None)
    review: ReviewStatus | None = _field("An analyst's last decision on the record in the dashboard: confirmed, "
                                         "corrected or rejected; null when nobody has reviewed it.", default=None)


@dataclass(frozen=True, slots=True, kw_only=True)
class SiteRecord(Record):
    """A located site or city a document names, with its first mention as evidence."""

    KIND: ClassVar[str] = "site"
    name: str = _field()
    category: str = _field("cosmodrome, test range, plant, pipeline, square, city, ...")
    lat: float = _field(**_LAT)
    lon: float = _field(**_LON)
    country_code: str | None = _field(**_COUNTRY)
    geonames_id: int | None = _field(default=None)
    place_text: str | None = _field(default=None)
    sentence: str = _field()
    char_start: int = _field(minimum=0)
    char_end: int = _field(minimum=0)
    place_span: Span | None = _field("Document offsets of place_text.", default=None)


RECORD_TYPES: dict[str, type[Record]] = {cls.KIND: cls for cls in (EventRecord, SiteRecord)}


def record_from_dict(data: Mapping[str, Any]) -> Record:
    """An event or site record from its JSON form, chosen by ``kind``; ValueError for anything else."""
    kind = data.get("kind")
    cls = RECORD_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise ValueError(f"field 'kind': {data.get('kind')!r} is not one of {sorted(RECORD_TYPES)}")
    return cls.from_dict(data)


# ---------------------------------------------------------------- field lists


class FieldSpec(NamedTuple):
    """One field of a record kind: what `from_dict` checks, for readers that check whole columns."""

    name: str
    type: Any
    required: bool
    description: str | None
    constraints: dict[str, Any]

    @property
    def nullable(self) -> bool:
        return _unwrap(self.type)[1]

    @property
    def base(self) -> Any:
        """The type without None: str, int, float, date, Span, a Literal or a tuple type."""
        return _unwrap(self.type)[0]

    def check(self, value: Any) -> Any:
        """The value as the record holds it; ValueError naming the field if it breaks the contract."""
        return _convert(self.name, self.type, value, self.constraints)


@cache
def field_specs(cls: type[Record]) -> tuple[FieldSpec, ...]:
    """The fields of one kind in file order (``kind`` aside), with their types and constraints."""
    hints = get_type_hints(cls)
    return tuple(FieldSpec(f.name, hints[f.name], f.default is MISSING, f.metadata.get("description"),
                           dict(f.metadata.get("constraints") or {})) for f in fields(cls))



@cache
def field_names(cls: type[Record]) -> tuple[str, ...]:
    """Field names of one kind in file order, starting with ``kind``."""
    return ("kind",) + tuple(spec.name for spec in field_specs(cls))


@cache
def required_fields(cls: type[Record]) -> tuple[str, ...]:
    """Keys every record of this kind has (the JSON Schema's ``required``); their values may be null."""
    return ("kind",) + tuple(spec.name for spec in field_specs(cls) if spec.required)


@cache
def non_null_fields(cls: type[Record]) -> tuple[str, ...]:
    """Fields whose value is never null (an optional one among them is absent rather than null)."""
    return ("kind",) + tuple(spec.name for spec in field_specs(cls) if not _unwrap(spec.type)[1])


@cache
def mandatory_fields(cls: type[Record]) -> tuple[str, ...]:
    """Fields that must carry a value (required and never null); ``kind`` aside, which readers check first."""
    return tuple(name for name in required_fields(cls)[1:] if name in non_null_fields(cls))


@cache
def fields_of_type(cls: type[Record], base: type) -> frozenset[str]:
    """Names of the fields whose values are of ``base`` (nullable or not): int, float, str, date, Span."""
    return frozenset(spec.name for spec in field_specs(cls) if _unwrap(spec.type)[0] is base)


@cache
def list_fields(cls: type[Record]) -> frozenset[str]:
    """Names of the list-valued fields (``actors``, ``actor_spans``)."""
    return frozenset(spec.name for spec in field_specs(cls) if get_origin(spec.base) is tuple)


@cache
def span_fields(cls: type[Record]) -> tuple[str, ...]:
    """Fields holding a span or a list of spans (files without them are from before spans existed)."""
    return tuple(spec.name for spec in field_specs(cls) if Span in (_unwrap(spec.type)[0], _item_type(spec.type)))


BASE_FIELDS: tuple[str, ...] = ("kind",) + tuple(f.name for f in fields(Record))
EVENT_FIELDS: tuple[str, ...] = field_names(EventRecord)
SITE_FIELDS: tuple[str, ...] = field_names(SiteRecord)


# ---------------------------------------------------------------- validation


@cache  # loading checks every value of a file: spare the typing introspection per value
def _unwrap(tp: Any) -> tuple[Any, bool]:
    """(type without None, whether None is allowed)."""
    if get_origin(tp) in (Union, types.UnionType):
        args = get_args(tp)
        rest = [a for a in args if a is not type(None)]
        return (rest[0] if len(rest) == 1 else Union[tuple(rest)]), len(rest) < len(args)
    return tp, False


def _item_type(tp: Any) -> Any:
    """The item type of ``tuple[X, ...]`` (without None), else None."""
    base = _unwrap(tp)[0]
    return _unwrap(get_args(base)[0])[0] if get_origin(base) is tuple else None


@cache
def _origin_args(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    return get_origin(tp), get_args(tp)


def _convert(name: str, tp: Any, value: Any, constraints: Mapping[str, Any]) -> Any:
    base, nullable = _unwrap(tp)
    if value is None:
        if nullable:
            return None
        raise ValueError(f"field {name!r}: must not be null")
    origin, args = _origin_args(base)
    if origin is Literal:
        if value not in args:
            raise ValueError(f"field {name!r}: {value!r} is not one of {list(args)}")
        return value
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"field {name!r}: {value!r} is not a list")
        return tuple(_convert(f"{name}[{i}]", args[0], v, {}) for i, v in enumerate(value))
    if base is Span:
        if not (isinstance(value, (list, tuple)) and len(value) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)
                and value[0] <= value[1]):
            raise ValueError(f"field {name!r}: {value!r} is not a span [start, end] with 0 <= start <= end")
        return Span(*value)
    if base is date:
        if isinstance(value, date):
            return value
        if not (isinstance(value, str) and _ISO_DATE.match(value)):
            raise ValueError(f"field {name!r}: {value!r} is not an ISO date (YYYY-MM-DD)")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"field {name!r}: {value!r} is not a calendar date") from None
    if base is str:
        if not isinstance(value, str):
            raise ValueError(f"field {name!r}: {value!r} is not a string")
        if len(value) < constraints.get("minLength", 0):
            raise ValueError(f"field {name!r}: must not be empty")
        if "pattern" in constraints and not re.match(constraints["pattern"], value):
            raise ValueError(f"field {name!r}: {value!r} does not match {constraints['pattern']}")
        return value
    if base is int and (not isinstance(value, int) or isinstance(value, bool)):
        raise ValueError(f"field {name!r}: {value!r} is not an integer")
    if base is int and not INT64_MIN <= value <= INT64_MAX:  # Parquet and the views store int64
        raise ValueError(f"field {name!r}: {value!r} does not fit in 64 bits")
    if base is float and (not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value)):
        raise ValueError(f"field {name!r}: {value!r} is not a finite number")
    low, high = constraints.get("minimum", -math.inf), constraints.get("maximum", math.inf)
    if not low <= value <= high:
        raise ValueError(f"field {name!r}: {value!r} is outside {low}..{high}")
    return float(value) if base is float else value


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


# ---------------------------------------------------------------- JSON Schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one record, generated from the model (the committed records.schema.json)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://dala.invalid/records.schema.json",
        "title": "Dala record",
        "description": "One line of a Dala .jsonl file: an event or a located site. CSV, GeoJSON and "
                       "GeoParquet carry the same fields. Generated from events/model.py: do not edit.",
        "oneOf": [{"$ref": f"#/$defs/{kind}"} for kind in RECORD_TYPES],
        "$defs": {
            "isodate": {"type": "string", "pattern": _ISO_DATE.pattern},
            "span": {"type": "array", "prefixItems": [{"type": "integer", "minimum": 0}] * 2,
                     "minItems": 2, "maxItems": 2,
                     "description": "[start, end]: document offsets, end exclusive."},
            **{kind: _object_schema(cls) for kind, cls in RECORD_TYPES.items()},
        },
    }


def _object_schema(cls: type[Record]) -> dict[str, Any]:
    properties: dict[str, Any] = {"kind": {"const": cls.KIND}}
    for spec in field_specs(cls):
        properties[spec.name] = {**_type_schema(spec.type), **spec.constraints}
        if spec.description:
            properties[spec.name]["description"] = spec.description
    return {"type": "object", "required": list(required_fields(cls)), "properties": properties}


_JSON_TYPES = {str: "string", int: "integer", float: "number"}


def _type_schema(tp: Any) -> dict[str, Any]:
    base, nullable = _unwrap(tp)
    if get_origin(base) is Literal:
        return {"enum": list(get_args(base)) + ([None] if nullable else [])}
    if get_origin(base) is tuple:
        return {"type": "array", "items": _type_schema(get_args(base)[0])}
    if base in _JSON_TYPES:
        return {"type": [_JSON_TYPES[base], "null"] if nullable else _JSON_TYPES[base]}
    ref = {"$ref": "#/$defs/" + {date: "isodate", Span: "span"}[base]}
    return {"anyOf": [ref, {"type": "null"}]} if nullable else ref


def schema_text() -> str:
    """The committed form of the schema file."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}", file=sys.stderr)
