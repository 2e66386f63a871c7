#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Turn the console log of a KUnit UML run into the project's result lines.

    ktap_results.py RAW_LOG RESULTS_TXT

RESULTS_TXT gets one line per test case (one per parameter for
parameterized cases):

    PASS kunit: SUITE.CASE
    FAIL kunit: SUITE.CASE
    SKIP kunit: SUITE.CASE: WHY

plus "FAIL kunit: run" when the kernel stopped before every announced suite
finished (a crash, a hang, a panic) or when no test case ran at all.

A kernel splat (a KASAN report, BUG:, WARNING:, UBSAN:, an Oops, a
panic: see SPLAT) fails the test case it was printed in, even
when KUnit itself reported that case "ok" (the kernel does not tell KUnit
about KASAN reports unless CONFIG_KASAN_KUNIT_TEST is set, and never about
a WARN); the splat's first line is shown with the case's diagnostics. A
splat after a suite's last case (its exit) fails the suite; one at boot,
in a suite's init (printed before the suite's header in 6.1) or between
suites fails the run.

Stdout gets one summary line per suite and the diagnostics of failed cases.
Exit status: 0 when nothing failed, 1 otherwise.

The KTAP shape is the one lib/kunit/test.c prints in Linux 6.1: suites
indented by 4 spaces under the top-level plan, parameters by 8.
"""

import re
import sys

KTAP_START = re.compile(r'K?TAP version \d+')
RESULT = re.compile(r'(ok|not ok) (\d+) (?:- )?(.*?)(?: # (SKIP)\s*(.*))?$')
SUBTEST = re.compile(r'# Subtest: (.*)$')
PLAN = re.compile(r'1\.\.(\d+)$')
PRINTK_TIME = re.compile(r'^\[\s*\d+\.\d+\]\s?')
# First lines of kernel reports, printed unindented. The same bar as the
# guest's dmesg check (tests/vm/guest-runner.sh); lockdep, RCU and
# refcount reports start with "WARNING:".
SPLAT = re.compile(r'(?:BUG: |WARNING: |UBSAN: |Oops|kernel BUG at |'
                   r'general protection fault|Kernel panic|'
                   r'INFO: task .* blocked for more than|'
                   r'refcount_t: |list_(?:add|del) corruption)')
# The last line of a KASAN report or of a WARN/BUG trace.
SPLAT_END = re.compile(r'(?:={20,}$|---\[ end trace)')


class Run:
    def __init__(self):
        self.lines = []          # result lines, in order
        self.suites = []         # [name, passed, failed, skipped, done]
        self.diag = {}           # "SUITE.CASE" -> diagnostic lines
        self.failed = False
        self.cases = 0

    def emit(self, verdict, name, why=''):
        self.cases += 1
        if verdict == 'FAIL':
            self.failed = True
        line = '%s kunit: %s' % (verdict, name)
        if verdict == 'SKIP':
            line += ': ' + (why or 'skipped')
        self.lines.append(line)
        if self.suites:
            idx = {'PASS': 1, 'FAIL': 2, 'SKIP': 3}[verdict]
            self.suites[-1][idx] += 1


def parse(log_lines):
    run = Run()
    started = False
    plan = None              # number of suites the executor announced
    suite = None             # current suite name
    suite_fails = 0          # FAIL lines emitted for the current suite
    params = []              # (verdict, desc) of the current param case
    diag = []                # '#' lines since the last case result
    splats = []              # kernel reports since the last result
    case_splats = []         # ... in the parameters of the current case
    outside = []             # ... at boot, between suites, at the end
    in_report = False        # inside a report's body (not KTAP)

    for raw in log_lines:
        line = PRINTK_TIME.sub('', raw.rstrip('\n').replace('\t', '    '))
        if SPLAT.match(line):
            (splats if suite is not None else outside).append(
                'kernel: ' + line.strip())
            in_report = True
            continue
        if in_report:
            # Its stack and memory dump are no case diagnostics.
            if SPLAT_END.match(line):
                in_report = False
                continue
            body = line.lstrip(' ')
            if not (RESULT.match(body) or SUBTEST.match(body) or
                    PLAN.match(body) or KTAP_START.match(body) or
                    body.startswith('#')):
                continue
            in_report = False
        if not started:
            m = KTAP_START.search(line)
            if not m:
                continue
            started = True
            line = line[m.start():]
        body = line.lstrip(' ')
        depth = (len(line) - len(body)) // 4

        m = PLAN.match(body)
        if m and depth == 0 and plan is None:
            plan = int(m.group(1))
            continue
        m = SUBTEST.match(body)
        if m:
            if depth == 1:
                suite = m.group(1).strip()
                suite_fails = 0
                run.suites.append([suite, 0, 0, 0, False])
            params = []
            diag = []
            continue
        m = RESULT.match(body)
        if not m:
            # Assertion messages: "# case: EXPECTATION FAILED at ..."
            # and the indented lines that follow it.
            if depth >= 1 and body and not KTAP_START.match(body) \
                    and not PLAN.match(body):
                diag.append(body)
            continue
        ok = m.group(1) == 'ok'
        name = m.group(3).strip()
        skip = m.group(4) is not None
        why = (m.group(5) or '').strip()

        if depth >= 2:
            if splats:
                ok = False
                case_splats += splats
                splats = []
            params.append(('PASS' if ok else 'FAIL', name))
        elif depth == 1 and suite is not None:
            full = '%s.%s' % (suite, name)
            case_splats += splats
            splats = []
            if case_splats:
                ok = False
                skip = False
                diag += case_splats
                case_splats = []
            if skip:
                run.emit('SKIP', full, why)
            elif params:
                for verdict, desc in params:
                    run.emit(verdict, '%s[%s]' % (full, desc))
                if not ok and all(v == 'PASS' for v, _ in params):
                    run.emit('FAIL', full)
            else:
                run.emit('PASS' if ok else 'FAIL', full)
            if not ok and not skip:
                suite_fails += 1
                run.diag[full] = diag
            params = []
            diag = []
        elif depth == 0:
            # End of a suite; an init failure has no case lines.
            if suite is None or suite != name:
                run.suites.append([name, 0, 0, 0, False])
                suite_fails = 0
            if splats:
                # In the suite's init or exit, or after its last case.
                run.emit('FAIL', name)
                run.diag[name] = diag + splats
                splats = []
            elif skip and run.suites[-1][1:4] == [0, 0, 0]:
                run.emit('SKIP', name, why)
            elif not ok and not skip and suite_fails == 0:
                run.emit('FAIL', name)
                run.diag[name] = diag
            run.suites[-1][4] = True
            suite = None
            diag = []

    problems = []
    if not started:
        problems.append('no KTAP output: the kernel did not run the tests')
    unfinished = [s[0] for s in run.suites if not s[4]]
    if unfinished:
        problems.append('suite %s did not finish (crash or hang?)' %
                        ', '.join(unfinished))
    done = sum(1 for s in run.suites if s[4])
    if plan is not None and done < plan:
        problems.append('%d of %d suites reported' % (done, plan))
    if started and run.cases == 0:
        problems.append('no test case ran')
    outside += case_splats + splats
    if outside:
        problems.append('kernel report outside any test case: ' +
                        '; '.join(s[len('kernel: '):] for s in outside[:3]))
    return run, problems


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], errors='replace') as f:
        run, problems = parse(f)
    if problems:
        run.lines.append('FAIL kunit: run')
        run.failed = True
    with open(sys.argv[2], 'w') as f:
        for line in run.lines:
            f.write(line + '\n')

    for name, passed, failed, skipped, done in run.suites:
        state = 'FAIL' if failed or not done else 'ok  '
        print('kunit: %s %s: %d passed, %d failed, %d skipped' %
              (state, name, passed, failed, skipped))
    for name, lines in run.diag.items():
        print('kunit: FAIL %s' % name)
        for line in lines[-20:]:
            print('    ' + line)
    for p in problems:
        print('kunit: FAIL run: %s' % p)
    total = {v: sum(1 for l in run.lines if l.startswith(v + ' '))
             for v in ('PASS', 'FAIL', 'SKIP')}
    print('kunit: %d passed, %d failed, %d skipped' %
          (total['PASS'], total['FAIL'], total['SKIP']))
    sys.exit(1 if run.failed else 0)


if __name__ == '__main__':
    main()
