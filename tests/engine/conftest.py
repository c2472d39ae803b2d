"""Real-engine tests: one JVM for the whole session (JPype cannot restart it), fresh databases.

Every test in this directory is marked ``engine``. When ``arcadedb_embedded`` cannot be imported
they are skipped with the reason; nothing else skips them.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
RULES = ROOT / "rules"
HERE = Path(__file__).resolve().parent

try:
    import arcadedb_embedded  # noqa: F401

    ENGINE_MISSING = None
except Exception as exc:  # ImportError, or a broken wheel (e.g. no JRE for this platform)
    ENGINE_MISSING = f"arcadedb_embedded cannot be imported ({type(exc).__name__}: {exc}); pip install -e '.[engine]'"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.engine)
            if ENGINE_MISSING:
                item.add_marker(pytest.mark.skip(reason=ENGINE_MISSING))


@pytest.fixture(scope="session")
def engine_tmp():
    path = Path(tempfile.mkdtemp(prefix="cypherlint-engine-tests-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def fixtures():
    from cypherlint.probe.cases import load_fixtures

    return load_fixtures(RULES)


@pytest.fixture(scope="session")
def runner(engine_tmp, fixtures):
    """The embedded runner; starts the session's JVM (logs go to a temp dir, not the cwd)."""
    from cypherlint.probe.runner import EmbeddedRunner

    logs = engine_tmp / "logs"
    logs.mkdir()
    r = EmbeddedRunner(fixtures, workdir=engine_tmp / "dbs", heap_size="1g", log_dir=logs)
    yield r
    r.close()


@pytest.fixture(scope="session")
def installed_release(runner):
    from cypherlint.targets import Version

    return Version.parse(runner.release)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVER_PASSWORD = "engine-test-" + os.urandom(4).hex()


@pytest.fixture(scope="session")
def arcadedb_server(runner, engine_tmp):
    """An ArcadeDB HTTP server in this process, on 127.0.0.1 only, with free ports.

    Yields (http_url, server, root_password). Skips when the installed wheel ships no server (26.7.2).
    """
    import arcadedb_embedded as arcadedb

    if not hasattr(arcadedb, "ArcadeDBServer"):
        pytest.skip(f"arcadedb-embedded {runner.release} ships no server")
    http_port, bolt_port = free_port(), free_port()
    root = engine_tmp / "server-root"
    config = {
        "host": "127.0.0.1",
        "http_port": http_port,
        "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
        "bolt_host": "127.0.0.1",
        "bolt_port": bolt_port,
    }
    server = arcadedb.ArcadeDBServer(str(root), SERVER_PASSWORD, config)
    server.start()
    try:
        yield f"http://127.0.0.1:{http_port}", server, SERVER_PASSWORD
    finally:
        server.stop()
