/*
** interpose.c: an application linked against libcasecheck.so that defines a
** function with the name of one of the library's internal ones. The library
** must go on using its own: only casecheck_* is its interface, and a name
** the application happens to share must not change how fixtures validate.
** Here a date_is_leap that calls every year leap must not make the library
** accept 29 February 2019. Linked with -rdynamic so that the application's
** symbols are in its dynamic table, where an exported library call would
** find them. Prints one line and exits 0 when the library is unaffected.
*/
#include <stdio.h>
#include <string.h>
#include "casecheck.h"

/* The application's own helper, with a name the library uses internally. */
int date_is_leap(int y);
__attribute__((visibility("default"))) int date_is_leap(int y)
{
	(void)y;
	return 1;
}

static const char fixture[] =
	"{\"format\": \"casecheck/case@1\", \"id\": \"leap\", \"title\": \"t\",\n"
	" \"subject\": {\"name\": \"X\", \"rank\": \"PC\", \"force\": \"F\"},\n"
	" \"parties\": {\"F\": {\"kind\": \"force\"}, \"P\": {\"kind\": \"psd\", \"of\": \"F\"}},\n"
	" \"events\": [{\"id\": \"a1\", \"date\": \"2019-02-29\", \"type\": \"allegation_received\",\n"
	"   \"by\": \"P\", \"categories\": [\"assault\"]}]}\n";

int main(void)
{
	struct casecheck_error err;
	struct casecheck_errors errs = { 0 };
	struct casecheck_engine *e = casecheck_engine_new(NULL, &err);
	struct casecheck_case *c;
	char msg[1600] = "";
	int rc = 1;

	if (!e) {
		casecheck_error_format(&err, msg, sizeof(msg));
		printf("interpose: cannot start the engine: %s\n", msg);
		return 1;
	}
	c = casecheck_case_load_buffer(e, fixture, strlen(fixture), "leap.json", NULL, &errs);
	if (c) {
		printf("interpose: the application's date_is_leap changed the library: 2019-02-29 accepted\n");
	} else if (errs.count > 0 && strstr(errs.items[0].text, "2019-02-29")) {
		printf("interpose: 1 passed, 0 failed (2019-02-29 still rejected)\n");
		rc = 0;
	} else {
		if (errs.count > 0)
			casecheck_error_format(&errs.items[0], msg, sizeof(msg));
		printf("interpose: unexpected error: %s\n", msg);
	}
	casecheck_case_free(c);
	casecheck_errors_free(&errs);
	casecheck_engine_free(e);
	return rc;
}
