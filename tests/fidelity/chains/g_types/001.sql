-- revision: 001
-- revises: base
-- message: portable types every engine has

-- +up
CREATE TABLE gt_ints (a integer, b bigint, c smallint, d int NOT NULL DEFAULT 0);
CREATE TABLE gt_text (a varchar(20), b char(3), c varchar(255) NOT NULL, d char(1) DEFAULT 'x');
CREATE TABLE gt_num (a numeric(10,2), b decimal(12,4), c double precision, d numeric(5));
CREATE TABLE gt_time (a date, b date NOT NULL DEFAULT CURRENT_DATE, c time);
CREATE TABLE gt_bool (a boolean, b boolean NOT NULL DEFAULT true, c boolean DEFAULT false);
-- +down
DROP TABLE gt_bool;
DROP TABLE gt_time;
DROP TABLE gt_num;
DROP TABLE gt_text;
DROP TABLE gt_ints;
