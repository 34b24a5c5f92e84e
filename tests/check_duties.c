/*
** check_duties.c: the policy language's duty shapes beyond "within N of X",
** through the public API: recurring duties (every: a schedule of reports, a
** chain of renewals), first_of, a duty due by the closing decision, per-step
** in-force dates and the applies combinators (all, any, not_); and the load
** errors for their misuse, each naming the policy's file:line and, where a
** name was mistyped, the nearest valid one.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "casecheck.h"
#include "load_fails.h"

Suite *duties_suite(void);

#define HEAD \
	"policy { id = \"test/duties\", title = \"Test\", closing = \"conduct_closed\", leaving = \"resigned\" }\n" \
	"calendar \"england-wales\"\n" \
	"regime \"all\" { from = \"1990-01-01\", title = \"everything\" }\n" \
	"param \"renew_years\" { default = 2, unit = \"years\" }\n" \
	"param \"review_days\" { default = 10, unit = \"working_days\" }\n"
#define LIMIT " title = \"t\", cite = \"Act s.1\", duty = \"statutory\", limit = { basis = \"benchmark\", source = \"b\" },\n"

/* Reports 12 months after the allegation, then every 6 months, until the matter is closed. */
static const char SCHEDULE[] = HEAD
	"step \"report.every\" {" LIMIT
	"  from = \"allegation\", done_by = { type = \"progress_report\" },\n"
	"  every = { first = months(12), period = months(6), ends = first_of { \"conduct_closed\" } },\n"
	"  says = { not_applicable = \"Ended {ends_when}.\", upcoming = \"First due {due_when}.\",\n"
	"    pass = \"All on time.\", late = \"Due {due_when}, sent {done_when}, {days_late_words} late.\",\n"
	"    fail = \"None by {due_when}.\", unknown = \"Unsure for {due_when}: {settle}.\", pending = \"Due {due_when}.\" },\n"
	"}\n";

/* A clearance renewed every renew_years while serving (per case). */
static const char CHAIN[] = HEAD
	"step \"vet.renew\" {" LIMIT
	"  per = \"case\",\n"
	"  every = { period = years \"renew_years\", ends = \"leaving\", gaps = \"vetting_review\",\n"
	"    chain = function(c)\n"
	"      local l = {}\n"
	"      for _, v in ipairs(c.subject.vetting or {}) do l[#l + 1] = { lo = v.lo, hi = v.hi, label = v.level } end\n"
	"      return l\n"
	"    end },\n"
	"  says = { not_applicable = \"None.\", pass = \"Renewed; runs to {due}.\",\n"
	"    late = \"Cleared {trigger_when}, due {due_when}, renewed {done_when}, {days_late_words} late.\",\n"
	"    fail = \"Last ({start}, {start_date}) ran out {due_when}.\", gap = \"Gap after {start}.\",\n"
	"    unknown = \"Too imprecise for {period}.\" },\n"
	"}\n";

/* Review within review_days of the allegation, or by the end of probation if sooner;
** the victim is heard before the closing decision; a duty in force from 2017. */
static const char OTHERS[] = HEAD
	"step \"prob.review\" {" LIMIT
	"  applies = any { function(m) return m.allegation.victim ~= nil, \"no victim\" end,\n"
	"    function() return false, \"no probation\" end },\n"
	"  from = \"allegation\", done_by = { type = \"probation_review\" },\n"
	"  within = first_of { working_days \"review_days\", function(_, ctx) return ctx.case.subject.probation_ends end },\n"
	"  says = { fail = \"Due {due}.\", pass = \"Done {done_when}, by {due}.\" },\n"
	"}\n"
	"step \"victim.heard\" {" LIMIT
	"  applies = all { function(m) return m.allegation.victim ~= nil, \"no victim\" end,\n"
	"    not_(function(m) return m:has(\"conduct_paused\") end, \"the matter was paused\") },\n"
	"  before_close = true, done_by = { type = \"victim_contacted\" },\n"
	"  says = { pass = \"Heard {done_when}, before {trigger_when}.\", late = \"Heard only {done_when}.\",\n"
	"    fail = \"Closed {trigger_when}, never heard.\" },\n"
	"}\n"
	"step \"code.review\" {" LIMIT
	"  in_force_from = \"2017-10-01\", why_not_yet = \"the code applies from 1 October 2017\",\n"
	"  from = \"allegation\", within = days(20), done_by = { type = \"vetting_review\" },\n"
	"}\n";

