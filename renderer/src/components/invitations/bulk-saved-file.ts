// Issue 13: a CSV the core wrote for the person (the results, the template):
// saved where the save-as dialog said, or, in the web console, downloaded
// by the browser. Either way the person is told where it went.
import type { SavedCsv } from '@shared/api/bulk-invitations-contract';
import { useNoticesStore } from '../../stores/notices';

export function offerSavedCsv(saved: SavedCsv, what: string): void {
  const notices = useNoticesStore();
  if (saved.status === 'saved') notices.show(`${what} saved to ${saved.filePath}`);
  if (saved.status === 'download') {
    const link = document.createElement('a');
    link.href = saved.url;
    link.download = saved.fileName;
    link.click();
    notices.show(`${what} downloaded as ${saved.fileName}`);
  }
}
