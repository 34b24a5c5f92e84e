/*
** report_json.c: the JSON report (casecheck/report@1). Keys come in a fixed
** order and nothing depends on time or place, so the same inputs give the
** same bytes.
*/
#include <stdlib.h>
#include <string.h>
#include "report_json.h"

void report_json_init(struct report_json *rj)
{
	memset(rj, 0, sizeof(*rj));
	rj->cases = json_array();
}

static json_t *report_json_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *report_json_policy(const struct casecheck_policy *policy)
{
	json_t *obj, *params;
	const struct casecheck_param *p;
	size_t i, n;

	if (!policy)
		return json_null();
	obj = json_object();
	params = json_object();
	if (!obj || !params) {
		json_decref(obj);
		json_decref(params);
		return NULL;
	}
	json_object_set_new(obj, "id", report_json_str(casecheck_policy_id(policy)));
	json_object_set_new(obj, "sha256", report_json_str(casecheck_policy_sha256(policy)));
	n = casecheck_policy_param_count(policy);
	for (i = 0; i < n; i++) {
		p = casecheck_policy_param(policy, i);
		if (p && p->name)
			json_object_set_new(params, p->name, json_integer(p->value));
	}
	json_object_set_new(obj, "params", params);
	return obj;
}

int report_json_case(struct report_json *rj, const struct casecheck_policy *policy,
		     const struct casecheck_result *result, struct casecheck_error *err)
{
	char *text;
	json_t *entry;
	json_error_t jerr;

	if (!rj->cases)
		goto nomem;
	if (rj->n == rj->cap) {
		size_t cap = rj->cap ? rj->cap * 2 : 16;
		const struct casecheck_policy **v = realloc(rj->policies, cap * sizeof(*v));

		if (!v)
			goto nomem;
		rj->policies = v;
		rj->cap = cap;
	}
	text = casecheck_result_json(result);
	if (!text)
		goto nomem;
	entry = json_loads(text, 0, &jerr);
	free(text);
	if (!entry) {
		memset(err, 0, sizeof(*err));
		err->kind = CASECHECK_E_INTERNAL;
		snprintf(err->text, sizeof(err->text),
			 "the library's case entry is not valid JSON: %s", jerr.text);
		return -1;
	}
	if (json_array_append_new(rj->cases, entry) != 0)
		goto nomem;
	rj->policies[rj->n++] = policy;
	return 0;

nomem:
	memset(err, 0, sizeof(*err));
	err->kind = CASECHECK_E_INTERNAL;
	snprintf(err->text, sizeof(err->text), "out of memory");
	return -1;
}

int report_json_write(struct report_json *rj, const struct casecheck_policy *default_policy,
		      FILE *fp)
{
	json_t *root = json_object(), *engine = json_object(), *entry;
	const struct casecheck_policy *first = rj->n ? rj->policies[0] : default_policy;
	size_t i;
	int mixed = 0, rc = -1;

	if (!root || !engine) {
		json_decref(engine);
		goto out;
	}
	for (i = 1; i < rj->n; i++)
		if (rj->policies[i] != rj->policies[0])
			mixed = 1;
	json_object_set_new(root, "format", json_string(CASECHECK_REPORT_FORMAT));
	json_object_set_new(engine, "name", json_string("casecheck"));
	json_object_set_new(engine, "version", json_string(casecheck_version()));
	json_object_set_new(engine, "lua", json_string("5.4"));
	json_object_set_new(root, "engine", engine);
	json_object_set_new(root, "policy", report_json_policy(first));
	if (mixed) {
		for (i = 0; i < rj->n; i++) {
			entry = json_array_get(rj->cases, i);
			if (json_is_object(entry) && !json_object_get(entry, "policy"))
				json_object_set_new(entry, "policy",
						    report_json_policy(rj->policies[i]));
		}
	}
	json_object_set(root, "cases", rj->cases);
	if (json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
		goto out;
	if (fputc('\n', fp) == EOF)
		goto out;
	rc = 0;
out:
	json_decref(root);
	return rc;
}

void report_json_free(struct report_json *rj)
{
	json_decref(rj->cases);
	free(rj->policies);
	memset(rj, 0, sizeof(*rj));
}
