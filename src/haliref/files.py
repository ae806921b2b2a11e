"""File I/O at the edge: decoding inputs honestly and writing outputs atomically."""

from __future__ import annotations

import codecs
import os
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

__all__ = [
    "STDIN",
    "InputError",
    "Source",
    "decode",
    "path_status",
    "read_input",
    "replace_atomically",
    "shown",
    "stdout_stream",
    "stream_input",
    "write_atomic",
    "write_stdout",
]

# C0 control bytes that never occur in text (tab, newlines, form feed and escape excepted).
_BINARY_CONTROL = frozenset(range(9)) | {11} | frozenset(range(14, 27)) | frozenset(range(28, 32))
_BINARY_CHARS = "".join(map(chr, sorted(_BINARY_CONTROL)))

#: Standard input, as an input path.
STDIN = "-"
#: How much of an input is judged (binary? which encoding?) before the rest is read.
SNIFF_BYTES = 65536
#: A pipe, a FIFO or a device is read once and held in memory: at most this much.
MAX_HELD_BYTES = 1 << 30

# Byte order marks, the longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE = ("utf-32", "utf-16", "utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")


class InputError(Exception):
    """A problem with an input or output path, reported to the user in one line."""


def shown(path: str | os.PathLike[str], limit: int = 120) -> str:
    """A path as it goes into a one-line message: an over-long one is cut in the middle."""
    text = os.fsdecode(path)
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    if len(text) <= limit:
        return text
    return f"{text[: limit // 2 - 1]}…{text[-(limit // 2 - 1):]}"


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def path_status(path: str | os.PathLike[str], *, follow: bool = True) -> os.stat_result | None:
    """``os.stat`` (None when nothing is there); any other failure is an :class:`InputError`."""
    try:
        return os.stat(path) if follow else os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as error:  # a name over 255 bytes, a path over 4,096, no permission, a loop
        raise InputError(f"{shown(path)}: {_reason(error)}") from None
    except ValueError as error:  # an embedded NUL
        raise InputError(f"{shown(path)}: {error}") from None


def _refuse_binary(sample: bytes) -> None:
    nul = sample.find(b"\x00")
    if nul >= 0:
        raise InputError(f"the input looks like a binary file, not text (a NUL byte at byte {nul})")
    if sum(byte in _BINARY_CONTROL for byte in sample) > len(sample) // 100 + 1:
        raise InputError("the input looks like a binary file, not text")


def _refuse_binary_text(sample: str) -> None:
    nul = sample.find("\x00")
    if nul >= 0:
        raise InputError(f"the input looks like a binary file, not text (a NUL character at character {nul})")
    if sum(sample.count(char) for char in _BINARY_CHARS) > len(sample) // 100 + 1:
        raise InputError("the input looks like a binary file, not text")


def sniff_encoding(head: bytes) -> str | None:
    """UTF-32 or UTF-16 (by the byte order mark, or, without one, by where the NUL bytes
    of mostly-ASCII text fall), ``utf-8-sig`` for a UTF-8 mark; None: an 8-bit encoding."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    sample = head[:4096]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    layouts = ((4, "utf-32-le", 0), (4, "utf-32-be", 3), (2, "utf-16-le", 0), (2, "utf-16-be", 1))
    for width, encoding, text_at in layouts:
        units = len(sample) // width
        if not units:
            continue
        nul_rows = [sample[i : units * width : width].count(0) / units for i in range(width)]
        if nul_rows[text_at] < 0.05 and all(nul_rows[i] > 0.6 for i in range(width) if i != text_at):
            try:
                sample[: units * width].decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


def _encoding_note(encoding: str) -> list[str]:
    """A BOM-less UTF-16/32 file was read by its NUL bytes: say so."""
    if not encoding.endswith(("-le", "-be")):
        return []
    return [f"the input has no byte order mark; read as {encoding.upper()}"]


def _not_utf8(position: int, encoding: str) -> str:
    return f"input is not valid UTF-8 (byte {position}); decoded as {encoding}"


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-16/32 by their mark (or their NUL bytes); else UTF-8 first (a BOM is dropped),
    then cp1252, then latin-1, with a warning. A NUL anywhere is binary."""
    encoding = sniff_encoding(data[:SNIFF_BYTES])
    if encoding in _WIDE:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise InputError(f"the input reads as {encoding.upper()} but byte {error.start} is not") from None
        if not text.strip():
            raise InputError("the input is empty")
        _refuse_binary_text(text[:SNIFF_BYTES])
        if "\x00" in text:
            _refuse_binary_text(text)
        return text, _encoding_note(encoding)
    if not data.strip():
        raise InputError("the input is empty")
    _refuse_binary(data[:SNIFF_BYTES])
    if b"\x00" in data:
        _refuse_binary(data)
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


