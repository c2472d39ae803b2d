"""The ``cypherlint`` command.

``cypherlint [PATHS]`` checks (the default command), ``cypherlint --fix [PATHS]`` rewrites files in
place; ``cypherlint rules``, ``cypherlint rule CODE``, ``cypherlint ddl`` and ``cypherlint probe`` are
subcommands. A subcommand is recognised only as the very first argument; to check a path that is
named like one, write ``./rules`` or ``cypherlint check rules``.

Exit codes: 0 nothing left, 1 diagnostics left (or, with ``--diff``, something would change),
2 usage, configuration or file errors, or an internal error.
"""

from __future__ import annotations

import difflib
import os
import sys
import time
from dataclasses import dataclass

import click

from cypherlint._version import __version__
from cypherlint.config import ConfigError, Overrides, Resolver, split_codes
from cypherlint.files import STDIN, SourceError, SourceText, decode, read_source, walk, write_atomic
from cypherlint.report import FORMATS, FileReport, RunReport

# Below this much text a run is done in this process: forking workers costs more than it saves.
PARALLEL_MIN_CHARS = 60_000
PARALLEL_MIN_FILES = 8


class Fatal(click.ClickException):
    """A usage or configuration error: message on stderr, exit 2."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"cypherlint: error: {self.format_message()}", err=True)


# ---------------------------------------------------------------------------------- the work


@dataclass
class Task:
    """One file's text and what to do with it; sent to worker processes as a plain tuple."""

    display: str
    path: str  # "-" for stdin
    kind: str
    source: SourceText
    target: str
    select: list[str] | None
    ignore: list[str]
    fix: bool
    unsafe: bool
    cache_key: str | None = None

    def payload(self) -> tuple:
        return (self.source.text, self.display, self.kind, self.target, self.select, self.ignore, self.fix,
                self.unsafe)


def _error_count(text, path, kind, target) -> int:
    from cypherlint.sources import check_text

    r = check_text(text, path, target=target, select=["E"], kind=kind)
    return len(r.diagnostics) + (1 if r.error else 0)


