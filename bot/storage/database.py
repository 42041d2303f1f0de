"""Async engine creation and the :class:`Database` handle (SQLite by default, PostgreSQL supported)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

from sqlalchemy import URL, event, make_url, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from bot.storage import migrations

log = logging.getLogger(__name__)

__all__ = ["Database", "create_engine"]

# The default URL is a setting: see bot.config.DatabaseSection.

# Execution option telling the SQLite "begin" hook to take the write lock up front.
_SQLITE_WRITE_OPTION = "newsbrief_sqlite_write"
# Seconds a SQLite connection waits for another process's write lock before "database is locked".
_SQLITE_BUSY_TIMEOUT = 30.0
# A PostgreSQL connection idle in the pool for this many seconds is pinged before use.
_PING_IDLE_AFTER = 2.0


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
            session = await stack.enter_async_context(maker())
            await stack.enter_async_context(session.begin())
            yield session

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
        async with self._single_sessions() as session:
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
