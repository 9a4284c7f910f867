-- revision: 001
-- revises: base
-- message: names past 63 bytes: PostgreSQL truncates them

-- +up postgres
CREATE TABLE pl_flows (id uuid PRIMARY KEY);
CREATE TABLE pl_codes (
    id uuid PRIMARY KEY,
    flow_id uuid NOT NULL,
    CONSTRAINT identity_verification_codes_selfservice_verification_flows_id_fk FOREIGN KEY (flow_id) REFERENCES pl_flows (id) ON DELETE CASCADE
);
CREATE INDEX identity_verification_codes_selfservice_verification_flows_id_idx ON pl_codes (flow_id);
-- +down postgres
DROP INDEX identity_verification_codes_selfservice_verification_flows_id_idx;
DROP TABLE pl_codes;
DROP TABLE pl_flows;
