/*
** result_json.c: a result as the case entry of casecheck/report@1, the one
** definition of its keys and their order (see result_json.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include "result_json.h"

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
	json_writer_key(w, "duty");
	json_writer_string(w, f->duty);
	json_writer_key(w, "deadline_basis");
	json_writer_string(w, f->deadline_basis);
	json_writer_key(w, "deadline_source");
	json_writer_string(w, f->deadline_source);
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

void result_json_members(struct json_writer *w, const struct casecheck_result *r)
{
	size_t counts[CASECHECK_STATUS_COUNT] = { 0 };
	size_t i, n = casecheck_result_count(r);

	for (i = 0; i < n; i++)
		counts[casecheck_result_finding(r, i)->status]++;
	json_writer_key(w, "id");
	json_writer_string(w, casecheck_result_case_id(r));
	json_writer_key(w, "file");
	json_writer_string(w, casecheck_result_source(r));
	json_writer_key(w, "sha256");
	json_writer_string(w, casecheck_result_sha256(r));
	json_writer_key(w, "as_of");
	json_writer_string(w, casecheck_result_as_of(r));
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
		write_finding(w, casecheck_result_finding(r, i));
	json_writer_end_array(w);
}

char *casecheck_result_json(const struct casecheck_result *r)
{
	struct json_writer w;
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);

	if (!mem)
		return NULL;
	json_writer_init(&w, mem, 0);
	json_writer_begin_object(&w);
	result_json_members(&w, r);
	json_writer_end_object(&w);
	json_writer_flush(&w);
	if (fclose(mem) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}
