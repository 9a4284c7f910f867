/* mismatch.c - a broken driver for the loader tests: the file is
 * strata_mismatch.so but the table says its name is "other". */
#include "stub.h"

STUB_DRIVER("other");
