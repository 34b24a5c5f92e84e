/*
** floor.c: the floor for `make bench`: what jansson alone costs on the
** corpus. For every file (the *.json of each DIR argument in strcmp order,
** as casecheck searches a directory, or one path a line on stdin when there
** are no arguments): read it, json_loadb with JSON_REJECT_DUPLICATES, walk
** the events array touching each event's "type" and "date", and free it.
** Prints "files N bytes B events E check C" so the work cannot be optimised
** away and the caller can see it read what casecheck read.
**
** Build: cc -O2 bench/floor.c $(pkg-config --cflags --libs jansson)
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

static char *buf;
static size_t cap;
static unsigned long long n_files, n_bytes, n_events, check;

static int one(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t len = 0, got;
	json_error_t err;
	json_t *root, *events, *ev;
	size_t i;

	if (!f) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			if (!(buf = realloc(buf, cap))) {
				fclose(f);
				return -1;
			}
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
	if (!root) {
		fprintf(stderr, "%s:%d: %s\n", path, err.line, err.text);
		return -1;
	}
	events = json_object_get(root, "events");
	json_array_foreach(events, i, ev) {
		const char *t = json_string_value(json_object_get(ev, "type"));
		const char *d = json_string_value(json_object_get(ev, "date"));

		check += (t ? strlen(t) : 0) + (d ? (unsigned char)d[0] : 0);
		n_events++;
	}
	json_decref(root);
	n_files++;
	n_bytes += len;
	return 0;
}

static int is_json(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL, full[4096];
	size_t n = 0, ncap = 0, i;
	int rc = 0;

	if (!d)
		return one(path);	/* a file, not a directory */
	while ((de = readdir(d))) {
		if (!is_json(de->d_name))
			continue;
		if (n == ncap) {
			ncap = ncap ? ncap * 2 : 1024;
			names = realloc(names, ncap * sizeof(*names));
			if (!names)
				return -1;
		}
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		snprintf(full, sizeof(full), "%s/%s", path, names[i]);
		if (one(full) < 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	int i, rc = 0;
	char line[4096];

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			if (dir(argv[i]) < 0)
				rc = 1;
	} else {
		while (fgets(line, sizeof(line), stdin)) {
			line[strcspn(line, "\r\n")] = '\0';
			if (line[0] && one(line) < 0)
				rc = 1;
		}
	}
	printf("files %llu bytes %llu events %llu check %llu\n", n_files, n_bytes, n_events, check);
	free(buf);
	return rc;
}
