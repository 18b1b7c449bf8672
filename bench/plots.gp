# SPDX-License-Identifier: GPL-2.0-only
# gnuplot -e "dir='build/bench'" bench/plots.gp
# Plots the data files bench-report wrote into DIR.
if (!exists("dir")) dir = 'build/bench'
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
	set terminal pngcairo size 900,520 font ',10'
} else {
	set terminal png size 900,520
}

# 1. syscall round trip per path: medians with min..max bars, log scale
set output dir.'/syscall.png'
set title 'getppid round trip from a 32-bit process (median, min..max over rounds)'
set ylabel 'ns per call (log scale)'
set logscale y
set yrange [50:*]
set style fill solid 0.6 border -1
set boxwidth 0.6
set xtics rotate by -20
set grid ytics
unset key
plot dir.'/syscall.dat' using 1:3:xtic(2) with boxes lc rgb '#4477aa', \
     ''                 using 1:3:4:5 with yerrorbars lc rgb 'black' pt 0, \
     ''                 using ($1+0.22):3:(sprintf('%.0f', $3)) with labels offset 0,0.8
unset logscale y
set yrange [*:*]
set xtics norotate

# 2. relocation cost vs number of symbols / dynamic entries, with the fits
set output dir.'/reloc-scale.png'
load dir.'/scale-fit.gp'
set title 'relvdso\_reloc\_apply (check + rebase) on synthetic images'
set xlabel 'N (symbols and/or dynamic entries)'
set ylabel 'µs per check + apply (best of the rounds)'
set key top left
set grid
set yrange [0:*]
plot dir.'/scale.dat' using 1:($3/1000) with points pt 7 lc rgb '#4477aa' title sprintf('N symbols: %.1f ns/symbol, R^2 %.4f', b0, r2_0), \
     (a0 + b0*x)/1000 with lines lc rgb '#4477aa' notitle, \
     ''             using 1:($6/1000) with points pt 5 lc rgb '#cc6677' title sprintf('N dynamic entries: %.1f ns/entry, R^2 %.4f', b1, r2_1), \
     (a1 + b1*x)/1000 with lines lc rgb '#cc6677' notitle, \
     ''             using 1:($9/1000) with points pt 9 lc rgb '#228833' title sprintf('N of each: %.1f ns/N, R^2 %.4f', b2, r2_2), \
     (a2 + b2*x)/1000 with lines lc rgb '#228833' notitle
set yrange [*:*]

# 3. runner overhead: ratio to native per workload (wall and CPU), targets;
# wider: two modes of vdsorun per workload
set output dir.'/runner.png'
set bmargin 4
if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
	set terminal pngcairo size 1300,560 font ',10'
} else {
	set terminal png size 1300,560
}
set title 'vdsorun / native, whole processes (median of per-round ratios, min..max)'
unset xlabel
set ylabel 'ratio to native'
set xtics norotate font ',8'
set grid ytics
set key top left
set yrange [0:*]
set boxwidth 0.35
plot dir.'/runner.dat' using ($1-0.18):3:xtic(2) with boxes lc rgb '#4477aa' title 'wall clock', \
     ''                using ($1-0.18):3:4:5 with yerrorbars lc rgb 'black' pt 0 notitle, \
     ''                using ($1+0.18):6 with boxes lc rgb '#ddaa33' title 'CPU time (process tree)', \
     ''                using ($1+0.18):6:7:8 with yerrorbars lc rgb 'black' pt 0 notitle, \
     ''                using 1:($9 > 0 ? $9 : 1/0) with points pt 6 ps 2 lw 2 lc rgb 'red' title 'target', \
     1 with lines dt 2 lc rgb 'gray' notitle
