/*
** case_compact.c: after a case is validated and indexed, it copies out of
** the jansson tree what it keeps, so that the tree can be dropped (issue 10:
** the tree of a parsed fixture is about six times the file's size, and was
** kept as long as the case, beside the Lua tables of each evaluation).
**
** Every string the model points to is interned into the case's own chunks
** (a date, party or enum value is stored once, however many events repeat
** it), and each event's fields become a run of case_values in the same
** chunks, with the field names numbered once per case (case_file.keys), so
** that case_push pushes each name once per evaluation. A parsed file's
** events are copied in file order, each dropped from the tree once copied:
** the copy reuses the memory the tree gives back. An event's "note" and
** "source" are free text no step reads, and are not kept; the whole
** document can still be had again from the file's bytes (case_tree).
*/
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "case_priv.h"
#include "strset.h"

#define CHUNK 65536

/* The alignment a case_value needs (C99 has no alignof). */
#define ALIGN_VALUE offsetof(struct { char c; struct case_value v; }, v)

/* The case's strings while it is built (strset.c), and the chunks they go to. */
struct interner {
	struct case_priv *cp;
	struct strset set;
	unsigned short *key;	/* by entry: 1 + the string's index in case_file.keys, or 0 */
	size_t key_room;
	char *cur;		/* free space of the last chunk */
	size_t left;
	size_t chunk_cap, keys_cap;
};

/*
** SIZE bytes aligned to ALIGN (a power of two) from the case's chunks; a
** block bigger than a quarter chunk has a chunk of its own. NULL out of
** memory.
*/
static void *take(struct interner *in, size_t size, size_t align)
{
	struct case_priv *cp = in->cp;
	size_t pad = (align - ((uintptr_t)in->cur & (align - 1))) & (align - 1);
	char *c;

	if (in->cur && pad + size <= in->left) {
		c = in->cur + pad;
		in->cur += pad + size;
		in->left -= pad + size;
		return c;
	}
	if (cp->n_chunks == in->chunk_cap) {
		size_t cap = in->chunk_cap ? in->chunk_cap * 2 : 8;
		char **v = realloc(cp->chunks, cap * sizeof(*v));

		if (!v)
			return NULL;
		cp->chunks = v;
		in->chunk_cap = cap;
	}
	if (size > CHUNK / 4) {
		if (!(c = malloc(size)))
			return NULL;
		cp->chunks[cp->n_chunks++] = c;
		return c;
	}
	if (!(c = malloc(CHUNK)))	/* malloc's alignment suits any ALIGN asked here */
		return NULL;
	cp->chunks[cp->n_chunks++] = c;
	in->cur = c + size;
	in->left = CHUNK - size;
	return c;
}

