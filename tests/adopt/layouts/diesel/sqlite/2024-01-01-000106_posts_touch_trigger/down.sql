DROP TRIGGER posts_touch;

DROP TABLE audit_log;
