/*
** case_compact.c: after a case is validated and indexed, it copies out of
** the jansson tree what it keeps, so that the tree can be dropped (issue 10:
** the tree of a parsed fixture is about six times the file's size, and was
** kept as long as the case, beside the Lua tables of each evaluation).
**
** Every string the model points to is interned into the case's own chunks
** (a date, party or enum value is stored once, however many events repeat
** it), and each event's fields become a run of case_values in one pool,
** with the field names numbered once per case (case_file.keys), so that
** case_push pushes each name once per evaluation. An event's "note" and
** "source" are free text no step reads, and are not kept; the whole
** document can still be had again from the file's bytes (case_tree).
*/
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "case_priv.h"

#define CHUNK 65536

/* The set of the case's strings while it is built: open addressing, FNV-1a. */
struct interner {
	struct case_priv *cp;
	const char **slot;
	size_t *len;
	unsigned short *key;	/* 1 + the string's index in case_file.keys, or 0 */
	size_t cap, n;		/* cap a power of two, n < cap / 2 */
	char *cur;		/* free space of the last chunk */
	size_t left;
	size_t chunk_cap;
};

static uint32_t hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* A new chunk of at least NEED bytes, owned by the case. NULL out of memory. */
static char *new_chunk(struct interner *in, size_t need)
{
	struct case_priv *cp = in->cp;
	size_t size = need > CHUNK / 4 ? need : CHUNK;
	char *c;

	if (cp->n_chunks == in->chunk_cap) {
		size_t cap = in->chunk_cap ? in->chunk_cap * 2 : 8;
		char **v = realloc(cp->chunks, cap * sizeof(*v));

		if (!v)
			return NULL;
		cp->chunks = v;
		in->chunk_cap = cap;
	}
	if (!(c = malloc(size)))
		return NULL;
	cp->chunks[cp->n_chunks++] = c;
	if (size == CHUNK) {	/* a long string has a chunk of its own; short ones go on here */
		in->cur = c;
		in->left = size;
	}
	return c;
}

static int grow(struct interner *in)
{
	size_t cap = in->cap ? in->cap * 2 : 256, i;
	const char **slot = calloc(cap, sizeof(*slot));
	size_t *len = malloc(cap * sizeof(*len));
	unsigned short *key = malloc(cap * sizeof(*key));

	if (!slot || !len || !key) {
		free(slot);
		free(len);
		free(key);
		return -1;
	}
	for (i = 0; i < in->cap; i++) {
		size_t j;

		if (!in->slot[i])
			continue;
		j = hash(in->slot[i], in->len[i]) & (cap - 1);
		while (slot[j])
			j = (j + 1) & (cap - 1);
		slot[j] = in->slot[i];
		len[j] = in->len[i];
		key[j] = in->key[i];
	}
	free(in->slot);
	free(in->len);
	free(in->key);
	in->slot = slot;
	in->len = len;
	in->key = key;
	in->cap = cap;
	return 0;
}

/* The slot of the case's copy of the LEN bytes at S, added when new; -1 out of memory. */
static long intern_slot(struct interner *in, const char *s, size_t len)
{
	size_t j;
	char *copy;

	if ((in->n + 1) * 2 > in->cap && grow(in) != 0)
		return -1;
	j = hash(s, len) & (in->cap - 1);
	while (in->slot[j]) {
		if (in->len[j] == len && memcmp(in->slot[j], s, len) == 0)
			return (long)j;
		j = (j + 1) & (in->cap - 1);
	}
	if (len + 1 <= in->left) {
		copy = in->cur;
		in->cur += len + 1;
		in->left -= len + 1;
	} else if (!(copy = new_chunk(in, len + 1))) {
		return -1;
	} else if (copy == in->cur) {
		in->cur += len + 1;
		in->left -= len + 1;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	in->slot[j] = copy;
	in->len[j] = len;
	in->key[j] = 0;
	in->n++;
	return (long)j;
}

/* Re-point *S (NULL stays NULL) to the case's copy. 0, or -1 out of memory. */
static int own(struct interner *in, const char **s)
{
	long j;

	if (!*s)
		return 0;
	if ((j = intern_slot(in, *s, strlen(*s))) < 0)
		return -1;
	*s = in->slot[j];
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
		const char **v;

		if (cf->n_keys >= USHRT_MAX - 1 ||
		    !(v = realloc((void *)cf->keys, (cf->n_keys + 1) * sizeof(*v))))
			return -1;
		v[cf->n_keys] = in->slot[j];
		cf->keys = v;
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
		out->u.s = in->slot[j];
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

/* Every event's fields into one pool, in file order within an event. */
static int compact_events(struct interner *in)
{
	struct case_priv *cp = in->cp;
	struct case_file *cf = &cp->pub;
	struct case_value *next;
	size_t i, total = 0, len;
	const char *key;
	json_t *v;

	for (i = 0; i < cf->n_events; i++)
		json_object_keylen_foreach(cf->events[i].json, key, len, v)
			if (!skipped(key, len))
				total += 1 + count_items(v);
	if (!(cp->values = calloc(total + 1, sizeof(*cp->values))))
		return -1;
	next = cp->values;
	for (i = 0; i < cf->n_events; i++) {
		struct case_event *ev = &cf->events[i];
		struct case_value *fields = next;
		size_t n = 0;

		json_object_keylen_foreach(ev->json, key, len, v)
			if (!skipped(key, len))
				n++;
		next += n;
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
	}
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

int case_compact(struct case_priv *cp)
{
	struct case_file *cf = &cp->pub;
	struct interner in;
	size_t i, j;
	int rc = -1;

	memset(&in, 0, sizeof(in));
	in.cp = cp;
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
	if (compact_events(&in) < 0 || compact_gaps(&in) < 0)
		goto out;
	for (i = 0; i < cf->n_types; i++)
		if (own(&in, &cf->by_type[i].type) < 0)
			goto out;
	for (i = 0; i < cf->n_matters; i++)
		for (j = 0; j < cf->matters[i].n_types; j++)
			if (own(&in, &cf->matters[i].by_type[j].type) < 0)
				goto out;
	if (cf->expect) {
		cf->expect_text = json_dumps(cf->expect, JSON_PRESERVE_ORDER | JSON_COMPACT);
		if (!cf->expect_text)
			goto out;
		cf->expect = NULL;
	}
	rc = 0;
out:
	free(in.slot);
	free(in.len);
	free(in.key);
	return rc;
}
