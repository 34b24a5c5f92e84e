/*
** eval.c: the evaluation-only figure of `make bench`, on the public API
** (casecheck.h), as an embedder would use it: one engine, the policy
** loaded once, every case loaded once, then only casecheck_evaluate timed,
** best of REPS passes over the cases. The harness times itself with
** clock_gettime; the library has no clock of its own here.
**
**   eval [-r REPS] [-i INSTRUCTIONS] [-m MEMORY_MIB] [-s SECONDS] POLICY FILE|DIR...
**
** A directory means its *.json in strcmp order, as casecheck reads one.
** Prints one line:
**   "cases N events E bytes B load_us L eval_us V failed F findings G"
** L and V are microseconds per case (V: best pass; L: the one load pass,
** parse and validation). F counts cases whose evaluation returned no result
** (a budget broken: the first such error goes to stderr); their time is in V.
** Exit 1 when the policy or a case cannot be loaded.
**
** Build: cc -O2 bench/eval.c -Iengine build/libcasecheck.a $(pkg-config
** --libs lua5.4 jansson) -lm -lpthread (bench/run.sh does it).
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "casecheck.h"

struct names {
	char **v;
	size_t n, cap;
};

static int names_add(struct names *ns, const char *s)
{
	if (ns->n == ns->cap) {
		size_t cap = ns->cap ? ns->cap * 2 : 256;
		char **v = realloc(ns->v, cap * sizeof(*v));

		if (!v)
			return -1;
		ns->v = v;
		ns->cap = cap;
	}
	if (!(ns->v[ns->n] = strdup(s)))
		return -1;
	ns->n++;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* PATH's *.json in strcmp order, or PATH itself when it is not a directory. */
static int collect(const char *path, struct names *out)
{
	DIR *d = opendir(path);
	struct dirent *de;
	struct names here = { NULL, 0, 0 };
	char full[4096];
	size_t i, n;
	int rc = 0;

	if (!d)
		return names_add(out, path);
	while ((de = readdir(d))) {
		n = strlen(de->d_name);
		if (n > 5 && strcmp(de->d_name + n - 5, ".json") == 0 && names_add(&here, de->d_name) != 0)
			rc = -1;
	}
	closedir(d);
	qsort(here.v, here.n, sizeof(*here.v), by_name);
	for (i = 0; i < here.n; i++) {
		snprintf(full, sizeof(full), "%s/%s", path, here.v[i]);
		if (rc == 0 && names_add(out, full) != 0)
			rc = -1;
		free(here.v[i]);
	}
	free(here.v);
	return rc;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct casecheck_limits lim = { 0, 0, 0 };
	struct casecheck_error err;
	struct casecheck_errors errs;
	struct casecheck_engine *engine;
	struct casecheck_policy *policy;
	struct casecheck_case **cases;
	struct names files = { NULL, 0, 0 };
	unsigned long long n_events = 0, n_bytes = 0, n_findings = 0;
	double t0, load_s, best = -1;
	size_t i, failed = 0;
	int a = 1, reps = 3, r, rc = 0, said = 0;

	for (; a + 1 < argc && argv[a][0] == '-'; a += 2) {
		if (strcmp(argv[a], "-r") == 0)
			reps = atoi(argv[a + 1]);
		else if (strcmp(argv[a], "-i") == 0)
			lim.instructions = atol(argv[a + 1]);
		else if (strcmp(argv[a], "-m") == 0)
			lim.memory_bytes = (size_t)atol(argv[a + 1]) << 20;
		else if (strcmp(argv[a], "-s") == 0)
			lim.seconds = atof(argv[a + 1]);
		else
			break;
	}
	if (argc - a < 2 || reps < 1) {
		fprintf(stderr, "usage: eval [-r REPS] [-i INSTRUCTIONS] [-m MEMORY_MIB] [-s SECONDS] POLICY FILE|DIR...\n");
		return 2;
	}
	if (!(engine = casecheck_engine_new(&lim, &err))) {
		fprintf(stderr, "eval: %s\n", err.text);
		return 1;
	}
	casecheck_engine_set_hashes(engine, 0);
	if (!(policy = casecheck_policy_load_file(engine, argv[a], NULL, &err))) {
		fprintf(stderr, "eval: %s: %s\n", argv[a], err.text);
		casecheck_engine_free(engine);
		return 1;
	}
	for (a++; a < argc; a++)
		if (collect(argv[a], &files) != 0) {
			fprintf(stderr, "eval: out of memory listing %s\n", argv[a]);
			return 1;
		}
	if (!(cases = calloc(files.n ? files.n : 1, sizeof(*cases))))
		return 1;
	t0 = now();
	for (i = 0; i < files.n; i++) {
		struct stat st;

		memset(&errs, 0, sizeof(errs));
		cases[i] = casecheck_case_load_file(engine, files.v[i], policy, &errs);
		if (!cases[i]) {
			fprintf(stderr, "eval: %s does not load (%lu errors)\n", files.v[i],
				(unsigned long)errs.count);
			rc = 1;
		} else {
			n_events += casecheck_case_event_count(cases[i]);
		}
		casecheck_errors_free(&errs);
		if (stat(files.v[i], &st) == 0)
			n_bytes += (unsigned long long)st.st_size;
	}
	load_s = now() - t0;
	for (r = 0; r < reps && rc == 0; r++) {
		size_t fails = 0;
		double t;

		n_findings = 0;
		t0 = now();
		for (i = 0; i < files.n; i++) {
			struct casecheck_result *res = casecheck_evaluate(engine, policy, cases[i], NULL, &err);

			if (!res) {
				fails++;
				if (!said++)
					fprintf(stderr, "eval: %s: %s\n", files.v[i], err.text);
				continue;
			}
			n_findings += casecheck_result_count(res);
			casecheck_result_free(res);
		}
		t = now() - t0;
		if (best < 0 || t < best)
			best = t;
		failed = fails;
	}
	if (rc == 0)
		printf("cases %lu events %llu bytes %llu load_us %.2f eval_us %.2f failed %lu findings %llu\n",
		       (unsigned long)files.n, n_events, n_bytes,
		       files.n ? load_s / (double)files.n * 1e6 : 0.0,
		       files.n ? best / (double)files.n * 1e6 : 0.0, (unsigned long)failed, n_findings);
	for (i = 0; i < files.n; i++) {
		casecheck_case_free(cases[i]);
		free(files.v[i]);
	}
	free(cases);
	free(files.v);
	casecheck_policy_free(policy);
	casecheck_engine_free(engine);
	return rc;
}
