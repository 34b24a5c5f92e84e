/*
** training.c: embedding libcasecheck in a training exercise. A scenario is a
** fixture cut off at a decision point; the trainee's decisions become events
** appended to it; the engine evaluates the result as of a date and says which
** steps were handled correctly, which not, and what is still due and by when.
**
** Build: cc training.c $(pkg-config --cflags --libs casecheck)
** Usage: training POLICY.lua "DECISION_DATE" [EVENT_TYPE...]
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <casecheck.h>

/* The scenario: an allegation reaches professional standards on 30 April 2020. */
static const char scenario_head[] =
	"{\"format\": \"casecheck/case@1\", \"id\": \"training-1\",\n"
	" \"title\": \"Training: an assault allegation reaches professional standards\",\n"
	" \"subject\": {\"name\": \"Officer T\", \"rank\": \"PC\", \"force\": \"F1\"},\n"
	" \"parties\": {\"F1\": {\"kind\": \"force\"}, \"F1-PSD\": {\"kind\": \"psd\", \"of\": \"F1\"}},\n"
	" \"events\": [\n"
	"  {\"id\": \"a1\", \"date\": \"2020-04-30\", \"type\": \"allegation_received\",\n"
	"   \"by\": \"F1-PSD\", \"categories\": [\"assault\"]}";

static const char *status_word(enum casecheck_status s)
{
	switch (s) {
	case CASECHECK_PASS: return "handled correctly";
	case CASECHECK_LATE: return "done, but late";
	case CASECHECK_FAIL: return "not handled";
	case CASECHECK_PENDING: return "still due";
	case CASECHECK_UNKNOWN: return "cannot be settled";
	case CASECHECK_NOT_APPLICABLE: return "not applicable";
	default: return "policy error";
	}
}

int main(int argc, char **argv)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *engine = NULL;
	struct casecheck_policy *policy = NULL;
	struct casecheck_case *kase = NULL;
	struct casecheck_result *result = NULL;
	char text[4096];
	size_t len, i;
	int k, rc = 1;

	if (argc < 3) {
		fprintf(stderr, "usage: training POLICY.lua DATE [EVENT_TYPE...]\n");
		return 2;
	}
	/* the trainee's decisions, all taken on DATE, become events */
	len = (size_t)snprintf(text, sizeof(text), "%s", scenario_head);
	for (k = 3; k < argc && len < sizeof(text) - 256; k++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					",\n  {\"id\": \"t%d\", \"date\": \"%s\", \"type\": \"%s\", "
					"\"by\": \"F1-PSD\", \"re\": \"a1\"}", k, argv[2], argv[k]);
	len += (size_t)snprintf(text + len, sizeof(text) - len, "\n ]}\n");

	engine = casecheck_engine_new(NULL, &err);
	if (!engine)
		goto fail;
	policy = casecheck_policy_load_file(engine, argv[1], NULL, &err);
	if (!policy)
		goto fail;
	kase = casecheck_case_load_buffer(engine, text, len, "training-1", policy, &errs);
	if (!kase) {
		for (i = 0; i < errs.count; i++) {
			casecheck_error_format(&errs.items[i], text, sizeof(text));
			fprintf(stderr, "%s\n", text);
		}
		goto out;
	}
	/* judged as of the decision date: what is not yet overdue is still due */
	result = casecheck_evaluate(engine, policy, kase, argv[2], &err);
	if (!result)
		goto fail;
	for (i = 0; i < casecheck_result_count(result); i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		printf("%-20s %s\n    %s\n", status_word(f->status), f->step, f->message);
	}
	rc = 0;
	goto out;
fail:
	casecheck_error_format(&err, text, sizeof(text));
	fprintf(stderr, "%s\n", text);
out:
	casecheck_result_free(result);
	casecheck_case_free(kase);
	casecheck_errors_free(&errs);
	casecheck_engine_free(engine);	/* frees the policy too */
	return rc;
}
