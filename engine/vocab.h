/*
** vocab.h: the event vocabulary of case-format.md (event types, their fields
** and the value each field takes), as static tables a loader and a JSON
** Schema generator can walk, plus the types and fields a policy declares.
*/
#ifndef CASECHECK_VOCAB_H
#define CASECHECK_VOCAB_H

#include <stddef.h>

enum vocab_kind {
	VOCAB_STRING,		/* any string */
	VOCAB_BOOL,		/* true or false */
	VOCAB_PARTY,		/* a key of /parties */
	VOCAB_MATTER,		/* the id of an allegation_received event */
	VOCAB_ENUM,		/* one of vocab_field.values */
	VOCAB_CATEGORIES,	/* a non-empty list of vocab_categories(), no repeats */
	VOCAB_MATTER_LIST,	/* a list of allegation_received ids (may be empty) */
	VOCAB_STRING_LIST,	/* a list of strings (may be empty) */
	VOCAB_REASONS,		/* a string or a list of strings */
	VOCAB_DATE		/* "YYYY-MM-DD", "YYYY-MM" or "YYYY" */
};

struct vocab_field {
	const char *name;
	enum vocab_kind kind;
	const char *const *values;	/* VOCAB_ENUM: NULL-terminated; else NULL */
	int required;
	const char *doc;		/* what it means here; NULL: vocab_field_doc's general one */
};

struct vocab_type {
	const char *name;
	const struct vocab_field *fields;	/* its own fields; see vocab_common_fields */
	size_t n_fields;
	const char *doc;		/* one line for people (a trainee's menu); NULL when declared */
};

struct vocab;

/* The built-in vocabulary; static, shared, never freed. */
const struct vocab *vocab_builtin(void);

/* A vocabulary of its own, starting as the built-in one, that policies extend. */
struct vocab *vocab_new(void);
void vocab_free(struct vocab *v);

/*
** Declare an event type (a policy's own). It accepts the common fields and
** an optional `by` (party) and `re` (matter), like most built-in types.
** Returns 0 (also when it exists already), -1 when out of memory or NAME is
** empty.
*/
int vocab_add_type(struct vocab *v, const char *type);

/*
** Declare field FIELD of TYPE (built-in or declared), optional. Returns 0
** (also when it exists already with that kind), -1 when out of memory, -2
** when TYPE is unknown, -3 when FIELD exists with another kind or KIND is
** VOCAB_ENUM (which needs values a policy cannot give yet).
*/
int vocab_add_field(struct vocab *v, const char *type, const char *field,
		    enum vocab_kind kind);

/* "string", "bool", "party", "matter", "string_list", "matter_list",
** "reasons", "date" -> the kind; -1 for anything else. */
int vocab_kind_parse(const char *name);
const char *vocab_kind_name(enum vocab_kind kind);

/* Lookups; NULL when absent. vocab_field searches common fields first. */
const struct vocab_type *vocab_type(const struct vocab *v, const char *name);
const struct vocab_field *vocab_field(const struct vocab_type *t, const char *name);

/* Iteration: types are sorted by name. */
size_t vocab_type_count(const struct vocab *v);
const struct vocab_type *vocab_type_at(const struct vocab *v, size_t i);

/* Fields every event has (id, date, type, note, source). */
const struct vocab_field *vocab_common_fields(size_t *n);

/* What field F means (F->doc, else the meaning its name has on every type); never NULL. */
const char *vocab_field_doc(const struct vocab_field *f);

/* NULL-terminated value lists of the format. */
const char *const *vocab_categories(void);
const char *const *vocab_party_kinds(void);
const char *const *vocab_statuses(void);

#endif
