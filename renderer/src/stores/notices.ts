// Short messages for the snackbar: what just happened, or why it did not.
import { defineStore } from 'pinia';

export interface Notice {
  id: number;
  text: string;
  tone: 'success' | 'error' | 'info';
}

let nextId = 1;

export const useNoticesStore = defineStore('notices', {
  state: () => ({ notices: [] as Notice[] }),
  actions: {
    show(text: string, tone: Notice['tone'] = 'success'): void {
      this.notices.push({ id: nextId++, text, tone });
    },
    /** Runs an action; when it is refused, the refusal is the notice. */
    async attempt(action: () => Promise<unknown>): Promise<boolean> {
      try {
        await action();
        return true;
      } catch (error) {
        this.show(error instanceof Error ? error.message : String(error), 'error');
        return false;
      }
    },
    dismiss(id: number): void {
      this.notices = this.notices.filter((notice) => notice.id !== id);
    },
  },
});
