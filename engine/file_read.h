/*
** file_read.h: the one whole-file reader of the engine and its command
** line (fixtures, policies, a fixture rewritten by test --update). Each
** caller words its own error; this says only what failed.
*/
#ifndef CASECHECK_FILE_READ_H
#define CASECHECK_FILE_READ_H

#include <stddef.h>

enum file_read_fault {
	FILE_READ_OK,
	FILE_READ_OPEN,		/* fopen failed; errno says why */
	FILE_READ_READ,		/* a read failed; errno says why */
	FILE_READ_MEMORY	/* out of memory */
};

/*
** The whole of PATH in a new buffer (free it), NUL-terminated, its length
** without the NUL in *LEN. NULL on failure, with *FAULT saying which and
** errno kept from the failing call for OPEN and READ.
*/
char *file_read(const char *path, size_t *len, enum file_read_fault *fault);

#endif
