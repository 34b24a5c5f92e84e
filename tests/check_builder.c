/*
** check_builder.c: the embedding API as a training application uses it:
** building a case from its parts (and every mistake reported as the loader
** reports it in a fixture), copying it, asking the vocabulary for a menu,
** asking what is open as of a date, finding a policy by name.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <check.h>
#include <jansson.h>
#include "casecheck.h"

static const char *root_dir(void)
{
	const char *r = getenv("CASECHECK_ROOT");

	return r && *r ? r : ".";
}

static struct casecheck_engine *engine;
static struct casecheck_policy *policy;	/* examples/policies/example/record.lua */

static void setup(void)
{
	struct casecheck_error err;
	char path[1024];

	engine = casecheck_engine_new(NULL, &err);
	ck_assert_ptr_nonnull(engine);
	snprintf(path, sizeof(path), "%s/examples/policies/example/record.lua", root_dir());
	policy = casecheck_policy_load_file(engine, path, "examples/policies/example/record.lua", &err);
	ck_assert_msg(policy != NULL, "%s", err.text);
}

static void teardown(void)
{
	casecheck_engine_free(engine);
}

static const struct casecheck_subject_spec subject = {
	"Officer A", "PC", "F1", NULL, NULL, -1
};
static const struct casecheck_party_spec parties[] = {
	{ "F1", "force", "Example Constabulary", NULL },
	{ "F1-PSD", "psd", NULL, "F1" },
	{ "V1", "victim", NULL, NULL },
};

/* The case of examples/fixtures/record-on-time.json, up to its allegation. */
static struct casecheck_case *new_case(void)
{
	struct casecheck_errors errs = { 0 };
	struct casecheck_case *c;
	struct casecheck_event_builder *ev;

	c = casecheck_case_new(engine, "example-record-on-time",
			       "Recorded on the last day allowed, across the 2020 VE Day holiday",
			       &subject, parties, 3, policy, &errs);
	ck_assert_msg(c != NULL, "%zu errors: %s", errs.count, errs.count ? errs.items[0].text : "");
	ev = casecheck_event_builder_new("allegation_received", "a1", "2020-04-30");
	ck_assert_int_eq(casecheck_event_builder_set(ev, "by", "F1-PSD"), 0);
	ck_assert_int_eq(casecheck_event_builder_append(ev, "categories", "assault"), 0);
	ck_assert_int_eq(casecheck_event_builder_set(ev, "victim", "V1"), 0);
	ck_assert_int_eq(casecheck_case_add_event(c, ev, &errs), 0);
	casecheck_event_builder_free(ev);
	ck_assert_uint_eq(errs.count, 0);
	return c;
}

/* Add an event of TYPE re a1 by F1-PSD on DATE; returns what add_event returned. */
static int add(struct casecheck_case *c, const char *type, const char *id, const char *date,
	       struct casecheck_errors *errs)
{
	struct casecheck_event_builder *ev = casecheck_event_builder_new(type, id, date);
	int rc;

	casecheck_event_builder_set(ev, "by", "F1-PSD");
	casecheck_event_builder_set(ev, "re", "a1");
	rc = casecheck_case_add_event(c, ev, errs);
	casecheck_event_builder_free(ev);
	return rc;
}

START_TEST(test_built_equals_loaded)
{
	struct casecheck_errors errs = { 0 };
	struct casecheck_error err;
	struct casecheck_case *built = new_case(), *loaded;
	struct casecheck_result *a, *b;
	const struct casecheck_finding *fa, *fb;
	char path[1024];

	ck_assert_int_eq(add(built, "conduct_recorded", "r1", "2020-05-15", &errs), 0);
	snprintf(path, sizeof(path), "%s/examples/fixtures/record-on-time.json", root_dir());
	loaded = casecheck_case_load_file(engine, path, policy, &errs);
	ck_assert_ptr_nonnull(loaded);
	ck_assert_str_eq(casecheck_case_policy(built), "example/record");
	ck_assert_uint_eq(casecheck_case_event_count(built), 2);
	a = casecheck_evaluate(engine, policy, built, "2020-06-01", &err);
	b = casecheck_evaluate(engine, policy, loaded, "2020-06-01", &err);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(casecheck_result_count(a), 1);
	fa = casecheck_result_finding(a, 0);
	fb = casecheck_result_finding(b, 0);
	ck_assert_int_eq(fa->status, CASECHECK_PASS);
	ck_assert_str_eq(fa->due, "2020-05-15");
	ck_assert_str_eq(fa->due, fb->due);
	ck_assert_str_eq(fa->message, fb->message);
	ck_assert_str_eq(fa->cite, fb->cite);
	/* a built case is hashed like any other */
	ck_assert_uint_eq(strlen(casecheck_result_sha256(a)), 64);
	casecheck_result_free(a);
	casecheck_result_free(b);
	casecheck_case_free(built);
	casecheck_case_free(loaded);
}
END_TEST

