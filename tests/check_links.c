/*
** check_links.c: a policy's 'links' table, which tells the HTML report where
** the text of a cited law can be read: the longest name that begins a
** citation wins, and a name matches only up to a word boundary.
*/
#include <check.h>
#include <string.h>
#include "casecheck.h"

Suite *links_suite(void);

static const char POLICY_LINKS[] =
	"policy { id = \"x\", title = \"x\", links = {\n"
	" [\"Act 2002\"] = \"https://example.org/act\",\n"
	" [\"Act 2002 Sch 3 para 13\"] = \"https://example.org/act/13\" } }\n"
	"regime \"r\" { from = \"2000-01-01\" }\n"
	"step \"a.b\" { title = \"t\", cite = \"Act 2002\", from = \"allegation\",\n"
	" duty = \"statutory\", limit = { basis = \"benchmark\", source = \"a test\" },\n"
	" within = days(3), done_by = { type = \"conduct_recorded\" } }\n";

START_TEST(test_longest_name_at_a_boundary)
{
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, POLICY_LINKS,
		strlen(POLICY_LINKS), "policies/links.lua", &err);
	size_t n = 0;

	ck_assert_msg(p != NULL, "%s", err.text);
	ck_assert_str_eq(casecheck_policy_link(p, "Act 2002 Sch 3 para 13(1)(c)", &n),
			 "https://example.org/act/13");
	ck_assert_uint_eq(n, strlen("Act 2002 Sch 3 para 13"));
	/* para 13A is another paragraph: only the Act matches */
	ck_assert_str_eq(casecheck_policy_link(p, "Act 2002 Sch 3 para 13A(4)", &n),
			 "https://example.org/act");
	ck_assert_uint_eq(n, strlen("Act 2002"));
	ck_assert_ptr_null(casecheck_policy_link(p, "Act 20021", &n));
	ck_assert_ptr_null(casecheck_policy_link(p, "Other Act", &n));
	ck_assert_uint_eq(n, 0);
	casecheck_engine_free(e);
}
END_TEST

START_TEST(test_links_must_be_urls)
{
	static const char bad[] = "policy { id = \"x\", title = \"x\", links = { [\"Act\"] = \"act.html\" } }\n";
	struct casecheck_error err;
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_policy *p = casecheck_policy_load_string(e, bad, strlen(bad),
								  "policies/bad.lua", &err);

	ck_assert_ptr_null(p);
	ck_assert_int_eq(err.line, 1);
	ck_assert_msg(strstr(err.text, "policy links map a citation to an http(s) URL, got Act = act.html"),
		      "got '%s'", err.text);
	casecheck_engine_free(e);
}
END_TEST

Suite *links_suite(void)
{
	Suite *s = suite_create("links");
	TCase *tc = tcase_create("links");

	tcase_add_test(tc, test_longest_name_at_a_boundary);
	tcase_add_test(tc, test_links_must_be_urls);
	suite_add_tcase(s, tc);
	return s;
}
