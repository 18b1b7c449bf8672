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
#include <gelf.h>
#include <getopt.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <relvdso/reloc.h>

#include "file_io.h"
#include "reloc_verify.h"
#include "tool_cli.h"

#define PROG	"vdso-reloc"

enum { EXIT_REJECTED = TOOL_EXIT_FAILURE, EXIT_USAGE = TOOL_EXIT_USAGE };

static void usage(FILE *out)
{
	fprintf(out,
		"usage: " PROG " [--from ADDR] --to ADDR IN OUT\n"
		"Rebase the vDSO image IN from ADDR (default: its first PT_LOAD\n"
		"p_vaddr) to ADDR, write OUT atomically and verify it with libelf.\n"
		"ADDR is 0x-prefixed hex or decimal, below 2^32.\n"
		"  -f, --from ADDR   where the image is linked (its first PT_LOAD; the default)\n"
		"  -t, --to ADDR     new base\n"
		"  -h, --help        this text\n"
		"      --version     print the version\n"
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

/* Base of the image as linked: its first PT_LOAD's p_vaddr. */
static bool first_load_vaddr(const struct file_image *in, uint32_t *vaddr)
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

/* What the check of the written file compares it with and reports into. */
struct written_check {
	const char *out;
	const struct file_image *in;
	uint32_t from, to;
	const struct relvdso_reloc_stats *st;
	struct reloc_verify_report *rep;
};

/* Independent re-read of what was written, compared with the input. */
static bool verify_written(const uint8_t *back, size_t back_size, void *ctx)
{
	const struct written_check *w = ctx;
	const struct relvdso_reloc_stats *st = w->st;
	const struct reloc_verify_counts *c = &w->rep->counts;

	if (reloc_verify(w->in->data, w->in->size, back, back_size, w->from, w->to, w->rep) < 0) {
		fprintf(stderr, PROG ": %s: verification failed: %s\n", w->out, w->rep->msg);
		return false;
	}
	if (c->ehdr != st->ehdr || c->phdr != st->phdr || c->shdr != st->shdr ||
	    c->dyn != st->dyn || c->sym != st->sym) {
		fprintf(stderr, PROG ": %s: verification failed: relocator counted "
			"ehdr %u, phdr %u, shdr %u, dyn %u, sym %u; libelf found "
			"ehdr %u, phdr %u, shdr %u, dyn %u, sym %u\n", w->out,
			st->ehdr, st->phdr, st->shdr, st->dyn, st->sym,
			c->ehdr, c->phdr, c->shdr, c->dyn, c->sym);
		return false;
	}
	return true;
}

static int rebase(const char *in_path, const char *out_path, bool have_from,
		  uint32_t from, uint32_t to)
{
	struct relvdso_reloc_stats st;
	struct reloc_verify_report rep;
	struct file_image in;
	enum relvdso_reloc_err err;
	uint32_t linked;
	uint8_t *image;
	char *name = strdup(in_path);
	int status = EXIT_REJECTED;

	if (!name || !file_read_image(PROG, in_path, RELVDSO_RELOC_MAX_SIZE, &in)) {
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
	if (!file_write_atomic(PROG, out_path, image, in.size, in.mode, verify_written,
			       &(struct written_check){ out_path, &in, from, to, &st, &rep }))
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
		TOOL_CLI_OPTIONS,
		{ NULL, 0, NULL, 0 },
	};
	uint32_t from = 0, to = 0;
	bool have_from = false, have_to = false;
	int c;

	tool_cli_init(argv, PROG);
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
		case TOOL_CLI_VERSION:
			return tool_cli_version();
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