static const char CASE_FMT[] =
	"{\"format\": \"casecheck/case@1\", \"id\": \"t1\", \"title\": \"t\",\n"
	" \"subject\": {\"name\": \"X\", \"rank\": \"PC\", \"force\": \"F\"%s},\n"
	" \"parties\": {\"F\": {\"kind\": \"force\"}, \"P\": {\"kind\": \"psd\", \"of\": \"F\"},"
	" \"B\": {\"kind\": \"policing_body\"}, \"V\": {\"kind\": \"victim\"}},\n"
	" \"events\": [\n"
	"  {\"id\": \"a1\", \"date\": \"%s\", \"type\": \"allegation_received\", \"by\": \"P\",\n"
	"   \"categories\": [\"assault\"]%s}%s\n"
	" ]%s}\n";

struct out {
	char status[16];
	char message[512];
	char due[32];
	long days_late;
};

/*
** Evaluate POLICY over a case (SUBJECT: extra subject fields; ALLEGATION:
** extra allegation fields; EVENTS: more events, each starting with a comma;
** TAIL: top-level fields such as gaps) as of AS_OF, and copy out the finding
** of step STEP.
*/
static struct out run(const char *policy, const char *step, const char *subject, const char *allegation,
		      const char *events, const char *tail, const char *as_of)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p;
	struct casecheck_case *c;
	struct casecheck_result *r;
	struct out o = { "", "", "", -1 };
	char text[4096];
	size_t i;

	ck_assert_ptr_nonnull(e);
	p = casecheck_policy_load_string(e, policy, strlen(policy), "policies/duties.lua", &err);
	ck_assert_msg(p != NULL, "policy: %s", err.text);
	snprintf(text, sizeof(text), CASE_FMT, subject ? subject : "", "2019-05-01", allegation ? allegation : "",
		 events ? events : "", tail ? tail : "");
	c = casecheck_case_load_buffer(e, text, strlen(text), "t1.json", p, &errs);
	ck_assert_msg(c != NULL, "case: %s %s", errs.count ? errs.items[0].path : "",
		      errs.count ? errs.items[0].text : "");
	r = casecheck_evaluate(e, p, c, as_of, &err);
	ck_assert_msg(r != NULL, "evaluate: %s", err.text);
	for (i = 0; i < casecheck_result_count(r); i++) {
		const struct casecheck_finding *f = casecheck_result_finding(r, i);

		if (strcmp(f->step, step) != 0)
			continue;
		snprintf(o.status, sizeof(o.status), "%s", casecheck_status_name(f->status));
		snprintf(o.message, sizeof(o.message), "%s", f->message ? f->message : "");
		snprintf(o.due, sizeof(o.due), "%s", f->due ? f->due : "");
		o.days_late = f->has_days_late ? f->days_late : -1;
	}
	casecheck_case_free(c);
	casecheck_result_free(r);
	casecheck_engine_free(e);
	return o;
}

#define REPORT(id, date) ",\n  {\"id\": \"" id "\", \"date\": \"" date "\", \"type\": \"progress_report\", " \
	"\"by\": \"P\", \"re\": \"a1\", \"to\": \"B\"}"
#define CLOSED(date) ",\n  {\"id\": \"cl\", \"date\": \"" date "\", \"type\": \"conduct_closed\", \"by\": \"P\", " \
	"\"re\": \"a1\", \"reason\": \"other\"}"

static void expect(struct out o, const char *status, const char *message)
{
	ck_assert_str_eq(o.status, status);
	ck_assert_str_eq(o.message, message);
}

