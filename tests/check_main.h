/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one main() of the test programs (check_main.c).  Each tests/test_*.c
 * defines test_suite() and is linked with check_main.o into its own binary,
 * so every suite keeps its own "NN%: Checks: ..." line.
 */
#ifndef RELVDSO_TESTS_CHECK_MAIN_H
#define RELVDSO_TESTS_CHECK_MAIN_H

#include <check.h>

Suite *test_suite(void);

#endif /* RELVDSO_TESTS_CHECK_MAIN_H */
