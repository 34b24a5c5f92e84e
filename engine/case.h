/*
** case.h: the case model. A fixture (casecheck/case@1, see
** docs/case-format.md) parsed with jansson, validated against the
** event vocabulary, its events ordered by date and indexed by type and by
** matter. When a matter became known is the policy's rule (awareness), not
** the case model's.
*/
#ifndef CASECHECK_CASE_H
#define CASECHECK_CASE_H

#include <stddef.h>
#include <jansson.h>
#include "casecheck.h"
#include "date.h"

struct vocab;

#define CASE_NONE ((size_t)-1)

struct case_party {
	const char *id, *kind, *name, *of;	/* borrowed from the document; name, of may be NULL */
};

struct case_event {
	const char *id, *type;		/* borrowed from the document */
	const char *by, *re;		/* party id, allegation id; NULL when absent */
	struct date_span date;
	size_t file_index;		/* position in the fixture's "events" array */
	size_t matter;			/* index into case_file.matters, or CASE_NONE */
	json_t *json;			/* the event object, borrowed from root */
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
	json_t *root;			/* owns every borrowed string below */

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
	json_t **gap_re;		/* per gap: borrowed list of allegation ids, NULL for the whole case */
	size_t n_gaps;

	json_t *expect;			/* borrowed; NULL when absent */
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

/* Lookups; NULL / CASE_NONE when absent. */
const struct case_party *case_party(const struct case_file *cf, const char *id);
const struct case_index_list *case_events_of_type(const struct case_file *cf, const char *type);
size_t case_event_index(const struct case_file *cf, const char *id);
size_t case_matter_index(const struct case_file *cf, const char *allegation_id);

/* 1 when PARTY_ID is the force FORCE or a party whose "of" is FORCE. */
int case_party_of_force(const struct case_file *cf, const char *party_id, const char *force);

/* The date the case is judged at: as_of, else the last event's date (hi). */
int case_default_as_of(const struct case_file *cf);

#endif