/* The loader's message for tests/bad-fixtures/NAME.json, its first error. */
static void loader_error(const char *name, char *text, size_t n, char *jpath, size_t m)
{
	struct casecheck_errors errs = { 0 };
	char path[1024];

	snprintf(path, sizeof(path), "%s/tests/bad-fixtures/%s.json", root_dir(), name);
	ck_assert_ptr_null(casecheck_case_load_file(engine, path, NULL, &errs));
	ck_assert_uint_ge(errs.count, 1);
	snprintf(text, n, "%s", errs.items[0].text);
	snprintf(jpath, m, "%s", errs.items[0].path);
	casecheck_errors_free(&errs);
}

START_TEST(test_bad_field_as_loader)
{
	struct casecheck_errors errs = { 0 };
	struct casecheck_case *c;
	struct casecheck_event_builder *ev;
	char text[768], jpath[256];

	/* the fixture's subject force is MPS: build the same case */
	static const struct casecheck_subject_spec s = { "S", NULL, "MPS", NULL, NULL, -1 };
	static const struct casecheck_party_spec ps[] = {
		{ "MPS", "force", NULL, NULL }, { "MPS-DPS", "psd", NULL, "MPS" },
		{ "V1", "victim", NULL, NULL },
	};

	c = casecheck_case_new(engine, "bad", "t", &s, ps, 3, NULL, &errs);
	ck_assert_ptr_nonnull(c);
	ev = casecheck_event_builder_new("allegation_received", "a1", "2019-08-15");
	casecheck_event_builder_set(ev, "by", "MPS");
	casecheck_event_builder_append(ev, "categories", "assault");
	casecheck_event_builder_set(ev, "victim", "V1");
	casecheck_event_builder_append(ev, "catagories", "assault");
	ck_assert_int_eq(casecheck_case_add_event(c, ev, &errs), -1);
	loader_error("event-field", text, sizeof(text), jpath, sizeof(jpath));
	ck_assert_uint_eq(errs.count, 1);
	ck_assert_str_eq(errs.items[0].text, text);
	ck_assert_str_eq(errs.items[0].text,
			 "unknown field 'catagories' in allegation_received (did you mean 'categories'?)");
	ck_assert_str_eq(errs.items[0].path, jpath);
	ck_assert_str_eq(errs.items[0].source, "bad");
	ck_assert_int_eq(errs.items[0].kind, CASECHECK_E_INPUT);
	/* the case is as it was */
	ck_assert_uint_eq(casecheck_case_event_count(c), 0);
	casecheck_errors_free(&errs);
	casecheck_event_builder_free(ev);
	casecheck_case_free(c);
}
END_TEST

