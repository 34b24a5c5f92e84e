/*
** check_case.c: the case model as a fixture author sees it: every bad
** fixture under tests/bad-fixtures names its fault at the right JSON pointer,
** and the good ones come out ordered, indexed and with the right awareness.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "case.h"
#include "sha256.h"
#include "vocab.h"

static const char *root_dir(void)
{
	const char *r = getenv("CASECHECK_ROOT");

	return r && *r ? r : ".";
}

static void fixture_path(char *buf, size_t n, const char *dir, const char *name)
{
	snprintf(buf, n, "%s/tests/%s/%s.json", root_dir(), dir, name);
}

static int day(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/*
** One bad fixture per class of error: its one error, exactly. Files named
** ref-* and calendar-* break rules a JSON Schema cannot state (references
** between ids, days of the calendar); a schema test may skip them.
*/
static const struct bad_case {
	const char *name, *path, *text;
	int line, column;
} bad_cases[] = {
	{ "syntax", "", "'}' expected near '\"title\"'", 4, 9 },
	{ "duplicate-key", "", "duplicate object key near '\"id\"'", 4, 6 },
	{ "not-object", "", "expected an object (a casecheck/case@1 fixture), got an array", 0, 0 },
	{ "format", "/format", "unsupported format 'casecheck/case@2' (expected \"casecheck/case@1\")", 0, 0 },
	{ "case-id", "/id", "invalid case id 'Bad Id' (expected [a-z0-9][a-z0-9._-]*)", 0, 0 },
	{ "top-level-key", "/sumary", "unknown field 'sumary' (did you mean 'summary'?)", 0, 0 },
	{ "missing-title", "", "missing required field 'title'", 0, 0 },
	{ "event-type", "/events/1/type",
	  "unknown event type 'psd_refferal' (did you mean 'psd_referral'?)", 0, 0 },
	{ "event-field", "/events/0/catagories",
	  "unknown field 'catagories' in allegation_received (did you mean 'categories'?)", 0, 0 },
	{ "event-field-far", "/events/1/zzz",
	  "unknown field 'zzz' in psd_referral (expected one of id, date, type, note, source, assumption, by, to, re)", 0, 0 },
	{ "category", "/events/0/categories/0", "unknown category 'asault' (did you mean 'assault'?)", 0, 0 },
	{ "route-outcome", "/events/2/outcome",
	  "unknown outcome 'no_indications' (did you mean 'no_indication'?)", 0, 0 },
	{ "gap-field", "/gaps/0",
	  "unknown field 'reason' of suspension_decision in a gap (expected one of by, re, decision, reasons)", 0, 0 },
	{ "gap-re", "/gaps/0/re/0", "unknown allegation 'a2' (did you mean 'a1'?)", 0, 0 },
	{ "duplicate-category", "/events/0/categories/2", "duplicate category 'assault' (first at index 0)", 0, 0 },
	{ "empty-categories", "/events/0/categories", "no categories (expected at least one)", 0, 0 },
	{ "ref-party", "/events/1/to", "unknown party 'MPS-DSP' (did you mean 'MPS-DPS'?)", 0, 0 },
	{ "ref-re", "/events/1/re", "unknown allegation 'a2' (did you mean 'a1'?)", 0, 0 },
	{ "ref-re-not-allegation", "/events/2/re",
	  "'e1' is not an allegation (it is a psd_referral; expected the id of an allegation_received)", 0, 0 },
	{ "json-type", "/events/0/on_duty", "expected a boolean, got an integer", 0, 0 },
	{ "calendar-date", "/events/1/date", NULL, 0, 0 },	/* text from date_parse: prefix checked */
	{ "calendar-range", "/events/0/date",
	  "date '1850-03-01' is outside the years the working-day calendar covers (1900 to 2200)", 0, 0 },
	{ "date-shape", "/as_of", "invalid date '20/07/2023': expected YYYY-MM-DD, YYYY-MM or YYYY", 0, 0 },
	{ "ref-duplicate-event-id", "/events/2/id", "duplicate event id 'e1' (first used at /events/1)", 0, 0 },
	{ "party-kind", "/parties/V1/kind", "unknown party kind 'vitcim' (did you mean 'victim'?)", 0, 0 },
	{ "ref-party-of", "/parties/MPS-DPS/of",
	  "party 'V1' is not a force (it is a victim; expected a party of kind force)", 0, 0 },
	{ "party-key", "/parties/V1/nmae", "unknown field 'nmae' in party (did you mean 'name'?)", 0, 0 },
	{ "ref-pointer-escape", "/parties/A~1B~0C/of", "unknown party 'NOPE' (expected an id from /parties)", 0, 0 },
	{ "ref-subject-force", "/subject/force",
	  "party 'MPS-DPS' is not a force (it is a psd; expected a party of kind force)", 0, 0 },
	{ "subject-key", "/subject/rnak", "unknown field 'rnak' in subject (did you mean 'rank'?)", 0, 0 },
	{ "vetting", "/subject/vetting/0/date", "invalid date '2001-13': month must be 01 to 12", 0, 0 },
	{ "gaps", "/gaps/0", "unknown event type 'victim_contact' (did you mean 'victim_contacted'?)", 0, 0 },
	{ "enum", "/events/2/outcome", "unknown outcome 'misconduc' (did you mean 'misconduct'?)", 0, 0 },
	{ "missing-event-field", "/events/1", "missing required field 'to' in psd_referral", 0, 0 },
	{ "expect-status", "/expect/findings/0/status", "unknown status 'passed' (did you mean 'pass'?)", 0, 0 },
	{ "ref-expect-re", "/expect/findings/0/re",
	  "'e1' is not an allegation (it is a psd_referral; expected the id of an allegation_received)", 0, 0 },
	{ "expect-key", "/expect/complte", "unknown field 'complte' in expect (did you mean 'complete'?)", 0, 0 },
};