/* A new string's copy in the case's chunks. */
static const char *copy_string(void *ud, const char *s, size_t len)
{
	char *copy = take(ud, len + 1, 1);

	if (copy) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

/* The entry of the case's copy of the LEN bytes at S, added when new; -1 out of memory. */
static long intern_slot(struct interner *in, const char *s, size_t len)
{
	long e = strset_intern(&in->set, s, len, copy_string, in);

	if (e >= 0 && (size_t)e >= in->key_room) {
		size_t room = in->set.room;
		unsigned short *key = realloc(in->key, room * sizeof(*key));

		if (!key)
			return -1;
		memset(key + in->key_room, 0, (room - in->key_room) * sizeof(*key));
		in->key = key;
		in->key_room = room;
	}
	return e;
}

/* Re-point *S (NULL stays NULL) to the case's copy. 0, or -1 out of memory. */
static int own(struct interner *in, const char **s)
{
	long j;

	if (!*s)
		return 0;
	if ((j = intern_slot(in, *s, strlen(*s))) < 0)
		return -1;
	*s = in->set.str[j];
	return 0;
}

/* The number of KEY in case_file.keys, added when new; -1 out of memory or too many. */
static long key_index(struct interner *in, const char *key, size_t len)
{
	struct case_file *cf = &in->cp->pub;
	long j = intern_slot(in, key, len);

	if (j < 0)
		return -1;
	if (!in->key[j]) {
		if (cf->n_keys >= USHRT_MAX - 1)
			return -1;	/* a vocabulary has far fewer field names */
		if (cf->n_keys == in->keys_cap) {
			size_t cap = in->keys_cap ? in->keys_cap * 2 : 32;
			const char **v = realloc((void *)cf->keys, cap * sizeof(*v));

			if (!v)
				return -1;
			cf->keys = v;
			in->keys_cap = cap;
		}
		cf->keys[cf->n_keys] = in->set.str[j];
		in->key[j] = (unsigned short)++cf->n_keys;
	}
	return in->key[j] - 1;
}

static int skipped(const char *key, size_t len)
{
	return (len == 4 && memcmp(key, "note", 4) == 0) || (len == 6 && memcmp(key, "source", 6) == 0);
}

/* The values an array V holds, its arrays' included (0 for a scalar). */
static size_t count_items(json_t *v)
{
	size_t i, n = 0;
	json_t *x;

	if (!json_is_array(v))
		return 0;
	json_array_foreach(v, i, x)
		n += 1 + count_items(x);
	return n;
}

/* V into OUT; an array's items go at *NEXT, which moves past them. */
static int convert(struct interner *in, json_t *v, struct case_value *out, struct case_value **next)
{
	size_t i;
	long j;
	json_t *x;

	switch (json_typeof(v)) {
	case JSON_STRING:
		if ((j = intern_slot(in, json_string_value(v), json_string_length(v))) < 0)
			return -1;
		out->type = CASE_V_STRING;
		out->u.s = in->set.str[j];
		out->n = (unsigned)json_string_length(v);
		break;
	case JSON_INTEGER:
		out->type = CASE_V_INT;
		out->u.i = json_integer_value(v);
		break;
	case JSON_REAL:
		out->type = CASE_V_REAL;
		out->u.d = json_real_value(v);
		break;
	case JSON_TRUE:
		out->type = CASE_V_TRUE;
		break;
	case JSON_FALSE:
		out->type = CASE_V_FALSE;
		break;
	case JSON_ARRAY: {
		struct case_value *items = *next;

		out->type = CASE_V_ARRAY;
		out->u.items = items;
		out->n = (unsigned)json_array_size(v);
		*next += json_array_size(v);
		json_array_foreach(v, i, x)
			if (convert(in, x, &items[i], next) < 0)
				return -1;
		break;
	}
	default:
		out->type = CASE_V_NIL;	/* an object or null: what case_push always gave as nil */
		break;
	}
	return 0;
}

/* One event's fields into the case's chunks, in file order but note and source. */
static int compact_event(struct interner *in, struct case_event *ev)
{
	struct case_value *fields, *next;
	size_t n = 0, total = 0, len;
	const char *key;
	json_t *v;

	json_object_keylen_foreach(ev->json, key, len, v)
		if (!skipped(key, len)) {
			n++;
			total += 1 + count_items(v);
		}
	if (!(fields = take(in, (total ? total : 1) * sizeof(*fields), ALIGN_VALUE)))
		return -1;
	memset(fields, 0, (total ? total : 1) * sizeof(*fields));
	next = fields + n;
	n = 0;
	json_object_keylen_foreach(ev->json, key, len, v) {
		long k;

		if (skipped(key, len))
			continue;
		if ((k = key_index(in, key, len)) < 0 || convert(in, v, &fields[n], &next) < 0)
			return -1;
		fields[n++].key = (unsigned short)k;
	}
	ev->fields = fields;
	ev->n_fields = n;
	if (own(in, &ev->id) < 0 || own(in, &ev->type) < 0 || own(in, &ev->by) < 0 ||
	    own(in, &ev->re) < 0)
		return -1;
	ev->json = NULL;
	return 0;
}

/*
** Every event, in file order. With RELEASE (the tree is the case's own,
** parsed from its file), each event's object is dropped from the tree as
** soon as it is copied, so that the copy takes the memory the tree gives
** back rather than adding to it.
*/
static int compact_events(struct interner *in, int release)
{
	struct case_file *cf = &in->cp->pub;
	json_t *list = json_object_get(cf->root, "events");
	size_t i, *at = malloc((cf->n_events + 1) * sizeof(*at));

	if (!at)
		return -1;
	for (i = 0; i < cf->n_events; i++)
		at[cf->events[i].file_index] = i;
	for (i = 0; i < cf->n_events; i++) {
		if (compact_event(in, &cf->events[at[i]]) < 0) {
			free(at);
			return -1;
		}
		if (release)
			json_array_set_new(list, i, json_null());
	}
	free(at);
	return 0;
}

/* Each gap's allegation ids into one pool. */
static int compact_gaps(struct interner *in)
{
	struct case_priv *cp = in->cp;
	struct case_file *cf = &cp->pub;
	size_t i, k, total = 0, at = 0;
	json_t *id;

	for (i = 0; i < cf->n_gaps; i++) {
		if (own(in, &cf->gaps[i]) < 0)
			return -1;
		if (cf->gap_re && cf->gap_re[i])
			total += json_array_size(cf->gap_re[i]);
	}
	cf->gap_ids = calloc(cf->n_gaps + 1, sizeof(*cf->gap_ids));
	cp->id_pool = calloc(total + 1, sizeof(*cp->id_pool));
	if (!cf->gap_ids || !cp->id_pool)
		return -1;
	for (i = 0; i < cf->n_gaps; i++) {
		if (!cf->gap_re || !cf->gap_re[i])
			continue;
		cf->gap_ids[i].v = cp->id_pool + at;
		json_array_foreach(cf->gap_re[i], k, id) {
			if (!json_is_string(id))
				continue;	/* validated: not reached */
			cp->id_pool[at] = json_string_value(id);
			if (own(in, &cp->id_pool[at++]) < 0)
				return -1;
			cf->gap_ids[i].n++;
		}
	}
	free(cf->gap_re);
	cf->gap_re = NULL;
	return 0;
}

int case_compact(struct case_priv *cp, int release)
{
	struct case_file *cf = &cp->pub;
	struct interner in;
	size_t i, j;
	int rc = -1;

	memset(&in, 0, sizeof(in));
	in.cp = cp;
	/*
	** Room at once for the strings a small case has (about four an event),
	** so that it is not rehashed as it fills; a big case's set grows as
	** its tree is given back.
	*/
	for (i = 256; i < 8192 && i < 2 * (4 * cf->n_events + 2 * cf->n_parties + 64); i *= 2)
		;
	if (strset_init(&in.set, i / 2 - 1) != 0)
		return -1;
	if (own(&in, &cf->id) < 0 || own(&in, &cf->title) < 0 || own(&in, &cf->policy) < 0 ||
	    own(&in, &cf->subject_name) < 0 || own(&in, &cf->subject_rank) < 0 ||
	    own(&in, &cf->subject_force) < 0 || own(&in, &cf->subject_psd) < 0)
		goto out;
	for (i = 0; i < cf->n_parties; i++) {
		struct case_party *p = &cf->parties[i];

		if (own(&in, &p->id) < 0 || own(&in, &p->kind) < 0 || own(&in, &p->name) < 0 ||
		    own(&in, &p->of) < 0)
			goto out;
	}
	for (i = 0; i < cf->n_vetting; i++)
		if (own(&in, &cf->vetting[i].level) < 0)
			goto out;
	/* the lists' type names first: they point into the events' objects */
	for (i = 0; i < cf->n_types; i++)
		if (own(&in, &cf->by_type[i].type) < 0)
			goto out;
	for (i = 0; i < cf->n_matters; i++)
		for (j = 0; j < cf->matters[i].n_types; j++)
			if (own(&in, &cf->matters[i].by_type[j].type) < 0)
				goto out;
	if (compact_gaps(&in) < 0 || compact_events(&in, release) < 0)
		goto out;
	if (cf->expect) {
		cf->expect_text = json_dumps(cf->expect, JSON_PRESERVE_ORDER | JSON_COMPACT);
		if (!cf->expect_text)
			goto out;
		cf->expect = NULL;
	}
	rc = 0;
out:
	strset_free(&in.set);
	free(in.key);
	return rc;
}
