/* text.c - blanks around type names and expressions (text.h). */
#include <string.h>

#include "text.h"

int drv_is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
           ch == '\f' || ch == '\v';
}

const char *drv_trim(const char *s, size_t *n)
{
    if (!s)
        s = "";
    while (drv_is_blank(*s))
        s++;
    *n = strlen(s);
    while (*n && drv_is_blank(s[*n - 1]))
        (*n)--;
    return s;
}
