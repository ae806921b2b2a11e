"""File I/O at the edge: decoding inputs honestly and writing outputs atomically."""

from __future__ import annotations

import codecs
import os
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["InputError", "read_input", "stream_input", "write_atomic"]

# C0 control bytes that never occur in text (tab, newlines, form feed and escape excepted).
_BINARY_CONTROL = frozenset(range(9)) | {11} | frozenset(range(14, 27)) | frozenset(range(28, 32))


class InputError(Exception):
    """A problem with an input or output path, reported to the user in one line."""


def _refuse_binary(sample: bytes) -> None:
    if b"\x00" in sample or sum(byte in _BINARY_CONTROL for byte in sample) > len(sample) // 100 + 1:
        raise InputError("the input looks like a binary file, not text")


def _not_utf8(position: int, encoding: str) -> str:
    return f"input is not valid UTF-8 (byte {position}); decoded as {encoding}"


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 first (a BOM is dropped), then cp1252, then latin-1, with a warning."""
    if not data.strip():
        raise InputError("the input is empty")
    _refuse_binary(data[:65536])
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        position = error.start
    for encoding in ("cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, [_not_utf8(position, encoding)]
    raise InputError("the input could not be decoded")  # latin-1 decodes anything


def read_input(path: str) -> tuple[str, list[str]]:
    file = _checked_file(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    return decode(data)


def _checked_file(path: str) -> Path:
    file = Path(path)
    if not file.exists():
        raise InputError(f"no such file: {path}")
    if file.is_dir():
        raise InputError(f"is a directory, not a file: {path}")
    return file


def stream_input(path: str, chunk_size: int = 1 << 20) -> tuple[Iterator[str], list[str]]:
    """The input's lines (with their line ends), read lazily, decoded as :func:`decode` would.

    The file is first scanned in chunks (empty? binary? valid UTF-8?) without
    being held; the lines are then decoded in a second pass.
    """
    file = _checked_file(path)
    try:
        has_text, error_at = _scan(file, "utf-8", chunk_size)
        if not has_text:
            raise InputError("the input is empty")
        with file.open("rb") as stream:
            _refuse_binary(stream.read(65536))
        encoding, warnings = "utf-8-sig", []
        if error_at is not None:
            encoding = "cp1252" if _scan(file, "cp1252", chunk_size)[1] is None else "latin-1"
            warnings.append(_not_utf8(error_at, encoding))
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None

    def lines() -> Iterator[str]:
        with file.open(encoding=encoding, newline="") as text:
            yield from text

    return lines(), warnings


def _scan(file: Path, encoding: str, chunk_size: int) -> tuple[bool, int | None]:
    """(whether the file holds anything but whitespace, the byte offset of its first decoding error)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    has_text, position = False, 0
    with file.open("rb") as stream:
        while chunk := stream.read(chunk_size):
            has_text = has_text or bool(chunk.strip())
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return True, position + error.start
            position += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        return has_text, position + error.start
    return has_text, None


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def _mode(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """While writing, SIGTERM unwinds like Ctrl-C so the temporary file is removed (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_atomic(path: str, text: str | Iterable[str], *, inputs: tuple[str, ...] = ()) -> None:
    """Write via a temporary file in the target folder and a rename: never a half-written file.

    ``text`` may be given in pieces (an exporter's chunks), written as they come; if
    making a piece fails, the temporary file goes and the old output stays.
    """
    target = Path(path)
    for source in inputs:
        if target.exists() and Path(source).exists() and os.path.samefile(source, target):
            raise InputError(f"refusing to overwrite the input file: {path}")
    if target.is_dir():
        raise InputError(f"output path is a directory: {path}")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"output folder does not exist: {folder}")
    with _sigterm_unwinds():
        _write(target, folder, path, text)


def _write(target: Path, folder: Path, path: str, text: str | Iterable[str]) -> None:
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write to {folder}: {_reason(error)}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            # mkstemp makes the file 0600; give the output the mode a plain open()
            # would (or the mode of the file it replaces).
            os.fchmod(stream.fileno(), _mode(target))
            for piece in [text] if isinstance(text, str) else text:
                stream.write(piece)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {_reason(error)}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
