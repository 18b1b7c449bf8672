// SPDX-License-Identifier: GPL-2.0-only
/*
 * Debian's i386 gdb on the vDSO, in /chroot (packed only into the gdb
 * initramfs, make-initramfs.sh): gdb_syscall gdb_vdso_map gdb_sigreturn
 * gdb_rt_sigreturn.  The target is userspace-tests/gdb-target (dynamic
 * glibc).
 *
 * Every address gdb prints is compared with what the kernel said, never
 * with what the image says about itself: the base is the target's
 * AT_SYSINFO_EHDR (gdb's "info auxv"; rvx_base= in compat mode), the
 * entry its AT_SYSINFO, a restorer the return address the kernel pushed
 * for the handler (gdb-target keeps it in target_restorer).  So an image
 * whose own tables are wrong (fault injection, relvdso.inject=skip-*)
 * shows up as gdb naming the wrong symbol, address or section.
 *
 * gdb 13 leaves the vDSO out of "info sharedlibrary" (solib-svr4 filters
 * the link map entry whose l_ld lies in it); what it shows is its
 * "system-supplied DSO at BASE" objfile ("info symbol", "info files") and
 * [vdso] in "info proc mappings".  linux-gate.so.1 in the link map is
 * checked through ld.so's own list, which gdb-target prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "init.h"

#define GDB_ROOT	"/chroot"
#define GDB_PATH	"/usr/bin/gdb"
#define GDB_TARGET	"/usr/bin/gdb-target"
#define GDB_DSO		"system-supplied DSO at "

/* One gdb session: how the target stops and where the vDSO frame is. */
struct gdb_case {
	const char *name;
	const char *target_arg;		/* gdb-target's mode */
	const char *stop;		/* the command that makes it stop where we look */
	const char *vdso_sym;		/* the vDSO function of frame vdso_frame */
	int vdso_frame;
	const char *callers[4];		/* frames after it, innermost first */
	/*
	 * Without a vDSO the kernel has no restorer for it: an rt frame
	 * returns through the vDSO or SA_RESTORER only (signal.c has no
	 * on-stack fallback for rt frames), so the handler's return address
	 * is the disabled image's offset, 0.
	 */
	int vdso_only;
};

static const struct gdb_case gdb_cases[] = {
	{ "gdb_syscall", "syscall", "catch syscall getppid", "__kernel_vsyscall", 0,
	  { "getppid", "target_syscall_caller", "main" }, 0 },
	{ "gdb_sigreturn", "sigreturn", "handle SIGILL nostop noprint pass", "__kernel_sigreturn", 1,
	  { "target_interrupted", "target_signal", "main" }, 0 },
	{ "gdb_rt_sigreturn", "rt_sigreturn", "handle SIGILL nostop noprint pass",
	  "__kernel_rt_sigreturn", 1, { "target_interrupted", "target_signal", "main" }, 1 },
};

/* The commands after the stop (then "frame N" and gdb_at_frame): the output the checks read. */
static const char *const gdb_look[] = {
	"bt", "info auxv", "info proc mappings", "info files", "info sharedlibrary",
};
static const char *const gdb_at_frame[] = {
	"printf \"RVGDB pc=%#x restorer=%#x\\n\", $pc, target_restorer",
	"echo RVGDB sym=", "info symbol $pc",
};

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* What one session printed, picked out of its output. */
struct gdb_seen {
	unsigned long ehdr, sysinfo;	/* the target's aux vector, per gdb */
	unsigned long pc, restorer;	/* in the vDSO frame */
	char sym[160];			/* "info symbol" there */
	unsigned long map_lo, map_hi;	/* the [vdso] line of the mappings */
};

static const char *line_with(const char *out, const char *needle)
{
	const char *p = strstr(out, needle);

	if (!p)
		return NULL;
	while (p > out && p[-1] != '\n')
		p--;
	return p;
}

/* The last number on the line holding @needle; 0 if none. */
static unsigned long number_after(const char *out, const char *needle)
{
	const char *l = line_with(out, needle), *end, *p;

	if (!l)
		return 0;
	end = strchr(l, '\n');
	end = end ? end : l + strlen(l);
	for (p = end; p > l && p[-1] != ' '; p--)
		;
	return strtoul(p, NULL, 0);
}

static void parse(const char *out, struct gdb_seen *s)
{
	const char *l;

	memset(s, 0, sizeof(*s));
	s->ehdr = number_after(out, "AT_SYSINFO_EHDR ");
	s->sysinfo = number_after(out, "AT_SYSINFO ");
	l = strstr(out, "RVGDB pc=");
	if (l)
		sscanf(l, "RVGDB pc=%lx restorer=%lx", &s->pc, &s->restorer);
	l = strstr(out, "RVGDB sym=");
	if (l)
		sscanf(l, "RVGDB sym=%159[^\n]", s->sym);
	l = line_with(out, "[vdso]");
	if (l)
		sscanf(l, " %lx %lx", &s->map_lo, &s->map_hi);
}

