"""Run rule cases on the embedded ArcadeDB engine (the ``arcadedb-embedded`` wheel).

One JVM per process (JPype cannot restart it) and a fresh database per case, in a temporary
directory. The runner talks to the engine's Java API directly (``DatabaseFactory``,
``Database.begin/command/query/commit``) through JPype, converting parameters and rows itself, so
the same code behaves the same on every wheel from 26.2.1 on (the Python wrapper's conveniences
differ between releases; e.g. nested parameters need its converter up to 26.5.1).

Each statement runs the way a Neo4j driver's auto-commit call does (rules/README.md, "mode"):
``command`` = begin, command, read every row, commit; ``command-notx`` = no explicit transaction
(schema statements); ``query`` = the read-only query API. Errors keep their Java class, first
message line and root cause, and the phase (setup, execute, commit, post) they happened in.

Only the standard library and ``arcadedb_embedded`` are imported, so that
``scripts/compat_worker.py`` can load this module inside a bare release venv.
"""

from __future__ import annotations

import atexit
import datetime as _dt
import itertools
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Iterable

from cypherlint.probe.cases import (
    Case,
    Execution,
    Failure,
    Verdict,
    is_schema_sql,
    judge,
    setup_statements,
)

_JVM_STARTED_HERE = False


def start_jvm(heap_size: str = "1g", log_dir: str | os.PathLike | None = None) -> None:
    """Start the JVM with the wheel's jars (no-op when it already runs in this process).

    ArcadeDB opens ``./log/arcadedb.log.*`` relative to the working directory when the first
    database is created, and keeps writing there: the first database is therefore created here,
    from ``log_dir`` (default: a temporary directory removed at exit), and the working directory
    is restored afterwards.
    """
    global _JVM_STARTED_HERE
    import jpype

    if jpype.isJVMStarted():
        return
    from arcadedb_embedded import jvm as _jvm

    if log_dir is None:
        log_dir = tempfile.mkdtemp(prefix="cypherlint-arcadedb-")
        atexit.register(shutil.rmtree, log_dir, True)
    cwd = os.getcwd()
    os.chdir(log_dir)
    try:
        _jvm.start_jvm(heap_size=heap_size)
        _JVM_STARTED_HERE = True
        warm = Path(log_dir) / "first-database"
        factory = jpype.JClass("com.arcadedb.database.DatabaseFactory")(str(warm))
        try:
            factory.create().drop()
        finally:
            factory.close()
            shutil.rmtree(warm, ignore_errors=True)
    finally:
        os.chdir(cwd)


def engine_version() -> str:
    """The engine's own version string, e.g. '26.10.2 (build ...)'."""
    import jpype

    start_jvm()
    return str(jpype.JClass("com.arcadedb.Constants").getVersion())


def engine_release() -> str:
    """'26.10.2' for the engine in this process."""
    return engine_version().split()[0]


def package_version() -> str:
    try:
        from importlib.metadata import version

        return version("arcadedb-embedded")
    except Exception:  # pragma: no cover - metadata missing in odd installs
        return "unknown"


# ------------------------------------------------------------------------------ conversions


class _J:
    """Java classes, looked up once after the JVM is up."""

    def __init__(self) -> None:
        import jpype

        self.jpype = jpype
        J = jpype.JClass
        self.HashMap = J("java.util.HashMap")
        self.ArrayList = J("java.util.ArrayList")
        self.Long = J("java.lang.Long")
        self.Double = J("java.lang.Double")
        self.Boolean = J("java.lang.Boolean")
        self.String = J("java.lang.String")
        self.Character = J("java.lang.Character")
        self.Number = J("java.lang.Number")
        self.BigDecimal = J("java.math.BigDecimal")
        self.BigInteger = J("java.math.BigInteger")
        self.Float = J("java.lang.Float")
        self.Map = J("java.util.Map")
        self.Iterable = J("java.lang.Iterable")
        self.Iterator = J("java.util.Iterator")
        self.LocalDate = J("java.time.LocalDate")
        self.LocalDateTime = J("java.time.LocalDateTime")
        self.OffsetDateTime = J("java.time.OffsetDateTime")
        self.LocalTime = J("java.time.LocalTime")
        self.Result = J("com.arcadedb.query.sql.executor.Result")
        self.Document = J("com.arcadedb.database.Document")
        self.Identifiable = J("com.arcadedb.database.Identifiable")
        self.DatabaseFactory = J("com.arcadedb.database.DatabaseFactory")


