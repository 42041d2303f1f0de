"""Async engine creation and the :class:`Database` handle (SQLite by default, PostgreSQL supported)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping, Sequence
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import URL, event, make_url, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from bot.storage import migrations

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

__all__ = ["Database", "create_engine", "run_whole", "whole"]

# The default URL is a setting: see bot.config.DatabaseSection.

# Execution option telling the SQLite "begin" hook to take the write lock up front.
_SQLITE_WRITE_OPTION = "newsbrief_sqlite_write"
# Seconds a SQLite connection waits for another process's write lock before "database is locked".
_SQLITE_BUSY_TIMEOUT = 30.0
# A PostgreSQL connection idle in the pool for this many seconds is pinged before use.
_PING_IDLE_AFTER = 2.0
# Seconds a cancelled task's database step (a write, a rollback) still gets to end.
_END_AFTER_CANCEL = 3.0


def is_unavailable(error: BaseException) -> bool:
    """True when ``error`` means the database cannot be reached right now, not a faulty query.

    Front ends then say "try again shortly" instead of apologising for a bug, and the bot keeps
    retrying the connection instead of giving up on daily briefs.
    """
    if isinstance(error, OperationalError | InterfaceError | OSError | TimeoutError):
        return True
    return isinstance(error, DBAPIError) and error.connection_invalidated


def create_engine(
    url: str | URL,
    *,
    echo: bool = False,
    connect_args: Mapping[str, Any] | None = None,
) -> AsyncEngine:
    """Create the async engine for ``url``.

    - ``sqlite+aiosqlite:///path.sqlite3`` (a file; in-memory databases are refused because every
      pooled connection would see a different empty database);
    - ``postgresql+asyncpg://user@host/db`` (``postgresql://`` / ``postgres://`` are accepted too).
      ``connect_args`` go to the driver, e.g. ``{"server_settings": {"search_path": "newsbrief"}}``.
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    extra = dict(connect_args or {})
    if backend == "sqlite":
        if parsed.drivername != "sqlite+aiosqlite":
            raise ValueError(
                f"use the async SQLite driver: sqlite+aiosqlite:///file.sqlite3 (got {parsed!r})"
            )
        if parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory":
            raise ValueError("in-memory SQLite is not supported: give a file path (tests use a temp file)")
        extra.setdefault("timeout", _SQLITE_BUSY_TIMEOUT)
        engine = create_async_engine(parsed, echo=echo, connect_args=extra)
        _install_sqlite_hooks(engine)
        return engine
    if backend in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
        engine = create_async_engine(parsed, echo=echo, connect_args=extra)
        _ping_idle_connections(engine)
        return engine
    raise ValueError(f"unsupported database URL {parsed!r}: use sqlite+aiosqlite:// or postgresql+asyncpg://")


