/*
** strintern.h: the strings every finding of a policy repeats (step id,
** title, regime, citation, duty kind, time-limit basis and source), kept
** once per loaded policy instead of copied into every finding. The table is
** shared by the policy and by each result that points into it, and freed
** with the last of them, so a result may still outlive its policy, as
** casecheck.h promises.
*/
#ifndef CASECHECK_STRINTERN_H
#define CASECHECK_STRINTERN_H

#include <stddef.h>

struct strintern;

/* A new table with one reference; NULL when out of memory. */
struct strintern *strintern_new(void);

/* One more reference to SI (returned). */
struct strintern *strintern_ref(struct strintern *si);

/* Drop a reference; the last one frees the table and its strings. NULL is fine. */
void strintern_unref(struct strintern *si);

/*
** The table's copy of the LEN bytes at S (NUL-terminated), added when new;
** NULL when out of memory or when the table is full (a check may make
** strings that differ per case: the caller then copies the string itself).
*/
const char *strintern_get(struct strintern *si, const char *s, size_t len);

#endif