START_TEST(test_bad_fixture)
{
	const struct bad_case *bc = &bad_cases[_i];
	struct casecheck_errors errs = { 0 };
	struct case_file *cf;
	char path[1024];

	fixture_path(path, sizeof(path), "bad-fixtures", bc->name);
	cf = case_load_file(path, NULL, &errs);
	ck_assert_ptr_null(cf);
	ck_assert_msg(errs.count == 1, "%s: %zu errors, first: %s", bc->name, errs.count,
		      errs.count ? errs.items[0].text : "");
	ck_assert_int_eq(errs.items[0].kind, CASECHECK_E_INPUT);
	ck_assert_str_eq(errs.items[0].source, path);
	ck_assert_str_eq(errs.items[0].path, bc->path);
	ck_assert_int_eq(errs.items[0].line, bc->line);
	ck_assert_int_eq(errs.items[0].column, bc->column);
	if (bc->text)
		ck_assert_str_eq(errs.items[0].text, bc->text);
	else
		ck_assert_msg(strncmp(errs.items[0].text, "invalid date '2019-02-30': day 30 ", 34) == 0,
			      "got %s", errs.items[0].text);
	casecheck_errors_free(&errs);
}
END_TEST

/* Every file in bad-fixtures is invalid and has its row above. */
START_TEST(test_every_bad_fixture_listed)
{
	char dir[1024];
	DIR *d;
	struct dirent *de;
	size_t n = 0, i;

	snprintf(dir, sizeof(dir), "%s/tests/bad-fixtures", root_dir());
	d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d))) {
		size_t len = strlen(de->d_name);
		int found = 0;

		if (len < 6 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++)
			if (strlen(bad_cases[i].name) == len - 5 &&
			    strncmp(bad_cases[i].name, de->d_name, len - 5) == 0)
				found = 1;
		if (strcmp(de->d_name, "three-faults.json") == 0)
			found = 1;
		/* schema-*.json are the JSON Schema test's own: tests/schema/run.sh
		** asserts that the engine rejects each of them too */
		if (strncmp(de->d_name, "schema-", 7) == 0)
			continue;
		ck_assert_msg(found, "%s has no test", de->d_name);
		n++;
	}
	closedir(d);
	ck_assert_uint_eq(n, sizeof(bad_cases) / sizeof(bad_cases[0]) + 1);
}
END_TEST

