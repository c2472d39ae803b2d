"""Security: nothing executes a query or opens a socket outside the probe, no dynamic code, every
regular expression applied to user text is linear on adversarial input, config keys are checked,
and probe credentials are never echoed.
"""

from __future__ import annotations

import ast
import http.server
import importlib
import json
import os
import pkgutil
import re
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cypherlint
from conftest import ROOT
from cypherlint.syntax import fastlexer
from test_fastlexer import assert_same

PACKAGE = ROOT / "cypherlint"

# Where the exceptions live, each with why. A module must still use what it is allowed, so this
# list cannot silently outlive the code.
NETWORK_ALLOWED = {"cypherlint/probe/http.py"}  # the probe's HTTP client (a live ArcadeDB server)
ENGINE_ALLOWED = {"cypherlint/probe/runner.py"}  # runs measurement cases on the embedded engine
SUBPROCESS_ALLOWED = {"cypherlint/files.py"}  # `git ls-files` to honour .gitignore (argument list, no shell)

NETWORK_MODULES = {"socket", "ssl", "urllib", "http", "requests", "httpx", "aiohttp", "ftplib", "smtplib",
                   "asyncio", "websocket", "websockets", "xmlrpc", "telnetlib"}
ALWAYS_FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle", "ctypes"}
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "execfile", "input"}
FORBIDDEN_ATTR_CALLS = {("os", "system"), ("os", "popen"), ("os", "execv"), ("os", "execve"), ("os", "execvp"),
                        ("os", "spawnl"), ("os", "spawnv"), ("os", "startfile"), ("pty", "spawn")}


def package_files() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "_generated" not in p.parts)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _imports(tree: ast.AST) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def _top(name: str) -> str:
    return name.split(".")[0]


def test_no_dynamic_code_serialisation_or_shell_anywhere():
    problems = []
    for path in package_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for mod in _imports(tree):
            if _top(mod) in ALWAYS_FORBIDDEN_MODULES:
                problems.append(f"{_rel(path)} imports {mod}")
        # compile(source, ...) as a bare statement is a syntax check (cli/sources check that a
        # rewritten Python file still compiles): the code object is discarded, never run.
        syntax_checks = {id(stmt.value) for stmt in ast.walk(tree) if isinstance(stmt, ast.Expr)
                         and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name)
                         and stmt.value.func.id == "compile"}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            fn = node.func
            if isinstance(fn, ast.Name) and fn.id in FORBIDDEN_CALLS and id(node) not in syntax_checks:
                problems.append(f"{_rel(path)}:{node.lineno} calls {fn.id}()")
            if isinstance(fn, ast.Attribute) and isinstance(fn.value, ast.Name):
                if (fn.value.id, fn.attr) in FORBIDDEN_ATTR_CALLS:
                    problems.append(f"{_rel(path)}:{node.lineno} calls {fn.value.id}.{fn.attr}()")
            for kw in node.keywords:
                if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                    problems.append(f"{_rel(path)}:{node.lineno} passes shell=...")
    assert not problems, "\n".join(problems)


def test_network_engine_and_subprocess_only_where_allowed():
    used: dict[str, set[str]] = {"network": set(), "engine": set(), "subprocess": set()}
    problems = []
    for path in package_files():
        rel = _rel(path)
        for mod in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            top = _top(mod)
            if top in NETWORK_MODULES:
                used["network"].add(rel)
                if rel not in NETWORK_ALLOWED:
                    problems.append(f"{rel} imports {mod} (network code belongs in cypherlint/probe)")
            if top == "arcadedb_embedded":
                used["engine"].add(rel)
                if rel not in ENGINE_ALLOWED:
                    problems.append(f"{rel} imports {mod} (only the probe runs queries)")
            if top == "subprocess":
                used["subprocess"].add(rel)
                if rel not in SUBPROCESS_ALLOWED:
                    problems.append(f"{rel} imports subprocess")
    assert not problems, "\n".join(problems)
    # The allow-lists name files that really use the permission (no stale exceptions).
    assert NETWORK_ALLOWED <= used["network"] | {p for p in NETWORK_ALLOWED if not (ROOT / p).exists()}
    assert SUBPROCESS_ALLOWED <= used["subprocess"]


