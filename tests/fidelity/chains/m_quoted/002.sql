-- revision: 002
-- revises: 001
-- message: renames keep the case written

-- +up mysql
ALTER TABLE `Order` RENAME COLUMN `Customer Name` TO `Customer`;
RENAME TABLE `Order` TO `Orders`;
ALTER TABLE MixedCase RENAME TO MixedCase2;
ALTER TABLE MixedCase2 ADD COLUMN NewCol int;
CREATE INDEX MixedCase2_NewCol ON MixedCase2 (NewCol);
-- +down mysql
DROP INDEX MixedCase2_NewCol ON MixedCase2;
ALTER TABLE MixedCase2 DROP COLUMN NewCol;
ALTER TABLE MixedCase2 RENAME TO MixedCase;
RENAME TABLE `Orders` TO `Order`;
ALTER TABLE `Order` RENAME COLUMN `Customer` TO `Customer Name`;
