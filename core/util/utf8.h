/* utf8.h - where a byte string stops being valid UTF-8: migration files
 * must be valid, and JSON strings are made valid before jansson holds them. */
#ifndef STRATA_CORE_UTF8_H
#define STRATA_CORE_UTF8_H

#include <stddef.h>

/* Offset of the first byte of s[0..len) that is not valid UTF-8 (or is
 * a NUL), or len.  Overlong forms, surrogates and values past U+10FFFF
 * are invalid. */
size_t strata__utf8_invalid_at(const unsigned char *s, size_t len);

#endif
