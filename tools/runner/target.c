// SPDX-License-Identifier: GPL-2.0-only
/*
 * Vet PROGRAM before anything runs: find it (inside --root; along PATH when
 * it has no slash, like a shell) and check that it is an i386 executable
 * whose segments and interpreter make sense.  One line and a shell-like exit
 * code on failure: 127 not found, 126 found but not runnable (2 for a
 * --root that is no directory).  A failing interpreter is named as such.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runner.h"

#define DEFAULT_PATH	"/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"
#define SCRIPT_DEPTH	4	/* #! chains the kernel follows */
#define HOST_PATH_MAX	(PATH_MAX + 256)
#define LOAD_SPAN_MAX	0xc0000000ull	/* an i386 process's 3 GiB user space */

struct verdict {
	int code;		/* 0, RUNNER_EXIT_NOEXEC or RUNNER_EXIT_NOTFOUND */
	const char *why;
};

static int complain(const char *path, struct verdict v)
{
	fprintf(stderr, "vdsorun: %s: %s\n", path, v.why);
	return v.code;
}

/* @inner is the path as the program sees it; on the host it lives under --root. */
static void host_path(const struct runner_opts *opts, const char *inner, char *out, size_t len)
{
	snprintf(out, len, "%s%s", opts->root ? opts->root : "", inner);
}

static bool search_path(const struct runner_opts *opts, const char *name, char *out, size_t len)
{
	const char *path = opts->root ? NULL : getenv("PATH");
	char dirs[4096], host[HOST_PATH_MAX], *dir, *save = NULL;

	snprintf(dirs, sizeof(dirs), "%s", path && *path ? path : DEFAULT_PATH);
	for (dir = strtok_r(dirs, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
		snprintf(out, len, "%s/%s", dir, name);
		host_path(opts, out, host, sizeof(host));
		if (access(host, X_OK) == 0)
			return true;
	}
	return false;
}

/* Segments in the file and in 32 bits; PT_INTERP copied out when present. */
static struct verdict check_segments(Elf *elf, char *interp, size_t interp_len)
{
	const struct verdict bad = { RUNNER_EXIT_NOEXEC, NULL };
	struct verdict v = bad;
	size_t phnum, i, raw_len;
	const char *raw = elf_rawfile(elf, &raw_len);
	bool have_load = false;
	uint64_t load_lo = 0, load_end = 0;
	GElf_Phdr ph;

	interp[0] = '\0';
	if (elf_getphdrnum(elf, &phnum) != 0 || !raw) {
		v.why = "malformed ELF: program headers unreadable";
		return v;
	}
	for (i = 0; i < phnum; i++) {
		if (!gelf_getphdr(elf, (int)i, &ph)) {
			v.why = "malformed ELF: program headers extend past the end of the file";
			return v;
		}
		if (ph.p_type != PT_LOAD && ph.p_type != PT_INTERP)
			continue;
		if (ph.p_offset > raw_len || ph.p_filesz > raw_len - ph.p_offset)
			v.why = "malformed ELF: a segment extends past the end of the file";
		else if (ph.p_filesz > ph.p_memsz)
			v.why = "malformed ELF: a segment's file size exceeds its memory size";
		else if (ph.p_vaddr + ph.p_memsz > 0x100000000ull)
			v.why = "malformed ELF: a segment wraps past 4 GiB";
		else if (ph.p_type == PT_LOAD && ((ph.p_offset ^ ph.p_vaddr) & 0xfff))
			v.why = "malformed ELF: a loadable segment's offset and address differ modulo the page size";
		else if (ph.p_type == PT_LOAD && have_load && ph.p_vaddr < load_end)
			v.why = "malformed ELF: loadable segments overlap or are out of order";
		else if (ph.p_type == PT_LOAD &&
			 ph.p_vaddr + ph.p_memsz - (have_load ? load_lo : ph.p_vaddr) > LOAD_SPAN_MAX)
			v.why = "malformed ELF: loadable segments span more than 3 GiB";
		else if (ph.p_type == PT_INTERP &&
			 (ph.p_filesz < 2 || ph.p_filesz > interp_len ||
			  raw[ph.p_offset] != '/' || raw[ph.p_offset + ph.p_filesz - 1] != '\0' ||
			  strlen(raw + ph.p_offset) + 1 != ph.p_filesz))
			v.why = "malformed ELF: PT_INTERP is not an absolute path";
		if (v.why)
			return v;
		if (ph.p_type == PT_INTERP) {
			memcpy(interp, raw + ph.p_offset, ph.p_filesz);
			continue;
		}
		if (!have_load)
			load_lo = ph.p_vaddr;
		load_end = ph.p_vaddr + ph.p_memsz;
		have_load = true;
	}
	if (!have_load)
		v.why = "malformed ELF: no loadable segment";
	else
		v.code = 0;
	return v;
}

static struct verdict check_elf(int fd, char *interp, size_t interp_len)
{
	struct verdict v = { RUNNER_EXIT_NOEXEC, NULL };
	Elf *elf = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	GElf_Ehdr eh;
	int class;

	if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
		v.why = "not an ELF executable";
		goto out;
	}
	class = gelf_getclass(elf);
	if (class == ELFCLASS64)
		v.why = "a 64-bit ELF program; vdsorun runs i386 programs";
	else if (class != ELFCLASS32 || eh.e_ident[EI_DATA] != ELFDATA2LSB)
		v.why = "not a little-endian ELF32 file";
	else if (eh.e_machine != EM_386)
		v.why = "unsupported machine (not i386)";
	else if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		v.why = "not an executable (ELF type is neither EXEC nor DYN)";
	else
		v = check_segments(elf, interp, interp_len);
out:
	if (elf)
		elf_end(elf);
	return v;
}

