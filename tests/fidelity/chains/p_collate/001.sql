-- revision: 001
-- revises: base
-- message: collations

-- +up postgres
CREATE TABLE pc_words (
    id integer PRIMARY KEY,
    w text COLLATE "C" NOT NULL,
    p varchar(50) COLLATE "POSIX",
    d text COLLATE "default",
    u text
);
CREATE INDEX pc_words_u_c ON pc_words (u COLLATE "C");
CREATE INDEX pc_words_w_pattern ON pc_words (w text_pattern_ops);
CREATE INDEX pc_words_p ON pc_words (p varchar_pattern_ops DESC NULLS LAST);
-- +down postgres
DROP TABLE pc_words;
