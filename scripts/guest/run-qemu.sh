#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Boot one guest cell under qemu (TCG) and capture the serial log.
#
#   run-qemu.sh --kernel BZIMAGE --initrd CPIO.GZ --log FILE
#               [--append "CMDLINE"] [--cpu MODEL] [--mem 256M] [--timeout SECS]
#               [--smp N]
#
# --smp N gives the guest N CPUs, one socket each (-smp N,sockets=N; with
# qemu's default of N cores in one socket SeaBIOS's MP table lists only the
# first, so a kernel without ACPI would see one CPU), run by N host threads
# (-accel tcg,thread=multi).  Without it: one CPU, -accel tcg.
#
# The kernel command line always starts with "console=ttyS0 panic=-1"; /init
# reboots when done and qemu runs -no-reboot, so qemu exits by itself (a
# panic reboots too).  Exit status: qemu's, or 124 when the boot did not
# finish within the timeout.  KVM hangs on this machine class: TCG only.
set -eu

kernel= initrd= log= append= cpu=qemu32 mem=256M timeout=60 smp=
while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=$2; shift 2 ;;
	--initrd) initrd=$2; shift 2 ;;
	--log) log=$2; shift 2 ;;
	--append) append=$2; shift 2 ;;
	--cpu) cpu=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--smp) smp=$2; shift 2 ;;
	-h|--help) awk 'NR > 2 && !/^#/ { exit } NR > 2' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "run-qemu.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
[ -n "$kernel" ] && [ -n "$initrd" ] && [ -n "$log" ] || {
	echo "run-qemu.sh: --kernel, --initrd and --log are required" >&2; exit 2; }
[ -f "$kernel" ] || { echo "run-qemu.sh: no kernel $kernel" >&2; exit 2; }
[ -f "$initrd" ] || { echo "run-qemu.sh: no initrd $initrd" >&2; exit 2; }
if [ -n "$smp" ]; then
	case "$smp" in *[!0-9]*|0) echo "run-qemu.sh: --smp needs a CPU count" >&2; exit 2 ;; esac
	set -- -smp "$smp,sockets=$smp" -accel tcg,thread=multi
else
	set -- -accel tcg
fi

rc=0
timeout --kill-after=5 "$timeout" \
	qemu-system-i386 "$@" -cpu "$cpu" -m "$mem" -nographic -no-reboot \
	-monitor none -serial stdio -display none \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 $append" </dev/null >"$log" 2>&1 || rc=$?
exit $rc
