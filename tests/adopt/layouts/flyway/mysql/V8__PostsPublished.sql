ALTER TABLE posts ADD COLUMN published tinyint(1) NOT NULL DEFAULT 0;
