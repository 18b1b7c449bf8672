/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the Check suites: build paths, whole files and scratch
 * paths.  Running a program is proc_run.h's.
 */
#ifndef RELVDSO_VDSO_TESTUTIL_H
#define RELVDSO_VDSO_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

extern const char *const vdso_test_entries[3];	/* "int80", "sysenter", "syscall" */

/* $RELVDSO_BUILD (default "build") + "/" + @rel, in a static buffer per call slot. */
const char *build_path(const char *rel);

/* Whole file, malloc'd; aborts the test on failure. */
uint8_t *slurp(const char *path, size_t *size);
void spit(const char *path, const void *data, size_t size);

/* Remove a scratch directory and the files directly in it (no subdirectories). */
void remove_flat_dir(const char *dir);

/* A fresh path under $TMPDIR (not created); free() it. */
char *temp_path(const char *tag);

#endif /* RELVDSO_VDSO_TESTUTIL_H */
