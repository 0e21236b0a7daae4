"""Real Celery workers for the benchmarks: started as the Procfile does, measured, stopped.

Each worker is one process (`--pool=solo`) serving the edits queue first, then the
batches; its peak memory is read from /proc before it stops.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT


class Workers:
    """N `celery worker` processes on one broker and one database."""

    def __init__(self, url: str, broker: str, count: int, queues: list[str] | None = None):
        """`queues`: each worker's --queues (default: edits,celery for all, as the Procfile)."""
        self.env = {**os.environ, "DATABASE_URL": url, "CELERY_BROKER_URL": broker}
        self.queues = queues or ["edits,celery"] * count
        self.count, self.procs = count, []
        self.logs = [Path(tempfile.mkdtemp()) / f"worker{i}.log" for i in range(count)]

    def __enter__(self) -> Workers:
        for i, log in enumerate(self.logs):
            self.procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "celery", "-A", "tasks.worker:celery_app", "worker"]
                    + ["--pool=solo", f"--queues={self.queues[i]}", f"--hostname=bench{i}@%h"]
                    + ["--without-mingle", "--without-gossip", "--loglevel=INFO"],
                    cwd=ROOT,
                    env=self.env,
                    stdout=log.open("wb"),
                    stderr=subprocess.STDOUT,
                )
            )
        deadline = time.monotonic() + 60
        while not all(b"ready." in log.read_bytes() for log in self.logs):
            if time.monotonic() > deadline or any(p.poll() is not None for p in self.procs):
                raise SystemExit("a worker did not start:\n" + self.logs[0].read_text()[-2000:])
            time.sleep(0.1)
        return self

    def peak_mb(self) -> list[float]:
        """Each worker's peak resident memory so far (VmHWM), in MiB."""
        peaks = []
        for proc in self.procs:
            status = Path(f"/proc/{proc.pid}/status").read_text()
            kib = next(int(line.split()[1]) for line in status.splitlines() if line[:6] == "VmHWM:")
            peaks.append(kib / 1024)
        return peaks

    def batches_done(self) -> list[int]:
        """How many rebuild batches each worker finished, read from its log."""
        return [
            sum(
                1
                for line in log.read_text().splitlines()
                if "rebuild_batch[" in line and " succeeded " in line
            )
            for log in self.logs
        ]

    def __exit__(self, *exc) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            proc.wait(timeout=60)
