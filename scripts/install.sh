#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install or remove relvdso: tools, public headers, the static library, the
# images, a pkg-config file and the man pages.
#
#   install.sh install|uninstall|list DESTDIR PREFIX BUILD "TOOL..." "MANPAGE..."
#
# One manifest (below) says what goes where; `install` copies it, `uninstall`
# removes exactly those files (then the directories that are left empty and
# are relvdso's own, or lie inside a non-empty DESTDIR), `list` prints the
# installed paths.  Running from the source tree: headers come from
# include/relvdso/, the man pages from man/.
set -eu
[ $# -eq 6 ] || { echo "usage: install.sh install|uninstall|list DESTDIR PREFIX BUILD TOOLS MANPAGES" >&2; exit 2; }
action=$1 destdir=$2 prefix=$3 build=$4 tools=$5 mans=$6
root="$destdir$prefix"

# manifest: "MODE SOURCE DEST" lines, DEST relative to PREFIX.  The source
# "-" is relvdso.pc, generated from scripts/relvdso.pc.in.
manifest() {
	for tool in $tools; do
		echo "0755 $build/bin/$tool bin/$tool"
	done
	for h in include/relvdso/*.h; do
		echo "0644 $h include/relvdso/${h##*/}"
	done
	echo "0644 $build/lib/librelvdso.a lib/librelvdso.a"
	for m in int80 sysenter syscall; do
		echo "0644 $build/vdso/vdso-$m.so share/relvdso/vdso-$m.so"
		echo "0644 $build/vdso/vdso-$m.so.dbg share/relvdso/vdso-$m.so.dbg"
	done
	echo "0644 - lib/pkgconfig/relvdso.pc"
	for page in $mans; do
		name=${page##*/}
		echo "0644 $page share/man/man${name##*.}/$name"
	done
}

case "$action" in
install)
	manifest | while read -r mode src dest; do
		if [ "$src" = - ]; then
			mkdir -p "$(dirname "$root/$dest")"
			sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$(cat VERSION)|g" \
				scripts/relvdso.pc.in > "$root/$dest.tmp"
			chmod "$mode" "$root/$dest.tmp"
			mv "$root/$dest.tmp" "$root/$dest"
		else
			install -D -m "$mode" "$src" "$root/$dest"
		fi
	done
	echo "relvdso installed under $root"
	;;
uninstall)
	manifest | while read -r mode src dest; do
		rm -f "$root/$dest"
	done
	# Directories: relvdso's own ones always go when empty; the shared ones
	# (bin, lib/pkgconfig, share/man/man1, ...) and PREFIX itself only inside
	# a DESTDIR, never on the live system.
	manifest | while read -r mode src dest; do
		d=$(dirname "$dest")
		while [ "$d" != . ]; do
			case "$d" in
			include/relvdso|share/relvdso) rmdir "$root/$d" 2>/dev/null || true ;;
			*) [ -n "$destdir" ] && { rmdir "$root/$d" 2>/dev/null || true; } ;;
			esac
			d=$(dirname "$d")
		done
	done
	if [ -n "$destdir" ]; then
		d=$prefix
		while [ "$d" != / ] && [ -n "$d" ]; do
			rmdir "$destdir$d" 2>/dev/null || break
			d=$(dirname "$d")
		done
	fi
	echo "relvdso removed from $root"
	;;
list)
	manifest | while read -r mode src dest; do echo "$root/$dest"; done
	;;
*)
	echo "install.sh: unknown action '$action'" >&2; exit 2 ;;
esac