def test_lint_and_fix_load_no_network_or_engine_code_and_open_no_socket():
    """In a fresh interpreter where sockets and subprocesses raise, lint/fix still work and never
    import the probe, the engine or an HTTP client."""
    code = textwrap.dedent("""
        import socket, subprocess, sys
        def refuse(*a, **k):
            raise AssertionError("lint/fix tried to open a socket or start a process")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        subprocess.Popen.__init__ = refuse
        import cypherlint
        qs = ["MATCH (n:Person) WHERE toLower(n.name) = $q RETURN n", "SHOW INDEXES",
              "CREATE INDEX FOR (n:Person) ON (n.name)", "CALL db.labels() YIELD label RETURN label",
              "LOAD CSV FROM 'http://example.com/x.csv' AS row RETURN row", "MATCH ()-[:R]->() RETURN count(*)"]
        for t in ["arcadedb", "arcadedb-legacy", "arcadedb@26.5", "arcadedb@26.10.2"]:
            for q in qs:
                cypherlint.lint(q, target=t, params={"q": 1})
                cypherlint.fix(q, target=t, unsafe_fixes=True)
        bad = sorted(m for m in sys.modules if m.split(".")[0] in ("arcadedb_embedded", "requests", "httpx")
                     or m.startswith(("cypherlint.probe", "urllib.request", "http.client", "cypherlint.cli")))
        print("LOADED", bad)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=str(ROOT))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "LOADED []" in proc.stdout, proc.stdout


# ------------------------------------------------------------------------------ regular expressions


def _all_modules() -> list:
    mods = []
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="cypherlint."):
        if "._generated" in info.name or info.name.startswith("cypherlint.probe.runner"):
            continue
        try:
            mods.append(importlib.import_module(info.name))
        except ImportError:  # an optional dependency (the engine): not applied to user text here
            continue
    return mods


_METHODS = ("match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer")


def _methods_used(names: set[str]) -> dict[str, set[str]]:
    """For module-level pattern names, the methods the package calls on them (``_X.match(...)``)."""
    used: dict[str, set[str]] = {}
    for path in package_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Attribute) and node.attr in _METHODS):
                continue
            base = node.value.value if isinstance(node.value, ast.Subscript) else node.value  # _X[k].match
            if isinstance(base, ast.Name) and base.id in names:
                used.setdefault(base.id, set()).add(node.attr)
    return used


def collect_patterns() -> dict[str, tuple[re.Pattern, tuple[str, ...]]]:
    """Every compiled pattern held by a module or class, and every literal pattern passed to re.*,
    each with the methods the package applies it with (match and search when unknown)."""
    out: dict[str, tuple[re.Pattern, set[str]]] = {}
    short: dict[str, str] = {}
    for mod in _all_modules():
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern):
                out[f"{mod.__name__}.{name}"] = (value, set())
                short[f"{mod.__name__}.{name}"] = name
            elif isinstance(value, dict):
                for k, v in value.items():
                    if isinstance(v, re.Pattern):
                        out[f"{mod.__name__}.{name}[{k!r}]"] = (v, set())
                        short[f"{mod.__name__}.{name}[{k!r}]"] = name
            elif isinstance(value, type) and value.__module__ == mod.__name__:
                for attr, v in vars(value).items():
                    if isinstance(v, re.Pattern):
                        out[f"{mod.__name__}.{name}.{attr}"] = (v, set())
    used = _methods_used(set(short.values()))
    for key, name in short.items():
        out[key][1].update(used.get(name, ()))
    known = {(p.pattern, p.flags) for p, _ in out.values()}
    for path in package_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                    and node.func.attr in ("compile",) + _METHODS
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                flags = 0
                flag_nodes = [kw.value for kw in node.keywords if kw.arg == "flags"]
                if node.func.attr in ("compile", "match", "search", "fullmatch", "findall", "finditer") \
                        and len(node.args) > (1 if node.func.attr == "compile" else 2):
                    flag_nodes.append(node.args[1 if node.func.attr == "compile" else 2])
                for flag_node in flag_nodes:
                    try:
                        flags |= eval_flags(flag_node)
                    except ValueError:
                        pass
                try:
                    compiled = re.compile(node.args[0].value, flags)
                except re.error:
                    continue
                if node.func.attr == "compile" and (compiled.pattern, compiled.flags) in known:
                    continue  # the module-level pattern above, with the methods it is used with
                methods = set() if node.func.attr == "compile" else {node.func.attr}
                entry = out.setdefault(f"{_rel(path)}:{node.lineno}", (compiled, set()))
                entry[1].update(methods)
    out["fastlexer.exact_token_re"] = (fastlexer._exact_token_re(), {"match"})
    return {k: (p, tuple(sorted(m & {"match", "search", "fullmatch"} or ({"search"} if m else {"match", "search"}))))
            for k, (p, m) in out.items()}


def eval_flags(node: ast.AST) -> int:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
        return int(getattr(re, node.attr))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return eval_flags(node.left) | eval_flags(node.right)
    raise ValueError("not a re flag expression")


def test_patterns_are_collected():
    pats = collect_patterns()
    assert len(pats) >= 20
    assert any(p is fastlexer._TOKEN_RE for p, _ in pats.values())


_REDOS_CHILD = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, {tests!r})
    from test_security import collect_patterns, growth
    pats = collect_patterns()
    for name in sorted(pats):
        pat, methods = pats[name]
        print("START", name, flush=True)
        print("DONE", json.dumps([name, *growth(pat, methods)]), flush=True)
""")


