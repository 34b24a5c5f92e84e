/*
** check_cli.c: the casecheck command line, run as a user runs it: the built
** binary ($CASECHECK_BIN) in the repository root ($CASECHECK_ROOT), with
** the tiny policy and fixtures of tests/cli/. Asserts exit codes and key lines.
*/
/* wait4, for a child's peak memory (Linux and the BSDs have it) */
#define _DEFAULT_SOURCE 1
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
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
	long max_rss;		/* peak resident set, KiB (cli() only) */
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
	struct rusage ru;
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
	ck_assert_int_eq(wait4(pid, &status, 0, &ru), pid);
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	r->max_rss = ru.ru_maxrss;
	r->out = read_all(out);
	r->err = read_all(err);
	close(out);
	close(err);
}

/*
** Run the shell SCRIPT (for what cli() cannot set up: symlinks, FIFOs,
** closed descriptors, a killed run) in the repository root, with $BIN the
** binary, $T a fresh empty directory, $TINY the tiny policy, NO_COLOR set.
*/
static void sh(struct cli_run *r, const char *script)
{
	const char *bin = getenv("CASECHECK_BIN"), *root = getenv("CASECHECK_ROOT");
	char dir[] = "/tmp/check_cli_io.XXXXXX", cmd[4096];
	int out = tmp_file(), err = tmp_file(), status;
	pid_t pid;

	ck_assert_msg(bin && root, "CASECHECK_BIN and CASECHECK_ROOT must be set (make check-unit)");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd), "set -u; %s", script);
	fflush(NULL);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (chdir(root) != 0)
			_exit(126);
		unsetenv("CASECHECK_PATH");
		setenv("NO_COLOR", "1", 1);
		setenv("COLUMNS", "1000", 1);	/* these tests are about what is written, not wrapping */
		setenv("BIN", bin, 1);
		setenv("T", dir, 1);
		setenv("TINY", TINY, 1);
		dup2(out, 1);
		dup2(err, 2);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	r->out = read_all(out);
	r->err = read_all(err);
	close(out);
	close(err);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
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
	/* 80 columns: the label and dates wrap under themselves, the citation on its own line */
	ck_assert_has(r.out, "             [duty: statutory; time limit: benchmark] due 2019-05-16, done\n"
		      "             2019-05-03\n"
		      "             PRA 2002 Sch 3 para 11\n");
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
	ck_assert_has(r.out, "of 145 step x status cells the steps can give, 145 reached (100.0%); 5 more");
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
	ck_assert_has(r.out, "TAP version 13\nok 1 - ");
	ck_assert_has(r.out, "\n1..1\n");	/* the plan last: the report is streamed */
	cli_free(&r);
}
END_TEST

START_TEST(test_walk_symlink_loops)
{
	struct cli_run r;

	/* links to '.' and '..': each directory is walked once (by device and inode) */
	sh(&r, "cp tests/cli/fixtures/pass-fail.json \"$T/\" && mkdir \"$T/sub\" && "
	       "cp tests/cli/fixtures/pass-fail.json \"$T/sub/x.json\" && "
	       "ln -s . \"$T/a\" && ln -s . \"$T/b\" && ln -s .. \"$T/sub/up\" && "
	       "timeout 20 \"$BIN\" run --policy \"$TINY\" --format tap \"$T\" >\"$T/out\"; "
	       "echo \"exit $?\"; grep '  file: ' \"$T/out\" | sed \"s|$T|T|\"");
	ck_assert_str_eq(r.out, "exit 1\n  file: \"T/pass-fail.json\"\n  file: \"T/sub/x.json\"\n");
	cli_free(&r);
}
END_TEST