def _read_held(stream: BinaryIO, name: str) -> bytes:
    """A pipe, FIFO or device read to its end, once: judged as soon as its first 64 KiB are in
    (``/dev/zero`` is refused there), a NUL refused in any piece, at most MAX_HELD_BYTES."""
    pieces: list[bytes] = []
    size = 0
    judged = False
    wide = False
    while True:
        piece = stream.read(SNIFF_BYTES)
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
        if not judged and size >= SNIFF_BYTES:
            head = b"".join(pieces)[:SNIFF_BYTES]
            wide = sniff_encoding(head) in _WIDE
            if not wide:
                _refuse_binary(head)
            judged = True
        elif judged and not wide and b"\x00" in piece:
            _refuse_binary(piece)
        if size > MAX_HELD_BYTES:
            raise InputError(
                f"{name}: over {MAX_HELD_BYTES >> 20} MiB from a pipe or device; save it to a file and give that"
            )
    return b"".join(pieces)


class Source:
    """One input, named by a path or ``-`` (standard input).

    A regular file is read from disk, as often as needed (and streamed); anything
    else (standard input, a pipe, ``/dev/stdin``, a FIFO, a device) is read once,
    bounded (:func:`_read_held`), and held, so every later look sees the same bytes.
    """

    def __init__(self, path: str, *, stdin: BinaryIO | None = None) -> None:
        self.path = path
        self.name = "standard input" if path == STDIN else shown(path)
        self._data: bytes | None = None
        self._decoded: tuple[str, list[str]] | None = None
        if path == STDIN:
            if stdin is None:
                if sys.stdin is None:
                    raise InputError("standard input is closed")
                stdin = sys.stdin.buffer
            try:
                self._data = _read_held(stdin, self.name)
            except OSError as error:
                raise InputError(f"cannot read standard input: {_reason(error)}") from None
            return
        status = path_status(path)
        if status is None:
            raise InputError(f"no such file: {self.name}")
        if stat.S_ISDIR(status.st_mode):
            raise InputError(f"is a directory, not a file: {self.name}")
        if not stat.S_ISREG(status.st_mode):
            try:
                with open(path, "rb") as stream:
                    self._data = _read_held(stream, self.name)
            except OSError as error:
                raise InputError(f"cannot read {self.name}: {_reason(error)}") from None

    @property
    def held(self) -> bool:
        """Read once into memory (not a regular file)."""
        return self._data is not None

    def head(self, size: int = 4096) -> bytes:
        if self._data is not None:
            return self._data[:size]
        try:
            with open(self.path, "rb") as stream:
                return stream.read(size)
        except OSError as error:
            raise InputError(f"cannot read {self.name}: {_reason(error)}") from None

    def read(self) -> tuple[str, list[str]]:
        """The whole text, decoded by :func:`decode` (once), and its warnings."""
        if self._decoded is None:
            if self._data is not None:
                data = self._data
            else:
                try:
                    data = Path(self.path).read_bytes()
                except OSError as error:
                    raise InputError(f"cannot read {self.name}: {_reason(error)}") from None
            self._decoded = decode(data)
        text, warnings = self._decoded
        return text, list(warnings)

    def lines(self, chunk_size: int = 1 << 20) -> tuple[Iterator[str], list[str]]:
        """The lines (with their line ends), lazily for a regular file, as :func:`decode` would."""
        if self._data is not None or self._decoded is not None:
            text, warnings = self.read()
            return iter(text.splitlines(keepends=True)), warnings
        return _stream_file(Path(self.path), self.name, chunk_size)


def read_input(path: str) -> tuple[str, list[str]]:
    return Source(path).read()


def stream_input(path: str, chunk_size: int = 1 << 20) -> tuple[Iterator[str], list[str]]:
    """The input's lines (with their line ends), read lazily, decoded as :func:`decode` would.

    The file is first scanned in chunks (empty? binary? valid UTF-8?) without
    being held; the lines are then decoded in a second pass.
    """
    return Source(path).lines(chunk_size)


def _stream_file(file: Path, name: str, chunk_size: int) -> tuple[Iterator[str], list[str]]:
    try:
        with file.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
        sniffed = sniff_encoding(head)
        warnings: list[str] = []
        if sniffed in _WIDE:
            encoding = sniffed
            has_text, error_at = _scan(file, encoding, chunk_size)
            if error_at is not None:
                raise InputError(f"the input reads as {encoding.upper()} but byte {error_at} is not")
            warnings = _encoding_note(encoding)
        else:
            if head.strip():
                _refuse_binary(head)
            has_text, error_at = _scan(file, "utf-8", chunk_size)
            encoding = "utf-8-sig"
            if error_at is not None:
                encoding = "cp1252" if _scan(file, "cp1252", chunk_size)[1] is None else "latin-1"
                warnings.append(_not_utf8(error_at, encoding))
        if not has_text:
            raise InputError("the input is empty")
    except OSError as error:
        raise InputError(f"cannot read {name}: {_reason(error)}") from None

    def lines() -> Iterator[str]:
        with file.open(encoding=encoding, newline="") as text:
            yield from text

    return lines(), warnings