/* The line of frame #n; NULL if gdb printed none. */
static const char *frame_line(const char *out, int n, char *buf, size_t len)
{
	char tag[16];
	const char *l, *end;

	snprintf(tag, sizeof(tag), "\n#%d  ", n);
	l = strstr(out, tag);
	if (!l)
		return NULL;
	l++;
	end = strchr(l, '\n');
	snprintf(buf, len, "%.*s", (int)(end ? end - l : (long)strlen(l)), l);
	return buf;
}

static int frame_is(const char *out, int n, const char *fn)
{
	char buf[256], want[96];

	if (!frame_line(out, n, buf, sizeof(buf)))
		return 0;
	snprintf(want, sizeof(want), " %s (", fn);
	return strstr(buf, want) != NULL;
}

/* Every section gdb placed in the vDSO objfile lies in its mapping. */
static const char *sections_in_map(const char *out, const struct gdb_seen *s, int *n)
{
	static char why[160];
	char tag[64];
	const char *l;
	unsigned long lo, hi;

	snprintf(tag, sizeof(tag), " in " GDB_DSO "%#lx\n", s->ehdr);
	*n = 0;
	for (l = strstr(out, " is ."); l; l = strstr(l + 1, " is .")) {
		const char *bol = l, *eol = strchr(l, '\n');

		if (!eol || !strstr(l, GDB_DSO) || strstr(l, GDB_DSO) > eol)
			continue;
		while (bol > out && bol[-1] != '\n')
			bol--;
		if (strncmp(eol - strlen(tag) + 1, tag, strlen(tag)) ||
		    sscanf(bol, " %lx - %lx", &lo, &hi) != 2 || lo < s->map_lo || hi > s->map_hi) {
			snprintf(why, sizeof(why), "%.*s", (int)(eol - bol), bol);
			return why;
		}
		(*n)++;
	}
	return *n ? NULL : "gdb listed no section of the vDSO objfile";
}

static void run_gdb(const struct gdb_case *c, struct rv_run *r)
{
	static const char *const head[] = {
		GDB_PATH, "-nx", "-batch", "-ex", "set startup-with-shell off",
	};
	const char *argv[N_ELEMS(head) + 2 * (2 + N_ELEMS(gdb_look) + 1 + N_ELEMS(gdb_at_frame)) + 4];
	char frame_cmd[32];
	size_t i, n = 0;

	snprintf(frame_cmd, sizeof(frame_cmd), "frame %d", c->vdso_frame);
	for (i = 0; i < N_ELEMS(head); i++)
		argv[n++] = head[i];
	argv[n++] = "-ex";
	argv[n++] = c->stop;
	argv[n++] = "-ex";
	argv[n++] = "run";
	for (i = 0; i < N_ELEMS(gdb_look); i++) {
		argv[n++] = "-ex";
		argv[n++] = gdb_look[i];
	}
	argv[n++] = "-ex";
	argv[n++] = frame_cmd;
	for (i = 0; i < N_ELEMS(gdb_at_frame); i++) {
		argv[n++] = "-ex";
		argv[n++] = gdb_at_frame[i];
	}
	argv[n++] = "--args";
	argv[n++] = GDB_TARGET;
	argv[n++] = c->target_arg;
	argv[n] = NULL;
	rv_run(GDB_ROOT, argv, r);
}

/* gdb's signal frame sits right after the handler. */
static int signal_frame_ok(const char *out)
{
	char frame[256];

	return frame_is(out, 0, "target_handler") && frame_line(out, 1, frame, sizeof(frame)) &&
	       strstr(frame, "<signal handler called>");
}

/* The frames after the vDSO one are the callers, in order. */
static const char *check_callers(const struct gdb_case *c, const char *out)
{
	static char why[128];
	int i, f = c->vdso_frame + 1;

	for (i = 0; i < 4 && c->callers[i]; i++, f++)
		if (!frame_is(out, f, c->callers[i])) {
			snprintf(why, sizeof(why), "frame #%d is not %s", f, c->callers[i]);
			return why;
		}
	return NULL;
}

/* Where the vDSO frame must be, by the kernel's word. */
static unsigned long expected_pc_sym(const struct gdb_case *c, const struct gdb_seen *s)
{
	return c->vdso_frame ? s->restorer : s->sysinfo;
}