START_TEST(test_all_errors_at_once)
{
	struct casecheck_errors errs = { 0 };
	char path[1024], line[2048];

	fixture_path(path, sizeof(path), "bad-fixtures", "three-faults");
	ck_assert_ptr_null(case_load_file(path, NULL, &errs));
	ck_assert_uint_eq(errs.count, 3);
	ck_assert_str_eq(errs.items[0].path, "/events/0/date");
	ck_assert_str_eq(errs.items[0].text, "invalid date '2019-13-01': month must be 01 to 12");
	ck_assert_str_eq(errs.items[1].path, "/events/1/by");
	ck_assert_str_eq(errs.items[1].text, "unknown party 'MSP' (did you mean 'MPS'?)");
	ck_assert_str_eq(errs.items[2].path, "/gaps/0");
	ck_assert_str_eq(errs.items[2].text,
			 "unknown event type 'nothing_like_it' (expected a type of case-format.md or one the policy declares)");
	casecheck_error_format(&errs.items[1], line, sizeof(line));
	ck_assert_str_eq(line + strlen(path), ": /events/1/by: unknown party 'MSP' (did you mean 'MPS'?)");
	casecheck_errors_free(&errs);
}
END_TEST

START_TEST(test_missing_file)
{
	struct casecheck_errors errs = { 0 };

	ck_assert_ptr_null(case_load_file("/nonexistent/x.json", NULL, &errs));
	ck_assert_uint_eq(errs.count, 1);
	ck_assert_str_eq(errs.items[0].source, "/nonexistent/x.json");
	ck_assert_str_eq(errs.items[0].text, "cannot open '/nonexistent/x.json': No such file or directory");
	casecheck_errors_free(&errs);
}
END_TEST

static struct case_file *load_good(const char *name)
{
	struct casecheck_errors errs = { 0 };
	struct case_file *cf;
	char path[1024];

	fixture_path(path, sizeof(path), "good-fixtures", name);
	cf = case_load_file(path, NULL, &errs);
	ck_assert_msg(cf != NULL, "%s: %s %s", name, errs.count ? errs.items[0].path : "",
		      errs.count ? errs.items[0].text : "");
	ck_assert_uint_eq(errs.count, 0);
	casecheck_errors_free(&errs);
	return cf;
}

