"""``cypherlint probe``: measure a live ArcadeDB server and write a target profile.

    cypherlint probe --url http://db:2480 --database mydb --user root -o arcade-prod.json
    cypherlint --target arcade-prod.json queries/

The password comes from ``--password``, ``CYPHERLINT_PROBE_PASSWORD`` or a prompt (the user likewise
from ``--user``, ``CYPHERLINT_PROBE_USER`` or a prompt); it is never printed, logged or written.
Everything the probe does runs in a transaction that is rolled back, on scratch types it drops
again; the report says whether the server's record counts, types and indexes are unchanged.

Exit status: 0 when the probe ran and the server is unchanged, 1 when the before/after snapshots
differ (another client may have written meanwhile), 2 when the server cannot be probed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import click


@click.command(name="probe", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--url", default="http://localhost:2480", show_default=True,
              help="ArcadeDB HTTP endpoint (credentials do not go here)")
@click.option("--database", "-d", required=True, help="database to probe (left unchanged)")
@click.option("--user", envvar="CYPHERLINT_PROBE_USER", default=None,
              help="user name (or CYPHERLINT_PROBE_USER; prompted when missing)")
@click.option("--password", envvar="CYPHERLINT_PROBE_PASSWORD", default=None, show_envvar=False,
              help="password (or CYPHERLINT_PROBE_PASSWORD; prompted when missing)")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="write the target profile (JSON) here, for --target")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="seconds per HTTP request")
@click.option("--only", multiple=True, metavar="CONSTRUCT", help="probe only these constructs (repeatable)")
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON instead of text")
def probe(url, database, user, password, output, timeout, only, as_json):
    """Measure which constructs misbehave on a live ArcadeDB server (changes nothing)."""
    from cypherlint.probe.live import ProbeError, run_probe

    if not user:
        user = click.prompt("ArcadeDB user", err=True)
    if password is None:
        password = click.prompt("ArcadeDB password", hide_input=True, err=True)

    def progress(result):
        click.echo(f"  {result.outcome:8} {result.construct}", err=True)

    click.echo(f"probing {database!r} (every change is rolled back)...", err=True)
    try:
        report = run_probe(url, database, user, password, timeout=timeout, only=list(only) or None,
                           progress=progress)
    except ProbeError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        password = None  # noqa: F841 - drop the secret as early as possible
    profile = report.to_profile()
    if output is not None:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(json.dumps(profile, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
    if as_json:
        click.echo(json.dumps({**profile, "results": [r.to_dict() for r in report.results]}, indent=1))
    else:
        click.echo(report.to_text())
        if output is not None:
            click.echo(f"profile written to {output}; use it with --target {os.fspath(output)}")
    return 0 if report.unchanged else 1