START_TEST(test_bad_values)
{
	struct casecheck_errors errs = { 0 };
	struct casecheck_case *c = new_case();
	struct casecheck_event_builder *ev;
	char buf[1024];

	ck_assert_int_eq(add(c, "psd_refferal", "e1", "2020-05-01", &errs), -1);
	casecheck_error_format(&errs.items[0], buf, sizeof(buf));
	ck_assert_str_eq(buf, "example-record-on-time: /events/1/type: unknown event type "
			 "'psd_refferal' (did you mean 'psd_referral'?)");
	casecheck_errors_free(&errs);

	ck_assert_int_eq(add(c, "conduct_recorded", "r1", "2020-02-30", &errs), -1);
	ck_assert_str_eq(errs.items[0].path, "/events/1/date");
	ck_assert_str_eq(errs.items[0].text, "invalid date '2020-02-30': day 30 is not in February");
	casecheck_errors_free(&errs);

	/* a duplicate id, an unknown party, an unknown allegation, a bad enum value */
	ck_assert_int_eq(add(c, "conduct_recorded", "a1", "2020-05-01", &errs), -1);
	ck_assert_str_eq(errs.items[0].text, "duplicate event id 'a1' (first used at /events/0)");
	casecheck_errors_free(&errs);
	ev = casecheck_event_builder_new("criminal_nfa", "n1", "2020-05-01");
	casecheck_event_builder_set(ev, "by", "F1-PDS");
	casecheck_event_builder_set(ev, "re", "a2");
	casecheck_event_builder_set(ev, "reason", "evidentail");
	casecheck_event_builder_set_bool(ev, "on_duty", 1);
	ck_assert_int_eq(casecheck_case_add_event(c, ev, &errs), -1);
	ck_assert_uint_eq(errs.count, 4);
	ck_assert_str_eq(errs.items[0].text, "unknown party 'F1-PDS' (did you mean 'F1-PSD'?)");
	ck_assert_str_eq(errs.items[1].text, "unknown allegation 'a2' (did you mean 'a1'?)");
	ck_assert_str_eq(errs.items[2].text, "unknown reason 'evidentail' (did you mean 'evidential'?)");
	ck_assert_str_eq(errs.items[3].path, "/events/1/on_duty");
	ck_assert_str_eq(errs.items[3].text,
			 "unknown field 'on_duty' in criminal_nfa (expected one of id, date, type, note, source, assumption, by, re, reason)");
	casecheck_errors_free(&errs);
	/* a missing required field */
	casecheck_event_builder_unset(ev, "on_duty");
	casecheck_event_builder_set(ev, "by", "F1-PSD");
	casecheck_event_builder_set(ev, "reason", "evidential");
	casecheck_event_builder_unset(ev, "re");
	ck_assert_int_eq(casecheck_case_add_event(c, ev, &errs), -1);
	ck_assert_str_eq(errs.items[0].text, "missing required field 're' in criminal_nfa");
	casecheck_errors_free(&errs);
	casecheck_event_builder_set(ev, "re", "a1");
	ck_assert_int_eq(casecheck_case_add_event(c, ev, &errs), 0);
	ck_assert_uint_eq(casecheck_case_event_count(c), 2);
	casecheck_event_builder_free(ev);
	casecheck_case_free(c);
}
END_TEST

START_TEST(test_bad_new)
{
	struct casecheck_errors errs = { 0 };
	static const struct casecheck_subject_spec s = { "S", NULL, "F2", "2002-13", NULL, 1 };
	static const struct casecheck_party_spec ps[] = {
		{ "F1", "forse", NULL, NULL }, { "F1-PSD", "psd", NULL, "F1" },
		{ "F1-PSD", "psd", NULL, "F1" },
	};

	ck_assert_ptr_null(casecheck_case_new(engine, "Bad Id", NULL, &s, ps, 2, NULL, &errs));
	ck_assert_uint_eq(errs.count, 5);
	ck_assert_str_eq(errs.items[0].text, "missing required field 'title'");
	ck_assert_str_eq(errs.items[1].path, "/id");
	ck_assert_str_eq(errs.items[1].text, "invalid case id 'Bad Id' (expected [a-z0-9][a-z0-9._-]*)");
	ck_assert_str_eq(errs.items[2].path, "/parties/F1/kind");
	ck_assert_str_eq(errs.items[2].text, "unknown party kind 'forse' (did you mean 'force'?)");
	ck_assert_str_eq(errs.items[3].path, "/subject/force");
	ck_assert_str_eq(errs.items[3].text, "unknown party 'F2' (did you mean 'F1'?)");
	ck_assert_str_eq(errs.items[4].path, "/subject/joined");
	ck_assert_str_eq(errs.items[4].text, "invalid date '2002-13': month must be 01 to 12");
	casecheck_errors_free(&errs);
	/* a party twice: what jansson says of a fixture with the key twice */
	ck_assert_ptr_null(casecheck_case_new(engine, "c", "t", &subject, ps + 1, 2, NULL, &errs));
	ck_assert_uint_eq(errs.count, 1);
	ck_assert_str_eq(errs.items[0].text, "duplicate object key near '\"F1-PSD\"'");
	casecheck_errors_free(&errs);
}
END_TEST

