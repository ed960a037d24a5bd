/**
 * `npm run bench`: every scenario, each against a baseline measured in the
 * same run, printed and written to bench/RESULTS.md. Sizes can be reduced
 * for a quick look: `npm run bench -- --quick`.
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchAlerts, alertsSection } from './alerts.bench.ts';
import { benchBinary } from './binary.bench.ts';
import { benchEngine } from './engine.bench.ts';
import { benchIntake } from './intake.bench.ts';
import { benchKnowledge, knowledgeSection } from './knowledge.bench.ts';
import { root } from './process.ts';
import { benchQueue } from './queue.bench.ts';
import { benchReports } from './reports.bench.ts';
import { benchWriteVolume } from './write-volume.bench.ts';

const quick = process.argv.includes('--quick');
/** `--only=reports` (or intake, engine, queue, binary, alerts, knowledge): that scenario alone, printed; RESULTS.md is left as it is. */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const runs = (scenario: string) => !only || only === scenario;
const size = { alertSeconds: quick ? 3 : 10, intakeSeconds: quick ? 3 : 10, engineSeconds: quick ? 1 : 3, tickets: quick ? 100_000 : 1_000_000, samples: quick ? 50 : 200, starts: quick ? 3 : 7 };

const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
const num = (v: number) => Math.round(v).toLocaleString('en');
const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

const lines: string[] = [];
const out = (line = '') => {
  lines.push(line);
  console.log(line);
};

out('# Benchmark results');
out();
out(`Written by \`npm run bench\`${quick ? ' --quick' : ''} on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB.`);
out('Every figure is compared with a baseline measured in the same run, so ratios mean more than absolute numbers on a noisy machine.');
out();

let intake: Awaited<ReturnType<typeof benchIntake>> | undefined;
if (runs('intake')) {
console.error('intake over HTTP…');
intake = await benchIntake(size.intakeSeconds);
const [constant, insert, uncached, desk] = intake.runs as [typeof intake.runs[0], typeof intake.runs[0], typeof intake.runs[0], typeof intake.runs[0]];
out(`## 1. Intake throughput (autocannon, 50 connections, ${size.intakeSeconds} s each)`);
out();
out('| server | req/s | p50 | p99 | vs constant | vs one insert | errors |');
out('|---|---:|---:|---:|---:|---:|---:|');
for (const r of intake.runs) out(`| ${r.name} | ${num(r.requestsPerSecond)} | ${r.p50} ms | ${r.p99} ms | ${pct(r.requestsPerSecond, constant.requestsPerSecond)} | ${pct(r.requestsPerSecond, insert.requestsPerSecond)} | ${r.failed} |`);
out();
out(`Each desk submission wrote a ticket, its events and its outbox rows in one transaction; ${num(intake.ticketsWritten)} tickets were stored and none lacked its events or notifications. The statement cache is worth ${pct(desk.requestsPerSecond, uncached.requestsPerSecond)} of the uncached rate.`);
out();
out(`- Target: intake ≥ 50% of the plain-insert baseline: ${pct(desk.requestsPerSecond, insert.requestsPerSecond)} — ${verdict(desk.requestsPerSecond >= insert.requestsPerSecond / 2)}`);
out(`- Target: p99 < 50 ms at 50 connections: ${desk.p99} ms — ${verdict(desk.p99 < 50)}`);
out();
const volume = await benchWriteVolume();
out(`Pages written to the write-ahead log per submission (4 KiB each): desk ${volume.deskPages.toFixed(1)} one at a time, ${volume.deskPagesInBursts.toFixed(1)} in bursts of fifty; plain insert ${volume.insertPages.toFixed(1)}. Alone, a submission writes ${(volume.deskPages / volume.insertPages).toFixed(0)}× the baseline's volume: the ticket row and each index it is in (queue, assignee, requester, recent updates, escalation time…), three history rows, the outbox rows, the full-text index and the ticket counter. Submissions that arrive together share one transaction, each in its own savepoint (group commit), so they write those pages and commit once.`);
out();

}

if (runs('engine')) {
console.error('engine alone…');
const [engine, logic] = benchEngine(size.engineSeconds) as [ReturnType<typeof benchEngine>[0], ReturnType<typeof benchEngine>[0]];
out('## 2. Engine alone (one core, in process)');
out();
out('| work | per second | µs each |');
out('|---|---:|---:|');
for (const r of [engine, logic]) out(`| ${r.name} | ${num(r.perSecond)} | ${r.microseconds.toFixed(1)} |`);
out();
out(`A whole submission costs ${(engine.microseconds / logic.microseconds).toFixed(1)}× evaluating its rules alone.`);
out();

}

