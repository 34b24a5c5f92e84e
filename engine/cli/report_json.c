/*
** report_json.c: the JSON report (casecheck/report@1). Keys come in a fixed
** order and nothing depends on time or place, so the same inputs give the
** same bytes; cases are streamed as they are evaluated.
*/
#include <string.h>
#include "report_json.h"
#include "result_json.h"

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

int report_json_case(struct report_json *rj, FILE *fp, const struct casecheck_policy *policy,
		     const struct casecheck_result *result, struct casecheck_error *err)
{
	struct json_writer *w = &rj->w;

	if (!rj->started)
		write_head(rj, fp, policy);
	json_writer_begin_object(w);
	result_json_members(w, result);
	if (policy != rj->policy) {
		json_writer_key(w, "policy");
		write_policy(w, policy);
	}
	json_writer_end_object(w);
	json_writer_flush(w);
	if (ferror(fp)) {
		memset(err, 0, sizeof(*err));
		err->kind = CASECHECK_E_INPUT;
		snprintf(err->text, sizeof(err->text), "cannot write the report");
		return -1;
	}
	return 0;
}

int report_json_bad(struct report_json *rj, FILE *fp,
		    const struct casecheck_policy *default_policy, const char *file,
		    const struct casecheck_error *err)
{
	struct json_writer *w = &rj->w;
	char msg[2048];

	if (!rj->started)
		write_head(rj, fp, default_policy);
	casecheck_error_format(err, msg, sizeof(msg));
	json_writer_begin_object(w);
	json_writer_key(w, "id");
	json_writer_null(w);
	json_writer_key(w, "file");
	json_writer_string(w, file);
	json_writer_key(w, "error");
	json_writer_begin_object(w);
	json_writer_key(w, "kind");
	json_writer_string(w, err->kind == CASECHECK_E_INPUT ? "input" : "policy");
	json_writer_key(w, "message");
	json_writer_string(w, msg);
	json_writer_end_object(w);
	json_writer_key(w, "findings");
	json_writer_begin_array(w);
	json_writer_end_array(w);
	json_writer_end_object(w);
	json_writer_flush(w);
	return ferror(fp) ? -1 : 0;
}

int report_json_write(struct report_json *rj, const struct casecheck_policy *default_policy,
		      FILE *fp)
{
	if (!rj->started)
		write_head(rj, fp, default_policy);
	json_writer_end_array(&rj->w);
	json_writer_end_object(&rj->w);
	json_writer_flush(&rj->w);
	fputc('\n', fp);
	return fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
}

void report_json_free(struct report_json *rj)
{
	memset(rj, 0, sizeof(*rj));
}
