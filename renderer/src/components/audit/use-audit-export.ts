// X1/D3: "Export CSV" of the audit log as the page runs it: the core asks the
// hub (which records the export), opens the save-as dialog (or, in the web
// console, hands a download over) and writes the file, reporting its
// progress; the page then says where the file went, or that nothing was
// saved, or why not. What it says stays until the next export.
import { onScopeDispose, shallowRef } from 'vue';
import { callOrThrow, onApiEvent } from '../../api/client';
import type { AuditQuery } from './audit-filters';

export type ExportOutcome = { tone: 'success' | 'info' | 'error'; text: string };

// undefined: the locale of the person's system, as the rest of the window uses.
const numbers = new Intl.NumberFormat(undefined);
const entriesWord = (count: number): string => `${numbers.format(count)} ${count === 1 ? 'entry' : 'entries'}`;

export function useAuditExport() {
  /** Entries written so far and how many the hub counted, while an export runs. */
  const progress = shallowRef<{ written: number; total: number } | null>(null);
  const outcome = shallowRef<ExportOutcome | null>(null);
  const stop = onApiEvent((event) => {
    if (event.name === 'export.progress' && progress.value !== null) progress.value = event.payload;
  });
  onScopeDispose(stop);

  async function exportCsv(query: AuditQuery, timeZone: string): Promise<void> {
    progress.value = { written: 0, total: 0 };
    outcome.value = null;
    try {
      const result = await callOrThrow('audit.exportCsv', { ...query, timeZone });
      if (result.status === 'cancelled') outcome.value = { tone: 'info', text: 'Export cancelled: no file was saved.' };
      if (result.status === 'saved') outcome.value = { tone: 'success', text: `${entriesWord(result.rowCount)} exported to ${result.filePath}` };
      if (result.status === 'download') {
        const link = document.createElement('a');
        link.href = result.url;
        link.download = result.fileName;
        link.click();
        outcome.value = { tone: 'success', text: `${entriesWord(result.rowCount)} exported to “${result.fileName}” in your downloads` };
      }
    } catch (failure) {
      outcome.value = { tone: 'error', text: failure instanceof Error ? failure.message : String(failure) };
    } finally {
      progress.value = null;
    }
  }

  return { progress, outcome, exportCsv, entriesWord };
}