def growth(pat: re.Pattern, methods) -> tuple[float, float, str]:
    """The slowest adversarial unit for a pattern: (seconds at SIZES[1], seconds at SIZES[0], unit)."""
    calls = [getattr(pat, m) for m in methods]
    worst = (0.0, 0.0, "")
    for unit in adversarial_inputs(pat):
        times = []
        for n in SIZES:
            s = (unit * n)[: n * 2]
            t = time.perf_counter()
            for call in calls:
                call(s)
            times.append(time.perf_counter() - t)
            if times[0] > 1.0:  # flagged already; the big input could take hours
                times.append(times[0] * 64)
                break
        worst = max(worst, (times[1], times[0], unit))
    return worst


def superlinear(big: float, small: float) -> bool:
    """4x the input: linear is ~4x the time; flag what is both measurable and superlinear."""
    return (big > 0.02 and big > 10 * max(small, 1e-4)) or big > 5


def test_the_backtracking_check_catches_a_quadratic_pattern():
    """The check below can fail: the pattern cypherlint once used for Python constant names."""
    old = re.compile(r"^_*[A-Z0-9_]*(CYPHER|QUERY|QUERIES|STATEMENTS?|STMTS?)[A-Z0-9_]*$")
    assert superlinear(*growth(old, ["match"])[:2])
    fixed = next(p for name, (p, _) in collect_patterns().items() if name.endswith("pyextract._QUERY_CONST"))
    assert not superlinear(*growth(fixed, ["match"])[:2])


SIZES = (500, 2000)


def adversarial_inputs(pat: re.Pattern) -> list[str]:
    """Repeated units built from the pattern's own characters and the usual suspects."""
    literal = sorted({c for c in pat.pattern if c.isprintable() and c not in "\\^$.|?*+()[]{}"})[:24]
    units = set(literal)
    units.update(a + b for a in literal[:8] for b in literal[:8])
    units.update([" ", "a", "a ", "\\", "\\\\", "'", "'a\\", '"a\\', "/*a", "*/", "`", "``", "é€", "a\u00a0", "1",
                  "_", "a:", "a,", "-", "--", "\t", "\n", "noqa", "noqa:", "ARC001,", "cypherlint:", "$", "{", "}",
                  "a.", "0x", "1e", ", ", " ,", "# ", "```", "~~~", "\x00"])
    return sorted(units)


