/*
** check_eval.c: the evaluator through the public API, with small policies
** and cases of its own: every status of a declarative duty (imprecise dates,
** gaps, the as-of date), policy errors naming file:line, budgets, state
** isolation between cases, and two engines side by side.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include <jansson.h>
#include "casecheck.h"
#include "load_fails.h"

Suite *eval_suite(void);

/* A policy with one declarative duty: record within 10 working days of the allegation. */
static const char POLICY[] =
	"policy { id = \"test/record\", title = \"Test\" }\n"
	"calendar \"england-wales\"\n"
	"roles { aa = function(case, pid) return case:party_of_force(pid, case.subject.force) end }\n"
	"regime \"all\" { from = \"1990-01-01\", title = \"everything\" }\n"
	"param \"record_days\" { default = 10, unit = \"working_days\" }\n"
	"step \"record.it\" {\n"
	"  title = \"Record it\", cite = \"Test Act s.1\", duty = \"statutory\", \n"
	"  limit = { basis = \"benchmark\", source = \"test\" }, \n"
	"  from = \"allegation\", within = working_days \"record_days\",\n"
	"  done_by = { type = \"conduct_recorded\", by = \"aa\" },\n"
	"}\n";

/* A case whose allegation and recording dates are filled in. */
static char *make_case(const char *alleged, const char *recorded, const char *extra)
{
	static const char fmt[] =
		"{\"format\": \"casecheck/case@1\", \"id\": \"t1\", \"title\": \"t\",\n"
		" \"subject\": {\"name\": \"X\", \"rank\": \"PC\", \"force\": \"F\"},\n"
		" \"parties\": {\"F\": {\"kind\": \"force\"}, \"P\": {\"kind\": \"psd\", \"of\": \"F\"}},\n"
		" \"events\": [\n"
		"  {\"id\": \"a1\", \"date\": \"%s\", \"type\": \"allegation_received\", \"by\": \"P\",\n"
		"   \"categories\": [\"assault\"]}%s%s%s%s%s\n"
		" ]%s}\n";
	char *buf = malloc(4096);

	snprintf(buf, 4096, fmt, alleged,
		 recorded ? ",\n  {\"id\": \"c1\", \"date\": \"" : "",
		 recorded ? recorded : "",
		 recorded ? "\", \"type\": \"conduct_recorded\", \"by\": \"P\", \"re\": \"a1\"}" : "",
		 "", "", extra ? extra : "");
	return buf;
}

struct run {
	struct casecheck_engine *e;
	struct casecheck_policy *p;
	struct casecheck_result *r;
	struct casecheck_error err;
};

static const struct casecheck_finding *eval(struct run *run, const char *policy,
					    const char *alleged, const char *recorded,
					    const char *extra, const char *as_of)
{
	struct casecheck_errors errs = { 0 };
	struct casecheck_case *c;
	char *text = make_case(alleged, recorded, extra);

	memset(run, 0, sizeof(*run));
	run->e = casecheck_engine_new(NULL, &run->err);
	ck_assert_msg(run->e != NULL, "engine: %s", run->err.text);
	run->p = casecheck_policy_load_string(run->e, policy, strlen(policy), "policies/test.lua", &run->err);
	ck_assert_msg(run->p != NULL, "policy: %s", run->err.text);
	c = casecheck_case_load_buffer(run->e, text, strlen(text), "t1.json", run->p, &errs);
	ck_assert_msg(c != NULL, "case: %s %s", errs.count ? errs.items[0].path : "",
		      errs.count ? errs.items[0].text : "");
	run->r = casecheck_evaluate(run->e, run->p, c, as_of, &run->err);
	casecheck_case_free(c);
	free(text);
	if (!run->r)
		return NULL;
	ck_assert_uint_eq(casecheck_result_count(run->r), 1);
	return casecheck_result_finding(run->r, 0);
}

static void done(struct run *run)
{
	casecheck_result_free(run->r);
	casecheck_engine_free(run->e);
}

START_TEST(test_pass_on_due_date)
{
	struct run run;
	/* Mon 27 May 2002 + 10 working days skips the Golden Jubilee (3, 4 June) */
	const struct casecheck_finding *f = eval(&run, POLICY, "2002-05-27", "2002-06-12", NULL, "2002-07-01");

	ck_assert_int_eq(f->status, CASECHECK_PASS);
	ck_assert_str_eq(f->due, "2002-06-12");
	ck_assert_str_eq(f->done, "2002-06-12");
	ck_assert_str_eq(f->re, "a1");
	ck_assert_str_eq(f->cite, "Test Act s.1");
	ck_assert_str_eq(f->trigger, "a1");
	ck_assert_uint_eq(f->n_evidence, 1);
	ck_assert_str_eq(f->evidence[0], "c1");
	done(&run);
}
END_TEST

/*
 * An event's free-text "note" and "source" are for people, not for steps:
 * a policy does not see them (docs/policy-guide.md), so no verdict turns on
 * a note's wording. The recording, which has both, passes only if its where
 * sees neither.
 */
static const char POLICY_NOTE[] =
	"policy { id = \"test/note\", title = \"Test\" }\n"
	"calendar \"england-wales\"\n"
	"regime \"all\" { from = \"1990-01-01\", title = \"everything\" }\n"
	"step \"record.noted\" {\n"
	"  title = \"Record it\", cite = \"Test Act s.1\", duty = \"statutory\",\n"
	"  limit = { basis = \"benchmark\", source = \"test\" },\n"
	"  from = \"allegation\", within = working_days(10),\n"
	"  done_by = { type = \"conduct_recorded\", where = function(e)\n"
	"    return e.note == nil and e.source == nil and e.id == \"c1\" end },\n"
	"}\n";

START_TEST(test_note_and_source_unseen)
{
	static const char text[] =
		"{\"format\": \"casecheck/case@1\", \"id\": \"t1\", \"title\": \"t\",\n"
		" \"subject\": {\"name\": \"X\", \"rank\": \"PC\", \"force\": \"F\"},\n"
		" \"parties\": {\"F\": {\"kind\": \"force\"}, \"P\": {\"kind\": \"psd\", \"of\": \"F\"}},\n"
		" \"events\": [\n"
		"  {\"id\": \"a1\", \"date\": \"2002-05-27\", \"type\": \"allegation_received\", \"by\": \"P\",\n"
		"   \"categories\": [\"assault\"]},\n"
		"  {\"id\": \"c1\", \"date\": \"2002-06-12\", \"type\": \"conduct_recorded\", \"by\": \"P\",\n"
		"   \"re\": \"a1\", \"note\": \"on the PSD log\", \"source\": \"PSD register p. 4\"}\n"
		" ]}\n";
	struct casecheck_errors errs = { 0 };
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p;
	struct casecheck_case *c;
	struct casecheck_result *r;
	const struct casecheck_finding *f;

	ck_assert_msg(e != NULL, "engine: %s", err.text);
	p = casecheck_policy_load_string(e, POLICY_NOTE, strlen(POLICY_NOTE), "policies/test.lua", &err);
	ck_assert_msg(p != NULL, "policy: %s", err.text);
	c = casecheck_case_load_buffer(e, text, strlen(text), "t1.json", p, &errs);
	ck_assert_msg(c != NULL, "case: %s", errs.count ? errs.items[0].text : "");
	r = casecheck_evaluate(e, p, c, "2002-07-01", &err);
	ck_assert_msg(r != NULL, "evaluate: %s", err.text);
	ck_assert_uint_eq(casecheck_result_count(r), 1);
	f = casecheck_result_finding(r, 0);
	ck_assert_int_eq(f->status, CASECHECK_PASS);
	ck_assert_uint_eq(f->n_evidence, 1);
	ck_assert_str_eq(f->evidence[0], "c1");
	casecheck_result_free(r);
	casecheck_case_free(c);
	casecheck_engine_free(e);
}
END_TEST

