"""A crfsuite model whose attributes go by short names: the same model, cheaper for crfsuite to read.

crfsuite is given each token's attributes by name, and python-crfsuite copies
every name into C++ strings and looks it up in the model's string table: a
name longer than 15 bytes costs heap allocations (about 230 ns a name against
100 ns for a short one; the field labeller's names are "c-1/c=hobsbawm|the").
:func:`short_named` writes a second string table into a copy of the model, in
which attribute number *k* is named by *k* in a few bytes, and points the
model's header at it: every attribute keeps its number, its features and their
weights, so crfsuite computes the same scores in the same order, to the bit
(the labels and marginals are those of the model under its own names).

The model format (crfsuite's ``crf1d_model.c``): a 48-byte header whose
``off_attrs`` locates the attributes' CQDB (``cqdb.c``: a "constant quark
database", names hashed with Bob Jenkins' lookup3 ``hashlittle`` into 256
open-addressed tables, and a table of offsets by number). The new table is
appended at the end; the old one stays where it was, unread. The writer is
checked on the model's own table first: written again from its names, it must
come out byte for byte as crfsuite wrote it, or the model is used as it is.
"""

from __future__ import annotations

import struct

__all__ = ["attribute_names", "hashlittle", "short_named"]

_MASK = 0xFFFFFFFF
_CQDB_HEADER = struct.Struct("<4sIIIII")  # chunk id, size, flag, byte order, number of names, offset of the back links
_BYTE_ORDER = 0x62445371
_TABLES = 256
_OFFSET_DATA = _CQDB_HEADER.size + 8 * _TABLES
_MODEL_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # magic, size, type, version, counts, five offsets
_OFF_ATTRS = 36  # the byte of the header that holds the offset of the attributes' table


def _rot(x: int, k: int) -> int:
    return ((x << k) | (x >> (32 - k))) & _MASK


def _words(block: bytes) -> tuple[int, int, int]:
    """A 12-byte block as lookup3 reads it: three little-endian 32-bit words."""
    return (int.from_bytes(block[0:4], "little"), int.from_bytes(block[4:8], "little"),
            int.from_bytes(block[8:12], "little"))


def _mix(a: int, b: int, c: int) -> tuple[int, int, int]:
    """lookup3's ``mix``, between two blocks."""
    a = (a - c) & _MASK ^ _rot(c, 4)
    c = (c + b) & _MASK
    b = (b - a) & _MASK ^ _rot(a, 6)
    a = (a + c) & _MASK
    c = (c - b) & _MASK ^ _rot(b, 8)
    b = (b + a) & _MASK
    a = (a - c) & _MASK ^ _rot(c, 16)
    c = (c + b) & _MASK
    b = (b - a) & _MASK ^ _rot(a, 19)
    a = (a + c) & _MASK
    c = (c - b) & _MASK ^ _rot(b, 4)
    b = (b + a) & _MASK
    return a, b, c


def hashlittle(key: bytes, initval: int = 0) -> int:
    """lookup3's ``hashlittle`` (Bob Jenkins, public domain), the hash crfsuite's tables are built with."""
    length = len(key)
    a = b = c = (0xDEADBEEF + length + initval) & _MASK
    at = 0
    while length > 12:
        x, y, z = _words(key[at : at + 12])
        a, b, c = _mix((a + x) & _MASK, (b + y) & _MASK, (c + z) & _MASK)
        length -= 12
        at += 12
    if length == 0:  # crfsuite hashes a name with its NUL: never empty
        return c
    x, y, z = _words(key[at:] + bytes(12 - length))
    a, b, c = (a + x) & _MASK, (b + y) & _MASK, (c + z) & _MASK
    c = (c ^ b) - _rot(b, 14) & _MASK
    a = (a ^ c) - _rot(c, 11) & _MASK
    b = (b ^ a) - _rot(a, 25) & _MASK
    c = (c ^ b) - _rot(b, 16) & _MASK
    a = (a ^ c) - _rot(c, 4) & _MASK
    b = (b ^ a) - _rot(a, 14) & _MASK
    c = (c ^ b) - _rot(b, 24) & _MASK
    return c


