CREATE TABLE posts (
    id bigint AUTO_INCREMENT PRIMARY KEY,
    user_id int NOT NULL,
    title varchar(200) NOT NULL,
    body text,
    CONSTRAINT posts_user_fk FOREIGN KEY (user_id) REFERENCES users (id)
);
