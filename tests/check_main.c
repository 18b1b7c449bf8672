// SPDX-License-Identifier: GPL-2.0-only
/*
 * Runs the suite its test program defines (check_main.h).  Check's own
 * defaults apply: each test forked (CK_FORK=no turns that off), each test
 * case's timeout (CK_DEFAULT_TIMEOUT, CK_TIMEOUT_MULTIPLIER).
 */
#include <stdlib.h>

#include "check_main.h"

int main(void)
{
	SRunner *sr = srunner_create(test_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