def test_no_regular_expression_backtracks_catastrophically():
    """Each pattern, with the methods the package applies it with, on every repeated unit at two
    sizes (4x apart): a run-away pattern never finishes (the child is killed), a quadratic one
    shows ~16x the time."""
    code = _REDOS_CHILD.format(tests=str(Path(__file__).parent))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=str(ROOT))
    try:
        out, err = proc.communicate(timeout=900)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        started = [line for line in out.splitlines() if line.startswith("START")]
        pytest.fail(f"regular-expression check did not finish; last pattern: {started[-1] if started else '?'}")
    assert proc.returncode == 0, err[-3000:]
    slow = []
    for line in out.splitlines():
        if line.startswith("DONE"):
            name, big, small, unit = json.loads(line[5:])
            if superlinear(big, small):
                slow.append(f"{name}: {big:.3f}s at {SIZES[1]:,} x {unit!r} ({small:.4f}s at {SIZES[0]:,})")
    assert not slow, "\n".join(slow)


# The lexer applies its patterns at every offset, so a pattern that is linear per call can still
# make lexing quadratic: these units did (tests/fuzz/lexer-*), in tokenize and in the skip of an
# oversized statement.
LEXER_UNITS = ["'a\\", '"a\\', "/*a", "é€", "a\u00a0", "_\u00b7", "`a", "``", "/*", "'\\u12", "1.", "$`a", "*/",
               "a\u2028", "\\", "'", "//\n", "0x_", "1e+", "-->", "[:", "{a:"]


@pytest.mark.parametrize("unit", LEXER_UNITS, ids=[repr(u) for u in LEXER_UNITS])
def test_lexing_is_linear(unit):
    def cpu(n: int, limit: int | None = None) -> float:
        text = unit * n
        best = float("inf")
        for _ in range(2):
            t = time.process_time()
            fastlexer.tokenize(text, limit)
            best = min(best, time.process_time() - t)
        return best

    small, big = cpu(5_000), cpu(40_000)
    # 8x the input: linear is ~8x the time, quadratic ~64x.
    assert big < 25 * small + 0.05, f"{unit!r}: {small:.3f}s at 5,000, {big:.3f}s at 40,000"
    oversized = "RETURN [" + "1," * 1_000 + unit * 40_000
    t = time.process_time()
    fastlexer.tokenize(oversized, 1_000)
    assert time.process_time() - t < 25 * small + 0.5, f"skipping an oversized statement of {unit!r} is slow"


@given(st.lists(st.sampled_from(["'", '"', "`", "\\", "/*", "*/", "//", "\n", "\r", "a", "é", "€", "\u00a0", "\u00b7",
                                 "1", ".", "u", "0041", ";", " ", "x", "``", "\u2028", "\ufeff", "$"]), max_size=40)
       .map("".join))
def test_lexer_shortcuts_agree_with_the_antlr_lexer(text):
    """The shortcuts for unterminated openers and cut-short names give exactly ANTLR's tokens."""
    assert_same(text)
    assert_same(text + " " + text)


@given(st.lists(st.sampled_from(["'", '"', "`", "\\", "/*", "*/", "//", "\n", "\r", "a", ";", " ", "u", "0041",
                                 "``", "/"]), max_size=30).map("".join), st.integers(0, 40))
def test_skipping_an_oversized_statement_matches_the_token_rules(text, pos):
    """_skip_statement finds the same ';' as the regular expression it replaced (the oracle)."""
    oracle = re.compile(f"(?:[^;'\"`/]+|{fastlexer._STRING}|{fastlexer._BACKTICKED}|{fastlexer._BLOCK_COMMENT}"
                        f"|//[^\r\n]*|[^;])*", re.DOTALL)
    pos = min(pos, len(text))
    assert fastlexer._skip_statement(text, pos) == oracle.match(text, pos).end()


