# -*- coding: utf-8 -*-
"""Exported from a notebook: exploratory queries (CRLF line endings, non-ASCII text)."""

from neo4j import GraphDatabase

driver = GraphDatabase.driver("bolt://localhost:7687", auth=("root", "pässwörd"))

# Zähle Beziehungen — count relationships
with driver.session() as s:
    print(s.run('MATCH ()-[:LIVES_IN]->() RETURN count(*) AS n').single())
    print(s.run(r"MATCH (c:City) WHERE c.name =~ 'M\\w+' RETURN c.name").data())
    print(s.run("MATCH (p:Person {city: 'M\u00fcnchen'})\nWHERE toUpper(p.name) STARTS WITH 'A'\nRETURN p.name").data())
    print(s.run("""MATCH (p:Person)
    WHERE toLower(p.name) = 'zoë'
    RETURN p""").data())  # noqa: ARC001
    print(s.run("MATCH (a)-[:KNOWS]->() RETURN count(*)").single())  # noqa
