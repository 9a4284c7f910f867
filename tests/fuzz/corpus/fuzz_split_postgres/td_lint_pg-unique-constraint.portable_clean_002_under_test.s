CREATE TABLE v (id integer PRIMARY KEY, a integer);
ALTER TABLE v ADD CONSTRAINT v_a_key UNIQUE (a);
