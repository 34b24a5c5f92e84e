/*
** check_cli.c: the casecheck command line, run as a user runs it: the built
** binary ($CASECHECK_BIN) in the repository root ($CASECHECK_ROOT), with
** the tiny policy and fixtures of tests/cli/. Asserts exit codes and key lines.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <check.h>
#include <jansson.h>

#define CLI_MAX_ARGS 32
#define TINY "tests/cli/policies/cli/tiny.lua"
#define POLICY_PATH "CASECHECK_PATH=tests/cli/policies"

struct cli_run {
	int status;		/* exit code, or 128 + signal */
	char *out, *err;
};

/* The whole of FD's file from the start (new string). */
static char *read_all(int fd)
{
	char *buf = NULL, *v;
	size_t len = 0, cap = 0;
	ssize_t n;

	lseek(fd, 0, SEEK_SET);
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			v = realloc(buf, cap);
			ck_assert_ptr_nonnull(v);
			buf = v;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	buf[len] = '\0';
	return buf;
}

static int tmp_file(void)
{
	char name[] = "/tmp/check_cli.XXXXXX";
	int fd = mkstemp(name);

	ck_assert_int_ge(fd, 0);
	unlink(name);
	return fd;
}

/* setenv from "K=V". */
static int env_set(const char *kv)
{
	char key[64];
	const char *eq = strchr(kv, '=');

	if (!eq || (size_t)(eq - kv) >= sizeof(key))
		return -1;
	memcpy(key, kv, (size_t)(eq - kv));
	key[eq - kv] = '\0';
	return setenv(key, eq + 1, 1);
}

/*
** Run the CLI with ENV ("K=V" or NULL) and the NULL-terminated arguments,
** in the repository root, with NO_COLOR set and CASECHECK_PATH unset.
*/
static void cli(struct cli_run *r, const char *env, ...)
{
	const char *bin = getenv("CASECHECK_BIN"), *root = getenv("CASECHECK_ROOT");
	char *argv[CLI_MAX_ARGS + 2];
	int out = tmp_file(), err = tmp_file(), status, n = 1;
	const char *a;
	va_list ap;
	pid_t pid;

	ck_assert_msg(bin && root, "CASECHECK_BIN and CASECHECK_ROOT must be set (make check-unit)");
	argv[0] = (char *)"casecheck";
	va_start(ap, env);
	while ((a = va_arg(ap, const char *)) != NULL && n < CLI_MAX_ARGS)
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (chdir(root) != 0)
			_exit(126);
		unsetenv("CASECHECK_PATH");
		setenv("NO_COLOR", "1", 1);
		unsetenv("COLUMNS");
		if (env && env_set(env) != 0)
			_exit(126);
		dup2(out, 1);
		dup2(err, 2);
		execv(bin, argv);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	r->out = read_all(out);
	r->err = read_all(err);
	close(out);
	close(err);
}

static void cli_free(struct cli_run *r)
{
	free(r->out);
	free(r->err);
}

#define ck_assert_has(hay, needle) \
	ck_assert_msg(strstr((hay), (needle)) != NULL, "expected '%s' in:\n%s", (needle), (hay))

/* The last line of S (without its newline), copied into BUF. */
static const char *last_line(const char *s, char *buf, size_t size)
{
	size_t len = strlen(s);
	const char *start;

	while (len > 0 && s[len - 1] == '\n')
		len--;
	start = s + len;
	while (start > s && start[-1] != '\n')
		start--;
	snprintf(buf, size, "%.*s", (int)(s + len - start), start);
	return buf;
}

/* No line of S ends in a space. */
static int no_trailing_spaces(const char *s)
{
	for (; *s; s++)
		if (*s == ' ' && (s[1] == '\n' || s[1] == '\0'))
			return 0;
	return 1;
}

START_TEST(test_unknown_verb)
{
	struct cli_run r;

	cli(&r, NULL, "rnu", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "casecheck: unknown command 'rnu'; did you mean 'run'?");
	ck_assert_has(r.err, "see 'casecheck --help'");
	cli_free(&r);
}
END_TEST

