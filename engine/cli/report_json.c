/*
** report_json.c: the JSON report (casecheck/report@1). Keys come in a fixed
** order and nothing depends on time or place, so the same inputs give the
** same bytes; cases are streamed as they are evaluated.
*/
#include <string.h>
#include "report_json.h"

void report_json_init(struct report_json *rj)
{
	memset(rj, 0, sizeof(*rj));
}

/* {"id", "sha256", "params": {name: value}} of POLICY, or null. */
static void write_policy(struct json_writer *w, const struct casecheck_policy *policy)
{
	const struct casecheck_param *p;
	size_t i, n;

	if (!policy) {
		json_writer_null(w);
		return;
	}
	json_writer_begin_object(w);
	json_writer_key(w, "id");
	json_writer_string(w, casecheck_policy_id(policy));
	json_writer_key(w, "sha256");
	json_writer_string(w, casecheck_policy_sha256(policy));
	json_writer_key(w, "params");
	json_writer_begin_object(w);
	n = casecheck_policy_param_count(policy);
	for (i = 0; i < n; i++) {
		p = casecheck_policy_param(policy, i);
		json_writer_key(w, p->name);
		json_writer_integer(w, p->value);
	}
	json_writer_end_object(w);
	json_writer_end_object(w);
}

static void write_head(struct report_json *rj, FILE *fp, const struct casecheck_policy *policy)
{
	struct json_writer *w = &rj->w;

	json_writer_init(w, fp, 0);
	rj->policy = policy;
	rj->started = 1;
	json_writer_begin_object(w);
	json_writer_key(w, "format");
	json_writer_string(w, CASECHECK_REPORT_FORMAT);
	json_writer_key(w, "engine");
	json_writer_begin_object(w);
	json_writer_key(w, "name");
	json_writer_string(w, "casecheck");
	json_writer_key(w, "version");
	json_writer_string(w, casecheck_version());
	json_writer_key(w, "lua");
	json_writer_string(w, "5.4");
	json_writer_key(w, "limits");
	json_writer_begin_object(w);
	json_writer_key(w, "memory_bytes");
	json_writer_integer(w, (long long)rj->limits.memory_bytes);
	json_writer_key(w, "instructions");
	json_writer_integer(w, rj->limits.instructions);
	json_writer_key(w, "seconds");
	json_writer_real(w, rj->limits.seconds);
	json_writer_end_object(w);
	json_writer_end_object(w);
	json_writer_key(w, "policy");
	write_policy(w, policy);
	json_writer_key(w, "cases");
	json_writer_begin_array(w);
}

static void write_finding(struct json_writer *w, const struct casecheck_finding *f)
{
	size_t j;

	json_writer_begin_object(w);
	json_writer_key(w, "step");
	json_writer_string(w, f->step);
	json_writer_key(w, "title");
	json_writer_string(w, f->title);
	json_writer_key(w, "re");
	json_writer_string(w, f->re);
	json_writer_key(w, "status");
	json_writer_string(w, casecheck_status_name(f->status));
	json_writer_key(w, "regime");
	json_writer_string(w, f->regime);
	json_writer_key(w, "cite");
	json_writer_string(w, f->cite);
	json_writer_key(w, "trigger");
	json_writer_string(w, f->trigger);
	json_writer_key(w, "evidence");
	json_writer_begin_array(w);
	for (j = 0; j < f->n_evidence; j++)
		json_writer_string(w, f->evidence[j]);
	json_writer_end_array(w);
	json_writer_key(w, "due");
	json_writer_string(w, f->due);
	json_writer_key(w, "done");
	json_writer_string(w, f->done);
	json_writer_key(w, "days_late");
	if (f->has_days_late)
		json_writer_integer(w, f->days_late);
	else
		json_writer_null(w);
	json_writer_key(w, "message");
	json_writer_string(w, f->message);
	json_writer_end_object(w);
}

int report_json_case(struct report_json *rj, FILE *fp, const struct casecheck_policy *policy,
		     const struct casecheck_result *result, struct casecheck_error *err)
{
	struct json_writer *w = &rj->w;
	size_t counts[CASECHECK_STATUS_COUNT] = { 0 };
	size_t i, n = casecheck_result_count(result);

	if (!rj->started)
		write_head(rj, fp, policy);
	for (i = 0; i < n; i++)
		counts[casecheck_result_finding(result, i)->status]++;
	json_writer_begin_object(w);
	json_writer_key(w, "id");
	json_writer_string(w, casecheck_result_case_id(result));
	json_writer_key(w, "file");
	json_writer_string(w, casecheck_result_source(result));
	json_writer_key(w, "sha256");
	json_writer_string(w, casecheck_result_sha256(result));
	json_writer_key(w, "as_of");
	json_writer_string(w, casecheck_result_as_of(result));
	json_writer_key(w, "summary");
	json_writer_begin_object(w);
	for (i = 0; i < CASECHECK_STATUS_COUNT; i++) {
		json_writer_key(w, casecheck_status_name((enum casecheck_status)i));
		json_writer_integer(w, (long long)counts[i]);
	}
	json_writer_end_object(w);
	json_writer_key(w, "findings");
	json_writer_begin_array(w);
	for (i = 0; i < n; i++)
		write_finding(w, casecheck_result_finding(result, i));
	json_writer_end_array(w);
	if (policy != rj->policy) {
		json_writer_key(w, "policy");
		write_policy(w, policy);
	}
	json_writer_end_object(w);
	if (ferror(fp)) {
		memset(err, 0, sizeof(*err));
		err->kind = CASECHECK_E_INPUT;
		snprintf(err->text, sizeof(err->text), "cannot write the report");
		return -1;
	}
	return 0;
}

int report_json_write(struct report_json *rj, const struct casecheck_policy *default_policy,
		      FILE *fp)
{
	if (!rj->started)
		write_head(rj, fp, default_policy);
	json_writer_end_array(&rj->w);
	json_writer_end_object(&rj->w);
	fputc('\n', fp);
	return fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}

void report_json_free(struct report_json *rj)
{
	memset(rj, 0, sizeof(*rj));
}
