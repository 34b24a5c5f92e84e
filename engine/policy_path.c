/*
** policy_path.c: finding a policy by name along a search path
** (casecheck.h, "finding a policy"), for embedders and the CLI alike.
*/
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "casecheck.h"
#include "error.h"

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
	error_setf(err, CASECHECK_E_INPUT, NULL, NULL, 0, 0, "policy '%s' not found in %s",
		   name, len ? tried : "an empty search path");
	return NULL;
}