START_TEST(test_every_type)
{
	struct case_file *cf = load_good("every-type");
	const struct vocab *v = vocab_builtin();
	const struct case_index_list *l;
	const struct case_matter *m;
	size_t i;

	ck_assert_str_eq(cf->id, "every-type");
	ck_assert_str_eq(cf->policy, "england-wales/conduct");
	ck_assert_str_eq(cf->subject_force, "MPS");
	ck_assert_str_eq(cf->subject_rank, "PC");
	ck_assert_str_eq(cf->subject_psd, "MPS-DPS");
	ck_assert_int_eq(cf->has_joined, 1);
	ck_assert_int_eq(cf->joined.prec, DATE_YEAR);
	ck_assert_int_eq(cf->probation_ends.hi, day(2003, 1, 31));
	ck_assert_uint_eq(cf->n_vetting, 2);
	ck_assert_str_eq(cf->vetting[1].level, "renewal");
	ck_assert_int_eq(cf->vetting[1].date.lo, day(2017, 5, 4));
	ck_assert_uint_eq(cf->n_parties, 12);
	ck_assert_ptr_nonnull(cf->expect_text);
	ck_assert_int_eq(case_default_as_of(cf), day(2020, 6, 30));

	/* every built-in type is present once or more, and indexed */
	ck_assert_uint_eq(cf->n_events, 47);
	ck_assert_uint_eq(cf->n_types, vocab_type_count(v));
	for (i = 0; i < vocab_type_count(v); i++) {
		l = case_events_of_type(cf, vocab_type_at(v, i)->name);
		ck_assert_msg(l != NULL, "%s not indexed", vocab_type_at(v, i)->name);
		ck_assert_str_eq(cf->events[l->v[0]].type, vocab_type_at(v, i)->name);
	}
	for (i = 1; i < cf->n_types; i++)
		ck_assert_int_lt(strcmp(cf->by_type[i - 1].type, cf->by_type[i].type), 0);
	l = case_events_of_type(cf, "record_unlinked");
	ck_assert_uint_eq(l->n, 2);
	ck_assert_str_eq(cf->events[l->v[0]].id, "e34");
	ck_assert_str_eq(cf->events[l->v[1]].id, "e35");
	ck_assert_ptr_null(cf->events[l->v[1]].re);
	ck_assert_uint_eq(cf->events[l->v[1]].matter, CASE_NONE);
	ck_assert_ptr_null(case_events_of_type(cf, "no_such_type"));

	/* ordered by date, file order for equal dates */
	ck_assert_str_eq(cf->events[0].id, "a1");
	ck_assert_str_eq(cf->events[1].id, "e07");
	ck_assert_str_eq(cf->events[2].id, "e08");
	ck_assert_uint_eq(cf->events[1].file_index, 7);
	for (i = 1; i < cf->n_events; i++)
		ck_assert_int_le(cf->events[i - 1].date.lo, cf->events[i].date.lo);

	/* two matters, each with its events (awareness is the policy's: tests/check_eval.c) */
	ck_assert_uint_eq(cf->n_matters, 2);
	m = &cf->matters[0];
	ck_assert_str_eq(cf->events[m->allegation].id, "a1");
	ck_assert_uint_eq(m->n_events, 39);
	for (i = 0; i < m->n_events; i++)
		ck_assert_uint_eq(cf->events[m->events[i]].matter, 0);
	/* and by type, as the case is: every event once, types in order, dates in order */
	{
		size_t t, j, seen = 0;

		m = &cf->matters[0];
		for (t = 0; t < m->n_types; t++) {
			const struct case_index_list *ml = &m->by_type[t];

			if (t > 0)
				ck_assert_int_lt(strcmp(m->by_type[t - 1].type, ml->type), 0);
			ck_assert_uint_gt(ml->n, 0);
			for (j = 0; j < ml->n; j++) {
				ck_assert_str_eq(cf->events[ml->v[j]].type, ml->type);
				ck_assert_uint_eq(cf->events[ml->v[j]].matter, 0);
				if (j > 0)
					ck_assert_uint_lt(ml->v[j - 1], ml->v[j]);
			}
			seen += ml->n;
		}
		ck_assert_uint_eq(seen, m->n_events);
		ck_assert_str_eq(m->by_type[0].type, "acquitted");
	}
	m = &cf->matters[1];
	ck_assert_str_eq(cf->events[m->allegation].id, "a2");
	ck_assert_uint_eq(m->n_events, 1);
	ck_assert_uint_eq(m->n_types, 1);
	ck_assert_str_eq(m->by_type[0].type, "allegation_received");
	ck_assert_uint_eq(m->by_type[0].v[0], m->allegation);

	ck_assert_uint_eq(cf->n_gaps, 2);
	ck_assert_str_eq(cf->gaps[0], "victim_contacted");
	ck_assert_str_eq(cf->gaps[1], "iopc_referred");
	ck_assert_str_eq(cf->events[case_event_index(cf, "e22")].by, "MPS-DPS");
	ck_assert_str_eq(cf->events[case_event_index(cf, "e22")].re, "a1");
	case_free(cf);
}
END_TEST

