#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The pristine Linux source of series KVER as a git repository, made once:
# Debian's linux-source-$KVER tarball unpacked and committed, the commit
# tagged "pristine".  Every tree relvdso builds or generates from is a
# worktree of it (the series' work tree, the guest tree); the repository's
# own checkout is never modified, and it is the stock tree.
#
#   kernel-src.sh            print the repository's path (make it if needed)
#   kernel-src.sh --worktree DIR REV
#                            make DIR a worktree of it at REV, detached and
#                            clean (a `git am` left half done is abandoned);
#                            an existing one is checked out, which rewrites
#                            only the files that differ
#
# Environment: KVER (default kernel-glue/default-series), BUILD (default
# build), LINUX_TARBALL (default /usr/src/linux-source-$KVER.tar.xz).
# The commit has a fixed author, committer and date, so its hash (and so
# every generated patch's) is the same on every machine.
# Exit status: 0 done, 1 a step failed, 2 bad usage.
set -eu
usage() { awk 'NR > 2 && !/^#/ { exit } NR > 2' "$0" | sed 's/^# \{0,1\}//'; }
worktree='' rev=''
case "${1:-}" in
"") ;;
--worktree) [ $# -eq 3 ] || { usage >&2; exit 2; }; worktree=$2 rev=$3 ;;
-h|--help) usage; exit 0 ;;
*) echo "kernel-src.sh: unknown argument $1" >&2; usage >&2; exit 2 ;;
esac
. "$(dirname "$0")/env.sh"
TARBALL=${LINUX_TARBALL:-/usr/src/linux-source-$KVER.tar.xz}
src=$BUILD/src/linux-$KVER

die() { echo "kernel-src: $*" >&2; exit 1; }

# worktree DIR REV: DIR at REV, detached and clean
worktree() {
	if [ -e "$1/.git" ]; then
		git -C "$1" am --abort >/dev/null 2>&1 || true
		git -C "$1" checkout -q -f --detach "$2"
	else
		rm -rf "$1"
		git -C "$src" worktree prune
		git -C "$src" worktree add -q --detach "$1" "$2"
	fi
	git -C "$1" clean -q -f -d -x
}

if git -C "$src" rev-parse -q --verify refs/tags/pristine >/dev/null 2>&1; then
	if [ -n "$worktree" ]; then
		worktree "$worktree" "$rev"
	else
		echo "$src"
	fi
	exit 0
fi
[ -f "$TARBALL" ] || die "no $TARBALL (apt-get install linux-source-$KVER)"
echo "kernel-src: importing $TARBALL into $src" >&2
rm -rf "$src" "$src.tmp"
mkdir -p "$src.tmp"
tar -xJf "$TARBALL" -C "$src.tmp"
top=$(ls "$src.tmp")
mv "$src.tmp/$top" "$src"
rmdir "$src.tmp"
ver=$(make -s --no-print-directory -C "$src" kernelversion 2>/dev/null) || die "no kernel version in $TARBALL"
# the fixed identity of the import (not of the series: that is in series.conf)
export GIT_AUTHOR_NAME="Debian linux-source-$KVER" GIT_AUTHOR_EMAIL="debian-kernel@lists.debian.org"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="2000-01-01T00:00:00Z" GIT_COMMITTER_DATE="2000-01-01T00:00:00Z"
(
	cd "$src"
	git init -q
	git config core.autocrlf false
	git config gc.auto 0
	git add -A -f .
	git commit -q --no-verify -m "Linux $ver (Debian linux-source-$KVER)"
	git tag pristine
) || die "cannot commit the tree in $src"
if [ -n "$worktree" ]; then
	worktree "$worktree" "$rev"
else
	echo "$src"
fi
