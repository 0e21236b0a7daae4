"""A full disk or a read-only folder while `factcheck report -o` or `factcheck export` writes: a plain
message, no partial file, the previous file intact, and no report version stored (so a retry makes one)."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa

SLUG = "2022-kazakhstan-unrest"


class SmallDisk:
    """A real filesystem that fills up or turns read-only: a tmpfs when we may mount (root), else a
    folder we cannot write to and /dev/full (the kernel's always-full device)."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir()
        self.mounted = (
            os.geteuid() == 0
            and subprocess.run(
                ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(path)], capture_output=True
            ).returncode
            == 0
        )

    def fill(self) -> Path | None:
        """Take every free byte; the file that holds them (None where only /dev/full can be full)."""
        if not self.mounted:
            return None
        filler = self.path / "filler"
        with open(filler, "wb", buffering=0) as f:
            for chunk in (65536, 4096, 1):
                try:
                    while True:
                        f.write(b"\0" * chunk)
                except OSError as err:
                    assert err.errno == errno.ENOSPC
        return filler

    def full_target(self, name: str) -> Path:
        return self.path / name if self.mounted else Path("/dev/full")

    def read_only(self) -> None:
        if self.mounted:
            subprocess.run(["mount", "-o", "remount,ro", str(self.path)], check=True)
        else:
            self.path.chmod(0o555)

    def close(self) -> None:
        if self.mounted:
            subprocess.run(["umount", str(self.path)], check=True)
        else:
            self.path.chmod(0o755)


@pytest.fixture
def disk(tmp_path):
    d = SmallDisk(tmp_path / "disk")
    yield d
    d.close()


def _reports(db) -> tuple[int, int, int]:
    from factcheck.models import Change, Report
    from factcheck.models.outcome import ReportFile

    db.session.expire_all()
    count = lambda q: db.session.scalar(sa.select(sa.func.count()).select_from(q))  # noqa: E731
    return (
        count(Report),
        count(ReportFile),
        count(sa.select(Change).filter_by(entity_type="report").subquery()),
    )


def _leftovers(disk) -> list[str]:
    return sorted(
        p.name for p in disk.path.iterdir() if p.name not in ("filler", "backup.json", "lost+found")
    )


def test_a_report_on_a_full_disk_fails_plainly_leaves_nothing_and_the_retry_stores_one_version(
    cli, db, reference_imported, disk
):
    filler = disk.fill()
    target = disk.full_target("report.pdf")
    result = cli.invoke(args=["factcheck", "report", SLUG, "--format", "pdf", "-o", str(target)])
    assert result.exit_code == 1
    assert f"Could not write {target}: No space left on device" in result.output
    assert "no report version was stored" in result.output
    assert _reports(db) == (0, 0, 0)
    assert _leftovers(disk) == []  # no report.pdf, no half-written temporary file

    if filler is not None:
        filler.unlink()  # space again: the same command now succeeds, once
    target = disk.path / "report.pdf"
    result = cli.invoke(args=["factcheck", "report", SLUG, "--format", "pdf", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert _reports(db) == (1, 1, 1)
    from factcheck.models.outcome import ReportFile

    assert target.read_bytes() == db.session.scalar(
        sa.select(ReportFile.content)
    )  # whole, and what the database holds
    assert _leftovers(disk) == ["report.pdf"]


def test_a_report_to_a_read_only_folder_fails_before_any_work(cli, db, reference_imported, disk):
    disk.read_only()
    result = cli.invoke(
        args=["factcheck", "report", SLUG, "--format", "html", "-o", str(disk.path / "report.html")]
    )
    assert result.exit_code == 1
    assert "Could not write" in result.output and (
        "Read-only file system" in result.output or "Permission denied" in result.output
    )
    assert _reports(db) == (0, 0, 0)
    assert not (disk.path / "report.html").exists()


def test_an_export_on_a_full_disk_keeps_the_previous_backup_whole(
    cli, db, reference_imported, disk, tmp_path
):
    backup = disk.path / "backup.json"
    assert cli.invoke(args=["factcheck", "export", str(backup)]).exit_code == 0
    good = backup.read_bytes()
    target = backup if disk.fill() is not None else Path("/dev/full")
    result = cli.invoke(args=["factcheck", "export", str(target)])
    assert result.exit_code == 1
    assert (
        "No space left on device" in result.output and "Nothing was written there" in result.output
    )
    assert backup.read_bytes() == good  # yesterday's backup, untouched
    assert _leftovers(disk) == []
