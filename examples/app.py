"""A small service that reads friendship statistics from ArcadeDB over Bolt."""

from neo4j import GraphDatabase

driver = GraphDatabase.driver("bolt://localhost:7687", auth=("root", "playwithdata"))


def friendship_count() -> int:
    with driver.session() as session:
        record = session.run("MATCH ()-[:KNOWS]->() RETURN count(*) AS n").single()
        return record["n"]


def staff_names() -> list[str]:
    with driver.session() as session:
        result = session.run(
            "MATCH (p:Employee|Contractor) WHERE p.active = $active RETURN p.name AS name",
            active=True,
        )
        return [r["name"] for r in result]
