/*
** check_json_writer.c: json_put_string's escapes, byte for byte: plain runs
** (written in one go) around every kind of escape, multi-byte UTF-8 kept,
** C0, DEL and C1 controls as \u00XX, each invalid byte as \ufffd.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <check.h>
#include "json_writer.h"

static void assert_put(const char *in, const char *want)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(fp);
	json_put_string(fp, in);
	fclose(fp);
	ck_assert_str_eq(buf, want);
	free(buf);
}

START_TEST(test_escapes)
{
	assert_put("", "\"\"");
	assert_put("plain text, 12: ok", "\"plain text, 12: ok\"");
	assert_put("a\"b\\c", "\"a\\\"b\\\\c\"");
	assert_put("l1\nl2\r\t\b\f.", "\"l1\\nl2\\r\\t\\b\\f.\"");
	assert_put("\033[2J x\001", "\"\\u001b[2J x\\u0001\"");
	assert_put("del\177 c1\302\205 end", "\"del\\u007f c1\\u0085 end\"");
	assert_put("caf\303\251 \342\202\254 \360\237\230\200!", "\"caf\303\251 \342\202\254 \360\237\230\200!\"");
	assert_put("bad\377x\303", "\"bad\\ufffdx\\ufffd\"");
	assert_put("\"", "\"\\\"\"");
}
END_TEST

/* Found by check_main.c through the generated suites.h. */
Suite *json_writer_suite(void);

Suite *json_writer_suite(void)
{
	Suite *s = suite_create("json_writer");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_escapes);
	suite_add_tcase(s, tc);
	return s;
}
