// SPDX-License-Identifier: GPL-2.0-only
/*
 * Write the relocator fuzz seeds: the real images and every malformed case
 * of tests/test_reloc.c, each as a fuzz_reloc input (old_base, new_base as
 * le32, then the image bytes).  The cases are not copied: the test file is
 * compiled in here (it has no main: check_main.c is not linked), so the
 * seeds follow the table.
 *
 *   export-reloc-seeds OUTDIR      (images from $RELVDSO_BUILD/vdso)
 *
 * The test helpers use ck_assert, which reports progress to a running
 * Check test, so the export itself runs as one (unforked) Check test.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "../tests/test_reloc.c"

#define SEED_NEW_BASE	0xfbffe000u	/* the base test_malformed rebases to */

static int write_seed(const char *dir, const char *name, const uint8_t *img,
		      size_t size, uint32_t new_base)
{
	uint8_t hdr[8] = { 0 };		/* old_base 0 */
	char path[4096];
	FILE *f;

	for (int i = 0; i < 4; i++)
		hdr[4 + i] = (uint8_t)(new_base >> 8 * i);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(hdr, 1, sizeof(hdr), f) != sizeof(hdr) ||
	    fwrite(img, 1, size, f) != size || fclose(f) != 0) {
		fprintf(stderr, "export-reloc-seeds: cannot write %s\n", path);
		return -1;
	}
	return 0;
}

static const char *out_dir;
static int written;

START_TEST(export_seeds)
{
	const char *dir = out_dir;

	for (size_t i = 0; i < ARRAY_SIZE(image_names); i++) {
		struct elf_image b = elf_load_vdso(image_names[i]);
		char name[128];

		snprintf(name, sizeof(name), "real-%s", image_names[i]);
		ck_assert_int_eq(write_seed(dir, name, b.data, b.size, 0xffffe000u), 0);
		free(b.data);
		written++;
	}
	for (size_t i = 0; i < ARRAY_SIZE(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		const char *image = c->needs_symtab ? "vdso-int80.so.dbg" : "vdso-int80.so";
		struct elf_image b = elf_load_vdso(image);
		struct facts f;
		char name[128];

		facts_open(&f, b);
		c->patch(&b, &f);
		facts_close(&f);
		snprintf(name, sizeof(name), "bad-%s", c->what);
		ck_assert_int_eq(write_seed(dir, name, b.data, b.size, SEED_NEW_BASE), 0);
		free(b.data);
		written++;
	}
}
END_TEST

int main(int argc, char **argv)
{
	Suite *s = suite_create("export-reloc-seeds");
	TCase *tc = tcase_create("export");
	SRunner *sr;
	int failed;

	if (argc != 2) {
		fprintf(stderr, "usage: export-reloc-seeds OUTDIR\n");
		return 2;
	}
	out_dir = argv[1];
	tcase_add_test(tc, export_seeds);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_SILENT);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	if (failed) {
		fprintf(stderr, "export-reloc-seeds: failed\n");
		return 1;
	}
	printf("export-reloc-seeds: %d seeds in %s\n", written, out_dir);
	return 0;
}
