-- revision: 20200317160354000000
-- revises: 20191100000012000003
-- message: create_profile_request_forms
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000000_create_profile_request_forms.mysql.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000000_create_profile_request_forms.mysql.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000000_create_profile_request_forms.postgres.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000000_create_profile_request_forms.postgres.up.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000000_create_profile_request_forms.sqlite3.down.sql
-- from ory/kratos b86338da04a0 persistence/sql/migrations/sql/20200317160354000000_create_profile_request_forms.sqlite3.up.sql

-- +up sqlite
CREATE TABLE "selfservice_profile_management_request_methods" (
"id" TEXT PRIMARY KEY,
"method" TEXT NOT NULL,
"selfservice_profile_management_request_id" char(36) NOT NULL,
"config" TEXT NOT NULL,
"created_at" DATETIME NOT NULL,
"updated_at" DATETIME NOT NULL
);

-- +down sqlite
ALTER TABLE "_selfservice_profile_management_requests_tmp" RENAME TO "selfservice_profile_management_requests";

-- +up postgres
CREATE TABLE "selfservice_profile_management_request_methods" (
"id" UUID NOT NULL,
PRIMARY KEY("id"),
"method" VARCHAR (32) NOT NULL,
"selfservice_profile_management_request_id" UUID NOT NULL,
"config" jsonb NOT NULL,
"created_at" timestamp NOT NULL,
"updated_at" timestamp NOT NULL
);

-- +down postgres
ALTER TABLE "selfservice_profile_management_requests" DROP COLUMN "active_method";

-- +up mysql
CREATE TABLE `selfservice_profile_management_request_methods` (
`id` char(36) NOT NULL,
PRIMARY KEY(`id`),
`method` VARCHAR (32) NOT NULL,
`selfservice_profile_management_request_id` char(36) NOT NULL,
`config` JSON NOT NULL,
`created_at` DATETIME NOT NULL,
`updated_at` DATETIME NOT NULL
) ENGINE=InnoDB;

-- +down mysql
ALTER TABLE `selfservice_profile_management_requests` DROP COLUMN `active_method`;
