-- One row: this ledger's own random name, written into every load marker it hands out
-- (LL<ledger>-<group>.<request>.<n>). Group numbers come from a sequence of this database, so
-- without it a second ledger (a new data directory, another environment) loading into the same
-- ContactNow table would hand out the markers of the first, and a read-back by marker after a lost
-- response would take the first ledger's records for its own leads and never send them.
CREATE TABLE ledger_identity (
    singleton  INTEGER     NOT NULL PRIMARY KEY,
    ledger_id  VARCHAR(16) NOT NULL,
    created_at TIMESTAMP   NOT NULL,
    CONSTRAINT ledger_identity_one_row CHECK (singleton = 1)
);
