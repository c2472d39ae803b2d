"""Targets: which ArcadeDB deployments a query must run correctly on, and what each one gets wrong.

A *deployment* is an engine (the native openCypher engine, or the legacy Cypher-for-Gremlin
translator) at a release. A *target string* (``arcadedb``, ``arcadedb@26.10``,
``arcadedb@>=26.3,<26.8``, ``arcadedb-legacy``, or the path of a profile written by
``cypherlint probe``) names a set of deployments. What misbehaves where is data
(``compat.json``, measured; ``facts/*.toml``, curated from source history and documents), never code:
a rule asks :meth:`Target.affected` whether its construct misbehaves anywhere in the target and
gets back a sentence saying where.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_DATA_DIR = Path(__file__).resolve().parent
NATIVE = "native"
LEGACY = "legacy"
OK, ERROR, WRONG, UNKNOWN = "ok", "error", "wrong", "unknown"
BAD = frozenset({ERROR, WRONG})


@dataclass(frozen=True, order=True, slots=True)
class Version:
    parts: tuple[int, ...]

    @classmethod
    def parse(cls, text: str) -> Version:
        text = text.strip()
        if not re.fullmatch(r"\d+(\.\d+){0,2}", text):
            raise ValueError(f"not a release number: {text!r}")
        return cls(tuple(int(p) for p in text.split(".")))

    def __str__(self) -> str:
        return ".".join(str(p) for p in self.parts)

    def padded(self) -> tuple[int, int, int]:
        p = self.parts + (0,) * (3 - len(self.parts))
        return p[0], p[1], p[2]


@dataclass(frozen=True, slots=True)
class Deployment:
    engine: str  # NATIVE or LEGACY
    release: Version

    def __str__(self) -> str:
        return f"ArcadeDB {self.release}" + (" (legacy Cypher engine)" if self.engine == LEGACY else "")


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str  # OK, ERROR, WRONG, UNKNOWN
    evidence: str = ""
    source: str = ""  # "measured", "interpolated", "curated", "profile"


@dataclass(frozen=True, slots=True)
class Affected:
    """Where a construct misbehaves within a target, and a sentence that says so."""

    construct: str
    bad: tuple[tuple[Deployment, Outcome], ...]
    where: str  # e.g. "returns wrong results on ArcadeDB 26.3.2–26.7.2 (fixed in 26.10.2)"

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(o.kind for _, o in self.bad)

    @property
    def evidence(self) -> str:
        for _, o in self.bad:
            if o.evidence:
                return o.evidence
        return ""


class CompatData:
    """Measured and curated outcomes per construct and deployment."""

    def __init__(self, measured: dict, facts: dict):
        releases = measured.get("releases", {})
        self.releases: list[Version] = sorted(Version.parse(r) for r in releases)
        self.measured_releases: set[Version] = {
            Version.parse(r) for r, info in releases.items() if info.get("measured")
        }
        self.legacy_until = Version.parse(measured.get("legacy_until", "26.4.2"))  # exclusive
        self.first_native = Version.parse(measured.get("first_native", "26.1.1"))
        self.constructs: dict[str, dict] = measured.get("constructs", {})
        self.titles: dict[str, str] = {k: v.get("title", k) for k, v in self.constructs.items()}
        # curated facts: construct -> list of {engine, from, until, outcome, evidence}
        self.facts: dict[str, list[dict]] = {}
        for item in facts.get("fact", []):
            self.facts.setdefault(item["construct"], []).append(item)
            self.titles.setdefault(item["construct"], item.get("title", item["construct"]))
        self._cache: dict[tuple[str, Deployment], Outcome] = {}

    # ------------------------------------------------------------------ outcomes
    def outcome(self, construct: str, dep: Deployment) -> Outcome:
        key = (construct, dep)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._cache[key] = self._outcome(construct, dep)
        return hit

    def _curated(self, construct: str, dep: Deployment) -> Outcome | None:
        for f in self.facts.get(construct, ()):
            if f.get("engine", NATIVE) != dep.engine:
                continue
            lo = Version.parse(f["from"]) if "from" in f else None
            hi = Version.parse(f["until"]) if "until" in f else None  # exclusive
            if (lo is None or dep.release >= lo) and (hi is None or dep.release < hi):
                return Outcome(f["outcome"], f.get("evidence", ""), "curated")
        return None

    def _outcome(self, construct: str, dep: Deployment) -> Outcome:
        data = self.constructs.get(construct)
        engine_data = (data or {}).get(dep.engine, {})
        exact = engine_data.get(str(dep.release))
        if exact is not None and exact.get("outcome", UNKNOWN) != UNKNOWN:
            return Outcome(exact["outcome"], exact.get("evidence", ""), "measured")
        curated = self._curated(construct, dep)
        if curated is not None:
            return curated
        if not engine_data:
            return Outcome(OK if data is not None or construct in self.facts else UNKNOWN, "", "none")
        # Interpolate between the nearest measured releases below and above.
        points = sorted(
            (Version.parse(r), v) for r, v in engine_data.items() if v.get("outcome", UNKNOWN) != UNKNOWN
        )
        below = [p for p in points if p[0] < dep.release]
        above = [p for p in points if p[0] > dep.release]
        if below and above:
            a, b = below[-1][1], above[0][1]
            if a["outcome"] == b["outcome"]:
                return Outcome(a["outcome"], a.get("evidence", ""), "interpolated")
            # Changed somewhere in between and no curated fact pins it: assume the older behaviour,
            # which is the cautious answer whether the change was a fix or a regression.
            worse = a if a["outcome"] in BAD else b
            return Outcome(worse["outcome"], worse.get("evidence", ""), "interpolated")
        nearest = above[0][1] if above else below[-1][1]
        return Outcome(nearest["outcome"], nearest.get("evidence", ""), "interpolated")

    def known(self, construct: str) -> bool:
        return construct in self.constructs or construct in self.facts


@dataclass(frozen=True)
class Target:
    """A set of deployments, parsed from a target string."""

    spec: str
    deployments: tuple[Deployment, ...]
    data: CompatData = field(repr=False, compare=False)
    label: str = ""

    def __hash__(self) -> int:
        # Targets key the engine's caches (rule plans, affected constructs), looked up several
        # times per lint; hashing every deployment each time cost ~10 us. Same fields as __eq__.
        cached = self.__dict__.get("_hash")
        if cached is None:
            cached = hash((self.spec, self.deployments, self.label))
            object.__setattr__(self, "_hash", cached)
        return cached

    def affected(self, construct: str) -> Affected | None:
        """Does ``construct`` error or return wrong rows anywhere in this target?"""
        bad = []
        for dep in self.deployments:
            o = self.data.outcome(construct, dep)
            if o.kind in BAD:
                bad.append((dep, o))
        if not bad:
            return None
        return Affected(construct, tuple(bad), describe(bad, self.data, construct))

    def affected_any(self, constructs: Iterable[str]) -> Affected | None:
        for c in constructs:
            a = self.affected(c)
            if a is not None:
                return a
        return None


def _fmt_runs(releases: list[Version], all_releases: list[Version]) -> tuple[str, Version | None]:
    """'26.3.2–26.7.2, 26.9.1' for a set of releases, and the first good release after the last run."""
    order = {v: i for i, v in enumerate(all_releases)}
    idx = sorted(order[r] for r in releases if r in order)
    runs: list[tuple[int, int]] = []
    for i in idx:
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    parts = []
    for a, b in runs:
        parts.append(str(all_releases[a]) if a == b else f"{all_releases[a]}–{all_releases[b]}")
    after = runs[-1][1] + 1 if runs else None
    fixed = all_releases[after] if after is not None and after < len(all_releases) else None
    return ", ".join(parts), fixed


def describe(bad: list[tuple[Deployment, Outcome]], data: CompatData, construct: str | None = None) -> str:
    phrases = []
    by_kind: dict[tuple[str, str], list[Version]] = {}
    for dep, o in bad:
        by_kind.setdefault((dep.engine, o.kind), []).append(dep.release)
    for (engine, kind), releases in sorted(by_kind.items()):
        verb = "fails with an error" if kind == ERROR else "returns wrong results"
        if engine == LEGACY:
            phrases.append(f"{verb} on the legacy Cypher engine (HTTP language \"cypher\" before {data.legacy_until})")
            continue
        runs, fixed = _fmt_runs(releases, data.releases)
        text = f"{verb} on ArcadeDB {runs}"
        if fixed is not None and not any(r >= fixed for r in releases) and (
                construct is None or data.outcome(construct, Deployment(engine, fixed)).kind == OK):
            text += f" (fixed in {fixed})"
        phrases.append(text)
    return "; ".join(phrases)


# ---------------------------------------------------------------------- loading and parsing


@lru_cache(maxsize=1)
def compat_data() -> CompatData:
    with open(_DATA_DIR / "compat.json", encoding="utf-8") as f:
        measured = json.load(f)
    facts: dict = {"fact": []}
    # One file per topic so that facts about different areas are edited independently.
    for path in sorted((_DATA_DIR / "facts").glob("*.toml")):
        with open(path, "rb") as f:
            facts["fact"].extend(tomllib.load(f).get("fact", []))
    return CompatData(measured, facts)


VALID_TARGETS_HELP = (
    "valid targets: arcadedb (every release from 26.1.1, native and legacy engines), "
    "arcadedb@X.Y or arcadedb@X.Y.Z (one release), arcadedb@>=X.Y / arcadedb@<X.Y / "
    "arcadedb@>=X.Y,<X.Z (a release range), arcadedb-legacy (the legacy Cypher engine), "
    "or the path of a profile JSON written by `cypherlint probe`"
)

_RANGE_RE = re.compile(r"(>=|<=|>|<|==|=)?\s*(\d+(?:\.\d+){0,2})")


def _matches(release: Version, clause: str) -> bool:
    m = _RANGE_RE.fullmatch(clause.strip())
    if not m:
        raise ValueError(f"bad release constraint {clause!r}; {VALID_TARGETS_HELP}")
    op, ver = m.group(1) or "=", Version.parse(m.group(2))
    if op in ("=", "=="):
        n = len(ver.parts)
        return release.padded()[:n] == ver.parts
    r, v = release.padded(), ver.padded()
    return {">=": r >= v, ">": r > v, "<=": r <= v, "<": r < v}[op]


@lru_cache(maxsize=64)
def parse_target(spec: str) -> Target:
    """Parse a target string. Raises ValueError (listing the valid forms) for anything else."""
    if not isinstance(spec, str) or not spec.strip():
        raise ValueError(f"empty target; {VALID_TARGETS_HELP}")
    data = compat_data()
    s = spec.strip()
    native = [r for r in data.releases if r >= data.first_native]
    legacy = [r for r in data.releases if r < data.legacy_until]
    if s == "arcadedb":
        deps = [Deployment(NATIVE, r) for r in native] + [Deployment(LEGACY, r) for r in legacy]
        return Target(s, tuple(deps), data, "every ArcadeDB release, native and legacy engines")
    if s == "arcadedb-legacy":
        return Target(s, tuple(Deployment(LEGACY, r) for r in legacy), data, "the legacy Cypher engine")
    if s.startswith("arcadedb@"):
        expr = s[len("arcadedb@") :]
        clauses = [c for c in expr.split(",") if c.strip()]
        if not clauses:
            raise ValueError(f"unknown target {spec!r}; {VALID_TARGETS_HELP}")
        exact = len(clauses) == 1 and _RANGE_RE.fullmatch(clauses[0].strip()) and not re.match(r"\s*[<>=]", clauses[0])
        if exact:
            want = Version.parse(clauses[0])
            if want.padded() < data.first_native.padded():
                raise ValueError(
                    f"ArcadeDB {want} predates the native openCypher engine ({data.first_native}); "
                    "use the target arcadedb-legacy"
                )
            picked = [r for r in native if _matches(r, clauses[0])]
            if not picked:
                if len(want.parts) == 3 and want > native[-1]:
                    # A release newer than any we know: assume it behaves like the newest known one.
                    picked = [native[-1]]
                else:
                    known = ", ".join(str(r) for r in native)
                    raise ValueError(f"unknown ArcadeDB release {want} in target {spec!r}; known releases: {known}")
            return Target(s, tuple(Deployment(NATIVE, r) for r in picked), data, f"ArcadeDB {want}")
        picked = [r for r in native if all(_matches(r, c) for c in clauses)]
        if not picked:
            raise ValueError(f"target {spec!r} covers no known ArcadeDB release; {VALID_TARGETS_HELP}")
        return Target(s, tuple(Deployment(NATIVE, r) for r in picked), data, f"ArcadeDB {expr}")
    if s.endswith(".json") and os.path.isfile(s):
        return _profile_target(s, data)
    raise ValueError(f"unknown target {spec!r}; {VALID_TARGETS_HELP}")


def _profile_target(path: str, data: CompatData) -> Target:
    """A target profile written by ``cypherlint probe``: one server's measured outcomes."""
    try:
        with open(path, encoding="utf-8") as f:
            profile = json.load(f)
        release = Version.parse(str(profile["release"]).split()[0])
        outcomes = profile["outcomes"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"cannot read target profile {path}: {exc}") from exc
    # The profile's own measurements take precedence over the shipped data for that release.
    constructs = {k: dict(v) for k, v in data.constructs.items()}
    rel = str(release)
    for construct, o in outcomes.items():
        entry = constructs.setdefault(construct, {"title": construct})
        native = dict(entry.get(NATIVE, {}))
        native[rel] = {"outcome": o.get("outcome", UNKNOWN), "evidence": o.get("evidence", "")}
        entry[NATIVE] = native
    releases = {str(r): {"measured": r in data.measured_releases} for r in data.releases}
    releases[rel] = {"measured": True}
    merged = CompatData(
        {
            "releases": releases,
            "legacy_until": str(data.legacy_until),
            "first_native": str(data.first_native),
            "constructs": constructs,
        },
        {"fact": [f for fs in data.facts.values() for f in fs]},
    )
    server = profile.get("server", path)
    return Target(path, (Deployment(NATIVE, release),), merged, f"the server probed at {server} (ArcadeDB {release})")


DEFAULT_TARGET = "arcadedb"
