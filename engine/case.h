/*
** case.h: the case model. A fixture (casecheck/case@1, see
** docs/case-format.md) parsed with jansson, validated against the
** event vocabulary, its events ordered by date and indexed by type and by
** matter. When a matter became known is the policy's rule (awareness), not
** the case model's.
**
** Once loaded, a case holds its own copy of what evaluation reads (its
** strings interned, each event's fields as case_values: case_compact.c)
** and no longer the jansson tree of a parsed file, which is several times
** the file's size (issue 10, memory).
*/
#ifndef CASECHECK_CASE_H
#define CASECHECK_CASE_H

#include <stddef.h>
#include <jansson.h>
#include "casecheck.h"
#include "date.h"

struct vocab;

#define CASE_NONE ((size_t)-1)

/*
** Strings below are the case's own (case_compact.c), not the document's,
** once the case is loaded; during validation they point into the tree.
*/
struct case_party {
	const char *id, *kind, *name, *of;	/* name, of may be NULL */
};

/* A value of an event field as written: a JSON scalar, or an array of values. */
enum case_vtype { CASE_V_NIL, CASE_V_STRING, CASE_V_INT, CASE_V_REAL, CASE_V_TRUE, CASE_V_FALSE,
		  CASE_V_ARRAY };

struct case_value {
	union {
		const char *s;			/* CASE_V_STRING, N bytes and a NUL */
		const struct case_value *items;	/* CASE_V_ARRAY, N of them */
		json_int_t i;
		double d;
	} u;
	unsigned n;
	unsigned short key;	/* an event's field: its name is case_file.keys[key] */
	unsigned char type;	/* enum case_vtype; CASE_V_NIL for a JSON object or null */
};

struct case_event {
	const char *id, *type;
	const char *by, *re;		/* party id, allegation id; NULL when absent */
	struct date_span date;
	size_t file_index;		/* position in the fixture's "events" array */
	size_t matter;			/* index into case_file.matters, or CASE_NONE */
	json_t *json;			/* the event object, during validation only (then NULL) */
	const struct case_value *fields;	/* as written, in file order, but note and source */
	size_t n_fields;
};

/* The allegation ids of a gap, or V NULL for the whole case. */
struct case_ids {
	const char **v;
	size_t n;
};

struct case_vetting {
	struct date_span date;
	const char *level;
};

/* A list of event indexes (into case_file.events), in date order. */
struct case_index_list {
	const char *type;
	size_t *v;
	size_t n;
};

struct case_matter {
	size_t allegation;		/* index into events of its allegation_received */
	size_t *events;			/* indexes into events of every event re this matter, by date */
	size_t n_events;
	struct case_index_list *by_type;	/* its events by type, as case_file.by_type */
	size_t n_types;
};

struct case_file {
	char *source;			/* file name as given, or the buffer's name */
	char sha256[65];		/* of the file's bytes: read it with case_sha256 */
	json_t *root;			/* a case built in memory's tree; NULL for a parsed file (case_tree) */

	const char *id, *title, *policy;	/* policy may be NULL */
	int has_as_of;
	struct date_span as_of;

	/* subject */
	const char *subject_name, *subject_rank, *subject_force;
	int has_joined, has_probation_ends, probationer;
	struct date_span joined, probation_ends;
	struct case_vetting *vetting;
	size_t n_vetting;
	const char *subject_psd;	/* id of the psd party of subject.force, or NULL */

	struct case_party *parties;
	size_t n_parties;

	struct case_event *events;	/* sorted by date (lo, then hi), stable */
	size_t n_events;

	struct case_matter *matters;	/* one per allegation_received, in date order */
	size_t n_matters;

	struct case_index_list *by_type;	/* one per event type present, sorted by type */
	size_t n_types;

	const char **gaps;		/* what the record is silent about: "type" or "type.field" */
	json_t **gap_re;		/* per gap: its "re" list, during validation only */
	struct case_ids *gap_ids;	/* per gap: its allegation ids */
	size_t n_gaps;

	json_t *expect;			/* during validation only */
	char *expect_text;		/* "expect" as compact JSON; NULL when absent */

	const char **keys;		/* the names of the events' fields, each once */
	size_t n_keys;
};

/*
** Load and validate. VOCAB lists the event types and fields to accept (NULL:
** the built-in vocabulary only). Every problem goes to ERRS as
** "FILE: /json/path: what is wrong (expected ...)", with a did-you-mean for a
** misspelled event type, field, category or party id; a JSON syntax error as
** FILE:LINE:COL. Returns NULL when there was any problem.
*/
struct case_file *case_load_file(const char *path, const struct vocab *vocab,
				 struct casecheck_errors *errs);
struct case_file *case_load_buffer(const char *buf, size_t len, const char *name,
				   const struct vocab *vocab, struct casecheck_errors *errs);
void case_free(struct case_file *cf);

/*
** The same from a JSON document already in memory (a case built through
** the API): ROOT is validated in place and the case takes a reference to
** it, so ROOT must not change while the case lives. NAME is the source
** errors name. The sha256 is that of ROOT's compact text.
*/
struct case_file *case_load_json(json_t *root, const char *name, const struct vocab *vocab,
				 struct casecheck_errors *errs);

/* The sha256 of the fixture's bytes, lowercase hex, computed on first use. */
const char *case_sha256(struct case_file *cf);

/*
** The same, with the vocabulary chosen from the fixture's own "policy" field:
** RESOLVE(name, CTX) returns the vocabulary to validate with, or NULL for the
** built-in one. One parse, however the policy is found.
*/
typedef const struct vocab *(*case_vocab_fn)(const char *policy, void *ctx);
struct case_file *case_load_file_resolve(const char *path, case_vocab_fn resolve, void *ctx,
					 struct casecheck_errors *errs);
struct case_file *case_load_buffer_resolve(const char *buf, size_t len, const char *name,
					   case_vocab_fn resolve, void *ctx,
					   struct casecheck_errors *errs);

/*
** The case's document as a new reference (json_decref it): the tree of a
** case built in memory, or its file's bytes parsed again. NULL when out of
** memory.
*/
json_t *case_tree(const struct case_file *cf);

/* Lookups; NULL / CASE_NONE when absent. */
const struct case_value *case_event_field(const struct case_file *cf, const struct case_event *ev,
					  const char *key);
const struct case_party *case_party(const struct case_file *cf, const char *id);
const struct case_index_list *case_events_of_type(const struct case_file *cf, const char *type);
size_t case_event_index(const struct case_file *cf, const char *id);
size_t case_matter_index(const struct case_file *cf, const char *allegation_id);

/* 1 when PARTY_ID is the force FORCE or a party whose "of" is FORCE. */
int case_party_of_force(const struct case_file *cf, const char *party_id, const char *force);

/* The date the case is judged at: as_of, else the last event's date (hi). */
int case_default_as_of(const struct case_file *cf);

#endif
