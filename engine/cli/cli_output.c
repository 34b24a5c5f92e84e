/*
** cli_output.c: reports written whole or not at all (see cli_output.h).
*/
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli_common.h"
#include "cli_output.h"

int cli_std_fds_open(void)
{
	int fd;

	for (fd = 0; fd <= 2; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* the lowest free descriptor is FD itself */
		if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
			return -1;
	}
	return 0;
}

/* "DIR/.NAME.XXXXXX" for PATH "DIR/NAME" (new string), or NULL. */
static char *cli_output_tmp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = strlen(path) + sizeof("/..XXXXXX");
	char *s = malloc(n);

	if (s)
		snprintf(s, n, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	return s;
}

int cli_output_open(struct cli_output *out, const char *verb, const char *path)
{
	struct stat st;
	mode_t mask;
	int fd;

	memset(out, 0, sizeof(*out));
	out->fp = stdout;
	if (!path)
		return 0;
	out->path = strdup(path);
	if (!out->path)
		goto nomem;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* a device or FIFO: nothing to replace, write to it */
		out->fp = fopen(path, "w");
		if (!out->fp)
			goto fail;
		return 0;
	}
	out->tmp = cli_output_tmp_name(path);
	if (!out->tmp)
		goto nomem;
	fd = mkstemp(out->tmp);
	if (fd < 0) {
		free(out->tmp);
		out->tmp = NULL;
		goto fail;
	}
	/* mkstemp makes the file private; a report gets the usual mode */
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || !(out->fp = fdopen(fd, "w"))) {
		close(fd);
		unlink(out->tmp);
		free(out->tmp);
		out->tmp = NULL;
		goto fail;
	}
	return 0;

fail:
	cli_errorf(verb, "cannot open '%s' for writing: %s", path, strerror(errno));
	out->fp = stdout;
	return CLI_EXIT_INPUT;
nomem:
	cli_errorf(verb, "out of memory");
	out->fp = stdout;
	return CLI_EXIT_INPUT;
}

int cli_output_close(struct cli_output *out, const char *verb)
{
	int rc = 0, e = 0;

	if (out->fp == stdout || !out->fp) {
		if (fflush(stdout) != 0 || ferror(stdout)) {
			cli_errorf(verb, "cannot write the report: %s", strerror(errno));
			rc = CLI_EXIT_INPUT;
		}
	} else {
		if (ferror(out->fp) | (fclose(out->fp) != 0))
			e = errno ? errno : EIO;
		else if (out->tmp && rename(out->tmp, out->path) != 0)
			e = errno;
		if (e) {
			cli_errorf(verb, "cannot write '%s': %s", out->path, strerror(e));
			rc = CLI_EXIT_INPUT;
			if (out->tmp)
				unlink(out->tmp);
		}
	}
	free(out->path);
	free(out->tmp);
	memset(out, 0, sizeof(*out));
	return rc;
}
