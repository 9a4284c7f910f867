-- revision: 001
-- revises: base
-- message: PostgreSQL's own types, as written

-- +up postgres
CREATE TABLE pt_num (a smallint, b integer, c bigint, d int2, e int4, f int8, g int,
    h numeric, i numeric(10,2), j numeric(5), k decimal(12,4), l real, m double precision,
    n float4, o float8, p float(10), q float(30), r money);
CREATE TABLE pt_text (a char, b char(5), c character(3), d varchar, e varchar(20),
    f character varying(10), g text, h "char", i name, j bpchar);
CREATE TABLE pt_time (a date, b time, c time(3), d timetz, e time with time zone,
    f timestamp, g timestamp(3), h timestamptz, i timestamp with time zone,
    j timestamp(0) without time zone, k interval, l interval day to second(2), m interval year);
CREATE TABLE pt_misc (a boolean, b bool, c bytea, d uuid, e json, f jsonb, g xml,
    h inet, i cidr, j macaddr, k macaddr8, l bit(3), m varbit(8), n bit varying,
    o tsvector, p tsquery, q oid, r pg_lsn, s point, t box, u circle, v lseg, w path, x polygon, y line);
CREATE TABLE pt_arrays (a integer[], b text[][], c varchar(10)[3], d int4range, e tstzrange,
    f numrange, g daterange, h int8range, i jsonb[], j int4multirange);
-- +down postgres
DROP TABLE pt_arrays;
DROP TABLE pt_misc;
DROP TABLE pt_time;
DROP TABLE pt_text;
DROP TABLE pt_num;
