-- revision: 20200317160354000003
-- revises: 20200317160354000002
-- message: create_profile_request_forms
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000003_create_profile_request_forms.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000003_create_profile_request_forms.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000003_create_profile_request_forms.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000003_create_profile_request_forms.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000003_create_profile_request_forms.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000003_create_profile_request_forms.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "_selfservice_profile_management_requests_tmp" (
"id" TEXT PRIMARY KEY,
"request_url" TEXT NOT NULL,
"issued_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
"expires_at" DATETIME NOT NULL,
"update_successful" bool NOT NULL,
"identity_id" char(36) NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL,
"active_method" TEXT,
FOREIGN KEY (identity_id) REFERENCES identities (id) ON UPDATE NO ACTION ON DELETE CASCADE
);

-- +down sqlite
CREATE TABLE "_selfservice_profile_management_requests_tmp" (
"id" TEXT PRIMARY KEY,
"request_url" TEXT NOT NULL,
"issued_at" DATETIME NOT NULL DEFAULT 'CURRENT_TIMESTAMP',
"expires_at" DATETIME NOT NULL,
"identity_id" char(36) NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL,
"update_successful" bool NOT NULL DEFAULT 'false',
"form" TEXT,
FOREIGN KEY (identity_id) REFERENCES identities (id) ON UPDATE NO ACTION ON DELETE CASCADE
);

-- +up postgres
ALTER TABLE "selfservice_profile_management_requests" DROP COLUMN "form";

-- +down postgres
UPDATE selfservice_profile_management_requests SET form=(SELECT * FROM (SELECT m.config FROM selfservice_profile_management_requests AS r INNER JOIN selfservice_profile_management_request_methods AS m ON r.id=m.selfservice_profile_management_request_id) as t);

-- +up mysql
ALTER TABLE `selfservice_profile_management_requests` DROP COLUMN `form`;

-- +down mysql
UPDATE selfservice_profile_management_requests SET form=(SELECT * FROM (SELECT m.config FROM selfservice_profile_management_requests AS r INNER JOIN selfservice_profile_management_request_methods AS m ON r.id=m.selfservice_profile_management_request_id) as t);
