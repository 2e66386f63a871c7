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

    for raw in log_lines:
        line = PRINTK_TIME.sub('', raw.rstrip('\n').replace('\t', '    '))
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
            params.append(('PASS' if ok else 'FAIL', name))
        elif depth == 1 and suite is not None:
            full = '%s.%s' % (suite, name)
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
            if skip and run.suites[-1][1:4] == [0, 0, 0]:
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