START_TEST(test_not_regular_files)
{
	struct cli_run r;

	/* a FIFO, named or found in a walk, and a device are refused, not read */
	sh(&r, "mkfifo \"$T/fifo.json\" && cd \"$T\" && "
	       "timeout 10 \"$BIN\" run --policy \"$OLDPWD/$TINY\" fifo.json /dev/zero .; echo \"exit $?\"");
	ck_assert_str_eq(r.out, "fifo.json - not evaluated\n"
			 "  fifo.json: not a regular file (a FIFO): casecheck reads only regular files\n\n"
			 "/dev/zero - not evaluated\n"
			 "  /dev/zero: not a regular file (a character device): casecheck reads only regular files\n\n"
			 "./fifo.json - not evaluated\n"
			 "  ./fifo.json: not a regular file (a FIFO): casecheck reads only regular files\n\n"
			 "total: 0 cases, 0 findings; 3 fixtures not evaluated\nexit 2\n");
	ck_assert_str_eq(r.err,
		"fifo.json: not a regular file (a FIFO): casecheck reads only regular files\n"
		"/dev/zero: not a regular file (a character device): casecheck reads only regular files\n"
		"./fifo.json: not a regular file (a FIFO): casecheck reads only regular files\n");
	cli_free(&r);

	/* a policy too */
	sh(&r, "mkfifo \"$T/p.lua\" && timeout 10 \"$BIN\" run --policy \"$T/p.lua\" tests/cli/fixtures "
	       "2>&1 | sed \"s|$T|T|\"");
	ck_assert_str_eq(r.out, "casecheck run: T/p.lua: not a regular file (a FIFO): casecheck "
			 "reads only regular files\n");
	cli_free(&r);

	/* a fixture over the size limit is refused before it is read */
	sh(&r, "head -c 17000000 /dev/zero >\"$T/big.json\" && "
	       "\"$BIN\" run --policy \"$TINY\" \"$T/big.json\" 2>&1 >/dev/null | sed \"s|$T|T|\"");
	ck_assert_str_eq(r.out, "T/big.json: 17000000 bytes, over the fixture size limit of "
			 "16777216 bytes (16 MiB): raise it with --max-fixture-size\n");
	cli_free(&r);

	cli(&r, NULL, "test", "--max-fixture-size", "0.0001", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "tests/cli/fixtures/pass-fail.json: 841 bytes, over the fixture size "
		      "limit of 104 bytes (0.0001 MiB): raise it with --max-fixture-size\n");
	cli_free(&r);

	cli(&r, NULL, "run", "--max-fixture-size", "x", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "casecheck run: bad --max-fixture-size 'x': expected a positive number\n");
	cli_free(&r);
}
END_TEST

START_TEST(test_output_replaced_at_end)
{
	struct cli_run r;
	json_error_t jerr;
	json_t *root;

	/* until the run ends, -o FILE keeps the last report; killed, it keeps it still */
	sh(&r, "echo 'the last good report' >\"$T/report.txt\" && "
	       "\"$BIN\" run --policy tests/cli/policies/cli/slow.lua --max-instructions 1e15 --max-seconds 20 "
	       "-o \"$T/report.txt\" tests/cli/fixtures & sleep 1; cat \"$T/report.txt\"; "
	       "kill -9 $!; wait; cat \"$T/report.txt\"");
	ck_assert_str_eq(r.out, "the last good report\nthe last good report\n");
	cli_free(&r);

	/* a finished run replaces it, and leaves no temporary file behind */
	sh(&r, "echo 'the last good report' >\"$T/report.txt\" && "
	       "\"$BIN\" run --policy \"$TINY\" -o \"$T/report.txt\" tests/cli/fixtures; "
	       "echo \"exit $?\"; tail -n 1 \"$T/report.txt\"; ls -A \"$T\"");
	ck_assert_str_eq(r.out, "exit 1\ntotal: 1 case, 2 findings: 1 pass, 1 fail\nreport.txt\n");
	cli_free(&r);

	/* so does 'test' */
	sh(&r, "echo old >\"$T/t.txt\" && \"$BIN\" test --policy \"$TINY\" -o \"$T/t.txt\" "
	       "tests/cli/fixtures; echo \"exit $?\"; cat \"$T/t.txt\"; ls -A \"$T\"");
	ck_assert_str_eq(r.out, "exit 0\nok tests/cli/fixtures/pass-fail.json (2 findings)\n"
			 "1 passed, 0 failed\nt.txt\n");
	cli_free(&r);

	/* with stderr closed, messages do not end up in the report: -o never gets fd 2 */
	sh(&r, "\"$BIN\" run --format json --policy tests/cli/policies/cli/slow.lua -o \"$T/r.json\" "
	       "tests/cli/fixtures 2>&-; echo \"exit $?\" >&2; cat \"$T/r.json\"");
	ck_assert_str_eq(r.err, "exit 3\n");
	root = json_loads(r.out, 0, &jerr);
	ck_assert_msg(root != NULL, "not JSON: %s\n%s", jerr.text, r.out);
	json_decref(root);
	cli_free(&r);
}
END_TEST

