// SPDX-License-Identifier: GPL-2.0-only
/*
 * Signals: glibc's own path (sigaltstack + SA_SIGINFO via raise), and the
 * kernel ABI path with our image's trampolines as sa_restorer — an rt frame
 * returning through __kernel_rt_sigreturn, a legacy frame through
 * __kernel_sigreturn — with an unwind from the handler that must cross the
 * trampoline's signal-frame FDE back into the interrupted function.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unwind.h>

#include "glibc_tests.h"

#define NR_kill		37
#define NR_sigaction	67
#define NR_rt_sigaction	174
#define K_SA_RESTORER	0x04000000u

static char *alt_base;
static size_t alt_size;
static volatile int got_signo, got_code, got_pid, on_alt, ss_onstack;

static void usr1_handler(int sig, siginfo_t *si, void *uc)
{
	stack_t ss;
	char here;

	(void)uc;
	got_signo = sig == si->si_signo ? sig : -1;
	got_code = si->si_code;
	got_pid = si->si_pid;
	on_alt = &here >= alt_base && &here < alt_base + alt_size;
	ss_onstack = sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_ONSTACK);
}

static void check_glibc_signal(void)
{
	struct sigaction sa;
	stack_t ss;

	alt_size = 64 * 1024;
	alt_base = malloc(alt_size);
	ss.ss_sp = alt_base;
	ss.ss_size = alt_size;
	ss.ss_flags = 0;
	ut_check(alt_base && sigaltstack(&ss, NULL) == 0, "sigaltstack installed");
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = usr1_handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	ut_check(got_signo == SIGUSR1 && got_code == SI_TKILL && got_pid == getpid(),
		 "raise(SIGUSR1): SA_SIGINFO handler saw signo %d code %d pid %d", got_signo, got_code, got_pid);
	ut_check(on_alt && ss_onstack, "handler ran on the alternate stack (SS_ONSTACK)");
	signal(SIGUSR1, SIG_DFL);
}

/* ---- our trampolines as restorers ---- */

struct k_rt_sigaction { void *handler; uint32_t flags; uint32_t restorer; uint32_t mask[2]; };
struct k_old_sigaction { void *handler; uint32_t mask; uint32_t flags; uint32_t restorer; };

static uint32_t img_lo, img_hi, sender_lo, sender_hi;
static volatile int handled, saw_trampoline, saw_sender, frames;

static _Unwind_Reason_Code record_frame(struct _Unwind_Context *ctx, void *arg)
{
	uint32_t ip = (uint32_t)_Unwind_GetIP(ctx);

	(void)arg;
	frames++;
	saw_trampoline |= ip >= img_lo && ip < img_hi;
	saw_sender |= ip >= sender_lo && ip < sender_hi;
	return frames > 32 ? _URC_END_OF_STACK : _URC_NO_REASON;
}

static void unwinding_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)si, (void)uc;
	handled++;
	frames = saw_trampoline = saw_sender = 0;
	_Unwind_Backtrace(record_frame, NULL);
}

/* Interrupted here; the unwind from the handler must find this function. */
__attribute__((noinline)) static long send_self(long pid, long sig, volatile long *canary)
{
	long r = ut_int80(NR_kill, pid, sig, 0);

	*canary += 1;		/* the context must be intact after sigreturn */
	return r;
}

__attribute__((noinline)) static void send_self_end(void) { __asm__ volatile(""); }

static void check_trampolines(const struct vdso_view *v)
{
	/* x86 builds an rt frame only with SA_SIGINFO, a legacy frame otherwise */
	struct k_rt_sigaction rt = { (void *)unwinding_handler, K_SA_RESTORER | SA_SIGINFO, 0, { 0, 0 } };
	struct k_old_sigaction old = { (void *)unwinding_handler, 0, K_SA_RESTORER, 0 };
	volatile long canary = 41;
	long pid = getpid();

	img_lo = v->ehdr;
	img_hi = v->ehdr + 4096;
	sender_lo = (uint32_t)(uintptr_t)send_self;
	sender_hi = sender_lo + 96;
	(void)send_self_end;

	rt.restorer = ut_vdso_sym(v, RELVDSO_SYM_RT_SIGRETURN);
	ut_check(ut_int80_4(NR_rt_sigaction, SIGUSR2, (long)&rt, 0, 8) == 0, "rt_sigaction with sa_restorer = __kernel_rt_sigreturn");
	handled = 0;
	send_self(pid, SIGUSR2, &canary);
	ut_check(handled == 1 && canary == 42, "rt signal frame returned through __kernel_rt_sigreturn");
	ut_check(saw_trampoline && saw_sender, "unwind from the handler crossed __kernel_rt_sigreturn into the sender (%d frames)",
		 frames);

	old.restorer = ut_vdso_sym(v, RELVDSO_SYM_SIGRETURN);
	ut_check(ut_int80(NR_sigaction, SIGUSR2, (long)&old, 0) == 0, "sigaction with sa_restorer = __kernel_sigreturn");
	handled = 0;
	send_self(pid, SIGUSR2, &canary);
	ut_check(handled == 1 && canary == 43, "legacy signal frame returned through __kernel_sigreturn");
	ut_check(saw_trampoline && saw_sender, "unwind from the handler crossed __kernel_sigreturn into the sender (%d frames)",
		 frames);
	signal(SIGUSR2, SIG_DFL);
}

void glibc_check_signals(const struct vdso_view *v)
{
	check_glibc_signal();
	if (v)
		check_trampolines(v);
}
