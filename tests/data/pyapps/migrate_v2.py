#!/usr/bin/env python3
"""Migration 2: split Person.fullName into firstName/lastName and index the new properties."""

import logging
import sys

from neo4j import GraphDatabase

log = logging.getLogger("migrate")

SPLIT_NAMES = """
MATCH (p:Person)
WHERE p.fullName IS NOT NULL AND p.firstName IS NULL
WITH p, split(p.fullName, ' ') AS parts
SET p.firstName = parts[0], p.lastName = parts[-1]
"""

RELABEL_TEMPLATE = "MATCH (n:{old}) REMOVE n:{old} SET n:{new}"


def migrate(uri: str) -> int:
    driver = GraphDatabase.driver(uri, auth=("root", "secret"))
    with driver.session() as session:
        tx = session.begin_transaction()
        try:
            tx.run("CREATE INDEX person_last IF NOT EXISTS FOR (p:Person) ON (p.lastName)")
            result = tx.run(SPLIT_NAMES)
            changed = result.consume().counters.properties_set
            tx.run(RELABEL_TEMPLATE.format(old="Human", new="Person"))
            tx.commit()
        except Exception:
            tx.rollback()
            raise
    log.info("migration 2: %d properties set", changed)
    driver.close()
    return changed


if __name__ == "__main__":
    sys.exit(0 if migrate(sys.argv[1]) >= 0 else 1)
