-- LedgerRepository.existing() looks up a chunk's rows by (job_instance_id, source_position range)
-- for every chunk; without this index each look-up read every ledger row of the run so far.
CREATE INDEX lead_ledger_position_ix ON lead_ledger (job_instance_id, source_position);
