export { buildRunReport, loadRunReport } from './build-run-report.js';
export { escapeHtml } from './escape-html.js';
export { type ReportContext, renderReport } from './render-report.js';
export type { RejectedDuplicateCluster, RunReport } from './run-report.js';
