-- revision: 001
-- revises: base
-- message: column character sets and collations

-- +up mysql
CREATE TABLE mc_words (
    id int PRIMARY KEY,
    a varchar(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin,
    b varchar(20) COLLATE latin1_general_cs,
    c text CHARACTER SET ascii,
    d char(2) CHARACTER SET latin1 COLLATE latin1_bin NOT NULL,
    e varchar(20) BINARY
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX mc_words_a ON mc_words (a);
-- +down mysql
DROP TABLE mc_words;