START_TEST(test_unknown_option)
{
	struct cli_run r;

	cli(&r, NULL, "run", "--frobnicate", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "casecheck run: unknown option '--frobnicate'\n");
	ck_assert_has(r.err, "see 'casecheck run --help'");
	cli_free(&r);

	cli(&r, NULL, "run", "--polcy=x", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "did you mean '--policy'?");
	cli_free(&r);
}
END_TEST

START_TEST(test_missing_argument)
{
	struct cli_run r;

	cli(&r, NULL, "run", "tests/cli/fixtures", "--policy", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "casecheck run: option '--policy' needs a value");
	cli_free(&r);

	cli(&r, NULL, "run", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "casecheck run: no fixture given");
	cli_free(&r);

	cli(&r, NULL, "explain", "tests/cli/fixtures/pass-fail.json", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "missing --step");
	ck_assert_has(r.err, "see 'casecheck explain --help'");
	cli_free(&r);

	cli(&r, NULL, "run", "--as-of", "2019-13-01", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "bad --as-of '2019-13-01'");
	cli_free(&r);
}
END_TEST

START_TEST(test_help_and_version)
{
	static const char *const verbs[] = { "run", "test", "check", "explain", "steps" };
	struct cli_run r;
	size_t i;
	char want[64];

	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		cli(&r, NULL, verbs[i], "--help", NULL);
		ck_assert_int_eq(r.status, 0);
		snprintf(want, sizeof(want), "usage: casecheck %s", verbs[i]);
		ck_assert_has(r.out, want);
		cli_free(&r);
	}
	cli(&r, NULL, "help", "run", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_has(r.out, "usage: casecheck run");
	cli_free(&r);

	cli(&r, NULL, "--version", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_has(r.out, "casecheck ");
	cli_free(&r);

	cli(&r, NULL, NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "usage: casecheck");
	cli_free(&r);
}
END_TEST

START_TEST(test_bad_fixture)
{
	struct cli_run r;

	cli(&r, NULL, "check", "tests/cli/bad/bad-date.json", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "tests/cli/bad/bad-date.json: /events/0/date: ");
	ck_assert_has(r.err, "2019-02-30");
	ck_assert_has(r.out, "1 file checked, 1 with errors");
	cli_free(&r);

	/* a bad fixture does not stop the run; the exit code is the worst */
	cli(&r, NULL, "run", "--policy", TINY, "tests/cli/bad", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "tests/cli/bad/bad-date.json: /events/0/date: ");
	ck_assert_has(r.out, "cli-pass-fail");
	ck_assert_has(r.out, "1 fixture not evaluated");
	cli_free(&r);

	cli(&r, NULL, "run", "tests/cli/no-such-dir", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "cannot open 'tests/cli/no-such-dir'");
	cli_free(&r);
}
END_TEST

START_TEST(test_check_clean)
{
	struct cli_run r;

	cli(&r, POLICY_PATH, "check", TINY, "cli/tiny", "tests/cli/fixtures", "tests/cli/noexpect",
	    NULL);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ck_assert_has(r.out, "4 files checked, 0 with errors");
	cli_free(&r);

	cli(&r, NULL, "check", "tests/cli/policies/cli/broken.lua", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_has(r.err, "tests/cli/policies/cli/broken.lua:");
	ck_assert_has(r.out, "1 file checked, 1 with errors");
	cli_free(&r);
}
END_TEST

START_TEST(test_policy_error)
{
	struct cli_run r;

	/* a policy over its budget: exit 3, named by file and line */
	cli(&r, NULL, "run", "--policy", "tests/policies/loop.lua", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_has(r.err, "tests/policies/loop.lua:2: ");
	cli_free(&r);

	cli(&r, NULL, "run", "--policy", "tests/cli/policies/cli/broken.lua", "tests/cli/fixtures",
	    NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_has(r.err, "tests/cli/policies/cli/broken.lua:");
	cli_free(&r);
}
END_TEST

START_TEST(test_run_text)
{
	struct cli_run r;
	char buf[256];

	cli(&r, POLICY_PATH, "run", "tests/cli/fixtures", NULL);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	/* 80 columns when COLUMNS is unset and the output is not a terminal */
	ck_assert_has(r.out, "cli-pass-fail - Recorded in time, never referred\n"
		      "    (tests/cli/fixtures/pass-fail.json, as of 2019-07-01, policy cli/tiny)\n");
	ck_assert_has(r.out, "  matter a1 (alleged 2019-05-01)\n");
	ck_assert_has(r.out, "    PASS     record.conduct_matter  ");
	ck_assert_has(r.out, "    FAIL     refer.iopc_mandatory   ");
	ck_assert_has(r.out, "             due 2019-05-16, done 2019-05-03 - PRA 2002 Sch 3 para 11\n");
	ck_assert_has(r.out, "  2 findings: 1 pass, 1 fail\n");
	ck_assert_str_eq(last_line(r.out, buf, sizeof(buf)), "total: 1 case, 2 findings: 1 pass, 1 fail");
	ck_assert_ptr_null(strchr(r.out, '\033'));
	ck_assert(no_trailing_spaces(r.out));
	ck_assert_str_eq(r.err, "");
	cli_free(&r);

	cli(&r, POLICY_PATH, "run", "--color=always", "tests/cli/fixtures", NULL);
	ck_assert_has(r.out, "\033[32mPASS\033[0m");
	cli_free(&r);

	/* a parameter changes the deadline: recorded 2 days after, due after 1 */
	cli(&r, POLICY_PATH, "run", "--param", "record_days=1", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_has(r.out, "    LATE     record.conduct_matter  ");
	ck_assert_has(r.out, "(1 day late)");
	cli_free(&r);

	cli(&r, POLICY_PATH, "run", "--param", "no_such_param=1", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "no_such_param");
	cli_free(&r);

	cli(&r, NULL, "run", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "tests/cli/fixtures/pass-fail.json: /policy: policy 'cli/tiny' not found");
	cli_free(&r);
}
END_TEST

START_TEST(test_run_json)
{
	static const char *const keys[] = { "format", "engine", "policy", "cases" };
	struct cli_run r, again;
	json_error_t jerr;
	json_t *root, *v;
	void *it;
	size_t i = 0;

	cli(&r, POLICY_PATH, "run", "--format", "json", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 1);
	root = json_loads(r.out, 0, &jerr);
	ck_assert_msg(root != NULL, "not JSON: %s", jerr.text);
	for (it = json_object_iter(root); it; it = json_object_iter_next(root, it), i++) {
		ck_assert_uint_lt(i, 4);
		ck_assert_str_eq(json_object_iter_key(it), keys[i]);
	}
	ck_assert_uint_eq(i, 4);
	ck_assert_str_eq(json_string_value(json_object_get(root, "format")), "casecheck/report@1");
	v = json_object_get(root, "engine");
	ck_assert_str_eq(json_string_value(json_object_get(v, "name")), "casecheck");
	ck_assert_str_eq(json_string_value(json_object_get(v, "lua")), "5.4");
	ck_assert(json_is_string(json_object_get(v, "version")));
	v = json_object_get(root, "policy");
	ck_assert_str_eq(json_string_value(json_object_get(v, "id")), "cli/tiny");
	ck_assert_uint_eq(strlen(json_string_value(json_object_get(v, "sha256"))), 64);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(v, "params"),
							  "record_days")), 10);
	v = json_object_get(root, "cases");
	ck_assert_uint_eq(json_array_size(v), 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(v, 0), "id")),
			 "cli-pass-fail");
	json_decref(root);

	/* same inputs, same bytes */
	cli(&again, POLICY_PATH, "run", "--format", "json", "tests/cli/fixtures", NULL);
	ck_assert_str_eq(again.out, r.out);
	cli_free(&again);
	cli_free(&r);
}
END_TEST