def _ping_idle_connections(engine: AsyncEngine) -> None:
    """``pool_pre_ping``, for connections that sat idle in the pool for a while only.

    SQLAlchemy's pre-ping costs three round trips (BEGIN, a query, ROLLBACK) on every checkout:
    with ~4 short transactions per daily brief that was most of a delivery's database traffic. A
    connection back in the pool within ``_PING_IDLE_AFTER`` seconds was working a moment ago; one
    idle for longer (the server may have restarted meanwhile) is pinged as before, and replaced if
    the ping fails. A server lost mid-burst is found by the failing statement instead, which
    invalidates the pool as SQLAlchemy does for any disconnect, and the callers' retries apply.
    """
    pool = engine.sync_engine.pool
    dialect = engine.sync_engine.dialect

    @event.listens_for(pool, "checkin")
    def _on_checkin(_dbapi_connection: DBAPIConnection | None, record: ConnectionPoolEntry) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(pool, "checkout")
    def _on_checkout(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < _PING_IDLE_AFTER:
            return  # new, or back in the pool a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError(f"idle connection failed its ping: {exc!r}") from exc


def _install_sqlite_hooks(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        # Take BEGIN away from the sqlite3 module: its legacy mode runs SELECTs and DDL outside any
        # transaction, which would make migrations non-atomic. SQLAlchemy emits BEGIN below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            # WAL: readers never block the writer and vice versa; survives crashes.
            cursor.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable across application crashes in WAL mode, with far fewer fsyncs.
            cursor.execute("PRAGMA synchronous=NORMAL")
            # Off by default in SQLite; turned on so any future foreign key is actually enforced.
            cursor.execute("PRAGMA foreign_keys=ON")
        finally:
            cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers lock at BEGIN (IMMEDIATE) so that the busy timeout applies. A deferred transaction
        # that read first and then writes fails at once with SQLITE_BUSY if another process wrote.
        write = conn.get_execution_options().get(_SQLITE_WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Database:
    """Connected database: engine, transactional sessions, migrations.

    Use :meth:`connect` to build one; :meth:`session` for reads and ``session(write=True)`` for
    anything that writes.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._is_sqlite = engine.dialect.name == "sqlite"
        self._write_engine = (
            engine.execution_options(**{_SQLITE_WRITE_OPTION: True}) if self._is_sqlite else engine
        )
        self._read_sessions = async_sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = async_sessionmaker(self._write_engine, expire_on_commit=False)
        # PostgreSQL sessions without BEGIN/COMMIT, for statements that are atomic on their own.
        self._single_sessions = (
            None
            if self._is_sqlite
            else async_sessionmaker(
                engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
            )
        )
        # SQLite allows one writer per file. Queuing this process's writers on an asyncio lock avoids
        # them spinning in SQLite's busy handler in worker threads; other processes still use it.
        self._sqlite_write_lock = asyncio.Lock()

    @classmethod
    async def connect(
        cls,
        url: str | URL,
        *,
        migrate: bool = True,
        echo: bool = False,
        connect_args: Mapping[str, Any] | None = None,
    ) -> Database:
        """Create the engine, check the server answers, and (by default) apply pending migrations."""
        database = cls(create_engine(url, echo=echo, connect_args=connect_args))
        try:
            await database.ping()
            if migrate:
                await database.migrate()
        except BaseException:
            await database.close()
            raise
        return database

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    @property
    def dialect(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._engine.dialect.name

    async def ping(self) -> None:
        async with self._engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    @contextlib.asynccontextmanager
    async def session(self, *, write: bool = False) -> AsyncIterator[AsyncSession]:
        """An ``AsyncSession`` inside one transaction: committed on success, rolled back on error."""
        async with contextlib.AsyncExitStack() as stack:
            if write and self._is_sqlite:
                await stack.enter_async_context(self._sqlite_write_lock)
            maker = self._write_sessions if write else self._read_sessions
            async with _ended_in_full(maker()) as session:
                await session.begin()
                yield session
                await _end(session.commit())

    @contextlib.asynccontextmanager
    async def single(self, *, write: bool = False) -> AsyncIterator[AsyncSession]:
        """A session for one statement that is atomic by itself (a read, an INSERT ... ON CONFLICT,
        a conditional UPDATE ... RETURNING), or for several that need not be atomic together.

        On PostgreSQL each statement runs as its own transaction: one round trip instead of three
        (BEGIN, the statement, COMMIT), which was most of a daily brief's database time. On SQLite
        this is ``session(write=write)``.
        """
        if self._single_sessions is None:
            async with self.session(write=write) as session:
                yield session
            return
        async with _ended_in_full(self._single_sessions()) as session:
            yield session

    async def migrate(self, steps: Sequence[migrations.Migration] = migrations.MIGRATIONS) -> list[int]:
        """Apply pending schema migrations (idempotent); return the versions applied."""
        async with contextlib.AsyncExitStack() as stack:
            if self._is_sqlite:
                await stack.enter_async_context(self._sqlite_write_lock)
            applied = await migrations.migrate(self._write_engine, steps)
        if applied:
            log.info("database migrated to schema version %d", applied[-1])
        return applied

    async def schema_version(self) -> int:
        return await migrations.current_version(self._engine)

    async def close(self) -> None:
        await self._engine.dispose()

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


def whole(write: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
    """A database write that a cancellation of its caller does not cut short (see :func:`run_whole`).

    Shutdown cancels the deliveries still retrying, and timeouts cancel what they bound; cut inside
    SQLAlchemy, a write leaves its connection mid-transaction and thrown away unclosed, and on SQLite
    that connection keeps the file's write lock: the next writer (the shutdown releasing its claims,
    another process) then waits out the whole busy timeout.
    """

    @functools.wraps(write)
    async def run(*args: P.args, **kwargs: P.kwargs) -> R:
        return await run_whole(write(*args, **kwargs))

    return run


async def run_whole(step: Awaitable[R]) -> R:
    """Await ``step`` to its end even if this task is cancelled meanwhile; then pass the cancellation on.

    Once the task is being cancelled, a step still running :data:`_END_AFTER_CANCEL` seconds on (a
    server that stopped answering) is abandoned, so shutdown stays bounded.
    """
    task = asyncio.ensure_future(step)
    current = asyncio.current_task()
    if current is None or not current.cancelling():
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            if task.done():
                raise
            await _end_within_bound(task)
            if task.done() and not task.cancelled() and task.exception() is not None:
                log.warning("a cancelled database step failed: %r", task.exception())
            raise
    await _end_within_bound(task)  # a step in cleanup code, while a cancellation is on its way out
    if not task.done() or task.cancelled():
        raise asyncio.CancelledError
    return task.result()


async def _end_within_bound(task: asyncio.Future[Any]) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + _END_AFTER_CANCEL
    while not task.done() and loop.time() < deadline:
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait({task}, timeout=deadline - loop.time())
    if not task.done():
        log.warning("a cancelled database step did not end within %.0f s; abandoning it", _END_AFTER_CANCEL)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait({task}, timeout=1.0)  # let it unwind before the next step starts


async def _end(step: Awaitable[None]) -> None:
    """A session's COMMIT, ROLLBACK or close, run whole. In cleanup after a cancellation, its failure
    is logged rather than raised in place of the cancellation."""
    try:
        await run_whole(step)
    except Exception as exc:
        current = asyncio.current_task()
        if current is None or not current.cancelling():
            raise
        log.warning("ending a cancelled session failed: %r", exc)


@contextlib.asynccontextmanager
async def _ended_in_full(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    """The session, rolled back on any error (cancellation included) and closed, neither step cut short."""
    try:
        yield session
    except BaseException as error:
        try:
            await _end(session.rollback())
        except Exception as failure:  # the error that brought us here is the one worth raising
            log.warning("rolling back after %r failed too: %r", error, failure)
        raise
    finally:
        await _end(session.close())
