"""A file read into batches ready for the writer, in this process or in a reader process.

`read_batches` reads a detected file and yields `ReadBatch`es: the records of up to `size`
citations as rows (`writer.prepare`: names parsed, venues folded, JSON encoded), with the
skipped records and warnings met on the way and the bytes read so far. Reading, parsing and
preparing are about half of an import's CPU; the other half is SQLite in the writer, which
must stay in the process that holds the review's transaction. So a large file is read by a
second Python process (`ReaderProcess`), on the other core, that sends the batches through a
pipe while this process writes the previous one:

- memory stays bounded by the batch: the reader blocks on the pipe until the writer takes the
  batch it holds, so at most about three batches exist at once (being read, in the pipe,
  being written);
- a file that cannot be read fails in the reader with the same message as in-process (file,
  record or line, problem), and the writer raises it inside its transaction, which rolls
  back; a reader that dies is an error too, never a short import;
- cancel (or any error in the writer) kills the reader and waits for it.

The reader is started with `sys.executable -c` and given this process's `sys.path`, never
forked (a GUI process has Qt threads), and never imports the main module of this process.
Small files are read in-process: starting the reader costs about 0.15 s (`use_process`).
"""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from curator.core import collector
from curator.core.errors import CuratorError
from curator.core.importers.base import Citation, ImportFailure
from curator.core.importers.detect import Detected, Reading
from curator.core.importers.writer import Prepared, prepare

# Errors a reader raises on a file it cannot read (turned into a message naming the record).
READ_ERRORS = (UnicodeDecodeError, ValueError, KeyError, IndexError, TypeError, OSError, EOFError)


# Formats whose text is not cleaned by the encoding layer (`encoding.open_text`): a JSON
# escape can name a lone surrogate or a control character, an Excel cell can hold one.
CLEANED_HERE = frozenset({"csl-json", "xlsx"})
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def clean_citation(citation: Citation) -> None:
    """Remove control characters and replace lone surrogates (which no file can store) with
    U+FFFD in every text of `citation`, its raw fields included; a warning says so."""
    found = {"control": 0, "surrogate": 0}

    def fix(value: Any, depth: int = 0) -> Any:
        if isinstance(value, str):
            if not _UNSAFE.search(value):
                return value
            for char in _UNSAFE.findall(value):
                found["surrogate" if char >= "\ud800" else "control"] += 1
            return _UNSAFE.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else "", value)
        if depth > 64:
            return value
        if isinstance(value, list):
            return [fix(v, depth + 1) for v in value]
        if isinstance(value, dict):
            return {fix(k, depth + 1): fix(v, depth + 1) for k, v in value.items()}
        return value

    for name in _TEXT_FIELDS:
        setattr(citation, name, fix(getattr(citation, name)))
    if found["control"]:
        citation.warnings.append(f"removed {found['control']} control character(s)")
    if found["surrogate"]:
        citation.warnings.append(
            f"replaced {found['surrogate']} lone surrogate(s) (broken Unicode) with \ufffd"
        )


_TEXT_FIELDS = [f.name for f in fields(Citation) if f.name not in ("position", "year", "warnings")]


@dataclass
class ReadBatch:
    """Up to one batch of records ready to write, and what reading them met."""

    rows: Prepared | None  # None when every record read since the last batch was skipped
    read: int = 0  # records read (written, skipped or not)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    done: int = 0  # bytes of the file read so far
    last: bool = False  # the end of the file
    peak_kb: int | None = None  # the reader process's peak resident memory (last batch, Linux)


class BatchReader:
    """Iterate the `ReadBatch`es of one file; `position` is the last record reached (for
    naming it when the file turns out to be unreadable)."""

    def __init__(self, detected: Detected, mapping: dict[str, str] | None, size: int):
        self.detected = detected
        self.mapping = mapping
        self.size = size
        self.position = 0

    def __iter__(self) -> Iterator[ReadBatch]:
        with Reading(self.detected, self.mapping) as reading:
            citations = iter(reading.citations)
            while True:
                with collector.paused():
                    out = self._next(citations, reading)
                yield out
                if out.last:
                    return

    def _next(self, citations: Iterator[Citation], reading: Reading) -> ReadBatch:
        """The next batch: up to `size` citations read on from `citations`, prepared."""
        clean = self.detected.format in CLEANED_HERE
        batch: list = []
        out = ReadBatch(None)
        for citation in citations:
            self.position = citation.position
            out.read += 1
            if clean:
                clean_citation(citation)
            if citation.skip:
                out.skipped.append((citation.position, citation.skip))
                continue
            if citation.is_empty():
                out.skipped.append(
                    (citation.position, "empty record (no title, authors, DOI or abstract)")
                )
                continue
            for warning in citation.warnings:
                out.warnings.append((citation.position, warning))
            batch.append(citation)
            if len(batch) >= self.size:
                out.rows = prepare(batch)
                out.done = reading.done
                return out
        out.rows = prepare(batch) if batch else None
        out.done = self.detected.source.size
        out.last = True
        return out

    def failure(self, exc: BaseException) -> CuratorError | None:
        """The error to show for `exc` raised while reading (None: a bug, not the file)."""
        path, position = self.detected.source.path, self.position
        if isinstance(exc, ImportFailure):
            where = (
                f", {exc.where}" if exc.where else (f", record {position + 1}" if position else "")
            )
            return CuratorError(f"{path}{where}: {exc}; nothing was imported")
        if isinstance(exc, CuratorError):
            return exc
        if isinstance(exc, READ_ERRORS):
            return CuratorError(
                f"{path}, record {position + 1}: cannot be read ({type(exc).__name__}: {exc}); "
                "nothing was imported"
            )
        return None