START_TEST(test_late_day_after)
{
	struct run run;
	const struct casecheck_finding *f = eval(&run, POLICY, "2002-05-27", "2002-06-13", NULL, "2002-07-01");

	ck_assert_int_eq(f->status, CASECHECK_LATE);
	ck_assert_int_eq(f->has_days_late, 1);
	ck_assert_int_eq(f->days_late, 1);
	/* the benchmark is named as such, never as the law's deadline */
	ck_assert_str_eq(f->message, "The duty arose on 27 May 2002 but it was done only on 13 June 2002, "
			 "11 working days later and 1 day after 12 June 2002: later than the "
			 "10-working-day benchmark (the law sets no time limit).");
	ck_assert_str_eq(f->duty, "statutory");
	ck_assert_str_eq(f->deadline_basis, "benchmark");
	ck_assert_str_eq(f->deadline_source, "test");
	done(&run);
}
END_TEST

START_TEST(test_fail_and_pending_by_as_of)
{
	struct run run;
	const struct casecheck_finding *f = eval(&run, POLICY, "2019-04-18", NULL, NULL, "2019-05-10");

	/* Thu 18 April 2019: Good Friday, Easter Monday and 6 May are skipped, due 7 May */
	ck_assert_int_eq(f->status, CASECHECK_FAIL);
	ck_assert_str_eq(f->due, "2019-05-07");
	done(&run);
	f = eval(&run, POLICY, "2019-04-18", NULL, NULL, "2019-05-07");
	ck_assert_int_eq(f->status, CASECHECK_PENDING);
	done(&run);
	/* without an as-of date the case is judged at its last event */
	f = eval(&run, POLICY, "2019-04-18", NULL, NULL, NULL);
	ck_assert_int_eq(f->status, CASECHECK_PENDING);
	ck_assert_str_eq(casecheck_result_as_of(run.r), "2019-04-18");
	done(&run);
}
END_TEST

START_TEST(test_events_after_as_of_are_unseen)
{
	struct run run;
	const struct casecheck_finding *f = eval(&run, POLICY, "2019-04-18", "2019-04-25", NULL, "2019-04-24");

	/* the recording lies in the future on 24 April: not done yet, not late */
	ck_assert_int_eq(f->status, CASECHECK_PENDING);
	ck_assert_ptr_null(f->done);
	done(&run);
}
END_TEST

/* Awareness is judged as of the as-of date too: a later referral does not count. */
static const char POLICY_AWARE[] =
	"policy { id = \"test/aware\", title = \"Test\" }\n"
	"regime \"all\" { from = \"1990-01-01\" }\n"
	"awareness { { type = \"psd_referral\", to = \"P\" } }\n"
	"step \"record.it\" {\n"
	"  title = \"Record it\", cite = \"x\", from = \"aware\", within = days(10),\n"
	"  duty = \"statutory\", limit = { basis = \"benchmark\", source = \"test\" }, \n"
	"  done_by = { type = \"conduct_recorded\" },\n"
	"}\n";
static const char CASE_REFERRED[] =
	"{\"format\": \"casecheck/case@1\", \"id\": \"t2\", \"title\": \"t\",\n"
	" \"subject\": {\"name\": \"X\", \"rank\": \"PC\", \"force\": \"F\"},\n"
	" \"parties\": {\"F\": {\"kind\": \"force\"}, \"P\": {\"kind\": \"psd\", \"of\": \"F\"}},\n"
	" \"events\": [\n"
	"  {\"id\": \"a1\", \"date\": \"2019-03-01\", \"type\": \"allegation_received\", \"by\": \"F\",\n"
	"   \"categories\": [\"assault\"]},\n"
	"  {\"id\": \"r1\", \"date\": \"2019-03-20\", \"type\": \"psd_referral\", \"by\": \"F\", \"to\": \"P\",\n"
	"   \"re\": \"a1\"}]}\n";

/*
** Awareness by the policy's rules over imprecise dates (tests/good-fixtures/
** imprecise.json): the first qualifying event sets the date and the earliest
** reading of any qualifying event its end; a matter no rule reaches has none.
*/
static const char POLICY_AWARE_RULES[] =
	"policy { id = \"test/aware-rules\", title = \"Test\" }\n"
	"roles { aa = function(case, pid) return case:party_of_force(pid, case.subject.force) end,\n"
	"  psd = function(case, pid) local p = pid and case.parties[pid]\n"
	"    return p ~= nil and p.kind == \"psd\" and p.of == case.subject.force end }\n"
	"awareness { { type = \"psd_referral\", to = \"psd\" }, { type = \"conduct_recorded\", by = \"aa\" },\n"
	"  { type = \"allegation_received\", by = \"psd\" }, unknown = \"never known\" }\n"
	"regime \"all\" { from = \"1990-01-01\" }\n"
	"step \"check.it\" { title = \"Check\", cite = \"x\", from = \"aware\", within = days(10),\n"
	"  duty = \"statutory\", limit = { basis = \"benchmark\", source = \"test\" },\n"
	"  done_by = { type = \"systems_checked\" } }\n";

START_TEST(test_awareness_rules_imprecise)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	const char *root = getenv("CASECHECK_ROOT");
	char path[1024];
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, POLICY_AWARE_RULES,
								  strlen(POLICY_AWARE_RULES),
								  "policies/aware-rules.lua", &err);
	struct casecheck_case *c;
	struct casecheck_result *r;
	const struct casecheck_finding *f;

	ck_assert_msg(p != NULL, "%s", err.text);
	snprintf(path, sizeof(path), "%s/tests/good-fixtures/imprecise.json", root && *root ? root : ".");
	c = casecheck_case_load_file(e, path, p, &errs);
	ck_assert_ptr_nonnull(c);
	r = casecheck_evaluate(e, p, c, NULL, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(casecheck_result_count(r), 3);
	/* b1: referral "2002" and recording 2002-06-15 by the force give [2002-01-01, 2002-06-15] */
	f = casecheck_result_finding(r, 0);
	ck_assert_str_eq(f->re, "b1");
	ck_assert_str_eq(f->trigger, "b1-ref");
	ck_assert_str_eq(f->due, "2002-01-11/2002-06-25");
	ck_assert_int_eq(f->status, CASECHECK_FAIL);
	/* c1: another force never told professional standards */
	f = casecheck_result_finding(r, 1);
	ck_assert_str_eq(f->re, "c1");
	ck_assert_int_eq(f->status, CASECHECK_NOT_APPLICABLE);
	ck_assert_str_eq(f->message, "Never known.");
	/* d1: received by professional standards itself; a recording by another force does not count */
	f = casecheck_result_finding(r, 2);
	ck_assert_str_eq(f->re, "d1");
	ck_assert_str_eq(f->trigger, "d1");
	ck_assert_str_eq(f->due, "2010-07-17");
	ck_assert_int_eq(f->status, CASECHECK_PASS);
	casecheck_result_free(r);
	casecheck_case_free(c);
	casecheck_engine_free(e);
}
END_TEST

START_TEST(test_awareness_as_of)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, POLICY_AWARE, strlen(POLICY_AWARE),
								  "policies/aware.lua", &err);
	struct casecheck_case *c = casecheck_case_load_buffer(e, CASE_REFERRED, strlen(CASE_REFERRED),
							      "t2.json", p, &errs);
	struct casecheck_result *r;

	ck_assert_ptr_nonnull(c);
	/* before the referral the PSD did not know: the duty has not arisen */
	r = casecheck_evaluate(e, p, c, "2019-03-10", &err);
	ck_assert_int_eq(casecheck_result_finding(r, 0)->status, CASECHECK_NOT_APPLICABLE);
	/* a policy that gives no 'unknown' sentence gets the engine's neutral one */
	ck_assert_str_eq(casecheck_result_finding(r, 0)->message,
			 "No event made the matter known as the policy's awareness rules require, so the duty never arose.");
	casecheck_result_free(r);
	/* after it, the clock runs from the referral: due 30 March, not yet passed */
	r = casecheck_evaluate(e, p, c, "2019-03-25", &err);
	ck_assert_int_eq(casecheck_result_finding(r, 0)->status, CASECHECK_PENDING);
	ck_assert_str_eq(casecheck_result_finding(r, 0)->due, "2019-03-30");
	ck_assert_str_eq(casecheck_result_finding(r, 0)->trigger, "r1");
	casecheck_result_free(r);
	casecheck_case_free(c);
	casecheck_engine_free(e);
}
END_TEST

