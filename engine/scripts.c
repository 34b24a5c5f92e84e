/*
** scripts.c: finding the engine's own Lua scripts compiled into the library.
*/
#include <string.h>
#include "scripts.h"

const struct embedded_script *scripts_find(const char *path)
{
	const struct embedded_script *s;

	for (s = casecheck_scripts; s->path; s++)
		if (strcmp(s->path, path) == 0)
			return s;
	return NULL;
}