/* A schedule: first 12 months after the trigger, then 6 months after each due date. */
START_TEST(test_recurring_schedule)
{
	/* nothing due yet: pending, with the first due date */
	expect(run(SCHEDULE, "report.every", NULL, NULL, NULL, NULL, "2020-01-01"),
	       "pending", "First due on 1 May 2020.");
	/* closed before the first was due */
	expect(run(SCHEDULE, "report.every", NULL, NULL, CLOSED("2020-03-01"), NULL, "2021-01-01"),
	       "not_applicable", "Ended on 1 March 2020.");
	/* both reports on their due dates (1 May, 1 November 2020) */
	expect(run(SCHEDULE, "report.every", NULL, NULL, REPORT("r1", "2020-05-01") REPORT("r2", "2020-11-01"),
		   NULL, "2021-01-01"), "pass", "All on time.");
	/* the second a day late: the worst occurrence decides */
	expect(run(SCHEDULE, "report.every", NULL, NULL, REPORT("r1", "2020-05-01") REPORT("r2", "2020-11-02"),
		   NULL, "2021-01-01"), "late", "Due on 1 November 2020, sent on 2 November 2020, 1 day late.");
	/* one report cannot serve two occurrences */
	expect(run(SCHEDULE, "report.every", NULL, NULL, REPORT("r1", "2020-05-01"), NULL, "2021-01-01"),
	       "fail", "None by on 1 November 2020.");
	/* the duty stops when the matter is closed: the 1 November report was never due */
	expect(run(SCHEDULE, "report.every", NULL, NULL, REPORT("r1", "2020-05-01") CLOSED("2020-10-01"),
		   NULL, "2021-01-01"), "pass", "All on time.");
	/* a gap in the record turns a missing report into unknown */
	expect(run(SCHEDULE, "report.every", NULL, NULL, NULL, ", \"gaps\": [\"progress_report\"]", "2020-06-01"),
	       "unknown", "Unsure for on 1 May 2020: the record is silent on progress_report (it is listed in gaps), so it may have happened.");
}
END_TEST

/* A chain: each clearance renewed within the period; the latest must not run out while serving. */
START_TEST(test_recurring_chain)
{
	expect(run(CHAIN, "vet.renew", NULL, NULL, NULL, NULL, "2019-06-01"), "not_applicable", "None.");
	expect(run(CHAIN, "vet.renew", ", \"vetting\": [{\"date\": \"2018-01-10\", \"level\": \"recruitment\"}]",
		   NULL, NULL, NULL, "2019-06-01"), "pass", "Renewed; runs to 10 January 2020.");
	expect(run(CHAIN, "vet.renew", ", \"vetting\": [{\"date\": \"2016-01-10\", \"level\": \"recruitment\"}]",
		   NULL, NULL, NULL, "2019-06-01"), "fail", "Last (recruitment, 10 January 2016) ran out on 10 January 2018.");
	expect(run(CHAIN, "vet.renew", ", \"vetting\": [{\"date\": \"2016-01-10\", \"level\": \"recruitment\"}]",
		   NULL, NULL, ", \"gaps\": [\"vetting_review\"]", "2019-06-01"), "unknown", "Gap after recruitment.");
	expect(run(CHAIN, "vet.renew", ", \"vetting\": [{\"date\": \"2016-01-10\", \"level\": \"recruitment\"},"
		   " {\"date\": \"2018-01-11\", \"level\": \"renewal\"}]", NULL, NULL, NULL, "2019-06-01"),
	       "late", "Cleared on 10 January 2016, due on 10 January 2018, renewed on 11 January 2018, 1 day late.");
	/* the duty stops when the subject leaves: a clearance running out afterwards is no failure */
	expect(run(CHAIN, "vet.renew", ", \"vetting\": [{\"date\": \"2016-01-10\", \"level\": \"recruitment\"}]", NULL,
		   ",\n  {\"id\": \"out\", \"date\": \"2017-06-01\", \"type\": \"resigned\", \"by\": \"F\"}", NULL,
		   "2019-06-01"), "pass", "Renewed; runs to 10 January 2018.");
	/* imprecise dates that straddle the due date */
	expect(run(CHAIN, "vet.renew", ", \"vetting\": [{\"date\": \"2016\", \"level\": \"recruitment\"},"
		   " {\"date\": \"2018\", \"level\": \"renewal\"}]", NULL, NULL, NULL, "2019-06-01"),
	       "unknown", "Too imprecise for 2 years.");
}
END_TEST

