/*
** results.c: saving a finished run. Many trainees finish at once: each run
** goes to its own file, written to a temporary name in the same directory,
** flushed to disk and renamed, so a reader never sees half a run and a
** crash leaves at worst a stray temporary file, never a corrupt result.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "exercise.h"

int exercise_save_run(const char *results_dir, const char *name, const json_t *doc)
{
	char tmp[4096], final[4096], *text;
	size_t len, off = 0;
	int fd, e;

	if (snprintf(final, sizeof(final), "%s/%s.json", results_dir, name) >= (int)sizeof(final) ||
	    snprintf(tmp, sizeof(tmp), "%s/.%s.json.XXXXXX", results_dir, name) >= (int)sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text) {
		errno = ENOMEM;
		return -1;
	}
	len = strlen(text);
	fd = mkstemp(tmp);
	if (fd < 0) {
		e = errno;
		free(text);
		errno = e;
		return -1;
	}
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		off += (size_t)n;
	}
	if (write(fd, "\n", 1) != 1 || fchmod(fd, 0644) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, final) != 0)
		goto fail;
	free(text);
	return 0;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(text);
	errno = e ? e : EIO;
	return -1;
}
