DROP INDEX users_email ON users;
