/*
** case_builder.c: building a case in memory (casecheck.h, "building a case
** in memory"). The parts become a casecheck/case@1 document held as a
** jansson tree, and every change is checked by the fixture validator
** (case_validate.c) on that tree: one checker, the same messages. Nothing
** is ever written out as text and parsed back, so a string is stored as
** given, whatever characters it holds.
*/
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "engine.h"
#include "error.h"
#include "vocab.h"

struct casecheck_event_builder {
	json_t *obj;			/* the event object as it will be added */
};

/* {========== cases ========== */

/*
** A string that jansson refuses (not UTF-8) is stored as its bytes with
** every invalid byte replaced by U+FFFD, so that the validator, not the
** builder, decides what to say about the field.
*/
static json_t *new_string(const char *value)
{
	json_t *s = json_string(value);
	size_t n, i, k = 0;
	char *fixed;

	if (s || !value)
		return s;
	n = strlen(value);
	fixed = malloc(n * 3 + 1);
	if (!fixed)
		return NULL;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)value[i];

		if (c < 0x80) {
			fixed[k++] = (char)c;
		} else {
			fixed[k++] = (char)0xEF;
			fixed[k++] = (char)0xBF;
			fixed[k++] = (char)0xBD;
		}
	}
	fixed[k] = '\0';
	s = json_string(fixed);
	free(fixed);
	return s;
}

/* KEY: VALUE as a string into OBJ, unless VALUE is NULL. 0, or -1 out of memory. */
static int put_string(json_t *obj, const char *key, const char *value)
{
	if (!value)
		return 0;
	return json_object_set_new(obj, key, new_string(value));
}

/*
** The document of a new case. jansson refuses strings that are not UTF-8
** (json_string gives NULL); such a value is reported like a bad value in a
** fixture rather than taken for a lack of memory.
*/
static json_t *new_document(const char *id, const char *title,
			    const struct casecheck_subject_spec *subject,
			    const struct casecheck_party_spec *parties, size_t n_parties,
			    const char *policy_id, const char *src, struct casecheck_errors *errs)
{
	json_t *root = json_object(), *subj = json_object(), *ps = json_object();
	size_t i;
	int rc = 0, bad = 0;

	if (!root || !subj || !ps)
		goto oom;
	rc |= put_string(root, "format", CASECHECK_CASE_FORMAT);
	rc |= put_string(root, "id", id);
	rc |= put_string(root, "title", title);
	rc |= put_string(root, "policy", policy_id);
	if (subject) {
		rc |= put_string(subj, "name", subject->name);
		rc |= put_string(subj, "rank", subject->rank);
		rc |= put_string(subj, "force", subject->force);
		rc |= put_string(subj, "joined", subject->joined);
		rc |= put_string(subj, "probation_ends", subject->probation_ends);
		if (subject->probationer >= 0)
			rc |= json_object_set_new(subj, "probationer",
						  json_boolean(subject->probationer));
	}
	for (i = 0; i < n_parties; i++) {
		const struct casecheck_party_spec *p = &parties[i];
		json_t *obj;

		if (!p->id || !*p->id) {
			errors_addf(errs, CASECHECK_E_INPUT, src, "/parties", 0, 0,
				    "party %zu has no id (expected a non-empty string)", i);
			bad = 1;
			continue;
		}
		if (json_object_get(ps, p->id)) {
			/* what jansson says of a fixture with the key twice */
			errors_addf(errs, CASECHECK_E_INPUT, src, "/parties", 0, 0,
				    "duplicate object key near '\"%s\"'", p->id);
			bad = 1;
			continue;
		}
		obj = json_object();
		if (!obj)
			goto oom;
		rc |= put_string(obj, "kind", p->kind);
		rc |= put_string(obj, "name", p->name);
		rc |= put_string(obj, "of", p->of);
		rc |= json_object_set_new(ps, p->id, obj);
	}
	rc |= json_object_set(root, "subject", subj);
	rc |= json_object_set(root, "parties", ps);
	rc |= json_object_set_new(root, "events", json_array());
	json_decref(subj);
	json_decref(ps);
	if (rc) {
		errors_addf(errs, CASECHECK_E_INTERNAL, src, "", 0, 0, "out of memory");
		json_decref(root);
		return NULL;
	}
	if (bad) {
		json_decref(root);
		return NULL;
	}
	return root;
oom:
	json_decref(root);
	json_decref(subj);
	json_decref(ps);
	errors_addf(errs, CASECHECK_E_INTERNAL, src, "", 0, 0, "out of memory");
	return NULL;
}

