/* noentry.c - a broken driver for the loader tests: it exports a harmless
 * function but no strata_driver_init. */
__attribute__((visibility("default"))) int noentry_marker(void);

int noentry_marker(void) { return 42; }