START_TEST(test_text_verbatim)
{
	static const char nasty[] = "x\",\"by\":\"LM\"}]}//";
	struct casecheck_errors errs = { 0 };
	struct casecheck_case *c = new_case();
	struct casecheck_event_builder *ev = casecheck_event_builder_new("conduct_recorded", "r1",
									 "2020-05-15");
	struct casecheck_event out;
	char *text;
	json_t *doc;
	json_error_t jerr;

	casecheck_event_builder_set(ev, "by", "F1-PSD");
	casecheck_event_builder_set(ev, "re", "a1");
	casecheck_event_builder_set(ev, "note", nasty);
	ck_assert_int_eq(casecheck_case_add_event(c, ev, &errs), 0);
	casecheck_event_builder_free(ev);
	/* the note did not become a `by`: the event is still the PSD's */
	ck_assert_int_eq(casecheck_case_event(c, 1, &out), 0);
	ck_assert_str_eq(out.by, "F1-PSD");
	text = casecheck_case_json(c);
	doc = json_loads(text, 0, &jerr);
	ck_assert_ptr_nonnull(doc);
	ck_assert_str_eq(json_string_value(json_object_get(
		json_array_get(json_object_get(doc, "events"), 1), "note")), nasty);
	json_decref(doc);
	/* and the text loads back as a fixture */
	{
		struct casecheck_case *again = casecheck_case_load_buffer(engine, text, strlen(text),
									  "again", policy, &errs);

		ck_assert_ptr_nonnull(again);
		ck_assert_uint_eq(casecheck_case_event_count(again), 2);
		casecheck_case_free(again);
	}
	free(text);
	/* a party id or an id that is such text is an error, never a break */
	ck_assert_int_eq(add(c, "conduct_recorded", nasty, "2020-05-16", &errs), 0);
	ck_assert_int_eq(add(c, nasty, "z", "2020-05-16", &errs), -1);
	ck_assert_str_eq(errs.items[0].path, "/events/3/type");
	casecheck_errors_free(&errs);
	casecheck_case_free(c);
}
END_TEST

START_TEST(test_copy_what_if)
{
	struct casecheck_errors errs = { 0 };
	struct casecheck_error err;
	struct casecheck_case *c = new_case(), *what_if;
	struct casecheck_result *r;

	what_if = casecheck_case_copy(c, &errs);
	ck_assert_ptr_nonnull(what_if);
	ck_assert_int_eq(add(what_if, "conduct_recorded", "r1", "2020-05-18", &errs), 0);
	ck_assert_uint_eq(casecheck_case_event_count(c), 1);
	ck_assert_uint_eq(casecheck_case_event_count(what_if), 2);
	r = casecheck_evaluate(engine, policy, what_if, "2020-06-01", &err);
	ck_assert_int_eq(casecheck_result_finding(r, 0)->status, CASECHECK_LATE);
	ck_assert_int_eq((int)casecheck_result_finding(r, 0)->days_late, 3);
	casecheck_result_free(r);
	r = casecheck_evaluate(engine, policy, c, "2020-06-01", &err);
	ck_assert_int_eq(casecheck_result_finding(r, 0)->status, CASECHECK_FAIL);
	casecheck_result_free(r);
	/* the copy outlives the original */
	casecheck_case_free(c);
	ck_assert_str_eq(casecheck_case_id(what_if), "example-record-on-time");
	casecheck_case_free(what_if);
}
END_TEST

/*
** A case loaded from a file keeps its document, though not its parse tree:
** its JSON is the file's (the note no step reads included), its hash is the
** file's, and a copy or an added event starts from it.
*/
START_TEST(test_loaded_file_document)
{
	struct casecheck_errors errs = { 0 };
	struct casecheck_case *loaded, *what_if;
	struct casecheck_event out;
	json_t *file, *doc;
	char path[1024], *text, *expect;

	snprintf(path, sizeof(path), "%s/examples/fixtures/record-on-time.json", root_dir());
	loaded = casecheck_case_load_file(engine, path, policy, &errs);
	ck_assert_ptr_nonnull(loaded);
	ck_assert_uint_eq(strlen(casecheck_case_sha256(loaded)), 64);
	text = casecheck_case_json(loaded);
	ck_assert_ptr_nonnull(text);
	doc = json_loads(text, 0, NULL);
	file = json_load_file(path, 0, NULL);
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(json_equal(doc, file), 1);
	ck_assert_ptr_nonnull(strstr(text, "VE Day) is a holiday, so due 15 May"));
	json_decref(doc);
	json_decref(file);
	free(text);
	expect = casecheck_case_expect_json(loaded);
	ck_assert_str_eq(expect, "{\"findings\":[{\"step\":\"record.conduct_matter\",\"re\":\"a1\","
			 "\"status\":\"pass\",\"due\":\"2020-05-15\"}],\"complete\":true}");
	free(expect);
	ck_assert_int_eq(casecheck_case_event(loaded, 1, &out), 0);
	ck_assert_str_eq(out.date, "2020-05-15");
	ck_assert_str_eq(casecheck_case_matter_date(loaded, "a1"), "2020-04-30");

	what_if = casecheck_case_copy(loaded, &errs);
	ck_assert_ptr_nonnull(what_if);
	ck_assert_int_eq(add(loaded, "conduct_recorded", "r2", "2020-05-18", &errs), 0);
	ck_assert_uint_eq(casecheck_case_event_count(loaded), 3);
	ck_assert_uint_eq(casecheck_case_event_count(what_if), 2);
	casecheck_case_free(loaded);
	ck_assert_str_eq(casecheck_case_id(what_if), "example-record-on-time");
	casecheck_case_free(what_if);
	ck_assert_uint_eq(errs.count, 0);
}
END_TEST

