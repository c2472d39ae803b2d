"""Create the schema the application needs, and list what exists."""

from neo4j import GraphDatabase

SCHEMA_STATEMENTS = (
    "CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name)",
    "CREATE CONSTRAINT movie_title IF NOT EXISTS FOR (m:Movie) REQUIRE m.title IS UNIQUE",
    "CREATE FULLTEXT INDEX movie_plot IF NOT EXISTS FOR (m:Movie) ON EACH [m.plot]",
)


def create_schema(uri: str, auth: tuple) -> None:
    driver = GraphDatabase.driver(uri, auth=auth)
    with driver.session() as session:
        for stmt in SCHEMA_STATEMENTS:
            session.run(stmt)
        session.run("CALL db.awaitIndexes(300)")
    driver.close()


def existing_indexes(uri: str, auth: tuple) -> list[str]:
    with GraphDatabase.driver(uri, auth=auth) as driver:
        with driver.session() as session:
            rows = session.run("SHOW INDEXES YIELD name, labelsOrTypes, properties").data()
    return [row["name"] for row in rows]


def uses_routing(uri: str) -> bool:
    return uri.startswith("neo4j://") or uri.startswith("neo4j+s://")
