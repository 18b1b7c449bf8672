// SPDX-License-Identifier: GPL-2.0-only
// vdso-go: a GOARCH=386 program on relvdso's vDSO.  Proves the Go runtime
// resolved its vDSO clock symbol (runtime.vdsoClockgettimeSym) inside OUR
// image — found through the real auxv on the stack (runtime.argc/argv) — at
// the address an independent ELF lookup of that image gives, and that
// time.Now() works and advances.  With the vDSO disabled the symbol is 0
// and time still works (the runtime falls back to the system call).
//
//	vdso-go --expect=compat --addr=ADDR | --expect=normal | --expect=none [--entry=...]
package main

import (
	"bufio"
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

//go:linkname vdsoClockgettimeSym runtime.vdsoClockgettimeSym
var vdsoClockgettimeSym uintptr

//go:linkname runtimeArgc runtime.argc
var runtimeArgc int32

//go:linkname runtimeArgv runtime.argv
var runtimeArgv **byte

const (
	atSysinfo     = 32
	atSysinfoEhdr = 33
	page          = 4096
	normalLo      = 0xc0000000
	normalHi      = 0xf0000000
)

var checks, failed int

func check(ok bool, format string, a ...interface{}) bool {
	checks++
	verdict := "ok"
	if !ok {
		failed++
		verdict = "FAIL"
	}
	fmt.Printf("vdso-go: %s: %s\n", verdict, fmt.Sprintf(format, a...))
	return ok
}

func word(p uintptr) uintptr { return *(*uintptr)(unsafe.Pointer(p)) }

// The auxv the program was started with: after argv[], NULL, envp[], NULL.
func stackAuxv() map[uintptr]uintptr {
	p := uintptr(unsafe.Pointer(runtimeArgv)) + uintptr(runtimeArgc+1)*4
	for word(p) != 0 {
		p += 4
	}
	p += 4
	av := map[uintptr]uintptr{}
	for ; word(p) != 0; p += 8 {
		av[word(p)] = word(p + 4)
	}
	return av
}

// The mapping holding addr, and where the host's [vdso] is.
func mapsLookup(addr uintptr) (perms, name string, hostVdso uintptr) {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 5 {
			continue
		}
		r := strings.SplitN(fields[0], "-", 2)
		lo, _ := strconv.ParseUint(r[0], 16, 64)
		hi, _ := strconv.ParseUint(r[1], 16, 64)
		path := ""
		if len(fields) > 5 {
			path = fields[5]
		}
		if path == "[vdso]" {
			hostVdso = uintptr(lo)
		}
		if uint64(addr) >= lo && uint64(addr) < hi {
			perms, name = fields[1], path
		}
	}
	return
}

func entryOf(b []byte) string {
	switch {
	case !bytes.HasPrefix(b, []byte{0x51, 0x52, 0x55}):
		return "unknown"
	case bytes.HasPrefix(b[3:], []byte{0xcd, 0x80}):
		return "int80"
	case bytes.HasPrefix(b[3:], []byte{0x89, 0xcd, 0x0f, 0x05}):
		return "syscall"
	case bytes.HasPrefix(b[3:], []byte{0x89, 0xe5, 0x0f, 0x34}):
		return "sysenter"
	}
	return "unknown"
}

// Where an independent reading of the image (section headers included) puts __vdso_clock_gettime.
func lookupClock(img []byte, ehdr uintptr) (uintptr, error) {
	f, err := elf.NewFile(bytes.NewReader(img))
	if err != nil {
		return 0, err
	}
	var load uint64
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD {
			load = p.Vaddr
			break
		}
	}
	syms, err := f.DynamicSymbols()
	if err != nil {
		return 0, err
	}
	for _, s := range syms {
		// go1.19's debug/elf reads no version definitions: match the name
		if s.Name == "__vdso_clock_gettime" {
			return ehdr - uintptr(load) + uintptr(s.Value), nil
		}
	}
	return 0, fmt.Errorf("no __vdso_clock_gettime")
}

