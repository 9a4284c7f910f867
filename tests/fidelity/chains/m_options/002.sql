-- revision: 002
-- revises: 001
-- message: options changed

-- +up mysql
ALTER TABLE mo_plain COMMENT = 'now commented';
ALTER TABLE mo_myisam ENGINE = InnoDB;
ALTER TABLE mo_latin CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
ALTER TABLE mo_charset DEFAULT CHARACTER SET latin1;
ALTER TABLE mo_all AUTO_INCREMENT = 500;
-- +down mysql
ALTER TABLE mo_charset DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
ALTER TABLE mo_latin CONVERT TO CHARACTER SET latin1;
ALTER TABLE mo_myisam ENGINE = MyISAM;
ALTER TABLE mo_plain COMMENT = '';
