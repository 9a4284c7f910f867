-- revision: 001
-- revises: base
-- message: MariaDB's own types, as written

-- +up mysql
CREATE TABLE mt_int (a tinyint, b smallint, c mediumint, d int, e integer, f bigint,
    g int unsigned, h bigint unsigned NOT NULL, i int(11), j tinyint(1), k bool, l boolean,
    m int zerofill, n bit(8), o serial);
CREATE TABLE mt_num (a decimal(10,2), b numeric(12,4), c decimal, d float, e double,
    f double precision, g real, h float(7,3), i dec(5,1), j fixed(6,2));
CREATE TABLE mt_text (a char(3), b varchar(20), c tinytext, d text, e mediumtext, f longtext,
    g text(1000), h binary(16), i varbinary(64), j tinyblob, k blob, l mediumblob, m longblob,
    n enum('a','b','c') NOT NULL DEFAULT 'a', o set('x','y','z'), p national varchar(10), q nchar(4));
CREATE TABLE mt_time (a date, b time, c time(3), d datetime, e datetime(6), f timestamp NULL,
    g timestamp(3) NULL, h year, i datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3));
CREATE TABLE mt_misc (a json, b uuid, c inet4, d inet6, e geometry, f point, g linestring,
    h polygon, i long varchar);
-- +down mysql
DROP TABLE mt_misc;
DROP TABLE mt_time;
DROP TABLE mt_text;
DROP TABLE mt_num;
DROP TABLE mt_int;