/* first_of in within, a duty due by the closing decision, in_force_from, the combinators. */
START_TEST(test_first_of_close_in_force_combinators)
{
	struct out o;

	/* 10 working days from 1 May 2019 is 16 May (6 May a bank holiday); probation ends first */
	o = run(OTHERS, "prob.review", ", \"probation_ends\": \"2019-05-08\"", ", \"victim\": \"V\"", NULL, NULL,
		"2019-06-01");
	expect(o, "fail", "Due 8 May 2019.");
	ck_assert_str_eq(o.due, "2019-05-08");
	o = run(OTHERS, "prob.review", NULL, ", \"victim\": \"V\"", NULL, NULL, "2019-06-01");
	expect(o, "fail", "Due 16 May 2019.");
	/* any: the last predicate's reason when none holds */
	expect(run(OTHERS, "prob.review", NULL, NULL, NULL, NULL, "2019-06-01"), "not_applicable", "No probation.");
	/* before_close without within: the closing decision is the deadline; contact before it counts */
	expect(run(OTHERS, "victim.heard", NULL, ", \"victim\": \"V\"", NULL, NULL, "2019-06-01"),
	       "not_applicable", "The matter has not been closed.");
	expect(run(OTHERS, "victim.heard", NULL, ", \"victim\": \"V\"", CLOSED("2019-05-20"), NULL, "2019-06-01"),
	       "fail", "Closed on 20 May 2019, never heard.");
	expect(run(OTHERS, "victim.heard", NULL, ", \"victim\": \"V\"",
		   ",\n  {\"id\": \"vc\", \"date\": \"2019-05-02\", \"type\": \"victim_contacted\", \"by\": \"P\", \"re\": \"a1\"}"
		   CLOSED("2019-05-20"), NULL, "2019-06-01"),
	       "pass", "Heard on 2 May 2019, before on 20 May 2019.");
	/* all: the first failing predicate's reason; not_: its own */
	expect(run(OTHERS, "victim.heard", NULL, NULL, NULL, NULL, "2019-06-01"), "not_applicable", "No victim.");
	expect(run(OTHERS, "victim.heard", NULL, ", \"victim\": \"V\"",
		   ",\n  {\"id\": \"cp\", \"date\": \"2019-05-02\", \"type\": \"conduct_paused\", \"by\": \"P\", \"re\": \"a1\"}",
		   NULL, "2019-06-01"), "not_applicable", "The matter was paused.");
	/* a matter whose trigger predates the step's own in-force date */
	expect(run(OTHERS, "code.review", NULL, NULL, NULL, NULL, "2019-06-01"), "fail",
	       "The duty arose on 1 May 2019 but it was never done; it had to be done, and the 20-day benchmark "
	       "(the law sets no time limit) ran to 21 May 2019.");
}
END_TEST

START_TEST(test_in_force_from_before)
{
	static const char P[] = HEAD
		"step \"code.review\" {" LIMIT
		"  in_force_from = \"2019-06-01\", why_not_yet = \"the code applies from 1 June 2019\",\n"
		"  from = \"allegation\", within = days(20), done_by = { type = \"vetting_review\" },\n"
		"}\n";

	expect(run(P, "code.review", NULL, NULL, NULL, NULL, "2019-07-01"), "not_applicable",
	       "The code applies from 1 June 2019.");
}
END_TEST

/* A duty met beforehand, in force for a window of dates, applying only while a condition held. */
static const char WINDOW[] = HEAD
	"step \"leave.consent\" {" LIMIT
	"  in_force_from = \"2015-01-12\", in_force_to = \"2017-12-14\",\n"
	"  why_not_yet = \"{trigger} {trigger_when}, outside the window\",\n"
	"  why_unsure = \"{trigger} {trigger_when}; {trigger_date} may fall outside the window\",\n"
	"  from = function(_, ctx) return ctx.case:first(\"resigned\"), \"no notice\" end,\n"
	"  applies = function(m, ctx)\n"
	"    if m:has(\"conduct_paused\") then return false, \"the record cannot tell\", true end\n"
	"    return not m:has(\"conduct_closed\"), \"the matter was closed\"\n"
	"  end,\n"
	"  within = beforehand, done_by = { type = \"leave_consented\" },\n"
	"  says = { trigger = \"the subject resigned\", pass = \"{trigger} {trigger_when}, consent {done_when}.\",\n"
	"    late = \"{trigger} {trigger_when}, consent only {done_when}.\", fail = \"{trigger} {trigger_when} without consent.\" },\n"
	"}\n";

