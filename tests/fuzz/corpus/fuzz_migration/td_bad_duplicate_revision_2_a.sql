-- message: copy
-- revision: a
-- +up
CREATE TABLE b (x integer);
