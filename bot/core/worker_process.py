"""One worker process running tasks beside this one: sent in order, answered in the same order.

Not a ``multiprocessing`` pool: a spawning pool also starts a resource-tracker process that lives as
long as this one (~12 MB, for the whole life of the bot, to guard named semaphores this design does
not need) and makes every worker import the main module again (a script without a ``__main__`` guard
would run twice). Here the worker is a fresh interpreter (``subprocess``, not a fork: the library
reloads from the watcher's thread, and forking a process with threads can copy a lock another thread
holds) that imports this module, then whatever the tasks it is sent name; tasks and results are
pickled over its standard input and a pipe of its own.

In the worker, one thread takes tasks from the pipe as they come and another writes results out, so
neither side ever waits on the other's pipe being full: the worker keeps working on the next task
while a finished result waits for this process to read it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

# Where ``bot`` is imported from, put first on the worker's path: it must run this very code.
_IMPORT_ROOT = str(Path(__file__).resolve().parents[2])
_MAIN = "import sys; sys.path.insert(0, {root!r}); from bot.core.worker_process import serve; serve({fd})"
_STOP_SECONDS = 5.0  # for a worker to finish its task and exit once told to stop, before it is killed


class WorkerFailed(RuntimeError):
    """The worker died, sent back something unreadable, or its task raised (its traceback is here)."""


# What a worker may raise instead of a result: it could not be started (no such executable, out of
# memory or processes, a sandbox) or it failed. The caller then does the work in this process.
WORKER_FAILURES: tuple[type[BaseException], ...] = (OSError, WorkerFailed)


class WorkerProcess:
    """A spawned worker: ``submit`` tasks, then take their results in the same order with ``result``."""

    def __init__(self) -> None:
        if not sys.executable or os.name != "posix":  # the results pipe is passed as a POSIX fd
            raise OSError("no way to start a worker here")
        read_end, write_end = os.pipe()
        try:
            command = _MAIN.format(root=_IMPORT_ROOT, fd=write_end)
            # Its standard output is not this process's: whatever a task prints must not end up in
            # the output of a command (``python -m bot stories --json``) that loaded a catalog.
            self._process = subprocess.Popen(
                [sys.executable, "-c", command],
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                pass_fds=(write_end,),
            )
        except BaseException:
            os.close(read_end)
            raise
        finally:
            os.close(write_end)
        assert self._process.stdin is not None
        self._tasks: IO[bytes] = self._process.stdin
        _widen(self._tasks)
        self._results: IO[bytes] = os.fdopen(read_end, "rb")
        self.pending = 0  # tasks sent whose result is not taken yet

    def submit(self, function: Callable[..., Any], *args: Any) -> None:
        """Send a task: ``function`` (a module-level function, pickled by name) called with ``args``."""
        try:
            pickle.dump((function, args), self._tasks, protocol=pickle.HIGHEST_PROTOCOL)
            self._tasks.flush()
        except (OSError, pickle.PicklingError) as exc:
            raise WorkerFailed(f"the worker takes no more tasks: {exc}") from exc
        self.pending += 1

    def result(self) -> Any:
        """The result of the oldest task not taken yet, waiting for it if needed."""
        try:
            failed, value = pickle.load(self._results)
        except (EOFError, OSError, pickle.UnpicklingError, ValueError) as exc:
            code = self._process.poll()
            raise WorkerFailed(f"the worker stopped (exit status {code}): {exc!r}") from exc
        self.pending -= 1
        if failed:
            raise WorkerFailed(f"a task failed in the worker:\n{value}")
        return value

    def close(self) -> None:
        """Stop the worker and wait for it; idempotent. One with tasks still pending is killed: their
        results are not wanted, and it would wait forever to hand them over."""
        if self.pending:
            self._process.kill()
        with contextlib.suppress(OSError):  # a dead worker's input is a broken pipe
            self._tasks.close()  # the worker stops when its input ends
        try:
            self._process.wait(_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._results.close()

    def __enter__(self) -> WorkerProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# The task pipe's capacity: a fresh worker reads nothing for ~0.2 s (its interpreter starting), and
# the tasks sent ahead meanwhile (a few chunks of file names, ~30 KB each) must not fill the default
# 64 KB and block this process, which has files of its own to parse.
TASK_PIPE_BYTES = 1 << 20


def _widen(pipe: IO[bytes]) -> None:
    """Raise a pipe's capacity to ``TASK_PIPE_BYTES`` where the system allows (Linux); else as is."""
    try:
        import fcntl  # POSIX only, as workers are
    except ImportError:  # pragma: no cover - not POSIX
        return
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None)
    if set_size is not None:
        with contextlib.suppress(OSError):  # above the system's limit: the default still works
            fcntl.fcntl(pipe.fileno(), set_size, TASK_PIPE_BYTES)


def serve(results_fd: int) -> None:
    """The worker's side: run each task read from standard input, in order, until it ends; write
    ``(failed, result or traceback)`` for each to ``results_fd``."""
    # Its life is the parent's to end (closing the pipe): a Ctrl-C in the terminal goes to both.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    tasks: queue.SimpleQueue[tuple[Callable[..., Any], tuple[Any, ...]] | None] = queue.SimpleQueue()
    results: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    threading.Thread(target=_read_tasks, args=(sys.stdin.buffer, tasks), daemon=True).start()
    writer = threading.Thread(target=_write_results, args=(os.fdopen(results_fd, "wb"), results))
    writer.start()
    while (task := tasks.get()) is not None:
        function, args = task
        try:
            answer: tuple[bool, Any] = (False, function(*args))
        except Exception:
            answer = (True, traceback.format_exc())
        results.put(pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))
        del task, function, args, answer
    results.put(None)
    writer.join()


def _read_tasks(source: IO[bytes], tasks: queue.SimpleQueue[Any]) -> None:
    try:
        while True:
            tasks.put(pickle.load(source))
    except Exception:  # the input ended (or broke): no more tasks
        tasks.put(None)


def _write_results(sink: IO[bytes], results: queue.SimpleQueue[bytes | None]) -> None:
    with sink:
        while (blob := results.get()) is not None:
            try:
                sink.write(blob)
                sink.flush()
            except OSError:  # the parent went away: nothing left to answer
                return