#define RESIGNED(date) ",\n  {\"id\": \"out\", \"date\": \"" date "\", \"type\": \"resigned\", \"by\": \"F\"}"
#define CONSENT(date) ",\n  {\"id\": \"ok\", \"date\": \"" date "\", \"type\": \"leave_consented\", \"by\": \"P\", \"re\": \"a1\"}"

START_TEST(test_beforehand_window_unsure)
{
	expect(run(WINDOW, "leave.consent", NULL, NULL, NULL, NULL, "2019-06-01"), "not_applicable", "No notice.");
	expect(run(WINDOW, "leave.consent", NULL, NULL, RESIGNED("2018-01-15"), NULL, "2019-06-01"),
	       "not_applicable", "The subject resigned on 15 January 2018, outside the window.");
	expect(run(WINDOW, "leave.consent", NULL, NULL, RESIGNED("2015-01"), NULL, "2019-06-01"),
	       "unknown", "The subject resigned in January 2015; 2015-01 may fall outside the window.");
	/* not applicable for a reason of applies comes before the window's doubt */
	expect(run(WINDOW, "leave.consent", NULL, NULL, RESIGNED("2015-01") CLOSED("2015-01-02"), NULL, "2019-06-01"),
	       "not_applicable", "The matter was closed.");
	/* applies unsure (its third value): unknown with its reason */
	expect(run(WINDOW, "leave.consent", NULL, NULL, RESIGNED("2016-03-15")
		   ",\n  {\"id\": \"cp\", \"date\": \"2016-01-02\", \"type\": \"conduct_paused\", \"by\": \"P\", \"re\": \"a1\"}",
		   NULL, "2019-06-01"), "unknown", "The record cannot tell.");
	/* beforehand: consent any time before the notice passes; after it is late */
	expect(run(WINDOW, "leave.consent", NULL, NULL, CONSENT("2016-01-01") RESIGNED("2016-03-15"), NULL, "2019-06-01"),
	       "pass", "The subject resigned on 15 March 2016, consent on 1 January 2016.");
	expect(run(WINDOW, "leave.consent", NULL, NULL, RESIGNED("2016-03-15") CONSENT("2016-03-18"), NULL, "2019-06-01"),
	       "late", "The subject resigned on 15 March 2016, consent only on 18 March 2016.");
	expect(run(WINDOW, "leave.consent", NULL, NULL, RESIGNED("2016-03-15"), NULL, "2019-06-01"),
	       "fail", "The subject resigned on 15 March 2016 without consent.");
}
END_TEST

/* A duty that an event before its trigger already meets (done_by.already). */
static const char ALREADY[] = HEAD
	"step \"record.on_takeup\" {" LIMIT
	"  from = function(m) return m:first(\"iopc_initiative\"), \"no initiative\" end,\n"
	"  within = working_days \"review_days\", done_by = { type = \"conduct_recorded\", already = true },\n"
	"  says = { pass = \"Taken up {trigger_when}, recorded {done_when}, by {due}.\",\n"
	"    already = \"Taken up {trigger_when}; recorded already {done_when}.\", fail = \"Never recorded; due {due}.\" },\n"
	"}\n";

#define INITIATIVE(date) ",\n  {\"id\": \"ini\", \"date\": \"" date "\", \"type\": \"iopc_initiative\", \"by\": \"F\", \"re\": \"a1\"}"
#define RECORDED(date) ",\n  {\"id\": \"rec\", \"date\": \"" date "\", \"type\": \"conduct_recorded\", \"by\": \"P\", \"re\": \"a1\"}"

START_TEST(test_done_already)
{
	expect(run(ALREADY, "record.on_takeup", NULL, NULL, RECORDED("2020-02-10") INITIATIVE("2020-04-02"), NULL,
		   "2020-06-30"), "pass", "Taken up on 2 April 2020; recorded already on 10 February 2020.");
	/* recorded on the take-up's own day: the order within a day is not known, so already;
	** 10 working days from Thursday 2 April 2020 skip Easter (10 and 13 April): 20 April */
	expect(run(ALREADY, "record.on_takeup", NULL, NULL, INITIATIVE("2020-04-02") RECORDED("2020-04-02"), NULL,
		   "2020-06-30"), "pass", "Taken up on 2 April 2020; recorded already on 2 April 2020.");
	expect(run(ALREADY, "record.on_takeup", NULL, NULL, INITIATIVE("2020-04-02") RECORDED("2020-04-03"), NULL,
		   "2020-06-30"), "pass", "Taken up on 2 April 2020, recorded on 3 April 2020, by 20 April 2020.");
	expect(run(ALREADY, "record.on_takeup", NULL, NULL, INITIATIVE("2020-04-02"), NULL, "2020-06-30"),
	       "fail", "Never recorded; due 20 April 2020.");
}
END_TEST

