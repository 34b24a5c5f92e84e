/*
** case_build.c: the case model from a validated fixture: events in date order
** (stable), matters with their events, the index by type (of the case and of
** each matter), and the lookups case.h offers.
*/
#include <stdlib.h>
#include <string.h>
#include "case_priv.h"

/* {========== the model ========== */

/* Event indexes by id, file order breaking ties. */
int case_id_cmp(const struct case_event *ev, size_t a, size_t b)
{
	int c = strcmp(ev[a].id, ev[b].id);

	return c ? c : (a < b ? -1 : a > b);
}

void case_sort_idx(const struct case_event *ev, size_t *v, size_t *tmp, size_t n,
		   int (*cmp)(const struct case_event *, size_t, size_t))
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	case_sort_idx(ev, v, tmp, mid, cmp);
	case_sort_idx(ev, v + mid, tmp, n - mid, cmp);
	while (i < mid && j < n)
		tmp[k++] = cmp(ev, v[i], v[j]) <= 0 ? v[i++] : v[j++];
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}


static int event_date_cmp(const void *a, const void *b)
{
	const struct case_event *x = a, *y = b;

	if (x->date.lo != y->date.lo)
		return x->date.lo < y->date.lo ? -1 : 1;
	if (x->date.hi != y->date.hi)
		return x->date.hi < y->date.hi ? -1 : 1;
	/* file order breaks ties, which makes qsort stable */
	return x->file_index < y->file_index ? -1 : x->file_index > y->file_index;
}

static int type_cmp(const struct case_event *ev, size_t a, size_t b)
{
	int c = strcmp(ev[a].type, ev[b].type);

	return c ? c : (a < b ? -1 : a > b);
}

/*
** Each matter's events by type, from the case's type index: walking that
** index in order hands each matter its events grouped by type and in date
** order within a type, so no second sort is needed. FILL has a zeroed slot
** per matter.   0, or -1 out of memory.
*/
static int index_matter_types(struct case_priv *cp, size_t *fill)
{
	struct case_file *cf = &cp->pub;
	size_t n = cf->n_events, i, j, t = 0;

	cp->matter_type_pool = malloc((n + 1) * sizeof(size_t));
	cp->matter_types = calloc(n + 1, sizeof(*cp->matter_types));	/* a list has an event at least */
	if (!cp->matter_type_pool || !cp->matter_types)
		return -1;
	for (i = 0; i < n; i++) {
		size_t e = cp->type_pool[i], k = cf->events[e].matter;

		if (k != CASE_NONE)
			cp->matter_type_pool[(size_t)(cf->matters[k].events - cp->matter_pool) + fill[k]++] = e;
	}
	for (i = 0; i < cf->n_matters; i++) {
		struct case_matter *m = &cf->matters[i];
		size_t *v = cp->matter_type_pool + (m->events - cp->matter_pool);

		m->by_type = cp->matter_types + t;
		for (j = 0; j < m->n_events; j++) {
			const char *type = cf->events[v[j]].type;

			if (j == 0 || strcmp(type, m->by_type[m->n_types - 1].type) != 0) {
				m->by_type[m->n_types].type = type;
				m->by_type[m->n_types].v = v + j;
				m->n_types++;
			}
			m->by_type[m->n_types - 1].n++;
		}
		t += m->n_types;
	}
	return 0;
}

