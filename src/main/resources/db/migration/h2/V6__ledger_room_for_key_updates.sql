-- The PostgreSQL migration of this version lowers lead_ledger's fillfactor so that the update
-- recording each lead's ContactNow key stays on its page; H2 has no such setting. Kept so that both
-- databases are at the same schema version.
SELECT 1;
