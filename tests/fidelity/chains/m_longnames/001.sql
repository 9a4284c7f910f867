-- revision: 001
-- revises: base
-- message: names of exactly 64 bytes, MySQL's limit

-- +up mysql
CREATE TABLE ml_flows (id char(36) PRIMARY KEY);
CREATE TABLE ml_codes (
    id char(36) PRIMARY KEY,
    flow_id char(36) NOT NULL,
    CONSTRAINT identity_verification_codes_selfservice_verification_flows_id_fk FOREIGN KEY (flow_id) REFERENCES ml_flows (id) ON DELETE CASCADE
);
CREATE INDEX identity_verification_codes_selfservice_verification_flows_idx_1 ON ml_codes (id, flow_id);
-- +down mysql
DROP INDEX identity_verification_codes_selfservice_verification_flows_idx_1 ON ml_codes;
DROP TABLE ml_codes;
DROP TABLE ml_flows;