def _read_cqdb(model: bytes, offset: int) -> tuple[list[bytes], int] | None:
    """The names of a CQDB chunk by number, and the chunk's size (None: not a chunk as expected)."""
    if offset + _OFFSET_DATA > len(model):
        return None
    chunk, size, _, order, count, back = _CQDB_HEADER.unpack_from(model, offset)
    if chunk != b"CQDB" or order != _BYTE_ORDER or not back or offset + size > len(model):
        return None
    names = []
    for number, at in enumerate(struct.unpack_from(f"<{count}I", model, offset + back)):
        found, length = struct.unpack_from("<II", model, offset + at)
        if found != number or not length:
            return None
        names.append(model[offset + at + 8 : offset + at + 7 + length])
    return names, size


def _write_cqdb(names: list[bytes]) -> bytes:
    """A CQDB chunk of ``names`` numbered in their order, as crfsuite's ``cqdb_writer`` writes it."""
    records = bytearray()
    tables: list[list[tuple[int, int]]] = [[] for _ in range(_TABLES)]
    back = []
    at = _OFFSET_DATA
    for number, name in enumerate(names):
        key = name + b"\0"
        hashed = hashlittle(key)
        tables[hashed % _TABLES].append((hashed, at))
        back.append(at)
        records += struct.pack("<II", number, len(key)) + key
        at += 8 + len(key)
    references = bytearray()
    buckets = bytearray()
    for table in tables:
        size = 2 * len(table)  # half of each table stays empty
        references += struct.pack("<II", at if table else 0, size)
        slots = [(0, 0)] * size
        for hashed, offset in table:
            k = (hashed >> 8) % size
            while slots[k][1]:
                k = (k + 1) % size
            slots[k] = (hashed, offset)
        for slot in slots:
            buckets += struct.pack("<II", *slot)
        at += 8 * size
    links = struct.pack(f"<{len(back)}I", *back)
    header = _CQDB_HEADER.pack(b"CQDB", at + len(links), 0, _BYTE_ORDER, len(names), at)
    return header + bytes(references) + bytes(records) + bytes(buckets) + links


def attribute_names(model: bytes) -> list[bytes] | None:
    """The model's attribute names by number (None: not a crfsuite CRF1d model as this module knows it)."""
    if len(model) < _MODEL_HEADER.size:
        return None
    magic, _, kind, *_ = _MODEL_HEADER.unpack_from(model, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        return None
    (offset,) = struct.unpack_from("<I", model, _OFF_ATTRS)
    read = _read_cqdb(model, offset)
    if read is None:
        return None
    names, size = read
    if _write_cqdb(names) != model[offset : offset + size]:
        return None  # not the table this writer makes: leave the model alone
    return names


def _short(number: int) -> bytes:
    """``number`` in bijective base 255 with the digits 1-255: one byte up to 254, two up to 65,279; no NUL."""
    digits = bytearray()
    while True:
        digits.append(number % 255 + 1)
        number = number // 255 - 1
        if number < 0:
            return bytes(digits)


def short_named(model: bytes) -> tuple[bytes, dict[bytes, bytes]] | None:
    """The model with its attributes named by their numbers, and each attribute's name in it by its own name
    (None: the model is not one this module can rename; use it as it is)."""
    names = attribute_names(model)
    if names is None:
        return None
    shorts = [_short(number) for number in range(len(names))]
    renamed = bytearray(model)
    renamed += bytes(-len(renamed) % 4)
    offset = len(renamed)
    renamed += _write_cqdb(shorts)
    struct.pack_into("<I", renamed, 4, len(renamed))
    struct.pack_into("<I", renamed, _OFF_ATTRS, offset)
    return bytes(renamed), dict(zip(names, shorts, strict=True))
