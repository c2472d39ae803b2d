"""Configuration: ``[tool.cypherlint]`` in ``pyproject.toml`` or the top level of ``cypherlint.toml``.

Each file is checked with the configuration nearest to it (its directory, then its parents; in one
directory ``cypherlint.toml`` wins over ``pyproject.toml``, and a ``pyproject.toml`` without a
``[tool.cypherlint]`` table does not count). ``--config FILE`` uses one file for everything.
Command-line flags beat the file. Paths in ``exclude``, ``extend-exclude`` and ``per-file-ignores``
are relative to the directory of the file that sets them.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

from cypherlint.files import PathMatcher, path_matches

DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".bzr", ".venv", "venv", ".tox", ".nox", "__pycache__", "node_modules",
    ".cypherlint_cache", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs", "*.egg-info",
    "site-packages", "build", "dist",
)

KEYS = ("target", "select", "ignore", "extend-select", "per-file-ignores", "exclude", "extend-exclude",
        "unsafe-fixes")


class ConfigError(Exception):
    """A bad configuration file or value; the message names the file and the key."""


@dataclass(frozen=True)
class Settings:
    """The resolved settings for the files under one configuration file."""

    root: str  # the directory relative paths are resolved against
    config_path: str | None = None
    target: str = "arcadedb"
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    unsafe_fixes: bool = False

    def _rel(self, abs_path: str) -> str | None:
        prefix = self.root.rstrip(os.sep) + os.sep
        if abs_path.startswith(prefix):
            rel = abs_path[len(prefix):]
            return rel if os.sep == "/" else rel.replace(os.sep, "/")
        rel = os.path.relpath(abs_path, self.root)
        if rel.startswith(".." + os.sep) or rel == "..":
            return None
        return rel.replace(os.sep, "/")

    @property
    def _exclude_matcher(self) -> PathMatcher:
        m = self.__dict__.get("_matcher")
        if m is None:
            m = PathMatcher(self.exclude + self.extend_exclude)
            object.__setattr__(self, "_matcher", m)
        return m

    def is_excluded(self, abs_path: str) -> bool:
        """Is this file or directory, met while walking (its parents were not excluded), excluded?"""
        rel = self._rel(abs_path)
        if rel is None:
            rel = os.path.basename(abs_path)  # outside the config's tree: names still count
        return self._exclude_matcher.matches_entry(rel)

    def effective_select(self) -> list[str] | None:
        if self.select is None and not self.extend_select:
            return None
        if self.select is None:
            return None  # everything is selected already
        return list(self.select) + list(self.extend_select)

    def effective_ignore(self, abs_path: str | None) -> list[str]:
        out = list(self.ignore)
        if abs_path is not None and self.per_file_ignores:
            rel = self._rel(abs_path) or os.path.basename(abs_path)
            for pattern, codes in self.per_file_ignores:
                if path_matches(pattern, rel):
                    out.extend(codes)
        return out


@dataclass
class Overrides:
    """Values given on the command line (None: not given)."""

    target: str | None = None
    select: list[str] | None = None
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] | None = None
    unsafe_fixes: bool | None = None


def _codes(value: Any, where: str) -> tuple[str, ...]:
    from cypherlint.engine import validate_codes

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of rule codes or prefixes, e.g. [\"ARC1\", \"E001\"]")
    try:
        return tuple(validate_codes(value, "codes"))
    except ValueError as exc:
        raise ConfigError(f"{where}: {str(exc).removeprefix('codes: ')}") from None


def _globs(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: expected a list of path globs, e.g. [\"tests/fixtures/**\"]")
    return tuple(value)


def _load_toml(path: str) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def table_of(path: str) -> dict | None:
    """The cypherlint table of a config file (None: a pyproject.toml without one)."""
    data = _load_toml(path)
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "cypherlint" not in tool:
            return None
        table = tool["cypherlint"]
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: [tool.cypherlint] must be a table")
        return table
    if "tool" in data and isinstance(data["tool"], dict) and "cypherlint" in data["tool"] and len(data) == 1:
        return data["tool"]["cypherlint"]  # a pyproject-style table in a file of another name
    return data


def parse_settings(path: str, table: dict) -> Settings:
    prefix = "[tool.cypherlint] key" if os.path.basename(path) == "pyproject.toml" else "key"
    s = Settings(root=os.path.dirname(os.path.abspath(path)), config_path=path)
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = f"{path}: {prefix} {key!r}"
        if key not in KEYS:
            hint = _close(key)
            raise ConfigError(f"{path}: unknown {prefix} {key!r}{hint}; valid keys: {', '.join(KEYS)}")
        if key == "target":
            if not isinstance(value, str):
                raise ConfigError(f"{where}: expected a target string such as \"arcadedb@26.10\"")
            from cypherlint.targets import parse_target

            try:
                parse_target(_resolve_target(value, s.root))
            except ValueError as exc:
                raise ConfigError(f"{where}: {exc}") from None
            values["target"] = _resolve_target(value, s.root)
        elif key in ("select", "ignore", "extend-select"):
            values[key.replace("-", "_")] = _codes(value, where)
        elif key in ("exclude", "extend-exclude"):
            values[key.replace("-", "_")] = _globs(value, where)
        elif key == "unsafe-fixes":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: expected true or false")
            values["unsafe_fixes"] = value
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: expected a table of glob = [codes], e.g. {{\"tests/**\" = [\"ARC5\"]}}")
            pfi = []
            for glob, codes in value.items():
                pfi.append((glob, _codes(codes, f"{where}, entry {glob!r}")))
            values["per_file_ignores"] = tuple(pfi)
    return replace(s, **values)


def _resolve_target(value: str, root: str) -> str:
    # A profile path in a config file is relative to that file.
    if value.endswith(".json") and not os.path.isabs(value):
        candidate = os.path.join(root, value)
        if os.path.isfile(candidate):
            return candidate
    return value


def _close(key: str) -> str:
    import difflib

    m = difflib.get_close_matches(key, KEYS, n=1)
    return f" (did you mean {m[0]!r}?)" if m else ""


@lru_cache(maxsize=None)
def _settings_from_file(path: str) -> Settings | None:
    table = table_of(path)
    if table is None:
        return None
    return parse_settings(path, table)


def load_file(path: str) -> Settings:
    """Settings from an explicitly named config file (``--config``)."""
    if not os.path.isfile(path):
        raise ConfigError(f"{path}: configuration file not found")
    table = table_of(path)
    if table is None:
        raise ConfigError(f"{path}: has no [tool.cypherlint] table")
    return parse_settings(path, table)


class Resolver:
    """Finds the settings for a path: the nearest config file, then the command-line overrides."""

    def __init__(self, overrides: Overrides, config_file: str | None = None, cwd: str | None = None):
        self.overrides = overrides
        self.cwd = os.path.abspath(cwd or os.getcwd())
        self.fixed = load_file(config_file) if config_file else None
        self._by_dir: dict[str, Settings] = {}
        self.default = self._apply(self.fixed or self._discover(self.cwd))

    def _discover(self, directory: str) -> Settings:
        found: Settings | None = None
        chain = []
        d = directory
        while True:
            hit = self._by_dir.get(d)
            if hit is not None:
                found = hit
                break
            chain.append(d)
            for name in ("cypherlint.toml", "pyproject.toml"):
                candidate = os.path.join(d, name)
                if os.path.isfile(candidate):
                    s = _settings_from_file(self._shown(candidate))
                    if s is not None:
                        found = s
                        break
            if found is not None:
                break
            parent = os.path.dirname(d)
            if parent == d:
                break
            d = parent
        if found is None:
            found = Settings(root=self.cwd)
        for c in chain:
            self._by_dir[c] = found
        return found

    def _shown(self, path: str) -> str:
        """The path as messages show it: relative to the working directory when it is below it."""
        prefix = self.cwd.rstrip(os.sep) + os.sep
        return path[len(prefix):] if path.startswith(prefix) else path

    def _apply(self, s: Settings) -> Settings:
        o = self.overrides
        changes: dict[str, Any] = {}
        if o.target is not None:
            changes["target"] = o.target
        if o.select is not None:
            changes["select"] = tuple(o.select)
        if o.extend_select:
            changes["extend_select"] = s.extend_select + tuple(o.extend_select)
        if o.ignore is not None:
            changes["ignore"] = tuple(o.ignore)
        if o.unsafe_fixes is not None:
            changes["unsafe_fixes"] = o.unsafe_fixes
        return replace(s, **changes) if changes else s

    @lru_cache(maxsize=None)
    def _applied(self, s: Settings) -> Settings:
        return self._apply(s)

    def for_dir(self, directory: str) -> Settings:
        if self.fixed is not None:
            return self.default
        return self._applied(self._discover(os.path.abspath(directory)))

    def for_path(self, path: str) -> Settings:
        return self.for_dir(os.path.dirname(os.path.abspath(path)))

    def excluded(self, abs_path: str) -> bool:
        return self.for_path(abs_path).is_excluded(abs_path)


_CODE_SPLIT = re.compile(r"[,\s]+")


def split_codes(values: tuple[str, ...] | list[str] | None) -> list[str] | None:
    """``--select A,B --select C`` -> ["A", "B", "C"] (None when the flag was not given)."""
    if not values:
        return None
    return [c for v in values for c in _CODE_SPLIT.split(v) if c]