START_TEST(test_imprecise)
{
	static const char *const order[] = {
		"t2", "b1", "b1-ref", "b1-rec", "c1", "c1-same-b", "c1-same-a", "c1-later",
		"d1-rec", "d1", "d1-sys"
	};
	struct case_file *cf = load_good("imprecise");
	const struct case_matter *m;
	size_t i;

	ck_assert_uint_eq(cf->n_events, 11);
	for (i = 0; i < cf->n_events; i++)
		ck_assert_str_eq(cf->events[i].id, order[i]);
	ck_assert_int_eq(cf->probationer, 1);
	ck_assert_int_eq(cf->has_as_of, 0);
	ck_assert_int_eq(case_default_as_of(cf), day(2010, 7, 8));
	ck_assert_uint_eq(cf->n_gaps, 0);
	ck_assert_ptr_null(cf->expect_text);

	ck_assert_uint_eq(cf->n_matters, 3);
	/* b1 */
	m = &cf->matters[0];
	ck_assert_uint_eq(m->n_events, 4);
	ck_assert_str_eq(cf->events[m->events[0]].id, "t2");
	ck_assert_str_eq(cf->events[m->events[3]].id, "b1-rec");
	/* c1 */
	m = &cf->matters[1];
	ck_assert_uint_eq(m->n_events, 4);
	/* d1 */
	m = &cf->matters[2];

	ck_assert_uint_eq(case_matter_index(cf, "c1"), 1);
	ck_assert_uint_eq(case_matter_index(cf, "c1-later"), CASE_NONE);
	ck_assert_uint_eq(case_event_index(cf, "nope"), CASE_NONE);
	ck_assert_str_eq(cf->events[case_event_index(cf, "c1-later")].id, "c1-later");
	ck_assert_str_eq(case_party(cf, "HERTS")->kind, "force");
	ck_assert_ptr_null(case_party(cf, "NOPE"));
	ck_assert_int_eq(case_party_of_force(cf, "MPS-LM", "MPS"), 1);
	ck_assert_int_eq(case_party_of_force(cf, "MPS", "MPS"), 1);
	ck_assert_int_eq(case_party_of_force(cf, "HERTS", "MPS"), 0);
	ck_assert_int_eq(case_party_of_force(cf, "V1", "MPS"), 0);
	case_free(cf);
}
END_TEST

START_TEST(test_minimal_and_sha)
{
	struct case_file *cf = load_good("minimal");
	char path[1024], hex[65];
	FILE *f;
	char buf[4096];
	size_t len;

	ck_assert_uint_eq(cf->n_events, 0);
	ck_assert_uint_eq(cf->n_matters, 0);
	ck_assert_ptr_null(cf->subject_psd);
	ck_assert_ptr_null(cf->subject_name);
	fixture_path(path, sizeof(path), "good-fixtures", "minimal");
	ck_assert_str_eq(cf->source, path);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	sha256_hex(buf, len, hex);
	ck_assert_str_eq(case_sha256(cf), hex);
	case_free(cf);
}
END_TEST

static const char small_case[] =
	"{\"format\": \"casecheck/case@1\", \"id\": \"buf\", \"title\": \"t\",\n"
	" \"subject\": {\"force\": \"F\"},\n"
	" \"parties\": {\"F\": {\"kind\": \"force\"}, \"P\": {\"kind\": \"psd\", \"of\": \"F\"}},\n"
	" \"events\": [{\"id\": \"a\", \"date\": \"2021-03-04\", \"type\": \"allegation_received\",\n"
	"   \"by\": \"F\", \"categories\": [\"other\"]},\n"
	"  {\"id\": \"x\", \"date\": \"2021-03-05\", \"type\": \"custom_step\", \"re\": \"a\", \"level\": \"high\"}]}\n";

START_TEST(test_buffer)
{
	struct casecheck_errors errs = { 0 };
	struct case_file *cf;
	static const char broken[] = "{\"format\": \"casecheck/case@1\",\n  ]";
	char hex[65];

	/* the policy's own type is unknown to the built-in vocabulary */
	ck_assert_ptr_null(case_load_buffer(small_case, strlen(small_case), "<test>", NULL, &errs));
	ck_assert_uint_eq(errs.count, 1);
	ck_assert_str_eq(errs.items[0].source, "<test>");
	ck_assert_str_eq(errs.items[0].path, "/events/1/type");
	ck_assert_str_eq(errs.items[0].text,
			 "unknown event type 'custom_step' (expected a type of case-format.md or one the policy declares)");
	casecheck_errors_free(&errs);

	ck_assert_ptr_null(case_load_buffer(broken, strlen(broken), NULL, NULL, &errs));
	ck_assert_uint_eq(errs.count, 1);
	ck_assert_str_eq(errs.items[0].source, "<buffer>");
	ck_assert_int_eq(errs.items[0].line, 2);
	ck_assert_int_eq(errs.items[0].column, 3);
	ck_assert_str_eq(errs.items[0].text, "string or '}' expected near ']'");
	casecheck_errors_free(&errs);

	cf = case_load_buffer(small_case, 40, "<cut>", NULL, &errs);
	ck_assert_ptr_null(cf);
	ck_assert_uint_eq(errs.count, 1);
	ck_assert_int_gt(errs.items[0].line, 0);
	casecheck_errors_free(&errs);

	/* loaded from the buffer, hashed from its bytes */
	{
		struct vocab *v = vocab_new();

		ck_assert_int_eq(vocab_add_type(v, "custom_step"), 0);
		ck_assert_int_eq(vocab_add_field(v, "custom_step", "level", VOCAB_STRING), 0);
		cf = case_load_buffer(small_case, strlen(small_case), "<test>", v, &errs);
		ck_assert_ptr_nonnull(cf);
		ck_assert_uint_eq(errs.count, 0);
		sha256_hex(small_case, strlen(small_case), hex);
		ck_assert_str_eq(case_sha256(cf), hex);
		ck_assert_str_eq(cf->subject_psd, "P");
		ck_assert_uint_eq(cf->matters[0].n_events, 2);
		ck_assert_str_eq(case_events_of_type(cf, "custom_step")->type, "custom_step");
		case_free(cf);
		vocab_free(v);
	}
}
END_TEST

