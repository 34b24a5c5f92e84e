/*
** check_main.c: runs every Check suite of the engine. The suite list is
** generated from the tests/check_*.c file names (Makefile, suites.h), so a
** new module's tests join the run by existing. CK_RUN_SUITE=name runs one.
*/
#include <stdlib.h>
#include <check.h>
#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(NULL);
	size_t i;
	int failed;

	for (i = 0; i < sizeof(all_suites) / sizeof(all_suites[0]); i++)
		srunner_add_suite(sr, all_suites[i]());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
