-- CockroachDB: not a strata dialect
SELECT crdb_internal.force_error('XX000', 'never run');
