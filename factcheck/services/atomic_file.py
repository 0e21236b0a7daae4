"""Write a file whole or not at all: what `factcheck export` and `factcheck report -o` write to disk.

A backup cut short by a full disk must not look like a backup, and must not
replace the good one it was meant to succeed: the bytes go to a temporary
file beside the target, are flushed to disk, and only then renamed over it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class AtomicOutput:
    """open() → write() → commit(), or discard(); an OSError at any step leaves the target as it was.

    A target that is a device or a pipe (/dev/stdout, /dev/full) is written in
    place: there is nothing to rename over.
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._tmp: Path | None = None
        self._file = None

    def open(self) -> AtomicOutput:
        """Create the temporary file now, so a missing folder or a read-only one fails before any work."""
        if self.path.exists() and not stat.S_ISREG(self.path.stat().st_mode):
            self._file = open(self.path, "wb")  # noqa: SIM115 (closed in commit/discard)
            return self
        fd, name = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".partial", dir=self.path.parent or "."
        )
        self._tmp, self._file = Path(name), os.fdopen(fd, "wb")
        return self

    def write(self, data: bytes) -> None:
        """Write and push the bytes to the disk: ENOSPC and EIO surface here, not after the rename."""
        self._file.write(data)
        self._file.flush()
        if self._tmp is not None:
            os.fsync(self._file.fileno())

    def commit(self) -> None:
        """Put the file in place (an atomic rename), with the permissions a plain write would give it."""
        self._file.close()
        if self._tmp is None:
            return
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self._tmp, 0o666 & ~umask)
        os.replace(self._tmp, self.path)
        self._tmp = None
        directory = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)  # the rename itself survives a crash
        finally:
            os.close(directory)

    def discard(self) -> None:
        """Drop what was written; the target keeps whatever it held before."""
        if self._file is not None and not self._file.closed:
            try:
                self._file.close()
            except OSError:
                pass  # closing a full device fails again; nothing more to undo
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)
            self._tmp = None


def write_whole(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all (OSError otherwise, the old file untouched)."""
    out = AtomicOutput(path).open()
    try:
        out.write(data)
        out.commit()
    except BaseException:
        out.discard()
        raise