/* A fixture whose file name has an invalid byte and an escape sequence, its title a terminal command. */
#define HOSTILE_FIXTURE \
	"f=\"$T/$(printf 'x\\377\\033[2J.json')\" && " \
	"sed 's/\"title\": \"[^\"]*\"/\"title\": \"\\\\u001b]0;pwned\\\\u0007\\\\u001b[2J\\\\u0085 t\"/' " \
	"tests/cli/fixtures/pass-fail.json >\"$f\" && "

/* Nothing a terminal would act on: no C0 or C1 control but newline, no invalid UTF-8. */
static int terminal_safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0) || *p >= 0xf8 ||
		    (*p >= 0x80 && *p < 0xc0 && (p == (const unsigned char *)s || p[-1] < 0x80)))
			return 0;
	return 1;
}

START_TEST(test_escape_every_format)
{
	struct cli_run r;
	json_error_t jerr;
	json_t *root;

	sh(&r, HOSTILE_FIXTURE "\"$BIN\" run --policy \"$TINY\" \"$T\" | sed \"s|$T|T|\"");
	ck_assert_msg(terminal_safe(r.out), "raw control bytes in:\n%s", r.out);
	ck_assert_has(r.out, "cli-pass-fail - \\x1b]0;pwned\\x07\\x1b[2J\\xc2\\x85 t "
		      "(T/x\\xff\\x1b[2J.json, as of 2019-07-01, policy cli/tiny)\n");
	cli_free(&r);

	sh(&r, HOSTILE_FIXTURE "\"$BIN\" run --policy \"$TINY\" --format json \"$T\"");
	root = json_loads(r.out, 0, &jerr);
	ck_assert_msg(root != NULL, "not JSON: %s", jerr.text);
	ck_assert(terminal_safe(r.out));
	ck_assert_has(r.out, "/x\\ufffd\\u001b[2J.json\"");
	json_decref(root);
	cli_free(&r);

	sh(&r, HOSTILE_FIXTURE "\"$BIN\" run --policy \"$TINY\" --format tap \"$T\" >\"$T/out\"; "
	       "cat \"$T/out\"; prove -e cat \"$T/out\" >/dev/null 2>&1; echo \"prove $?\"");
	ck_assert_msg(terminal_safe(r.out), "raw control bytes in:\n%s", r.out);
	ck_assert_has(r.out, "\\ufffd\\u001b[2J.json\"\n");
	ck_assert_has(r.out, "prove 1\n");	/* the TAP parses: one failure */
	cli_free(&r);

	sh(&r, HOSTILE_FIXTURE "for f in junit html; do \"$BIN\" run --policy \"$TINY\" --format $f "
	       "\"$T\" >\"$T/out.$f\"; xmllint --noout \"$T/out.$f\" && echo \"$f well-formed\"; done; "
	       "cat \"$T/out.junit\"");
	ck_assert_has(r.out, "junit well-formed\nhtml well-formed\n");
	ck_assert_msg(terminal_safe(r.out), "raw control bytes in:\n%s", r.out);
	cli_free(&r);
}
END_TEST

