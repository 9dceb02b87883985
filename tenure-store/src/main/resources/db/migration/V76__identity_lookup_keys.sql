-- Identities are looked up by a few attributes only: the import's correlation keys (employeeId,
-- then email), a manager by employeeId (managerId -> employeeId), a manager's reports by managerId,
-- SCIM by externalId and email. The GIN index of every attribute (V1, V20) made every write of an
-- identity index each of its attributes (a third to a half of what storing an import cost); it is
-- replaced by B-tree indexes of those attributes (IdentityKeys.INDEXED in the store). email
-- (lower-cased) and externalId are indexed since V8. Building the indexes reads the identities
-- already stored, so an existing store is migrated by this file alone. A lookup of any other
-- attribute still answers right, by reading the table.
create index identities_employee_id on identities ((attributes ->> 'employeeId'));
create index identities_manager_id on identities ((attributes ->> 'managerId'));
drop index identities_attributes;
