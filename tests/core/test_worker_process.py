"""A worker process answers its tasks in order, reports a failing task or its own death, and goes
when told to stop."""

from __future__ import annotations

import math
import operator
import os
import time

import pytest

from bot.core.worker_process import TASK_PIPE_BYTES, WorkerFailed, WorkerProcess


def test_tasks_are_answered_in_the_order_sent_by_another_process() -> None:
    with WorkerProcess() as worker:
        worker.submit(os.getpid)
        for n in range(5):
            worker.submit(math.factorial, n)
        assert worker.pending == 6
        assert worker.result() != os.getpid()
        assert [worker.result() for _ in range(5)] == [1, 1, 2, 6, 24]
        assert worker.pending == 0


def test_a_task_that_raises_is_reported_with_its_traceback_and_the_worker_goes_on() -> None:
    with WorkerProcess() as worker:
        worker.submit(math.sqrt, -1.0)
        worker.submit(operator.add, 2, 3)
        with pytest.raises(WorkerFailed, match="ValueError: math domain error"):
            worker.result()
        assert worker.result() == 5


def test_large_results_waiting_to_be_read_block_neither_side() -> None:
    # Several results, each larger than a pipe holds, sent before any is read.
    with WorkerProcess() as worker:
        for n in range(4):
            worker.submit(bytes, 1_000_000 + n)
        assert [len(worker.result()) for _ in range(4)] == [1_000_000 + n for n in range(4)]


def test_a_worker_that_dies_is_reported_not_waited_for() -> None:
    worker = WorkerProcess()
    try:
        worker.submit(os._exit, 3)
        worker.submit(operator.add, 1, 1)  # never answered
        with pytest.raises(WorkerFailed, match="the worker stopped"):
            worker.result()
    finally:
        worker.close()
    assert worker._process.returncode == 3


def test_a_task_sent_to_a_dead_worker_is_reported() -> None:
    worker = WorkerProcess()
    try:
        worker._process.kill()
        worker._process.wait()
        with pytest.raises(WorkerFailed, match="takes no more tasks"):
            worker.submit(operator.add, 1, 1)
    finally:
        worker.close()


def test_close_ends_the_process() -> None:
    worker = WorkerProcess()
    worker.submit(operator.add, 1, 1)
    assert worker.result() == 2
    process = worker._process
    worker.close()
    assert process.returncode == 0  # told to stop, it stopped
    worker.close()  # again: nothing left to do


def test_close_does_not_wait_for_results_nobody_will_read() -> None:
    worker = WorkerProcess()
    for _ in range(3):
        worker.submit(time.sleep, 30)
    started = time.monotonic()
    worker.close()
    assert time.monotonic() - started < 5
    assert worker._process.returncode is not None


def test_tasks_sent_before_the_worker_reads_do_not_block_this_process() -> None:
    # A fresh worker reads nothing while its interpreter starts (~0.2 s); the chunks of names sent
    # ahead meanwhile (~30 KB each) must fit in the task pipe, or this process would wait with it.
    import fcntl

    with WorkerProcess() as worker:
        if hasattr(fcntl, "F_GETPIPE_SZ"):
            assert fcntl.fcntl(worker._tasks.fileno(), fcntl.F_GETPIPE_SZ) >= TASK_PIPE_BYTES
        started = time.perf_counter()
        for _ in range(3):
            worker.submit(len, "x" * 200_000)  # together, well past a default 64 KB pipe
        sent = time.perf_counter() - started
        assert [worker.result() for _ in range(3)] == [200_000] * 3
    assert sent < 0.1
