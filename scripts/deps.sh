#!/bin/sh
# Install the Debian packages a make target needs, if any are missing.
#   scripts/deps.sh GROUP...      groups: base (build + unit tests)
# As root: apt-get installs them.  Otherwise: print the exact command, exit 1.
# A failing `apt-get update` (one index caught mid mirror-sync) is tolerated:
# only a failing install is fatal.  Installs never remove anything
# (--no-remove): with one architecture's index stale, apt would otherwise
# "solve" a version skew by removing libc6-dev and the compilers.
set -u

pkgs_base="gcc gcc-multilib make libelf-dev check pkg-config"

need_i386=no
wanted=""
for group in "$@"; do
	case "$group" in
	base) wanted="$wanted $pkgs_base" ;;
	*) echo "deps.sh: unknown group '$group'" >&2; exit 2 ;;
	esac
done

missing=""
for p in $wanted; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)
	[ "$status" = installed ] || missing="$missing $p"
done
case "$missing" in *:i386*) need_i386=yes ;; esac

if [ -z "$missing" ]; then
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "relvdso: missing Debian packages:$missing" >&2
	[ $need_i386 = yes ] && echo "  run as root: dpkg --add-architecture i386 && apt-get update" >&2
	echo "  run as root: apt-get install -y$missing" >&2
	exit 1
fi

echo "relvdso: installing:$missing"
if [ $need_i386 = yes ] && ! dpkg --print-foreign-architectures | grep -qx i386; then
	dpkg --add-architecture i386
fi
export DEBIAN_FRONTEND=noninteractive
apt_update() {
	apt-get update -q >/dev/null 2>&1 || echo "relvdso: apt-get update reported a failed index (mirror sync?); continuing" >&2
}
apt_update
for attempt in 1 2 3; do
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends --no-remove $missing && exit 0
	echo "relvdso: apt-get install failed (attempt $attempt); refreshing indexes" >&2
	sleep 5
	apt_update
done
echo "relvdso: could not install:$missing" >&2
exit 1
