"""Reading a document in a child process with limits on time and memory, so that a hostile or
huge file costs one worker at most: the bot's event loop and its other users never wait on it.
The child runs at a lower CPU priority than the bot, and how many read at once is the caller's
to bound (the bot reads on its own pool, `runtime.work`)."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from multiprocessing.process import BaseProcess
from pathlib import PurePath

from plans.errors import DocumentError
from plans.limits import DEFAULT_LIMITS, ReadLimits
from plans.loading import PLAN_FILE_SUFFIXES, named_after_file, read_plan
from plans.model import PlanDraft

_CHILDREN: set[BaseProcess] = set()  # the readers running now (killed on shutdown)
_CHILDREN_LOCK = threading.Lock()
_NICENESS = 10  # a reader gets the CPU only when the bot does not need it


def _worker(conn, data: bytes, filename: str, limits: ReadLimits) -> None:  # pragma: no cover
    """Child process: read the document under resource limits and send back the result."""
    with contextlib.suppress(OSError):
        os.nice(_NICENESS)
    try:
        import resource

        memory = limits.memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = int(limits.seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    except (ImportError, ValueError, OSError):
        pass
    try:
        from plans.document import read_document

        draft = read_document(data, filename, limits=limits)
        conn.send(("ok", draft.model_dump(mode="json")))
    except DocumentError as exc:
        conn.send(("error", (exc.code, exc.params)))
    except MemoryError:
        conn.send(("error", ("too_much_memory", {})))
    except Exception as exc:  # a library choking on a malformed file
        conn.send(("error", ("unsupported_format", {"reason": type(exc).__name__})))
    finally:
        conn.close()


def _reader_context() -> multiprocessing.context.BaseContext:
    """Readers are forked from a server process that imported the readers once (a spawned
    child would import them, and the caller's main module, each time: a second of CPU at
    the bot's own priority before it can lower its own); "spawn" where there is none."""
    try:
        context = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    context.set_forkserver_preload(["plans.document"])
    return context


def read_plan_isolated(
    data: bytes, filename: str, limits: ReadLimits = DEFAULT_LIMITS
) -> PlanDraft:
    """Blocking: a draft from an uploaded file. A document is read in a child process that is
    killed past `limits.seconds` (DocumentError "timeout") or `limits.memory_bytes`
    ("too_much_memory"); a YAML plan file is read here (it has its own size limits)."""
    if len(data) > limits.max_bytes:
        raise DocumentError("too_large", limit_mb=limits.max_bytes // 1_000_000)
    if PurePath(filename or "").suffix.lower() in PLAN_FILE_SUFFIXES:
        return read_plan(data, filename, max_bytes=limits.max_bytes)
    context = _reader_context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_worker, args=(sender, data, filename, limits), daemon=True)
    process.start()
    with _CHILDREN_LOCK:
        _CHILDREN.add(process)
    sender.close()
    try:
        if not receiver.poll(limits.seconds + 5):  # + the child's start-up
            raise DocumentError("timeout", seconds=int(limits.seconds))
        try:
            kind, payload = receiver.recv()
        except (EOFError, OSError) as exc:  # killed by its memory or CPU limit, or stopped
            raise DocumentError("too_much_memory") from exc
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join(5)
        with _CHILDREN_LOCK:
            _CHILDREN.discard(process)
    if kind == "ok":
        return named_after_file(PlanDraft.model_validate(payload), filename)
    code, params = payload
    raise DocumentError(code, **params)


def stop_all_readers() -> None:
    """Kill every reader still running (the bot is stopping): their callers return at once."""
    with _CHILDREN_LOCK:
        running = list(_CHILDREN)
    for process in running:
        if process.is_alive():
            process.kill()
