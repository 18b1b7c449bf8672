/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the vDSO Check suites: build paths, whole files, and
 * running a tool with its output captured.
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

struct run_result {
	int status;		/* exit status, or 128 + signal */
	char *out;		/* stdout and stderr, NUL-terminated, malloc'd */
};

/* Run @cmd with /bin/sh; the caller frees result.out. */
struct run_result run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif /* RELVDSO_VDSO_TESTUTIL_H */
