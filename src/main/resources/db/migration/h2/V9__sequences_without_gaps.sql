-- H2 hands out sequence values from a cache of 32, and a process that is killed loses the rest of
-- its cache: after a kill, execution ids jumped 1 -> 33 -> 65, which a user picking an id for
-- report or rerun-failed takes for lost executions. Ids are taken a few times a run, so without a
-- cache they cost nothing that shows. (PostgreSQL's sequences have no cache by default.)
ALTER SEQUENCE BATCH_STEP_EXECUTION_SEQ NO CACHE;
ALTER SEQUENCE BATCH_JOB_EXECUTION_SEQ NO CACHE;
ALTER SEQUENCE BATCH_JOB_INSTANCE_SEQ NO CACHE;
ALTER SEQUENCE ledger_chunk_seq NO CACHE;
