-- Fewer ledger indexes to maintain for every lead (see the PostgreSQL migration of the same
-- version): lead_ledger_row_un leads with (job_instance_id, source_position) and serves the
-- look-ups of the separate position and (job_instance_id, state) indexes, which go;
-- lead_ledger_execution_ix no longer includes state.
ALTER TABLE lead_ledger DROP CONSTRAINT lead_ledger_row_un;
ALTER TABLE lead_ledger ADD CONSTRAINT lead_ledger_row_un UNIQUE (job_instance_id, source_position, origin);
DROP INDEX lead_ledger_position_ix;
DROP INDEX lead_ledger_instance_ix;
DROP INDEX lead_ledger_execution_ix;
CREATE INDEX lead_ledger_execution_ix ON lead_ledger (job_execution_id);
