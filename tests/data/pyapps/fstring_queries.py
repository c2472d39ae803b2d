"""Queries assembled at run time from labels and property names (f-strings and templates)."""

from neo4j import Driver


def count_by_label(driver: Driver, label: str) -> int:
    with driver.session() as session:
        return session.run(f"MATCH (n:{label}) RETURN count(n) AS c").single()["c"]


def find_by(driver: Driver, label: str, prop: str, value: str) -> list:
    with driver.session() as session:
        query = f"MATCH (n:{label}) WHERE toLower(n.{prop}) = toLower($value) RETURN n"
        return session.run(query, value=value).data()


def degree(driver: Driver, label: str, rel: str) -> list:
    with driver.session() as session:
        return session.run(
            f"""
            MATCH (n:{label})-[:{rel}]->()
            RETURN n.name AS name, count(*) AS degree
            ORDER BY degree DESC
            """
        ).data()


def neighbours(driver: Driver, label: str) -> list:
    cypher = "MATCH (a:%s)--() RETURN a.name, labels(a)" % label
    with driver.session() as session:
        return session.run(cypher).data()
