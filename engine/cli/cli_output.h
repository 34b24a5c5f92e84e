/*
** cli_output.h: where a verb's report goes (cli_output.c): stdout, or the
** file of -o written to a temporary file beside it and renamed over it only
** when the report is complete, so that a run killed half-way leaves the last
** report in place; and the standard descriptors made safe at start.
*/
#ifndef CLI_OUTPUT_H
#define CLI_OUTPUT_H

#include <stdio.h>

struct cli_output {
	FILE *fp;		/* where to write: stdout or the temporary file */
	char *path;		/* the -o file, or NULL for stdout */
	char *tmp;		/* the temporary file renamed over PATH at the end, or NULL */
};

/*
** Open PATH (NULL: stdout) for VERB's report. A PATH that exists and is not
** a regular file (/dev/stdout, a FIFO) is written in place. 0, or
** CLI_EXIT_INPUT after printing why.
*/
int cli_output_open(struct cli_output *out, const char *verb, const char *path);

/*
** Finish: flush, and move the temporary file over the -o file. Any write
** error is printed (naming VERB) and the temporary file removed; returns 0,
** or CLI_EXIT_INPUT. Safe on an output that never opened.
*/
int cli_output_close(struct cli_output *out, const char *verb);

/*
** Make sure descriptors 0, 1 and 2 are open (on /dev/null when closed), so
** that a file opened later never takes the place of stderr and receives
** error messages. 0, or -1 when that failed.
*/
int cli_std_fds_open(void);

#endif