START_TEST(test_imprecise_dates)
{
	struct run run;
	const struct casecheck_finding *f;

	/* a recording known only to the month, which may or may not be in time */
	f = eval(&run, POLICY, "2019-05-01", "2019-05", NULL, "2019-12-31");
	ck_assert_int_eq(f->status, CASECHECK_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(f->message, "recorded only as 2019-05"));
	done(&run);
	/* an allegation known to the month, recorded early enough for every reading */
	f = eval(&run, POLICY, "2019-04", "2019-04-05", NULL, "2019-12-31");
	ck_assert_int_eq(f->status, CASECHECK_PASS);
	done(&run);
	/* late for every reading: an allegation in 2002 (31 Dec + 10 working days
	** skips New Year 2003: 15 Jan), recorded in 2004 */
	f = eval(&run, POLICY, "2002", "2004", NULL, "2010-01-01");
	ck_assert_int_eq(f->status, CASECHECK_LATE);
	ck_assert_str_eq(f->due, "2002-01-15/2003-01-15");
	ck_assert_int_eq(f->days_late, 351);	/* 2004-01-01 - 2003-01-15 */
	done(&run);
	/* nothing done, and the as-of date falls inside the possible deadlines */
	f = eval(&run, POLICY, "2019", NULL, NULL, "2019-06-01");
	ck_assert_int_eq(f->status, CASECHECK_UNKNOWN);
	done(&run);
}
END_TEST

START_TEST(test_gap_turns_fail_into_unknown)
{
	struct run run;
	const struct casecheck_finding *f = eval(&run, POLICY, "2019-04-18", NULL,
						 ", \"gaps\": [\"conduct_recorded\"]", "2019-06-01");

	ck_assert_int_eq(f->status, CASECHECK_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(f->message, "conduct_recorded"));
	ck_assert_ptr_nonnull(strstr(f->message, "gaps"));
	done(&run);
}
END_TEST

START_TEST(test_not_applicable_before_regime)
{
	struct run run;
	const struct casecheck_finding *f = eval(&run, POLICY, "1985-01-02", NULL, NULL, "1990-01-01");

	ck_assert_int_eq(f->status, CASECHECK_NOT_APPLICABLE);
	ck_assert_ptr_nonnull(strstr(f->message, "No regime"));
	done(&run);
}
END_TEST

START_TEST(test_param_override)
{
	struct run run;
	const struct casecheck_finding *f;
	struct casecheck_errors errs = { 0 };
	struct casecheck_case *c;
	char *text = make_case("2002-05-27", "2002-06-12", NULL);

	f = eval(&run, POLICY, "2002-05-27", "2002-06-12", NULL, "2002-07-01");
	ck_assert_int_eq(f->status, CASECHECK_PASS);
	ck_assert_int_eq(casecheck_policy_set_param(run.p, "record_days", "5", &run.err), 0);
	ck_assert_int_eq(casecheck_policy_set_param(run.p, "record_dayz", "5", &run.err), -1);
	ck_assert_str_eq(run.err.text, "policy 'test/record' has no param 'record_dayz' "
			 "(did you mean 'record_days'?)");
	ck_assert_int_eq(casecheck_policy_set_param(run.p, "record_days", "x", &run.err), -1);
	/* out of range for its unit: refused, the value in force unchanged */
	ck_assert_int_eq(casecheck_policy_set_param(run.p, "record_days", "2601", &run.err), -1);
	ck_assert_str_eq(run.err.text, "param 'record_days' (working_days) must be a whole number "
			 "from 0 to 2600, got '2601'");
	casecheck_result_free(run.r);
	c = casecheck_case_load_buffer(run.e, text, strlen(text), "t1.json", run.p, &errs);
	run.r = casecheck_evaluate(run.e, run.p, c, "2002-07-01", &run.err);
	f = casecheck_result_finding(run.r, 0);
	ck_assert_int_eq(f->status, CASECHECK_LATE);
	ck_assert_str_eq(f->due, "2002-06-05");
	casecheck_case_free(c);
	free(text);
	done(&run);
}
END_TEST

/* A check function that raises: the finding is an error naming file:line. */
static const char POLICY_RAISES[] =
	"policy { id = \"test/raise\", title = \"Test\" }\n"
	"regime \"all\" { from = \"1990-01-01\" }\n"
	"step \"bad.step\" {\n"
	"  title = \"Raises\", cite = \"x\", duty = \"statutory\", \n"
	"  check = function(m) local t = nil\n"
	"    return t.field end,\n"
	"}\n";

START_TEST(test_step_error_names_line)
{
	struct run run;
	const struct casecheck_finding *f = eval(&run, POLICY_RAISES, "2019-04-18", NULL, NULL, NULL);

	ck_assert_int_eq(f->status, CASECHECK_ERROR);
	ck_assert_ptr_nonnull(strstr(f->message, "policies/test.lua:6: attempt to index a nil value"));
	done(&run);
}
END_TEST

/*
** A check that names a regime: its finding gets that regime's duty and
** citation, or the check's own citation when it gives one as well (whatever
** order the result's fields come in).
*/
#define REGIME_CHECK(fields) \
	"policy { id = \"test/regime\", title = \"Test\" }\n" \
	"regime \"old\" { from = \"1990-01-01\", to = \"2009-12-31\" }\n" \
	"regime \"new\" { from = \"2010-01-01\" }\n" \
	"step \"a.b\" { title = \"t\", cite = { old = \"Old Act\", new = \"New Act\" },\n" \
	"  duty = { old = \"practice\", new = \"statutory\" },\n" \
	"  check = function() return { status = \"pass\", message = \"m\", " fields " } end }\n"

START_TEST(test_check_names_regime)
{
	static const struct {
		const char *policy, *cite;
	} cases[] = {
		{ REGIME_CHECK("regime = \"old\""), "Old Act" },
		{ REGIME_CHECK("regime = \"old\", cite = \"Old Act, s.1\""), "Old Act, s.1" },
		{ REGIME_CHECK("cite = \"Old Act, s.1\", regime = \"old\""), "Old Act, s.1" },
	};
	struct run run;
	const struct casecheck_finding *f;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		f = eval(&run, cases[i].policy, "2019-04-18", NULL, NULL, NULL);
		ck_assert_str_eq(f->regime, "old");
		ck_assert_str_eq(f->duty, "practice");
		ck_assert_str_eq(f->cite, cases[i].cite);
		done(&run);
	}
}
END_TEST

/* A listing duty (lists = {...}) misused: each fault names the policy's line. */
#define LISTS_HEAD "policy { id = \"x\", title = \"x\" }\nregime \"r\" { from = \"2000-01-01\" }\n" \
	"awareness { { type = \"allegation_received\" } }\n"
#define LISTS_STEP(lists, extra) "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"practice\",\n" \
	" limit = { basis = \"benchmark\", source = \"s\" }, from = \"aware\", within = days(3),\n" \
	" lists = " lists ",\n" extra \
	" says = { what = \"a check\", missed = \"Missed {missed}.\", closed = \"Closed {close_when}.\" } }\n"