START_TEST(test_vocab)
{
	const struct vocab *b = vocab_builtin();
	struct vocab *v = vocab_new();
	const struct vocab_field *f;
	const char *const *c;
	size_t i, n;

	for (i = 1; i < vocab_type_count(b); i++)
		ck_assert_msg(strcmp(vocab_type_at(b, i - 1)->name, vocab_type_at(b, i)->name) < 0,
			      "built-in types out of order at %s", vocab_type_at(b, i)->name);
	ck_assert_uint_eq(vocab_type_count(b), 44);
	f = vocab_field(vocab_type(b, "severity_assessed"), "outcome");
	ck_assert_int_eq(f->kind, VOCAB_ENUM);
	ck_assert_str_eq(f->values[3], "gross_misconduct");
	ck_assert_ptr_null(f->values[4]);
	ck_assert_int_eq(vocab_field(vocab_type(b, "psd_referral"), "to")->required, 1);
	ck_assert_int_eq(vocab_field(vocab_type(b, "record_unlinked"), "re")->required, 0);
	ck_assert_int_eq(vocab_field(vocab_type(b, "conduct_closed"), "date")->required, 1);
	ck_assert_ptr_null(vocab_field(vocab_type(b, "dismissed"), "re"));
	for (c = vocab_categories(), n = 0; *c; c++)
		n++;
	ck_assert_uint_eq(n, 16);
	ck_assert_str_eq(vocab_statuses()[4], "not_applicable");
	ck_assert_str_eq(vocab_party_kinds()[9], "college");
	vocab_common_fields(&n);
	ck_assert_uint_eq(n, 6);	/* id, date, type, note, source, assumption */

	ck_assert_int_eq(vocab_kind_parse("matter_list"), VOCAB_MATTER_LIST);
	ck_assert_int_eq(vocab_kind_parse("reasons"), VOCAB_REASONS);
	ck_assert_int_eq(vocab_kind_parse("enum"), -1);
	ck_assert_int_eq(vocab_kind_parse("strings"), -1);

	/* extending one vocabulary leaves the built-in one alone */
	ck_assert_int_eq(vocab_add_field(v, "psd_referral", "urgency", VOCAB_STRING), 0);
	ck_assert_int_eq(vocab_add_field(v, "psd_referral", "urgency", VOCAB_STRING), 0);
	ck_assert_int_eq(vocab_add_field(v, "psd_referral", "urgency", VOCAB_BOOL), -3);
	ck_assert_int_eq(vocab_add_field(v, "psd_referral", "to", VOCAB_STRING), -3);
	ck_assert_int_eq(vocab_add_field(v, "no_such_type", "x", VOCAB_STRING), -2);
	ck_assert_ptr_nonnull(vocab_field(vocab_type(v, "psd_referral"), "urgency"));
	ck_assert_ptr_null(vocab_field(vocab_type(b, "psd_referral"), "urgency"));
	for (i = 0; i < 20; i++) {
		char name[32];

		snprintf(name, sizeof(name), "zz_type_%02zu", i);
		ck_assert_int_eq(vocab_add_type(v, name), 0);
		ck_assert_int_eq(vocab_add_field(v, name, "when", VOCAB_DATE), 0);
		ck_assert_int_eq(vocab_add_field(v, name, "who", VOCAB_PARTY), 0);
	}
	ck_assert_int_eq(vocab_add_type(v, "aa_first"), 0);
	ck_assert_int_eq(vocab_add_type(v, "aa_first"), 0);
	ck_assert_str_eq(vocab_type_at(v, 0)->name, "aa_first");
	ck_assert_uint_eq(vocab_type_count(v), 44 + 21);
	ck_assert_int_eq(vocab_field(vocab_type(v, "zz_type_07"), "who")->kind, VOCAB_PARTY);
	ck_assert_int_eq(vocab_field(vocab_type(v, "zz_type_07"), "re")->kind, VOCAB_MATTER);
	ck_assert_int_eq(vocab_add_type(v, ""), -1);
	vocab_free(v);
}
END_TEST