_j: _J | None = None


def _classes() -> _J:
    global _j
    if _j is None:
        start_jvm()
        _j = _J()
    return _j


def to_java(value: Any) -> Any:
    """A Python parameter value as the Java object a driver would send."""
    j = _classes()
    if value is None:
        return None
    if isinstance(value, bool):
        return j.Boolean(value)
    if isinstance(value, int):
        return j.Long(value)
    if isinstance(value, float):
        return j.Double(value)
    if isinstance(value, str):
        return j.String(value)
    if isinstance(value, dict):
        m = j.HashMap()
        for k, v in value.items():
            m.put(j.String(str(k)), to_java(v))
        return m
    if isinstance(value, (list, tuple)):
        a = j.ArrayList()
        for v in value:
            a.add(to_java(v))
        return a
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            return j.OffsetDateTime.parse(value.isoformat())
        return j.LocalDateTime.parse(value.isoformat())
    if isinstance(value, _dt.date):
        return j.LocalDate.parse(value.isoformat())
    if isinstance(value, _dt.time):
        return j.LocalTime.parse(value.isoformat())
    raise TypeError(f"cannot pass a {type(value).__name__} as a query parameter")


def to_python(value: Any, depth: int = 0) -> Any:
    """A Java result value as plain Python data (nodes and relationships become property maps)."""
    j = _classes()
    if value is None:
        return None
    if depth > 50:
        return str(value)
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, j.jpype.JObject):
        return value
    if isinstance(value, j.String) or isinstance(value, j.Character):
        return str(value)
    if isinstance(value, j.Boolean):
        return bool(value.booleanValue())
    if isinstance(value, j.Number):
        if isinstance(value, (j.Double, j.Float, j.BigDecimal)):
            return float(value.doubleValue())
        if isinstance(value, j.BigInteger):
            return int(str(value.toString()))
        cls = str(value.getClass().getName())
        if cls in ("java.lang.Long", "java.lang.Integer", "java.lang.Short", "java.lang.Byte"):
            return int(value.longValue())
        return float(value.doubleValue())
    if isinstance(value, j.Result):
        return {str(k): to_python(value.getProperty(k), depth + 1) for k in value.getPropertyNames()}
    if isinstance(value, j.Document):
        return {str(k): to_python(value.get(k), depth + 1) for k in value.getPropertyNames()}
    if isinstance(value, j.Identifiable):
        return str(value.getIdentity().toString())
    if isinstance(value, j.Map):
        return {str(k): to_python(value.get(k), depth + 1) for k in value.keySet()}
    if isinstance(value, j.jpype.JArray):
        return [to_python(v, depth + 1) for v in value]
    if isinstance(value, j.Iterable):
        return [to_python(v, depth + 1) for v in value]
    if isinstance(value, j.Iterator):
        out = []
        while value.hasNext():
            out.append(to_python(value.next(), depth + 1))
        return out
    if isinstance(value, (int, float)):
        return value
    return str(value.toString()) if hasattr(value, "toString") else str(value)


def failure_of(exc: BaseException, phase: str) -> Failure:
    """Java class, first message line and root cause of an exception."""
    j = _classes()
    if isinstance(exc, j.jpype.JException):
        cls = str(exc.getClass().getName())
        msg = exc.getMessage()
        message = "" if msg is None else str(msg).splitlines()[0] if str(msg) else ""
        root_exc, seen = exc, 0
        while root_exc.getCause() is not None and root_exc.getCause() is not root_exc and seen < 30:
            root_exc, seen = root_exc.getCause(), seen + 1
        root = None
        if seen:
            rmsg = root_exc.getMessage()
            rtext = "" if rmsg is None else (str(rmsg).splitlines() or [""])[0]
            root = f"{root_exc.getClass().getName()}: {rtext}".rstrip(": ")
        return Failure(cls, message, root, phase)
    text = str(exc).splitlines()[0] if str(exc) else ""
    return Failure(f"python.{type(exc).__name__}", text, None, phase)