START_TEST(test_listing_load_errors)
{
	load_fails(LISTS_HEAD LISTS_STEP("{ type = \"x\", field = \"found\", earlier = \"known_befor\" }", ""),
		   4, "step 'a.b': lists.earlier must be \"known_before\" or \"earlier_allegations\", got 'known_befor' (did you mean 'known_before'?)");
	load_fails(LISTS_HEAD LISTS_STEP("{ type = \"x\", feild = \"found\", earlier = \"known_before\" }", ""),
		   4, "unknown field 'feild' in step 'a.b' lists (did you mean 'field'?)");
	load_fails(LISTS_HEAD LISTS_STEP("{ type = \"x\", field = \"found\", earlier = \"known_before\" }",
					 " done_by = { type = \"x\" },\n"),
		   4, "step 'a.b': a listing duty ('lists') is done by the listing event, before any closing decision; it cannot also have 'done_by'");
	load_fails(LISTS_HEAD LISTS_STEP("{ type = \"x\", field = \"found\", earlier = \"known_before\",\n"
					 " note = { type = \"y\", says = \"after {matters}\" } }", ""),
		   4, "step 'a.b': says.lists.note uses unknown placeholder {matters} (did you mean {matter}?)");
	load_fails(LISTS_HEAD "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"practice\",\n"
		   " limit = { basis = \"benchmark\", source = \"s\" }, from = \"aware\", within = days(3),\n"
		   " lists = { type = \"x\", field = \"found\", earlier = \"earlier_allegations\" },\n"
		   " says = { what = \"a check\", closed = \"Closed {close_when}.\" } }\n",
		   4, "step 'a.b': a listing duty needs says.missed (the sentence for a listing that left earlier matters out)");
	load_fails(LISTS_HEAD "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"practice\",\n"
		   " limit = { basis = \"benchmark\", source = \"s\" }, from = \"aware\", within = days(3),\n"
		   " lists = { type = \"x\", field = \"found\", earlier = \"earlier_allegations\" },\n"
		   " says = { what = \"a check\", missed = \"Missed {missed} by {done_when}.\", closed = \"Closed.\" } }\n",
		   4, "step 'a.b': says.missed uses unknown placeholder {done_when}");
}
END_TEST

START_TEST(test_policy_load_errors)
{
	load_fails("policy { id = \"x\", title = \"x\" }\nregime \"r\" { from = \"2000-01-01\" }\n"
		   "step \"a.b\" {\n title = \"t\",\n from = \"allegation\", within = days(3), done_by = {type = \"x\"} }\n",
		   3, "step 'a.b' has no citation");
	load_fails("policy { id = \"x\", title = \"x\" }\nregime \"r\" { from = \"2000-01-01\" }\n"
		   "regime \"s\" { from = \"2001-01-01\" }\n"
		   "step \"a.b\" { title = \"t\", regimes = {\"r\", \"s\"}, cite = { r = \"law\" },\n"
		   " from = \"allegation\", within = days(3), done_by = {type = \"x\"} }\n",
		   4, "step 'a.b' has no citation for regime 's'");
	load_fails("policy { id = \"x\", title = \"x\" }\nregime \"r\" { from = \"2000-01-01\" }\n"
		   "param \"record_days\" { default = 3 }\n"
		   "step \"a.b\" { title = \"t\", cite = \"c\", from = \"allegation\",\n"
		   " within = working_days \"record_dayz\", done_by = {type = \"x\"} }\n",
		   5, "unknown param 'record_dayz' (did you mean 'record_days'?)");
	load_fails("policy { id = \"x\", title = \"x\" }\nregime \"r\" { from = \"2000-01-01\" }\n"
		   "step \"a.b\" { title = \"t\", cite = \"c\", form = \"allegation\" }\n",
		   3, "unknown field 'form' in step 'a.b' (did you mean 'from'?)");
	load_fails("policy { id = \"x\", title = \"x\" }\nregime \"r\" { from = \"2000-01-01\" }\n"
		   "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"statutory\", check = function() end }\n"
		   "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"statutory\", check = function() end }\n",
		   4, "step 'a.b' is declared twice");
	load_fails("policy { id = \"x\" \n", 2, "expected");
	/* the engine knows no awareness rule, role or calendar: the policy declares them */
	load_fails("policy { id = \"x\", title = \"x\" }\nregime \"r\" { from = \"2000-01-01\" }\n"
		   "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"statutory\", from = \"aware\",\n"
		   " limit = { basis = \"benchmark\", source = \"s\" }, within = days(3), done_by = {type = \"x\"} }\n",
		   3, "step 'a.b' starts from \"aware\" but the policy declares no awareness { ... } rules");
	load_fails("policy { id = \"x\", title = \"x\" }\nregime \"r\" { from = \"2000-01-01\" }\n"
		   "roles { aa = \"F1\" }\n",
		   3, "roles: 'aa' must map a role name to a function(case, party, matter)");
	load_fails("policy { id = \"x\", title = \"x\" }\nregime \"r\" { from = \"2000-01-01\" }\n"
		   "awareness { { type = \"x\", bye = \"aa\" } }\n",
		   3, "unknown field 'bye' in awareness[1] (did you mean 'by'?)");
	load_fails("policy { id = \"x\", title = \"x\" }\nregime \"r\" { from = \"2000-01-01\" }\n"
		   "calendar \"../etc\"\n",
		   3, "calendar expects a calendar name like 'my-country', got ../etc");
}
END_TEST

/* The head of a policy with regimes r (2000) and s (2010) and a param, for the load errors below. */
#define HEAD "policy { id = \"x\", title = \"x\" }\nregime \"r\" { from = \"2000-01-01\", to = \"2009-12-31\" }\n" \
	"regime \"s\" { from = \"2010-01-01\" }\nparam \"record_days\" { default = 3, unit = \"working_days\" }\n"
#define DEADLINE " from = \"allegation\", within = days(3), done_by = {type = \"x\"},\n"

/* Duty kinds, time limits and message templates are checked at load, naming file:line. */
START_TEST(test_policy_duty_and_template_errors)
{
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = \"c\",\n" DEADLINE
		   " limit = { basis = \"benchmark\", source = \"b\" } }\n",
		   5, "step 'a.b' has no duty kind ('duty')");
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = \"c\", duty = { r = \"statutory\" },\n" DEADLINE
		   " limit = { basis = \"benchmark\", source = \"b\" } }\n",
		   5, "step 'a.b' has no duty kind for regime 's'");
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"statutary\",\n" DEADLINE
		   " limit = { basis = \"benchmark\", source = \"b\" } }\n",
		   5, "unknown duty kind 'statutary' (did you mean 'statutory'?)");
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"power\",\n" DEADLINE "}\n",
		   5, "step 'a.b' has a deadline but no 'limit'");
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"power\",\n" DEADLINE
		   " limit = { s = { basis = \"benchmark\", source = \"b\" } } }\n",
		   5, "step 'a.b' has no time limit ('limit') for regime 'r'");
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"power\",\n" DEADLINE
		   " limit = { basis = \"benchmarc\", source = \"b\" } }\n",
		   5, "unknown time-limit basis 'benchmarc' (did you mean 'benchmark'?)");
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"statutory\",\n"
		   " from = \"allegation\", within = working_days \"record_days\", done_by = {type = \"x\"},\n"
		   " limit = { basis = \"statutory\", source = \"Act s.1\" } }\n",
		   5, "its time limit is statutory, so it cannot be the param 'record_days'");
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"statutory\",\n" DEADLINE
		   " limit = { basis = \"benchmark\", source = \"b\" },\n"
		   " says = { pass = \"Done {done_when}, item {count}.\" } }\n",
		   5, "says.pass uses unknown placeholder {count}; it can use {as_of}, {basis}, {done}");
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"statutory\",\n" DEADLINE
		   " limit = { basis = \"benchmark\", source = \"b\" },\n"
		   " says = { fail = \"Never done by {dues}.\" } }\n",
		   5, "unknown placeholder {dues} (did you mean {due}?)");
	/* a check step's templates, with the names its check supplies in 'vars' */
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = \"c\", duty = \"statutory\",\n"
		   " vars = { \"what\" }, check = function() end,\n"
		   " says = { pass = \"{what} done {done_when}, number {count}.\" } }\n",
		   5, "says.pass uses unknown placeholder {count}");
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = { r = { [\"*\"] = \"c\", recorded = \"d\" }, s = \"e\" },\n"
		   " duty = \"statutory\", check = function() end }\n",
		   5, "names unknown track 'recorded'");
	load_fails("os.exit(1)\n", 1, "attempt to index a nil value (global 'os')");
}
END_TEST

/*
** A policy that keeps a counter in an upvalue and in a global: if state
** leaked from one case to the next, the second evaluation would see 2.
*/
static const char POLICY_COUNTER[] =
	"policy { id = \"test/counter\", title = \"Test\" }\n"
	"regime \"all\" { from = \"1990-01-01\" }\n"
	"local calls = 0\n"
	"step \"count.calls\" {\n"
	"  title = \"Counts\", cite = \"x\", duty = \"statutory\", \n"
	"  check = function(m)\n"
	"    calls = calls + 1\n"
	"    seen = (seen or 0) + 1\n"
	"    string.upper = nil\n"
	"    return { status = (calls == 1 and seen == 1) and \"pass\" or \"fail\",\n"
	"             message = calls .. \"/\" .. seen }\n"
	"  end,\n"
	"}\n";

START_TEST(test_no_state_leaks_between_cases)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, POLICY_COUNTER, strlen(POLICY_COUNTER),
								  "policies/counter.lua", &err);
	char *text = make_case("2019-04-18", NULL, NULL);
	struct casecheck_case *c;
	int i;

	ck_assert_ptr_nonnull(p);
	c = casecheck_case_load_buffer(e, text, strlen(text), "t1.json", p, &errs);
	ck_assert_ptr_nonnull(c);
	for (i = 0; i < 3; i++) {
		struct casecheck_result *r = casecheck_evaluate(e, p, c, NULL, &err);
		const struct casecheck_finding *f = casecheck_result_finding(r, 0);

		ck_assert_msg(f->status == CASECHECK_PASS, "run %d: %s", i, f->message);
		ck_assert_str_eq(f->message, "1/1");
		casecheck_result_free(r);
	}
	casecheck_case_free(c);
	casecheck_engine_free(e);
	free(text);
}
END_TEST

