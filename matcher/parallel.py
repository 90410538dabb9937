"""An ordered map over forked worker processes, for batch ranking.

The workers are forked from the calling process (on Linux), so they start
with the fitted matcher and the inputs already in memory, shared
copy-on-write: nothing is pickled on the way in, only results on the way
back. Worker ``w`` of ``k`` handles tasks ``w, w + k, w + 2k, ...`` and sends
each result through its own pipe; the caller reads the pipes in task order. A
worker whose result is not read yet waits, so at most about one result per
worker is held however slowly the caller consumes them.

Where processes cannot be forked (another platform, a daemonic process such
as one of these workers, or the system refusing a new process) the map runs
in the calling process.

While a map runs, the objects that existed when it started are frozen
(:func:`gc.freeze`): the workers' garbage collectors then leave them alone,
so that their memory pages stay shared, and the caller's collections skip
them while it builds objects from the results.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence

MAX_DEFAULT_WORKERS = 4  # each worker holds its own working arrays


def available_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """One worker per available CPU, at most :data:`MAX_DEFAULT_WORKERS`."""
    return min(available_cpus(), MAX_DEFAULT_WORKERS)


def can_fork() -> bool:
    """Whether worker processes can be forked here. Not on macOS, whose system
    libraries are not safe to use in a forked child, nor in a daemonic process
    (which may not have children)."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and sys.platform != "darwin"
        and not multiprocessing.current_process().daemon
    )


def ordered_map(function: Callable, tasks: Sequence, workers: int) -> Iterator:
    """``function(task)`` for each of ``tasks``, in order, computed by up to
    ``workers`` forked processes (in this process when ``workers`` <= 1, for a
    single task, or where forking is not possible).

    An exception raised by ``function`` in a worker is raised here, with the
    worker's traceback added as a note (or, when it cannot be pickled, as a
    ``RuntimeError`` that quotes it); a worker that dies raises
    ``RuntimeError``. Closing the iterator early ends the workers.
    """
    with _frozen_gc():
        workers = min(workers, len(tasks)) if can_fork() else 1
        started = None
        if workers > 1:
            with contextlib.suppress(OSError):  # else no more processes to be had
                started = _start(function, tasks, workers)
        if started is None:
            yield from map(function, tasks)
        else:
            yield from _results(*started, len(tasks))


@contextlib.contextmanager
def _frozen_gc():
    """Freeze the objects that exist now for the block (unless some are
    frozen already: then whoever froze them decides)."""
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        yield
    finally:
        if freeze:
            gc.unfreeze()


def _results(processes: list, pipes: list, count: int) -> Iterator:
    """The ``count`` results, reading the workers' pipes in turn; ends the
    workers when done (or stopped early)."""
    workers = len(processes)
    done = False
    try:
        for i in range(count):
            worker = i % workers
            try:
                ok, result = pipes[worker].recv()
            except EOFError:
                process = processes[worker]
                process.join(5)
                raise RuntimeError(
                    f"worker process {process.pid} ended unexpectedly "
                    f"(exit code {process.exitcode})"
                ) from None
            if not ok:
                raise result
            yield result
        done = True
    finally:
        _stop(processes, pipes, terminate=not done)


def _start(function: Callable, tasks: Sequence, workers: int) -> tuple[list, list]:
    """Fork the workers; returns them and the read ends of their pipes."""
    context = multiprocessing.get_context("fork")
    processes, pipes = [], []
    try:
        for w in range(workers):
            receiver, sender = context.Pipe(duplex=False)
            pipes.append(receiver)
            process = context.Process(
                target=_work,
                args=(function, tasks[w::workers], sender),
                name=f"matcher-worker-{w}",
                daemon=True,
            )
            processes.append(process)
            try:
                process.start()
            finally:
                sender.close()
    except BaseException:
        _stop(processes, pipes)
        raise
    return processes, pipes


def _stop(processes, pipes, terminate: bool = True) -> None:
    for process in processes:
        if terminate and process.is_alive():
            process.terminate()
    for process in processes:
        if process.pid is not None:
            process.join()
    for pipe in pipes:
        pipe.close()


def _work(function: Callable, tasks: Sequence, pipe) -> None:
    """A worker process: send ``(True, function(task))`` for each task, or
    ``(False, exception)`` for the first that fails."""
    from threadpoolctl import threadpool_limits

    # The caller handles Ctrl-C and ends the workers; the workers together
    # fill the CPUs, so numerical libraries inside them use one thread each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        with threadpool_limits(1):
            for task in tasks:
                pipe.send((True, function(task)))
    except BrokenPipeError:  # the caller stopped reading
        pass
    except BaseException as exc:  # noqa: BLE001 - every failure goes to the caller
        with contextlib.suppress(BrokenPipeError):
            pipe.send((False, _portable(exc)))
    finally:
        pipe.close()


def _portable(exc: BaseException) -> BaseException:
    """``exc`` with this worker's traceback as a note, if it survives pickling;
    else a ``RuntimeError`` quoting that traceback."""
    detail = "".join(traceback.format_exception(exc))
    try:
        exc.add_note(f"Raised in worker process {os.getpid()}:\n{detail}")
        return pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - any failure to pickle
        return RuntimeError(f"worker process {os.getpid()} failed:\n{detail}")
