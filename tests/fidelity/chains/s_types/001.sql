-- revision: 001
-- revises: base
-- message: every type name SQLite's ecosystem writes

-- +up sqlite
CREATE TABLE st_int (a INT, b INTEGER, c TINYINT, d SMALLINT, e MEDIUMINT, f BIGINT,
    g UNSIGNED BIG INT, h INT2, i INT8, j int4, k integer);
CREATE TABLE st_text (a CHARACTER(20), b VARCHAR(255), c VARYING CHARACTER(255),
    d NCHAR(55), e NATIVE CHARACTER(70), f NVARCHAR(100), g TEXT, h CLOB,
    i varchar, j Text, k character varying(12), l char(1));
CREATE TABLE st_real (a REAL, b DOUBLE, c DOUBLE PRECISION, d FLOAT, e float8);
CREATE TABLE st_numeric (a NUMERIC, b DECIMAL(10,5), c BOOLEAN, d DATE, e DATETIME,
    f numeric(10, 2), g decimal, h bool, i Boolean);
CREATE TABLE st_other (a BLOB, b, c UUID, d JSON, e JSONB, f TIMESTAMP, g timestamptz,
    h timestamp with time zone, i TIME, j INTERVAL, k bytea, l money, m "custom type", n any);
-- +down sqlite
DROP TABLE st_other;
DROP TABLE st_numeric;
DROP TABLE st_real;
DROP TABLE st_text;
DROP TABLE st_int;
