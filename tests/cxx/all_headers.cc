// SPDX-License-Identifier: GPL-2.0-only
// A C++ consumer of the installed library: scripts/check-build.sh generates
// relvdso_all.h (one #include per installed include/relvdso/*.h), compiles
// this with g++ -Wall -Werror and `pkg-config --cflags --libs relvdso`,
// links it and runs it.  It fails to link if a header lacks its extern "C".
#include "relvdso_all.h"

#include <cstdio>
#include <cstring>
#include <vector>

int main()
{
	const struct relvdso_image *img = &relvdso_image_int80;
	std::vector<uint8_t> copy(img->data, img->data + img->size);

	enum relvdso_reloc_err err = relvdso_reloc_check(copy.data(), img->size, 0, 0xfbffe000u);
	if (err != RELVDSO_RELOC_OK) {
		std::fprintf(stderr, "check: %s\n", relvdso_reloc_strerror(err));
		return 1;
	}
	struct relvdso_opts opts;
	relvdso_opts_parse("quiet vdso=compat vdso_entry=int80", RELVDSO_MODE_NORMAL, &opts);
	if (opts.mode != RELVDSO_MODE_COMPAT) {
		std::fprintf(stderr, "vdso=compat parsed as %s\n", relvdso_mode_name(opts.mode));
		return 1;
	}
	char buf[16];
	relvdso_fmt_size(buf, sizeof(buf), 64u << 20);
	std::printf("image %s (%u bytes), mode %s, entry %s, %s\n", img->name,
		    static_cast<unsigned>(img->size), relvdso_mode_name(opts.mode),
		    relvdso_entry_name(img->entry), buf);
	return std::strcmp(buf, "64M") == 0 ? 0 : 1;
}