/*
** A finding's step id, title and citation live in a table its policy shares
** with its results (engine/strintern.c): a result must still read them after
** the policy is freed, as casecheck.h promises (ASan and valgrind watch).
*/
START_TEST(test_result_outlives_policy)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, POLICY_COUNTER, strlen(POLICY_COUNTER),
								  "policies/counter.lua", &err);
	char *text = make_case("2019-04-18", NULL, NULL);
	struct casecheck_case *c;
	struct casecheck_result *r1, *r2;
	const struct casecheck_finding *f;

	ck_assert_ptr_nonnull(p);
	c = casecheck_case_load_buffer(e, text, strlen(text), "t1.json", NULL, &errs);
	ck_assert_ptr_nonnull(c);
	r1 = casecheck_evaluate(e, p, c, NULL, &err);
	r2 = casecheck_evaluate(e, p, c, NULL, &err);
	ck_assert_ptr_nonnull(r1);
	ck_assert_ptr_nonnull(r2);
	/* the same constant, once, shared by both results */
	ck_assert_ptr_eq(casecheck_result_finding(r1, 0)->title, casecheck_result_finding(r2, 0)->title);
	casecheck_result_free(r2);
	casecheck_policy_free(p);
	f = casecheck_result_finding(r1, 0);
	ck_assert_str_eq(f->step, "count.calls");
	ck_assert_str_eq(f->title, "Counts");
	ck_assert_str_eq(f->cite, "x");
	ck_assert_str_eq(f->regime, "all");
	ck_assert_str_eq(f->duty, "statutory");
	casecheck_result_free(r1);
	casecheck_case_free(c);
	casecheck_engine_free(e);
	free(text);
}
END_TEST

static const char POLICY_LOOP[] =
	"policy { id = \"test/loop\", title = \"Test\" }\n"
	"regime \"all\" { from = \"1990-01-01\" }\n"
	"step \"loop.forever\" {\n"
	"  title = \"Loops\", cite = \"x\", duty = \"statutory\", \n"
	"  check = function(m)\n"
	"    while true do pcall(function() while true do end end) end\n"
	"  end,\n"
	"}\n";

START_TEST(test_budget_trip_stops_the_case)
{
	struct casecheck_limits lim = { 0, 2000000, 0 };
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *e = casecheck_engine_new(&lim, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, POLICY_LOOP, strlen(POLICY_LOOP),
								  "policies/loop.lua", &err);
	char *text = make_case("2019-04-18", NULL, NULL);
	struct casecheck_case *c = casecheck_case_load_buffer(e, text, strlen(text), "t1.json", p, &errs);
	struct casecheck_result *r = casecheck_evaluate(e, p, c, NULL, &err);

	ck_assert_ptr_null(r);
	ck_assert_int_eq(err.kind, CASECHECK_E_BUDGET);
	ck_assert_str_eq(err.source, "policies/loop.lua");
	ck_assert_int_eq(err.line, 6);
	ck_assert_ptr_nonnull(strstr(err.text, "instruction budget exceeded"));
	/* the next case gets a fresh budget: the engine is still usable */
	casecheck_policy_free(p);
	p = casecheck_policy_load_string(e, POLICY, strlen(POLICY), "policies/test.lua", &err);
	ck_assert_ptr_nonnull(p);
	casecheck_case_free(c);
	c = casecheck_case_load_buffer(e, text, strlen(text), "t1.json", p, &errs);
	r = casecheck_evaluate(e, p, c, NULL, &err);
	ck_assert_ptr_nonnull(r);
	casecheck_result_free(r);
	casecheck_case_free(c);
	casecheck_engine_free(e);
	free(text);
}
END_TEST

/* Budgets hold in every kind of policy code: a where function, a memory bomb. */
static const char POLICY_WHERE_LOOP[] =
	"policy { id = \"test/where\", title = \"Test\" }\n"
	"regime \"all\" { from = \"1990-01-01\" }\n"
	"step \"record.it\" {\n"
	"  title = \"Record it\", cite = \"x\", from = \"allegation\", within = days(3), duty = \"statutory\","
	" limit = { basis = \"benchmark\", source = \"test\" },\n"
	"  done_by = { type = \"conduct_recorded\", where = function(e)\n"
	"    while true do end end },\n"
	"}\n";
static const char POLICY_MEMORY[] =
	"policy { id = \"test/memory\", title = \"Test\" }\n"
	"regime \"all\" { from = \"1990-01-01\" }\n"
	"step \"mem.bomb\" {\n"
	"  title = \"Bomb\", cite = \"x\", duty = \"statutory\", \n"
	"  check = function(m) local ok = pcall(string.rep, \"x\", 1e9)\n"
	"    return { status = \"pass\", message = tostring(ok) } end,\n"
	"}\n";

static void budget_trips(const char *policy, const char *name, struct casecheck_limits *lim,
			 enum casecheck_error_kind kind, int line, const char *text)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *e = casecheck_engine_new(lim, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, policy, strlen(policy), name, &err);
	char *fixture = make_case("2019-04-18", "2019-04-19", NULL);
	struct casecheck_case *c;
	struct casecheck_result *r;

	ck_assert_msg(p != NULL, "%s", err.text);
	c = casecheck_case_load_buffer(e, fixture, strlen(fixture), "t1.json", p, &errs);
	r = casecheck_evaluate(e, p, c, NULL, &err);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(err.kind, kind);
	ck_assert_str_eq(err.source, name);
	ck_assert_int_eq(err.line, line);
	ck_assert_msg(strstr(err.text, text) != NULL, "got '%s'", err.text);
	casecheck_case_free(c);
	casecheck_engine_free(e);
	free(fixture);
}

START_TEST(test_budgets_in_every_kind_of_policy_code)
{
	struct casecheck_limits small = { 8u << 20, 1000000, 0 };

	budget_trips(POLICY_WHERE_LOOP, "policies/where.lua", &small, CASECHECK_E_BUDGET, 6,
		     "instruction budget exceeded (1000000 instructions)");
	budget_trips(POLICY_MEMORY, "policies/memory.lua", &small, CASECHECK_E_MEMORY, 5,
		     "memory budget exceeded (8 MiB)");
}
END_TEST

