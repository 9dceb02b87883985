-- An import correlates a chunk of rows with one query on this index (attributes @> any(...)), inside
-- the import's transaction. With GIN's fast update, the identities that transaction inserted sit
-- in the index's pending list, which every key searched for reads from start to end: a chunk's
-- query took seconds once a few thousand identities had been imported. Without it, each insert
-- goes straight into the index, and a search costs the same however many rows were imported.
alter index identities_attributes set (fastupdate = off);
