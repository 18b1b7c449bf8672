// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso-reloc: rebase a vDSO image file with the freestanding relocator,
 * write the result atomically and verify it independently with libelf.
 *
 *   vdso-reloc [--from ADDR] --to ADDR IN OUT
 *
 * Exit status: 0 done, 1 input rejected or I/O failure (OUT not created),
 * 2 bad usage.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <getopt.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <relvdso/reloc.h>

#include "reloc_verify.h"

#define PROG	"vdso-reloc"

enum { EXIT_REJECTED = 1, EXIT_USAGE = 2 };

struct file_buf {
	uint8_t *data;
	size_t size;
	mode_t mode;
};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: " PROG " [--from ADDR] --to ADDR IN OUT\n"
		"Rebase the vDSO image IN from ADDR (default: its first PT_LOAD\n"
		"p_vaddr) to ADDR, write OUT atomically and verify it with libelf.\n"
		"ADDR is 0x-prefixed hex or decimal, below 2^32.\n"
		"  -f, --from ADDR   current base of the image\n"
		"  -t, --to ADDR     new base\n"
		"  -h, --help        this text\n"
		"Exit status: 0 done, 1 input rejected or I/O error, 2 bad usage.\n");
}

static bool parse_addr(const char *s, uint32_t *addr)
{
	bool hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	const char *digits = hex ? s + 2 : s;
	unsigned long long v;
	char *end;

	/* strtoull would also take blanks, signs and a bare "0x" */
	if (!(hex ? isxdigit((unsigned char)digits[0]) : isdigit((unsigned char)digits[0])))
		return false;
	errno = 0;
	v = strtoull(digits, &end, hex ? 16 : 10);
	if (errno || *end || v > UINT32_MAX)
		return false;
	*addr = (uint32_t)v;
	return true;
}

static bool read_file(const char *path, struct file_buf *f)
{
	struct stat st;
	int fd = open(path, O_RDONLY);
	size_t got = 0;

	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, PROG ": %s: %s\n", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > UINT32_MAX) {
		fprintf(stderr, PROG ": %s: not a regular file below 4 GiB\n", path);
		goto fail;
	}
	f->size = (size_t)st.st_size;
	f->mode = st.st_mode & 0777;
	f->data = malloc(f->size + 1);
	if (!f->data) {
		fprintf(stderr, PROG ": %s: out of memory\n", path);
		goto fail;
	}
	while (got < f->size) {
		ssize_t n = read(fd, f->data + got, f->size - got);

		if (n <= 0) {
			fprintf(stderr, PROG ": %s: %s\n", path, n ? strerror(errno) : "short read");
			free(f->data);
			goto fail;
		}
		got += (size_t)n;
	}
	close(fd);
	return true;
fail:
	if (fd >= 0)
		close(fd);
	return false;
}

static bool write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* Base of the image as linked: its first PT_LOAD's p_vaddr. */
static bool first_load_vaddr(const struct file_buf *in, uint32_t *vaddr)
{
	Elf *elf;
	GElf_Phdr ph;
	size_t n;
	bool found = false;

	elf_version(EV_CURRENT);
	elf = elf_memory((char *)in->data, in->size);
	if (elf && !elf_getphdrnum(elf, &n))
		for (size_t i = 0; i < n && !found; i++)
			found = gelf_getphdr(elf, (int)i, &ph) && ph.p_type == PT_LOAD;
	if (found)
		*vaddr = (uint32_t)ph.p_vaddr;
	elf_end(elf);
	return found;
}

/* Independent re-read of what was written, compared with the input. */
static bool verify_written(const char *tmp, const char *out,
			   const struct file_buf *in, uint32_t from, uint32_t to,
			   const struct relvdso_reloc_stats *st,
			   struct reloc_verify_report *rep)
{
	struct file_buf back;
	const struct reloc_verify_counts *c = &rep->counts;
	int fields;

	if (!read_file(tmp, &back))
		return false;
	fields = reloc_verify(in->data, in->size, back.data, back.size, from, to, rep);
	free(back.data);
	if (fields < 0) {
		fprintf(stderr, PROG ": %s: verification failed: %s\n", out, rep->msg);
		return false;
	}
	if (c->ehdr != st->ehdr || c->phdr != st->phdr || c->shdr != st->shdr ||
	    c->dyn != st->dyn || c->sym != st->sym) {
		fprintf(stderr, PROG ": %s: verification failed: relocator counted "
			"ehdr %u, phdr %u, shdr %u, dyn %u, sym %u; libelf found "
			"ehdr %u, phdr %u, shdr %u, dyn %u, sym %u\n", out,
			st->ehdr, st->phdr, st->shdr, st->dyn, st->sym,
			c->ehdr, c->phdr, c->shdr, c->dyn, c->sym);
		return false;
	}
	return true;
}

