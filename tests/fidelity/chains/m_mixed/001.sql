-- revision: 001
-- revises: base
-- message: a raw table and a portable one referencing it

-- +up mysql
CREATE TABLE `mm_parent` (`id` char(36) NOT NULL, `name` varchar(50), PRIMARY KEY (`id`));
CREATE TABLE mm_child (id char(36) NOT NULL PRIMARY KEY, parent_id char(36) NOT NULL, name TEXT NOT NULL, FOREIGN KEY (parent_id) REFERENCES mm_parent (id) ON DELETE CASCADE);
CREATE TABLE mm_other (id int NOT NULL PRIMARY KEY, code varchar(20) NOT NULL UNIQUE, label varchar(20));
-- +down mysql
DROP TABLE mm_other;
DROP TABLE mm_child;
DROP TABLE `mm_parent`;