START_TEST(test_vocabulary)
{
	struct casecheck_event_type_info t;
	struct casecheck_field_info f;
	size_t i, j, n = casecheck_vocab_type_count(NULL);
	long k;
	int saw_to = 0;

	ck_assert_uint_ge(n, 40);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(casecheck_vocab_type(NULL, i, &t), 0);
		ck_assert_msg(t.description && *t.description, "%s has no description", t.name);
		ck_assert_uint_ge(t.n_fields, 5);
		for (j = 0; j < t.n_fields; j++) {
			ck_assert_int_eq(casecheck_vocab_field(NULL, t.name, j, &f), 0);
			ck_assert_msg(*f.description, "%s.%s", t.name, f.name);
		}
		ck_assert_int_eq(casecheck_vocab_field(NULL, t.name, t.n_fields, &f), -1);
	}
	ck_assert_int_eq(casecheck_vocab_type(NULL, n, &t), -1);
	k = casecheck_vocab_type_find(NULL, "psd_referral", &t);
	ck_assert_int_ge(k, 0);
	ck_assert_str_eq(t.description,
			 "the matter is passed to the professional standards department (to) by the force's own people");
	for (j = 0; j < t.n_fields; j++) {
		casecheck_vocab_field(NULL, "psd_referral", j, &f);
		if (strcmp(f.name, "to") == 0) {
			saw_to = 1;
			ck_assert_int_eq(f.type, CASECHECK_VALUE_PARTY);
			ck_assert_str_eq(f.type_name, "party");
			ck_assert_int_eq(f.required, 1);
			ck_assert_int_eq(f.common, 0);
		}
	}
	ck_assert(saw_to);
	casecheck_vocab_field(NULL, "criminal_nfa", 8, &f);
	ck_assert_str_eq(f.name, "reason");
	ck_assert_int_eq(f.type, CASECHECK_VALUE_ENUM);
	ck_assert_str_eq(f.values[0], "evidential");
	ck_assert_ptr_null(f.values[4]);
	casecheck_vocab_field(NULL, "allegation_received", 7, &f);
	ck_assert_str_eq(f.name, "categories");
	ck_assert_str_eq(f.values[1], "sexual_offence");
	casecheck_vocab_field(NULL, "allegation_received", 0, &f);
	ck_assert_str_eq(f.name, "id");
	ck_assert_int_eq(f.common, 1);
	ck_assert_int_eq(casecheck_vocab_type_find(NULL, "nope", NULL), -1);
	ck_assert_int_eq(casecheck_vocab_field(NULL, "nope", 0, &f), -1);
	/* a policy's vocabulary is the built-in one (this policy declares nothing) */
	ck_assert_uint_eq(casecheck_vocab_type_count(policy), n);
}
END_TEST

