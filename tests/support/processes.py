"""Real processes, started and stopped as an operator would: a Celery worker, gunicorn, a redis-server."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis

from tests.support.paths import ROOT
from tests.support.polling import wait_until

__all__ = ["ROOT", "RedisServer", "Server", "Worker", "free_port"]


def _started(ready, proc: subprocess.Popen, log: Path, what: str, timeout: float = 60) -> None:
    """Wait until `ready()`; fail with the log's tail if the process exits or time runs out."""

    def ready_or_gone() -> bool:
        if proc.poll() is not None:
            pytest.fail(f"{what} did not start:\n{log.read_text()[-3000:]}")
        return ready()

    wait_until(ready_or_gone, timeout, what, context=lambda: f"{what}:\n{log.read_text()[-3000:]}")


class Worker:
    """`celery worker` in its own process, started and killed as an operator would."""

    def __init__(self, env: dict[str, str], log: Path, name: str = "worker"):
        self.env, self.log, self.proc, self.name = env, log, None, name

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tasks.worker:celery_app",
                "worker",
                "--pool=solo",
                "--queues=edits,celery",  # as the Procfile: edits first
                f"--hostname={self.name}@%h",
                "--loglevel=INFO",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        _started(
            lambda: b"ready." in self.log.read_bytes(), self.proc, self.log, "the Celery worker"
        )

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def pause(self) -> None:
        """Stop the process where it is (SIGSTOP): it takes no message and writes nothing."""
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.proc.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(port: int) -> bool:
    """Whether something accepts connections on the loopback `port`."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class Server:
    """The app served by gunicorn on a loopback port, as in production."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 2):
        self.env, self.log, self.workers, self.proc = env, log, workers, None
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                "-",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
        )
        _started(lambda: answers(self.port), self.proc, self.log, "gunicorn")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


class RedisServer:
    """A redis-server of our own, persisting to an append-only file as a production Redis with AOF does.

    For tests that stop or restart Redis: never the shared Redis on 6379, where others' queues live.
    """

    def __init__(self, directory: Path):
        self.directory, self.port, self.proc = directory, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log = directory / "redis.log"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail(
                "redis-server is not installed (apt-get install redis-server); the fault tests need their own.",
                pytrace=False,
            )
        self.proc = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--dir",
                str(self.directory),
                "--logfile",
                str(self.log),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        client = redis.Redis.from_url(self.url)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                # Loaded: the AOF is read back before the server answers anything but LOADING.
                if client.info("persistence").get("loading") == 0:
                    return
            except (redis.ConnectionError, redis.BusyLoadingError):
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"redis-server did not start:\n{self.log.read_text() if self.log.exists() else ''}"
                )
            time.sleep(0.05)

    def stop(self) -> None:
        """SHUTDOWN, as a service manager's stop does: the AOF is flushed, the process exits."""
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            redis.Redis.from_url(self.url).shutdown()
        except redis.ConnectionError:
            pass  # the server closes the connection as it goes
        self.proc.wait(timeout=20)

    def restart(self) -> None:
        self.stop()
        self.start()

    def queued(self, queue: str = "celery") -> int:
        return redis.Redis.from_url(self.url).llen(queue)

    def terminate(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=20)


def flushed_redis(url: str):
    """A client of the shared Redis database at `url`, emptied; fails plainly when Redis is down."""
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    except redis.ConnectionError as err:
        pytest.fail(
            f"Redis is not reachable at {url}: {err}; the suite does not skip it.", pytrace=False
        )
    return client
