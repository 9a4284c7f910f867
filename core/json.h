/* json.h - the little JSON strata writes (--json documents, history
 * details): string escaping onto a strata_buf. */
#ifndef STRATA_CORE_JSON_H
#define STRATA_CORE_JSON_H

#include "strata/driver.h"

/* Append s as a JSON string ("null" when s is NULL). */
int strata__json_str(strata_buf *b, const char *s);
/* Append "key": to b (with a leading comma unless first). */
int strata__json_key(strata_buf *b, const char *key, int first);

#endif
