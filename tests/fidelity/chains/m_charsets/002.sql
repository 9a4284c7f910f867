-- revision: 002
-- revises: 001
-- message: collation changed

-- +up mysql
ALTER TABLE mc_words MODIFY a varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
ALTER TABLE mc_words ADD COLUMN f varchar(10) COLLATE utf8mb4_general_ci NOT NULL DEFAULT 'x';
-- +down mysql
ALTER TABLE mc_words DROP COLUMN f;
ALTER TABLE mc_words MODIFY a varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
