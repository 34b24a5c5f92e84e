/*
** policy_path.c: finding a policy by name along a search path
** (casecheck.h, "finding a policy"), for embedders and the CLI alike.
*/
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "casecheck.h"
#include "error.h"
#include "suggest.h"

#define POLICY_NAMES_MAX 512	/* names gathered for a did-you-mean; enough for any tree */

/* Policy names found on a search path, for a did-you-mean. */
struct names {
	char *v[POLICY_NAMES_MAX];
	size_t n;
};

static void add_name(struct names *nv, const char *group, const char *file)
{
	size_t len = strlen(file);
	char *name;

	if (nv->n == POLICY_NAMES_MAX || len < 5 || strcmp(file + len - 4, ".lua") != 0)
		return;
	name = malloc((group ? strlen(group) + 1 : 0) + len);
	if (!name)
		return;
	sprintf(name, "%s%s%.*s", group ? group : "", group ? "/" : "", (int)(len - 4), file);
	nv->v[nv->n++] = name;
}

/* The policies under the directory DIR (DL bytes long), "GROUP/NAME" or "NAME", into NV. */
static void gather(struct names *nv, const char *dir, size_t dl)
{
	char path[4096];
	DIR *d, *sub;
	struct dirent *e, *f;

	if (dl >= sizeof(path) - 256)
		return;
	snprintf(path, sizeof(path), "%.*s", (int)dl, dir);
	d = opendir(path);
	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%.*s/%s", (int)dl, dir, e->d_name);
		sub = opendir(path);
		if (!sub) {
			add_name(nv, NULL, e->d_name);
			continue;
		}
		while ((f = readdir(sub)) != NULL)
			if (f->d_name[0] != '.')
				add_name(nv, e->d_name, f->d_name);
		closedir(sub);
	}
	closedir(d);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
** The policy on SEARCH_PATH whose name is nearest NAME, copied into BUF, or
** "" when none is near. The names are sorted first, so that the answer does
** not depend on the order a directory lists its files in.
*/
static void nearest_policy(const char *name, const char *search_path, char *buf, size_t size)
{
	struct names nv;
	const char *s, *end, *best;
	size_t i;

	nv.n = 0;
	buf[0] = '\0';
	for (s = search_path ? search_path : ""; *s; s = *end ? end + 1 : end) {
		end = strchr(s, ':');
		if (!end)
			end = s + strlen(s);
		if (end > s)
			gather(&nv, s, (size_t)(end - s));
	}
	qsort(nv.v, nv.n, sizeof(nv.v[0]), cmp_name);
	best = suggest_best(name, (const char *const *)nv.v, nv.n);
	if (best)
		snprintf(buf, size, "%s", best);
	for (i = 0; i < nv.n; i++)
		free(nv.v[i]);
}

#ifndef CASECHECK_POLICYDIR
#define CASECHECK_POLICYDIR "/usr/local/share/casecheck/policies"
#endif

const char *casecheck_policy_dir(void)
{
	return CASECHECK_POLICYDIR;
}

/* A name from a fixture must stay under the directories searched. */
static int name_ok(const char *name)
{
	const char *s;

	if (name[0] == '\0' || name[0] == '/')
		return 0;
	for (s = name; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("/._-", *s))
			return 0;
	return strstr(name, "..") == NULL;
}

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *casecheck_policy_find(const char *name, const char *search_path,
			    struct casecheck_error *err)
{
	const char *s, *end;
	char tried[sizeof(err->text)];
	size_t len = 0;

	if (!name || !name_ok(name)) {
		error_setf(err, CASECHECK_E_INPUT, NULL, NULL, 0, 0,
			   "bad policy name '%s': expected a name like 'DIR/NAME' (DIR/NAME.lua on the policy path)",
			   name ? name : "");
		return NULL;
	}
	tried[0] = '\0';
	for (s = search_path ? search_path : ""; *s; s = *end ? end + 1 : end) {
		size_t dl, n;
		char *cand;
		int w;

		end = strchr(s, ':');
		if (!end)
			end = s + strlen(s);
		dl = (size_t)(end - s);
		if (dl == 0)
			continue;
		n = dl + strlen(name) + sizeof("/.lua");
		cand = malloc(n);
		if (!cand) {
			error_setf(err, CASECHECK_E_INTERNAL, NULL, NULL, 0, 0, "out of memory");
			return NULL;
		}
		snprintf(cand, n, "%.*s/%s.lua", (int)dl, s, name);
		if (is_file(cand))
			return cand;
		free(cand);
		w = snprintf(tried + len, sizeof(tried) - len, "%s%.*s", len ? ", " : "", (int)dl, s);
		if (w > 0 && (size_t)w < sizeof(tried) - len)
			len += (size_t)w;
	}
	{
		char near[256];

		nearest_policy(name, search_path, near, sizeof(near));
		error_setf(err, CASECHECK_E_INPUT, NULL, NULL, 0, 0, "policy '%s' not found in %s%s%s%s",
			   name, len ? tried : "an empty search path", near[0] ? " (did you mean '" : "",
			   near, near[0] ? "'?)" : "");
	}
	return NULL;
}
