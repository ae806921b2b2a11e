# AnyStyle's parsing time on a file of references, one a line, for benchmarks/distinct_speed.py --anystyle.
#
#   . ../shared/tools/anystyle/env.sh && ruby benchmarks/anystyle_parse_time.rb FILE
#
# AnyStyle (development only, never a dependency) is installed from source as ../shared/tools/anystyle/README.md
# says. Its parser and model load once and parse five lines untimed; then every line is parsed in one call, and
# one line is printed: lines, CPU seconds, wall seconds, references per CPU second.
require 'anystyle'

abort "usage: ruby #{$0} FILE" unless ARGV[0]
lines = File.readlines(ARGV[0], chomp: true).map(&:strip).reject(&:empty?)
abort "no lines in #{ARGV[0]}" if lines.empty?

parser = AnyStyle.parser
parser.parse(lines.first(5), format: 'hash')

cpu0 = Process.clock_gettime(Process::CLOCK_PROCESS_CPUTIME_ID)
wall0 = Process.clock_gettime(Process::CLOCK_MONOTONIC)
result = parser.parse(lines, format: 'hash')
wall = Process.clock_gettime(Process::CLOCK_MONOTONIC) - wall0
cpu = Process.clock_gettime(Process::CLOCK_PROCESS_CPUTIME_ID) - cpu0

warn "warning: #{result.size} results for #{lines.size} lines" if result.size != lines.size
puts format('lines=%d cpu_seconds=%.4f wall_seconds=%.4f refs_per_cpu_second=%.1f',
            lines.size, cpu, wall, lines.size / cpu)
