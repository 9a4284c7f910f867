-- revision: 001
-- revises: base
-- message: names past 63 bytes (SQLite has no limit)

-- +up sqlite
CREATE TABLE identity_verification_codes_for_selfservice_verification_flows_x (id TEXT PRIMARY KEY, flow_id TEXT);
CREATE TABLE sl_flows (id TEXT PRIMARY KEY);
CREATE TABLE sl_codes (
    id TEXT PRIMARY KEY,
    flow_id TEXT NOT NULL,
    CONSTRAINT identity_verification_codes_selfservice_verification_flows_id_fk FOREIGN KEY (flow_id) REFERENCES sl_flows (id) ON DELETE CASCADE
);
CREATE INDEX identity_verification_codes_selfservice_verification_flows_id_idx ON sl_codes (flow_id);
-- +down sqlite
DROP INDEX identity_verification_codes_selfservice_verification_flows_id_idx;
DROP TABLE sl_codes;
DROP TABLE sl_flows;
DROP TABLE identity_verification_codes_for_selfservice_verification_flows_x;