/* "#!/path/to/interp arg": copy out the interpreter path. */
static bool script_interpreter(int fd, char *interp, size_t len)
{
	char line[256];
	ssize_t n = pread(fd, line, sizeof(line) - 1, 0);
	char *p, *end;

	if (n < 2 || line[0] != '#' || line[1] != '!')
		return false;
	line[n] = '\0';
	for (p = line + 2; *p == ' ' || *p == '\t'; p++)
		;
	end = p + strcspn(p, " \t\n");
	*end = '\0';
	snprintf(interp, len, "%s", p);
	return true;
}

/* @v, a failure of interpreter @interp (@kind "ELF" or "#!"), said of the interpreter. */
static struct verdict blame_interpreter(const struct runner_opts *opts, const char *kind,
					const char *interp, struct verdict v)
{
	static char msg[PATH_MAX + 256];
	char line[sizeof(msg)];

	if (v.code == RUNNER_EXIT_NOTFOUND)
		snprintf(line, sizeof(line), "%s interpreter %s not found%s", kind, interp,
			 opts->root ? " inside --root" : "");
	else
		snprintf(line, sizeof(line), "%s interpreter %s is unusable: %s", kind, interp, v.why);
	memcpy(msg, line, sizeof(msg));		/* v.why may be msg itself: #! chains */
	v.why = msg;
	return v;
}

/* PT_INTERP must name an i386 ELF file the same checks accept. */
static struct verdict vet_interpreter(const struct runner_opts *opts, const char *interp)
{
	struct verdict v = { RUNNER_EXIT_NOTFOUND, NULL };
	char host[HOST_PATH_MAX], inner[PATH_MAX];
	int fd;

	host_path(opts, interp, host, sizeof(host));
	fd = open(host, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		v = check_elf(fd, inner, sizeof(inner));
		close(fd);
	}
	return v.code ? blame_interpreter(opts, "ELF", interp, v) : v;
}

/* Whether the kernel lets a tracee we trace gain privileges at exec. */
static bool tracer_privileged(void)
{
	struct __user_cap_header_struct head = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct caps[_LINUX_CAPABILITY_U32S_3];

	return syscall(SYS_capget, &head, caps) == 0 &&
	       (caps[CAP_TO_INDEX(CAP_SYS_PTRACE)].effective & CAP_TO_MASK(CAP_SYS_PTRACE));
}

