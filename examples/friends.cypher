// Friend-of-friend statistics for the profile page (ported from Neo4j).

// How many KNOWS relationships are there in total?
MATCH ()-[:KNOWS]->() RETURN count(*) AS friendships;

// People who are either employees or contractors.
MATCH (p:Employee|Contractor)
RETURN p.name AS name
ORDER BY name;

// Import a batch of people; the batch may repeat a key.
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
SET p.name = row.name;

// This dashboard query is only ever sent to the 26.10 reporting replica: accepted as it is.
MATCH (a)-[:KNOWS]->(b) RETURN count(*) AS c; // noqa: ARC101
