// Monthly report queries.
MATCH (c:Customer)-[:PLACED]->()
RETURN c.name AS customer;

MATCH (n)
WHERE 'Customer' IN labels(n)
RETURN count(n) AS customers;

MATCH (c:Customer)
WHERE toLower(c.country) = 'france'
RETURN c.name AS name;
