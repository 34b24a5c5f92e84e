/*
** cli_diag.h: where the problems met while loading a fixture are printed.
** Without a capture they go to stderr as they are met. 'run -j' gives each
** fixture a capture instead (a memory stream) and prints it when the
** fixture is reported, so stderr comes in input order, as with -j 1. What
** reports a policy that failed to load is marked with that policy: every
** worker loads its own copy and reports it, but the run prints it once, at
** the first fixture that uses it, as -j 1 does.
*/
#ifndef CLI_DIAG_H
#define CLI_DIAG_H

#include <stdio.h>

struct cli_policy_entry;

/* A span of the capture that reports policy PE (NULL: the worker's own set-up). */
struct cli_diag_mark {
	size_t from, to;
	const struct cli_policy_entry *pe;
};

struct cli_diag {
	FILE *fp;			/* the memory stream while capturing, else NULL */
	char *buf;			/* what was captured, once closed */
	size_t len;
	struct cli_diag_mark *marks;
	size_t n_marks, cap_marks;
	int oom;			/* a mark was lost, or the stream could not be opened */
};

/* What a run has printed once already: the policies reported, and a worker's set-up. */
struct cli_diag_seen {
	const struct cli_policy_entry **pe;
	size_t n, cap;
	int setup;
};

/* Start capturing into D (zeroed first). 0, or -1 (then D prints to stderr). */
int cli_diag_open(struct cli_diag *d);
/* Where to print: D's stream while capturing, else stderr (D may be NULL). */
FILE *cli_diag_fp(const struct cli_diag *d);
/* Mark what is printed from now on (BEGIN 1) up to now (BEGIN 0) as reporting PE. */
void cli_diag_policy(struct cli_diag *d, const struct cli_policy_entry *pe, int begin);
/* Stop capturing; the text is in D->buf. */
void cli_diag_close(struct cli_diag *d);
/*
** Print D's capture to stderr (stdout flushed first, as cli_print_error
** does), leaving out a policy's report that SEEN holds, and adding those
** printed to SEEN. 0, or -1 when out of memory (then everything is printed).
*/
int cli_diag_print(const struct cli_diag *d, struct cli_diag_seen *seen);
void cli_diag_free(struct cli_diag *d);
void cli_diag_seen_free(struct cli_diag_seen *seen);

#endif