def _fixed_text_problem(old: str, new: str, path: str, kind: str, target: str) -> str | None:
    """Why the rewritten text must not be written (it breaks parsing where the original did not)."""
    if kind == "python":
        try:
            compile(old, path, "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            pass
        else:
            try:
                compile(new, path, "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as exc:
                return f"{path}: the fixes would make the Python file invalid ({exc.msg}); not rewritten"
    if _error_count(new, path, kind, target) > _error_count(old, path, kind, target):
        return f"{path}: the fixes would introduce a Cypher syntax error; not rewritten"
    return None


def check_payload(payload: tuple) -> dict:
    """Lint (and fix) one file's text; runs in a worker process. Returns plain data (cache format)."""
    from cypherlint.cache import diag_to_list
    from cypherlint.sources import check_text

    text, path, kind, target, select, ignore, fix, unsafe = payload
    try:
        r = check_text(text, path, target=target, select=select, ignore=ignore, fix=fix, unsafe_fixes=unsafe,
                       kind=kind)
        out = {"diagnostics": [diag_to_list(d) for d in r.diagnostics],
               "applied": [diag_to_list(d) for d in r.applied], "new_text": r.new_text,
               "error": f"{path}: {r.error}" if r.error else None}
        if fix and r.new_text is not None and r.new_text != text:
            problem = _fixed_text_problem(text, r.new_text, path, kind, target)
            if problem:
                plain = check_text(text, path, target=target, select=select, ignore=ignore, kind=kind)
                out = {"diagnostics": [diag_to_list(d) for d in plain.diagnostics], "applied": [],
                       "new_text": None, "error": problem}
        elif r.new_text == text:
            out["new_text"] = None
        return out
    except Exception as exc:  # one file's crash must not take the others down
        return {"diagnostics": [], "applied": [], "new_text": None,
                "error": f"{path}: internal error while checking this file: {type(exc).__name__}: {exc}",
                "internal": True}


def _warm_up(target: str) -> None:
    """Load the parser and rule tables once, so forked workers start warm."""
    import cypherlint

    cypherlint.lint("MATCH (n)-[r]->(m) WHERE n.x = $p RETURN n, count(r)", target=target)


def _fork_context():
    import multiprocessing

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def run_tasks_serially(tasks: list[Task], progress) -> list[dict]:
    results = []
    for t in tasks:
        results.append(check_payload(t.payload()))
        progress(1)
    return results


def _busy(cores: int) -> bool:
    """No core to spare (measured: on a saturated machine workers only add fork and copy costs)."""
    try:
        return os.getloadavg()[0] > cores - 0.5
    except (OSError, AttributeError):
        return False


def run_tasks(tasks: list[Task], progress) -> list[dict]:
    """Results in task order: serially for small runs, else in a pool of forked, pre-warmed workers."""
    if not tasks:
        return []
    workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1), 32)
    total = sum(len(t.source.text) for t in tasks)
    ctx = _fork_context()
    if (workers < 2 or ctx is None or len(tasks) < PARALLEL_MIN_FILES or total < PARALLEL_MIN_CHARS
            or os.environ.get("CYPHERLINT_JOBS") == "1"):
        return run_tasks_serially(tasks, progress)
    jobs = os.environ.get("CYPHERLINT_JOBS")
    if jobs and jobs.isdigit():
        workers = max(1, int(jobs))
    elif _busy(workers):
        workers = 1
    if workers < 2:
        return run_tasks_serially(tasks, progress)
    _warm_up(tasks[0].target)
    import gc

    gc.collect()
    gc.freeze()  # workers then never touch (and so never copy) the parent's warm objects
    chunk = max(1, min(32, len(tasks) // (workers * 8)))
    results = []
    with ctx.Pool(workers) as pool:
        for r in pool.imap(check_payload, [t.payload() for t in tasks], chunksize=chunk):
            results.append(r)
            progress(1)
    return results


class Progress:
    """A one-line progress bar on stderr, shown only on a terminal and only after the first second."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.enabled = total, 0, enabled and total > 0
        self.start = time.monotonic()
        self.shown = False
        self.last = 0.0

    def __call__(self, n: int) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < 1.0 or (now - self.last < 0.1 and self.done < self.total):
            return
        self.last = now
        width = 30
        filled = int(width * self.done / self.total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} files")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


# ---------------------------------------------------------------------------------- check


def _use_color(stream) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


def _validate_target(value: str | None) -> str | None:
    if value is None:
        return None
    from cypherlint.targets import parse_target

    try:
        parse_target(value)
    except ValueError as exc:
        raise Fatal(f"--target: {exc}") from None
    return value


def _validate_codes(values, flag: str) -> list[str] | None:
    from cypherlint.engine import validate_codes

    codes = split_codes(values)
    if codes is None:
        return None
    try:
        return validate_codes(codes, flag)
    except ValueError as exc:
        raise Fatal(str(exc)) from None


EPILOG = """\b
Subcommands (first argument only):
  cypherlint rules              table of all rules
  cypherlint rule CODE          one rule's documentation and cases
  cypherlint ddl ...            translate Neo4j schema statements to ArcadeDB SQL
  cypherlint probe ...          measure a live ArcadeDB server into a target profile
  cypherlint check PATHS        same as `cypherlint PATHS` (for a path named like a subcommand)

\b
Exit codes: 0 nothing left, 1 diagnostics left (--diff: changes pending), 2 error.
"""


@click.command(name="check", epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--fix", is_flag=True, help="Rewrite files in place with the safe fixes.")
@click.option("--unsafe-fixes/--no-unsafe-fixes", default=None,
              help="Also apply fixes that may change results (default: from config, else off).")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of writing them.")
@click.option("--target", metavar="TARGET", help="ArcadeDB deployments to check for (default: arcadedb).")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes/prefixes (comma-separated).")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Add codes/prefixes to the selection.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes/prefixes (comma-separated).")
@click.option("--output-format", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--statistics", is_flag=True, help="Count diagnostics per code instead of listing them.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when diagnostics remain.")
@click.option("--config", "config_file", metavar="FILE", help="Use this config file (no discovery).")
@click.option("--no-cache", is_flag=True, help="Do not read or write .cypherlint_cache/.")
@click.option("--stdin-filename", metavar="PATH", help="Name (for output and config) of the text read from '-'.")
@click.option("-q", "--quiet", is_flag=True, help="Print diagnostics only: no summary, no progress.")
@click.version_option(__version__, "--version", prog_name="cypherlint", message="%(prog)s %(version)s")
def check(paths, fix, unsafe_fixes, diff, target, select, extend_select, ignore, output_format, statistics,
          exit_zero, config_file, no_cache, stdin_filename, quiet):
    """Check Cypher in .cypher/.cql/.cyp files, Python driver calls and Markdown fences.

    PATHS are files or directories (default: the current directory); '-' reads standard input.
    """
    overrides = Overrides(
        target=_validate_target(target),
        select=_validate_codes(select, "--select"),
        extend_select=_validate_codes(extend_select, "--extend-select") or [],
        ignore=_validate_codes(ignore, "--ignore"),
        unsafe_fixes=unsafe_fixes,
    )
    try:
        resolver = Resolver(overrides, config_file)
    except ConfigError as exc:
        raise Fatal(str(exc)) from None
    fixing = fix or diff
    paths = list(paths) or ["."]
    if paths.count(STDIN) > 1:
        raise Fatal("'-' (standard input) can be given only once")

    reports: dict[int, FileReport] = {}
    order: list[FileReport] = []

    def on_walk_error(msg: str) -> None:
        fr = FileReport(display=msg.split(": ", 1)[0], error=msg)
        order.append(fr)

    tasks: list[Task] = []
    raw_stdin = b""
    stdin_passthrough: bytes | None = None
    try:
        candidates = list(walk(paths, resolver.excluded, on_error=on_walk_error))
    except ConfigError as exc:
        raise Fatal(str(exc)) from None
    for c in candidates:
        if c.path == STDIN:
            display = stdin_filename or STDIN
            settings_path = os.path.abspath(stdin_filename) if stdin_filename else os.path.join(os.getcwd(), "-")
            from cypherlint.sources import kind_for_path

            kind = (kind_for_path(stdin_filename) if stdin_filename else None) or "cypher"
        else:
            display, settings_path, kind = c.display, os.path.abspath(c.path), c.kind
        fr = FileReport(display=display)
        order.append(fr)
        try:
            settings = resolver.for_path(settings_path)
        except ConfigError as exc:
            raise Fatal(str(exc)) from None
        try:
            if c.path == STDIN:
                raw_stdin = sys.stdin.buffer.read()
                source = decode(raw_stdin, display)
            else:
                source = read_source(c.path, display)
        except SourceError as exc:
            fr.error = str(exc)
            if c.path == STDIN and fix and not diff:
                stdin_passthrough = raw_stdin  # a filter never swallows its input
            continue
        tasks.append(Task(display, c.path, kind, source, settings.target, settings.effective_select(),
                          settings.effective_ignore(settings_path), fixing, settings.unsafe_fixes))
        reports[len(tasks) - 1] = fr

    cache = None
    if not no_cache and not os.environ.get("CYPHERLINT_NO_CACHE"):
        from cypherlint.cache import CACHE_DIR_NAME, Cache, entry_key, settings_key

        cache = Cache(os.environ.get("CYPHERLINT_CACHE_DIR") or os.path.join(os.getcwd(), CACHE_DIR_NAME))
        for t in tasks:
            skey = settings_key(target=t.target, target_stamp=_target_stamp(t.target), select=t.select,
                                ignore=t.ignore, fix=t.fix, unsafe=t.unsafe)
            t.cache_key = entry_key(skey, t.kind, t.source.text)

    results: list[dict | None] = [None] * len(tasks)
    todo = []
    for i, t in enumerate(tasks):
        hit = cache.get(t.cache_key) if cache is not None and t.cache_key else None
        if hit is not None:
            results[i] = hit
        else:
            todo.append(i)
    progress = Progress(len(todo), enabled=not quiet and _isatty(sys.stderr))
    try:
        fresh = run_tasks([tasks[i] for i in todo], progress)
    finally:
        progress.close()
    for i, r in zip(todo, fresh):
        results[i] = r
        if cache is not None and tasks[i].cache_key and not r.get("internal"):
            cache.put(tasks[i].cache_key, r)
    if cache is not None:
        cache.save()

    from cypherlint.cache import diag_from_list

    stdin_output: str | None = None
    diffs: list[str] = []
    for i, (t, r) in enumerate(zip(tasks, results)):
        fr = reports[i]
        fr.error = r.get("error")
        fr.diagnostics = [diag_from_list(x) for x in r["diagnostics"]]
        fr.applied = [diag_from_list(x) for x in r["applied"]] if fixing else []
        new_text = r.get("new_text")
        fr.text = new_text if new_text is not None else t.source.text
        if t.path == STDIN and fix and not diff:
            stdin_output = fr.text
            continue
        if new_text is None:
            continue
        if diff:
            diffs.append(_unified_diff(t.display, t.source.text, new_text))
            continue
        try:
            write_atomic(t.path, new_text, t.source, t.display)
            fr.written = True
        except SourceError as exc:
            # Not written: report the original text's diagnostics, not the fixed text's.
            fr.error = str(exc)
            fr.text = t.source.text
            fr.applied = []
            plain = check_payload(t.payload()[:6] + (False, False))
            fr.diagnostics = [diag_from_list(x) for x in plain["diagnostics"]]

    report = RunReport(order, fix=fixing, unsafe_fixes=any(t.unsafe for t in tasks), statistics=statistics)
    errors = report.errors
    for fr in errors:
        click.echo(f"cypherlint: error: {fr.error}", err=True)

    if diff:
        out = "".join(diffs)
        if out:
            click.echo(out, nl=False)
        n = sum(len(f.applied) for f in order)
        if not quiet and n:
            files = sum(1 for f in order if f.applied)
            click.echo(f"Would fix {n} diagnostic{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}.",
                       err=True)
        return 2 if errors else (1 if out else 0)

    out_stream = sys.stdout
    to_stderr = stdin_output is not None
    if stdin_passthrough is not None:
        sys.stdout.buffer.write(stdin_passthrough)
        sys.stdout.flush()
        to_stderr = True
    if stdin_output is not None:
        click.echo(stdin_output, nl=False)
    color = output_format == "text" and _use_color(sys.stderr if to_stderr else out_stream)
    if output_format == "text":
        from cypherlint.report import text as text_format

        rendered = text_format.render(report, color=color, quiet=quiet)
    else:
        from cypherlint.report import render

        rendered = render(output_format, report, color=False)
    if rendered:
        click.echo(rendered, nl=False, err=to_stderr, color=color)
    if errors:
        return 2
    if report.diagnostics and not exit_zero:
        return 1
    return 0


def _target_stamp(target: str) -> str:
    if target.endswith(".json") and os.path.isfile(target):
        st = os.stat(target)
        return f"{st.st_size}:{st.st_mtime_ns}"
    return ""


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _unified_diff(name: str, old: str, new: str) -> str:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    out = []
    for line in lines:
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


# ---------------------------------------------------------------------------------- rules, rule


@click.command(name="rules")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_cmd(output_format):
    """Table of all rules: code, name, fix, affected ArcadeDB deployments, summary."""
    from cypherlint.report.ruleinfo import table_rows

    rows = table_rows()
    if output_format == "json":
        import json

        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    headers = {"code": "CODE", "name": "NAME", "fixable": "FIX", "affected": "AFFECTED", "summary": "SUMMARY"}
    cols = list(headers)
    widths = {c: max(len(headers[c]), *(len(r[c]) for r in rows)) for c in cols[:-1]}
    lines = ["  ".join(headers[c].ljust(widths[c]) if c in widths else headers[c] for c in cols).rstrip()]
    for r in rows:
        lines.append("  ".join(r[c].ljust(widths[c]) if c in widths else r[c] for c in cols).rstrip())
    click.echo("\n".join(lines))
    return 0


@click.command(name="rule")
@click.argument("code")
@click.option("--output-format", type=click.Choice(["text", "markdown"]), default="text", show_default=True)
def rule_cmd(code, output_format):
    """One rule's full documentation, with its cases."""
    from cypherlint.report.ruleinfo import all_documented, lookup, markdown, text_page

    rule = lookup(code)
    if rule is None:
        known = [r.code for r in all_documented()]
        close = [k for k in known if k.startswith(code.upper())][:6] or difflib.get_close_matches(code.upper(), known)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise Fatal(f"unknown rule code {code!r}{hint}; `cypherlint rules` lists them all")
    click.echo(markdown(rule) if output_format == "markdown" else text_page(rule), nl=False)
    return 0


# ---------------------------------------------------------------------------------- the group

LAZY = {
    "ddl": ("cypherlint.commands.ddl", "ddl", "translate Neo4j schema statements to ArcadeDB SQL"),
    "probe": ("cypherlint.commands.probe", "probe", "measure a live ArcadeDB server into a target profile"),
}


def _unavailable(name: str, error: str) -> click.Command:
    @click.command(name=name, context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
                   add_help_option=False)
    def stub():
        raise Fatal(f"`cypherlint {name}` is not available in this installation ({error})")

    return stub


class Group(click.Group):
    def list_commands(self, ctx):
        return sorted([*self.commands, *LAZY])

    def get_command(self, ctx, name):
        if name in self.commands:
            return self.commands[name]
        if name not in LAZY:
            return None
        module_name, attr, _ = LAZY[name]
        try:
            import importlib

            cmd = getattr(importlib.import_module(module_name), attr)
        except Exception as exc:  # a missing or broken module never breaks the rest of the CLI
            return _unavailable(name, f"{type(exc).__name__}: {exc}")
        if not isinstance(cmd, click.Command):
            return _unavailable(name, f"{module_name}.{attr} is not a click command")
        return cmd


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
def cli():
    """cypherlint: find and rewrite the Neo4j Cypher that misbehaves on ArcadeDB."""


cli.add_command(check)
cli.add_command(rules_cmd)
cli.add_command(rule_cmd)
SUBCOMMANDS = ("check", "rules", "rule", *LAZY)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = cli if args and args[0] in SUBCOMMANDS else check
    try:
        rc = command.main(args, prog_name="cypherlint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        rc = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        rc = exc.exit_code if isinstance(exc, Fatal) else 2
    except click.Abort:
        click.echo("cypherlint: aborted", err=True)
        rc = 2
    except BrokenPipeError:
        _silence_stdout()
        rc = 1
    except KeyboardInterrupt:
        click.echo("cypherlint: interrupted", err=True)
        rc = 130
    except Exception as exc:
        if os.environ.get("CYPHERLINT_DEBUG"):
            raise
        click.echo(f"cypherlint: internal error: {type(exc).__name__}: {exc} "
                   "(set CYPHERLINT_DEBUG=1 for a traceback, and please report it)", err=True)
        rc = 2
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    if argv is None:
        sys.exit(rc if isinstance(rc, int) else 0)
    return rc if isinstance(rc, int) else 0


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
