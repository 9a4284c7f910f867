-- revision: 002
-- revises: 001
-- message: renames keep the case written

-- +up sqlite
ALTER TABLE MixedCase RENAME COLUMN ColumnOne TO FirstColumn;
ALTER TABLE "Order" RENAME TO "Orders";
ALTER TABLE "Orders" ADD COLUMN "Shipped At" TEXT;
ALTER TABLE "café" RENAME COLUMN "naïve" TO "Naïve";
-- +down sqlite
ALTER TABLE "café" RENAME COLUMN "Naïve" TO "naïve";
ALTER TABLE "Orders" DROP COLUMN "Shipped At";
ALTER TABLE "Orders" RENAME TO "Order";
ALTER TABLE MixedCase RENAME COLUMN FirstColumn TO ColumnOne;
