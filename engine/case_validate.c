/*
** case_validate.c: checking a parsed fixture against case-format.md and the
** vocabulary. Every problem is reported, each at its JSON pointer with what
** was expected and, for a misspelt name, the nearest valid one.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "calendar.h"
#include "case_priv.h"
#include "date.h"
#include "error.h"
#include "suggest.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const top_keys[] = {
	"format", "id", "title", "summary", "sources", "policy", "as_of", "subject",
	"parties", "events", "gaps", "expect", NULL
};
static const char *const subject_keys[] = {
	"name", "rank", "force", "joined", "probation_ends", "probationer", "vetting", NULL
};
static const char *const party_keys[] = { "kind", "name", "of", NULL };
static const char *const vetting_keys[] = { "date", "level", NULL };
static const char *const expect_keys[] = { "findings", "complete", NULL };
static const char *const finding_keys[] = {
	"step", "re", "status", "due", "days_late", "regime", "message", NULL
};

/* {========== paths and errors ========== */

static size_t jp_key(struct jp *p, const char *key)
{
	size_t saved = p->len;
	const char *k;

	if (p->len + 1 < sizeof(p->s))
		p->s[p->len++] = '/';
	for (k = key; *k && p->len + 2 < sizeof(p->s); k++) {
		if (*k == '~' || *k == '/') {
			p->s[p->len++] = '~';
			p->s[p->len++] = *k == '~' ? '0' : '1';
		} else {
			p->s[p->len++] = *k;
		}
	}
	p->s[p->len] = '\0';
	return saved;
}

