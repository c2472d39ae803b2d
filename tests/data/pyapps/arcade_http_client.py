"""Talk to ArcadeDB's HTTP API directly (no driver)."""

import requests

BASE = "http://localhost:2480/api/v1"
AUTH = ("root", "playwithdata")


def command(db: str, query: str, params: dict | None = None, language: str = "opencypher") -> list:
    payload = {"language": language, "command": query, "params": params or {}}
    r = requests.post(f"{BASE}/command/{db}", json=payload, auth=AUTH, timeout=30)
    r.raise_for_status()
    return r.json()["result"]


def legacy_lookup(db: str, name: str) -> list:
    payload = {
        "language": "cypher",
        "command": "MATCH (p:Person) WHERE toLower(p.name) = $name RETURN p",
        "params": {"name": name.lower()},
    }
    return requests.post(f"{BASE}/query/{db}", json=payload, auth=AUTH, timeout=30).json()["result"]


def type_counts(db: str) -> list:
    payload = dict(language="sql", command="SELECT name, count(*) FROM schema:types GROUP BY name")
    return requests.post(f"{BASE}/query/{db}", json=payload, auth=AUTH, timeout=30).json()["result"]


def neighbours(db: str, rid: str) -> list:
    return command(db, "MATCH (n)-[r]-(m) WHERE id(n) = '%s' RETURN type(r), m" % rid)


def create_people(db: str, people: list[dict]) -> list:
    return command(db, "UNWIND $people AS p CREATE (:Person {name: p.name})", {"people": people})