START_TEST(test_every_input_in_every_report)
{
	static const char *const formats[] = { "text", "json", "junit", "tap", "html" };
	static const char why[] = "/events/0/date: invalid date '2019-02-30': day 30 is not in February";
	static const char why_xml[] =
		"/events/0/date: invalid date &apos;2019-02-30&apos;: day 30 is not in February";
	struct cli_run r;
	json_error_t jerr;
	json_t *root, *c;
	size_t i;

	/* a fixture that cannot be evaluated is in the report (not only on stderr), with its error */
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		cli(&r, POLICY_PATH, "run", "--format", formats[i], "tests/cli/bad", "tests/cli/fixtures",
		    NULL);
		ck_assert_int_eq(r.status, 2);
		ck_assert_msg(strstr(r.out, i == 2 || i == 4 ? why_xml : why) != NULL,
			      "%s: no error in:\n%s", formats[i], r.out);
		if (strcmp(formats[i], "json") == 0) {
			root = json_loads(r.out, 0, &jerr);
			ck_assert_msg(root != NULL, "not JSON: %s", jerr.text);
			c = json_array_get(json_object_get(root, "cases"), 0);
			ck_assert_uint_eq(json_array_size(json_object_get(root, "cases")), 2);
			ck_assert(json_is_null(json_object_get(c, "id")));
			ck_assert_str_eq(json_string_value(json_object_get(c, "file")),
					 "tests/cli/bad/bad-date.json");
			ck_assert_str_eq(json_string_value(json_object_get(json_object_get(c, "error"),
									   "kind")), "input");
			ck_assert_uint_eq(json_array_size(json_object_get(c, "findings")), 0);
			json_decref(root);
		}
		cli_free(&r);
	}

	/* a policy error (a budget trip) too, as kind "policy" */
	cli(&r, NULL, "run", "--format", "json", "--policy", "tests/cli/policies/cli/slow.lua",
	    "--max-instructions", "100000", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 3);
	root = json_loads(r.out, 0, &jerr);
	ck_assert_msg(root != NULL, "not JSON: %s", jerr.text);
	c = json_object_get(json_array_get(json_object_get(root, "cases"), 0), "error");
	ck_assert_str_eq(json_string_value(json_object_get(c, "kind")), "policy");
	ck_assert_str_eq(json_string_value(json_object_get(c, "message")),
			 "tests/cli/policies/cli/slow.lua:11: instruction budget exceeded (100000 instructions)");
	json_decref(root);
	cli_free(&r);
}
END_TEST