/*
 * A set-user-ID or set-group-ID program under a tracer without
 * CAP_SYS_PTRACE keeps the caller's ids: the kernel ignores the bits.
 */
static void note_lost_privileges(const char *inner, const struct stat *st)
{
	static const char *const bits[] = { NULL, "setgid", "setuid", "setuid and setgid" };
	const char *what = bits[(st->st_mode & (S_ISUID | S_ISGID)) / S_ISGID];

	if (what && !tracer_privileged())
		fprintf(stderr, "vdsorun: %s is %s: it runs without its privileges (as under any tracer)\n",
			inner, what);
}

static struct verdict vet_file(const struct runner_opts *opts, const char *inner, int depth)
{
	struct verdict v = { RUNNER_EXIT_NOTFOUND, "No such file or directory" };
	char host[HOST_PATH_MAX], interp[PATH_MAX];
	struct stat st;
	int fd;

	host_path(opts, inner, host, sizeof(host));
	if (stat(host, &st) != 0) {
		v.why = errno == ENOENT || errno == ENOTDIR ? v.why : strerror(errno);
		return v;
	}
	v.code = RUNNER_EXIT_NOEXEC;
	if (S_ISDIR(st.st_mode)) {
		v.why = "Is a directory";
		return v;
	}
	if (!S_ISREG(st.st_mode) || access(host, X_OK) != 0) {
		v.why = "Permission denied";
		return v;
	}
	fd = open(host, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == EACCES) {
		v.code = 0;		/* execute-only: nothing to vet, the kernel will */
		return v;
	}
	if (fd < 0) {
		v.why = strerror(errno);
		return v;
	}
	if (script_interpreter(fd, interp, sizeof(interp))) {
		close(fd);
		if (depth >= SCRIPT_DEPTH || interp[0] != '/') {
			v.why = "bad #! interpreter";
			return v;
		}
		v = vet_file(opts, interp, depth + 1);
		return v.code ? blame_interpreter(opts, "#!", interp, v) : v;
	}
	v = check_elf(fd, interp, sizeof(interp));
	close(fd);
	if (v.code == 0 && interp[0])
		v = vet_interpreter(opts, interp);
	if (v.code == 0)
		note_lost_privileges(inner, &st);
	return v;
}

/* --root must be a directory: say so of the root, not of PROGRAM inside it. */
static struct verdict vet_root(const char *root)
{
	struct verdict v = { RUNNER_EXIT_USAGE, NULL };
	struct stat st;

	if (stat(root, &st) != 0)
		v.why = strerror(errno);
	else if (!S_ISDIR(st.st_mode))
		v.why = strerror(ENOTDIR);
	else
		v.code = 0;
	return v;
}

int runner_target_check(const struct runner_opts *opts, char *path, size_t pathlen)
{
	const char *prog = opts->argv[0];
	struct verdict v;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return complain(prog, (struct verdict){ RUNNER_EXIT_FAILURE, "libelf unusable" });
	if (opts->root && (v = vet_root(opts->root)).code) {
		char what[PATH_MAX + 16];

		snprintf(what, sizeof(what), "--root %s", opts->root);
		return complain(what, v);
	}
	if (!*prog)
		return complain("''", (struct verdict){ RUNNER_EXIT_NOTFOUND, "No such file or directory" });
	if (strchr(prog, '/')) {
		snprintf(path, pathlen, "%s", prog);
	} else if (!search_path(opts, prog, path, pathlen)) {
		return complain(prog, (struct verdict){ RUNNER_EXIT_NOTFOUND, "command not found" });
	}
	if (opts->root && path[0] != '/')
		return complain(prog, (struct verdict){ RUNNER_EXIT_USAGE,
			"with --root, PROGRAM must be an absolute path or a name on PATH" });
	v = vet_file(opts, path, 0);
	return v.code ? complain(prog, v) : 0;
}