/* Write @data to a temporary beside @out, verify it, rename it into place. */
static bool write_verified(const char *out, const uint8_t *data,
			   const struct file_buf *in, uint32_t from, uint32_t to,
			   const struct relvdso_reloc_stats *st,
			   struct reloc_verify_report *rep)
{
	char *dir_copy = strdup(out), *base_copy = strdup(out), *tmp = NULL;
	int fd = -1;
	bool ok = false;

	if (!dir_copy || !base_copy ||
	    asprintf(&tmp, "%s/.%s.XXXXXX", dirname(dir_copy), basename(base_copy)) < 0) {
		tmp = NULL;
		fprintf(stderr, PROG ": %s: out of memory\n", out);
		goto out;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		fprintf(stderr, PROG ": %s: %s\n", tmp, strerror(errno));
		goto out;
	}
	if (!write_all(fd, data, in->size) || fchmod(fd, in->mode) || fsync(fd)) {
		fprintf(stderr, PROG ": %s: %s\n", tmp, strerror(errno));
		goto out;
	}
	if (!verify_written(tmp, out, in, from, to, st, rep))
		goto out;
	if (rename(tmp, out)) {
		fprintf(stderr, PROG ": %s: %s\n", out, strerror(errno));
		goto out;
	}
	ok = true;
out:
	if (fd >= 0)
		close(fd);
	if (!ok && fd >= 0)
		unlink(tmp);
	free(tmp);
	free(dir_copy);
	free(base_copy);
	return ok;
}

static int rebase(const char *in_path, const char *out_path, bool have_from,
		  uint32_t from, uint32_t to)
{
	struct relvdso_reloc_stats st;
	struct reloc_verify_report rep;
	struct file_buf in;
	enum relvdso_reloc_err err;
	uint32_t linked;
	uint8_t *image;
	char *name = strdup(in_path);
	int status = EXIT_REJECTED;

	if (!name || !read_file(in_path, &in)) {
		free(name);
		return EXIT_REJECTED;
	}
	image = malloc(in.size + 1);
	if (!image) {
		fprintf(stderr, PROG ": %s: out of memory\n", in_path);
		goto out;
	}
	memcpy(image, in.data, in.size);
	/*
	 * libelf's reading of the base is only the default: the relocator
	 * refuses any base that is not the image's own first PT_LOAD.
	 */
	if (!first_load_vaddr(&in, &linked))
		linked = 0;	/* no readable PT_LOAD: the relocator names why */
	if (!have_from)
		from = linked;
	err = relvdso_reloc_apply(image, (uint32_t)in.size, from, to, &st);
	if (err != RELVDSO_RELOC_OK) {
		fprintf(stderr, PROG ": %s: rejected: %s", in_path, relvdso_reloc_strerror(err));
		if (err == RELVDSO_RELOC_E_OLD_BASE)
			fprintf(stderr, " (--from 0x%x, linked at 0x%x)", from, linked);
		fputc('\n', stderr);
		goto out;
	}
	if (!write_verified(out_path, image, &in, from, to, &st, &rep))
		goto out;
	printf(PROG ": %s 0x%x -> 0x%x: ehdr %u, phdr %u, shdr %u, dyn %u, sym %u; "
	       "verified %u fields\n", basename(name), from, to,
	       st.ehdr, st.phdr, st.shdr, st.dyn, st.sym, rep.fields);
	status = EXIT_SUCCESS;
out:
	free(image);
	free(in.data);
	free(name);
	return status;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint32_t from = 0, to = 0;
	bool have_from = false, have_to = false;
	int c;

	while ((c = getopt_long(argc, argv, "f:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			have_from = parse_addr(optarg, &from);
			if (!have_from)
				goto bad_addr;
			break;
		case 't':
			have_to = parse_addr(optarg, &to);
			if (!have_to)
				goto bad_addr;
			break;
		case 'h':
			usage(stdout);
			return EXIT_SUCCESS;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (!have_to || argc - optind != 2) {
		fprintf(stderr, PROG ": %s\n", have_to ? "need IN and OUT" : "--to is required");
		usage(stderr);
		return EXIT_USAGE;
	}
	return rebase(argv[optind], argv[optind + 1], have_from, from, to);

bad_addr:
	fprintf(stderr, PROG ": bad address '%s' (0x hex or decimal, below 2^32)\n", optarg);
	usage(stderr);
	return EXIT_USAGE;
}
