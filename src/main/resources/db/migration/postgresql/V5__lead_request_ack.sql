-- Create requests ContactNow answered as wholly created (its total = every lead sent), whose leads
-- stay pending until one read by their group's marker prefix records their keys. A restart that
-- finds such leads still pending reads them back but never sends them again, even when a read
-- does not show them: the API said they exist, and sending them again would create them twice.
CREATE TABLE lead_request_ack (
    marker_prefix    VARCHAR(64) NOT NULL PRIMARY KEY,
    job_execution_id BIGINT      NOT NULL,
    leads            INTEGER     NOT NULL,
    acknowledged_at  TIMESTAMP   NOT NULL
);