def _drain(rs) -> list[dict]:
    rows = []
    if rs is None:
        return rows
    while rs.hasNext():
        r = rs.next()
        rows.append({str(k): to_python(r.getProperty(k)) for k in r.getPropertyNames()})
    try:
        rs.close()
    except Exception:
        pass
    return rows


# ------------------------------------------------------------------------------ the runner


class EmbeddedRunner:
    """Runs cases on fresh embedded databases; one instance (and one JVM) per process."""

    def __init__(self, fixtures: dict[str, Iterable[str]], workdir: str | os.PathLike | None = None,
                 heap_size: str = "1g", log_dir: str | os.PathLike | None = None):
        self.fixtures = {k: tuple(v) for k, v in fixtures.items()}
        start_jvm(heap_size, log_dir)
        self._own_dir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="cypherlint-runner-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        if self._own_dir:
            atexit.register(shutil.rmtree, str(self.workdir), True)
        self._n = itertools.count()
        self.release = engine_release()
        self.version = engine_version()

    def close(self) -> None:
        if self._own_dir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> EmbeddedRunner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -------------------------------------------------------------- one database
    def _setup(self, db, statements: tuple[str, ...]) -> None:
        pending: list[str] = []

        def flush() -> None:
            if not pending:
                return
            db.begin()
            try:
                for s in pending:
                    _drain(db.command("sql", s, _classes().HashMap()))
                db.commit()
            finally:
                if db.isTransactionActive():
                    db.rollback()
            pending.clear()

        for stmt in statements:
            if is_schema_sql(stmt):
                flush()
                _drain(db.command("sql", stmt, _classes().HashMap()))
            else:
                pending.append(stmt)
        flush()

    def execute(self, case: Case, query: str | None = None) -> Execution:
        """Run ``query`` (default: the case's ``bad``) the case's way on a fresh database."""
        j = _classes()
        ex = Execution()
        start = time.perf_counter()
        path = self.workdir / f"db{next(self._n)}"
        factory = None
        db = None
        try:
            try:
                statements = setup_statements(case, self.fixtures)
                factory = j.DatabaseFactory(str(path))
                db = factory.create()
                self._setup(db, statements)
            except Exception as exc:  # the fixture did not build: inconclusive
                ex.setup_failure = failure_of(exc, "setup")
                return ex
            q = case.bad if query is None else query
            phase = "execute"
            try:
                params = to_java(dict(case.params or {}))
                if case.mode == "command":
                    db.begin()
                    ex.rows = _drain(db.command(case.language, q, params))
                    phase = "commit"
                    db.commit()
                elif case.mode == "command-notx":
                    ex.rows = _drain(db.command(case.language, q, params))
                else:
                    ex.rows = _drain(db.query(case.language, q, params))
            except Exception as exc:
                ex.failure = failure_of(exc, phase)
                ex.rows = None
            finally:
                try:
                    if db.isTransactionActive():
                        db.rollback()
                except Exception:
                    pass
            if ex.failure is None and case.post is not None:
                try:
                    ex.post_rows = _drain(db.query(case.post.language, case.post.query, j.HashMap()))
                except Exception as exc:
                    ex.post_failure = failure_of(exc, "post")
            return ex
        finally:
            ex.seconds = time.perf_counter() - start
            self._dispose(db, factory, path)

    @staticmethod
    def _dispose(db, factory, path: Path) -> None:
        try:
            if db is not None and db.isOpen():
                db.drop()
        except Exception:
            try:
                db.close()
            except Exception:
                pass
        try:
            if factory is not None:
                factory.close()
        except Exception:
            pass
        shutil.rmtree(path, ignore_errors=True)

    def run(self, case: Case, query: str | None = None) -> Verdict:
        """Judge ``query`` (default: ``bad``) of ``case`` on this release."""
        try:
            ex = self.execute(case, query)
        except Exception as exc:  # the runner itself failed: inconclusive, never a traceback
            return Verdict("unknown", f"runner failed: {type(exc).__name__}: {exc}"[:400])
        return judge(case, ex)
