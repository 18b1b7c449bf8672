// SPDX-License-Identifier: GPL-2.0-only
/*
 * vdso-check: the small static checker copied into the i386 chroot and run
 * from several levels of shell: the shared presence checks (address per
 * mode, anonymous r-xp page, relvdso's symbols, entry method), one summary
 * line, exit 0/1.  Same options as the other consumers.
 */
#include <stdio.h>
#include <sys/auxv.h>

#include "../common/ut_vdso.h"

int main(int argc, char **argv)
{
	struct ut_expect e;
	struct vdso_view v;

	ut_prog = "vdso-check";
	ut_parse_expect(argc, argv, &e);
	if (ut_check_vdso(&e, &v))
		ut_check_vsyscall(&v, (uint32_t)getauxval(AT_SYSINFO));
	return ut_finish();
}
