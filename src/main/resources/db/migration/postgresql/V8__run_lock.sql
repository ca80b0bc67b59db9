-- One row per run (job name and identity) ever started. A loading process holds its run's row
-- locked (SELECT ... FOR UPDATE) on a connection of its own until the run ends, so that a second
-- process started on the same run (a CronJob started twice, a user's second terminal) is refused
-- instead of taking the first one's execution for abandoned. The lock goes with the process: a
-- killed loader's connection closes and the database releases it.
CREATE TABLE run_lock (
    lock_key   VARCHAR(200) NOT NULL PRIMARY KEY,
    first_used TIMESTAMP    NOT NULL
);
