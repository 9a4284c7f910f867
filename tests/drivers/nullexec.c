/* nullexec.c - a broken driver for the loader tests: complete but for a
 * NULL exec, a required function; the core must name it. */
#include "stub.h"

STUB_DRIVER("nullexec", .exec = NULL);