/* A step that declares it can never be late: held to it, and coverage leaves the cell out. */
static const char CANNOT[] = HEAD
	"step \"record.on_takeup\" {" LIMIT
	"  cannot = { late = \"recording is instant\" },\n"
	"  from = function(m) return m:first(\"iopc_initiative\"), \"no initiative\" end,\n"
	"  within = working_days \"review_days\", done_by = { type = \"conduct_recorded\" },\n"
	"  says = { pass = \"Recorded {done_when}.\" },\n"
	"}\n";

START_TEST(test_cannot_is_checked)
{
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, CANNOT, strlen(CANNOT), "policies/c.lua", &err);

	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(casecheck_policy_step_cannot(p, 0, CASECHECK_LATE), "recording is instant");
	ck_assert_ptr_null(casecheck_policy_step_cannot(p, 0, CASECHECK_PASS));
	ck_assert_ptr_null(casecheck_policy_step_cannot(p, 1, CASECHECK_LATE));
	casecheck_engine_free(e);
	/* in time: a pass as usual; late: the policy's claim is false, an error says so */
	expect(run(CANNOT, "record.on_takeup", NULL, NULL, INITIATIVE("2020-04-02") RECORDED("2020-04-03"), NULL,
		   "2020-06-30"), "pass", "Recorded on 3 April 2020.");
	expect(run(CANNOT, "record.on_takeup", NULL, NULL, INITIATIVE("2020-04-02") RECORDED("2020-06-01"), NULL,
		   "2020-06-30"), "error",
	       "step 'record.on_takeup' gave 'late', which it declares it cannot (recording is instant): the policy is wrong here");
}
END_TEST

/* HEAD is lines 1-5; the step under test begins on line 6. */
#define STEP "step \"a.b\" {" LIMIT

