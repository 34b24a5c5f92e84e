/*
** cli_diag.c: a fixture's problems captured and printed in input order,
** a failed policy's report once per run (cli_diag.h).
*/
#include <stdlib.h>
#include <string.h>
#include "cli_common.h"
#include "cli_diag.h"

int cli_diag_open(struct cli_diag *d)
{
	memset(d, 0, sizeof(*d));
	d->fp = open_memstream(&d->buf, &d->len);
	if (!d->fp) {
		d->oom = 1;
		return -1;
	}
	return 0;
}

FILE *cli_diag_fp(const struct cli_diag *d)
{
	return d && d->fp ? d->fp : stderr;
}

void cli_diag_policy(struct cli_diag *d, const struct cli_policy_entry *pe, int begin)
{
	long at;

	if (!d || !d->fp)
		return;
	at = ftell(d->fp);
	if (at < 0) {
		d->oom = 1;
		return;
	}
	if (begin) {
		if (d->n_marks == d->cap_marks) {
			size_t cap = d->cap_marks ? 2 * d->cap_marks : 4;
			struct cli_diag_mark *v = realloc(d->marks, cap * sizeof(*v));

			if (!v) {
				d->oom = 1;
				return;
			}
			d->marks = v;
			d->cap_marks = cap;
		}
		d->marks[d->n_marks].from = d->marks[d->n_marks].to = (size_t)at;
		d->marks[d->n_marks].pe = pe;
		d->n_marks++;
	} else if (d->n_marks > 0 && d->marks[d->n_marks - 1].pe == pe) {
		d->marks[d->n_marks - 1].to = (size_t)at;
	}
}

void cli_diag_close(struct cli_diag *d)
{
	if (d->fp && fclose(d->fp) != 0)
		d->oom = 1;
	d->fp = NULL;
}

/* 1 when SEEN holds M's policy (or the set-up); else adds it and returns 0 (-1: no memory). */
static int diag_seen(struct cli_diag_seen *seen, const struct cli_diag_mark *m)
{
	size_t i;

	if (!m->pe) {
		if (seen->setup)
			return 1;
		seen->setup = 1;
		return 0;
	}
	for (i = 0; i < seen->n; i++)
		if (cli_policy_same_file(seen->pe[i], m->pe))
			return 1;
	if (seen->n == seen->cap) {
		size_t cap = seen->cap ? 2 * seen->cap : 4;
		const struct cli_policy_entry **v = realloc(seen->pe, cap * sizeof(*v));

		if (!v)
			return -1;
		seen->pe = v;
		seen->cap = cap;
	}
	seen->pe[seen->n++] = m->pe;
	return 0;
}

int cli_diag_print(const struct cli_diag *d, struct cli_diag_seen *seen)
{
	size_t at = 0, i;
	int rc = 0, s;

	if (!d->buf || d->len == 0)
		return 0;
	fflush(stdout);
	for (i = 0; i < d->n_marks; i++) {
		const struct cli_diag_mark *m = &d->marks[i];

		if (m->from < at || m->to < m->from || m->to > d->len)
			continue;
		s = diag_seen(seen, m);
		if (s < 0)
			rc = -1;
		if (s != 1)
			continue;
		fwrite(d->buf + at, 1, m->from - at, stderr);
		at = m->to;
	}
	fwrite(d->buf + at, 1, d->len - at, stderr);
	return rc;
}

void cli_diag_free(struct cli_diag *d)
{
	cli_diag_close(d);
	free(d->buf);
	free(d->marks);
	memset(d, 0, sizeof(*d));
}

void cli_diag_seen_free(struct cli_diag_seen *seen)
{
	free(seen->pe);
	memset(seen, 0, sizeof(*seen));
}
