-- revision: 001_proposals
-- message: rebalancing proposals and the moves they make

-- +up
CREATE TABLE rebalancing_proposals (
    id serial PRIMARY KEY,
    status varchar(20) NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'proposed', 'accepted', 'rejected')),
    created_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE proposal_moves (
    id serial PRIMARY KEY,
    proposal_id integer NOT NULL
        REFERENCES rebalancing_proposals (id) ON DELETE CASCADE,
    event_id varchar(64) NOT NULL,
    kind varchar(20) NOT NULL CHECK (kind IN ('move', 'resize', 'cancel')),
    title varchar(200) NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    immovable boolean NOT NULL DEFAULT false
);
CREATE INDEX idx_proposal_moves_proposal_id ON proposal_moves (proposal_id);
