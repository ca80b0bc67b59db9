-- Fewer ledger indexes to maintain for every lead. Each lead's row is inserted when it is claimed
-- and updated once when its ContactNow key is known; every index costs an entry on the insert,
-- and an index on a column the update changes (state) forces a new entry in every index.
--   * lead_ledger_row_un leads with (job_instance_id, source_position): it serves the chunk look-up
--     of LedgerRepository.existing() and every "rows of this run" query, so the separate
--     position and (job_instance_id, state) indexes go.
--   * lead_ledger_execution_ix no longer includes state.
--   * fillfactor 80 leaves room in each page, so that the update recording a key, which now
--     changes no indexed column, can stay on its page (a HOT update, with no index entries at all).
ALTER TABLE lead_ledger DROP CONSTRAINT lead_ledger_row_un;
ALTER TABLE lead_ledger ADD CONSTRAINT lead_ledger_row_un UNIQUE (job_instance_id, source_position, origin);
DROP INDEX lead_ledger_position_ix;
DROP INDEX lead_ledger_instance_ix;
DROP INDEX lead_ledger_execution_ix;
CREATE INDEX lead_ledger_execution_ix ON lead_ledger (job_execution_id);
ALTER TABLE lead_ledger SET (fillfactor = 80);