struct casecheck_case *casecheck_case_new(struct casecheck_engine *engine,
					  const char *id, const char *title,
					  const struct casecheck_subject_spec *subject,
					  const struct casecheck_party_spec *parties,
					  size_t n_parties,
					  const struct casecheck_policy *policy,
					  struct casecheck_errors *errs)
{
	const char *src = id && *id ? id : "<case>";
	const struct vocab *vocab = policy ? policy->vocab : NULL;
	json_t *root;
	struct case_file *cf;

	(void)engine;
	root = new_document(id, title, subject, parties, n_parties,
			    policy ? casecheck_policy_id(policy) : NULL, src, errs);
	if (!root)
		return NULL;
	cf = case_load_json(root, src, vocab, errs);
	json_decref(root);
	return case_wrap(cf, vocab, src, errs);
}

struct casecheck_case *casecheck_case_copy(const struct casecheck_case *kase,
					   struct casecheck_errors *errs)
{
	/* a deep copy: the copy shares nothing, not even reference counts */
	json_t *tree = case_tree(kase->cf), *root = json_deep_copy(tree);
	struct case_file *cf;

	json_decref(tree);
	if (!root) {
		errors_addf(errs, CASECHECK_E_INTERNAL, kase->cf->source, "", 0, 0, "out of memory");
		return NULL;
	}
	cf = case_load_json(root, kase->cf->source, kase->vocab, errs);
	json_decref(root);
	return case_wrap(cf, kase->vocab, kase->cf->source, errs);
}

char *casecheck_case_json(const struct casecheck_case *kase)
{
	json_t *tree = case_tree(kase->cf);
	char *s = tree ? json_dumps(tree, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;

	json_decref(tree);
	return s;
}

int casecheck_case_add_event(struct casecheck_case *kase,
			     const struct casecheck_event_builder *ev,
			     struct casecheck_errors *errs)
{
	const char *src = kase->cf->source;
	json_t *tree = case_tree(kase->cf), *root, *events, *old = json_object_get(tree, "events");
	struct case_file *cf;

	/*
	** A new document that shares every unchanged value with the old one:
	** the old case keeps its tree untouched until the new one is valid.
	*/
	root = json_copy(tree);
	json_decref(tree);	/* ROOT holds what it shares; OLD is in ROOT's "events" until replaced */
	events = json_array();
	if (!root || !events || (json_is_array(old) && json_array_extend(events, old) != 0) ||
	    json_array_append(events, ev->obj) != 0 ||
	    json_object_set(root, "events", events) != 0) {
		json_decref(root);
		json_decref(events);
		errors_addf(errs, CASECHECK_E_INTERNAL, src, "", 0, 0, "out of memory");
		return -1;
	}
	json_decref(events);
	cf = case_load_json(root, src, kase->vocab, errs);
	json_decref(root);
	if (!cf)
		return -1;
	case_free(kase->cf);
	kase->cf = cf;
	return 0;
}

/* }========== */

/* {========== events ========== */

struct casecheck_event_builder *casecheck_event_builder_new(const char *type, const char *id,
							   const char *date)
{
	struct casecheck_event_builder *ev = calloc(1, sizeof(*ev));

	if (!ev || !(ev->obj = json_object())) {
		free(ev);
		return NULL;
	}
	/* the order a fixture author writes them in */
	if (casecheck_event_builder_set(ev, "id", id) != 0 ||
	    casecheck_event_builder_set(ev, "date", date) != 0 ||
	    casecheck_event_builder_set(ev, "type", type) != 0) {
		casecheck_event_builder_free(ev);
		return NULL;
	}
	return ev;
}

int casecheck_event_builder_set(struct casecheck_event_builder *ev, const char *field,
				const char *value)
{
	if (!field)
		return -1;
	if (!value)
		return casecheck_event_builder_unset(ev, field);
	return json_object_set_new(ev->obj, field, new_string(value));
}

int casecheck_event_builder_set_bool(struct casecheck_event_builder *ev, const char *field,
				     int on)
{
	if (!field)
		return -1;
	return json_object_set_new(ev->obj, field, json_boolean(on));
}

int casecheck_event_builder_append(struct casecheck_event_builder *ev, const char *field,
				   const char *value)
{
	json_t *list;

	if (!field || !value)
		return -1;
	list = json_object_get(ev->obj, field);
	if (!json_is_array(list)) {
		list = json_array();
		if (!list || json_object_set_new(ev->obj, field, list) != 0)
			return -1;
	}
	return json_array_append_new(list, new_string(value));
}

int casecheck_event_builder_unset(struct casecheck_event_builder *ev, const char *field)
{
	if (!field)
		return -1;
	json_object_del(ev->obj, field);
	return 0;
}

void casecheck_event_builder_free(struct casecheck_event_builder *ev)
{
	if (!ev)
		return;
	json_decref(ev->obj);
	free(ev);
}

/* }========== */