static void check_with_vdso(const struct rv_env *e, const struct gdb_case *c, const char *out,
			    const struct gdb_seen *s)
{
	char want[128], frame[256];
	unsigned long off = 0;
	const char *why = NULL;

	snprintf(want, sizeof(want), "%s", c->vdso_sym);
	if (e->mode == UT_COMPAT && s->ehdr != e->base)
		why = "AT_SYSINFO_EHDR is not the compat base";
	else if (!s->ehdr || s->ehdr & 0xfff)
		why = "no page-aligned AT_SYSINFO_EHDR in gdb's info auxv";
	else if (strncmp(s->sym, want, strlen(want)) ||
		 (s->sym[strlen(want)] != ' ' && s->sym[strlen(want)] != 0))
		why = "info symbol does not name the vDSO function";
	else if (sscanf(s->sym + strlen(want), " + %lu", &off), s->pc - off != expected_pc_sym(c, s))
		why = "the function gdb names does not start where the kernel put it";
	else if (!strstr(s->sym, GDB_DSO) || strtoul(strstr(s->sym, GDB_DSO) + strlen(GDB_DSO), NULL, 0) != s->ehdr)
		why = "info symbol's objfile is not the system-supplied DSO at the base";
	else if (c->vdso_frame && !signal_frame_ok(out))
		why = "frames #0/#1 are not the handler and gdb's signal frame";
	else if (!c->vdso_frame && !frame_is(out, 0, c->vdso_sym))
		why = "frame #0 is not the vDSO function";
	else
		why = check_callers(c, out);
	frame_line(out, c->vdso_frame, frame, sizeof(frame));
	CHECK(!why, c->name, "%s | base 0x%08lx AT_SYSINFO 0x%08lx pc 0x%08lx restorer 0x%08lx | %s | %s",
	      why ? why : "gdb names the vDSO frame at the kernel's address, callers follow", s->ehdr, s->sysinfo, s->pc, s->restorer, s->sym, frame);
}

/* vdso=0: glibc enters by int $0x80, a restorer is the frame's own code. */
static void check_without_vdso(const struct gdb_case *c, const char *out, const struct gdb_seen *s)
{
	const char *why = NULL;

	if (s->ehdr || strstr(out, GDB_DSO) || strstr(out, "[vdso]"))
		why = "gdb found a vDSO";
	else if (c->vdso_only)
		why = frame_is(out, 0, "target_handler") && !s->restorer ? NULL :
		      "the kernel gave an rt restorer without a vDSO";
	else if (c->vdso_frame && !signal_frame_ok(out))
		why = "frames #0/#1 are not the handler and gdb's signal frame";
	else if (c->vdso_frame && s->pc != s->restorer)
		why = "the signal frame is not at the kernel's restorer";
	else
		why = check_callers(c, out);
	CHECK(!why, c->name, "%s | pc 0x%08lx restorer 0x%08lx | %s",
	      why ? why : c->vdso_only ? "no vDSO: the rt handler has no restorer (return address 0)" :
	      "no vDSO anywhere in gdb's view, the frames still unwind", s->pc, s->restorer,
	      s->sym);
}

/* The mapping and gdb's sections (once, from the syscall session). */
static void check_map(const struct rv_env *e, const char *out, const struct gdb_seen *s)
{
	const char *why = NULL, *lm = line_with(out, "gdb-target: link_map linux-gate.so.1 ");
	const char *so = strstr(out, "Shared Object Library");
	int n = 0;

	if (e->mode == UT_NONE) {
		CHECK(!lm && !s->map_lo, "gdb_vdso_map", "vdso=0: %s",
		      lm || s->map_lo ? "a vDSO in the link map or mappings" : "none in the link map or mappings");
		return;
	}
	if (s->map_lo != s->ehdr || s->map_hi <= s->map_lo)
		why = "info proc mappings has no [vdso] at AT_SYSINFO_EHDR";
	else if (!lm)
		why = "linux-gate.so.1 is not in ld.so's link map";
	else
		why = sections_in_map(out, s, &n);
	CHECK(!why, "gdb_vdso_map", "%s | [vdso] 0x%08lx-0x%08lx, %d sections of the " GDB_DSO
	      "0x%08lx inside; %s; info sharedlibrary %s linux-gate.so.1", why ? why : "ok",
	      s->map_lo, s->map_hi, n, s->ehdr, lm ? "link map has linux-gate.so.1" : "-",
	      so && strstr(so, "linux-gate") ? "lists" : "omits");
}

void group_debugger(struct rv_env *e)
{
	struct gdb_seen seen;
	struct rv_run r;
	size_t i;

	if (access(GDB_ROOT GDB_PATH, X_OK) || access(GDB_ROOT GDB_TARGET, X_OK)) {
		for (i = 0; i < N_ELEMS(gdb_cases); i++)
			SKIP(gdb_cases[i].name, "no " GDB_ROOT GDB_PATH " or " GDB_TARGET " (not the gdb initramfs)");
		SKIP("gdb_vdso_map", "no gdb");
		return;
	}
	/* gdb reads /proc/PID, opens /dev/null and /dev/tty */
	mount("proc", GDB_ROOT "/proc", "proc", 0, NULL);
	mount("devtmpfs", GDB_ROOT "/dev", "devtmpfs", 0, NULL);
	for (i = 0; i < N_ELEMS(gdb_cases); i++) {
		const struct gdb_case *c = &gdb_cases[i];

		run_gdb(c, &r);
		if (r.status != 0) {
			FAIL(c->name, "gdb exited %d: %s", r.status, r.last);
			continue;
		}
		parse(r.output, &seen);
		if (e->mode == UT_NONE)
			check_without_vdso(c, r.output, &seen);
		else
			check_with_vdso(e, c, r.output, &seen);
		if (!strcmp(c->target_arg, "syscall"))
			check_map(e, r.output, &seen);
	}
	umount(GDB_ROOT "/dev");
	umount(GDB_ROOT "/proc");
}
