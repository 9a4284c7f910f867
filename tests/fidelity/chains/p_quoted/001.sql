-- revision: 001
-- revises: base
-- message: quoted, mixed-case, keyword and non-ASCII names

-- +up postgres
CREATE TABLE "Order" ("Id" integer PRIMARY KEY, "Customer Name" text NOT NULL, "select" text, "group" integer);
CREATE TABLE MixedCase (ColumnOne integer, "columnTwo" text, "column""quote" text);
CREATE TABLE "café" ("naïve" text, "日本" integer);
CREATE INDEX "Order_Customer" ON "Order" ("Customer Name");
ALTER TABLE "Order" ADD CONSTRAINT "Order_Select_Check" CHECK ("select" <> '');
CREATE TABLE "Line Items" ("Order Id" integer REFERENCES "Order" ("Id"), qty integer);
-- +down postgres
DROP TABLE "Line Items";
DROP INDEX "Order_Customer";
DROP TABLE "café";
DROP TABLE MixedCase;
DROP TABLE "Order";
