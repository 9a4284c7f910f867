CREATE TABLE tags (
    id int AUTO_INCREMENT PRIMARY KEY,
    name varchar(50) NOT NULL UNIQUE
);
