import { escapeHtml } from './escape-html.js';
import { formatCount } from './format-figures.js';
import type { ContaminationSummary } from './run-report.js';

/** The held-out (and seed) items generated records reproduced, most often first. */
export function contaminationSection(summary: ContaminationSummary): string {
  const rows = summary.items
    .map(
      (entry) =>
        `<tr><td>${escapeHtml(entry.reason)}</td><td>${escapeHtml(entry.file)}</td><td class="num">${escapeHtml(`${entry.item}${entry.id === undefined ? '' : ` (${entry.id})`}`)}</td><td>${escapeHtml(entry.kinds.join(', '))}</td><td class="num">${formatCount(entry.count)}</td></tr>`,
    )
    .join('');
  return `<p class="muted">${escapeHtml(`${formatCount(summary.total)} generated records were rejected for overlapping a held-out item (contamination) or copying a seed (seed-copy): exactly, as a near-duplicate, or by a shared run of 13 words / 20 CJK characters.`)}</p><table><thead><tr><th>reason</th><th>file</th><th>item</th><th>overlap</th><th>records</th></tr></thead><tbody>${rows}</tbody></table>`;
}