/* Peak RSS of run over 3,000 fixtures against one, in each of FORMATS. */
static void memory_flat(const char *const *formats, size_t n_formats)
{
	const char *root = getenv("CASECHECK_ROOT");
	char dir[] = "/tmp/check_cli_mem.XXXXXX", link[128], target[4096], cmd[256];
	struct cli_run r;
	long one, many;
	int i;
	size_t f;

	/* 3,000 fixtures: before, JUnit, TAP and HTML held the whole report, about 1 KB a finding pair */
	ck_assert_ptr_nonnull(root);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(target, sizeof(target), "%s/tests/cli/fixtures/pass-fail.json", root);
	for (i = 0; i < 3000; i++) {
		snprintf(link, sizeof(link), "%s/f%04d.json", dir, i);
		ck_assert_int_eq(symlink(target, link), 0);
	}
	for (f = 0; f < n_formats; f++) {
		/* ASan's quarantine would count freed memory as growth; -j 1: one engine in both */
		cli(&r, "ASAN_OPTIONS=quarantine_size_mb=0", "run", "-j", "1", "--policy", TINY,
		    "--format", formats[f], "tests/cli/fixtures", NULL);
		ck_assert_int_eq(r.status, 1);
		one = r.max_rss;
		cli_free(&r);
		cli(&r, "ASAN_OPTIONS=quarantine_size_mb=0", "run", "-j", "1", "--policy", TINY,
		    "--format", formats[f], "-o", "/dev/null", dir, NULL);
		ck_assert_int_eq(r.status, 1);
		many = r.max_rss;
		cli_free(&r);
		/* before: 4,700 KiB more for JUnit; ASan's allocator alone adds up to 2,000 */
		ck_assert_msg(many - one < 3072, "%s: peak RSS %ld KiB for 3,000 fixtures, %ld KiB for one",
			      formats[f], many, one);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_junit_tap_memory_flat)
{
	static const char *const formats[] = { "junit", "tap" };

	memory_flat(formats, 2);
}
END_TEST

/* the HTML report keeps its cases in a temporary file (report_html.c) */
START_TEST(test_html_memory_flat)
{
	static const char *const formats[] = { "html" };

	memory_flat(formats, 1);
}
END_TEST

START_TEST(test_param_ranges)
{
	struct cli_run r;

	/* a value that would wrap, or push a due date out of the calendar, is a usage error */
	cli(&r, NULL, "run", "--policy", "england-wales/conduct", "--param",
	    "vetting_renewal_years=9223372036854775807", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "casecheck run: bad --param: param 'vetting_renewal_years' (years) "
			 "must be a whole number from 0 to 100, got '9223372036854775807'\n"
			 "see 'casecheck run --help'\n");
	ck_assert_str_eq(r.out, "");
	cli_free(&r);

	cli(&r, NULL, "run", "--policy", "england-wales/conduct", "--param", "nfa_days=2147483647",
	    "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "casecheck run: bad --param: param 'nfa_days' (days) must be a whole "
		      "number from 0 to 3660, got '2147483647'\n");
	cli_free(&r);

	cli(&r, NULL, "explain", "--policy", "england-wales/conduct", "--param", "record_days=-1",
	    "--step", "record.conduct_matter", "tests/cli/fixtures/pass-fail.json", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_has(r.err, "casecheck explain: bad --param: param 'record_days' (working_days) must "
		      "be a whole number from 0 to 2600, got '-1'\n");
	cli_free(&r);

	/* the bounds themselves are accepted */
	cli(&r, POLICY_PATH, "run", "--param", "record_days=2600", "tests/cli/fixtures", NULL);
	ck_assert_msg(r.status == 1, "exit %d: %s", r.status, r.err);
	cli_free(&r);

	/* a mistyped name, in a policy a fixture names, is a usage error with a suggestion */
	cli(&r, POLICY_PATH, "run", "--param", "recrod_days=1", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "casecheck run: bad --param: policy 'cli/tiny' has no param "
			 "'recrod_days' (did you mean 'record_days'?)\nsee 'casecheck run --help'\n");
	cli_free(&r);
}
END_TEST

START_TEST(test_lint_errors_refused_by_every_verb)
{
	static const char typo[] = "tests/cli/policies/cli/typo.lua:9: step 'record.conduct_matter' "
		"names unknown event type 'conduct_recordd' (did you mean 'conduct_recorded'?)\n";
	struct cli_run r;

	/* 'check' rejects the policy; run, test and explain must not evaluate it (a false FAIL) */
	cli(&r, NULL, "check", "tests/cli/policies/cli/typo.lua", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_str_eq(r.err, typo);
	cli_free(&r);

	cli(&r, NULL, "run", "--policy", "tests/cli/policies/cli/typo.lua", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_str_eq(r.err, typo);
	ck_assert_str_eq(r.out, "");
	cli_free(&r);

	cli(&r, NULL, "test", "--policy", "tests/cli/policies/cli/typo.lua", "tests/cli/fixtures", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_str_eq(r.err, typo);
	cli_free(&r);

	cli(&r, NULL, "explain", "--policy", "tests/cli/policies/cli/typo.lua", "--step",
	    "record.conduct_matter", "tests/cli/fixtures/pass-fail.json", NULL);
	ck_assert_int_eq(r.status, 3);
	ck_assert_str_eq(r.err, typo);
	cli_free(&r);

	/* named by a fixture: not evaluated, with the lint error in the report */
	sh(&r, "sed 's|\"cli/tiny\"|\"cli/typo\"|' tests/cli/fixtures/pass-fail.json >\"$T/t.json\" && "
	       "CASECHECK_PATH=tests/cli/policies \"$BIN\" test \"$T\" 2>&1 >/dev/null; echo \"exit $?\"");
	ck_assert_str_eq(r.out, "policies/cli/typo.lua:9: step 'record.conduct_matter' "
			 "names unknown event type 'conduct_recordd' (did you mean 'conduct_recorded'?)\n"
			 "exit 3\n");
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

	tc = tcase_create("io");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_walk_symlink_loops);
	tcase_add_test(tc, test_not_regular_files);
	tcase_add_test(tc, test_output_replaced_at_end);
	tcase_add_test(tc, test_escape_every_format);
	tcase_add_test(tc, test_every_input_in_every_report);
	tcase_add_test(tc, test_junit_tap_memory_flat);
	tcase_add_test(tc, test_html_memory_flat);
	tcase_add_test(tc, test_param_ranges);
	tcase_add_test(tc, test_lint_errors_refused_by_every_verb);
	suite_add_tcase(s, tc);
	return s;
}