/* A declared field's kind is enforced like a built-in one. */
START_TEST(test_declared_fields)
{
	static const char text[] =
		"{\"format\": \"casecheck/case@1\", \"id\": \"d\", \"title\": \"t\",\n"
		" \"subject\": {\"force\": \"F\"}, \"parties\": {\"F\": {\"kind\": \"force\"}},\n"
		" \"events\": [{\"id\": \"a\", \"date\": \"2021\", \"type\": \"allegation_received\",\n"
		"   \"by\": \"F\", \"categories\": [\"other\", \"other\"]},\n"
		"  {\"id\": \"x\", \"date\": \"2021-03\", \"type\": \"review\", \"when\": \"2021-02-29\",\n"
		"   \"who\": \"G\", \"prior\": [\"a\", \"x\"], \"why\": 3}]}\n";
	struct casecheck_errors errs = { 0 };
	struct vocab *v = vocab_new();

	vocab_add_type(v, "review");
	vocab_add_field(v, "review", "when", VOCAB_DATE);
	vocab_add_field(v, "review", "who", VOCAB_PARTY);
	vocab_add_field(v, "review", "prior", VOCAB_MATTER_LIST);
	vocab_add_field(v, "review", "why", VOCAB_REASONS);
	ck_assert_ptr_null(case_load_buffer(text, strlen(text), "d.json", v, &errs));
	ck_assert_uint_eq(errs.count, 5);
	ck_assert_str_eq(errs.items[0].path, "/events/0/categories/1");
	ck_assert_str_eq(errs.items[0].text, "duplicate category 'other' (first at index 0)");
	ck_assert_str_eq(errs.items[1].path, "/events/1/when");
	ck_assert_str_eq(errs.items[2].path, "/events/1/who");
	ck_assert_str_eq(errs.items[2].text, "unknown party 'G' (did you mean 'F'?)");
	ck_assert_str_eq(errs.items[3].path, "/events/1/prior/1");
	ck_assert_str_eq(errs.items[3].text,
			 "'x' is not an allegation (it is a review; expected the id of an allegation_received)");
	ck_assert_str_eq(errs.items[4].path, "/events/1/why");
	ck_assert_str_eq(errs.items[4].text, "expected a string or an array of strings, got an integer");
	casecheck_errors_free(&errs);
	vocab_free(v);
}
END_TEST

Suite *case_suite(void);

Suite *case_suite(void)
{
	Suite *s = suite_create("case");
	TCase *tc = tcase_create("bad");

	tcase_add_loop_test(tc, test_bad_fixture, 0, (int)(sizeof(bad_cases) / sizeof(bad_cases[0])));
	tcase_add_test(tc, test_every_bad_fixture_listed);
	tcase_add_test(tc, test_all_errors_at_once);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_declared_fields);
	suite_add_tcase(s, tc);
	tc = tcase_create("good");
	tcase_add_test(tc, test_every_type);
	tcase_add_test(tc, test_imprecise);
	tcase_add_test(tc, test_minimal_and_sha);
	tcase_add_test(tc, test_buffer);
	suite_add_tcase(s, tc);
	tc = tcase_create("vocab");
	tcase_add_test(tc, test_vocab);
	suite_add_tcase(s, tc);
	return s;
}