/* By hand rather than snprintf: it runs once per event and per list item. */
static size_t jp_index(struct jp *p, size_t i)
{
	size_t saved = p->len, n = 0;
	char digits[24];

	do {
		digits[n++] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	if (p->len + n + 1 < sizeof(p->s)) {
		p->s[p->len++] = '/';
		while (n)
			p->s[p->len++] = digits[--n];
	}
	p->s[p->len] = '\0';
	return saved;
}

static void jp_pop(struct jp *p, size_t saved)
{
	p->len = saved;
	p->s[saved] = '\0';
}

#ifdef __GNUC__
__attribute__((format(printf, 3, 4)))
#endif
static void bad(struct load *ld, const struct jp *p, const char *fmt, ...)
{
	char text[sizeof(((struct casecheck_error *)0)->text)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	errors_addf(ld->errs, CASECHECK_E_INPUT, ld->src, p ? p->s : "", 0, 0, "%s", text);
	ld->n_errors++;
}

void case_load_oom(struct load *ld)
{
	errors_addf(ld->errs, CASECHECK_E_INTERNAL, ld->src, "", 0, 0, "out of memory");
	ld->n_errors++;
}

static const char *json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a number";
	case JSON_TRUE: case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

/* "a, b, c" into BUF, for "(expected one of ...)". */
static const char *join(const char *const *list, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (; *list && len + 1 < size; list++) {
		int n = snprintf(buf + len, size - len, "%s%s", len ? ", " : "", *list);

		if (n < 0)
			break;
		len += (size_t)n;
	}
	return buf;
}

/* }========== */

/* {========== value checks ========== */

static int want_type(struct load *ld, const struct jp *p, const json_t *v, json_type type,
		     const char *expected)
{
	if (json_typeof(v) == type || (type == JSON_TRUE && json_is_boolean(v)))
		return 1;
	bad(ld, p, "expected %s, got %s", expected, json_type_name(v));
	return 0;
}

static const char *want_string(struct load *ld, const struct jp *p, const json_t *v)
{
	return want_type(ld, p, v, JSON_STRING, "a string") ? json_string_value(v) : NULL;
}

static int want_date(struct load *ld, const struct jp *p, const json_t *v,
		     struct date_span *out)
{
	const char *why = "";

	if (!want_type(ld, p, v, JSON_STRING, "a date (YYYY-MM-DD, YYYY-MM or YYYY)"))
		return 0;
	if (date_parse(json_string_value(v), json_string_length(v), out, &why) != 0) {
		bad(ld, p, "invalid date '%s': %s", json_string_value(v), why);
		return 0;
	}
	/* deadlines are counted in working days, known for these years only */
	if (out->lo < date_from_ymd(CALENDAR_ENGINE_FIRST_YEAR, 1, 1) ||
	    out->hi > date_from_ymd(CALENDAR_ENGINE_LAST_YEAR, 12, 31)) {
		bad(ld, p, "date '%s' is outside the years the working-day calendar covers (%d to %d)",
		    json_string_value(v), CALENDAR_ENGINE_FIRST_YEAR, CALENDAR_ENGINE_LAST_YEAR);
		return 0;
	}
	return 1;
}

/* S must be one of VALUES (NULL-terminated); WHAT names the field. */
static int want_enum(struct load *ld, const struct jp *p, const char *s,
		     const char *const *values, const char *what)
{
	const char *const *v;
	const char *hint;
	char list[600];

	for (v = values; *v; v++)
		if (strcmp(s, *v) == 0)
			return 1;
	hint = suggest_best(s, values, (size_t)(v - values));
	if (hint)
		bad(ld, p, "unknown %s '%s' (did you mean '%s'?)", what, s, hint);
	else
		bad(ld, p, "unknown %s '%s' (expected one of %s)", what, s,
		    join(values, list, sizeof(list)));
	return 0;
}

/* Check the keys of OBJ against ALLOWED; WHERE says in what ("subject"). */
static void check_keys(struct load *ld, struct jp *p, json_t *obj,
		       const char *const *allowed, const char *where)
{
	const char *key;
	json_t *v;
	const char *const *a;
	char list[600];

	json_object_foreach(obj, key, v) {
		const char *hint;
		size_t saved;

		for (a = allowed; *a; a++)
			if (strcmp(key, *a) == 0)
				break;
		if (*a)
			continue;
		saved = jp_key(p, key);
		hint = suggest_best(key, allowed, (size_t)(a - allowed));
		if (hint)
			bad(ld, p, "unknown field '%s'%s%s (did you mean '%s'?)", key,
			    where ? " in " : "", where ? where : "", hint);
		else
			bad(ld, p, "unknown field '%s'%s%s (expected one of %s)", key,
			    where ? " in " : "", where ? where : "", join(allowed, list, sizeof(list)));
		jp_pop(p, saved);
	}
}

static void check_required(struct load *ld, const struct jp *p, json_t *obj,
			   const char *const *required, const char *where)
{
	for (; *required; required++)
		if (!json_object_get(obj, *required))
			bad(ld, p, "missing required field '%s'%s%s", *required,
			    where ? " in " : "", where ? where : "");
}

static int party_cmp(const void *a, const void *b)
{
	return strcmp(((const struct case_party *)a)->id, ((const struct case_party *)b)->id);
}

/* A party id must name a party; suggest one of the fixture's parties. */
static const struct case_party *want_party(struct load *ld, const struct jp *p, const json_t *v)
{
	const char *id = want_string(ld, p, v);
	const struct case_party *party;
	struct suggest s;
	size_t i;

	if (!id)
		return NULL;
	party = case_party(ld->cf, id);
	if (party)
		return party;
	suggest_init(&s, id);
	for (i = 0; i < ld->cf->n_parties; i++)
		suggest_consider(&s, ld->cf->parties[i].id);
	if (suggest_result(&s))
		bad(ld, p, "unknown party '%s' (did you mean '%s'?)", id, suggest_result(&s));
	else
		bad(ld, p, "unknown party '%s' (expected an id from /parties)", id);
	return NULL;
}

/*
** File index of the event with ID during validation, or CASE_NONE. With
** duplicate ids, the first in the file: the later ones are the errors.
*/
static size_t find_file_event(const struct load *ld, const char *id)
{
	size_t lo = 0, hi = ld->n_ids;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(ld->cf->events[ld->ids[mid]].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < ld->n_ids && strcmp(ld->cf->events[ld->ids[lo]].id, id) == 0)
		return ld->ids[lo];
	return CASE_NONE;
}

/* An allegation id: the id of an allegation_received event. */
static const char *want_matter(struct load *ld, const struct jp *p, const json_t *v)
{
	const char *id = want_string(ld, p, v);
	size_t i;
	struct suggest s;

	if (!id)
		return NULL;
	i = find_file_event(ld, id);
	if (i != CASE_NONE) {
		/* an event without a valid type has its own error already */
		if (!ld->cf->events[i].type || strcmp(ld->cf->events[i].type, "allegation_received") == 0)
			return id;
		bad(ld, p, "'%s' is not an allegation (it is a %s; expected the id of an allegation_received)",
		    id, ld->cf->events[i].type);
		return NULL;
	}
	suggest_init(&s, id);
	for (i = 0; i < ld->cf->n_events; i++)
		if (ld->cf->events[i].type && strcmp(ld->cf->events[i].type, "allegation_received") == 0)
			suggest_consider(&s, ld->cf->events[i].id);
	if (suggest_result(&s))
		bad(ld, p, "unknown allegation '%s' (did you mean '%s'?)", id, suggest_result(&s));
	else
		bad(ld, p, "unknown allegation '%s' (expected the id of an allegation_received)", id);
	return NULL;
}

/* A list whose every item ITEM checks; EXPECTED names it for type errors. */
static void want_list(struct load *ld, struct jp *p, const json_t *v, const char *expected,
		      const char *(*item)(struct load *, const struct jp *, const json_t *))
{
	size_t i, saved;
	json_t *x;

	if (!want_type(ld, p, v, JSON_ARRAY, expected))
		return;
	json_array_foreach(v, i, x) {
		saved = jp_index(p, i);
		item(ld, p, x);
		jp_pop(p, saved);
	}
}

static void want_categories(struct load *ld, struct jp *p, const json_t *v)
{
	size_t i, j, saved;
	json_t *x;

	if (!want_type(ld, p, v, JSON_ARRAY, "an array of categories"))
		return;
	if (json_array_size(v) == 0)
		bad(ld, p, "no categories (expected at least one)");
	json_array_foreach(v, i, x) {
		const char *s;

		saved = jp_index(p, i);
		s = want_string(ld, p, x);
		if (s && want_enum(ld, p, s, vocab_categories(), "category")) {
			for (j = 0; j < i; j++)
				if (json_equal(json_array_get(v, j), x))
					break;
			if (j < i)
				bad(ld, p, "duplicate category '%s' (first at index %zu)", s, j);
		}
		jp_pop(p, saved);
	}
}

/* One field of an event, by the kind the vocabulary gives it. */
static void check_field(struct load *ld, struct jp *p, struct case_event *ev,
			const struct vocab_field *f, const json_t *v)
{
	struct date_span d;
	const struct case_party *party;

	switch (f->kind) {
	case VOCAB_STRING:
		want_string(ld, p, v);
		break;
	case VOCAB_BOOL:
		want_type(ld, p, v, JSON_TRUE, "a boolean");
		break;
	case VOCAB_PARTY:
		party = want_party(ld, p, v);
		if (party && strcmp(f->name, "by") == 0)
			ev->by = party->id;
		break;
	case VOCAB_MATTER:
		if (strcmp(f->name, "re") == 0)
			ev->re = want_matter(ld, p, v);
		else
			want_matter(ld, p, v);
		break;
	case VOCAB_ENUM:
		if (want_string(ld, p, v))
			want_enum(ld, p, json_string_value(v), f->values, f->name);
		break;
	case VOCAB_CATEGORIES:
		want_categories(ld, p, v);
		break;
	case VOCAB_MATTER_LIST:
		want_list(ld, p, v, "an array of allegation ids", want_matter);
		break;
	case VOCAB_STRING_LIST:
		want_list(ld, p, v, "an array of strings", want_string);
		break;
	case VOCAB_REASONS:
		if (json_is_array(v))
			want_list(ld, p, v, "an array of strings", want_string);
		else if (!json_is_string(v))
			bad(ld, p, "expected a string or an array of strings, got %s",
			    json_type_name(v));
		break;
	case VOCAB_DATE:
		want_date(ld, p, v, &d);
		break;
	}
}

/* }========== */

/* {========== the parts of a fixture ========== */

static int parties_load(struct load *ld, struct jp *p, json_t *parties)
{
	struct case_file *cf = ld->cf;
	const char *key;
	json_t *v;
	size_t saved;

	if (!want_type(ld, p, parties, JSON_OBJECT, "an object of parties by id"))
		return 0;
	cf->parties = calloc(json_object_size(parties) + 1, sizeof(*cf->parties));
	if (!cf->parties) {
		case_load_oom(ld);
		return -1;
	}
	json_object_foreach(parties, key, v) {
		struct case_party *party = &cf->parties[cf->n_parties++];
		json_t *x;

		party->id = key;
		saved = jp_key(p, key);
		if (!want_type(ld, p, v, JSON_OBJECT, "an object")) {
			jp_pop(p, saved);
			continue;
		}
		check_keys(ld, p, v, party_keys, "party");
		if ((x = json_object_get(v, "kind"))) {
			size_t s2 = jp_key(p, "kind");

			party->kind = want_string(ld, p, x);
			if (party->kind && !want_enum(ld, p, party->kind, vocab_party_kinds(), "party kind"))
				party->kind = NULL;
			jp_pop(p, s2);
		} else {
			bad(ld, p, "missing required field 'kind' in party");
		}
		if ((x = json_object_get(v, "name"))) {
			size_t s2 = jp_key(p, "name");

			party->name = want_string(ld, p, x);
			jp_pop(p, s2);
		}
		if ((x = json_object_get(v, "of"))) {
			size_t s2 = jp_key(p, "of");

			party->of = want_string(ld, p, x);
			jp_pop(p, s2);
		}
		jp_pop(p, saved);
	}
	qsort(cf->parties, cf->n_parties, sizeof(*cf->parties), party_cmp);

	/* `of` names a force; checked once every party is known */
	json_object_foreach(parties, key, v) {
		json_t *of = json_is_object(v) ? json_object_get(v, "of") : NULL;
		const struct case_party *force;

		if (!of || !json_is_string(of))
			continue;
		saved = jp_key(p, key);
		jp_key(p, "of");
		force = want_party(ld, p, of);
		if (force && force->kind && strcmp(force->kind, "force") != 0)
			bad(ld, p, "party '%s' is not a force (it is a %s; expected a party of kind force)",
			    force->id, force->kind);
		jp_pop(p, saved);
	}
	return 0;
}

static int subject_load(struct load *ld, struct jp *p, json_t *subj)
{
	static const char *const required[] = { "force", NULL };
	struct case_file *cf = ld->cf;
	json_t *x;
	size_t saved, i;

	if (!want_type(ld, p, subj, JSON_OBJECT, "an object"))
		return 0;
	check_keys(ld, p, subj, subject_keys, "subject");
	check_required(ld, p, subj, required, "subject");
	if ((x = json_object_get(subj, "name"))) {
		saved = jp_key(p, "name");
		cf->subject_name = want_string(ld, p, x);
		jp_pop(p, saved);
	}
	if ((x = json_object_get(subj, "rank"))) {
		saved = jp_key(p, "rank");
		cf->subject_rank = want_string(ld, p, x);
		jp_pop(p, saved);
	}
	if ((x = json_object_get(subj, "force"))) {
		const struct case_party *force;

		saved = jp_key(p, "force");
		force = want_party(ld, p, x);
		if (force && force->kind && strcmp(force->kind, "force") != 0)
			bad(ld, p, "party '%s' is not a force (it is a %s; expected a party of kind force)",
			    force->id, force->kind);
		else if (force)
			cf->subject_force = force->id;
		jp_pop(p, saved);
	}
	if ((x = json_object_get(subj, "joined"))) {
		saved = jp_key(p, "joined");
		cf->has_joined = want_date(ld, p, x, &cf->joined);
		jp_pop(p, saved);
	}
	if ((x = json_object_get(subj, "probation_ends"))) {
		saved = jp_key(p, "probation_ends");
		cf->has_probation_ends = want_date(ld, p, x, &cf->probation_ends);
		jp_pop(p, saved);
	}
	if ((x = json_object_get(subj, "probationer"))) {
		saved = jp_key(p, "probationer");
		if (want_type(ld, p, x, JSON_TRUE, "a boolean"))
			cf->probationer = json_is_true(x);
		jp_pop(p, saved);
	}
	if ((x = json_object_get(subj, "vetting"))) {
		json_t *item;
		size_t s1 = jp_key(p, "vetting");

		if (want_type(ld, p, x, JSON_ARRAY, "an array of {date, level}")) {
			cf->vetting = calloc(json_array_size(x) + 1, sizeof(*cf->vetting));
			if (!cf->vetting) {
				case_load_oom(ld);
				return -1;
			}
			json_array_foreach(x, i, item) {
				static const char *const vreq[] = { "date", NULL };
				struct case_vetting *vet = &cf->vetting[cf->n_vetting++];
				json_t *y;

				saved = jp_index(p, i);
				if (want_type(ld, p, item, JSON_OBJECT, "an object")) {
					check_keys(ld, p, item, vetting_keys, "vetting");
					check_required(ld, p, item, vreq, "vetting");
					if ((y = json_object_get(item, "date"))) {
						size_t s2 = jp_key(p, "date");

						want_date(ld, p, y, &vet->date);
						jp_pop(p, s2);
					}
					if ((y = json_object_get(item, "level"))) {
						size_t s2 = jp_key(p, "level");

						vet->level = want_string(ld, p, y);
						jp_pop(p, s2);
					}
				}
				jp_pop(p, saved);
			}
		}
		jp_pop(p, s1);
	}
	return 0;
}

/* The subject's force's psd party: the one psd party whose `of` is subject.force. */
static void find_subject_psd(struct load *ld, struct jp *p)
{
	struct case_file *cf = ld->cf;
	size_t i;

	if (!cf->subject_force)
		return;
	for (i = 0; i < cf->n_parties; i++) {
		const struct case_party *party = &cf->parties[i];

		if (!party->kind || strcmp(party->kind, "psd") != 0 || !party->of ||
		    strcmp(party->of, cf->subject_force) != 0)
			continue;
		if (cf->subject_psd) {
			size_t saved = jp_key(p, "parties");

			jp_key(p, party->id);
			bad(ld, p, "second psd party of force '%s' (expected one: '%s' is already its professional standards department)",
			    cf->subject_force, cf->subject_psd);
			jp_pop(p, saved);
		} else {
			cf->subject_psd = party->id;
		}
	}
}



/* First pass: id, type and date of every event, so that `re` can be checked. */
static int events_scan(struct load *ld, struct jp *p, json_t *events)
{
	struct case_file *cf = ld->cf;
	size_t n = json_array_size(events), i, saved;
	size_t *tmp;
	json_t *obj;

	cf->events = calloc(n + 1, sizeof(*cf->events));
	ld->aux = calloc(n + 1, sizeof(*ld->aux));
	ld->ids = malloc((n + 1) * sizeof(*ld->ids));
	tmp = malloc((n + 1) * sizeof(*tmp));
	if (!cf->events || !ld->aux || !ld->ids || !tmp) {
		free(tmp);
		case_load_oom(ld);
		return -1;
	}
	json_array_foreach(events, i, obj) {
		struct case_event *ev = &cf->events[cf->n_events++];
		json_t *x;

		ev->file_index = i;
		ev->matter = CASE_NONE;
		ld->aux[i].dup_of = CASE_NONE;
		saved = jp_index(p, i);
		if (!want_type(ld, p, obj, JSON_OBJECT, "an object")) {
			jp_pop(p, saved);
			continue;
		}
		ev->json = obj;
		if ((x = json_object_get(obj, "id"))) {
			size_t s2 = jp_key(p, "id");

			ev->id = want_string(ld, p, x);
			if (ev->id && !*ev->id) {
				bad(ld, p, "empty event id (expected a non-empty string)");
				ev->id = NULL;
			}
			if (ev->id)
				ld->ids[ld->n_ids++] = i;
			jp_pop(p, s2);
		}
		if ((x = json_object_get(obj, "type"))) {
			size_t s2 = jp_key(p, "type");

			ev->type = want_string(ld, p, x);
			if (ev->type) {
				ld->aux[i].vt = vocab_type(ld->vocab, ev->type);
				if (!ld->aux[i].vt) {
					struct suggest s;
					size_t t;

					suggest_init(&s, ev->type);
					for (t = 0; t < vocab_type_count(ld->vocab); t++)
						suggest_consider(&s, vocab_type_at(ld->vocab, t)->name);
					if (suggest_result(&s))
						bad(ld, p, "unknown event type '%s' (did you mean '%s'?)",
						    ev->type, suggest_result(&s));
					else
						bad(ld, p, "unknown event type '%s' (expected a type of case-format.md or one the policy declares)",
						    ev->type);
				}
			}
			jp_pop(p, s2);
		}
		if ((x = json_object_get(obj, "date"))) {
			size_t s2 = jp_key(p, "date");

			want_date(ld, p, x, &ev->date);
			jp_pop(p, s2);
		}
		jp_pop(p, saved);
	}
	case_sort_idx(cf->events, ld->ids, tmp, ld->n_ids, case_id_cmp);
	free(tmp);
	/* equal ids sit together, the first occurrence first */
	for (i = 1; i < ld->n_ids; i++) {
		size_t a = ld->ids[i - 1], b = ld->ids[i];

		if (strcmp(cf->events[a].id, cf->events[b].id) == 0)
			ld->aux[b].dup_of = ld->aux[a].dup_of != CASE_NONE ? ld->aux[a].dup_of : a;
	}
	return 0;
}

/* Second pass, in file order: duplicates, then every field of every event. */
static void events_check(struct load *ld, struct jp *p)
{
	struct case_file *cf = ld->cf;
	size_t i, k, saved;

	for (i = 0; i < cf->n_events; i++) {
		struct case_event *ev = &cf->events[i];
		const struct vocab_type *vt = ld->aux[i].vt;
		const char *key;
		json_t *v;

		if (!ev->json)
			continue;
		saved = jp_index(p, i);
		for (k = 0; k < 3; k++) {
			static const char *const common[] = { "id", "date", "type" };

			if (!json_object_get(ev->json, common[k]))
				bad(ld, p, "missing required field '%s' in event", common[k]);
		}
		if (ld->aux[i].dup_of != CASE_NONE) {
			size_t s2 = jp_key(p, "id");

			bad(ld, p, "duplicate event id '%s' (first used at /events/%zu)",
			    ev->id, ld->aux[i].dup_of);
			jp_pop(p, s2);
		}
		if (!vt) {
			jp_pop(p, saved);
			continue;
		}
		json_object_foreach(ev->json, key, v) {
			const struct vocab_field *f = vocab_field(vt, key);
			size_t s2 = jp_key(p, key);

			if (!f) {
				size_t nc, j, len = 0;
				const struct vocab_field *common = vocab_common_fields(&nc);
				struct suggest s;
				char list[600];

				suggest_init(&s, key);
				list[0] = '\0';
				for (j = 0; j < nc + vt->n_fields; j++) {
					const char *name = j < nc ? common[j].name : vt->fields[j - nc].name;
					int n;

					suggest_consider(&s, name);
					n = snprintf(list + len, sizeof(list) - len, "%s%s", j ? ", " : "", name);
					if (n > 0 && (size_t)n < sizeof(list) - len)
						len += (size_t)n;
				}
				if (suggest_result(&s))
					bad(ld, p, "unknown field '%s' in %s (did you mean '%s'?)",
					    key, vt->name, suggest_result(&s));
				else
					bad(ld, p, "unknown field '%s' in %s (expected one of %s)",
					    key, vt->name, list);
			} else if (strcmp(key, "id") != 0 && strcmp(key, "type") != 0 &&
				   strcmp(key, "date") != 0) {
				check_field(ld, p, ev, f, v);
			}
			jp_pop(p, s2);
		}
		for (k = 0; k < vt->n_fields; k++) {
			const char *name = vt->fields[k].name;
			int misspelt = 0;

			if (!vt->fields[k].required || json_object_get(ev->json, name))
				continue;
			/* a misspelling of it was reported already, with the fix */
			json_object_foreach(ev->json, key, v)
				if (!vocab_field(vt, key) && suggest_best(key, &name, 1))
					misspelt = 1;
			if (!misspelt)
				bad(ld, p, "missing required field '%s' in %s", name, vt->name);
		}
		jp_pop(p, saved);
	}
}

/*
** One gap's name: an event type ("victim_contacted"), or a type and one of its
** fields ("suspension_decision.reasons": the record shows such events but not
** what that field held). Returns NAME when valid.
*/
static const char *gap_name(struct load *ld, const struct jp *p, const char *name)
{
	const char *dot = strchr(name, '.');
	char type[128];
	const struct vocab_type *vt;
	struct suggest s;
	size_t t, n = dot ? (size_t)(dot - name) : strlen(name);

	if (n >= sizeof(type))
		n = sizeof(type) - 1;
	memcpy(type, name, n);
	type[n] = '\0';
	vt = vocab_type(ld->vocab, type);
	if (vt && dot) {
		const char *field = dot + 1;
		const char *names[64];
		char list[600];

		/* a field of the type's own (not id, date, type, note, source, assumption) */
		for (t = 0; t < vt->n_fields && t < COUNT(names) - 1; t++) {
			if (strcmp(field, vt->fields[t].name) == 0)
				return name;
			names[t] = vt->fields[t].name;
		}
		names[t] = NULL;
		bad(ld, p, "unknown field '%s' of %s in a gap (expected one of %s)", field, type,
		    join(names, list, sizeof(list)));
		return NULL;
	}
	if (vt)
		return name;
	suggest_init(&s, type);
	for (t = 0; t < vocab_type_count(ld->vocab); t++)
		suggest_consider(&s, vocab_type_at(ld->vocab, t)->name);
	if (suggest_result(&s))
		bad(ld, p, "unknown event type '%s' (did you mean '%s'?)", type, suggest_result(&s));
	else
		bad(ld, p, "unknown event type '%s' (expected a type of case-format.md or one the policy declares)",
		    type);
	return NULL;
}

/*
** gaps: each item a gap name (the whole case), or an object
** {"gap": NAME, "re": [allegation ids], "note": TEXT} for those matters only.
*/
static int gaps_load(struct load *ld, struct jp *p, json_t *gaps)
{
	static const char *const keys[] = { "gap", "re", "note", NULL };
	static const char *const required[] = { "gap", "re", NULL };
	struct case_file *cf = ld->cf;
	size_t i, saved;
	json_t *x;

	if (!want_type(ld, p, gaps, JSON_ARRAY, "an array of event types"))
		return 0;
	cf->gaps = calloc(json_array_size(gaps) + 1, sizeof(*cf->gaps));
	cf->gap_re = calloc(json_array_size(gaps) + 1, sizeof(*cf->gap_re));
	if (!cf->gaps || !cf->gap_re) {
		case_load_oom(ld);
		return -1;
	}
	json_array_foreach(gaps, i, x) {
		const char *name = NULL;
		json_t *re = NULL;

		saved = jp_index(p, i);
		if (json_is_object(x)) {
			json_t *v;
			size_t s2;

			check_keys(ld, p, x, keys, "a gap");
			check_required(ld, p, x, required, "a gap");
			if ((v = json_object_get(x, "gap"))) {
				s2 = jp_key(p, "gap");
				name = want_string(ld, p, v);
				if (name)
					name = gap_name(ld, p, name);
				jp_pop(p, s2);
			}
			if ((v = json_object_get(x, "note"))) {
				s2 = jp_key(p, "note");
				(void)want_string(ld, p, v);
				jp_pop(p, s2);
			}
			if ((re = json_object_get(x, "re"))) {
				s2 = jp_key(p, "re");
				want_list(ld, p, re, "a list of allegation ids", want_matter);
				if (json_is_array(re) && json_array_size(re) == 0)
					bad(ld, p, "no allegations (expected at least one id; leave out the object form for the whole case)");
				jp_pop(p, s2);
			}
		} else {
			name = want_string(ld, p, x);
			if (name)
				name = gap_name(ld, p, name);
		}
		if (name) {
			cf->gap_re[cf->n_gaps] = re;
			cf->gaps[cf->n_gaps++] = name;
		}
		jp_pop(p, saved);
	}
	return 0;
}

static void expect_check(struct load *ld, struct jp *p, json_t *expect)
{
	static const char *const required[] = { "findings", NULL };
	static const char *const freq[] = { "step", "status", NULL };
	json_t *findings, *x, *item;
	size_t i, saved;

	if (!want_type(ld, p, expect, JSON_OBJECT, "an object"))
		return;
	check_keys(ld, p, expect, expect_keys, "expect");
	check_required(ld, p, expect, required, "expect");
	if ((x = json_object_get(expect, "complete"))) {
		saved = jp_key(p, "complete");
		want_type(ld, p, x, JSON_TRUE, "a boolean");
		jp_pop(p, saved);
	}
	findings = json_object_get(expect, "findings");
	if (!findings)
		return;
	saved = jp_key(p, "findings");
	if (!want_type(ld, p, findings, JSON_ARRAY, "an array of findings")) {
		jp_pop(p, saved);
		return;
	}
	json_array_foreach(findings, i, item) {
		size_t s1 = jp_index(p, i), s2;

		if (!want_type(ld, p, item, JSON_OBJECT, "an object")) {
			jp_pop(p, s1);
			continue;
		}
		check_keys(ld, p, item, finding_keys, "finding");
		check_required(ld, p, item, freq, "finding");
		if ((x = json_object_get(item, "step"))) {
			s2 = jp_key(p, "step");
			if (want_string(ld, p, x) && json_string_length(x) == 0)
				bad(ld, p, "empty step id (expected a step id such as 'area.duty')");
			jp_pop(p, s2);
		}
		if ((x = json_object_get(item, "status"))) {
			s2 = jp_key(p, "status");
			if (want_string(ld, p, x))
				want_enum(ld, p, json_string_value(x), vocab_statuses(), "status");
			jp_pop(p, s2);
		}
		if ((x = json_object_get(item, "re"))) {
			s2 = jp_key(p, "re");
			want_matter(ld, p, x);
			jp_pop(p, s2);
		}
		if ((x = json_object_get(item, "due"))) {
			s2 = jp_key(p, "due");
			if (want_string(ld, p, x)) {
				/* "YYYY-MM-DD", or "LO/HI" as findings write an imprecise due date */
				const char *s = json_string_value(x), *slash = strchr(s, '/');
				size_t head = slash ? (size_t)(slash - s) : json_string_length(x);
				struct date_span d;
				const char *why = "";
				int rc = date_parse(s, head, &d, &why);

				if (rc == 0 && slash)
					rc = date_parse(slash + 1, strlen(slash + 1), &d, &why);
				if (rc != 0)
					bad(ld, p, "invalid due date '%s': %s", s, why);
			}
			jp_pop(p, s2);
		}
		if ((x = json_object_get(item, "days_late"))) {
			s2 = jp_key(p, "days_late");
			if (want_type(ld, p, x, JSON_INTEGER, "an integer") && json_integer_value(x) < 0)
				bad(ld, p, "negative days_late %" JSON_INTEGER_FORMAT " (expected 0 or more)",
				    json_integer_value(x));
			jp_pop(p, s2);
		}
		if ((x = json_object_get(item, "regime"))) {
			s2 = jp_key(p, "regime");
			want_string(ld, p, x);
			jp_pop(p, s2);
		}
		if ((x = json_object_get(item, "message"))) {
			s2 = jp_key(p, "message");
			want_string(ld, p, x);
			jp_pop(p, s2);
		}
		jp_pop(p, s1);
	}
	jp_pop(p, saved);
}

static int is_id(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		      *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

/* Every check of the format; problems go to ld->errs and count in n_errors. */
int case_validate(struct load *ld, json_t *root)
{
	static const char *const required[] = {
		"format", "id", "title", "subject", "parties", "events", NULL
	};
	struct case_file *cf = ld->cf;
	struct jp p;
	json_t *x;
	size_t saved;

	p.len = 0;
	p.s[0] = '\0';
	if (!want_type(ld, &p, root, JSON_OBJECT, "an object (a casecheck/case@1 fixture)"))
		return 0;
	check_keys(ld, &p, root, top_keys, NULL);
	check_required(ld, &p, root, required, NULL);
	if ((x = json_object_get(root, "format"))) {
		const char *s;

		saved = jp_key(&p, "format");
		s = want_string(ld, &p, x);
		if (s && strcmp(s, CASECHECK_CASE_FORMAT) != 0)
			bad(ld, &p, "unsupported format '%s' (expected \"%s\")", s, CASECHECK_CASE_FORMAT);
		jp_pop(&p, saved);
	}
	if ((x = json_object_get(root, "id"))) {
		saved = jp_key(&p, "id");
		cf->id = want_string(ld, &p, x);
		if (cf->id && !is_id(cf->id))
			bad(ld, &p, "invalid case id '%s' (expected [a-z0-9][a-z0-9._-]*)", cf->id);
		jp_pop(&p, saved);
	}
	if ((x = json_object_get(root, "title"))) {
		saved = jp_key(&p, "title");
		cf->title = want_string(ld, &p, x);
		jp_pop(&p, saved);
	}
	if ((x = json_object_get(root, "summary"))) {
		saved = jp_key(&p, "summary");
		want_string(ld, &p, x);
		jp_pop(&p, saved);
	}
	if ((x = json_object_get(root, "sources"))) {
		saved = jp_key(&p, "sources");
		want_list(ld, &p, x, "an array of strings", want_string);
		jp_pop(&p, saved);
	}
	if ((x = json_object_get(root, "policy"))) {
		saved = jp_key(&p, "policy");
		cf->policy = want_string(ld, &p, x);
		jp_pop(&p, saved);
	}
	if ((x = json_object_get(root, "as_of"))) {
		saved = jp_key(&p, "as_of");
		cf->has_as_of = want_date(ld, &p, x, &cf->as_of);
		jp_pop(&p, saved);
	}
	if ((x = json_object_get(root, "parties"))) {
		saved = jp_key(&p, "parties");
		if (parties_load(ld, &p, x) < 0)
			return -1;
		jp_pop(&p, saved);
	}
	if ((x = json_object_get(root, "subject"))) {
		saved = jp_key(&p, "subject");
		if (subject_load(ld, &p, x) < 0)
			return -1;
		jp_pop(&p, saved);
	}
	find_subject_psd(ld, &p);
	if ((x = json_object_get(root, "events"))) {
		saved = jp_key(&p, "events");
		if (want_type(ld, &p, x, JSON_ARRAY, "an array of events")) {
			if (events_scan(ld, &p, x) < 0)
				return -1;
			events_check(ld, &p);
		}
		jp_pop(&p, saved);
	}
	if ((x = json_object_get(root, "gaps"))) {
		saved = jp_key(&p, "gaps");
		if (gaps_load(ld, &p, x) < 0)
			return -1;
		jp_pop(&p, saved);
	}
	if ((x = json_object_get(root, "expect"))) {
		saved = jp_key(&p, "expect");
		expect_check(ld, &p, x);
		jp_pop(&p, saved);
		cf->expect = x;
	}
	return 0;
}

/* }========== */