int case_build(struct case_priv *cp)
{
	struct case_file *cf = &cp->pub;
	size_t n = cf->n_events, i, m, *fill = NULL, *tmp = NULL;
	int rc = -1;

	qsort(cf->events, n, sizeof(*cf->events), event_date_cmp);
	cp->by_id = malloc((n + 1) * sizeof(size_t));
	cp->matter_pool = malloc((n + 1) * sizeof(size_t));
	cp->type_pool = malloc((n + 1) * sizeof(size_t));
	tmp = malloc((n + 1) * sizeof(size_t));
	if (!cp->by_id || !cp->matter_pool || !cp->type_pool || !tmp)
		goto out;
	for (i = 0; i < n; i++)
		cp->by_id[i] = i;
	case_sort_idx(cf->events, cp->by_id, tmp, n, case_id_cmp);

	/* matters, in date order */
	for (i = 0, m = 0; i < n; i++)
		if (strcmp(cf->events[i].type, "allegation_received") == 0)
			m++;
	cf->matters = calloc(m + 1, sizeof(*cf->matters));
	fill = calloc(m + 1, sizeof(*fill));
	if (!cf->matters || !fill)
		goto out;
	for (i = 0; i < n; i++) {
		struct case_event *ev = &cf->events[i];

		if (strcmp(ev->type, "allegation_received") == 0) {
			ev->matter = cf->n_matters;
			cf->matters[cf->n_matters].allegation = i;
			cf->n_matters++;
		}
	}
	for (i = 0; i < n; i++) {
		struct case_event *ev = &cf->events[i];

		if (ev->re)
			ev->matter = cf->events[case_event_index(cf, ev->re)].matter;
		if (ev->matter != CASE_NONE)
			cf->matters[ev->matter].n_events++;
	}
	for (i = 0, m = 0; i < cf->n_matters; i++) {
		cf->matters[i].events = cp->matter_pool + m;
		m += cf->matters[i].n_events;
	}
	for (i = 0; i < n; i++) {
		size_t k = cf->events[i].matter;

		if (k != CASE_NONE)
			cf->matters[k].events[fill[k]++] = i;
	}

	/* by type: runs of one type, in date order within each */
	for (i = 0; i < n; i++)
		cp->type_pool[i] = i;
	case_sort_idx(cf->events, cp->type_pool, tmp, n, type_cmp);
	for (i = 0, m = 0; i < n; i++)
		if (i == 0 || strcmp(cf->events[cp->type_pool[i]].type,
				     cf->events[cp->type_pool[i - 1]].type) != 0)
			m++;
	cf->by_type = calloc(m + 1, sizeof(*cf->by_type));
	if (!cf->by_type)
		goto out;
	for (i = 0; i < n; i++) {
		const char *t = cf->events[cp->type_pool[i]].type;
		struct case_index_list *l;

		if (cf->n_types == 0 || strcmp(cf->by_type[cf->n_types - 1].type, t) != 0) {
			l = &cf->by_type[cf->n_types++];
			l->type = t;
			l->v = cp->type_pool + i;
		} else {
			l = &cf->by_type[cf->n_types - 1];
		}
		l->n++;
	}
	memset(fill, 0, (cf->n_matters + 1) * sizeof(*fill));
	if (index_matter_types(cp, fill) != 0)
		goto out;
	rc = 0;
out:
	free(fill);
	free(tmp);
	return rc;
}

/* }========== */

const struct case_party *case_party(const struct case_file *cf, const char *id)
{
	size_t lo = 0, hi = cf->n_parties;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, cf->parties[mid].id);

		if (c == 0)
			return &cf->parties[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const struct case_index_list *case_events_of_type(const struct case_file *cf, const char *type)
{
	size_t lo = 0, hi = cf->n_types;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(type, cf->by_type[mid].type);

		if (c == 0)
			return &cf->by_type[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

size_t case_event_index(const struct case_file *cf, const char *id)
{
	const struct case_priv *cp = (const struct case_priv *)cf;
	size_t lo = 0, hi = cf->n_events;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, cf->events[cp->by_id[mid]].id);

		if (c == 0)
			return cp->by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return CASE_NONE;
}

size_t case_matter_index(const struct case_file *cf, const char *allegation_id)
{
	size_t i = case_event_index(cf, allegation_id);

	if (i == CASE_NONE || strcmp(cf->events[i].type, "allegation_received") != 0)
		return CASE_NONE;
	return cf->events[i].matter;
}

const struct case_value *case_event_field(const struct case_file *cf, const struct case_event *ev,
					  const char *key)
{
	size_t i;

	for (i = 0; i < ev->n_fields; i++)
		if (strcmp(cf->keys[ev->fields[i].key], key) == 0)
			return &ev->fields[i];
	return NULL;
}

int case_party_of_force(const struct case_file *cf, const char *party_id, const char *force)
{
	const struct case_party *p;

	if (!party_id || !force)
		return 0;
	if (strcmp(party_id, force) == 0)
		return 1;
	p = case_party(cf, party_id);
	return p && p->of && strcmp(p->of, force) == 0;
}

int case_default_as_of(const struct case_file *cf)
{
	size_t i;
	int hi = 0;

	if (cf->has_as_of)
		return cf->as_of.hi;
	/* sorted by lo, so the last event need not have the latest hi */
	for (i = 0; i < cf->n_events; i++)
		if (i == 0 || cf->events[i].date.hi > hi)
			hi = cf->events[i].date.hi;
	return hi;
}