/*
** A case of N events (an allegation, then N - 1 recordings of it): its copy
** in Lua alone is larger than an 8 MiB budget when N is 16,000 (before the
** copy was exempt, evaluating it broke that budget).
*/
static char *make_big_case(int n)
{
	static const char head[] =
		"{\"format\": \"casecheck/case@1\", \"id\": \"big\", \"title\": \"t\",\n"
		" \"subject\": {\"name\": \"X\", \"rank\": \"PC\", \"force\": \"F\"},\n"
		" \"parties\": {\"F\": {\"kind\": \"force\"}, \"P\": {\"kind\": \"psd\", \"of\": \"F\"}},\n"
		" \"events\": [\n"
		"  {\"id\": \"a1\", \"date\": \"2019-04-18\", \"type\": \"allegation_received\", \"by\": \"P\",\n"
		"   \"categories\": [\"assault\"]}";
	size_t cap = sizeof(head) + (size_t)n * 96 + 8, len;
	char *buf = malloc(cap);
	int i;

	ck_assert_ptr_nonnull(buf);
	len = (size_t)snprintf(buf, cap, "%s", head);
	for (i = 1; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
					",\n  {\"id\": \"c%d\", \"date\": \"2019-04-19\", "
					"\"type\": \"conduct_recorded\", \"by\": \"P\", \"re\": \"a1\"}", i);
	snprintf(buf + len, cap - len, "\n ]}\n");
	return buf;
}

/*
** The memory budget bounds what the policy and the evaluation allocate, not
** the engine's own copy of the case: a case whose copy is bigger than the
** budget is evaluated, and a policy that allocates past the budget over that
** same case still trips it.
*/
START_TEST(test_memory_budget_is_not_spent_on_the_case)
{
	struct casecheck_limits small = { 8u << 20, 0, 0 };
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *e = casecheck_engine_new(&small, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, POLICY, strlen(POLICY), "t.lua", &err);
	struct casecheck_policy *bomb = casecheck_policy_load_string(e, POLICY_MEMORY, strlen(POLICY_MEMORY),
								     "policies/memory.lua", &err);
	char *fixture = make_big_case(16000);
	struct casecheck_case *c;
	struct casecheck_result *r;
	const struct casecheck_finding *f;

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(bomb);
	c = casecheck_case_load_buffer(e, fixture, strlen(fixture), "big.json", p, &errs);
	ck_assert_msg(c != NULL, "%s", errs.count ? errs.items[0].text : "");
	ck_assert_int_eq((int)casecheck_case_event_count(c), 16000);
	r = casecheck_evaluate(e, p, c, NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.text);
	f = casecheck_result_finding(r, 0);
	ck_assert_int_eq(f->status, CASECHECK_PASS);
	ck_assert_str_eq(f->evidence[0], "c1");
	ck_assert_str_eq(f->done, "2019-04-19");
	casecheck_result_free(r);

	r = casecheck_evaluate(e, bomb, c, NULL, &err);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(err.kind, CASECHECK_E_MEMORY);
	ck_assert_str_eq(err.text, "memory budget exceeded (8 MiB)");
	ck_assert_int_eq(err.line, 5);

	casecheck_case_free(c);
	casecheck_engine_free(e);
	free(fixture);
}
END_TEST

START_TEST(test_two_engines_are_independent)
{
	struct casecheck_error err;
	struct casecheck_engine *a = casecheck_engine_new(NULL, &err);
	struct casecheck_engine *b = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *pa = casecheck_policy_load_string(a, POLICY, strlen(POLICY), "a.lua", &err);
	struct casecheck_policy *pb = casecheck_policy_load_string(b, POLICY, strlen(POLICY), "b.lua", &err);

	ck_assert_int_eq(casecheck_policy_set_param(pa, "record_days", "1", &err), 0);
	ck_assert_int_eq(casecheck_policy_param(pa, 0)->value, 1);
	ck_assert_int_eq(casecheck_policy_param(pb, 0)->value, 10);
	casecheck_engine_free(a);
	ck_assert_str_eq(casecheck_policy_id(pb), "test/record");
	casecheck_engine_free(b);
}
END_TEST

/* The deadline words of the duty-kind syntax: statutory, beginning with the day. */
static const char POLICY_BEGINNING[] =
	"policy { id = \"test/lists\", title = \"Test\" }\n"
	"regime \"all\" { from = \"1990-01-01\", title = \"everything\" }\n"
	"step \"record.it\" {\n"
	"  title = \"Report it\", cite = \"SI 2017/1135 reg 3\", duty = \"statutory\",\n"
	"  limit = { basis = \"statutory\", source = \"SI 2017/1135 reg 3\" },\n"
	"  from = \"allegation\", within = working_days_beginning(5),\n"
	"  done_by = { type = \"conduct_recorded\" },\n"
	"}\n";

/* "Within 5 working days beginning with" Tuesday 17 January 2023 ends Monday 23 January. */
START_TEST(test_working_days_beginning)
{
	struct run run;
	const struct casecheck_finding *f = eval(&run, POLICY_BEGINNING, "2023-01-17", "2023-01-24", NULL,
						 "2023-03-01");

	ck_assert_str_eq(f->due, "2023-01-23");
	ck_assert_int_eq(f->status, CASECHECK_LATE);
	ck_assert_str_eq(f->deadline_basis, "statutory");
	ck_assert_str_eq(f->message, "The duty arose on 17 January 2023 but it was done only on 24 January 2023, "
			 "6 working days later and 1 day after 23 January 2023: later than the statutory "
			 "time limit of 5 working days beginning with that day.");
	done(&run);
	f = eval(&run, POLICY_BEGINNING, "2023-01-14", NULL, NULL, "2023-01-19");	/* a Saturday */
	ck_assert_str_eq(f->due, "2023-01-20");
	ck_assert_int_eq(f->status, CASECHECK_PENDING);
	done(&run);
}
END_TEST

/*
** A policy declares how a matter's regime date is found and which track it
** is on; the citation follows the track. Regime "old" ends on 2010-06-30.
*/
static const char POLICY_HOOKS[] =
	"policy { id = \"test/hooks\", title = \"Test\",\n"
	"  regime_date = function(m) return m:first(\"conduct_recorded\") end,\n"
	"  tracks = { recorded = \"a matter with conduct_recorded\" },\n"
	"  track = function(m) if m:has(\"conduct_recorded\") then return \"recorded\" end end,\n"
	"}\n"
	"regime \"old\" { from = \"1990-01-01\", to = \"2010-06-30\" }\n"
	"regime \"new\" { from = \"2010-07-01\" }\n"
	"step \"note.it\" {\n"
	"  title = \"Note\", duty = { old = \"practice\", new = \"statutory\" },\n"
	"  cite = { old = \"Old Act\", new = { [\"*\"] = \"New Regs\", recorded = \"New Complaints Regs\" } },\n"
	"  check = function(m) return { status = \"pass\", message = \"ok\" } end,\n"
	"}\n";

START_TEST(test_regime_date_and_track)
{
	struct run run;
	const struct casecheck_finding *f = eval(&run, POLICY_HOOKS, "2010-06-29", "2010-07-02", NULL, NULL);

	ck_assert_str_eq(f->regime, "new");
	ck_assert_str_eq(f->cite, "New Complaints Regs");
	ck_assert_str_eq(f->duty, "statutory");
	ck_assert_ptr_null(f->deadline_basis);
	done(&run);
	f = eval(&run, POLICY_HOOKS, "2010-06-29", NULL, NULL, "2010-08-01");
	ck_assert_str_eq(f->regime, "old");
	ck_assert_str_eq(f->cite, "Old Act");
	ck_assert_str_eq(f->duty, "practice");
	done(&run);
}
END_TEST

