"""Blocking work (reading a document, writing an export, a chart or a letter) runs on pools of
its own, never on the event loop's default executor: that one stays free for the bot's own
I/O (the DNS lookup of each new HTTP connection goes through it).

Each pool runs at most `workers` jobs at once and at most one per user; a user's other jobs
wait in that user's own queue (holding no thread) and users are served in turn, so one user's
backlog delays another user's job by at most one job per busy worker. A user may have at most
`waiting` jobs queued (more: `Busy`). `close()` (on shutdown) cancels every queued job at once
(`Stopped`) and stops the running ones (see `on_close`)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

log = logging.getLogger("dondoc.work")

T = TypeVar("T")


class Busy(Exception):
    """This user already has as many jobs waiting as allowed."""

    def __init__(self, waiting: int) -> None:
        super().__init__(f"{waiting} jobs waiting")
        self.waiting = waiting


class Stopped(Exception):
    """The bot is stopping: the job was cancelled before it ran (or while it ran)."""


def _retrieve(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()


@dataclass
class _Job:
    user: Hashable
    call: Callable[[], Any]
    done: asyncio.Future[Any]
    started: bool = False


@dataclass
class Pool:
    """One kind of blocking work on its own threads (see the module's docstring)."""

    name: str
    workers: int = 2
    waiting: int = 3
    on_close: Callable[[], None] | None = None  # stops the jobs running (kills their children)
    _queues: OrderedDict[Hashable, deque[_Job]] = field(default_factory=OrderedDict)
    _running: dict[Hashable, _Job] = field(default_factory=dict)
    _executor: ThreadPoolExecutor | None = None
    _closed: bool = False

    async def run(
        self, user: Hashable, function: Callable[..., T], /, *args: Any, **kwargs: Any
    ) -> T:
        """`function(*args, **kwargs)` on this pool's threads, in `user`'s turn."""
        if self._closed:
            raise Stopped(self.name)
        queue = self._queues.setdefault(user, deque())
        if len(queue) >= self.waiting:
            raise Busy(len(queue))
        job = _Job(
            user,
            functools.partial(function, *args, **kwargs),
            asyncio.get_running_loop().create_future(),
        )
        # its outcome is read even when its caller went away (cancelled, or stopped first)
        job.done.add_done_callback(_retrieve)
        queue.append(job)
        self._pump()
        try:
            return await asyncio.shield(job.done)  # type: ignore[no-any-return]
        except asyncio.CancelledError:
            if not job.started:  # still waiting: it never runs
                with contextlib.suppress(ValueError):
                    queue.remove(job)
            raise

    @property
    def queued(self) -> int:
        return sum(len(q) for q in self._queues.values())

    @property
    def busy(self) -> int:
        return len(self._running)

    def _pump(self) -> None:
        """Start waiting jobs while a worker is free: the next user in turn who has nothing
        running (a user served goes to the back of the line)."""
        while len(self._running) < self.workers:
            user = next((u for u, q in self._queues.items() if q and u not in self._running), None)
            if user is None:
                break
            queue = self._queues.pop(user)
            job = queue.popleft()
            if queue:
                self._queues[user] = queue  # back of the line
            self._start(job)

    def _start(self, job: _Job) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(
                self.workers, thread_name_prefix=f"dondoc-{self.name}"
            )
        job.started = True
        self._running[job.user] = job
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self._executor, job.call)
        future.add_done_callback(functools.partial(self._finished, job))

    def _finished(self, job: _Job, future: asyncio.Future[Any]) -> None:
        if self._running.get(job.user) is job:
            del self._running[job.user]
        if not job.done.done():
            if future.cancelled():
                job.done.set_exception(Stopped(self.name))
            elif (error := future.exception()) is not None:
                job.done.set_exception(error)
            else:
                job.done.set_result(future.result())
        if not self._closed:
            self._pump()

    async def close(self) -> None:
        """Cancel what waits (its callers get `Stopped` now), stop what runs (`on_close`), and
        let the threads go without waiting for them."""
        self._closed = True
        waiting = [job for queue in self._queues.values() for job in queue]
        self._queues.clear()
        for job in [*waiting, *self._running.values()]:
            if not job.done.done():
                job.done.set_exception(Stopped(self.name))
        if self._running and self.on_close is not None:
            self.on_close()
        if waiting or self._running:
            log.info(
                "%s: %d waiting and %d running jobs stopped",
                self.name,
                len(waiting),
                len(self._running),
            )
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
        await asyncio.sleep(0)


@dataclass
class Work:
    """The pools of the running bot: `documents` (plan documents, read in child processes)
    and `files` (exports, charts, letters, the web view's downloads)."""

    documents: Pool
    files: Pool

    @classmethod
    def create(cls) -> Work:
        from plans.isolation import stop_all_readers

        return cls(
            documents=Pool("documents", workers=2, waiting=3, on_close=stop_all_readers),
            files=Pool("files", workers=2, waiting=3),
        )

    @property
    def closed(self) -> bool:
        return self.documents._closed or self.files._closed

    async def close(self) -> None:
        await self.documents.close()
        await self.files.close()
