-- revision: 002
-- revises: 001
-- message: renames with quoted names

-- +up postgres
ALTER TABLE "Order" RENAME COLUMN "Customer Name" TO "Customer";
ALTER TABLE "Order" RENAME TO "Orders";
ALTER TABLE MixedCase RENAME TO "MixedCase";
ALTER TABLE "Orders" ADD COLUMN "Shipped At" timestamptz;
ALTER TABLE "Orders" RENAME CONSTRAINT "Order_Select_Check" TO "Orders_Select_Check";
-- +down postgres
ALTER TABLE "Orders" RENAME CONSTRAINT "Orders_Select_Check" TO "Order_Select_Check";
ALTER TABLE "Orders" DROP COLUMN "Shipped At";
ALTER TABLE "MixedCase" RENAME TO mixedcase;
ALTER TABLE "Orders" RENAME TO "Order";
ALTER TABLE "Order" RENAME COLUMN "Customer" TO "Customer Name";
