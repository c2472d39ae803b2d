"""``cypherlint ddl``: translate a Neo4j schema file into one ArcadeDB SQL script.

    cypherlint ddl schema.cypher -o schema.sql
    cypherlint ddl schema.cypher --schema hints.toml --target arcadedb@26.5 --reset

The script starts with a header saying what was translated and what could not be; every statement
of the input appears as a comment above its SQL, with notes where ArcadeDB has no equivalent.

Exit status: 0 when every schema statement was translated (or needs nothing on ArcadeDB), 1 when
something could not be translated (the script is still written), 2 on a usage error (unreadable
input, bad target, bad hint file).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


class UsageError(click.ClickException):
    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"cypherlint ddl: error: {self.format_message()}", err=True)


def _read(path: str) -> tuple[str, str]:
    if path == "-":
        data = sys.stdin.buffer.read()
        name = "<stdin>"
    else:
        p = Path(path)
        if p.is_dir():
            raise UsageError(f"{path} is a directory; give one .cypher file")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
        name = p.name
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{name} is not UTF-8 text (byte {exc.start})") from None
    return text, name


@click.command(name="ddl", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("path", metavar="FILE")
@click.option("--output", "-o", metavar="FILE", default=None, help="write the SQL script here (default: stdout)")
@click.option("--target", metavar="TARGET", default="arcadedb", show_default=True,
              help="ArcadeDB deployments the script must run on")
@click.option("--schema", "schema_path", metavar="HINTS.toml", default=None,
              help="property types and index names the Cypher does not state ([properties.<Label>], [indexes])")
@click.option("--reset", is_flag=True, help="start the script by dropping every type it uses, WITH ITS DATA")
def ddl(path, output, target, schema_path, reset):
    """Translate Neo4j schema statements (CREATE/DROP INDEX and CONSTRAINT, SHOW) into ArcadeDB SQL."""
    from cypherlint.ddl.hints import HintError, load_hints
    from cypherlint.ddl.script import translate_text
    from cypherlint.targets import parse_target

    try:
        tgt = parse_target(target)
    except ValueError as exc:
        raise UsageError(f"--target: {exc}") from None
    hints = None
    if schema_path is not None:
        try:
            hints = load_hints(schema_path)
        except HintError as exc:
            raise UsageError(f"--schema: {exc}") from None
    text, name = _read(path)
    script = translate_text(text, target=tgt, hints=hints, reset=reset, source=name)
    sql = script.render()
    if output is None or output == "-":
        click.echo(sql, nl=False)
    else:
        try:
            out = Path(output)
            if out.parent and not out.parent.exists():
                out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(sql, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    c = script.counts()
    schema = len(script.blocks) - c["skipped"]
    summary = (f"{name}: {schema} schema statement{'s' if schema != 1 else ''}, {c['translated']} translated, "
               f"{c['partial']} partly, {c['untranslated']} not translated, {c['not-needed']} not needed")
    if c["skipped"]:
        summary += f", {c['skipped']} other skipped"
    if output not in (None, "-"):
        summary += f"; SQL written to {output}"
    click.echo(summary, err=True)
    for p in script.problems:
        click.echo(f"hint ignored: {p}", err=True)
    return 0 if script.complete else 1
