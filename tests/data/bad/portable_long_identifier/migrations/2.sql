-- revision: b
-- revises: r1
-- +up
CREATE TABLE tttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt (id integer);
