CREATE OR REPLACE VIEW app_version AS SELECT '1.0' AS version;
