// SPDX-License-Identifier: GPL-2.0-only
/* The host tools' input and output files; see file_io.h. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_io.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* What a path that is not a regular file is, for messages. */
static const struct file_kind_name {
	mode_t type;		/* an S_IFMT value */
	const char *name;
} file_kinds[] = {
	{ S_IFLNK, "a symbolic link" },	{ S_IFDIR, "a directory" },
	{ S_IFIFO, "a FIFO" },		{ S_IFCHR, "a character device" },
	{ S_IFBLK, "a block device" },	{ S_IFSOCK, "a socket" },
};

static const char *file_kind(mode_t mode)
{
	for (size_t i = 0; i < ARRAY_SIZE(file_kinds); i++)
		if ((mode & S_IFMT) == file_kinds[i].type)
			return file_kinds[i].name;
	return "not a regular file";
}

/* Read up to @len bytes; how many, or -1 on an error. */
static ssize_t read_full(int fd, uint8_t *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

static bool write_full(int fd, const uint8_t *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

bool file_read_image(const char *prog, const char *path, size_t limit,
		     struct file_image *img)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	ssize_t got;

	img->data = NULL;
	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "%s: %s: is %s, not a regular file\n", prog, path,
			file_kind(st.st_mode));
		goto fail;
	}
	if ((uintmax_t)st.st_size > limit) {
		fprintf(stderr, "%s: %s: %jd bytes, larger than the %zu-byte limit for an image\n",
			prog, path, (intmax_t)st.st_size, limit);
		goto fail;
	}
	img->size = (size_t)st.st_size;
	img->mode = st.st_mode & 0777;
	img->data = malloc(img->size + 1);
	if (!img->data) {
		fprintf(stderr, "%s: %s: out of memory\n", prog, path);
		goto fail;
	}
	got = read_full(fd, img->data, img->size);
	if (got != (ssize_t)img->size) {
		fprintf(stderr, "%s: %s: %s\n", prog, path,
			got < 0 ? strerror(errno) : "shorter than its size (changed while read)");
		goto fail;
	}
	close(fd);
	return true;
fail:
	free(img->data);
	img->data = NULL;
	if (fd >= 0)
		close(fd);
	return false;
}

/*
 * The temporary being written, removed by a signal that would end the
 * program.  Set and cleared with those signals blocked; a lock-free atomic,
 * so the handler may read it (C11 7.14.1.1).
 */
static const int cleanup_signals[] = { SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGXFSZ };
static struct sigaction saved_actions[ARRAY_SIZE(cleanup_signals)];
static char *_Atomic pending_tmp;

static void remove_tmp_and_reraise(int sig)
{
	if (pending_tmp)
		unlink(pending_tmp);
	/* SA_RESETHAND made the action SIG_DFL: delivered when this returns */
	raise(sig);
}

static void block_cleanup_signals(sigset_t *set, sigset_t *old)
{
	sigemptyset(set);
	for (size_t i = 0; i < ARRAY_SIZE(cleanup_signals); i++)
		sigaddset(set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, set, old);
}

/* With the signals blocked: catch each one that is not ignored. */
static void arm_cleanup(char *tmp, const sigset_t *set)
{
	struct sigaction sa = { .sa_handler = remove_tmp_and_reraise,
				.sa_mask = *set, .sa_flags = SA_RESETHAND };

	for (size_t i = 0; i < ARRAY_SIZE(cleanup_signals); i++) {
		sigaction(cleanup_signals[i], NULL, &saved_actions[i]);
		if (saved_actions[i].sa_handler != SIG_IGN)
			sigaction(cleanup_signals[i], &sa, NULL);
	}
	pending_tmp = tmp;
}

/* With the signals blocked: the actions the program had. */
static void disarm_cleanup(void)
{
	pending_tmp = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(cleanup_signals); i++)
		sigaction(cleanup_signals[i], &saved_actions[i], NULL);
}

/* "DIR/.NAME.XXXXXX" for OUT "DIR/NAME", malloc'd; NULL (said why) if none. */
static char *tmp_template(const char *prog, const char *out)
{
	const char *slash = strrchr(out, '/');
	const char *name = slash ? slash + 1 : out;
	int dir_len = slash ? (int)(name - out) : 0;
	char *tmp;

	if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) {
		fprintf(stderr, "%s: %s: names a directory, not a file\n", prog, out);
		return NULL;
	}
	if (asprintf(&tmp, "%.*s.%s.XXXXXX", dir_len, out, name) < 0) {
		fprintf(stderr, "%s: %s: out of memory\n", prog, out);
		return NULL;
	}
	return tmp;
}

/*
 * Absent or a regular file: OUT may be replaced.  Else say what it is.
 * rename() replaces the name itself, never what a symlink names, so a
 * symlink put there after this check is replaced, not followed.
 */
static bool out_replaceable(const char *prog, const char *out)
{
	struct stat st;

	if (lstat(out, &st) == 0) {
		if (S_ISREG(st.st_mode))
			return true;
		fprintf(stderr, "%s: %s: is %s; only a regular file is replaced\n",
			prog, out, file_kind(st.st_mode));
		return false;
	}
	if (errno == ENOENT)
		return true;
	fprintf(stderr, "%s: %s: %s\n", prog, out, strerror(errno));
	return false;
}

/* Read the temporary back and let @check judge it. */
static bool check_written(int fd, size_t len, file_check_fn *check, void *ctx,
			  const char *prog, const char *out)
{
	uint8_t *back = malloc(len + 1);
	bool ok;

	if (!back || lseek(fd, 0, SEEK_SET) != 0 || read_full(fd, back, len) != (ssize_t)len) {
		fprintf(stderr, "%s: %s: reading back what was written: %s\n", prog, out,
			back ? strerror(errno) : "out of memory");
		free(back);
		return false;
	}
	ok = check(back, len, ctx);
	free(back);
	return ok;
}

bool file_write_atomic(const char *prog, const char *out, const void *bytes,
		       size_t len, mode_t mode, file_check_fn *check, void *ctx)
{
	const char *step = "creating a temporary file beside it";
	sigset_t set, old;
	char *tmp;
	mode_t umask_bits;
	bool ok = false;
	int fd;

	if (!out_replaceable(prog, out))
		return false;
	tmp = tmp_template(prog, out);
	if (!tmp)
		return false;
	block_cleanup_signals(&set, &old);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd >= 0)
		arm_cleanup(tmp, &set);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (fd < 0)
		goto report;

	umask_bits = umask(0);
	umask(umask_bits);
	step = "writing";
	if (fchmod(fd, mode & ~umask_bits) || !write_full(fd, bytes, len) || fsync(fd))
		goto report;
	if (check && !check_written(fd, len, check, ctx, prog, out))
		goto out;
	step = "replacing it";
	if (rename(tmp, out) == 0)
		ok = true;
report:
	if (!ok)
		fprintf(stderr, "%s: %s: %s: %s\n", prog, out, step, strerror(errno));
out:
	if (fd >= 0) {
		block_cleanup_signals(&set, &old);
		if (!ok)
			unlink(tmp);
		disarm_cleanup();
		sigprocmask(SIG_SETMASK, &old, NULL);
		close(fd);
	}
	free(tmp);
	return ok;
}
