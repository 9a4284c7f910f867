DROP VIEW IF EXISTS app_version;
CREATE VIEW app_version AS SELECT '1.0' AS version;
