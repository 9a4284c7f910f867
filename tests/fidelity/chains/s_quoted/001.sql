-- revision: 001
-- revises: base
-- message: quoted, mixed-case, keyword and non-ASCII names

-- +up sqlite
CREATE TABLE "Order" ("Id" INTEGER PRIMARY KEY, "Customer Name" TEXT NOT NULL, "select" TEXT, [group] INTEGER, `values` REAL);
CREATE TABLE MixedCase (ColumnOne INTEGER, columnTwo TEXT, "column""quote" TEXT);
CREATE TABLE "café" ("naïve" TEXT, "日本" INTEGER);
CREATE INDEX "Order_Customer" ON "Order" ("Customer Name");
CREATE INDEX MixedCase_One ON MixedCase (ColumnOne);
-- +down sqlite
DROP INDEX MixedCase_One;
DROP INDEX "Order_Customer";
DROP TABLE "café";
DROP TABLE MixedCase;
DROP TABLE "Order";
