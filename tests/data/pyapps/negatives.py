"""Strings that look a little like Cypher but are not sent to a graph database.

MATCH (n) RETURN n -- documentation only, never executed.
"""

import asyncio
import logging
import sqlite3
import subprocess

import pandas as pd

log = logging.getLogger(__name__)

CREATE_TABLE = "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)"
DROP_TABLE = "DROP TABLE IF EXISTS people"
HELP_TEXT = "Match the user's question to one of the known intents and return the answer."
MATCH_THRESHOLD = 0.8
PROMPT_TEMPLATE = "Create a short summary of the following text:\n{text}\n\nReturn only the summary."


def load(conn: sqlite3.Connection) -> list:
    cur = conn.cursor()
    cur.execute("CREATE INDEX IF NOT EXISTS idx_name ON people (name)")
    cur.execute("WITH recent AS (SELECT * FROM people) SELECT name FROM recent")
    return cur.fetchall()


def shell() -> None:
    subprocess.run("ls -la", shell=True, check=False)
    asyncio.run(asyncio.sleep(0))


def frame(df: pd.DataFrame) -> pd.DataFrame:
    log.info("Match found for %s", "x")
    return df.query("age > 30 and city == 'Berlin'")


def is_routing(uri: str) -> bool:
    return uri.startswith("neo4j://") or "neo4j+s://" in uri


def describe() -> str:
    """Return a description.

    Example::

        session.run("MATCH (n) RETURN toLower(n.name)")
    """
    return "CALL me maybe"
