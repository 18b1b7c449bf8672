/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The host tools' one input path and one output path.
 *
 * file_read_image() reads a regular file of at most @limit bytes.  It never
 * blocks (a FIFO or device is refused, not opened for reading and waited
 * on) and refuses a larger file before reading any of it.
 *
 * file_write_atomic() creates or replaces OUT only when OUT is absent or a
 * regular file: a symlink (dangling, to a file, to a directory), device,
 * FIFO, socket or directory at OUT is refused and left as it is.  The bytes
 * go to a temporary ".NAME.XXXXXX" beside OUT, are synced and renamed over
 * OUT, so OUT is either what it was or complete.  SIGHUP, SIGINT, SIGQUIT,
 * SIGPIPE, SIGTERM and SIGXFSZ arriving meanwhile remove the temporary and
 * then end the program as they would have; SIGKILL (and a crash) leave it.
 *
 * Both print their errors as "PROG: PATH: reason", PATH being the input or
 * OUT (never the temporary), and return false.
 */
#ifndef RELVDSO_TOOLS_FILE_IO_H
#define RELVDSO_TOOLS_FILE_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* A file read whole: its bytes (malloc'd, one spare byte) and permissions. */
struct file_image {
	uint8_t *data;
	size_t size;
	mode_t mode;
};

bool file_read_image(const char *prog, const char *path, size_t limit,
		     struct file_image *img);

/*
 * Judges the bytes read back from the written temporary before it replaces
 * OUT; returns false (having printed why) to leave OUT as it was.
 */
typedef bool file_check_fn(const uint8_t *written, size_t len, void *ctx);

/* OUT gets @mode less the umask; @check may be NULL. */
bool file_write_atomic(const char *prog, const char *out, const void *bytes,
		       size_t len, mode_t mode, file_check_fn *check, void *ctx);

#endif
