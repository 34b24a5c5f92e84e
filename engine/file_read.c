/*
** file_read.c: read a whole file into memory (file_read.h). A regular
** file's buffer is its size (plus the NUL and one byte to see the end), so
** it is read once into a block of its size; anything else, or a file that
** grows meanwhile, doubles the buffer from 16 KiB.
*/
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "file_read.h"

char *file_read(const char *path, size_t *len, enum file_read_fault *fault)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got, first = 16384;
	int saved;
	struct stat st;

	if (!f) {
		*fault = FILE_READ_OPEN;
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size < SIZE_MAX / 4)
		first = (size_t)st.st_size + 2;
	do {
		if (cap - n < 2) {	/* room for at least one byte and the NUL */
			size_t ncap = cap ? cap * 2 : first;
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
