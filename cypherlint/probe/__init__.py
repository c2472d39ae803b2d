"""Measuring behaviour on a real ArcadeDB.

* :mod:`cypherlint.probe.cases`  — rule cases and fixtures as measurements, and the judgement
  (ok / error / wrong / unknown) shared by every way of running them;
* :mod:`cypherlint.probe.runner` — the embedded engine (``arcadedb-embedded``), used by
  ``scripts/regen_compat.py`` and the engine tests;
* :mod:`cypherlint.probe.http` and :mod:`cypherlint.probe.live` — ``cypherlint probe``: the same
  cases on a live server over HTTP, inside a transaction that is always rolled back.

Imports are lazy: the worker of ``scripts/regen_compat.py`` loads ``cases`` and ``runner`` in a
virtual environment that has nothing but ``arcadedb-embedded``.
"""

from __future__ import annotations

__all__ = ["run_probe", "ProbeReport", "ProbeError"]


def __getattr__(name: str):
    if name in __all__:
        from cypherlint.probe import live

        return getattr(live, name)
    raise AttributeError(f"module 'cypherlint.probe' has no attribute {name!r}")
