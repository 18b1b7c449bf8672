// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers shared by the Check suites.  See vdso_testutil.h.
 */
#include "vdso_testutil.h"

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PATH_SLOTS	8
#define PATH_LEN	512

const char *const vdso_test_entries[3] = { "int80", "sysenter", "syscall" };

const char *build_path(const char *rel)
{
	static char paths[PATH_SLOTS][PATH_LEN];
	static unsigned int next;
	const char *build = getenv("RELVDSO_BUILD");
	char *p = paths[next++ % PATH_SLOTS];

	snprintf(p, PATH_LEN, "%s/%s", build && *build ? build : "build", rel);
	return p;
}

uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	rewind(f);
	ck_assert_int_ge(len, 0);
	buf = malloc((size_t)len + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*size = (size_t)len;
	return buf;
}

void spit(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	ck_assert_msg(f != NULL, "cannot create %s", path);
	ck_assert_uint_eq(fwrite(data, 1, size, f), size);
	ck_assert_int_eq(fclose(f), 0);
}

void remove_flat_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

char *temp_path(const char *tag)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	int fd;

	ck_assert_int_ge(asprintf(&path, "%s/relvdso-%s-%d-%s", dir && *dir ? dir : "/tmp", tag,
				  (int)getpid(), "XXXXXX"), 0);
	/* a unique name: create it, then remove it so tools can be asked to make it */
	fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(path);
	return path;
}