if (runs('queue')) {
console.error(`seeding ${num(size.tickets)} tickets…`);
const queue = await benchQueue(size.tickets, size.samples);
out(`## 3. Queue at scale (${num(queue.tickets)} tickets, ${num(queue.activeTickets)} active; ${size.samples} samples each)`);
out();
out(`Seeded in ${queue.seedSeconds.toFixed(1)} s (${num(queue.tickets / queue.seedSeconds)} tickets/s with their events and search index, batches of 50,000); file ${queue.fileMb.toFixed(0)} MB.`);
out();
out('| query | p50 | p99 | target (p99) |');
out('|---|---:|---:|---|');
for (const t of queue.timings) {
  const target = t.name.startsWith('text search') ? 100 : 25;
  out(`| ${t.name} | ${ms(t.p50)} | ${ms(t.p99)} | < ${target} ms — ${verdict(t.p99 < target)} |`);
}
out();

out('## 4. SLA scheduler wake-up (every ticket open)');
out();
out('| pass | p50 | p99 | target (p99) |');
out('|---|---:|---:|---|');
for (const t of queue.scheduler) out(`| ${t.name} | ${ms(t.p50)} | ${ms(t.p99)} | < 50 ms — ${verdict(t.p99 < 50)} |`);
const [smallFind, smallPass, largeFind, largePass] = queue.scheduler as [typeof queue.scheduler[0], typeof queue.scheduler[0], typeof queue.scheduler[0], typeof queue.scheduler[0]];
out();
out(`Both sizes hold the same 50 tickets due in the next minute; ten times the open tickets costs ${(largeFind.p50 / smallFind.p50).toFixed(1)}× the time to find them and ${(largePass.p50 / smallPass.p50).toFixed(1)}× the time of a whole escalation pass. A pass looks at each due ticket as its own unit of work (a savepoint; the pass commits once), fires its due rules (${queue.firedPerPass} firings for the 50: history, internal notes and mail written to the outbox) and schedules its next look; the baseline is the bare indexed query.`);
out();

}

if (runs('reports')) {
console.error(`seeding ${num(size.tickets)} tickets for the reports…`);
const reports = await benchReports(size.tickets, quick ? 3 : 5);
out(`## 5. Manager's reports (${num(reports.tickets)} tickets over 12 months, each report over the whole 12 months)`);
out();
out(`Seeded in ${reports.seedSeconds.toFixed(1)} s. Baseline: ${reports.baseline.name}, p50 ${ms(reports.baseline.p50)}.`);
out();
out('| report | p50 | max | vs baseline | target |');
out('|---|---:|---:|---:|---|');
for (const r of reports.reports) out(`| ${r.name} | ${ms(r.p50)} | ${ms(r.p99)} | ${(r.p50 / reports.baseline.p50).toFixed(1)}× | < 1 s — ${verdict(r.p99 < 1000)} |`);
out(`| ${reports.page.name} | ${ms(reports.page.p50)} | ${ms(reports.page.p99)} | ${(reports.page.p50 / reports.baseline.p50).toFixed(1)}× | |`);
out();
out(`Before a report runs, the desk works out the report facts of tickets resolved since the last one: ${ms(reports.factsPerThousandMs)} per 1,000 tickets.`);
out();

}

if (intake) {
out('## 6. Memory (production build, `deskwright serve`)');
out();
out(`| state | resident |`);
out('|---|---:|');
out(`| idle, after start | ${intake.memory.idleMb.toFixed(0)} MB |`);
out(`| after the intake run | ${intake.memory.afterIntakeMb.toFixed(0)} MB |`);
out();
out(`- Target: idle under 150 MB: ${verdict(intake.memory.idleMb < 150)}`);
out();

}

if (runs('binary')) {
console.error('one executable…');
const binary = await benchBinary(size.starts);
out(`## 6. One executable (\`npm run build:binary\`, ${binary.samples} starts each)`);
out();
out('| how it runs | size | start to /healthz, p50 | max |');
out('|---|---:|---:|---:|');
out(`| \`node dist/deskwright.mjs serve\` (baseline; needs node ${binary.nodeMb.toFixed(0)} MB and node_modules) | ${binary.bundleMb.toFixed(1)} MB | ${ms(binary.node.p50)} | ${ms(binary.node.max)} |`);
out(`| \`dist/deskwright serve\` | ${binary.binaryMb.toFixed(1)} MB | ${ms(binary.binary.p50)} | ${ms(binary.binary.max)} |`);
out();
out(`Each start opens an empty database, runs every migration and publishes the shipped workflows. The executable's very first start, which also unpacks its files into the cache folder, took ${ms(binary.coldMs)}. It starts in ${pct(binary.binary.p50, binary.node.p50)} of the baseline's time.`);

}

if (runs('alerts')) {
console.error('alert intake over HTTP…');
out();
for (const line of alertsSection(await benchAlerts(size.alertSeconds), size.alertSeconds)) out(line);

}

if (runs('knowledge')) {
console.error(`knowledge suggestions at ${num(size.tickets)} tickets…`);
out();
for (const line of knowledgeSection(await benchKnowledge(10_000, size.tickets, size.samples))) out(line);
}

if (only) console.error('--only: bench/RESULTS.md left as it was');
else {
  writeFileSync(join(root, 'bench/RESULTS.md'), `${lines.join('\n')}\n`);
  console.error('wrote bench/RESULTS.md');
}
