-- revision: V0021_MySQLCachedValueType
-- revises: V0020_Regulation
-- message: MySQLCachedValueType
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0021.MySQLCachedValueType.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/mysql/V0021.MySQLCachedValueType.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0021.MySQLCachedValueType.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/postgres/V0021.MySQLCachedValueType.up.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0021.MySQLCachedValueType.down.sql
-- from authelia/authelia 23572030b404 internal/storage/migrations/sqlite/V0021.MySQLCachedValueType.up.sql

-- +up sqlite


-- +down sqlite


-- +up postgres


-- +down postgres


-- +up mysql
ALTER TABLE cached_data MODIFY value MEDIUMBLOB;

-- +down mysql
TRUNCATE TABLE cached_data;
ALTER TABLE cached_data MODIFY value BLOB;
