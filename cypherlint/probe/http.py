"""A small client for ArcadeDB's HTTP API (standard library only).

Only what ``cypherlint probe`` needs: server info, commands and queries, and explicit
transactions (``POST /api/v1/begin/{db}`` answers with an ``arcadedb-session-id`` header that
every later request of the transaction carries; ``/commit`` or ``/rollback`` ends it).

Credentials are held in memory only (as the Basic authorization header) and never appear in a
message, an exception or ``repr``.
"""

from __future__ import annotations

import base64
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from cypherlint.probe.cases import Failure

SESSION_HEADER = "arcadedb-session-id"


class ProbeError(Exception):
    """The server cannot be probed (unreachable, authentication, unknown database, bad URL)."""


class CommandFailed(Exception):
    """The server answered a command with an error (the normal way a construct fails)."""

    def __init__(self, failure: Failure):
        super().__init__(failure.text())
        self.failure = failure


@dataclass
class Session:
    id: str


def normalise_url(url: str) -> str:
    """'host:2480' or 'http://host:2480/' -> 'http://host:2480'. Refuses credentials in the URL."""
    if not isinstance(url, str) or not url.strip():
        raise ProbeError("the server URL is empty")
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https"):
        raise ProbeError(f"unsupported URL scheme {parts.scheme!r} (use http:// or https://)")
    if parts.username is not None or parts.password is not None:
        # Never echo the URL here: it holds a secret.
        raise ProbeError("do not put credentials in the URL; use --user/--password or "
                         "CYPHERLINT_PROBE_USER/CYPHERLINT_PROBE_PASSWORD")
    if not parts.hostname:
        raise ProbeError(f"no host in the server URL {text!r}")
    try:
        port = parts.port
    except ValueError:
        raise ProbeError(f"bad port in the server URL {text!r}") from None
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port else "") + parts.path.rstrip("/")


class ArcadeHTTP:
    def __init__(self, url: str, database: str, user: str, password: str, timeout: float = 30.0):
        self.base = normalise_url(url)
        if not database or "/" in database:
            raise ProbeError(f"bad database name {database!r}")
        self.database = database
        self.timeout = float(timeout)
        token = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
        self.__auth = "Basic " + token

    def __repr__(self) -> str:
        return f"ArcadeHTTP({self.base!r}, {self.database!r})"

    # ------------------------------------------------------------------ transport
    def _request(self, method: str, path: str, body: dict | None = None,
                 session: Session | None = None) -> tuple[int, dict, bytes]:
        headers = {"Authorization": self.__auth, "Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        if session is not None:
            headers[SESSION_HEADER] = session.id
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
        except urllib.error.HTTPError as exc:
            payload = exc.read() if exc.fp is not None else b""
            return exc.code, {k.lower(): v for k, v in (exc.headers or {}).items()}, payload
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ProbeError(f"cannot reach {self.base}: {reason}") from None

    @staticmethod
    def _json(payload: bytes) -> dict:
        try:
            out = json.loads(payload.decode("utf-8") or "{}")
        except (UnicodeDecodeError, ValueError):
            return {"detail": payload[:300].decode("utf-8", "replace")}
        return out if isinstance(out, dict) else {"result": out}

    def _check_access(self, status: int, body: dict) -> None:
        if status in (401, 403):
            # ArcadeDB answers a wrong password with 403 as well as a missing permission.
            detail = str(body.get("detail") or body.get("error") or "").splitlines()[:1]
            raise ProbeError(
                f"access denied (HTTP {status}): authentication failed or the user may not access database "
                f"{self.database!r}" + (f" ({detail[0][:120]})" if detail and detail[0] else "")
            )

    # ------------------------------------------------------------------ API
    def server_version(self) -> str:
        status, _, payload = self._request("GET", "/api/v1/server?mode=basic")
        body = self._json(payload)
        self._check_access(status, body)
        if status != 200 or not body.get("version"):
            raise ProbeError(f"{self.base} does not look like an ArcadeDB server (HTTP {status})")
        return str(body["version"])

    def _run(self, endpoint: str, language: str, text: str, params: dict | None,
             session: Session | None) -> list:
        body = {"language": language, "command": text, "params": params or {}}
        status, _, payload = self._request("POST", f"/api/v1/{endpoint}/{self._db()}", body, session)
        data = self._json(payload)
        self._check_access(status, data)
        if status >= 400:
            raise CommandFailed(failure_from_http(status, data))
        result = data.get("result", [])
        if isinstance(result, dict):  # the "graph" serializer; not asked for, but be lenient
            result = [result]
        return [r if isinstance(r, dict) else {"value": r} for r in result]

    def _db(self) -> str:
        return urllib.parse.quote(self.database, safe="")

    def command(self, language: str, text: str, params: dict | None = None, session: Session | None = None) -> list:
        return self._run("command", language, text, params, session)

    def query(self, language: str, text: str, params: dict | None = None, session: Session | None = None) -> list:
        return self._run("query", language, text, params, session)

    def begin(self) -> Session:
        status, headers, payload = self._request("POST", f"/api/v1/begin/{self._db()}")
        body = self._json(payload)
        self._check_access(status, body)
        if status >= 400:
            f = failure_from_http(status, body)
            raise ProbeError(f"cannot begin a transaction on database {self.database!r}: {f.text()}")
        sid = headers.get(SESSION_HEADER)
        if not sid:
            raise ProbeError("the server did not return a transaction session id")
        return Session(sid)

    def rollback(self, session: Session) -> bool:
        """Roll the transaction back. False when the server had already ended it: servers before
        26.10 discard a transaction whose command failed ("Remote transaction ... not found")."""
        status, _, payload = self._request("POST", f"/api/v1/rollback/{self._db()}", session=session)
        if status >= 400:
            f = failure_from_http(status, self._json(payload))
            if "TransactionException" in f.cls and "not found" in f.message:
                return False
            raise ProbeError(f"rollback failed: {f.text()}")
        return True


def failure_from_http(status: int, body: dict) -> Failure:
    cls = str(body.get("exception") or f"HTTP {status}")
    detail = str(body.get("detail") or body.get("error") or "").strip()
    message = detail.splitlines()[0] if detail else ""
    return Failure(cls, message, None, "execute")