def _scan(file: Path, encoding: str, chunk_size: int) -> tuple[bool, int | None]:
    """(whether the file holds anything but whitespace, the byte offset of its first decoding error).

    A NUL (byte, or character of a UTF-16/32 file) anywhere is refused as binary.
    """
    wide = encoding in _WIDE
    decoder = codecs.getincrementaldecoder(encoding)()
    has_text, position = False, 0
    with file.open("rb") as stream:
        while chunk := stream.read(chunk_size):
            if not wide and b"\x00" in chunk:
                raise InputError(
                    f"the input looks like a binary file, not text (a NUL byte at byte {position + chunk.find(0)})"
                )
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as error:
                return True, position + error.start
            if wide and "\x00" in text:
                _refuse_binary_text(text)
            has_text = has_text or bool(text.strip())
            position += len(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:
        return has_text, position + error.start
    return has_text, None


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


def stdout_stream() -> Any:
    """``sys.stdout``, or a one-line error when the standard output was closed (``>&-``)."""
    if sys.stdout is None:
        raise InputError("standard output is closed")
    return sys.stdout


def write_stdout(text: str | Iterable[str]) -> None:
    """Write to standard output in UTF-8, whatever its encoding (an ASCII-only locale included)."""
    stream = stdout_stream()
    binary = getattr(stream, "buffer", None)
    try:
        if binary is None:
            for piece in [text] if isinstance(text, str) else text:
                stream.write(piece)
            return
        stream.flush()
        for piece in [text] if isinstance(text, str) else text:
            binary.write(piece.encode("utf-8", "surrogateescape"))
        binary.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise InputError(f"cannot write to standard output: {_reason(error)}") from None


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _in_place(path: str, status: os.stat_result) -> bool:
    """Written into, never replaced: a device, a FIFO, a socket, or a name in /dev or /proc
    (``/dev/stdout``, ``/dev/fd/1``: replacing what they point to would lose the output)."""
    if not stat.S_ISREG(status.st_mode):
        return True
    return os.path.abspath(path).startswith(("/dev/", "/proc/"))


def _cut(name: str, limit: int) -> str:
    """``name`` cut to at most ``limit`` bytes (so a temporary name stays under the 255-byte limit)."""
    data = os.fsencode(name)[:limit]
    return os.fsdecode(data.decode("utf-8", "ignore").encode("utf-8")) if len(data) == limit else os.fsdecode(data)


def write_atomic(path: str, text: str | Iterable[str], *, inputs: tuple[str, ...] = ()) -> None:
    """Write via a temporary file in the target folder and a rename: never a half-written file.

    ``text`` may be given in pieces (an exporter's chunks), written as they come; if
    making a piece fails, the temporary file goes and the old output stays. A
    device, a FIFO or ``/dev/stdout`` is written into directly (it is not ours to
    replace); through a symbolic link, the file it points to is replaced and the
    link kept. An output that is one of ``inputs`` is refused.
    """
    status = path_status(path)
    if status is not None:
        for source in inputs:
            if source == STDIN:
                continue
            source_status = path_status(source)
            if source_status is not None and _same_file(source_status, status):
                raise InputError(f"refusing to overwrite the input file: {shown(path)}")
        if stat.S_ISDIR(status.st_mode):
            raise InputError(f"output path is a directory: {shown(path)}")
        if _in_place(path, status):
            _write_in_place(path, text)
            return
    target = Path(path)
    link = path_status(path, follow=False)
    if link is not None and stat.S_ISLNK(link.st_mode):
        target = Path(os.path.realpath(path))
    folder = target.parent if str(target.parent) else Path(".")
    folder_status = path_status(folder)
    if folder_status is None or not stat.S_ISDIR(folder_status.st_mode):
        raise InputError(f"output folder does not exist: {shown(folder)}")
    with _sigterm_unwinds():
        _write(target, folder, shown(path), text)


@contextmanager
def replace_atomically(path: str) -> Iterator[str]:
    """A temporary path beside ``path`` for a writer that wants a file name (a trainer):
    renamed onto ``path`` when the block ends, removed if it fails. The folder is
    checked first, so a bad target is said at once, not after the work."""
    status = path_status(path)
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise InputError(f"output path is a directory: {shown(path)}")
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise InputError(f"cannot write {shown(path)} atomically: it is not a regular file")
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    folder_status = path_status(folder)
    if folder_status is None or not stat.S_ISDIR(folder_status.st_mode):
        raise InputError(f"output folder does not exist: {shown(folder)}")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{_cut(target.name, 200)}.", suffix=".tmp", dir=folder)
        os.close(handle)
    except OSError as error:
        raise InputError(f"cannot write to {shown(folder)}: {_reason(error)}") from None
    with _sigterm_unwinds():
        try:
            yield temporary
            os.chmod(temporary, _mode(target))
            os.replace(temporary, target)
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            raise InputError(f"cannot write {shown(path)}: {_reason(error)}") from None
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _write_in_place(path: str, text: str | Iterable[str]) -> None:
    try:
        with open(path, "a", encoding="utf-8", newline="\n") as stream:
            for piece in [text] if isinstance(text, str) else text:
                stream.write(piece)
    except OSError as error:
        raise InputError(f"cannot write {shown(path)}: {_reason(error)}") from None


def _write(target: Path, folder: Path, path: str, text: str | Iterable[str]) -> None:
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{_cut(target.name, 200)}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write to {shown(folder)}: {_reason(error)}") from None
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
