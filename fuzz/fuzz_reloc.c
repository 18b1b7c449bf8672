// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the relocator (relvdso_reloc_check/apply).
 *
 * Input: old_base (le32), new_base (le32), then the image bytes.
 *
 * Invariants asserted on every input, not just "no crash":
 *  - check never writes, and check and apply agree on the verdict;
 *  - a rejected image is byte-identical afterwards and the stats are zero;
 *  - an accepted image is verified by reloc_verify() (tools/reloc_verify.c:
 *    libelf via elf_memory, sharing no code with relocator/): every field
 *    the rules name moved by exactly the delta and no other byte changed;
 *    its counts equal the relocator's stats;
 *  - the accepted image rebased back (new_base -> old_base) is accepted,
 *    gives the same stats, and equals the input byte for byte; unless
 *    old_base leaves no room for the data pages below it (0 < old_base <
 *    RELVDSO_DATA_SIZE): then the way back is refused as such, untouched.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <relvdso/reloc.h>
#include <relvdso/vdso_data.h>

#include "../tools/reloc_verify.h"
#include "fuzz_util.h"

#define HEADER_BYTES	8u
#define MAX_IMAGE	RELVDSO_RELOC_MAX_SIZE

static void assert_stats_zero(const struct relvdso_reloc_stats *s)
{
	FUZZ_ASSERT(!s->ehdr && !s->phdr && !s->shdr && !s->dyn && !s->sym,
		    "rejected image reported stats %u/%u/%u/%u/%u",
		    s->ehdr, s->phdr, s->shdr, s->dyn, s->sym);
}

static void assert_stats_match(const struct relvdso_reloc_stats *s,
			       const struct reloc_verify_report *rep, int fields)
{
	FUZZ_ASSERT(rep->counts.ehdr == s->ehdr && rep->counts.phdr == s->phdr &&
		    rep->counts.shdr == s->shdr && rep->counts.dyn == s->dyn &&
		    rep->counts.sym == s->sym,
		    "stats %u/%u/%u/%u/%u, independent reading %u/%u/%u/%u/%u",
		    s->ehdr, s->phdr, s->shdr, s->dyn, s->sym, rep->counts.ehdr,
		    rep->counts.phdr, rep->counts.shdr, rep->counts.dyn, rep->counts.sym);
	FUZZ_ASSERT((uint32_t)fields == s->ehdr + 2 * s->phdr + s->shdr + s->dyn + s->sym,
		    "%d fields verified", fields);
}

static void accepted(const uint8_t *orig, uint8_t *img, uint32_t size,
		     uint32_t old_base, uint32_t new_base,
		     const struct relvdso_reloc_stats *stats)
{
	struct relvdso_reloc_stats back;
	struct reloc_verify_report rep;
	enum relvdso_reloc_err err;
	int fields;

	fields = reloc_verify(orig, size, img, size, old_base, new_base, &rep);
	FUZZ_ASSERT(fields >= 0, "0x%x -> 0x%x: %s", old_base, new_base, rep.msg);
	assert_stats_match(stats, &rep, fields);

	err = relvdso_reloc_apply(img, size, new_base, old_base, &back);
	if (old_base != 0 && old_base < RELVDSO_DATA_SIZE) {
		FUZZ_ASSERT(err == RELVDSO_RELOC_E_DATA_ROOM, "rebasing back 0x%x -> 0x%x: %s",
			    new_base, old_base, relvdso_reloc_strerror(err));
		assert_stats_zero(&back);
		return;
	}
	FUZZ_ASSERT(err == RELVDSO_RELOC_OK, "rebasing back 0x%x -> 0x%x refused: %s",
		    new_base, old_base, relvdso_reloc_strerror(err));
	FUZZ_ASSERT(!memcmp(&back, stats, sizeof(back)), "rebasing back gave other stats");
	FUZZ_ASSERT(!memcmp(img, orig, size), "A->B->A differs from A");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct relvdso_reloc_stats stats;
	enum relvdso_reloc_err err, err_check;
	uint32_t old_base, new_base, size;
	uint8_t *img, *orig;

	if (len < HEADER_BYTES || len - HEADER_BYTES > MAX_IMAGE)
		return -1;
	old_base = fuzz_le32(data);
	new_base = fuzz_le32(data + 4);
	size = (uint32_t)(len - HEADER_BYTES);
	/* exact-size heap copies: ASan sees any read or write past the image */
	img = malloc(size ? size : 1);
	orig = malloc(size ? size : 1);
	FUZZ_ASSERT(img && orig, "out of memory");
	memcpy(img, data + HEADER_BYTES, size);
	memcpy(orig, img, size);

	err_check = relvdso_reloc_check(img, size, old_base, new_base);
	FUZZ_ASSERT(err_check < RELVDSO_RELOC_E_COUNT, "check returned %d", err_check);
	FUZZ_ASSERT(!memcmp(img, orig, size), "check wrote to the image");
	FUZZ_ASSERT(relvdso_reloc_strerror(err_check) != NULL, "no string for %d", err_check);

	memset(&stats, 0xa5, sizeof(stats));
	err = relvdso_reloc_apply(img, size, old_base, new_base, &stats);
	FUZZ_ASSERT(err == err_check, "check said %d (%s), apply %d (%s)", err_check,
		    relvdso_reloc_strerror(err_check), err, relvdso_reloc_strerror(err));
	if (err != RELVDSO_RELOC_OK) {
		FUZZ_ASSERT(!memcmp(img, orig, size), "rejected image (%s) was modified",
			    relvdso_reloc_strerror(err));
		assert_stats_zero(&stats);
	} else {
		accepted(orig, img, size, old_base, new_base, &stats);
	}
	free(img);
	free(orig);
	return 0;
}
