/*
** file_read.c: read a whole file into memory (file_read.h). The buffer
** doubles from 16 KiB, so a fixture or policy costs a few reads.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "file_read.h"

char *file_read(const char *path, size_t *len, enum file_read_fault *fault)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;
	int saved;

	if (!f) {
		*fault = FILE_READ_OPEN;
		return NULL;
	}
	do {
		if (cap - n < 2) {	/* room for at least one byte and the NUL */
			size_t ncap = cap ? cap * 2 : 16384;
			char *nb = ncap > cap ? realloc(buf, ncap) : NULL;

			if (!nb) {
				*fault = FILE_READ_MEMORY;
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
			cap = ncap;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		saved = errno;
		*fault = FILE_READ_READ;
		free(buf);
		fclose(f);
		errno = saved;
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	*fault = FILE_READ_OK;
	return buf;
}