START_TEST(test_misuse_names_line_and_nearest)
{
	load_fails(HEAD STEP " from = \"allegation\", done_by = { type = \"progress_report\" },\n"
		   " every = { perod = months(6) } }\n",
		   6, "unknown field 'perod' in step 'a.b' every (did you mean 'period'?)");
	load_fails(HEAD STEP " from = \"allegation\", done_by = { type = \"progress_report\" },\n"
		   " every = { first = months(12) } }\n",
		   6, "step 'a.b': every needs a 'period'");
	load_fails(HEAD STEP " from = \"allegation\", done_by = { type = \"progress_report\" },\n"
		   " every = { period = months(0) } }\n",
		   6, "step 'a.b': every.period must be months(1) or more, got months(0)");
	load_fails(HEAD STEP " from = \"allegation\", done_by = { type = \"progress_report\" }, within = days(3),\n"
		   " every = { period = months(6) } }\n",
		   6, "a recurring duty ('every') has no 'within', 'breach' or 'check'");
	load_fails(HEAD STEP " per = \"case\", done_by = { type = \"progress_report\" },\n"
		   " every = { period = months(6) } }\n",
		   6, "a per = \"case\" step needs every.chain");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " says = { upcoming = \"Soon.\" } }\n",
		   6, "step 'a.b': says.upcoming belongs to a recurring duty ('every')");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " in_force_form = \"2017-10-01\" }\n",
		   6, "unknown field 'in_force_form' in step 'a.b' (did you mean 'in_force_from'?)");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " in_force_from = \"2017-10-01\", why_not_yte = \"not yet\" }\n",
		   6, "unknown field 'why_not_yte' in step 'a.b' (did you mean 'why_not_yet'?)");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " in_force_from = \"2017-10-01\" }\n",
		   6, "step 'a.b': 'in_force_from' needs 'why_not_yet'");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " in_force_from = \"1 October 2017\", why_not_yet = \"w\" }\n",
		   6, "step 'a.b': 'in_force_from' must be a YYYY-MM-DD date, got '1 October 2017'");
	/* the combinators fail on their own line */
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " applies = all(function() return true end) }\n",
		   8, "all expects a list of predicates { p1, p2, ... }, got function (for one predicate write all { p })");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " applies = any { function() return true end, \"serving\" } }\n",
		   8, "any: predicate 2 must be a function(m, ctx) returning ok, why, got string");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " applies = not_(function() return true end) }\n",
		   8, "not_ needs a reason as its second argument");
	load_fails(HEAD STEP " from = \"allegation\", done_by = { type = \"x\" },\n"
		   " within = first_of { days(3), days(4) } }\n",
		   8, "first_of takes at most one deadline (item 2 is a second)");
	load_fails(HEAD STEP " from = \"allegation\", done_by = { type = \"x\" },\n"
		   " within = first_of { \"conduct_closed\" } }\n",
		   6, "step 'a.b': first_of in 'within' needs one deadline among its items");
	load_fails(HEAD STEP " from = \"allegation\", done_by = { type = \"x\" },\n"
		   " within = first_of { days(3), 4 } }\n",
		   8, "first_of: item 2 must be an event type, a deadline such as days(28) or a function(m, ctx), got number");
	/* a mistyped word of the language: the nearest one */
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " applies = alll { function() return true end } }\n",
		   8, "attempt to call a nil value (global 'alll') (did you mean 'all'?)");
	load_fails(HEAD STEP " from = \"allegation\", done_by = { type = \"x\" },\n"
		   " within = frist_of { days(3) } }\n",
		   8, "(global 'frist_of') (did you mean 'first_of'?)");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " in_force_from = \"2017-10-01\", in_force_to = \"2016-01-01\", why_not_yet = \"w\" }\n",
		   6, "step 'a.b': 'in_force_to' (2016-01-01) is before 'in_force_from' (2017-10-01)");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " why_unsure = \"w\" }\n",
		   6, "step 'a.b': 'why_unsure' goes with 'in_force_from'");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " in_force_from = \"2017-10-01\", why_not_yet = \"{trigger} {trigger_wen}\" }\n",
		   6, "step 'a.b': 'why_not_yet' uses unknown placeholder {trigger_wen} (did you mean {trigger_when}?); "
		   "it can use {trigger}, {trigger_date}, {trigger_when}");
	/* cannot names statuses, each with its reason */
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " cannot = { pendng = \"never due\" } }\n",
		   6, "step 'a.b': cannot names 'pendng', which is not a status (expected pass, late, fail, pending, not_applicable, unknown) (did you mean 'pending'?)");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " cannot = { late = true } }\n",
		   6, "step 'a.b': cannot.late must be the reason the step can never be late, as text");
	/* says.already is only for a duty an earlier event can meet */
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\" },\n"
		   " says = { already = \"Done {done_when}.\" } }\n",
		   6, "step 'a.b': says.already is the sentence for a duty met before its trigger; it needs done_by.already = true");
	load_fails(HEAD STEP " from = \"allegation\", within = days(3), done_by = { type = \"x\", already = 1 } }\n",
		   6, "done_by");
	/* before_close as the deadline takes no trigger of its own */
	load_fails(HEAD STEP " from = \"allegation\", before_close = true, done_by = { type = \"x\" } }\n",
		   6, "before_close without 'within' makes the closing decision the deadline, so it has no 'from'");
}
END_TEST

/* A period that a param sets to 0 cannot make the recurring loop spin: the step errors. */
/*
** Breach scope "matter_and_case": an unlinking re the matter counts whenever
** it happened; one about the whole case (no re) only from the trigger's day
** on; one re another matter never. The first in date order is the one named.
*/
static const char BREACH[] = HEAD
	"step \"rec.linked\" { title = \"t\", cite = \"Act s.1\", duty = \"statutory\",\n"
	"  from = \"allegation\",\n"
	"  breach = { { type = \"record_unlinked\", scope = \"matter_and_case\", says = \"Unlinked: {event}.\" } },\n"
	"  says = { pass = \"Kept.\" },\n"
	"}\n";