START_TEST(test_test_verb)
{
	struct cli_run r;
	char buf[256];

	cli(&r, NULL, "test", "tests/cli/noexpect", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_has(r.err, "no fixture with expectations ran");
	ck_assert_str_eq(last_line(r.out, buf, sizeof(buf)), "0 passed, 0 failed, 1 skipped");
	cli_free(&r);

	cli(&r, POLICY_PATH, "test", "tests/cli/fixtures", NULL);
	ck_assert_msg(r.status == 0, "exit %d: %s%s", r.status, r.out, r.err);
	ck_assert_has(r.out, "ok tests/cli/fixtures/pass-fail.json (2 findings)\n");
	ck_assert_str_eq(last_line(r.out, buf, sizeof(buf)), "1 passed, 0 failed");
	cli_free(&r);

	cli(&r, POLICY_PATH, "test", "tests/cli/mismatch", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_has(r.out, "tests/cli/mismatch/wrong-status.json: record.conduct_matter re a1\n");
	ck_assert_has(r.out, "  expected: status=pass\n  actual:   status=fail\n");
	ck_assert_has(r.out, "  expected: no finding (the expectations are complete)\n");
	ck_assert_has(r.out, "FAIL tests/cli/mismatch/wrong-status.json (2 mismatches)\n");
	ck_assert_str_eq(last_line(r.out, buf, sizeof(buf)), "0 passed, 1 failed");
	cli_free(&r);

	cli(&r, POLICY_PATH, "test", "tests/cli/bad", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(last_line(r.out, buf, sizeof(buf)), "1 passed, 1 failed");
	cli_free(&r);
}
END_TEST

START_TEST(test_explain)
{
	struct cli_run r;

	cli(&r, POLICY_PATH, "explain", "tests/cli/fixtures/pass-fail.json", "--step",
	    "refer.iopc_mandatory", NULL);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ck_assert_has(r.out, "step       refer.iopc_mandatory\n");
	ck_assert_has(r.out, "status     fail\n");
	ck_assert_has(r.out, "citation   PRA 2002 Sch 3 para 13\n");
	ck_assert_has(r.out, "due        2019-05-02\n");
	cli_free(&r);

	cli(&r, POLICY_PATH, "explain", "tests/cli/fixtures/pass-fail.json", "--step",
	    "refer.iopc_mandatry", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "unknown step 'refer.iopc_mandatry'");
	ck_assert_has(r.err, "did you mean 'refer.iopc_mandatory'?");
	cli_free(&r);
}
END_TEST

START_TEST(test_steps)
{
	struct cli_run r;

	cli(&r, POLICY_PATH, "steps", "cli/tiny", "--format", "markdown", NULL);
	ck_assert_msg(r.status == 0, "exit %d: %s", r.status, r.err);
	ck_assert_has(r.out, "# Steps of the policy `cli/tiny`\n");
	ck_assert_has(r.out, "| `record_days` | 10 | working days | ");
	ck_assert_has(r.out, "### 2. `refer.iopc_mandatory`: ");
	ck_assert_has(r.out, "| 2004 | PRA 2002 Sch 3 para 13 |\n");
	ck_assert(no_trailing_spaces(r.out));
	cli_free(&r);
}
END_TEST

/* The bytes of FILE under the repository root (or absolute), NUL-terminated (free()). */
static char *slurp(const char *file, size_t *len)
{
	const char *root = getenv("CASECHECK_ROOT");
	char path[1024];
	FILE *fp;
	char *buf;
	long n;

	if (file[0] == '/')
		snprintf(path, sizeof(path), "%s", file);
	else
		snprintf(path, sizeof(path), "%s/%s", root ? root : ".", file);
	fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static void spit(const char *path, const char *text, size_t len)
{
	FILE *fp = fopen(path, "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fwrite(text, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
}

/* A new user's round: a broken expectation, --update, the expected bytes, a no-op rerun. */
START_TEST(test_test_update)
{
	char dir[] = "/tmp/check_cli_update.XXXXXX", path[256], buf[256];
	struct cli_run r;
	char *orig, *want, *got;
	size_t olen, wlen, glen;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/wrong-status.json", dir);
	orig = slurp("tests/cli/mismatch/wrong-status.json", &olen);
	spit(path, orig, olen);
	want = slurp("tests/formats/update/wrong-status.expected.json", &wlen);

	cli(&r, POLICY_PATH, "test", path, NULL);
	ck_assert_int_eq(r.status, 1);
	cli_free(&r);

	cli(&r, POLICY_PATH, "test", "--update", path, NULL);
	ck_assert_msg(r.status == 0, "exit %d: %s%s", r.status, r.out, r.err);
	ck_assert_has(r.out, "updated ");
	ck_assert_str_eq(last_line(r.out, buf, sizeof(buf)), "1 passed, 0 failed, 1 updated");
	cli_free(&r);
	got = slurp(path, &glen);
	ck_assert_int_eq(glen, wlen);
	ck_assert_msg(memcmp(got, want, wlen) == 0, "updated fixture differs:\n%s", got);
	free(got);

	cli(&r, POLICY_PATH, "test", "--update", path, NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(last_line(r.out, buf, sizeof(buf)), "1 passed, 0 failed");
	cli_free(&r);
	got = slurp(path, &glen);
	ck_assert_int_eq(glen, wlen);
	ck_assert(memcmp(got, want, wlen) == 0);
	free(got);

	unlink(path);
	rmdir(dir);
	free(orig);
	free(want);
}
END_TEST

START_TEST(test_test_options)
{
	struct cli_run r, r4;
	char buf[256];

	cli(&r, POLICY_PATH, "test", "-j", "1", "fixtures", "tests/cli", NULL);
	cli(&r4, POLICY_PATH, "test", "-j", "4", "fixtures", "tests/cli", NULL);
	ck_assert_int_eq(r.status, r4.status);
	ck_assert_str_eq(r.out, r4.out);
	ck_assert_str_eq(r.err, r4.err);
	cli_free(&r);
	cli_free(&r4);

	cli(&r, POLICY_PATH, "test", "--run", "pass-f", "tests/cli", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_str_eq(last_line(r.out, buf, sizeof(buf)), "1 passed, 0 failed");
	cli_free(&r);

	cli(&r, POLICY_PATH, "test", "--run", "(", "tests/cli", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "bad --run '('");
	cli_free(&r);

	cli(&r, POLICY_PATH, "test", "-j", "0", "tests/cli", NULL);
	ck_assert_int_eq(r.status, 2);
	cli_free(&r);

	cli(&r, POLICY_PATH, "test", "--min-coverage", "50", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_has(r.err, "under --min-coverage 50%");
	cli_free(&r);

	cli(&r, POLICY_PATH, "test", "--coverage", "fixtures/steps", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_has(r.out, "of 126 step x status cells, ");
	cli_free(&r);

	cli(&r, POLICY_PATH, "test", "--format", "xml", "tests/cli", NULL);
	ck_assert_int_eq(r.status, 2);
	cli_free(&r);

	cli(&r, POLICY_PATH, "run", "--format", "junit", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_has(r.out, "<testsuites name=\"casecheck run\" tests=\"2\" failures=\"1\"");
	cli_free(&r);

	cli(&r, POLICY_PATH, "test", "--format", "tap", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 0);
	ck_assert_has(r.out, "TAP version 13\n1..1\nok 1 - ");
	cli_free(&r);
}
END_TEST

Suite *cli_suite(void);

Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("usage");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_unknown_verb);
	tcase_add_test(tc, test_unknown_option);
	tcase_add_test(tc, test_missing_argument);
	tcase_add_test(tc, test_help_and_version);
	suite_add_tcase(s, tc);

	tc = tcase_create("verbs");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_bad_fixture);
	tcase_add_test(tc, test_check_clean);
	tcase_add_test(tc, test_policy_error);
	tcase_add_test(tc, test_run_text);
	tcase_add_test(tc, test_run_json);
	tcase_add_test(tc, test_test_verb);
	tcase_add_test(tc, test_explain);
	tcase_add_test(tc, test_steps);
	tcase_add_test(tc, test_test_update);
	tcase_add_test(tc, test_test_options);
	suite_add_tcase(s, tc);
	return s;
}
