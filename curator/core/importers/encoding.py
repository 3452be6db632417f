"""Reading an import file's bytes: compression, binary formats, text encoding, and progress.

`sniff(path)` reads the file once (its SHA-256, its magic bytes, and whether it decodes as
UTF-8) and decides the encoding in this order: a byte-order mark (UTF-8, UTF-16, UTF-32);
UTF-16 without a mark (NUL bytes in every other place); strict UTF-8; GBK when nearly every
non-ASCII byte pairs up as a GB2312 double byte; cp1252 when every byte is defined there;
Latin-1 last (it decodes anything). Statistical detectors misread short files, so these are
rules on the whole file, each tested. Gzip files are read through transparently.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from curator.core.errors import CuratorError
from curator.core.importers import limits
from curator.core.importers.base import ImportFailure

CHUNK = 1 << 20
HEAD = 1 << 16

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Binary files people drop by mistake, named in the error.
_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0", "a legacy Microsoft Office file (.xls/.doc); save it as .xlsx or CSV"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)
_HIGH = re.compile(rb"[\x80-\xff]")
_GB_PAIR = re.compile(rb"[\xa1-\xfe][\xa1-\xfe]")


@dataclass
class Source:
    """What `sniff` learnt about a file before it is parsed."""

    path: Path
    size: int
    sha256: str
    gzipped: bool = False
    zip: bool = False
    encoding: str | None = None
    head: str = ""
    notes: list[str] = field(default_factory=list)
    control: int = 0  # NUL and control characters in the text, removed as it is read
    lines: int = 0  # line breaks counted while sniffing (0 for a zip: its text is packed)

    @property
    def encoding_label(self) -> str | None:
        return {"utf-8-sig": "utf-8 (BOM)", "utf-16": "utf-16 (BOM)", "utf-32": "utf-32 (BOM)"}.get(
            self.encoding or "", self.encoding
        )


class CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read from it (for progress by position)."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n

    def close(self) -> None:
        self.raw.close()
        super().close()


def _open_bytes(path: Path, gzipped: bool) -> tuple[BinaryIO, CountingReader]:
    counter = CountingReader(path.open("rb"))
    buffered: BinaryIO = io.BufferedReader(counter, CHUNK)
    if gzipped:
        buffered = gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[assignment]
    return buffered, counter


def sniff(path: Path) -> Source:
    """Hash the file and decide how to read it; CuratorError for what is no citation file."""
    path = Path(path)
    if not path.exists():
        raise CuratorError(f"{path}: no such file")
    if path.is_dir():
        raise CuratorError(f"{path}: is a folder, not an export file")
    size = path.stat().st_size
    if size == 0:
        raise CuratorError(f"{path}: the file is empty")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        magic = handle.read(4)
    gzipped = magic[:2] == b"\x1f\x8b"
    stream, _counter = _open_bytes(path, gzipped)
    try:
        first = stream.read(CHUNK)
        source = Source(path, size, "", gzipped=gzipped)
        if first.startswith(b"PK\x03\x04"):
            source.zip = True
        for signature, name in _MAGIC:
            if first.startswith(signature):
                raise CuratorError(f"{path}: this is {name}, not a citation export")
        if not first.strip(b"\x00 \t\r\n"):
            if not source.zip:
                raise CuratorError(f"{path}: the file holds no text (empty or blank)")
        source.encoding = None if source.zip else _start_encoding(path, first)
        decoder = None
        if source.encoding is None and not source.zip:
            decoder = _Fallback()
        elif source.encoding == "utf-8":
            decoder = _Utf8Check()
        counter = _ControlCount(source.encoding)
        meter, total = limits.LineMeter(), 0
        chunk = first
        while chunk:
            if decoder is not None:
                decoder.feed(chunk)
            if not source.zip:
                counter.feed(chunk)
                meter.feed(chunk)
                limits.refuse_long_line(meter, first)
            total += len(chunk)
            if gzipped:
                limits.refuse_decompressed(total)
            chunk = stream.read(CHUNK)
    except ImportFailure as exc:
        raise CuratorError(f"{path}: {exc}; nothing was imported") from None
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise CuratorError(f"{path}: cannot be read ({exc})") from exc
    except UnicodeDecodeError as exc:
        raise CuratorError(
            f"{path}: not valid {source.encoding} text at byte {counter.offset + exc.start} "
            f"({exc.reason}); nothing was imported"
        ) from None
    finally:
        stream.close()
    if isinstance(decoder, _Utf8Check):
        source.encoding = "utf-8" if decoder.finish() else None
        if source.encoding is None:
            decoder = _Fallback()
            _refeed(path, gzipped, decoder)
    if isinstance(decoder, _Fallback):
        source.encoding = decoder.finish()
        source.notes.append(f"not UTF-8: read as {source.encoding}")
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    source.sha256 = digest.hexdigest()
    if not source.zip:
        source.lines = meter.lines
    if counter.count:
        source.control = counter.count
        source.notes.append(
            f"removed {counter.count} NUL or control character(s), which are not text "
            f"(the first at byte {counter.first})"
        )
    if not source.zip:
        source.head = _decode_head(first, source.encoding or "latin-1")
        if _looks_binary(source.head):
            raise CuratorError(f"{path}: binary data (control bytes), not a citation export")
    return source


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\ufffd]")


def _looks_binary(head: str) -> bool:
    """More than 1% control characters (or undecodable bytes) in the first 64 KB."""
    sample = head[:HEAD]
    return bool(sample) and len(_CONTROL.findall(sample)) > max(2, len(sample) // 100)


def _refeed(path: Path, gzipped: bool, decoder: _Fallback) -> None:
    stream, _ = _open_bytes(path, gzipped)
    with stream:
        for block in iter(lambda: stream.read(CHUNK), b""):
            decoder.feed(block)


def _start_encoding(path: Path, first: bytes) -> str | None:
    for bom, name in _BOMS:
        if first.startswith(bom):
            return name
    sample = first[:4096]
    if len(sample) >= 4 and b"\x00" in sample:
        even = sample[0::2].count(0)
        odd = sample[1::2].count(0)
        half = len(sample) // 2
        if odd > 0.4 * half and even < 0.05 * half:
            return "utf-16-le"
        if even > 0.4 * half and odd < 0.05 * half:
            return "utf-16-be"
        if sample.count(0) > max(2, len(sample) // 100):
            raise CuratorError(f"{path}: binary data (NUL bytes), not a citation export")
    return "utf-8"  # a few stray NULs are removed as the text is read (`Source.control`)


def _decode_head(first: bytes, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(first[:HEAD], final=False)


class _Utf8Check:
    def __init__(self) -> None:
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.ok = True

    def feed(self, chunk: bytes) -> None:
        if self.ok:
            try:
                self.decoder.decode(chunk)
            except UnicodeDecodeError:
                self.ok = False

    def finish(self) -> bool:
        if self.ok:
            try:
                self.decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                self.ok = False
        return self.ok


class _Fallback:
    """Counts evidence for GBK versus cp1252 over the whole file."""

    def __init__(self) -> None:
        self.gbk = codecs.getincrementaldecoder("gbk")()
        self.cp1252 = codecs.getincrementaldecoder("cp1252")()
        self.gbk_ok = self.cp1252_ok = True
        self.high = self.paired = 0

    def feed(self, chunk: bytes) -> None:
        self.high += len(_HIGH.findall(chunk))
        self.paired += 2 * len(_GB_PAIR.findall(chunk))
        for name in ("gbk", "cp1252"):
            if getattr(self, f"{name}_ok"):
                try:
                    getattr(self, name).decode(chunk)
                except UnicodeDecodeError:
                    setattr(self, f"{name}_ok", False)

    def finish(self) -> str:
        if self.gbk_ok and self.high >= 4 and self.paired >= 0.9 * self.high:
            return "gbk"
        return "cp1252" if self.cp1252_ok else "latin-1"


# NUL and the C0 controls other than tab, line feed and carriage return: never text.
CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])
_CONTROL_TEXT = re.compile("[" + re.escape(CONTROL_BYTES.decode("ascii")) + "]")
_DELETE = dict.fromkeys(CONTROL_BYTES)


class _ControlCount:
    """Counts NUL and control characters over the whole file (and where the first is); for
    UTF-16 and UTF-32 it decodes, which also checks the text is valid."""

    def __init__(self, encoding: str | None):
        wide = (encoding or "").startswith(("utf-16", "utf-32"))
        self.decoder = codecs.getincrementaldecoder(encoding)() if wide else None  # type: ignore[arg-type]
        self.count = 0
        self.first: int | None = None
        self.offset = 0

    def feed(self, chunk: bytes) -> None:
        if self.decoder is not None:
            text = self.decoder.decode(chunk)
            found = len(_CONTROL_TEXT.findall(text))
            where = _CONTROL_TEXT.search(text)
        else:
            found = len(chunk) - len(chunk.translate(None, CONTROL_BYTES))
            where = re.search(b"[" + re.escape(CONTROL_BYTES) + b"]", chunk) if found else None
        if found and self.first is None and where is not None:
            self.first = self.offset + where.start()
        self.count += found
        self.offset += len(chunk)


class _StripControl(io.TextIOBase):
    """A text stream without NUL and control characters (a file `sniff` found them in)."""

    def __init__(self, inner: io.TextIOWrapper):
        self.inner = inner

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        while True:
            text = self.inner.read(size)
            clean = text.translate(_DELETE)
            if clean or not text or size is None or size < 0:
                return clean

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        return self.inner.readline(size).translate(_DELETE)

    def __next__(self) -> str:
        line = self.inner.readline()
        if not line:
            raise StopIteration
        return line.translate(_DELETE)

    def close(self) -> None:
        self.inner.close()
        super().close()


class _StripControlBytes(io.RawIOBase):
    """Bytes without NUL and control bytes, for XML in an ASCII-compatible encoding."""

    def __init__(self, inner: BinaryIO):
        self.inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        while True:
            data = self.inner.read(len(buffer))
            clean = data.translate(None, CONTROL_BYTES)
            if clean or not data:
                buffer[: len(clean)] = clean
                return len(clean)

    def close(self) -> None:
        self.inner.close()
        super().close()


def open_text(
    source: Source, *, newline: str | None = None
) -> tuple[io.TextIOBase, CountingReader]:
    """The file as text in its encoding (NUL and control characters left out, when `sniff`
    found any); the counter's `count` is the bytes read so far."""
    stream, counter = _open_bytes(source.path, source.gzipped)
    wrapper = io.TextIOWrapper(stream, encoding=source.encoding or "utf-8", newline=newline)
    if source.control:
        return _StripControl(wrapper), counter
    return wrapper, counter


def open_binary(source: Source) -> tuple[BinaryIO, CountingReader]:
    stream, counter = _open_bytes(source.path, source.gzipped)
    wide = (source.encoding or "").startswith(("utf-16", "utf-32"))
    if source.control and not wide:
        return io.BufferedReader(_StripControlBytes(stream)), counter  # type: ignore[return-value]
    return stream, counter
