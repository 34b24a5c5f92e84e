/*
** scripts.h: the engine's own Lua (scripts/NAME.lua) and the calendars
** (policies/NAME/calendar.lua), compiled into the library by tools/embed.c.
** Looked up by path, e.g. "scripts/dsl.lua". The engine's scripts are stored
** as binary chunks compiled at build time (binary 1), the calendars as text:
** they are data, loaded in "t" mode only.
*/
#ifndef CASECHECK_SCRIPTS_H
#define CASECHECK_SCRIPTS_H

#include <stddef.h>

struct embedded_script {
	const char *path;	/* "scripts/NAME.lua", also the chunk name after '@' */
	const char *data;	/* Lua source, or a binary chunk; a 0 follows LEN bytes */
	size_t len;
	int binary;		/* DATA is what lua_dump wrote (load it in "b" mode) */
};

/* Terminated by an entry whose path is NULL. */
extern const struct embedded_script casecheck_scripts[];

/* The script at PATH, or NULL. */
const struct embedded_script *scripts_find(const char *path);

#endif
