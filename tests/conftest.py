"""Shared test helpers: paths to the repository and to ../shared (the corpora and measurements)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _register_hypothesis_profiles() -> None:
    """Hypothesis profiles: "ci" (default, >= 2,000 cases per property) and "nightly" (long runs).

    Select with CYPHERLINT_HYPOTHESIS_PROFILE=nightly. Property tests set no max_examples of their
    own, so the profile decides the budget; generation is slow-ish (whole queries), so deadlines
    are off and the per-query time bound lives in the test harness instead.
    """
    import os

    from hypothesis import HealthCheck, settings

    common = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
                  print_blob=True)
    settings.register_profile("ci", max_examples=2_000, **common)
    settings.register_profile("nightly", max_examples=25_000, **common)
    settings.load_profile(os.environ.get("CYPHERLINT_HYPOTHESIS_PROFILE", "ci"))


_register_hypothesis_profiles()
SHARED = ROOT.parent / "shared"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED} (it sits beside the repository in CI)")
    return SHARED


def load_rule_cases() -> dict[str, dict]:
    """rules/<CODE>.toml case files by code (other TOML files there, e.g. fixtures, are not cases)."""
    import re

    out = {}
    for path in sorted((ROOT / "rules").glob("*.toml")):
        if not re.fullmatch(r"[A-Z]+\d{3}", path.stem):
            continue
        with open(path, "rb") as f:
            out[path.stem] = tomllib.load(f)
    return out


# ------------------------------------------------------------------- in-process JVM at exit

_EXIT_STATUS = pytest.StashKey[int]()


def pytest_sessionfinish(session, exitstatus):
    session.config.stash[_EXIT_STATUS] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    """End the process here when the engine tests started a JVM in it.

    JPype's JVM can crash while the Python interpreter tears itself down after the last test:
    one CI run printed its summary and then died with SIGSEGV (exit 139), turning a result into
    a crash. Every report is written and every fixture finalized by now, so the process exits
    with pytest's own status instead of going through interpreter shutdown with a live JVM.
    """
    jpype = sys.modules.get("jpype")
    status = config.stash.get(_EXIT_STATUS, None)
    if jpype is None or status is None or not jpype.isJVMStarted():
        return
    import os

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)

