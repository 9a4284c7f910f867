-- revision: 001
-- revises: base
-- message: table options as written, and none where none is written

-- +up mysql
CREATE TABLE mo_plain (id int NOT NULL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE mo_innodb (id int PRIMARY KEY, v varchar(10)) ENGINE=InnoDB;
CREATE TABLE mo_charset (id int PRIMARY KEY, v varchar(10)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE mo_all (id int PRIMARY KEY AUTO_INCREMENT, v varchar(10)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin ROW_FORMAT=DYNAMIC COMMENT='all options' AUTO_INCREMENT=100;
CREATE TABLE mo_myisam (id int PRIMARY KEY, v varchar(10)) ENGINE=MyISAM;
CREATE TABLE mo_aria (id int PRIMARY KEY, v varchar(10)) ENGINE=Aria TRANSACTIONAL=1;
CREATE TABLE mo_latin (id int PRIMARY KEY, v varchar(10)) CHARACTER SET latin1;
CREATE TABLE mo_compressed (id int PRIMARY KEY, v text) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8;
CREATE TABLE mo_stats (id int PRIMARY KEY) STATS_PERSISTENT=0 PACK_KEYS=1;
-- +down mysql
DROP TABLE mo_stats;
DROP TABLE mo_compressed;
DROP TABLE mo_latin;
DROP TABLE mo_aria;
DROP TABLE mo_myisam;
DROP TABLE mo_all;
DROP TABLE mo_charset;
DROP TABLE mo_innodb;
DROP TABLE mo_plain;