START_TEST(test_open_duties)
{
	struct casecheck_errors errs = { 0 };
	struct casecheck_error err;
	struct casecheck_case *c = new_case();
	struct casecheck_result *r;
	struct casecheck_open_duty *d;
	size_t n;

	r = casecheck_evaluate(engine, policy, c, "2020-05-05", &err);
	d = casecheck_open_duties(engine, r, &n, &err);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(d[0].step, "record.conduct_matter");
	ck_assert_str_eq(d[0].re, "a1");
	ck_assert_int_eq(d[0].status, CASECHECK_PENDING);
	ck_assert_str_eq(d[0].due, "2020-05-15");
	ck_assert_int_eq(d[0].hi_year, 2020);
	ck_assert_int_eq(d[0].hi_month, 5);
	ck_assert_int_eq(d[0].hi_day, 15);
	ck_assert_int_eq(d[0].due_lo, d[0].due_hi);
	/* 6, 7, 11-15 May: VE Day (8 May 2020) is a bank holiday */
	ck_assert_int_eq(d[0].has_working_days_left, 1);
	ck_assert_int_eq((int)d[0].working_days_left, 7);
	ck_assert_int_eq((int)d[0].days_left, 10);
	ck_assert_str_eq(d[0].cite, "Police Reform Act 2002 Sch 3 para 11; PCMR 2020 reg 7");
	ck_assert_str_eq(d[0].regime, "2020");
	/* the kind of duty and where its time limit comes from, as the policy declares them */
	ck_assert_str_eq(d[0].duty, "statutory");
	ck_assert_str_eq(d[0].deadline_basis, "benchmark");
	ck_assert_str_eq(d[0].deadline_source, "casecheck default (param record_days); the law sets no time limit");
	free(d);
	casecheck_result_free(r);

	/* overdue and still not done: open, with a negative count */
	r = casecheck_evaluate(engine, policy, c, "2020-05-19", &err);
	d = casecheck_open_duties(engine, r, &n, &err);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(d[0].status, CASECHECK_FAIL);
	ck_assert_int_eq((int)d[0].working_days_left, -2);
	free(d);
	casecheck_result_free(r);

	/* done: nothing open */
	ck_assert_int_eq(add(c, "conduct_recorded", "r1", "2020-05-15", &errs), 0);
	r = casecheck_evaluate(engine, policy, c, "2020-05-19", &err);
	d = casecheck_open_duties(engine, r, &n, &err);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(n, 0);
	free(d);
	casecheck_result_free(r);
	casecheck_case_free(c);
}
END_TEST

START_TEST(test_policy_find)
{
	struct casecheck_error err;
	char search[2048], *path;

	snprintf(search, sizeof(search), "/nonexistent::%s/examples/policies:%s/policies",
		 root_dir(), root_dir());
	path = casecheck_policy_find("example/record", search, &err);
	ck_assert_ptr_nonnull(path);
	ck_assert(strstr(path, "/examples/policies/example/record.lua") != NULL);
	ck_assert_int_eq(access(path, R_OK), 0);
	free(path);
	path = casecheck_policy_find("england-wales/conduct", search, &err);
	ck_assert(strstr(path, "/policies/england-wales/conduct.lua") != NULL);
	free(path);
	ck_assert_ptr_null(casecheck_policy_find("example/recrod", "/a:/b", &err));
	ck_assert_str_eq(err.text, "policy 'example/recrod' not found in /a, /b");
	ck_assert_int_eq(err.kind, CASECHECK_E_INPUT);
	ck_assert_ptr_null(casecheck_policy_find("../etc/passwd", search, &err));
	ck_assert_str_eq(err.text, "bad policy name '../etc/passwd': expected a name like 'DIR/NAME' (DIR/NAME.lua on the policy path)");
	ck_assert_ptr_null(casecheck_policy_find("/etc/passwd", search, &err));
	ck_assert_ptr_null(casecheck_policy_find("x", NULL, &err));
	ck_assert_str_eq(err.text, "policy 'x' not found in an empty search path");
	ck_assert(strstr(casecheck_policy_dir(), "/casecheck/policies") != NULL);
}
END_TEST

START_TEST(test_version)
{
	char num[16];

	ck_assert_str_eq(casecheck_version(), CASECHECK_VERSION_STRING);
	snprintf(num, sizeof(num), "%d.%d.%d", CASECHECK_VERSION_MAJOR, CASECHECK_VERSION_MINOR,
		 CASECHECK_VERSION_PATCH);
	ck_assert_str_eq(num, CASECHECK_VERSION_STRING);
	ck_assert_int_eq(CASECHECK_VERSION_NUM, CASECHECK_VERSION_MAJOR * 10000 +
			 CASECHECK_VERSION_MINOR * 100 + CASECHECK_VERSION_PATCH);
}
END_TEST

Suite *builder_suite(void);

Suite *builder_suite(void)
{
	Suite *s = suite_create("builder");
	TCase *tc = tcase_create("builder");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_built_equals_loaded);
	tcase_add_test(tc, test_bad_field_as_loader);
	tcase_add_test(tc, test_bad_values);
	tcase_add_test(tc, test_bad_new);
	tcase_add_test(tc, test_text_verbatim);
	tcase_add_test(tc, test_copy_what_if);
	tcase_add_test(tc, test_loaded_file_document);
	tcase_add_test(tc, test_vocabulary);
	tcase_add_test(tc, test_open_duties);
	tcase_add_test(tc, test_policy_find);
	tcase_add_test(tc, test_version);
	suite_add_tcase(s, tc);
	return s;
}