def read_batches(
    detected: Detected, mapping: dict[str, str] | None, size: int
) -> Iterator[ReadBatch]:
    """The batches of one file, read in this process; errors as `BatchReader.failure` says."""
    reader = BatchReader(detected, mapping, size)
    try:
        yield from reader
    except Exception as exc:
        error = reader.failure(exc)
        if error is None or error is exc:
            raise
        raise error from exc


# -- the reader process -------------------------------------------------------------------
_BOOT = (
    "import pickle, sys; sys.path[:] = pickle.load(sys.stdin.buffer); "
    "from curator.core.importers.batches import _child; _child()"
)


class ReaderProcess:
    """`read_batches` in a second process; iterate it, and `close()` it in any case."""

    def __init__(self, detected: Detected, mapping: dict[str, str] | None, size: int):
        self.path = detected.source.path
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _BOOT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=1 << 20,
        )
        try:
            assert self.proc.stdin is not None
            pickle.dump(list(sys.path), self.proc.stdin)
            pickle.dump((detected, mapping, size), self.proc.stdin)
            self.proc.stdin.close()
        except BaseException:
            self.close()
            raise

    def __iter__(self) -> Iterator[ReadBatch]:
        assert self.proc.stdout is not None
        while True:
            try:
                with collector.paused():
                    kind, payload = pickle.load(self.proc.stdout)
            except (EOFError, pickle.UnpicklingError, OSError) as exc:
                code = self.proc.wait()
                raise CuratorError(
                    f"{self.path}: the reading process stopped unexpectedly (exit code {code}, "
                    f"{type(exc).__name__}); nothing was imported"
                ) from exc
            if kind == "batch":
                yield payload
                if payload.last:
                    return
            elif kind == "error":
                raise CuratorError(payload)
            else:  # "bug": a reader bug, not a bad file; its traceback is in the message
                raise RuntimeError(f"{self.path}: the reading process failed:\n{payload}")

    def close(self) -> None:
        """Stop the reader if it is still running and wait for it (idempotent)."""
        proc = self.proc
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            if stream is not None and not stream.closed:
                stream.close()

    def __enter__(self) -> ReaderProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _child() -> None:
    """The reader process: read the job from stdin, send ("batch", ReadBatch)... on stdout,
    or ("error", message) for a file that cannot be read, ("bug", traceback) otherwise."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    try:  # a stray print must not corrupt the pipe: fd 1 becomes stderr (or nothing)
        stray = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # no stderr (pythonw)
        stray = os.open(os.devnull, os.O_WRONLY)
    os.dup2(stray, sys.stdout.fileno())
    detected, mapping, size = pickle.load(sys.stdin.buffer)
    reader = BatchReader(detected, mapping, size)

    def send(message: tuple) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    try:
        try:
            for batch in reader:
                if batch.last:
                    batch.peak_kb = _peak_kb()
                send(("batch", batch))
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the writer
            error = reader.failure(exc)
            if error is not None:
                send(("error", str(error)))
            else:
                send(("bug", "".join(traceback.format_exception(exc))))
        out.close()
    except BrokenPipeError:  # the writer stopped (cancel or its own error): nothing to say
        os._exit(0)


def _peak_kb() -> int | None:
    """This process's peak resident memory since it started (VmHWM; None off Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return None


def spare_core() -> bool:
    """Is there a second core for the reader? Decided by the CPU count alone, so the same file
    on the same machine is always read the same way (sampling what is idle now, or the load
    average, gave different answers from one import to the next). On a machine busy with
    other work the two processes take turns and the pipe costs about 10% more CPU than
    reading in-process; that is the price of a rule one can predict."""
    return (os.cpu_count() or 1) >= 2


def use_process(detected: Detected, min_bytes: int, min_lines: int) -> bool:
    """Read in a second process? One deterministic rule: the file is at least `min_bytes`
    bytes or `min_lines` lines (starting the reader costs about 0.15 s; reading costs by the
    byte and by the field, and a field is mostly a line), the machine has two cores or more,
    and Python can start one (not in the packaged app: its `sys.executable` is Curator)."""
    return (
        (detected.source.size >= min_bytes or detected.source.lines >= min_lines)
        and not getattr(sys, "frozen", False)
        and bool(sys.executable)
        and Path(sys.executable).exists()
        and spare_core()
    )
