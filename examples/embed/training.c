/*
** training.c: embedding libcasecheck in a training exercise. A scenario is a
** case cut off at a decision point, built in memory from its parts; the
** trainee's decisions become events added to it, each checked as a fixture
** would be; the engine evaluates the result as of a date and says which
** steps were handled correctly, which not, and what is still due and by when.
**
** Build: cc training.c $(pkg-config --cflags --libs casecheck)
** Usage: training POLICY.lua DECISION_DATE [EVENT_TYPE...]
*/
#include <stdio.h>
#include <stdlib.h>
#include <casecheck.h>

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

static void print_errors(const struct casecheck_errors *errs)
{
	char text[1024];
	size_t i;

	for (i = 0; i < errs->count; i++) {
		casecheck_error_format(&errs->items[i], text, sizeof(text));
		fprintf(stderr, "%s\n", text);
	}
}

/* The scenario: an assault allegation reaches professional standards on 30 April 2020. */
static struct casecheck_case *scenario(struct casecheck_engine *engine,
				       const struct casecheck_policy *policy,
				       struct casecheck_errors *errs)
{
	static const struct casecheck_subject_spec subject = {
		"Officer T", "PC", "F1", NULL, NULL, -1
	};
	static const struct casecheck_party_spec parties[] = {
		{ "F1", "force", "Example Constabulary", NULL },
		{ "F1-PSD", "psd", "Professional Standards", "F1" },
	};
	struct casecheck_case *kase;
	struct casecheck_event_builder *ev;
	int rc;

	kase = casecheck_case_new(engine, "training-1",
				  "Training: an assault allegation reaches professional standards",
				  &subject, parties, 2, policy, errs);
	if (!kase)
		return NULL;
	ev = casecheck_event_builder_new("allegation_received", "a1", "2020-04-30");
	if (!ev || casecheck_event_builder_set(ev, "by", "F1-PSD") != 0 ||
	    casecheck_event_builder_append(ev, "categories", "assault") != 0) {
		casecheck_event_builder_free(ev);
		casecheck_case_free(kase);
		return NULL;
	}
	rc = casecheck_case_add_event(kase, ev, errs);
	casecheck_event_builder_free(ev);
	if (rc != 0) {
		casecheck_case_free(kase);
		return NULL;
	}
	return kase;
}

int main(int argc, char **argv)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *engine = NULL;
	struct casecheck_policy *policy = NULL;
	struct casecheck_case *kase = NULL;
	struct casecheck_result *result = NULL;
	struct casecheck_open_duty *open = NULL;
	size_t i, n_open;
	int k, rc = 1;
	char text[1024];

	if (argc < 3) {
		fprintf(stderr, "usage: training POLICY.lua DATE [EVENT_TYPE...]\n");
		return 2;
	}
	engine = casecheck_engine_new(NULL, &err);
	if (!engine)
		goto fail;
	policy = casecheck_policy_load_file(engine, argv[1], NULL, &err);
	if (!policy)
		goto fail;
	kase = scenario(engine, policy, &errs);
	if (!kase) {
		print_errors(&errs);
		goto out;
	}
	/* the trainee's decisions, all taken on DATE by professional standards */
	for (k = 3; k < argc; k++) {
		struct casecheck_event_builder *ev;
		char id[32];

		snprintf(id, sizeof(id), "t%d", k - 2);
		ev = casecheck_event_builder_new(argv[k], id, argv[2]);
		if (!ev || casecheck_event_builder_set(ev, "by", "F1-PSD") != 0 ||
		    casecheck_event_builder_set(ev, "re", "a1") != 0) {
			casecheck_event_builder_free(ev);
			fprintf(stderr, "training: out of memory\n");
			goto out;
		}
		/* a mistyped decision is refused with the loader's did-you-mean */
		if (casecheck_case_add_event(kase, ev, &errs) != 0) {
			print_errors(&errs);
			casecheck_event_builder_free(ev);
			goto out;
		}
		casecheck_event_builder_free(ev);
	}
	/* judged as of the decision date: what is not yet overdue is still due */
	result = casecheck_evaluate(engine, policy, kase, argv[2], &err);
	if (!result)
		goto fail;
	for (i = 0; i < casecheck_result_count(result); i++) {
		const struct casecheck_finding *f = casecheck_result_finding(result, i);

		printf("%-20s %s\n    %s\n", status_word(f->status), f->step, f->message);
	}
	open = casecheck_open_duties(engine, result, &n_open, &err);
	if (!open)
		goto fail;
	for (i = 0; i < n_open; i++)
		printf("due %04d-%02d-%02d (%ld working days left) %s, under %s\n",
		       open[i].hi_year, open[i].hi_month, open[i].hi_day,
		       open[i].working_days_left, open[i].step, open[i].cite);
	rc = 0;
	goto out;
fail:
	casecheck_error_format(&err, text, sizeof(text));
	fprintf(stderr, "%s\n", text);
out:
	free(open);
	casecheck_result_free(result);
	casecheck_case_free(kase);
	casecheck_errors_free(&errs);
	casecheck_engine_free(engine);	/* frees the policy too */
	return rc;
}
