/*
** case_priv.h: what the parts of the case loader share: case.c (read,
** parse, free), case_validate.c (every problem at its JSON pointer),
** case_build.c (order by date, index by matter and type, awareness) and
** case_compact.c (the case's own copy of what it keeps, the tree dropped).
*/
#ifndef CASECHECK_CASE_PRIV_H
#define CASECHECK_CASE_PRIV_H

#include <stddef.h>
#include <jansson.h>
#include "case.h"
#include "vocab.h"

/* The model plus the indexes case.h does not show; case_file comes first. */
struct case_priv {
	struct case_file pub;
	size_t *by_id;			/* event indexes sorted by id */
	size_t *matter_pool;		/* backs every case_matter.events */
	size_t *type_pool;		/* backs every case_file.by_type list */
	size_t *matter_type_pool;	/* backs every case_matter.by_type list */
	struct case_index_list *matter_types;	/* backs every case_matter.by_type */
	char *bytes;			/* the file's bytes, until hashed (case_sha256) */
	size_t n_bytes;
	int parsed;			/* root dropped: bytes kept for case_tree */
	char **chunks;			/* the case's strings (case_compact.c) */
	size_t n_chunks;
	const char **id_pool;		/* backs every case_file.gap_ids */
};

/* A JSON pointer being built, RFC 6901 ("~" -> "~0", "/" -> "~1"). */
struct jp {
	char s[256];
	size_t len;
};

/* What validation keeps per event of the file, in file order. */
struct ev_aux {
	const struct vocab_type *vt;	/* NULL when the type is unknown */
	size_t dup_of;			/* file index of the first event with this id */
};

struct load {
	struct case_priv *cp;
	struct case_file *cf;
	const struct vocab *vocab;
	struct casecheck_errors *errs;
	const char *src;
	size_t n_errors;
	struct ev_aux *aux;
	size_t *ids;			/* file indexes of events with an id, by id */
	size_t n_ids;
	size_t n_psd;			/* psd parties of subject.force seen */
};


/* Validate ROOT into LD->cf, reporting every problem; 0, or -1 out of memory. */
int case_validate(struct load *ld, json_t *root);

/* Order the validated events and build the indexes; 0, or -1 out of memory. */
int case_build(struct case_priv *cp);

/*
** Copy out of the tree what the case keeps (case_compact.c): every string
** the model points to, interned, and each event's fields; then "json",
** "gap_re" and "expect" are cleared. RELEASE: the tree is the case's own
** and its events may be dropped from it as they are copied. 0, or -1 out
** of memory.
*/
int case_compact(struct case_priv *cp, int release);

/* Event indexes ordered by id, then file position (for case_sort_idx). */
int case_id_cmp(const struct case_event *ev, size_t a, size_t b);

/* Record an out-of-memory problem for the file being loaded. */
void case_load_oom(struct load *ld);

/*
** Merge sort of event indexes by CMP (stable, n log n): qsort has no context
** argument in C99 and a context in static storage would not be thread safe.
*/
void case_sort_idx(const struct case_event *ev, size_t *v, size_t *tmp, size_t n,
		   int (*cmp)(const struct case_event *, size_t, size_t));

#endif