#define UNLINKED(id, date, re) ",\n  {\"id\": \"" id "\", \"date\": \"" date "\", \"type\": \"record_unlinked\", " \
	"\"by\": \"F\", " re "\"system\": \"PNC\"}"
#define A2 ",\n  {\"id\": \"a2\", \"date\": \"2019-02-01\", \"type\": \"allegation_received\", \"by\": \"P\"," \
	" \"categories\": [\"assault\"]}"

START_TEST(test_breach_matter_and_case)
{
	/* the allegation a1 is of 2019-05-01 */
	expect(run(BREACH, "rec.linked", NULL, NULL, UNLINKED("u0", "2019-04-30", ""), NULL, "2020-01-01"),
	       "pass", "Kept.");
	expect(run(BREACH, "rec.linked", NULL, NULL, UNLINKED("u1", "2019-05-01", ""), NULL, "2020-01-01"),
	       "fail", "Unlinked: record_unlinked 'u1'.");
	expect(run(BREACH, "rec.linked", NULL, NULL, A2 UNLINKED("u2", "2019-06-01", "\"re\": \"a2\", "), NULL,
		   "2020-01-01"),
	       "pass", "Kept.");
	/* re the matter before its allegation's date still counts, and comes first */
	expect(run(BREACH, "rec.linked", NULL, NULL,
		   UNLINKED("u3", "2019-04-01", "\"re\": \"a1\", ") UNLINKED("u4", "2019-05-02", ""), NULL,
		   "2020-01-01"),
	       "fail", "Unlinked: record_unlinked 'u3'.");
	expect(run(BREACH, "rec.linked", NULL, NULL,
		   UNLINKED("u5", "2019-05-03", "\"re\": \"a1\", ") UNLINKED("u6", "2019-05-02", ""), NULL,
		   "2020-01-01"),
	       "fail", "Unlinked: record_unlinked 'u6'.");
	load_fails(HEAD "step \"a.b\" { title = \"t\", cite = \"Act s.1\", duty = \"statutory\", from = \"allegation\",\n"
		   " breach = { { type = \"record_unlinked\", scope = \"matter_or_case\" } } }\n",
		   6, "step 'a.b': breach 1 'scope' must be \"matter\", \"case\" or \"matter_and_case\""
		   " (did you mean 'matter_and_case'?)");
}
END_TEST

START_TEST(test_zero_period_param_is_an_error)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, CHAIN, strlen(CHAIN), "policies/duties.lua", &err);
	struct casecheck_case *c;
	struct casecheck_result *r;
	char text[4096];

	ck_assert_ptr_nonnull(p);
	snprintf(text, sizeof(text), CASE_FMT, ", \"vetting\": [{\"date\": \"2016-01-10\", \"level\": \"recruitment\"},"
		 " {\"date\": \"2017-01-10\", \"level\": \"renewal\"}]", "2019-05-01", "", "", "");
	c = casecheck_case_load_buffer(e, text, strlen(text), "t1.json", p, &errs);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(casecheck_policy_set_param(p, "renew_years", "0", &err), 0);
	r = casecheck_evaluate(e, p, c, "2019-06-01", &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(casecheck_result_finding(r, 0)->status, CASECHECK_ERROR);
	ck_assert_str_eq(casecheck_result_finding(r, 0)->message, "a recurring duty's period must be at least one day");
	casecheck_result_free(r);
	casecheck_case_free(c);
	casecheck_engine_free(e);
}
END_TEST

Suite *duties_suite(void)
{
	Suite *s = suite_create("duties");
	TCase *tc = tcase_create("duties");

	tcase_add_test(tc, test_recurring_schedule);
	tcase_add_test(tc, test_recurring_chain);
	tcase_add_test(tc, test_first_of_close_in_force_combinators);
	tcase_add_test(tc, test_in_force_from_before);
	tcase_add_test(tc, test_beforehand_window_unsure);
	tcase_add_test(tc, test_done_already);
	tcase_add_test(tc, test_cannot_is_checked);
	tcase_add_test(tc, test_misuse_names_line_and_nearest);
	tcase_add_test(tc, test_zero_period_param_is_an_error);
	tcase_add_test(tc, test_breach_matter_and_case);
	tcase_set_timeout(tc, 20);
	suite_add_tcase(s, tc);
	return s;
}
