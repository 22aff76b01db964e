"""The JSON codec of the records between stages: canonical, one line a record.

``to_json``/``from_json`` for one record, ``dump_lines``/``load_lines`` for many, and
``item_lines``/``from_item_lines`` for one large record written a line an entity. Any
frozen dataclass of the types records use (str, int, float, bool, None, Enums, tuples,
other such dataclasses) goes through it; decoders are built once per type.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


def to_json(record: Any) -> str:
    """One line of canonical JSON for a record."""
    return json.dumps(_encode(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def from_json(cls: type[T], line: str) -> T:
    """The record of type ``cls`` that ``to_json`` wrote as ``line``."""
    return typing.cast(T, _decode(cls, json.loads(line)))


def dump_lines(records: Iterable[Any]) -> Iterator[str]:
    for record in records:
        yield to_json(record) + "\n"


def load_lines(cls: type[T], lines: Iterable[str]) -> Iterator[T]:
    for line in lines:
        if line.strip():
            yield from_json(cls, line)


def item_lines(record: Any) -> Iterator[str]:
    """A large record as JSON lines, one per field and one per item of a tuple field
    (``["persons", {...}]``), so that neither writing nor reading it holds the whole
    text or its parsed tree at once; ``from_item_lines`` reads it back."""
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            for item in value:
                yield _line([f.name, _encode(item)])
        else:
            yield _line([f.name + "=", _encode(value)])


def from_item_lines(cls: type[T], lines: Iterable[str]) -> T:
    """The record ``item_lines`` wrote as ``lines``."""
    return from_item_lines_digested(cls, lines, digests=None)


# Per tuple field, the digest of each item's line, in the field's order.
ItemDigests = dict[str, list[bytes]]


def from_item_lines_digested(cls: type[T], lines: Iterable[str], *, digests: ItemDigests | None) -> T:
    """``from_item_lines``, also filling ``digests`` (when given) with a digest of each item's
    line: the same item written by any run has the same digest."""
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    items: dict[str, list[Any]] = {}
    for line in lines:
        if not line.strip():
            continue
        name, data = json.loads(line)
        if name.endswith("="):
            values[name[:-1]] = _decode(hints[name[:-1]], data)
        else:
            (item_type, _) = typing.get_args(hints[name])
            items.setdefault(name, []).append(_decode(item_type, data))
            if digests is not None:
                digests.setdefault(name, []).append(item_digest(line))
    for name, decoded in items.items():
        values[name] = tuple(decoded)
    return cls(**values)


def item_digest(line: str) -> bytes:
    """The digest of an item's line (as ``item_lines`` wrote it): equal items, equal digests."""
    return hashlib.blake2b(line.rstrip("\n").encode(), digest_size=16).digest()


def item_field(line: str) -> str:
    """The field an ``item_lines`` line belongs to (with a final "=" for a field's whole value)."""
    return line.split('"', 2)[1]  # the line is ["<field>",<value>]: field names are plain


def _line(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def _encode(value: Any) -> Any:
    """JSON data for a value of the types records use (the inverse of ``_decode``)."""
    kind = type(value)
    encoder = _ENCODERS.get(kind)
    if encoder is None:
        encoder = _ENCODERS[kind] = _build_encoder(kind)
    return encoder(value)


Encoder = Callable[[Any], Any]
_ENCODERS: dict[type, Encoder] = {}
_PLAIN = (str, int, float, bool, type(None))


def _build_encoder(kind: type) -> Encoder:
    """An encoder for values of type ``kind``, built once per type (like the decoders):
    the records of a corpus are millions of values."""
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        plain = tuple(f.name for f in dataclasses.fields(kind) if _is_plain(hints[f.name]))
        other = tuple(f.name for f in dataclasses.fields(kind) if not _is_plain(hints[f.name]))

        def encode_record(value: Any) -> Any:
            data = {name: getattr(value, name) for name in plain}
            data.update({name: _encode(getattr(value, name)) for name in other})
            return data

        return encode_record
    if issubclass(kind, enum.Enum):
        return lambda value: value.value
    if issubclass(kind, tuple | list):
        return lambda value: [_encode(v) for v in value]
    return _identity


def _is_plain(hint: Any) -> bool:
    """Whether a field's values go into JSON as they are (str, int, …, or None)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return all(_is_plain(arg) for arg in typing.get_args(hint))
    return hint in _PLAIN


Decoder = Callable[[Any], Any]
_DECODERS: dict[Any, Decoder] = {}


def _decode(tp: Any, data: Any) -> Any:
    return _decoder(tp)(data)


def _decoder(tp: Any) -> Decoder:
    """A function that turns JSON data into a value of type ``tp``, built once per type.

    Resolution reads every article's records: walking type hints per value would cost more
    than the resolution itself.
    """
    decoder = _DECODERS.get(tp)
    if decoder is None:
        decoder = _DECODERS[tp] = _build_decoder(tp)
    return decoder


def _identity(data: Any) -> Any:
    return data


def _build_decoder(tp: Any) -> Decoder:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        decode_inner = _decoder(inner)
        return lambda data: None if data is None else decode_inner(data)
    if origin is tuple:
        (inner, _) = typing.get_args(tp)
        decode_item = _decoder(inner)
        if decode_item is _identity:
            return tuple
        return lambda data: tuple(decode_item(v) for v in data)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        record_type = tp
        converted: list[dict[str, Decoder]] = []  # the fields whose JSON value is not the value

        def decode_record(data: Any) -> Any:
            if not converted:  # made on first use: a record type may refer to itself
                hints = typing.get_type_hints(record_type)
                decoders = {name: _decoder(hint) for name, hint in hints.items()}
                converted.append({n: d for n, d in decoders.items() if d is not _identity})
            for name, decode in converted[0].items():
                if name in data:  # data is fresh from json.loads: converted in place
                    data[name] = decode(data[name])
            return record_type(**data)

        return decode_record
    return _identity
