/*
** utf8.h: reading UTF-8 strictly (utf8.c), for the writers of every report
** format, which must not pass invalid bytes or control characters through.
*/
#ifndef CASECHECK_UTF8_H
#define CASECHECK_UTF8_H

#include <stddef.h>

/*
** The length (1 to 4) of the well-formed UTF-8 sequence at S, with its code
** point in *CP; 0 when the byte at S does not start one (a stray or
** truncated sequence, an overlong form, a surrogate, beyond U+10FFFF). S
** must be NUL-terminated; *S must not be NUL.
*/
size_t utf8_decode(const char *s, unsigned long *cp);

/* 1 when CP is a control character: C0, DEL or C1. */
int utf8_is_control(unsigned long cp);

#endif