func checkVdso(mode string, addr uintptr, entry, host string, av map[uintptr]uintptr) {
	ehdr, haveEhdr := av[atSysinfoEhdr]
	sysinfo, haveSysinfo := av[atSysinfo]
	sym := vdsoClockgettimeSym
	fmt.Printf("vdso-go: note: AT_SYSINFO_EHDR %#08x AT_SYSINFO %#08x runtime.vdsoClockgettimeSym %#08x\n",
		ehdr, sysinfo, sym)
	if mode == "none" {
		check(!haveEhdr && !haveSysinfo, "vDSO disabled: no AT_SYSINFO* in the auxv")
		check(sym == 0, "runtime.vdsoClockgettimeSym is 0 (no vDSO to resolve from)")
		return
	}
	if !check(haveEhdr && haveSysinfo && ehdr != 0, "AT_SYSINFO_EHDR and AT_SYSINFO present") {
		return
	}
	if mode == "compat" {
		check(ehdr == addr, "compat: AT_SYSINFO_EHDR %#08x == expected %#08x", ehdr, addr)
	} else if host == "vdsorun" {
		check(ehdr >= normalLo && ehdr < normalHi, "normal: AT_SYSINFO_EHDR %#08x in the random window", ehdr)
	} else { // a kernel maps it per process below TASK_SIZE
		check(ehdr < 0xc0000000 && ehdr%page == 0, "normal: AT_SYSINFO_EHDR %#08x a page below 0xc0000000", ehdr)
	}
	perms, name, hostVdso := mapsLookup(ehdr)
	if host == "vdsorun" {
		check(perms == "r-xp" && name == "", "maps: %#08x is an anonymous r-xp mapping (%q %q)", ehdr, perms, name)
		check(hostVdso != ehdr, "host's [vdso] (%#08x) is not the advertised image", hostVdso)
	} else {
		check(perms == "r-xp" && name == "[vdso]", "maps: %#08x is the kernel's r-xp [vdso] (%q %q)", ehdr, perms, name)
	}
	img := unsafe.Slice((*byte)(unsafe.Pointer(ehdr)), page)
	check(bytes.Contains(img, []byte("__kernel_vsyscall_landing_pad\x00")),
		"the image exports __kernel_vsyscall_landing_pad (relvdso's)")
	check(sym >= ehdr && sym < ehdr+page, "runtime.vdsoClockgettimeSym %#08x lies inside our image [%#08x, +4096)", sym, ehdr)
	want, err := lookupClock(img, ehdr)
	check(err == nil && sym == want, "the runtime's symbol == independent lookup %#08x (%v)", want, err)
	if sysinfo >= ehdr && sysinfo < ehdr+page {
		got := entryOf(img[sysinfo-ehdr : sysinfo-ehdr+8])
		check(entry == "any" || got == entry, "entry method %s (expected %s)", got, entry)
	} else {
		check(false, "AT_SYSINFO %#08x outside the image", sysinfo)
	}
}

// checkTime's monotonicity loop; a tracer lowers it (--readings=N), since
// every reading is a traced system call under relvdso.
var readings = 10000

func checkTime() {
	var tv syscall.Timeval
	t1 := time.Now()
	time.Sleep(20 * time.Millisecond)
	t2 := time.Now()
	check(t2.Sub(t1) >= 20*time.Millisecond && t2.Sub(t1) < 5*time.Second,
		"time.Now() advances across a 20ms sleep (%v)", t2.Sub(t1))
	err := syscall.Gettimeofday(&tv)
	wall := time.Unix(int64(tv.Sec), int64(tv.Usec)*1000)
	d := time.Now().Sub(wall)
	check(err == nil && d > -time.Second && d < time.Second, "time.Now() agrees with gettimeofday (%v)", d)
	prev := time.Now()
	mono := true
	for i := 0; i < readings; i++ {
		now := time.Now()
		if now.Before(prev) {
			mono = false
		}
		prev = now
	}
	check(mono, "%d time.Now() readings never go back", readings)
}

func main() {
	mode, entry, host := "", "any", "vdsorun"
	var addr uint64
	for _, a := range os.Args[1:] {
		switch {
		case strings.HasPrefix(a, "--expect="):
			mode = a[len("--expect="):]
		case strings.HasPrefix(a, "--addr="):
			addr, _ = strconv.ParseUint(a[len("--addr="):], 0, 32)
		case strings.HasPrefix(a, "--entry="):
			entry = a[len("--entry="):]
		case strings.HasPrefix(a, "--readings="):
			n, err := strconv.Atoi(a[len("--readings="):])
			if err != nil || n < 1 {
				mode = "bad"
			}
			readings = n
		case a == "--host=vdsorun" || a == "--host=kernel":
			host = a[len("--host="):]
		default:
			mode = "bad"
		}
	}
	if (mode != "compat" && mode != "normal" && mode != "none") || (mode == "compat") != (addr != 0) {
		fmt.Fprintln(os.Stderr, "usage: vdso-go --expect=compat --addr=ADDR | --expect=normal | --expect=none [--entry=E] [--host=vdsorun|kernel] [--readings=N]")
		os.Exit(2)
	}
	checkVdso(mode, uintptr(addr), entry, host, stackAuxv())
	checkTime()
	verdict := "PASS"
	if failed > 0 {
		verdict = "FAIL"
	}
	fmt.Printf("vdso-go: %d checks, %d failed: %s\n", checks, failed, verdict)
	if failed > 0 {
		os.Exit(1)
	}
}