/*
** A check step's templates: a named group chosen at run time; a template
** given at run time that names what the finding lacks is an error finding,
** never "{name}" in the message.
*/
static const char POLICY_GROUPS[] =
	"policy { id = \"test/groups\", title = \"Test\" }\n"
	"regime \"all\" { from = \"1990-01-01\" }\n"
	"step \"group.it\" {\n"
	"  title = \"Group\", cite = \"x\", duty = \"power\",\n"
	"  limit = { a = { basis = \"guidance\", source = \"Code\" }, b = { basis = \"benchmark\", source = \"p\" } },\n"
	"  check = function(m, ctx)\n"
	"    return ctx:deadline { trigger = m.allegation, within = days(3), limit = \"a\", says = \"g\" }\n"
	"  end,\n"
	"  says = { g = { fail = \"Arose {trigger_when}; {limit} ran to {due}.\" } },\n"
	"}\n";
static const char POLICY_RUNTIME_TEMPLATE[] =
	"policy { id = \"test/template\", title = \"Test\" }\n"
	"calendar \"england-wales\"\n"
	"roles { aa = function(case, pid) return case:party_of_force(pid, case.subject.force) end }\n"
	"regime \"all\" { from = \"1990-01-01\" }\n"
	"step \"bad.template\" {\n"
	"  title = \"Bad\", cite = \"x\", duty = \"power\",\n"
	"  check = function(m, ctx)\n"
	"    return ctx:deadline { trigger = m.allegation, due = m.allegation, says = { fail = \"No {nothing}.\" } }\n"
	"  end,\n"
	"}\n";

START_TEST(test_check_templates)
{
	struct run run;
	const struct casecheck_finding *f = eval(&run, POLICY_GROUPS, "2019-05-01", NULL, NULL, "2019-06-01");

	ck_assert_str_eq(f->message, "Arose on 1 May 2019; the 3-day period in guidance ran to 4 May 2019.");
	ck_assert_str_eq(f->deadline_basis, "guidance");
	ck_assert_str_eq(f->deadline_source, "Code");
	ck_assert_str_eq(f->duty, "power");
	done(&run);
	f = eval(&run, POLICY_RUNTIME_TEMPLATE, "2019-05-01", NULL, NULL, "2019-06-01");
	ck_assert_int_eq(f->status, CASECHECK_ERROR);
	ck_assert_msg(strstr(f->message, "message template uses {nothing}, which has no value") != NULL,
		      "got '%s'", f->message);
	done(&run);
}
END_TEST

/*
** A check's due date, as text or as a span of day numbers: the report shows
** date.c's text, and what is open as of a date has the same days as numbers.
*/
static const char POLICY_CHECK_DUE[] =
	"policy { id = \"test/due\", title = \"Test\" }\n"
	"regime \"all\" { from = \"1990-01-01\" }\n"
	"step \"due.it\" {\n"
	"  title = \"Due\", cite = \"x\", duty = \"power\", limit = { basis = \"benchmark\", source = \"t\" },\n"
	"  check = function(m, ctx)\n"
	"    local d = m.allegation.lo\n"
	"    if ctx.as_of == d + 1 then return { status = \"pending\", due = \"2019-05-16\" } end\n"
	"    if ctx.as_of == d + 2 then return { status = \"pending\", due = \"2019-05-16/2019-06-14\" } end\n"
	"    return { status = \"pending\", due = { lo = d + 10, hi = d + 40, prec = 1 } }\n"
	"  end,\n"
	"}\n";

static void check_due(const char *as_of, const char *due, const char *lo, const char *hi, int days_left)
{
	struct run run;
	const struct casecheck_finding *f = eval(&run, POLICY_CHECK_DUE, "2019-05-01", NULL, NULL, as_of);
	struct casecheck_open_duty *d;
	size_t n;
	int y, m, dd;

	ck_assert_int_eq(f->status, CASECHECK_PENDING);
	ck_assert_str_eq(f->due, due);
	d = casecheck_open_duties(run.e, run.r, &n, &run.err);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(d[0].due, due);
	ck_assert_int_eq(sscanf(lo, "%d-%d-%d", &y, &m, &dd), 3);
	ck_assert_int_eq(d[0].lo_year, y);
	ck_assert_int_eq(d[0].lo_month, m);
	ck_assert_int_eq(d[0].lo_day, dd);
	ck_assert_int_eq(sscanf(hi, "%d-%d-%d", &y, &m, &dd), 3);
	ck_assert_int_eq(d[0].hi_year, y);
	ck_assert_int_eq(d[0].hi_month, m);
	ck_assert_int_eq(d[0].hi_day, dd);
	ck_assert_int_eq((int)d[0].days_left, days_left);
	free(d);
	done(&run);
}

START_TEST(test_check_due_text_and_span)
{
	check_due("2019-05-02", "2019-05-16", "2019-05-16", "2019-05-16", 14);
	check_due("2019-05-03", "2019-05-16/2019-06-14", "2019-05-16", "2019-06-14", 42);
	/* 1 May 2019 + 10 and + 40 days */
	check_due("2019-05-04", "2019-05-11/2019-06-10", "2019-05-11", "2019-06-10", 37);
}
END_TEST

START_TEST(test_result_json_shape)
{
	struct run run;
	char *json;
	json_t *parsed;

	eval(&run, POLICY, "2002-05-27", "2002-06-13", NULL, "2002-07-01");
	json = casecheck_result_json(run.r);
	/* valid JSON; compacted with its key order kept, for the checks below */
	parsed = json_loads(json, 0, NULL);
	ck_assert_ptr_nonnull(parsed);
	free(json);
	json = json_dumps(parsed, JSON_PRESERVE_ORDER | JSON_COMPACT);
	json_decref(parsed);
	ck_assert_ptr_nonnull(strstr(json, "\"id\":\"t1\",\"file\":\"t1.json\",\"sha256\":\""));
	ck_assert_ptr_nonnull(strstr(json, "\"as_of\":\"2002-07-01\""));
	ck_assert_ptr_nonnull(strstr(json, "\"step\":\"record.it\",\"title\":\"Record it\",\"re\":\"a1\","
					   "\"status\":\"late\",\"regime\":\"all\",\"cite\":\"Test Act s.1\","
					   "\"duty\":\"statutory\",\"deadline_basis\":\"benchmark\","
					   "\"deadline_source\":\"test\","
					   "\"trigger\":\"a1\",\"evidence\":[\"c1\"],\"due\":\"2002-06-12\","
					   "\"done\":\"2002-06-13\",\"days_late\":1,\"message\":"));
	free(json);
	done(&run);
}
END_TEST

static const char POLICY_LINT[] =
	"policy { id = \"t/lint\", title = \"t\" }\n"
	"regime \"r\" { from = \"2000-01-01\" }\n"
	"regime \"s\" { from = \"2001-01-01\" }\n"
	"param \"unused_days\" { default = 3 }\n"
	"step \"a.b\" { title = \"t\", cite = \"c\", regimes = {\"r\"}, from = \"allegation\", duty = \"statutory\", limit = { basis = \"benchmark\", source = \"test\" }, \n"
	"  within = days(3), done_by = { type = \"conduct_recordd\" } }\n"
	"step \"a.c\" { title = \"t\", cite = \"c\", duty = \"statutory\", regimes = {}, check = function() end }\n";

START_TEST(test_policy_lint)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, POLICY_LINT, strlen(POLICY_LINT),
								  "policies/lint.lua", &err);

	ck_assert_ptr_nonnull(p);
	casecheck_policy_lint(p, &errs);
	ck_assert_uint_eq(errs.count, 4);
	ck_assert_int_eq(errs.items[0].line, 5);
	ck_assert_str_eq(errs.items[0].text, "step 'a.b' names unknown event type 'conduct_recordd' "
			 "(did you mean 'conduct_recorded'?)");
	ck_assert_int_eq(errs.items[1].line, 7);
	ck_assert_str_eq(errs.items[1].text, "step 'a.c' is in force under no regime, so it can never apply");
	ck_assert_int_eq(errs.items[2].line, 4);
	ck_assert_ptr_nonnull(strstr(errs.items[2].text, "param 'unused_days' is declared but no step uses it"));
	ck_assert_str_eq(errs.items[3].text, "regime 's' is declared but no step is in force under it");
	casecheck_errors_free(&errs);
	casecheck_engine_free(e);
}
END_TEST

