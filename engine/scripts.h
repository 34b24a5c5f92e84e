/*
** scripts.h: the engine's own Lua (scripts/NAME.lua), compiled into the library
** by tools/embed.c. Looked up by path, e.g. "scripts/dsl.lua".
*/
#ifndef CASECHECK_SCRIPTS_H
#define CASECHECK_SCRIPTS_H

#include <stddef.h>

struct embedded_script {
	const char *path;	/* "scripts/NAME.lua", also the chunk name after '@' */
	const char *text;	/* NUL-terminated Lua source */
	size_t len;
};

/* Terminated by an entry whose path is NULL. */
extern const struct embedded_script casecheck_scripts[];

/* The script at PATH, or NULL. */
const struct embedded_script *scripts_find(const char *path);

#endif
