/** The reports API, typed from its route; and the CSV link of a report with the same query. */
import { hc } from 'hono/client';
import type { reportRoutes } from '../../../../server/reports/reports.routes.ts';
import type { ReportTable as Table } from '../../../../server/reports/report.schema.ts';
import { call } from '../../lib/api/client.ts';

const base = typeof location === 'undefined' ? 'http://localhost' : location.origin;
const reports = hc<typeof reportRoutes>(base).api.reports[':report'];

export type ReportName = 'volume' | 'backlog' | 'today' | 'sla' | 'times' | 'quality' | 'agents' | 'satisfaction' | 'comments' | 'complaints' | 'deflections';

export interface ReportFilters {
  from: string;
  to: string;
  timeZone: string;
  queue?: string;
  priority?: 'P1' | 'P2' | 'P3' | 'P4';
}

const clean = (f: ReportFilters) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as ReportFilters;

export type ReportTable = Table & { summary?: Record<string, number | null> };

/** One report as JSON (the route also answers CSV, which the UI only links to). */
export const loadReport = async (report: ReportName, filters: ReportFilters): Promise<ReportTable> =>
  (await call(reports.$get({ param: { report }, query: clean(filters) }))) as ReportTable;

export const csvHref = (report: ReportName, filters: ReportFilters) => `/api/reports/${report}?${new URLSearchParams({ ...clean(filters), format: 'csv' } as Record<string, string>)}`;