/*
** A successful load leaves the caller's error alone: it neither reads it
** (valgrind saw policy.c read an uninitialised source) nor writes it.
*/
START_TEST(test_policy_load_leaves_err_alone)
{
	struct casecheck_error err, before;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p;

	ck_assert_ptr_nonnull(e);
	memset(&err, 0, sizeof(err));
	before = err;
	p = casecheck_policy_load_string(e, POLICY, strlen(POLICY), "policies/ok.lua", &err);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(err.source, "");
	ck_assert_int_eq(memcmp(&err, &before, sizeof(err)), 0);
	casecheck_engine_free(e);
}
END_TEST

/*
** Judged as of a date, nothing dated after it counts: the subject's vetting
** entries as well as events. As of 1 June 2012 the 2015 renewal in this
** fixture has not happened, so the 2005 clearance still runs (to 2015) and
** the step passes; it used to be judged late from a renewal three years on.
*/
START_TEST(test_vetting_after_as_of_is_unseen)
{
	const char *root = getenv("CASECHECK_ROOT");
	char policy[1024], fixture[1024];
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p;
	struct casecheck_case *c;
	struct casecheck_result *r;
	const struct casecheck_finding *f = NULL;
	size_t i;

	root = root && *root ? root : ".";
	snprintf(policy, sizeof(policy), "%s/policies/england-wales/conduct.lua", root);
	snprintf(fixture, sizeof(fixture), "%s/fixtures/steps/vetting.renewal_on_time.late.json", root);
	p = casecheck_policy_load_file(e, policy, "policies/england-wales/conduct.lua", &err);
	ck_assert_msg(p != NULL, "policy: %s", err.text);
	c = casecheck_case_load_file(e, fixture, p, &errs);
	ck_assert_msg(c != NULL, "case: %s", errs.count ? errs.items[0].text : "");
	r = casecheck_evaluate(e, p, c, "2012-06-01", &err);
	ck_assert_msg(r != NULL, "evaluate: %s", err.text);
	for (i = 0; i < casecheck_result_count(r); i++)
		if (strcmp(casecheck_result_finding(r, i)->step, "vetting.renewal_on_time") == 0)
			f = casecheck_result_finding(r, i);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(casecheck_status_name(f->status), "pass");
	ck_assert_str_eq(f->due, "2015-03-01");
	ck_assert_str_eq(f->message, "Every vetting clearance was renewed within the 10-year period in guidance; "
			 "the current one runs to 1 March 2015.");
	casecheck_result_free(r);
	/* as of the fixture's own date the late renewal counts again */
	r = casecheck_evaluate(e, p, c, "2023-06-30", &err);
	ck_assert_ptr_nonnull(r);
	for (i = 0; i < casecheck_result_count(r); i++)
		if (strcmp(casecheck_result_finding(r, i)->step, "vetting.renewal_on_time") == 0)
			ck_assert_str_eq(casecheck_status_name(casecheck_result_finding(r, i)->status), "late");
	casecheck_result_free(r);
	casecheck_case_free(c);
	casecheck_engine_free(e);
}
END_TEST

/*
** A case from 1968 is judged on the holidays of 1968: Whit Monday (3 June)
** was a bank holiday and the late-May Monday was not, so 10 working days
** from Friday 31 May 1968 end on Monday 17 June. It used to stop the case
** with "outside the working-day calendar" (exit 3).
*/
static const char POLICY_1968[] =
	"policy { id = \"test/old\", title = \"Test\" }\n"
	"calendar \"england-wales\"\n"
	"roles { aa = function(case, pid) return case:party_of_force(pid, case.subject.force) end }\n"
	"regime \"all\" { from = \"1900-01-01\", title = \"everything\" }\n"
	"step \"record.it\" {\n"
	"  title = \"Record it\", cite = \"Test Act s.1\", duty = \"statutory\",\n"
	"  limit = { basis = \"statutory\", source = \"test\" },\n"
	"  from = \"allegation\", within = working_days(10),\n"
	"  done_by = { type = \"conduct_recorded\", by = \"aa\" },\n"
	"}\n";

/*
** A policy's sha256 is that of the text it was loaded from (sha256sum of
** POLICY), even when asked for after the caller's buffer is gone: it is
** hashed on first use, from the policy's own copy.
*/
START_TEST(test_policy_sha256_of_its_text)
{
	static const char want[] = "15301e028a68868559ffb3d8ac588913295a088b717337c4c884e5f842cf4b94";
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p;
	char *copy = malloc(sizeof(POLICY));

	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, POLICY, sizeof(POLICY));
	p = casecheck_policy_load_string(e, copy, strlen(copy), "policies/test.lua", &err);
	ck_assert_msg(p != NULL, "policy: %s", err.text);
	memset(copy, 'x', strlen(copy));
	free(copy);
	ck_assert_str_eq(casecheck_policy_sha256(p), want);
	ck_assert_str_eq(casecheck_policy_sha256(p), want);
	casecheck_engine_free(e);
}
END_TEST

START_TEST(test_case_from_1968)
{
	struct run run;
	const struct casecheck_finding *f = eval(&run, POLICY_1968, "1968-05-31", "1968-06-17", NULL,
						 "1968-12-31");

	ck_assert_msg(f != NULL, "evaluate: %s", run.err.text);
	ck_assert_int_eq(f->status, CASECHECK_PASS);
	ck_assert_str_eq(f->due, "1968-06-17");
	done(&run);
}
END_TEST

Suite *eval_suite(void)
{
	Suite *s = suite_create("eval");
	TCase *tc = tcase_create("statuses");
	TCase *tp = tcase_create("policies");

	tcase_add_test(tc, test_pass_on_due_date);
	tcase_add_test(tc, test_note_and_source_unseen);
	tcase_add_test(tc, test_late_day_after);
	tcase_add_test(tc, test_fail_and_pending_by_as_of);
	tcase_add_test(tc, test_events_after_as_of_are_unseen);
	tcase_add_test(tc, test_imprecise_dates);
	tcase_add_test(tc, test_awareness_as_of);
	tcase_add_test(tc, test_awareness_rules_imprecise);
	tcase_add_test(tc, test_gap_turns_fail_into_unknown);
	tcase_add_test(tc, test_not_applicable_before_regime);
	tcase_add_test(tc, test_param_override);
	tcase_add_test(tc, test_result_json_shape);
	tcase_add_test(tc, test_working_days_beginning);
	tcase_add_test(tc, test_regime_date_and_track);
	tcase_add_test(tc, test_check_templates);
	tcase_add_test(tp, test_step_error_names_line);
	tcase_add_test(tp, test_check_names_regime);
	tcase_add_test(tp, test_policy_load_errors);
	tcase_add_test(tp, test_listing_load_errors);
	tcase_add_test(tp, test_policy_duty_and_template_errors);
	tcase_add_test(tp, test_no_state_leaks_between_cases);
	tcase_add_test(tp, test_result_outlives_policy);
	tcase_add_test(tp, test_budget_trip_stops_the_case);
	tcase_add_test(tp, test_two_engines_are_independent);
	tcase_add_test(tp, test_policy_lint);
	tcase_add_test(tp, test_budgets_in_every_kind_of_policy_code);
	tcase_add_test(tp, test_memory_budget_is_not_spent_on_the_case);
	tcase_add_test(tp, test_policy_load_leaves_err_alone);
	tcase_add_test(tp, test_check_due_text_and_span);
	tcase_add_test(tp, test_vetting_after_as_of_is_unseen);
	tcase_add_test(tc, test_case_from_1968);
	tcase_add_test(tc, test_policy_sha256_of_its_text);
	tcase_set_timeout(tp, 20);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, tp);
	return s;
}