# ------------------------------------------------------------------------------ config


def _cli(args: list[str], cwd: Path, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("CYPHERLINT_PROBE_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "cypherlint", *args], cwd=str(cwd), capture_output=True, text=True,
                          timeout=timeout, env=full_env, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("config_name,content,key", [
    ("pyproject.toml", "[tool.cypherlint]\ntarget = 'arcadedb'\nsurprise = true\n", "surprise"),
    ("cypherlint.toml", "selekt = ['ARC001']\n", "selekt"),
    ("cypherlint.toml", "target = 'arcadedb'\n[lint]\nselect = ['ARC001']\n", "lint"),
])
def test_config_rejects_unknown_keys(tmp_path, config_name, content, key):
    (tmp_path / config_name).write_text(content, encoding="utf-8")
    (tmp_path / "q.cypher").write_text("MATCH (n) RETURN n\n", encoding="utf-8")
    proc = _cli(["--no-cache", "q.cypher"], tmp_path)
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert key in proc.stderr + proc.stdout, proc.stderr


def test_explicit_config_file_rejects_unknown_keys(tmp_path):
    cfg = tmp_path / "custom.toml"
    cfg.write_text("ignore = ['ARC001']\nunknown_key = 1\n", encoding="utf-8")
    (tmp_path / "q.cypher").write_text("MATCH (n) RETURN n\n", encoding="utf-8")
    proc = _cli(["--no-cache", "--config", str(cfg), "q.cypher"], tmp_path)
    assert proc.returncode == 2 and "unknown_key" in proc.stderr + proc.stdout


# ------------------------------------------------------------------------------ probe credentials

SECRET = "S3cr3t-Pa55-w0rd"
USER = "probe-user-7"


class _Reflector(http.server.BaseHTTPRequestHandler):
    """A hostile server: answers every request with an error whose body repeats the request's
    headers (the Authorization header included, decoded)."""

    def _answer(self):
        import base64

        auth = self.headers.get("Authorization", "")
        decoded = ""
        if auth.startswith("Basic "):
            decoded = base64.b64decode(auth[6:]).decode("utf-8", "replace")
        body = json.dumps({"error": f"denied {auth} {decoded}", "detail": dict(self.headers)}).encode()
        self.send_response(int(self.server.status))  # type: ignore[attr-defined]
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):  # quiet
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _assert_secret_not_echoed(proc: subprocess.CompletedProcess) -> None:
    import base64

    text = proc.stdout + proc.stderr
    assert SECRET not in text, text[-2000:]
    assert base64.b64encode(f"{USER}:{SECRET}".encode()).decode() not in text, text[-2000:]


@pytest.mark.parametrize("status", [401, 403, 500])
def test_probe_never_echoes_the_password_from_a_hostile_server(tmp_path, status):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Reflector)
    server.status = status  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        for args, env in [
            (["probe", "--url", url, "-d", "db", "--user", USER, "--password", SECRET, "--timeout", "5"], None),
            (["probe", "--url", url, "-d", "db", "--user", USER, "--timeout", "5", "--json"],
             {"CYPHERLINT_PROBE_PASSWORD": SECRET}),
        ]:
            proc = _cli(args, tmp_path, env)
            assert proc.returncode != 0
            _assert_secret_not_echoed(proc)
    finally:
        server.shutdown()


def test_probe_never_echoes_the_password_when_unreachable_or_in_the_url(tmp_path):
    port = _free_port()
    proc = _cli(["probe", "--url", f"http://127.0.0.1:{port}", "-d", "db", "--user", USER, "--password", SECRET,
                 "--timeout", "2"], tmp_path)
    assert proc.returncode != 0
    _assert_secret_not_echoed(proc)
    proc = _cli(["probe", "--url", f"http://{USER}:{SECRET}@127.0.0.1:{port}", "-d", "db", "--user", USER,
                 "--password", "other", "--timeout", "2"], tmp_path)
    assert proc.returncode != 0
    _assert_secret_not_echoed(proc)
