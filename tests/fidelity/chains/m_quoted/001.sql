-- revision: 001
-- revises: base
-- message: backquoted, mixed-case, keyword and non-ASCII names

-- +up mysql
CREATE TABLE `Order` (`Id` int PRIMARY KEY, `Customer Name` varchar(50) NOT NULL, `select` text, `group` int);
CREATE TABLE MixedCase (ColumnOne int, columnTwo text);
CREATE TABLE `café` (`naïve` text, `日本` int);
CREATE INDEX `Order_Customer` ON `Order` (`Customer Name`);
CREATE TABLE UpperRef (Id int PRIMARY KEY, OrderId int, CONSTRAINT UpperRef_Order FOREIGN KEY (OrderId) REFERENCES `Order` (`Id`));
-- +down mysql
DROP TABLE UpperRef;
DROP TABLE `café`;
DROP TABLE MixedCase;
DROP TABLE `Order`;
